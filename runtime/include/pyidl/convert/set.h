// pyidl/convert/set.h: std::set / std::unordered_set <-> set (set or frozenset accepted).
#pragma once

#include "pyidl/convert.h"
#include "pyidl/error.h"
#include "pyidl/object.h"

#include <set>
#include <unordered_set>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Shared implementation for the set types.
template <class Set>
struct set_converter {
  using key_type = typename Set::key_type;
  static constexpr const char* python_name = "set or frozenset";

  static bool from_python(PyObject* src, Set& out, const arg_context& ctx) noexcept {
    if (!PyAnySet_Check(src)) {
      return raise_type_error(ctx, python_name, src);
    }
    // Iterate through the iterator protocol: there is no public PySet_Next, the set
    // iterator holds a strong reference to each element it returns, it locks the set on a
    // free-threaded build, and it raises "Set changed size during iteration" if a
    // conversion mutates the set, instead of misbehaving.
    ref iter = ref::steal(PyObject_GetIter(src));
    if (!iter) {
      return false;
    }
    try {
      out.clear();
      const arg_context element_ctx = ctx.element_of();
      while (ref item = ref::steal(PyIter_Next(iter.get()))) {
        key_type value{};
        if (!converter<key_type>::from_python(item.get(), value, element_ctx)) {
          return false;
        }
        out.insert(std::move(value));
      }
    } catch (...) {  // allocation, or the element constructors
      translate_current_exception();
      return false;
    }
    return !PyErr_Occurred();  // PyIter_Next returns null both at the end and on error
  }

  static PyObject* to_python(const Set& value, const void* state = nullptr) noexcept {
    ref set = ref::steal(PySet_New(nullptr));
    if (!set) {
      return nullptr;
    }
    for (const auto& v : value) {
      ref item = ref::steal(detail::element_to_python<key_type>(v, state));
      if (!item || PySet_Add(set.get(), item.get()) < 0) {
        return nullptr;
      }
    }
    return set.release();
  }
};

}  // namespace detail

// std::set<T> <-> set. Accepts set and frozenset (and subclasses); returns a new set. A
// failing element reads "f() argument 's': element must be int, not str".
template <class T, class Compare, class Alloc>
struct converter<std::set<T, Compare, Alloc>> : detail::set_converter<std::set<T, Compare, Alloc>> {};

// std::unordered_set<T> <-> set, as std::set.
template <class T, class Hash, class Eq, class Alloc>
struct converter<std::unordered_set<T, Hash, Eq, Alloc>>
    : detail::set_converter<std::unordered_set<T, Hash, Eq, Alloc>> {};

PYIDL_NAMESPACE_END
