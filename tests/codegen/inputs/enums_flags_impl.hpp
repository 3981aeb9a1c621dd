// enums_flags_impl.hpp: the C++ side of enums_flags.pyidl, only so that its generated code compiles.
#pragma once

#include <cstdint>

namespace en_impl {

enum class Color { RED = 1, GREEN = 2, BLUE = 3 };
enum class Perm : std::int64_t { R = 4, W = 2, X = 1 };

inline Color next_color(Color c) { return c == Color::BLUE ? Color::RED : static_cast<Color>(static_cast<int>(c) + 1); }
inline bool can_write(Perm p) { return (static_cast<std::int64_t>(p) & 2) != 0; }
inline Perm perms() { return Perm::R; }

}  // namespace en_impl
