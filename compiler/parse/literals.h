// literals.h: the values of integer, float and string literals as the lexer matched them.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/ast/ast.h"

namespace pyidlc::parse {

// The value of an INTEGER token's text (decimal, 0x, 0o or 0b, with '_' separators), negated
// when `negative`. Returns nullopt when the value does not fit in a signed 128-bit integer.
std::optional<ast::Int128> integer_value(std::string_view text, bool negative);

// The value of a FLOAT token's text ('_' separators allowed), negated when `negative`.
double float_value(std::string_view text, bool negative);

// Called for each invalid escape with its byte offset inside the literal and its length.
using EscapeErrorFn = std::function<void(size_t offset, size_t length)>;

// Decodes a STRING token's text, quotes included: \n \t \r \0 \\ \" \' \xHH and \uHHHH (as
// UTF-8). Every other escape, and \u naming a surrogate, goes to `on_error` and is kept as
// written so that decoding can go on and report the next one.
std::string decode_string(std::string_view quoted, const EscapeErrorFn& on_error);

}  // namespace pyidlc::parse
