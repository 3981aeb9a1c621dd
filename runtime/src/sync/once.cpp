// once.cpp: the first-call path of pyidl::once.
#include "pyidl/sync/once.h"

#include <mutex>

PYIDL_NAMESPACE_BEGIN

namespace detail {
namespace {

// A value unique to the calling thread among the threads alive: the address of a
// thread-local object. (std::thread::id would do, but an atomic of it cannot be
// constant-initialized.)
const void* this_thread_token() noexcept {
  thread_local const char token = 0;
  return &token;
}

}  // namespace
}  // namespace detail

void once::run_once(void (*invoke)(void*), void* init) {
  const void* const self = detail::this_thread_token();
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
    std::atomic<const void*>& runner;
    ~runner_reset() { runner.store(nullptr, std::memory_order_relaxed); }
  } reset{runner_};
  invoke(init);
  done_.store(true, std::memory_order_release);
}

PYIDL_NAMESPACE_END
