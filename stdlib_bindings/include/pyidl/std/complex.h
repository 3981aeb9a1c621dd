// pyidl/std/complex.h: std::complex<double> and std::complex<float> <-> complex.
//
// Limited API: yes (the numbers go through complex() and PyComplex_RealAsDouble/ImagAsDouble).
#pragma once

#include "pyidl/convert.h"
#include "pyidl/object.h"

#include <complex>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Whether complex(src) would take `src` as a number, the way cmath's functions do: a
// complex, or an object with __complex__, __float__ or __index__ (int, bool, float,
// fractions.Fraction, decimal.Decimal, numpy scalars). A str never is: complex("1j")
// parses text, which a numeric parameter must not do.
inline bool is_complex_like(PyObject* src) noexcept {
  if (PyUnicode_Check(src)) {
    return false;
  }
  return PyComplex_Check(src) || PyFloat_Check(src) || PyIndex_Check(src) ||
         PyType_GetSlot(Py_TYPE(src), Py_nb_float) != nullptr ||
         PyObject_HasAttrString(reinterpret_cast<PyObject*>(Py_TYPE(src)), "__complex__") != 0;
}

}  // namespace detail

// std::complex<double> <-> complex. Accepts what cmath.sqrt() accepts: complex, int, float,
// bool (as int does) and objects with __complex__, __float__ or __index__; anything else,
// str included, is a TypeError "f() argument 'z' must be complex, not str". Conversion
// errors of those hooks (an int too large for a float: OverflowError) propagate.
template <>
struct converter<std::complex<double>> {
  static constexpr const char* python_name = "complex";

  static bool from_python(PyObject* src, std::complex<double>& out,
                          const arg_context& ctx) noexcept {
    if (PyComplex_Check(src)) {
      out = {PyComplex_RealAsDouble(src), PyComplex_ImagAsDouble(src)};  // cannot fail
      return true;
    }
    if (!detail::is_complex_like(src)) {
      return raise_type_error(ctx, python_name, src);
    }
    // complex(src): __complex__ first, else __float__ or __index__, exactly as CPython.
    ref z = ref::steal(
        PyObject_CallFunctionObjArgs(reinterpret_cast<PyObject*>(&PyComplex_Type), src, nullptr));
    if (!z) {
      return false;
    }
    out = {PyComplex_RealAsDouble(z.get()), PyComplex_ImagAsDouble(z.get())};
    return true;
  }

  static PyObject* to_python(const std::complex<double>& value) noexcept {
    return PyComplex_FromDoubles(value.real(), value.imag());
  }
};

// std::complex<float> <-> complex, through std::complex<double>; parts outside float's
// range become +-inf, as the float converter does.
template <>
struct converter<std::complex<float>> {
  static constexpr const char* python_name = converter<std::complex<double>>::python_name;

  static bool from_python(PyObject* src, std::complex<float>& out,
                          const arg_context& ctx) noexcept {
    std::complex<double> z;
    if (!converter<std::complex<double>>::from_python(src, z, ctx)) {
      return false;
    }
    out = {detail::saturate_to_float(z.real()), detail::saturate_to_float(z.imag())};
    return true;
  }

  static PyObject* to_python(const std::complex<float>& value) noexcept {
    return PyComplex_FromDoubles(value.real(), value.imag());
  }
};

PYIDL_NAMESPACE_END
