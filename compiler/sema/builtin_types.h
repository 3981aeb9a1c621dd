// builtin_types.h: the type names every .pyidl file knows without declaring them.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/sema/model.h"

namespace pyidlc::sema {

// What a built-in type accepts between its brackets.
enum class TypeParams {
  None,        // str, float, ...: no brackets
  IntWidth,    // int or int[u8]
  One,         // list[T], set[T]
  Two,         // dict[K, V]
  AtLeastOne,  // tuple[A, B, ...]
  Callable,    // Callable[[A, B], R]
  Element,     // buffer or buffer[T], T a scalar element type
};

struct BuiltinType {
  std::string_view name;
  Type::Kind kind;
  TypeParams params;
};

// The built-in type with this name, or nullptr.
const BuiltinType* find_builtin_type(std::string_view name);
// Every built-in type (for "did you mean" suggestions).
const std::vector<BuiltinType>& builtin_types();

// `int[...]` widths: "u8" → U8; nullopt for anything else.
std::optional<IntWidth> find_int_width(std::string_view name);
std::string_view int_width_name(IntWidth width);  // U8 → "u8"
// The inclusive range of values of a width.
std::pair<Int128, Int128> int_width_range(IntWidth width);

}  // namespace pyidlc::sema
