// serialized_impl.hpp: the C++ side of serialized.pyidl, only so that its generated code compiles.
#pragma once

#include <cstdint>

namespace legacy {

struct Context {
  std::int64_t steps = 0;
};
inline std::int64_t step(Context& c) { return ++c.steps; }
inline std::int64_t slow_step(Context& c, double) { return ++c.steps; }

struct Handle {
  explicit Handle(std::int64_t id) : id(id) {}
  std::int64_t touch() { return ++touches; }
  std::int64_t id;
  std::int64_t touches = 0;
};
inline Handle open_handle(std::int64_t id) { return Handle(id); }

}  // namespace legacy
