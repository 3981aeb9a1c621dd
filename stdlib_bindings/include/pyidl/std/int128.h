// pyidl/std/int128.h: __int128 and unsigned __int128 <-> int, with exact range checks.
//
// GCC and Clang only (they have __int128 on 64-bit targets). Limited API: yes; the values
// that do not fit 64 bits are split and joined with Python's own int arithmetic
// (PyLong_AsNativeBytes would do it in one call, but only exists from 3.13).
#pragma once

#include "pyidl/convert.h"
#include "pyidl/object.h"

#include <limits>

#ifndef __SIZEOF_INT128__
#error "pyidl/std/int128.h needs a compiler with __int128 (GCC or Clang on a 64-bit target)"
#endif

PYIDL_NAMESPACE_BEGIN

// The 128-bit integer types, spelled so that -Wpedantic accepts them in user code too.
__extension__ typedef __int128 int128_t;
__extension__ typedef unsigned __int128 uint128_t;

namespace detail {

// Returns `value` >> 64 (Python's floor shift: for a negative value, the two's complement
// high half) as a new reference, and its low 64 bits in `low`; nullptr with an exception set
// on failure. `value` is an int.
inline ref int_high_half(PyObject* value, unsigned long long& low) noexcept {
  low = PyLong_AsUnsignedLongLongMask(value);
  if (low == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
    return ref();
  }
  ref shift = ref::steal(PyLong_FromLong(64));
  return shift ? ref::steal(PyNumber_Rshift(value, shift.get())) : ref();
}

// Returns the int high * 2**64 + low (a new reference; nullptr with an exception set).
// `high` is an int, negative for a negative two's complement value.
inline PyObject* int_from_halves(ref high, unsigned long long low) noexcept {
  ref shift = ref::steal(PyLong_FromLong(64));
  ref low_part = ref::steal(PyLong_FromUnsignedLongLong(low));
  if (!high || !shift || !low_part) {
    return nullptr;
  }
  ref shifted = ref::steal(PyNumber_Lshift(high.get(), shift.get()));
  return shifted ? PyNumber_Add(shifted.get(), low_part.get()) : nullptr;
}

}  // namespace detail

// int128_t <-> int. Accepts int and objects with __index__ (bool too, as the other integer
// converters do); float and str are a TypeError "f() argument 'x' must be int, not float".
// Outside [-2**127, 2**127): OverflowError "Python int too large to convert to C __int128"
// (worded after CPython's "... to convert to C long").
template <>
struct converter<int128_t> {
  static constexpr const char* python_name = converter<long long>::python_name;
  static constexpr const char* too_big = "Python int too large to convert to C __int128";

  static bool from_python(PyObject* src, int128_t& out, const arg_context& ctx) noexcept {
    ref value = ref::steal(detail::index_from_python(src, ctx));
    if (!value) {
      return false;
    }
    int overflow = 0;
    const long long small = PyLong_AsLongLongAndOverflow(value.get(), &overflow);
    if (small == -1 && PyErr_Occurred()) {
      return false;
    }
    if (overflow == 0) {  // the common case: it fits 64 bits
      out = small;
      return true;
    }
    unsigned long long low = 0;
    ref high = detail::int_high_half(value.get(), low);
    if (!high) {
      return false;
    }
    const long long high_bits = PyLong_AsLongLongAndOverflow(high.get(), &overflow);
    if (high_bits == -1 && PyErr_Occurred()) {
      return false;
    }
    if (overflow != 0) {
      PyErr_SetString(PyExc_OverflowError, too_big);
      return false;
    }
    // Two's complement assembly; the unsigned -> signed conversion is modular (C++20).
    out = static_cast<int128_t>(
        (static_cast<uint128_t>(static_cast<unsigned long long>(high_bits)) << 64) | low);
    return true;
  }

  static PyObject* to_python(int128_t value) noexcept {
    if (value >= std::numeric_limits<long long>::min() &&
        value <= std::numeric_limits<long long>::max()) {
      return PyLong_FromLongLong(static_cast<long long>(value));
    }
    // >> of a negative value is an arithmetic shift (C++20): the floor, as Python's.
    return detail::int_from_halves(
        ref::steal(PyLong_FromLongLong(static_cast<long long>(value >> 64))),
        static_cast<unsigned long long>(value));
  }
};

// uint128_t <-> int, as int128_t. A negative int is OverflowError "can't convert negative
// int to unsigned" (as for the other unsigned types); 2**128 and above "Python int too
// large to convert to C unsigned __int128".
template <>
struct converter<uint128_t> {
  static constexpr const char* python_name = converter<long long>::python_name;
  static constexpr const char* too_big = "Python int too large to convert to C unsigned __int128";

  static bool from_python(PyObject* src, uint128_t& out, const arg_context& ctx) noexcept {
    ref value = ref::steal(detail::index_from_python(src, ctx));
    if (!value) {
      return false;
    }
    int overflow = 0;
    const long long small = PyLong_AsLongLongAndOverflow(value.get(), &overflow);
    if (small == -1 && PyErr_Occurred()) {
      return false;
    }
    if (overflow < 0 || (overflow == 0 && small < 0)) {
      PyErr_SetString(PyExc_OverflowError, "can't convert negative int to unsigned");
      return false;
    }
    if (overflow == 0) {
      out = static_cast<unsigned long long>(small);
      return true;
    }
    unsigned long long low = 0;
    ref high = detail::int_high_half(value.get(), low);
    if (!high) {
      return false;
    }
    const unsigned long long high_bits = PyLong_AsUnsignedLongLong(high.get());
    if (high_bits == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
      if (!PyErr_ExceptionMatches(PyExc_OverflowError)) {
        return false;
      }
      PyErr_Clear();  // CPython's text names unsigned long long; say which type overflowed
      PyErr_SetString(PyExc_OverflowError, too_big);
      return false;
    }
    out = (static_cast<uint128_t>(high_bits) << 64) | low;
    return true;
  }

  static PyObject* to_python(uint128_t value) noexcept {
    if (value <= std::numeric_limits<unsigned long long>::max()) {
      return PyLong_FromUnsignedLongLong(static_cast<unsigned long long>(value));
    }
    return detail::int_from_halves(
        ref::steal(PyLong_FromUnsignedLongLong(static_cast<unsigned long long>(value >> 64))),
        static_cast<unsigned long long>(value));
  }
};

PYIDL_NAMESPACE_END
