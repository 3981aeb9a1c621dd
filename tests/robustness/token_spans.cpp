// token_spans.cpp: tokenizes with the generated lexer over the parser's own code point stream.
#include "tests/robustness/token_spans.h"

#include <memory>

#include "PyidlLexer.h"
#include "compiler/parse/code_point_stream.h"

namespace pyidlc {

std::vector<TokenSpan> lex_token_spans(std::string_view text) {
  parse::CodePointStream input(text);
  pyidl::grammar::PyidlLexer lexer(&input);
  lexer.removeErrorListeners();  // every bad character is a token; nothing to print
  std::vector<TokenSpan> spans;
  for (;;) {
    std::unique_ptr<antlr4::Token> token = lexer.nextToken();
    if (token->getType() == antlr4::Token::EOF) break;
    spans.push_back({input.byte_offset(token->getStartIndex()),
                     input.byte_offset(token->getStopIndex() + 1)});
  }
  return spans;
}

}  // namespace pyidlc
