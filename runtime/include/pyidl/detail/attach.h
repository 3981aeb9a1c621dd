// pyidl/detail/attach.h: running on any thread inside a given interpreter.
#pragma once

#include "pyidl/config.h"
#include "pyidl/detail/interpreter_record.h"

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Attaches the calling thread to `record`'s interpreter for the lifetime of the scope:
//   - already attached to it: nothing to do (the common, cheap case);
//   - attached to another interpreter: that thread state is detached, a fresh one of the
//     target interpreter is attached, and on exit the original is restored;
//   - attached to none (a thread that never saw Python): a fresh thread state is attached
//     and deleted on exit.
// A fresh thread state is made for every foreign entry, never PyGILState_Ensure (which
// always picks the main interpreter) and never cached: a leftover thread state would make
// Py_EndInterpreter abort the process.
// Throws interpreter_gone_error if the interpreter is finalizing or ended, std::bad_alloc
// if no thread state can be made. Python errors raised inside a foreign entry belong to the
// fresh thread state and are dropped with it: convert them before the scope ends.
class attach_scope {
 public:
  explicit attach_scope(interpreter_record& record);
  ~attach_scope();
  attach_scope(const attach_scope&) = delete;
  attach_scope& operator=(const attach_scope&) = delete;

  // True when this scope made a fresh thread state (the caller came from outside).
  [[nodiscard]] bool foreign() const noexcept { return created_ != nullptr; }

 private:
  friend int foreign_entries_on_this_thread(const interpreter_record& record) noexcept;

  interpreter_record* record_;
  const attach_scope* outer_;          // the enclosing scope on this thread, if any
  PyThreadState* created_ = nullptr;   // our thread state of the target interpreter
  PyThreadState* previous_ = nullptr;  // the caller's detached thread state, if any
};

// How many foreign entries into `record`'s interpreter the calling thread itself has open
// (nested attach_scopes). A thread that closes an interpreter must not wait for those.
[[nodiscard]] int foreign_entries_on_this_thread(const interpreter_record& record) noexcept;

}  // namespace detail
PYIDL_NAMESPACE_END
