// compact_token.cpp: CompactToken's text and the lexer hook that creates it.
#include "compiler/parse/compact_token.h"

namespace pyidlc::parse {

CompactToken::CompactToken(antlr4::TokenSource* source, size_t type, size_t channel, size_t start,
                           size_t stop, size_t line, size_t column)
    : source_(source),
      type_(type),
      channel_(static_cast<uint32_t>(channel)),
      start_(static_cast<uint32_t>(start)),
      length_(static_cast<uint32_t>(stop + 1 - start)),
      line_(static_cast<uint32_t>(line)),
      column_(static_cast<uint32_t>(column)) {}

std::string CompactToken::getText() const {
  if (length_ == 0) return "";
  return getInputStream()->getText(antlr4::misc::Interval(start_, getStopIndex()));
}

antlr4::Token* CompactLexer::emit() {
  Lexer::emit(std::make_unique<CompactToken>(this, type, channel, tokenStartCharIndex,
                                             getCharIndex() - 1, tokenStartLine,
                                             tokenStartCharPositionInLine));
  return token.get();
}

}  // namespace pyidlc::parse
