// python_helpers.h: small helpers the runtime tests share (evaluating Python, checking errors).
#pragma once

#include "pyidl/runtime.h"

#include <string>

#include <catch2/catch.hpp>

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

// Checks that to_python(value) equals the object of a Python expression, with the same type.
template <class T>
void check_to_python(const T& value, const std::string& expected_expression) {
  pyidl::ref obj = pyidl::ref::steal(pyidl::to_python(value));
  REQUIRE(obj);
  pyidl::ref expected = eval(expected_expression);
  CHECK(Py_TYPE(obj.get()) == Py_TYPE(expected.get()));
  CHECK(PyObject_RichCompareBool(obj.get(), expected.get(), Py_EQ) == 1);
}

// Converts the value of a Python expression to T, requiring success.
template <class T>
T convert_ok(const std::string& expression, const pyidl::arg_context& ctx) {
  pyidl::ref obj = eval(expression);
  T out{};
  const bool ok = pyidl::from_python(obj.get(), out, ctx);
  INFO(expression << " -> " << take_error());
  REQUIRE(ok);
  return out;
}

// Converts the value of a Python expression to T, requiring failure; returns the error as
// "Type: message".
template <class T>
std::string convert_error(const std::string& expression, const pyidl::arg_context& ctx) {
  pyidl::ref obj = eval(expression);
  T out{};
  CHECK_FALSE(pyidl::from_python(obj.get(), out, ctx));
  return take_error();
}

}  // namespace pyidl_test
