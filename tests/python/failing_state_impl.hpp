// failing_state_impl.hpp: module state whose constructor always throws.
#pragma once

#include <cstdint>
#include <stdexcept>

namespace failing {

struct Exploding {
  Exploding() { throw std::runtime_error("the state refuses to be built"); }
};

inline std::int64_t never_reached() { return 1; }

}  // namespace failing
