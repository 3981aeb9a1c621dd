// pyidl/convert/list.h: std::vector<T> <-> list (a list or a tuple is accepted).
#pragma once

#include "pyidl/convert.h"
#include "pyidl/convert/sequence_items.h"
#include "pyidl/detail/stable_abi.h"
#include "pyidl/error.h"

#include <cstddef>
#include <vector>

PYIDL_NAMESPACE_BEGIN

// Accepts a list or a tuple (other iterables are a TypeError: "must be list or tuple, not
// str", so a str is never split into characters by accident) and returns a new list. An
// item that fails names its index: "f() argument 'xs': item 3 must be int, not str". On a
// free-threaded build a list is converted from an atomic snapshot (see sequence_items.h).
template <class T, class Alloc>
struct converter<std::vector<T, Alloc>> {
  static bool from_python(PyObject* src, std::vector<T, Alloc>& out, const arg_context& ctx) noexcept {
    if (!PyList_Check(src) && !PyTuple_Check(src)) {
      return detail::raise_type_error(ctx, "list or tuple", src);
    }
    try {
      out.clear();
      out.reserve(static_cast<std::size_t>(detail::sequence_size_hint(src)));
      return detail::for_each_sequence_item(src, [&](PyObject* item, Py_ssize_t i) {
        T value{};
        if (!converter<T>::from_python(item, value, ctx.item(i))) {
          return false;
        }
        out.push_back(std::move(value));
        return true;
      });
    } catch (...) {  // allocation, or T's constructors
      translate_current_exception();
      return false;
    }
  }

  static PyObject* to_python(const std::vector<T, Alloc>& value) noexcept {
    ref list = ref::steal(PyList_New(static_cast<Py_ssize_t>(value.size())));
    if (!list) {
      return nullptr;
    }
    Py_ssize_t i = 0;
    for (const auto& v : value) {  // not `const T&`: vector<bool> yields proxies
      PyObject* item = converter<T>::to_python(static_cast<const T&>(v));
      if (item == nullptr) {
        return nullptr;
      }
      // SET_ITEM is safe here even on a free-threaded build: no other thread can see the
      // list before we return it.
      detail::list_init_item(list.get(), i++, item);  // steals `item`
    }
    return list.release();
  }
};

PYIDL_NAMESPACE_END
