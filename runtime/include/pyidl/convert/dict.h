// pyidl/convert/dict.h: std::map / std::unordered_map <-> dict.
#pragma once

#include "pyidl/convert.h"
#include "pyidl/detail/stable_abi.h"
#include "pyidl/error.h"
#include "pyidl/object.h"

#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Calls f(key, value) for each item of the dict `dict` (borrowed) until f returns false;
// returns false if f did or a Python error occurred. Both objects are kept alive during
// the call. f may throw.
//
// Converting a key or value may run Python code that mutates the dict, and on a
// free-threaded build any thread may. So:
//   - GIL build: PyDict_Next directly (it stays memory-safe if the dict changes, merely
//     skipping or repeating entries), holding strong references to the pair while f runs.
//   - free-threaded build: copy the pairs (strong references) inside
//     Py_BEGIN_CRITICAL_SECTION(dict), as PyDict_Next requires there, then convert the
//     copy outside the section, where blocking in a conversion cannot tear the iteration.
template <class F>
bool for_each_dict_item(PyObject* dict, F&& f) {
#if PYIDL_FREE_THREADED
  std::vector<std::pair<ref, ref>> items;
  bool copied = true;
  PYIDL_BEGIN_CRITICAL_SECTION(dict);
  try {
    items.reserve(static_cast<std::size_t>(detail::dict_size(dict)));
    Py_ssize_t pos = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (PyDict_Next(dict, &pos, &key, &value)) {
      items.emplace_back(ref::borrow(key), ref::borrow(value));
    }
  } catch (...) {  // std::bad_alloc; must not unwind through the critical section
    copied = false;
  }
  PYIDL_END_CRITICAL_SECTION();
  if (!copied) {
    PyErr_NoMemory();
    return false;
  }
  for (auto& [key, value] : items) {
    if (!f(key.get(), value.get())) {
      return false;
    }
  }
  return true;
#else
  Py_ssize_t pos = 0;
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  while (PyDict_Next(dict, &pos, &key, &value)) {
    ref k = ref::borrow(key);
    ref v = ref::borrow(value);
    if (!f(k.get(), v.get())) {
      return false;
    }
  }
  return true;
#endif
}

// Shared implementation for the map types.
template <class Map>
struct dict_converter {
  using key_type = typename Map::key_type;
  using mapped_type = typename Map::mapped_type;
  static constexpr const char* python_name = "dict";

  static bool from_python(PyObject* src, Map& out, const arg_context& ctx) noexcept {
    if (!PyDict_Check(src)) {
      return raise_type_error(ctx, python_name, src);
    }
    try {
      out.clear();
      return for_each_dict_item(src, [&](PyObject* k, PyObject* v) {
        key_type key{};
        mapped_type value{};
        if (!converter<key_type>::from_python(k, key, ctx.key_of()) ||
            !converter<mapped_type>::from_python(v, value, ctx.value_for(k))) {
          return false;
        }
        out.insert_or_assign(std::move(key), std::move(value));
        return true;
      });
    } catch (...) {  // allocation, or the key/value constructors
      translate_current_exception();
      return false;
    }
  }

  static PyObject* to_python(const Map& value, const void* state = nullptr) noexcept {
    ref dict = ref::steal(PyDict_New());
    if (!dict) {
      return nullptr;
    }
    for (const auto& [k, v] : value) {
      ref key = ref::steal(detail::element_to_python<key_type>(k, state));
      if (!key) {
        return nullptr;
      }
      ref item = ref::steal(detail::element_to_python<mapped_type>(v, state));
      if (!item || PyDict_SetItem(dict.get(), key.get(), item.get()) < 0) {
        return nullptr;  // e.g. an unhashable key type
      }
    }
    return dict.release();
  }
};

}  // namespace detail

// std::map<K, V> <-> dict. Only a dict (or subclass) is accepted. A failing key reads
// "f() argument 'd': key must be str, not int"; a failing value names its key:
// "f() argument 'd': value for key 'a' must be int, not str".
template <class K, class V, class Compare, class Alloc>
struct converter<std::map<K, V, Compare, Alloc>>
    : detail::dict_converter<std::map<K, V, Compare, Alloc>> {};

// std::unordered_map<K, V> <-> dict, as std::map.
template <class K, class V, class Hash, class Eq, class Alloc>
struct converter<std::unordered_map<K, V, Hash, Eq, Alloc>>
    : detail::dict_converter<std::unordered_map<K, V, Hash, Eq, Alloc>> {};

PYIDL_NAMESPACE_END
