// identifiers.cpp: whole-identifier replacement (see identifiers.h).
#include "compiler/base/identifiers.h"

namespace pyidlc {

bool starts_identifier(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool continues_identifier(char c) { return starts_identifier(c) || (c >= '0' && c <= '9'); }

std::string replace_identifiers(
    std::string_view text,
    const std::function<std::optional<std::string>(std::string_view)>& replacement) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!starts_identifier(text[i])) {
      // Digits after a letter were consumed with it, so a digit here starts a number (`3u`),
      // whose suffix is not an identifier.
      const bool number = text[i] >= '0' && text[i] <= '9';
      out += text[i++];
      while (number && i < text.size() && continues_identifier(text[i])) out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && continues_identifier(text[end])) ++end;
    std::string_view identifier = text.substr(i, end - i);
    const bool member = (i >= 1 && text[i - 1] == '.') || (i >= 2 && text.substr(i - 2, 2) == "::");
    std::optional<std::string> replaced = member ? std::nullopt : replacement(identifier);
    out += replaced ? *replaced : std::string(identifier);
    i = end;
  }
  return out;
}

}  // namespace pyidlc
