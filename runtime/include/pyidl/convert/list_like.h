// pyidl/convert/list_like.h: the shared converter between C++ sequence containers and list.
#pragma once

#include "pyidl/convert.h"
#include "pyidl/convert/sequence_items.h"
#include "pyidl/detail/stable_abi.h"
#include "pyidl/error.h"
#include "pyidl/object.h"

#include <cstddef>
#include <utility>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// What the sequence converters accept, and so the text of their TypeError: a str is never
// split into characters by accident, and an iterator is never consumed half-way.
inline constexpr const char* list_like_python_name = "list or tuple";

// Returns a new list of the elements of `range` (which has size(), begin() and end()), each
// converted as T; nullptr with an exception set if one fails.
template <class T, class Range>
PyObject* list_from_range(const Range& range, const void* state = nullptr) noexcept {
  ref list = ref::steal(PyList_New(static_cast<Py_ssize_t>(range.size())));
  if (!list) {
    return nullptr;
  }
  Py_ssize_t i = 0;
  for (const auto& v : range) {  // not `const T&`: vector<bool> yields proxies
    PyObject* item = element_to_python<T>(static_cast<const T&>(v), state);
    if (item == nullptr) {
      return nullptr;
    }
    // SET_ITEM is safe here even on a free-threaded build: no other thread can see the
    // list before we return it.
    list_init_item(list.get(), i++, item);  // steals `item`
  }
  return list.release();
}

// Shared implementation for the containers filled by push_back (std::vector, std::deque,
// std::list): accepts a list or a tuple and returns a new list. An item that fails names
// its index: "f() argument 'xs': item 3 must be int, not str". On a free-threaded build a
// list is converted from an atomic snapshot (see sequence_items.h).
template <class Container>
struct list_like_converter {
  using value_type = typename Container::value_type;
  static constexpr const char* python_name = list_like_python_name;

  static bool from_python(PyObject* src, Container& out, const arg_context& ctx) noexcept {
    if (!PyList_Check(src) && !PyTuple_Check(src)) {
      return raise_type_error(ctx, python_name, src);
    }
    try {
      out.clear();
      if constexpr (requires { out.reserve(std::size_t{}); }) {
        out.reserve(static_cast<std::size_t>(sequence_size_hint(src)));
      }
      return for_each_sequence_item(src, [&](PyObject* item, Py_ssize_t i) {
        value_type value{};
        if (!converter<value_type>::from_python(item, value, ctx.item(i))) {
          return false;
        }
        out.push_back(std::move(value));
        return true;
      });
    } catch (...) {  // allocation, or the element's constructors
      translate_current_exception();
      return false;
    }
  }

  static PyObject* to_python(const Container& value, const void* state = nullptr) noexcept {
    return list_from_range<value_type>(value, state);
  }
};

}  // namespace detail
PYIDL_NAMESPACE_END
