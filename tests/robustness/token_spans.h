// token_spans.h: byte spans of the tokens the real pyidl lexer produces for a source text.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace pyidlc {

// One token as the parser sees it: bytes [begin, end) of the text.
struct TokenSpan {
  size_t begin = 0;
  size_t end = 0;
};

// Runs the generated ANTLR lexer over `text`, decoded exactly as the parser decodes it
// (parse::CodePointStream: ill-formed UTF-8 becomes U+FFFD), and returns the byte span of
// every token the parser is handed; whitespace and comments are skipped as in the parser.
std::vector<TokenSpan> lex_token_spans(std::string_view text);

}  // namespace pyidlc
