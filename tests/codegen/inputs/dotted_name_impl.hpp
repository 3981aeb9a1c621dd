// dotted_name_impl.hpp: the C++ side of dotted_name.pyidl, only so that its generated code compiles.
#pragma once

#include <cstdint>
#include <string>

namespace dn_impl {

inline std::string where() { return "pkg.sub"; }

class Thing {
 public:
  std::int64_t id() const { return 7; }
};

}  // namespace dn_impl
