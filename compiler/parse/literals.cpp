// literals.cpp: integer, float and string literal values, with overflow and escape checks.
#include "compiler/parse/literals.h"

#include <cstdlib>

namespace pyidlc::parse {
namespace {

__extension__ typedef unsigned __int128 UInt128;

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;  // never a digit of any base used here
}

// Reads up to `count` hex digits at text[pos]; returns how many there were.
size_t hex_digits(std::string_view text, size_t pos, size_t count, unsigned* value) {
  size_t n = 0;
  *value = 0;
  while (n < count && pos + n < text.size() && digit_value(text[pos + n]) < 16) {
    *value = *value * 16 + static_cast<unsigned>(digit_value(text[pos + n]));
    ++n;
  }
  return n;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The escape at quoted[pos] (just after the backslash), decoded into `out`. Returns the number
// of bytes it spans after the backslash, or 0 when it is invalid.
size_t decode_escape(std::string_view quoted, size_t pos, std::string& out) {
  unsigned value = 0;
  switch (quoted[pos]) {
    case 'n': out += '\n'; return 1;
    case 't': out += '\t'; return 1;
    case 'r': out += '\r'; return 1;
    case '0': out += '\0'; return 1;
    case '\\': case '"': case '\'': out += quoted[pos]; return 1;
    case 'x':
      if (hex_digits(quoted, pos + 1, 2, &value) != 2) return 0;
      out += static_cast<char>(value);
      return 3;
    case 'u':
      if (hex_digits(quoted, pos + 1, 4, &value) != 4) return 0;
      if (value >= 0xD800 && value <= 0xDFFF) return 0;  // a lone surrogate is not UTF-8
      append_utf8(out, value);
      return 5;
    default:
      return 0;
  }
}

// The bytes an invalid escape covers after its backslash: the escape letter (a whole UTF-8
// character) and, for \x and \u, the hex digits that were there.
size_t invalid_escape_length(std::string_view quoted, size_t pos) {
  size_t length = 1;
  while (pos + length < quoted.size() &&
         (static_cast<unsigned char>(quoted[pos + length]) & 0xC0) == 0x80)
    ++length;
  if (quoted[pos] == 'x' || quoted[pos] == 'u') {
    unsigned ignored;
    length += hex_digits(quoted, pos + 1, quoted[pos] == 'x' ? 2 : 4, &ignored);
  }
  return length;
}

}  // namespace

std::optional<ast::Int128> integer_value(std::string_view text, bool negative) {
  unsigned base = 10;
  if (text.size() > 2 && text[0] == '0') {
    switch (text[1]) {
      case 'x': case 'X': base = 16; break;
      case 'o': case 'O': base = 8; break;
      case 'b': case 'B': base = 2; break;
      default: break;
    }
    if (base != 10) text.remove_prefix(2);
  }
  // The largest magnitude: 2^127 - 1, or 2^127 for a negative value.
  const UInt128 limit = (UInt128{1} << 127) - (negative ? 0 : 1);
  UInt128 magnitude = 0;
  for (char c : text) {
    if (c == '_') continue;
    auto d = static_cast<unsigned>(digit_value(c));
    if (magnitude > (limit - d) / base) return std::nullopt;
    magnitude = magnitude * base + d;
  }
  // Negating through the unsigned type keeps -2^127 well defined.
  return static_cast<ast::Int128>(negative ? UInt128{0} - magnitude : magnitude);
}

double float_value(std::string_view text, bool negative) {
  std::string digits;
  for (char c : text) {
    if (c != '_') digits += c;
  }
  // The lexer only matches well-formed floats. strtod (not from_chars) so that an exponent out
  // of range gives ±inf or 0 as in Python; pyidlc never changes the "C" locale.
  double value = std::strtod(digits.c_str(), nullptr);
  return negative ? -value : value;
}

std::string decode_string(std::string_view quoted, const EscapeErrorFn& on_error) {
  std::string out;
  size_t end = quoted.size() - 1;  // the closing quote
  for (size_t i = 1; i < end;) {
    if (quoted[i] != '\\') {
      out += quoted[i++];
      continue;
    }
    size_t length = decode_escape(quoted, i + 1, out);
    if (length == 0) {
      length = invalid_escape_length(quoted, i + 1);
      on_error(i, length + 1);
      out.append(quoted.substr(i, length + 1));
    }
    i += length + 1;
  }
  return out;
}

}  // namespace pyidlc::parse
