// pyidl/sync/once.h: once, a run-exactly-once flag whose waiters never hold a GIL.
#pragma once

#include "pyidl/config.h"
#include "pyidl/sync/mutex.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <type_traits>

PYIDL_NAMESPACE_BEGIN

// Thrown by once::call() (and so by lazy<T>::get() and per_interpreter<T>::get()) when the
// initializer, directly or through other code, asks for the value it is computing on the
// same thread. Waiting would deadlock, so the inner call throws instead; the runtime's
// exception translation turns it into a Python RuntimeError.
class recursive_initialization_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs an initializer exactly once, for lazy initialization of per-module-object data (see
// lazy<T>, built on it). It replaces "check a flag under the GIL" once-cells, which are
// wrong twice over in pyidl's setting: there is no GIL on a free-threaded build, and even
// with one, an initializer that calls Python code can release it (any bytecode may switch
// threads), letting a second thread in.
//
//     state.tables_ready.call([&] { state.tables = load_tables(); });
//
// Guarantees:
//   - Exactly one caller runs the initializer; callers that arrive meanwhile, from any
//     thread or interpreter, wait for it detached from their interpreter (as
//     pyidl::mutex), so the initializer may call Python code, even code that releases
//     the GIL, without deadlocking against them.
//   - If the initializer throws, nothing is marked done, the exception propagates to its
//     caller, and the next call (a waiting one or a later one) runs the initializer again.
//   - A call from inside the initializer on the same thread throws
//     recursive_initialization_error instead of deadlocking. (A cycle through another
//     thread, initializer A waiting on a thread that waits for A, still deadlocks.)
//   - Once done, call() is one acquire load, and everything the initializer wrote is
//     visible to every caller.
// Constant-initialized; neither copyable nor movable.
class once {
 public:
  constexpr once() noexcept = default;
  once(const once&) = delete;
  once& operator=(const once&) = delete;

  // Runs `init()` unless it has completed before (see the class comment).
  template <class F>
  void call(F&& init) {
    if (!done()) {
      run_once(&invoke<std::remove_reference_t<F>>,
               const_cast<void*>(static_cast<const void*>(std::addressof(init))));
    }
  }

  // True once an initializer has returned normally.
  [[nodiscard]] bool done() const noexcept { return done_.load(std::memory_order_acquire); }

 private:
  template <class F>
  static void invoke(void* init) {
    std::invoke(*static_cast<F*>(init));
  }

  // The slow path, compiled once for all initializer types.
  void run_once(void (*invoke)(void*), void* init);

  std::atomic<bool> done_{false};
  // The thread running the initializer (detail::this_thread_id()), or 0. Only that thread
  // stores its own id here, so a thread that reads its own id is the runner.
  std::atomic<std::uintptr_t> runner_{0};
  mutex mutex_;  // held while the initializer runs
};

PYIDL_NAMESPACE_END
