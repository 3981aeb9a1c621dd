// suggestions.h (private): "Did you mean ...?" for unexpected keyword arguments, as CPython 3.13+.
#pragma once

#include "pyidl/config.h"

#include <cstddef>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Returns the index of the candidate CPython's suggestion algorithm (Python/suggestions.c,
// calculate_suggestions) would propose for the misspelt `name` (UTF-8, `size` bytes), or -1
// if none is close enough. `candidates` are `count` NUL-terminated UTF-8 strings. Pure
// function, no Python API, thread-safe (CPython's version uses a static scratch buffer; this
// one a local).
int closest_name(const char* name, std::size_t size, const char* const* candidates, int count) noexcept;

}  // namespace detail
PYIDL_NAMESPACE_END
