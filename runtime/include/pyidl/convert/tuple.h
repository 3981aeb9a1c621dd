// pyidl/convert/tuple.h: std::tuple<Ts...> and std::pair<A, B> <-> tuple of exactly that length.
#pragma once

#include "pyidl/convert.h"
#include "pyidl/detail/stable_abi.h"
#include "pyidl/error.h"
#include "pyidl/object.h"

#include <cstddef>
#include <tuple>
#include <utility>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Converts the items of `src` (a tuple of the right length) into the elements of `out`,
// element i with context ctx.item(i).
template <class Tuple, std::size_t... I>
bool tuple_from_python([[maybe_unused]] PyObject* src, [[maybe_unused]] Tuple& out,
                       [[maybe_unused]] const arg_context& ctx,
                       std::index_sequence<I...>) noexcept {
  // A tuple is immutable, so borrowing its items is safe on every build.
  return (converter<std::tuple_element_t<I, Tuple>>::from_python(
              detail::tuple_item(src, static_cast<Py_ssize_t>(I)), std::get<I>(out),
              ctx.item(static_cast<Py_ssize_t>(I))) &&
          ...);
}

template <class Tuple, std::size_t... I>
PyObject* tuple_to_python([[maybe_unused]] const Tuple& value, [[maybe_unused]] const void* state,
                          std::index_sequence<I...>) noexcept {
  if constexpr (sizeof...(I) == 0) {
    return PyTuple_New(0);
  } else {
  ref items[] = {ref::steal(
      element_to_python<std::tuple_element_t<I, Tuple>>(std::get<I>(value), state))...};
  PyObject* result = PyTuple_New(sizeof...(I));
  if (result == nullptr) {
    return nullptr;
  }
  for (std::size_t i = 0; i < sizeof...(I); ++i) {
    if (!items[i]) {
      Py_DECREF(result);
      return nullptr;
    }
    detail::tuple_init_item(result, static_cast<Py_ssize_t>(i), items[i].release());  // steals
  }
  return result;
  }
}

// Shared implementation for std::tuple and std::pair.
template <class Tuple>
struct tuple_converter {
  static constexpr std::size_t size = std::tuple_size_v<Tuple>;
  static constexpr const char* python_name = "tuple";

  static bool from_python(PyObject* src, Tuple& out, const arg_context& ctx) noexcept {
    if (!PyTuple_Check(src)) {
      return raise_type_error(ctx, python_name, src);
    }
    if (detail::tuple_size(src) != static_cast<Py_ssize_t>(size)) {
      return raise_length_error(ctx, "a tuple", size, detail::tuple_size(src));
    }
    return tuple_from_python(src, out, ctx, std::make_index_sequence<size>{});
  }
  static PyObject* to_python(const Tuple& value, const void* state = nullptr) noexcept {
    return tuple_to_python(value, state, std::make_index_sequence<size>{});
  }
};

}  // namespace detail

// std::tuple<Ts...> <-> tuple of length sizeof...(Ts). Only a tuple is accepted (a list is
// a TypeError); a wrong length is "f() argument 'p' must be a tuple of length 2, not 3".
template <class... Ts>
struct converter<std::tuple<Ts...>> : detail::tuple_converter<std::tuple<Ts...>> {};

// std::pair<A, B> <-> tuple of length 2, as std::tuple<A, B>.
template <class A, class B>
struct converter<std::pair<A, B>> : detail::tuple_converter<std::pair<A, B>> {};

PYIDL_NAMESPACE_END
