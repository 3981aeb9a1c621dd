// pyidl/convert/variant.h: std::variant<Ts...> <-> one of its alternatives (the IDL's `A | B`),
// and std::monostate <-> None.
#pragma once

#include "pyidl/convert.h"
#include "pyidl/error.h"
#include "pyidl/object.h"

#include <cstddef>
#include <utility>
#include <variant>

PYIDL_NAMESPACE_BEGIN

// std::monostate <-> None, so that std::variant<std::monostate, int> is `None | int`.
template <>
struct converter<std::monostate> {
  static constexpr const char* python_name = converter<none>::python_name;

  static bool from_python(PyObject* src, std::monostate&, const arg_context& ctx) noexcept {
    return src == Py_None || raise_type_error(ctx, python_name, src);
  }
  static PyObject* to_python(std::monostate) noexcept { return Py_NewRef(Py_None); }
};

namespace detail {

template <class T>
concept has_python_name = requires {
  converter<T>::python_name;
};

// Whether a failed alternative's exception means "this value does not fit this alternative"
// (keep trying the others) rather than a failure of its own (MemoryError, an exception
// raised by a user's __index__ or __float__, KeyboardInterrupt), which ends the conversion.
inline bool is_conversion_error(PyObject* exc) noexcept {
  return PyErr_GivenExceptionMatches(exc, PyExc_TypeError) ||
         PyErr_GivenExceptionMatches(exc, PyExc_ValueError) ||  // UnicodeError too
         PyErr_GivenExceptionMatches(exc, PyExc_OverflowError);
}

// Converts `src` into alternative I of `out` if it can. Returns true on success; false
// with no exception set when the value is not of the alternative's type at all (the
// converter's own "must be X, not Y"); false with the exception set otherwise. `first`
// keeps the first error of the "right type, wrong value" kind (an out-of-range int, a list
// with a bad item), which says more than the final "must be A or B" would.
template <std::size_t I, class Variant>
bool try_alternative(PyObject* src, Variant& out, const arg_context& ctx, ref& first) noexcept {
  using alternative = std::variant_alternative_t<I, Variant>;
  bool mismatch = false;
  try {
    out.template emplace<I>();
  } catch (...) {  // the alternative's default constructor threw
    translate_current_exception();
    return false;
  }
  if (converter<alternative>::from_python(src, std::get<I>(out), ctx.alternative(mismatch))) {
    return true;
  }
  ref error = ref::steal(PyErr_GetRaisedException());
  if (!is_conversion_error(error.get())) {
    PyErr_SetRaisedException(error.release());
    return false;
  }
  if (!mismatch && !first) {
    first = std::move(error);
  }
  return false;
}

}  // namespace detail

// std::variant<Ts...>: from Python, each alternative is tried in order and the first that
// converts wins, so the order is part of the meaning:
//   variant<int, double>:  1 -> int 1, 1.5 -> double 1.5
//   variant<double, int>:  1 -> double 1.0 (a float accepts an int; put int first)
//   variant<bool, int>:    True -> bool, 1 -> int (bool accepts only True and False)
//   variant<int, bool>:    True -> int 1 (int accepts bool, as Python's int does)
// When no alternative accepts the value's type: TypeError listing them all, as
// raise_type_error lists types: "f() argument 'x' must be int, str or None, not float".
// When the type fitted some alternative but its value did not (and no later alternative
// took it), that alternative's error is raised instead, e.g. for variant<int8_t,
// std::string> given 300: "OverflowError: Python int too large to convert to C signed
// char", or for variant<std::vector<int>, std::string> given [1, 'a']: "f() argument
// 'x': item 1 must be int, not str". Other errors (MemoryError, an exception raised by
// a user's __index__) stop the search and propagate. To Python: the held alternative.
template <class... Ts>
struct converter<std::variant<Ts...>> {
  using variant = std::variant<Ts...>;
  static_assert((detail::has_python_name<Ts> && ...),
                "each alternative's converter must name its Python type (python_name)");

  static bool from_python(PyObject* src, variant& out, const arg_context& ctx) noexcept {
    ref first;  // the first "right type, wrong value" error
    if (try_each(src, out, ctx, first, std::index_sequence_for<Ts...>{})) {
      return !PyErr_Occurred();  // a success, or an error that ended the search
    }
    if (first) {
      PyErr_SetRaisedException(first.release());
      return false;
    }
    return raise_type_error(ctx, {converter<Ts>::python_name...}, src);
  }

  static PyObject* to_python(const variant& value, const void* state = nullptr) noexcept {
    if (value.valueless_by_exception()) {
      PyErr_SetString(PyExc_ValueError, "cannot convert a valueless std::variant");
      return nullptr;
    }
    return std::visit(
        [state](const auto& held) noexcept -> PyObject* {
          return detail::element_to_python<std::remove_cvref_t<decltype(held)>>(held, state);
        },
        value);
  }

 private:
  // Tries the alternatives in order; stops at the first success or at an error that is not
  // a conversion error (left set).
  template <std::size_t... I>
  static bool try_each(PyObject* src, variant& out, const arg_context& ctx, ref& first,
                       std::index_sequence<I...> /*unused*/) noexcept {
    return (... || (detail::try_alternative<I>(src, out, ctx, first) || PyErr_Occurred()));
  }
};

PYIDL_NAMESPACE_END
