// pyidl/convert/list.h: std::vector<T> <-> list (a list or a tuple is accepted).
#pragma once

#include "pyidl/convert/list_like.h"

#include <vector>

PYIDL_NAMESPACE_BEGIN

// Accepts a list or a tuple (other iterables are a TypeError: "must be list or tuple, not
// str", so a str is never split into characters by accident) and returns a new list. An
// item that fails names its index: "f() argument 'xs': item 3 must be int, not str".
template <class T, class Alloc>
struct converter<std::vector<T, Alloc>> : detail::list_like_converter<std::vector<T, Alloc>> {};

PYIDL_NAMESPACE_END
