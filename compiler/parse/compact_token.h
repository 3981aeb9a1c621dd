// compact_token.h: a small token type for the lexer, and the lexer that makes it.
#pragma once

#include <cstdint>

#include <antlr4-runtime.h>

#include "PyidlLexer.h"

namespace pyidlc::parse {

// What ANTLR's CommonToken holds in 120 bytes, in 48: 32-bit positions, no text copy (the
// text is read back from the input). A large file has hundreds of thousands of tokens, and
// fresh memory is the dominant cost of parsing one.
class CompactToken : public antlr4::WritableToken {
 public:
  CompactToken(antlr4::TokenSource* source, size_t type, size_t channel, size_t start, size_t stop,
               size_t line, size_t column);

  std::string getText() const override;
  size_t getType() const override { return type_; }
  size_t getLine() const override { return line_; }
  size_t getCharPositionInLine() const override { return column_; }
  size_t getChannel() const override { return channel_; }
  size_t getTokenIndex() const override { return index_; }
  // The stop index of an empty token is start - 1, which wraps like ANTLR's size_t does.
  size_t getStartIndex() const override { return start_; }
  size_t getStopIndex() const override { return start_ + length_ - 1; }
  antlr4::TokenSource* getTokenSource() const override { return source_; }
  antlr4::CharStream* getInputStream() const override { return source_->getInputStream(); }
  std::string toString() const override { return getText(); }

  void setText(const std::string&) override {}  // the text is always the input's
  void setType(size_t type) override { type_ = type; }
  void setLine(size_t line) override { line_ = static_cast<uint32_t>(line); }
  void setCharPositionInLine(size_t column) override { column_ = static_cast<uint32_t>(column); }
  void setChannel(size_t channel) override { channel_ = static_cast<uint32_t>(channel); }
  void setTokenIndex(size_t index) override { index_ = static_cast<uint32_t>(index); }

 private:
  antlr4::TokenSource* source_;  // the lexer; error recovery asks for it
  size_t type_;  // full width: the lexer emits Token::EOF, which is size_t(-1), through here
  uint32_t channel_;
  uint32_t index_ = 0;
  uint32_t start_;
  uint32_t length_;
  uint32_t line_;
  uint32_t column_;
};

// The generated lexer, emitting CompactTokens instead of CommonTokens.
class CompactLexer : public pyidl::grammar::PyidlLexer {
 public:
  using PyidlLexer::PyidlLexer;
  antlr4::Token* emit() override;
};

}  // namespace pyidlc::parse
