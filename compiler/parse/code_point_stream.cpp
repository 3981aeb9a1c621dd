// code_point_stream.cpp: UTF-8 decoding for the lexer and code point → byte offset mapping.
#include "compiler/parse/code_point_stream.h"

#include <algorithm>

namespace pyidlc::parse {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one well-formed UTF-8 sequence at text[i]; returns its length, or 0 when the bytes
// there are ill-formed (bad lead byte, missing continuation, overlong form, surrogate, or a
// value above U+10FFFF).
size_t decode_one(std::string_view text, size_t i, char32_t* out) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) {
    *out = lead;
    return 1;
  }
  size_t length;
  char32_t value;
  char32_t minimum;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  *out = value;
  return length;
}

}  // namespace

CodePointStream::CodePointStream(std::string_view text) : text_(text) {
  _data.reserve(text.size());
  offsets_.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size();) {
    char32_t value = kReplacement;
    size_t length = decode_one(text, i, &value);
    offsets_.push_back(static_cast<uint32_t>(i));
    if (length == 0) {
      ill_formed_.push_back(_data.size());
      length = 1;
    }
    _data.push_back(value);
    i += length;
  }
  offsets_.push_back(static_cast<uint32_t>(text.size()));
}

bool CodePointStream::is_ill_formed(size_t index) const {
  return std::binary_search(ill_formed_.begin(), ill_formed_.end(), index);
}

SourceRange TokenLocator::span(size_t first, size_t last_plus_one) const {
  size_t size = stream_->code_point_count();
  first = std::min(first, size);
  last_plus_one = std::clamp(last_plus_one, first, size);
  uint32_t begin = stream_->byte_offset(first);
  return SourceRange{SourceLoc{file_, begin}, stream_->byte_offset(last_plus_one) - begin};
}

SourceRange TokenLocator::range(const antlr4::Token* token) const {
  // An end-of-file token's stop index is one before its start, so this gives length 0.
  return span(token->getStartIndex(), token->getStopIndex() + 1);
}

SourceRange TokenLocator::range(antlr4::ParserRuleContext* ctx) const {
  const antlr4::Token* stop = ctx->getStop() ? ctx->getStop() : ctx->getStart();
  return span(ctx->getStart()->getStartIndex(), stop->getStopIndex() + 1);
}

std::string_view TokenLocator::text(const antlr4::Token* token) const {
  SourceRange r = range(token);
  return stream_->bytes().substr(r.begin.offset, r.length);
}

}  // namespace pyidlc::parse
