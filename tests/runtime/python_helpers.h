// python_helpers.h: small helpers the runtime tests share (evaluating Python, checking errors).
#pragma once

#include "pyidl/runtime.h"

#include <string>

namespace pyidl_test {

// Evaluates a Python expression in a fresh namespace with builtins (and any modules named
// in `imports`, comma separated, imported first). Returns a new reference; a Python error
// fails the current test with its message.
pyidl::ref eval(const std::string& expression, const std::string& imports = "");

// Runs Python statements in a namespace and returns that namespace (a dict).
pyidl::ref exec(const std::string& statements);

// The current Python exception, cleared: "<TypeName>: <str(exc)>", or "" if none is set.
std::string take_error();

// str(obj) as UTF-8 (empty on failure, error cleared).
std::string str(PyObject* obj);

// The current reference count of obj (for ownership tests).
Py_ssize_t refcount(PyObject* obj);

}  // namespace pyidl_test
