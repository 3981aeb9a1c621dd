// pyidl/detail/interpreter_record.h: what the runtime remembers about an interpreter so that
// C++ code can come back to it later, from any thread, and learn safely that it is gone.
//
// Why it exists: a Python reference or callable kept by C++ belongs to one interpreter. A
// thread that later wants to use it must attach to that interpreter, and must not do so once
// the interpreter is finalizing: Py_EndInterpreter aborts the process ("not the last
// thread") if any other thread state of the interpreter still exists, and after it returns
// the interpreter's memory is gone. The record is the rendezvous: attaching from outside
// registers an "entry" first, and the interpreter's atexit hook (which CPython runs before
// that check, for sub-interpreters and the main one alike) marks the record closing and
// waits, detached, until the entries in progress have left.
#pragma once

#include "pyidl/config.h"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

PYIDL_NAMESPACE_BEGIN
namespace detail {

class interpreter_record {
 public:
  interpreter_record(PyInterpreterState* state, std::int64_t id) noexcept : state_(state), id_(id) {}
  interpreter_record(const interpreter_record&) = delete;
  interpreter_record& operator=(const interpreter_record&) = delete;

  // The interpreter; only meaningful while it is not closed.
  [[nodiscard]] PyInterpreterState* state() const noexcept { return state_; }
  // Its id (PyInterpreterState_GetID), unique for the life of the process, unlike the address.
  [[nodiscard]] std::int64_t id() const noexcept { return id_; }

  // True when the calling thread is attached to this interpreter, which is then alive
  // whatever the closing flag says (it may be running its own finalization).
  [[nodiscard]] bool is_current() const noexcept;

  // Registers an entry from outside; false (nothing registered) once the interpreter is
  // closing. Each successful enter() must be paired with one leave().
  [[nodiscard]] bool enter() noexcept;
  void leave() noexcept;

  // Marks the interpreter closing (enter() fails from now on) and waits until the entries in
  // progress have left, except those of the calling thread itself. A caller attached to an interpreter (the atexit hook runs attached
  // to the very interpreter that is closing) is detached while it waits, so the entries can
  // take that interpreter's GIL and finish.
  void close_and_drain() noexcept;

  // Makes a thread state of this interpreter for the calling thread (nullptr when out of
  // memory), and deletes the calling thread's attached one. Entries use these instead of
  // the bare C API calls because CPython hands the interpreter's built-in first thread
  // state out again whenever no other thread state exists, and before 3.14 a thread state
  // made at the same moment as that one is being freed can get it half-reset (a fatal
  // "thread state already initialized"). Serializing our own creations and deletions per
  // interpreter rules that out; pyidl::interpreter also keeps the first one alive.
  [[nodiscard]] PyThreadState* new_thread_state() noexcept;
  void delete_current_thread_state() noexcept;

  // True once the interpreter began to finalize (or was ended through pyidl::interpreter).
  [[nodiscard]] bool closing() const noexcept;

 private:
  PyInterpreterState* state_;
  std::int64_t id_;
  mutable std::mutex mutex_;        // guards the two fields below; held only briefly
  std::mutex thread_states_mutex_;  // serializes new_thread_state / delete_current_...
  std::condition_variable drained_;
  int entries_ = 0;
  bool closing_ = false;
};

// The record of the interpreter the calling thread is attached to, created on first use
// together with its finalization hook. Requires an attached thread state. Returns nullptr
// with a Python exception set if the hook cannot be installed.
[[nodiscard]] std::shared_ptr<interpreter_record> current_interpreter_record() noexcept;

}  // namespace detail
PYIDL_NAMESPACE_END
