// pyidl/convert.h: the converter<T> protocol between C++ values and Python objects, and the
// converters for scalars, strings, bytes and None.
//
// A type T is convertible when converter<T> is specialised with
//
//     // Converts `src` (borrowed) into `out`. On failure sets a Python exception (its
//     // message built from `ctx`) and returns false; `out` is then unspecified. Never throws.
//     static bool from_python(PyObject* src, T& out, const arg_context& ctx) noexcept;
//
//     // Returns a new reference, or nullptr with a Python exception set. Never throws.
//     static PyObject* to_python(const T& value) noexcept;
//
//     // The Python type(s) accepted, as the converter's own TypeError names them ("int",
//     // "list or tuple"); std::variant lists its alternatives with it.
//     static constexpr const char* python_name = "int";
//
// Headers in stdlib_bindings/ (and the runtime's own convert/*.h) add types by specialising
// it, the way nanobind's type_caster does; the second parameter allows constrained partial
// specialisations (`struct converter<T, std::enable_if_t<...>>`). Only the primary template
// is left undefined, so using an unsupported type is a compile error at the use.
#pragma once

#include "pyidl/config.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

PYIDL_NAMESPACE_BEGIN

// Where a value being converted came from, so that a failure reads like CPython's own
// argument errors:
//     add() argument 'a' must be int, not str
//     add() argument 1 must be int, not str             (a positional-only parameter)
//     total() argument 'xs': item 3 must be float, not str
//     area() argument 'x' must be int or str, not float      (std::variant<int, std::string>)
// Contexts are cheap plain values; container converters make one per item on the stack
// with item() or value_for(). All pointers are borrowed and must outlive the conversion.
struct arg_context {
  enum class kind : unsigned char { argument, item, key, value, element, result, alternative };

  const char* function = nullptr;     // Python name of the function ("add"), or null
  const char* name = nullptr;         // parameter name, or null
  int position = 0;                   // 1-based parameter position, 0 if unknown
  bool positional_only = false;       // named by position, as Argument Clinic does; with
                                      // position 0 just "argument" (Clinic's wording for a
                                      // function's only parameter)
  bool or_none = false;               // the type also accepts None (std::optional)
  kind what = kind::argument;
  const arg_context* parent = nullptr;  // enclosing container, for items/keys/values
  const void* owner_state = nullptr;  // the root's: see with_state()
  Py_ssize_t index = 0;               // item index (kind::item)
  PyObject* key = nullptr;            // dict key, borrowed (kind::value)
  bool* type_mismatch = nullptr;      // kind::alternative: set by raise_type_error

  // The context of parameter `name` (1-based `position`) of `function`.
  static constexpr arg_context parameter(const char* function, const char* name, int position,
                                         bool positional_only = false) noexcept {
    arg_context c;
    c.function = function;
    c.name = name;
    c.position = position;
    c.positional_only = positional_only;
    return c;
  }

  // The context of a value returned to C++ from Python (a callback result, for example):
  // errors then read "<what> must be int, not str".
  static constexpr arg_context result(const char* what) noexcept {
    arg_context c;
    c.function = what;
    c.what = kind::result;
    return c;
  }

  // The context of item `i` (0-based) of the container this context describes.
  constexpr arg_context item(Py_ssize_t i) const noexcept {
    arg_context c;
    c.what = kind::item;
    c.parent = this;
    c.index = i;
    return c;
  }
  // The context of a key of the dict this context describes.
  constexpr arg_context key_of() const noexcept {
    arg_context c;
    c.what = kind::key;
    c.parent = this;
    return c;
  }
  // The context of an element of the set this context describes.
  constexpr arg_context element_of() const noexcept {
    arg_context c;
    c.what = kind::element;
    c.parent = this;
    return c;
  }
  // The context of the value stored under `k` (borrowed) in the dict this describes.
  constexpr arg_context value_for(PyObject* k) const noexcept {
    arg_context c;
    c.what = kind::value;
    c.parent = this;
    c.key = k;
    return c;
  }
  // The context of one alternative of the std::variant this context describes. Errors read
  // exactly as for this context; in addition raise_type_error() on it sets `mismatch`, so
  // the variant can tell "not this alternative's type at all" (try the next one quietly)
  // from "this type, but a bad value" (an overflow, a bad item: worth reporting).
  constexpr arg_context alternative(bool& mismatch) const noexcept {
    arg_context c;
    c.what = kind::alternative;
    c.parent = this;
    c.type_mismatch = &mismatch;
    return c;
  }
  // This context carrying the module state `state` of the generated code converting, for
  // the converters a module generates for its bound classes and enums (their Python types
  // live in that state), wherever in a container they are reached: module_state() finds
  // it from any item's context.
  constexpr arg_context with_state(const void* state) const noexcept {
    arg_context c = *this;
    c.owner_state = state;
    return c;
  }
  const void* module_state() const noexcept {
    const arg_context* c = this;
    while (c->parent != nullptr) c = c->parent;
    return c->owner_state;
  }
  // This context, noting that None would also have been accepted.
  constexpr arg_context accepting_none() const noexcept {
    arg_context c = *this;
    c.or_none = true;
    return c;
  }
};

