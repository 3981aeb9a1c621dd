// pyidl/bound_ref.h: a reference to a Python object that C++ keeps, bound to the
// interpreter the object belongs to.
//
// A stored callback, a cached object: C++ often keeps Python objects beyond the call that
// brought them. With several interpreters in one process, such an object may only be used
// by a thread attached to its own interpreter; touching it from another one corrupts both
// (different allocators, different GILs). bound_ref remembers the home interpreter:
//   - get() from the home interpreter returns the object; from anywhere else it raises
//     RuntimeError with a clear message instead of undefined behaviour;
//   - copies are cheap and need no thread state (they share one strong reference);
//   - the last copy may die on any thread: the reference is released inside the home
//     interpreter (attaching to it if needed), or dropped silently if that interpreter has
//     already ended, since its objects ended with it.
#pragma once

#include "pyidl/config.h"
#include "pyidl/detail/interpreter_record.h"

#include <cstdint>
#include <memory>

PYIDL_NAMESPACE_BEGIN

class bound_ref {
 public:
  // An empty reference.
  bound_ref() noexcept = default;

  // Takes a new strong reference to `obj` (borrowed, not null), bound to the interpreter
  // the calling thread is attached to (it must be attached). Returns an empty bound_ref
  // with a Python exception set on failure (out of memory).
  [[nodiscard]] static bound_ref capture(PyObject* obj) noexcept;

  [[nodiscard]] explicit operator bool() const noexcept { return static_cast<bool>(holder_); }

  // The object (borrowed; valid while this bound_ref lives) when the calling thread is
  // attached to its home interpreter. Otherwise sets RuntimeError ("... belongs to
  // interpreter 3 and cannot be used from interpreter 5") and returns nullptr. Requires an
  // attached thread state and a non-empty bound_ref.
  [[nodiscard]] PyObject* get() const noexcept;

  // True when the calling thread is attached to the home interpreter.
  [[nodiscard]] bool in_home_interpreter() const noexcept { return holder_->home->is_current(); }

  // The home interpreter's id.
  [[nodiscard]] std::int64_t interpreter_id() const noexcept { return holder_->home->id(); }

  // The home interpreter's record (to attach to it: detail::attach_scope).
  [[nodiscard]] detail::interpreter_record& home() const noexcept { return *holder_->home; }

  // The object without the interpreter check, for code that has just attached to home().
  [[nodiscard]] PyObject* get_unchecked() const noexcept { return holder_->object; }

 private:
  struct holder {
    PyObject* object;  // strong reference, released in ~holder
    std::shared_ptr<detail::interpreter_record> home;
    holder(PyObject* obj, std::shared_ptr<detail::interpreter_record> record) noexcept
        : object(obj), home(std::move(record)) {}
    holder(const holder&) = delete;
    holder& operator=(const holder&) = delete;
    ~holder();
  };

  std::shared_ptr<holder> holder_;
};

PYIDL_NAMESPACE_END
