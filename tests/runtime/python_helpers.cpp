// python_helpers.cpp: the shared helpers of the runtime tests.
#include "python_helpers.h"

#include <catch2/catch.hpp>

namespace pyidl_test {

using pyidl::ref;

std::string str(PyObject* obj) {
  ref s = ref::steal(PyObject_Str(obj));
  const char* utf8 = s ? PyUnicode_AsUTF8(s.get()) : nullptr;
  if (utf8 == nullptr) {
    PyErr_Clear();
    return "";
  }
  return utf8;
}

std::string take_error() {
  ref exc = ref::steal(PyErr_GetRaisedException());
  if (!exc) {
    return "";
  }
  return std::string(Py_TYPE(exc.get())->tp_name) + ": " + str(exc.get());
}

Py_ssize_t refcount(PyObject* obj) { return Py_REFCNT(obj); }

namespace {
ref fresh_namespace() {
  ref ns = ref::steal(PyDict_New());
  REQUIRE(ns);
  REQUIRE(PyDict_SetItemString(ns.get(), "__builtins__", PyEval_GetBuiltins()) == 0);
  return ns;
}
}  // namespace

ref exec(const std::string& statements) {
  ref ns = fresh_namespace();
  ref result = ref::steal(PyRun_String(statements.c_str(), Py_file_input, ns.get(), ns.get()));
  if (!result) {
    FAIL("Python error: " << take_error() << "\nin:\n" << statements);
  }
  return ns;
}

ref eval(const std::string& expression, const std::string& imports) {
  ref ns = fresh_namespace();
  if (!imports.empty()) {
    ref done = ref::steal(
        PyRun_String(("import " + imports).c_str(), Py_file_input, ns.get(), ns.get()));
    if (!done) {
      FAIL("Python error: " << take_error());
    }
  }
  ref result = ref::steal(PyRun_String(expression.c_str(), Py_eval_input, ns.get(), ns.get()));
  if (!result) {
    FAIL("Python error: " << take_error() << "\nin: " << expression);
  }
  return result;
}

}  // namespace pyidl_test
