// hello_impl.hpp: the C++ side of hello.pyidl.
#pragma once

#include <string>

namespace hello {

inline std::string greet(const std::string& name, bool excited) {
  return "hello, " + name + (excited ? "!" : "");
}

}  // namespace hello
