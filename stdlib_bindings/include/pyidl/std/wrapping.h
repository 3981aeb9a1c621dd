// pyidl/std/wrapping.h: pyidl::wrapping<T>, a fixed-width integer that takes any Python int
// modulo 2**bits (as PyLong_AsUnsignedLongLongMask does) instead of raising OverflowError.
//
// Limited API: yes.
#pragma once

#include "pyidl/convert.h"
#include "pyidl/object.h"

#include <type_traits>

PYIDL_NAMESPACE_BEGIN

// An integer parameter for hashes, checksums, seeds and bit masks, where Python code
// naturally passes values such as hash(x) (negative) or 2**64 - 1 and means their bits:
//
//     std::uint64_t mix(pyidl::wrapping<std::uint64_t> seed);   // seed converts to uint64_t
//
// Converts implicitly to and from T, so the C++ side reads, writes and compares it as a
// plain T.
template <class T>
struct wrapping {
  static_assert(detail::is_bound_integer_v<T> && sizeof(T) <= sizeof(unsigned long long),
                "wrapping<T> needs a fixed-width integer type of at most 64 bits");

  T value{};

  constexpr wrapping() noexcept = default;
  constexpr wrapping(T v) noexcept : value(v) {}
  constexpr operator T() const noexcept { return value; }
};

// wrapping<T> <-> int. Accepts every int (bool too, as the other integer converters do) and
// any object with __index__, keeping the low bits in two's complement: -1 is 0xff for
// uint8_t, 2**64 + 5 is 5 for uint64_t, 255 is -1 for int8_t. float and str are a
// TypeError "f() argument 'seed' must be int, not float". To Python: the T value as int.
template <class T>
struct converter<wrapping<T>> {
  static constexpr const char* python_name = converter<T>::python_name;

  static bool from_python(PyObject* src, wrapping<T>& out, const arg_context& ctx) noexcept {
    ref value = ref::steal(detail::index_from_python(src, ctx));
    if (!value) {
      return false;
    }
    const unsigned long long bits = PyLong_AsUnsignedLongLongMask(value.get());
    if (bits == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
      return false;
    }
    out.value = static_cast<T>(bits);  // modular, also for signed T (C++20)
    return true;
  }

  static PyObject* to_python(wrapping<T> value) noexcept {
    return converter<T>::to_python(value.value);
  }
};

PYIDL_NAMESPACE_END
