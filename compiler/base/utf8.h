// utf8.h: the few UTF-8 facts the compiler needs: validation and code-point counting.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace pyidlc::utf8 {

// Returns the offset of the first byte that is not part of a well-formed UTF-8 sequence
// (overlong forms, surrogates and values above U+10FFFF are ill-formed), or nullopt when
// the whole text is valid.
std::optional<size_t> first_invalid_byte(std::string_view text);

// Returns the number of code points in `text`: every byte that is not a continuation byte
// (10xxxxxx) starts one, so even ill-formed text gets a stable count.
size_t count_code_points(std::string_view text);

// Whether `byte` continues a multi-byte sequence rather than starting a code point.
constexpr bool is_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

}  // namespace pyidlc::utf8
