// @name@.cpp: the implementation of @name@.hpp.
#include "@name@.hpp"

namespace @name@ {

std::string greet(const std::string& name, bool excited) {
  return "hello, " + name + (excited ? "!" : "");
}

std::int64_t add(std::int64_t a, std::int64_t b) { return a + b; }

}  // namespace @name@
