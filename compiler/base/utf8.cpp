// utf8.cpp: UTF-8 validation (RFC 3629, Unicode table 3-7) and code-point counting.
#include "compiler/base/utf8.h"

namespace pyidlc::utf8 {

namespace {

// Length of the well-formed sequence starting at text[i], or 0 if it is ill-formed.
size_t sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length;
  // The allowed range of the second byte is narrower than 80..BF for some leads: that is
  // what rules out overlong forms (E0, F0), surrogates (ED) and values past U+10FFFF (F4).
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return 0;  // 80..C1 and F5..FF never start a sequence
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < second_min || byte(i + 1) > second_max) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (!is_continuation(text[i + k])) return 0;
  }
  return length;
}

}  // namespace

std::optional<size_t> first_invalid_byte(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t length = sequence_length(text, i);
    // The sequence that starts here is broken; its first byte is where it went wrong,
    // since every byte before it belongs to a well-formed sequence.
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

size_t count_code_points(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if (!is_continuation(c)) ++count;
  }
  return count;
}

}  // namespace pyidlc::utf8
