// pyidl/std/array.h: std::array<T, N> <-> list of exactly N items (a list or a tuple is accepted).
#pragma once

#include "pyidl/convert/list_like.h"

#include <array>
#include <cstddef>

PYIDL_NAMESPACE_BEGIN

// Accepts a list or a tuple of exactly N items and returns a new list. A wrong length is a
// TypeError worded like the tuple converter's (and getargs.c's): "f() argument 'v' must
// be a sequence of length 3, not 4"; a bad item names its index, as std::vector's do.
template <class T, std::size_t N>
struct converter<std::array<T, N>> {
  static constexpr const char* python_name = detail::list_like_python_name;

  static bool from_python(PyObject* src, std::array<T, N>& out, const arg_context& ctx) noexcept {
    if (!PyList_Check(src) && !PyTuple_Check(src)) {
      return raise_type_error(ctx, python_name, src);
    }
    if (detail::sequence_size_hint(src) != static_cast<Py_ssize_t>(N)) {
      return wrong_length(src, ctx);
    }
    try {
      Py_ssize_t count = 0;
      const bool converted = detail::for_each_sequence_item(src, [&](PyObject* item, Py_ssize_t i) {
        // An item's conversion can run Python code that grows the list under us.
        if (i >= static_cast<Py_ssize_t>(N)) {
          return wrong_length(src, ctx);
        }
        ++count;
        return converter<T>::from_python(item, out[static_cast<std::size_t>(i)], ctx.item(i));
      });
      // ... or shrinks it.
      return converted && (count == static_cast<Py_ssize_t>(N) || wrong_length(src, ctx));
    } catch (...) {  // T's assignment operators
      translate_current_exception();
      return false;
    }
  }

  static PyObject* to_python(const std::array<T, N>& value, const void* state = nullptr) noexcept {
    return detail::list_from_range<T>(value, state);
  }

 private:
  static bool wrong_length(PyObject* src, const arg_context& ctx) noexcept {
    return detail::raise_length_error(ctx, "a sequence", N, detail::sequence_size_hint(src));
  }
};

PYIDL_NAMESPACE_END
