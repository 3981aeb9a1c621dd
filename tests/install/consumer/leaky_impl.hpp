// leaky_impl.hpp: the C++ side of leaky.pyidl, with the global the audit must report.
#pragma once

#include <cstdint>

namespace leaky {

inline std::int64_t hits = 0;

inline std::int64_t bump() { return ++hits; }

}  // namespace leaky
