// once.cpp: the first-call path of pyidl::once.
#include "pyidl/sync/once.h"

#include "pyidl/detail/this_thread.h"

#include <mutex>

PYIDL_NAMESPACE_BEGIN

void once::run_once(void (*invoke)(void*), void* init) {
  const std::uintptr_t self = detail::this_thread_id();
  if (runner_.load(std::memory_order_relaxed) == self) {
    throw recursive_initialization_error(
        "pyidl::once: the initializer asked for its own result on the same thread "
        "(recursive initialization)");
  }
  std::lock_guard lock(mutex_);  // waits detached: the runner may need this thread's GIL
  if (done_.load(std::memory_order_relaxed)) {
    return;  // another thread ran it while this one waited
  }
  runner_.store(self, std::memory_order_relaxed);
  // Cleared however the initializer ends, so a retry after an exception is possible.
  struct runner_reset {
    std::atomic<std::uintptr_t>& runner;
    ~runner_reset() { runner.store(0, std::memory_order_relaxed); }
  } reset{runner_};
  invoke(init);
  done_.store(true, std::memory_order_release);
}

PYIDL_NAMESPACE_END
