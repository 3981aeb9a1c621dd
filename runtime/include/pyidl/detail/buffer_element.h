// pyidl/detail/buffer_element.h: the C++ element types a typed buffer may hold, and their struct-module formats.
#pragma once

#include "pyidl/config.h"

#include <cstddef>
#include <limits>
#include <type_traits>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// What a buffer format code means, reduced to what decides whether the memory can be read
// as a given C++ type: the kind of value and its size. `any` stands for std::byte, raw memory
// that accepts every format.
enum class element_kind : unsigned char { any, signed_int, unsigned_int, floating, boolean };

// A C++ element type as the buffer protocol describes it.
struct element_type {
  element_kind kind;
  std::size_t size;       // sizeof(T)
  std::size_t alignment;  // alignof(T)
  const char* format;     // the native struct-module code for T, used when exporting: "d"
  const char* name;       // how error messages name T, after NumPy: "float64"
  // What a parameter of T accepts, in the words of Argument Clinic's Py_buffer converters
  // ("must be read-write bytes-like object, not bytes"), read-only and writable:
  // "buffer of float64 (format 'd')", "read-write buffer of float64 (format 'd')".
  const char* readable;
  const char* writable;
};

// element_type for T from literals (string literals concatenate only in the preprocessor).
#define PYIDL_BUFFER_ELEMENT(kind, code, name)                                              \
  element_type {                                                                            \
    kind, sizeof(T), alignof(T), code, name, "buffer of " name " (format '" code "')",      \
        "read-write buffer of " name " (format '" code "')"                                 \
  }

template <class T>
inline constexpr bool is_char_type_v =
    std::is_same_v<T, char> || std::is_same_v<T, wchar_t> || std::is_same_v<T, char8_t> ||
    std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>;

// Whether T may be the element of buffer_of<T>, mutable_buffer_of<T> and buffer_info_of:
// std::byte, bool, the signed and unsigned integers of 1, 2, 4 or 8 bytes (character types
// excluded: their format would be ambiguous; use std::byte or std::uint8_t), float, double.
template <class T>
inline constexpr bool is_buffer_element_v =
    std::is_same_v<T, std::byte> || std::is_same_v<T, bool> || std::is_same_v<T, float> ||
    std::is_same_v<T, double> ||
    (std::is_integral_v<T> && !is_char_type_v<T> && !std::is_same_v<T, bool> &&
     (sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8));

// The description of element type T (one of is_buffer_element_v).
template <class T>
constexpr element_type element_type_of() noexcept {
  static_assert(is_buffer_element_v<T>,
                "buffer elements are std::byte, bool, 8/16/32/64-bit integers, float or double");
  using k = element_kind;
  if constexpr (std::is_same_v<T, std::byte>) {
    return {k::any, 1, 1, "B", "bytes", "bytes-like object", "read-write bytes-like object"};
  } else if constexpr (std::is_same_v<T, bool>) {
    return PYIDL_BUFFER_ELEMENT(k::boolean, "?", "bool");
  } else if constexpr (std::is_same_v<T, float>) {
    static_assert(std::numeric_limits<float>::is_iec559 && sizeof(float) == 4);
    return PYIDL_BUFFER_ELEMENT(k::floating, "f", "float32");
  } else if constexpr (std::is_same_v<T, double>) {
    static_assert(std::numeric_limits<double>::is_iec559 && sizeof(double) == 8);
    return PYIDL_BUFFER_ELEMENT(k::floating, "d", "float64");
  } else {
    // The native codes of the C types of each size ('b' signed char, 'h' short, 'i' int,
    // 'q' long long): every platform CPython supports has these sizes.
    static_assert(sizeof(short) == 2 && sizeof(int) == 4 && sizeof(long long) == 8);
    if constexpr (std::is_signed_v<T>) {
      if constexpr (sizeof(T) == 1) return PYIDL_BUFFER_ELEMENT(k::signed_int, "b", "int8");
      else if constexpr (sizeof(T) == 2) return PYIDL_BUFFER_ELEMENT(k::signed_int, "h", "int16");
      else if constexpr (sizeof(T) == 4) return PYIDL_BUFFER_ELEMENT(k::signed_int, "i", "int32");
      else return PYIDL_BUFFER_ELEMENT(k::signed_int, "q", "int64");
    } else {
      if constexpr (sizeof(T) == 1) return PYIDL_BUFFER_ELEMENT(k::unsigned_int, "B", "uint8");
      else if constexpr (sizeof(T) == 2) return PYIDL_BUFFER_ELEMENT(k::unsigned_int, "H", "uint16");
      else if constexpr (sizeof(T) == 4) return PYIDL_BUFFER_ELEMENT(k::unsigned_int, "I", "uint32");
      else return PYIDL_BUFFER_ELEMENT(k::unsigned_int, "Q", "uint64");
    }
  }
}

#undef PYIDL_BUFFER_ELEMENT

// Whether memory described by struct-module `format` (null means "B", as the protocol says)
// and `itemsize` can be read as elements of `type`: std::byte accepts anything; otherwise the
// code's kind and size must match (so 'l' and 'q' are both int64 where long has 8 bytes), the
// size being the native one for '@' or no prefix and the standard one for '=', '<', '>', '!'
// (where 'l' is 4 bytes), the byte order must be the machine's, and the format must be a
// single item ("2d" or "T{...}" never match). `itemsize` must equal the size as well.
bool format_matches(const char* format, Py_ssize_t itemsize, const element_type& type) noexcept;

}  // namespace detail
PYIDL_NAMESPACE_END
