// pyidl/std/detail/import.h: finds a standard-library module or class in the calling interpreter.
#pragma once

#include "pyidl/config.h"
#include "pyidl/object.h"

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Returns a new reference to the module `name` of the calling interpreter, importing it if
// it is not yet in sys.modules; nullptr with an exception set on failure.
inline PyObject* import_module(const char* name) noexcept {
  ref text = ref::steal(PyUnicode_FromString(name));
  if (!text) {
    return nullptr;
  }
  // A sys.modules lookup first: PyImport_ImportModule goes through builtins.__import__,
  // which costs about 0.6 us more per conversion once the module is there (3.13).
  PyObject* module = PyImport_GetModule(text.get());
  if (module != nullptr || PyErr_Occurred()) {
    return module;
  }
  return PyImport_Import(text.get());
}

// Returns a new reference to `module`.`name` (datetime.timedelta, pathlib.Path) as the
// calling interpreter has it now, or nullptr with an exception set.
//
// Looked up on every conversion, never kept. Classes belong to one interpreter, so a C++
// static would hand one interpreter's class to another (PyDateTime_IMPORT, which fills a
// process-wide pointer, is excluded for the same reason); a per-interpreter cache
// (pyidl::per_interpreter) would be safe but would miss a module replaced or patched
// later (importlib.reload, freezegun's FakeDatetime), to save less than CPython's own
// construction of a timedelta costs (measured on 3.13: this lookup 0.3 us, creating the
// timedelta 0.5 us, a whole to_python(std::chrono::seconds) 0.9 us).
inline PyObject* import_attr(const char* module, const char* name) noexcept {
  ref m = ref::steal(import_module(module));
  return m ? PyObject_GetAttrString(m.get(), name) : nullptr;
}

}  // namespace detail
PYIDL_NAMESPACE_END
