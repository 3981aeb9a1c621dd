// callbacks_impl.hpp: the C++ side of callbacks.pyidl: callbacks kept per module object and
// process-wide, and called from threads that never saw Python.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <pyidl/sync/mutex.h>

namespace callbacks_fixture {

using callback = std::function<void(std::int64_t)>;

// A module object's callbacks. fire_from_threads reads them while detached, so other threads
// of the interpreter may register meanwhile: the list is locked, with a pyidl::mutex so that
// an attached caller never waits for it holding the GIL.
class Registry {
 public:
  void add(callback cb) {
    std::lock_guard lock(mutex_);
    callbacks_.push_back(std::move(cb));
  }
  std::vector<callback> snapshot() const {
    std::lock_guard lock(mutex_);
    return callbacks_;
  }
  // The callables are released after the lock: releasing one may run Python code (__del__)
  // that registers again.
  void clear() {
    std::vector<callback> dropped;
    std::lock_guard lock(mutex_);
    dropped.swap(callbacks_);
  }

 private:
  mutable pyidl::mutex mutex_;
  std::vector<callback> callbacks_;
};

inline void add_callback(Registry& registry, callback cb) { registry.add(std::move(cb)); }
inline std::int64_t registered(const Registry& registry) {
  return static_cast<std::int64_t>(registry.snapshot().size());
}
inline void clear(Registry& registry) { registry.clear(); }

// Runs on a detached thread (@release_gil); the std::threads it starts have no thread state
// at all. A callback's error cannot cross a thread, so the first one is rethrown here, where
// the wrapper translates it (pyidl::callback_error becomes RuntimeError).
inline void fire_from_threads(Registry& registry, std::int64_t threads, std::int64_t calls) {
  const std::vector<callback> callbacks = registry.snapshot();
  std::mutex error_mutex;
  std::exception_ptr first_error;
  std::vector<std::thread> workers;
  for (std::int64_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        for (std::int64_t i = 0; i < calls; ++i) {
          for (const callback& cb : callbacks) cb(t * calls + i);
        }
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  if (first_error) std::rethrow_exception(first_error);
}

inline std::string apply(const std::function<std::string(std::int64_t, std::string)>& f,
                         std::int64_t n, std::string s) {
  return f(n, std::move(s));
}
inline std::int64_t apply_or_keep(std::int64_t x,
                                  const std::optional<std::function<std::int64_t(std::int64_t)>>& f) {
  return f ? (*f)(x) : x;
}
inline std::function<std::int64_t(std::int64_t)> echo(std::function<std::int64_t(std::int64_t)> f) {
  return f;
}
inline auto make_adder(std::int64_t n) {
  return [n](std::int64_t x) { return x + n; };
}

// Destroyed by the static destructors at process exit, after every interpreter has ended:
// the runtime must then drop the references instead of entering a dead interpreter.
inline constinit pyidl::mutex kept_mutex;
inline std::vector<std::function<void()>> kept;

inline void keep_until_exit(std::function<void()> cb) {
  std::lock_guard lock(kept_mutex);
  kept.push_back(std::move(cb));
}
// Calls the kept callables in order; one whose interpreter has ended throws
// pyidl::interpreter_gone_error (RuntimeError in Python).
inline void call_kept() {
  std::vector<std::function<void()>> copy;
  {
    std::lock_guard lock(kept_mutex);
    copy = kept;
  }
  for (const auto& cb : copy) cb();
}

}  // namespace callbacks_fixture
