// exceptions_constants_impl.hpp: the C++ side of exceptions_constants.pyidl, only so that its
// generated code compiles. Throws the module's declared exceptions through pyidl::raise.
#pragma once

#include <cstdint>
#include <stdexcept>

#include <pyidl/error.h>
#include "exceptions_constants.pyidl.h"

namespace ex_impl {

inline void fail(std::int64_t kind) {
  if (kind == 1) throw pyidl::raise<exceptions_constants_pyidl::ParseError>("cannot parse");
  if (kind == 2) throw pyidl::raise<exceptions_constants_pyidl::DeeperError>("deeper");
  if (kind == 3) throw std::invalid_argument("plain C++");
}

}  // namespace ex_impl
