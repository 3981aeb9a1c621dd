// @name@.hpp: the C++ library that @name@.pyidl binds. Plain C++: no Python in here.
#pragma once

#include <cstdint>
#include <string>

namespace @name@ {

std::string greet(const std::string& name, bool excited);
std::int64_t add(std::int64_t a, std::int64_t b);

}  // namespace @name@
