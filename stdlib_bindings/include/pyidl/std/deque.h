// pyidl/std/deque.h: std::deque<T> <-> list (a list or a tuple is accepted), as std::vector.
#pragma once

#include "pyidl/convert/list_like.h"

#include <deque>

PYIDL_NAMESPACE_BEGIN

// Accepts a list or a tuple and returns a new list; errors as std::vector's ("f() argument
// 'xs': item 3 must be int, not str").
template <class T, class Alloc>
struct converter<std::deque<T, Alloc>> : detail::list_like_converter<std::deque<T, Alloc>> {};

PYIDL_NAMESPACE_END
