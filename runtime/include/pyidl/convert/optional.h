// pyidl/convert/optional.h: std::optional<T> <-> T | None.
#pragma once

#include "pyidl/convert.h"
#include "pyidl/error.h"

#include <optional>

PYIDL_NAMESPACE_BEGIN

// None <-> std::nullopt; anything else is converted as T. A failed T conversion reports
// the type with " or None" added: "f() argument 'k' must be int or None, not str".
template <class T>
struct converter<std::optional<T>> {
  static bool from_python(PyObject* src, std::optional<T>& out, const arg_context& ctx) noexcept {
    if (src == Py_None) {
      out.reset();
      return true;
    }
    try {
      if (!out.has_value()) {
        out.emplace();
      }
    } catch (...) {  // T's default constructor threw
      translate_current_exception();
      return false;
    }
    return converter<T>::from_python(src, *out, ctx.accepting_none());
  }
  static PyObject* to_python(const std::optional<T>& value, const void* state = nullptr) noexcept {
    if (!value.has_value()) {
      return Py_NewRef(Py_None);
    }
    return detail::element_to_python<T>(*value, state);
  }
};

PYIDL_NAMESPACE_END
