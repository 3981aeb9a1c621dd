// pyidl/convert/number.h: converters for the fixed-width integers, double/float and bool.
//
// Integers accept int (and its subclasses, so True is 1) and any object with __index__,
// like operator.index(); float and str are rejected with TypeError "... must be int, not
// float". Out-of-range values raise OverflowError with the text CPython's Argument Clinic
// converters use for the same C type, so a pyidl function reads like a builtin one:
//   int8   "Python int too large to convert to C signed char"  (pyidl, by analogy with int)
//   int16  "signed short integer is less than minimum" / "... is greater than maximum"
//   int32  "Python int too large to convert to C int"
//   int64  "Python int too large to convert to C long"
//   uint8  "unsigned byte integer is greater than maximum"
//   uint16 "Python int too large for C unsigned short"
//   uint32 "Python int too large for C unsigned int"
//   uint64 "Python int too large to convert to C unsigned long"
//   unsigned, negative value: "can't convert negative int to unsigned" (as
//   PyLong_AsUnsignedLongLong; Clinic's unsigned converters differ among themselves).
// The TypeError deliberately names the parameter, where Clinic's integer converters say
// only "'str' object cannot be interpreted as an integer".
#pragma once

#include "pyidl/convert.h"
#include "pyidl/detail/stable_abi.h"

#include <limits>

PYIDL_NAMESPACE_BEGIN
namespace detail {

template <class T>
inline constexpr bool is_bound_integer_v =
    std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
    !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> &&
    !std::is_same_v<T, char16_t> && !std::is_same_v<T, char32_t>;

// Picks the message for an integer type by its signedness and size, so that int64_t (long)
// and long long share one text.
template <bool Signed, std::size_t Size>
struct int_text;
template <> struct int_text<true, 1> {
  static constexpr const char* too_small = "Python int too large to convert to C signed char";
  static constexpr const char* too_big = too_small;
};
template <> struct int_text<true, 2> {
  static constexpr const char* too_small = "signed short integer is less than minimum";
  static constexpr const char* too_big = "signed short integer is greater than maximum";
};
template <> struct int_text<true, 4> {
  static constexpr const char* too_small = "Python int too large to convert to C int";
  static constexpr const char* too_big = too_small;
};
template <> struct int_text<true, 8> {
  static constexpr const char* too_small = "Python int too large to convert to C long";
  static constexpr const char* too_big = too_small;
};
template <> struct int_text<false, 1> {
  static constexpr const char* too_big = "unsigned byte integer is greater than maximum";
};
template <> struct int_text<false, 2> {
  static constexpr const char* too_big = "Python int too large for C unsigned short";
};
template <> struct int_text<false, 4> {
  static constexpr const char* too_big = "Python int too large for C unsigned int";
};
template <> struct int_text<false, 8> {
  static constexpr const char* too_big = "Python int too large to convert to C unsigned long";
};

// `d` as a float. Out-of-range double -> float conversion is undefined behaviour in C++;
// this saturates to +-inf explicitly (what IEEE hardware does anyway). NaN stays NaN.
constexpr float saturate_to_float(double d) noexcept {
  constexpr double max = std::numeric_limits<float>::max();
  return d > max    ? std::numeric_limits<float>::infinity()
         : d < -max ? -std::numeric_limits<float>::infinity()
                    : static_cast<float>(d);
}

}  // namespace detail

// Fixed-width integers (int8_t ... uint64_t and the other standard integer types; not
// bool or the character types) <-> int.
template <class T>
struct converter<T, std::enable_if_t<detail::is_bound_integer_v<T>>> {
  using text = detail::int_text<std::is_signed_v<T>, sizeof(T)>;
  static constexpr const char* python_name = "int";

  static bool from_python(PyObject* src, T& out, const arg_context& ctx) noexcept {
    // Fast path: an exact int small enough to be "compact" (one digit, |v| < 2**30) is read
    // straight from the object with the 3.12+ public PyUnstable_Long_* inlines; no call.
    // (Not in the limited API, where every int takes the call below.)
#ifndef Py_LIMITED_API
    if (PyLong_CheckExact(src) && PyUnstable_Long_IsCompact(reinterpret_cast<PyLongObject*>(src))) {
      const Py_ssize_t v = PyUnstable_Long_CompactValue(reinterpret_cast<PyLongObject*>(src));
      if (in_range(v)) {
        out = static_cast<T>(v);
        return true;
      }
    }
#endif
    if constexpr (std::is_signed_v<T>) {
      long long v = 0;
      if (!detail::long_from_python(src, v, std::numeric_limits<T>::min(),
                                    std::numeric_limits<T>::max(), text::too_small,
                                    text::too_big, ctx)) {
        return false;
      }
      out = static_cast<T>(v);
    } else {
      unsigned long long v = 0;
      if (!detail::ulong_from_python(src, v, std::numeric_limits<T>::max(), text::too_big,
                                     ctx)) {
        return false;
      }
      out = static_cast<T>(v);
    }
    return true;
  }

  static PyObject* to_python(T value) noexcept {
    if constexpr (std::is_signed_v<T>) {
      return PyLong_FromLongLong(value);
    } else {
      return PyLong_FromUnsignedLongLong(value);
    }
  }

 private:
  static constexpr bool in_range(Py_ssize_t v) noexcept {
    if constexpr (std::is_signed_v<T>) {
      return v >= std::numeric_limits<T>::min() && v <= std::numeric_limits<T>::max();
    } else {
      return v >= 0 && static_cast<std::size_t>(v) <= std::numeric_limits<T>::max();
    }
  }
};

// double <-> float. Accepts what the C API's PyFloat_AsDouble accepts (float, int, objects
// with __float__ or __index__) but not str: "f() argument 'x' must be float, not str".
// An int too large for a double raises OverflowError "int too large to convert to float".
template <>
struct converter<double> {
  static constexpr const char* python_name = "float";

  static bool from_python(PyObject* src, double& out, const arg_context& ctx) noexcept {
    if (PyFloat_CheckExact(src)) {  // fast path: read the value, no call
      out = detail::float_value(src);
      return true;
    }
    return detail::double_from_python(src, out, ctx);
  }
  static PyObject* to_python(double value) noexcept { return PyFloat_FromDouble(value); }
};

// float (C++) <-> float, converting through double; values outside float's range become
// +-inf (C conversion rules; struct.pack("f") would raise instead). Prefer double.
template <>
struct converter<float> {
  static constexpr const char* python_name = converter<double>::python_name;

  static bool from_python(PyObject* src, float& out, const arg_context& ctx) noexcept {
    double d = 0;
    if (!converter<double>::from_python(src, d, ctx)) {
      return false;
    }
    out = detail::saturate_to_float(d);
    return true;
  }
  static PyObject* to_python(float value) noexcept { return PyFloat_FromDouble(value); }
};

// bool <-> bool. Only True and False are accepted: the IDL type `bool` means a real bool,
// so 1, 0, None or a list are a TypeError ("f() argument 'flag' must be bool, not int")
// rather than being silently tested for truth.
template <>
struct converter<bool> {
  static constexpr const char* python_name = "bool";

  static bool from_python(PyObject* src, bool& out, const arg_context& ctx) noexcept {
    if (src == Py_True) {
      out = true;
      return true;
    }
    if (src == Py_False) {
      out = false;
      return true;
    }
    return detail::raise_type_error(ctx, python_name, src);
  }
  static PyObject* to_python(bool value) noexcept {
    return Py_NewRef(value ? Py_True : Py_False);
  }
};

PYIDL_NAMESPACE_END
