// pyidl/sync/detach.h: detach_scope, which lets other threads run Python while C++ code works or waits.
#pragma once

#include "pyidl/config.h"
#include "pyidl/detail/thread_state.h"

PYIDL_NAMESPACE_BEGIN

// Detaches the calling thread's thread state for the lifetime of the scope and re-attaches
// it on destruction, like Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS but exception-safe.
// While detached, the thread holds no GIL (other threads of its interpreter run) and does
// not delay a stop-the-world pause of a free-threaded build, so C++ code that computes or
// blocks for a long time should run inside one:
//
//     {
//       pyidl::detach_scope detached;
//       result = library::solve(input);  // must not touch Python objects or the C API
//     }
//
// The generated code of functions declared to run without the interpreter wraps the C++
// call in one. A no-op when no thread state is attached (a C++ thread, or a scope that is
// already detached), so it nests and is safe to use anywhere. Re-attaching waits for the
// interpreter's GIL (GIL builds) or for a stop-the-world pause to end (free-threaded).
class detach_scope {
 public:
  detach_scope() noexcept
      : saved_(detail::attached_thread_state() != nullptr ? PyEval_SaveThread() : nullptr) {}
  ~detach_scope() {
    if (saved_ != nullptr) {
      PyEval_RestoreThread(saved_);
    }
  }
  detach_scope(const detach_scope&) = delete;
  detach_scope& operator=(const detach_scope&) = delete;

  // True if this scope detached a thread state (and will re-attach it).
  [[nodiscard]] bool detached() const noexcept { return saved_ != nullptr; }

 private:
  PyThreadState* saved_;  // the thread state to re-attach, or null
};

PYIDL_NAMESPACE_END
