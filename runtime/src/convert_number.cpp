// convert_number.cpp: slow paths of the integer and float converters (see convert/number.h).
#include "pyidl/convert.h"
#include "pyidl/object.h"

PYIDL_NAMESPACE_BEGIN
namespace detail {
PyObject* index_from_python(PyObject* src, const arg_context& ctx) noexcept {
  if (PyLong_Check(src)) {
    return Py_NewRef(src);
  }
  if (!PyIndex_Check(src)) {
    raise_type_error(ctx, converter<long long>::python_name, src);
    return nullptr;
  }
  return PyNumber_Index(src);
}

bool long_from_python(PyObject* src, long long& out, long long min, long long max,
                      const char* too_small, const char* too_big,
                      const arg_context& ctx) noexcept {
  ref value = ref::steal(index_from_python(src, ctx));
  if (!value) {
    return false;
  }
  // AndOverflow reports out-of-range values through `overflow` instead of raising, so the
  // message can be the one for the target width.
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(value.get(), &overflow);
  if (v == -1 && PyErr_Occurred()) {
    return false;
  }
  if (overflow < 0 || v < min) {
    PyErr_SetString(PyExc_OverflowError, too_small);
    return false;
  }
  if (overflow > 0 || v > max) {
    PyErr_SetString(PyExc_OverflowError, too_big);
    return false;
  }
  out = v;
  return true;
}

bool ulong_from_python(PyObject* src, unsigned long long& out, unsigned long long max,
                       const char* too_big, const arg_context& ctx) noexcept {
  ref value = ref::steal(index_from_python(src, ctx));
  if (!value) {
    return false;
  }
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(value.get(), &overflow);
  if (v == -1 && PyErr_Occurred()) {
    return false;
  }
  if (overflow < 0 || (overflow == 0 && v < 0)) {
    PyErr_SetString(PyExc_OverflowError, "can't convert negative int to unsigned");
    return false;
  }
  unsigned long long u = static_cast<unsigned long long>(v);
  if (overflow > 0) {
    // Between 2**63 and beyond: only uint64 can still hold it.
    u = PyLong_AsUnsignedLongLong(value.get());
    if (u == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
      // Replace CPython's generic "int too big to convert" with the type's own text.
      if (!PyErr_ExceptionMatches(PyExc_OverflowError)) {
        return false;
      }
      PyErr_Clear();
      PyErr_SetString(PyExc_OverflowError, too_big);
      return false;
    }
  }
  if (u > max) {
    PyErr_SetString(PyExc_OverflowError, too_big);
    return false;
  }
  out = u;
  return true;
}

bool double_from_python(PyObject* src, double& out, const arg_context& ctx) noexcept {
  if (PyLong_Check(src)) {
    // Exact conversion, or OverflowError "int too large to convert to float".
    out = PyLong_AsDouble(src);
    return !(out == -1.0 && PyErr_Occurred());
  }
  // What PyFloat_AsDouble would accept: __float__, or (since 3.10) __index__. Checked up
  // front so that a str gets our named TypeError rather than "must be real number, not str".
  if (!PyFloat_Check(src) && PyType_GetSlot(Py_TYPE(src), Py_nb_float) == nullptr &&
      !PyIndex_Check(src)) {
    return raise_type_error(ctx, converter<double>::python_name, src);
  }
  out = PyFloat_AsDouble(src);
  return !(out == -1.0 && PyErr_Occurred());
}

}  // namespace detail
PYIDL_NAMESPACE_END
