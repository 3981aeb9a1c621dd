// pyidl/callback.h: a Python callable that C++ may invoke from any thread.
//
//     pyidl::callback<int(std::string)> on_line = pyidl::callback<int(std::string)>::capture(fn);
//     std::thread([on_line] { int n = on_line("hello"); }).detach();   // any thread
//
// Invocation attaches to the interpreter the callable came from (a fresh thread state of
// that interpreter when the caller is outside it; never PyGILState_Ensure, which picks the
// main interpreter), converts the arguments with pyidl::converter, calls, converts the
// result and detaches. Errors:
//   - the callable raised, and the caller was already in its interpreter: python_error,
//     with the Python exception left set (a wrapper re-raises it unchanged);
//   - the callable raised, and the caller came from outside: callback_error with
//     "<Type>: <message>" (the exception object cannot leave its interpreter);
//   - its interpreter has ended or is finalizing: interpreter_gone_error.
// Copies are cheap and thread-safe (see bound_ref), so a callback fits in std::function.
#pragma once

#include "pyidl/bound_ref.h"
#include "pyidl/config.h"
#include "pyidl/convert.h"
#include "pyidl/detail/attach.h"
#include "pyidl/error.h"
#include "pyidl/object.h"

#include <cstddef>
#include <type_traits>

PYIDL_NAMESPACE_BEGIN

namespace detail {
// Throws the error for a failed callback: python_error (exception kept) when `scope` did
// not enter from outside, callback_error with the exception's text (exception cleared)
// otherwise. Requires a pending Python exception.
[[noreturn]] void throw_callback_failure(const attach_scope& scope);

// Sets CPython's TypeError for calling `fn`: "'int' object is not callable".
void raise_not_callable(PyObject* fn) noexcept;
}  // namespace detail

template <class Signature>
class callback;

template <class R, class... Args>
class callback<R(Args...)> {
 public:
  // An empty callback; invoking it is undefined.
  callback() noexcept = default;

  // Binds `fn` (borrowed) to the calling thread's interpreter, which must be attached.
  // Returns an empty callback with TypeError set if fn is not callable.
  [[nodiscard]] static callback capture(PyObject* fn) noexcept {
    callback result;
    if (!PyCallable_Check(fn)) {
      detail::raise_not_callable(fn);
      return result;
    }
    result.fn_ = bound_ref::capture(fn);
    return result;
  }

  [[nodiscard]] explicit operator bool() const noexcept { return static_cast<bool>(fn_); }

  // The callable, for converting the callback back to Python (see bound_ref::get).
  [[nodiscard]] const bound_ref& target() const noexcept { return fn_; }

  // Calls the Python callable from any thread; see the top of this file for errors.
  R operator()(Args... args) const {
    detail::attach_scope scope(fn_.home());
    return call_attached(scope, args..., std::index_sequence_for<Args...>{});
  }

 private:
  template <std::size_t... I>
  R call_attached(const detail::attach_scope& scope, const Args&... args,
                  std::index_sequence<I...> /*unused*/) const {
    constexpr std::size_t count = sizeof...(Args);
    // Slot 0 is scratch space that PY_VECTORCALL_ARGUMENTS_OFFSET lets the callee use.
    ref owned[count + 1];
    PyObject* argv[count + 1] = {nullptr};
    const bool converted = ((owned[I + 1] = ref::steal(pyidl::to_python(args)),
                             argv[I + 1] = owned[I + 1].get(), argv[I + 1] != nullptr) && ...);
    if (!converted) {
      detail::throw_callback_failure(scope);
    }
    ref result = ref::steal(PyObject_Vectorcall(fn_.get_unchecked(), argv + 1,
                                                count | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr));
    if (!result) {
      detail::throw_callback_failure(scope);
    }
    if constexpr (!std::is_void_v<R>) {
      R value{};
      if (!pyidl::from_python(result.get(), value, arg_context::result("callback result"))) {
        detail::throw_callback_failure(scope);
      }
      return value;
    }
  }

  bound_ref fn_;
};

PYIDL_NAMESPACE_END