// Converts between T and Python; see the top of this file. Undefined for unsupported T.
template <class T, class = void>
struct converter;

// Convenience front-ends to converter<T> for generated code and converter authors.
// Converts `src` (borrowed) into `out`; false with a Python exception set on failure.
template <class T>
[[nodiscard]] inline bool from_python(PyObject* src, T& out, const arg_context& ctx) noexcept {
  return converter<T>::from_python(src, out, ctx);
}
// Returns a new reference, or nullptr with a Python exception set.
template <class T>
[[nodiscard]] inline PyObject* to_python(const T& value) noexcept {
  return converter<std::remove_cv_t<T>>::to_python(value);
}

namespace detail {
// converter<T>::to_python(value, state) where T's converter takes the module state (those
// a module generates for its bound classes and enums, and the containers, which pass it on
// to their items), else converter<T>::to_python(value). Container converters convert their
// items with it.
template <class T>
[[nodiscard]] inline PyObject* element_to_python(const T& value, const void* state) noexcept {
  if constexpr (requires { converter<T>::to_python(value, state); }) {
    return converter<T>::to_python(value, state);
  } else {
    return converter<T>::to_python(value);
  }
}
}  // namespace detail

// The same for a value that holds bound classes or enums of the generated module whose
// state is `state` (generated code passes its own).
template <class T>
[[nodiscard]] inline PyObject* to_python(const T& value, const void* state) noexcept {
  return detail::element_to_python<std::remove_cv_t<T>>(value, state);
}

// bytes: an immutable byte string as Python's `bytes`, distinct from std::string (which
// maps to `str`). It wraps a std::string because that is the cheapest owning byte buffer.
struct bytes {
  std::string data;
  friend bool operator==(const bytes&, const bytes&) = default;
};

// none: the C++ side of a parameter or result that is always None (the IDL's `None`).
struct none {
  friend bool operator==(none, none) = default;
};

// For converter authors (stdlib_bindings, generated class converters): sets TypeError
// "<where ctx points> must be <expected>, not <type of obj>" and returns false, e.g.
// "add() argument 'a' must be int, not str". `expected` is static text such as "int" or
// "list or tuple"; None is added when the context accepts None. `obj` is borrowed.
// The accepted types are listed the way CPython lists them ("expected str, bytes or
// os.PathLike object"): "A", "A or B", "A, B or C", each once, None last.
bool raise_type_error(const arg_context& ctx, const char* expected, PyObject* obj) noexcept;
// As above, for several accepted types (each itself "A" or a list such as "list or tuple"):
// raise_type_error(ctx, {"int", "list or tuple"}, obj) says "must be int, list or tuple".
bool raise_type_error(const arg_context& ctx, std::initializer_list<const char*> expected,
                      PyObject* obj) noexcept;

namespace detail {
using pyidl::raise_type_error;  // older spelling; the same function
// Sets "<where> <message>" with exception `type` and returns false; e.g. "must be a tuple
// of length 2, not 3". Where there is no context (kind::result with a null name) the
// message stands alone.
bool raise_with_context(PyObject* type, const arg_context& ctx, const char* message) noexcept;

// Sets TypeError "<where> must be <what> of length <expected>, not <actual>" and returns
// false; `what` is "a tuple" or "a sequence" (getargs.c: "must be sequence of length 2,
// not 3", also a TypeError).
bool raise_length_error(const arg_context& ctx, const char* what, std::size_t expected,
                        Py_ssize_t actual) noexcept;

// Returns a new reference to `src` as an int: src itself if it is an int (bool included),
// else operator.index(src). Anything without __index__ (float, str) is a TypeError
// "<where> must be int, not float"; returns nullptr with the exception set.
PyObject* index_from_python(PyObject* src, const arg_context& ctx) noexcept;

// Slow paths of the integer and float converters (convert_number.cpp).
bool long_from_python(PyObject* src, long long& out, long long min, long long max,
                      const char* too_small, const char* too_big,
                      const arg_context& ctx) noexcept;
bool ulong_from_python(PyObject* src, unsigned long long& out, unsigned long long max,
                       const char* too_big, const arg_context& ctx) noexcept;
bool double_from_python(PyObject* src, double& out, const arg_context& ctx) noexcept;
}  // namespace detail

PYIDL_NAMESPACE_END

#include "pyidl/convert/number.h"
#include "pyidl/convert/string.h"
