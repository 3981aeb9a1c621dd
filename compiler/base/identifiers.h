// identifiers.h: replacing whole identifiers in a C++ or Python spelling, for type parameters.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pyidlc {

// The ASCII identifier characters of C++ and Python spellings: [A-Za-z_] starts one,
// [A-Za-z0-9_] continues it.
bool starts_identifier(char c);
bool continues_identifier(char c);

// `text` with each identifier that `replacement` maps to a value replaced by it. Only free
// standing identifiers are candidates: one right after "::" or "." names a member of
// something else (`std::T`, `os.T`) and stays. E.g. with T → "int":
//     "std::deque<T>" → "std::deque<int>",   "list[T] | T" → "list[int] | int".
std::string replace_identifiers(
    std::string_view text,
    const std::function<std::optional<std::string>(std::string_view)>& replacement);

}  // namespace pyidlc
