// pkgdemo_impl.hpp: the C++ side of pkgdemo.pyidl.
#pragma once

#include <cstdint>
#include <string>

namespace pkgdemo {

inline double scale(double x, double k, bool clamp) {
  const double result = x * k;
  return clamp && result > 1.0 ? 1.0 : result;
}

inline std::string label(const std::string& name, std::int64_t count) {
  return name + " x" + std::to_string(count);
}

}  // namespace pkgdemo
