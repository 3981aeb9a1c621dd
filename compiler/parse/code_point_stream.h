// code_point_stream.h: source bytes decoded for the ANTLR lexer, with the way back to bytes.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <antlr4-runtime.h>

#include "compiler/base/source_manager.h"

namespace pyidlc::parse {

// ANTLR's lexer works on code points and its own UTF-8 decoder throws on ill-formed input, so
// the file is decoded here instead: every ill-formed byte becomes one U+FFFD code point (the
// lexer then sees a character it does not know) and the byte offset of every code point is
// kept so that diagnostics point at exact byte ranges.
class CodePointStream : public antlr4::ANTLRInputStream {
 public:
  // Decodes `text`, which must outlive the stream. Never fails.
  explicit CodePointStream(std::string_view text);

  // Byte offset of the code point at `index`; index == code_point_count() gives the end of the text.
  uint32_t byte_offset(size_t index) const { return offsets_[index]; }

  // Number of code points (ANTLR's size() is not const).
  size_t code_point_count() const { return offsets_.size() - 1; }

  // The code point at `index` (< code_point_count()).
  char32_t code_point(size_t index) const { return _data[index]; }

  // Whether the code point at `index` stands for an ill-formed byte of the input.
  bool is_ill_formed(size_t index) const;

  // The source bytes, as given.
  std::string_view bytes() const { return text_; }

 private:
  std::string_view text_;
  std::vector<uint32_t> offsets_;    // code_point_count() + 1 entries
  std::vector<size_t> ill_formed_;   // indices of code points that replace a bad byte, sorted
};

// Turns token positions (code point indices) into source ranges of one file.
class TokenLocator {
 public:
  TokenLocator(FileId file, const CodePointStream& stream) : file_(file), stream_(&stream) {}

  // The exact bytes of `token`; an end-of-file token gives an empty range at the end.
  SourceRange range(const antlr4::Token* token) const;
  // The bytes from the first to the last token of a rule.
  SourceRange range(antlr4::ParserRuleContext* ctx) const;
  // The source text of `token`, straight from the file's bytes.
  std::string_view text(const antlr4::Token* token) const;

  FileId file() const { return file_; }
  const CodePointStream& stream() const { return *stream_; }

 private:
  SourceRange span(size_t first, size_t last_plus_one) const;
  FileId file_;
  const CodePointStream* stream_;
};

}  // namespace pyidlc::parse
