// pyidl/std/linked_list.h: std::list<T> <-> list (a list or a tuple is accepted), as std::vector.
//
// Named linked_list.h because pyidl/convert/list.h is std::vector's header (the IDL's list).
#pragma once

#include "pyidl/convert/list_like.h"

#include <list>

PYIDL_NAMESPACE_BEGIN

// Accepts a list or a tuple and returns a new list; errors as std::vector's ("f() argument
// 'xs': item 3 must be int, not str").
template <class T, class Alloc>
struct converter<std::list<T, Alloc>> : detail::list_like_converter<std::list<T, Alloc>> {};

PYIDL_NAMESPACE_END
