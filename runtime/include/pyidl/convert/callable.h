// pyidl/convert/callable.h: std::function<R(Args...)> <-> a Python callable (the IDL's
// Callable[[Args...], R]).
//
// Python -> C++: the callable is captured as a pyidl::callback, so the C++ side may keep the
// std::function and call it later from any thread; each call attaches to the interpreter
// the callable came from (see pyidl/callback.h). A std::function that came from Python goes
// back as the very same Python object.
// C++ -> Python: any other std::function becomes a builtin function object that owns a
// copy of it and converts its arguments positionally ("function() argument 1 must be int,
// not str"); an empty std::function is None.
#pragma once

#include "pyidl/callback.h"
#include "pyidl/convert.h"
#include "pyidl/error.h"
#include "pyidl/object.h"

#include <cstddef>
#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// The Python face of a C++ std::function: a builtin function whose `self` is a capsule
// owning the std::function. One PyMethodDef per signature, which CPython only reads.
template <class R, class... Args>
struct cxx_function_object {
  using function = std::function<R(Args...)>;
  static constexpr const char* capsule_name = "pyidl.cxx_function";

  static void destroy(PyObject* capsule) noexcept {
    delete static_cast<function*>(PyCapsule_GetPointer(capsule, capsule_name));
  }

  static PyObject* call(PyObject* capsule, PyObject* const* args, Py_ssize_t nargs) noexcept {
    constexpr Py_ssize_t expected = sizeof...(Args);
    if (nargs != expected) {
      PyErr_Format(PyExc_TypeError, "function() takes %zd positional argument%s but %zd %s given",
                   expected, expected == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
      return nullptr;
    }
    const function& fn = *static_cast<function*>(PyCapsule_GetPointer(capsule, capsule_name));
    return call_with(fn, args, std::index_sequence_for<Args...>{});
  }

  template <std::size_t... I>
  static PyObject* call_with(const function& fn, PyObject* const* args,
                             std::index_sequence<I...> /*unused*/) noexcept {
    try {
      std::tuple<std::remove_cvref_t<Args>...> values;
      const bool converted =
          (pyidl::from_python(args[I], std::get<I>(values),
                              arg_context::parameter("function", nullptr, static_cast<int>(I) + 1,
                                                     /*positional_only=*/true)) &&
           ...);
      if (!converted) {
        return nullptr;
      }
      if constexpr (std::is_void_v<R>) {
        fn(std::get<I>(values)...);
        Py_RETURN_NONE;
      } else {
        return pyidl::to_python(fn(std::get<I>(values)...));
      }
    } catch (...) {
      translate_current_exception();
      return nullptr;
    }
  }

  static inline PyMethodDef method = {"function", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&call)),
                                      METH_FASTCALL, "A C++ function (pyidl)."};

  static PyObject* wrap(const function& fn) noexcept {
    function* owned = nullptr;
    try {
      owned = new function(fn);
    } catch (...) {
      translate_current_exception();
      return nullptr;
    }
    ref capsule = ref::steal(PyCapsule_New(owned, capsule_name, destroy));
    if (!capsule) {
      delete owned;
      return nullptr;
    }
    return PyCFunction_New(&method, capsule.get());
  }
};

}  // namespace detail

template <class R, class... Args>
struct converter<std::function<R(Args...)>> {
  using function = std::function<R(Args...)>;
  static constexpr const char* python_name = "callable";

  static bool from_python(PyObject* src, function& out, const arg_context& ctx) noexcept {
    if (!PyCallable_Check(src)) {
      return raise_type_error(ctx, python_name, src);
    }
    callback<R(Args...)> cb = callback<R(Args...)>::capture(src);
    if (!cb) {
      return false;
    }
    try {
      out = std::move(cb);
    } catch (...) {
      translate_current_exception();
      return false;
    }
    return true;
  }

  static PyObject* to_python(const function& value) noexcept {
    if (!value) {
      return Py_NewRef(Py_None);
    }
    if (const auto* cb = value.template target<callback<R(Args...)>>()) {
      PyObject* original = cb->target().get();  // RuntimeError from another interpreter
      return original != nullptr ? Py_NewRef(original) : nullptr;
    }
    return detail::cxx_function_object<R, Args...>::wrap(value);
  }
};

PYIDL_NAMESPACE_END
