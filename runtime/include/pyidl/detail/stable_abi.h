// pyidl/detail/stable_abi.h: the CPython accessors the runtime uses whose fast forms (macros
// and inlines that read object layouts) are not in the limited API.
//
// On a full-API build each is the macro CPython's own code uses. Under Py_LIMITED_API (a
// STABLE_ABI module, one binary for every CPython >= 3.12) each is the checked function of
// the stable ABI instead: a call rather than a load, and errors a macro would never check
// (the callers only pass objects of the right type, so these never fail there).
#pragma once

#include <string>

#include "pyidl/config.h"

PYIDL_NAMESPACE_BEGIN
namespace detail {

#ifdef Py_LIMITED_API

inline Py_ssize_t tuple_size(PyObject* tuple) noexcept { return PyTuple_Size(tuple); }
inline PyObject* tuple_item(PyObject* tuple, Py_ssize_t i) noexcept {
  return PyTuple_GetItem(tuple, i);  // borrowed
}
inline void tuple_init_item(PyObject* tuple, Py_ssize_t i, PyObject* item) noexcept {
  PyTuple_SetItem(tuple, i, item);  // steals `item`
}
inline Py_ssize_t list_size(PyObject* list) noexcept { return PyList_Size(list); }
inline PyObject* list_item(PyObject* list, Py_ssize_t i) noexcept {
  return PyList_GetItem(list, i);  // borrowed
}
inline void list_init_item(PyObject* list, Py_ssize_t i, PyObject* item) noexcept {
  PyList_SetItem(list, i, item);  // steals `item`
}
inline Py_ssize_t dict_size(PyObject* dict) noexcept { return PyDict_Size(dict); }
inline double float_value(PyObject* exact_float) noexcept { return PyFloat_AsDouble(exact_float); }

#else

inline Py_ssize_t tuple_size(PyObject* tuple) noexcept { return PyTuple_GET_SIZE(tuple); }
inline PyObject* tuple_item(PyObject* tuple, Py_ssize_t i) noexcept {
  return PyTuple_GET_ITEM(tuple, i);  // borrowed
}
// Only for a new tuple that no other code has seen yet.
inline void tuple_init_item(PyObject* tuple, Py_ssize_t i, PyObject* item) noexcept {
  PyTuple_SET_ITEM(tuple, i, item);  // steals `item`
}
inline Py_ssize_t list_size(PyObject* list) noexcept { return PyList_GET_SIZE(list); }
inline PyObject* list_item(PyObject* list, Py_ssize_t i) noexcept {
  return PyList_GET_ITEM(list, i);  // borrowed
}
// Only for a new list that no other code (and so no other thread) has seen yet.
inline void list_init_item(PyObject* list, Py_ssize_t i, PyObject* item) noexcept {
  PyList_SET_ITEM(list, i, item);  // steals `item`
}
inline Py_ssize_t dict_size(PyObject* dict) noexcept { return PyDict_GET_SIZE(dict); }
inline double float_value(PyObject* exact_float) noexcept { return PyFloat_AS_DOUBLE(exact_float); }

#endif

// The name CPython's argument errors use for an object's type ("not str"): tp_name. The
// limited API has no tp_name; there it is the type's __name__, which differs only for C
// types whose tp_name is dotted ("datetime.date" is then "date").
std::string type_name(PyObject* obj);

}  // namespace detail
PYIDL_NAMESPACE_END
