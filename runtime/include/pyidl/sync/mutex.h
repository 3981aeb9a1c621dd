// pyidl/sync/mutex.h: mutex, a lock for C++ state shared by threads and interpreters that never deadlocks against a GIL.
#pragma once

#include "pyidl/config.h"

#include <chrono>
#include <cstdint>
#include <type_traits>

// PyMutex exists from 3.13, outside the limited API: a stable-ABI build uses the fallback.
#if PY_VERSION_HEX >= 0x030D0000 && !defined(Py_LIMITED_API)
#define PYIDL_MUTEX_IS_PYMUTEX 1
#else
#define PYIDL_MUTEX_IS_PYMUTEX 0
#include <mutex>
#endif

// ThreadSanitizer sees the atomics of the PyMutex fast paths compiled here, but not those in
// libpython, where PyMutex's slow paths hand the lock from one thread to the next. Without
// help it would report the very data the mutex protects as racing, so under TSan the mutex
// announces each acquisition and release itself. (std::mutex needs no help: TSan intercepts
// pthread.)
#if defined(__SANITIZE_THREAD__)
#define PYIDL_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PYIDL_THREAD_SANITIZER 1
#endif
#endif
#if PYIDL_MUTEX_IS_PYMUTEX && defined(PYIDL_THREAD_SANITIZER)
#define PYIDL_MUTEX_ANNOUNCES_TO_TSAN 1
#include <sanitizer/tsan_interface.h>
#else
#define PYIDL_MUTEX_ANNOUNCES_TO_TSAN 0
#endif

PYIDL_NAMESPACE_BEGIN

// A mutual-exclusion lock for C++ data that several threads, and several interpreters of the
// process, use at the same time: a library's global cache, a registry, a singleton. Use it
// like std::mutex (it is Lockable and TimedLockable, so std::lock_guard, std::unique_lock
// and std::scoped_lock work):
//
//     constinit pyidl::mutex cache_mutex;
//     std::lock_guard lock(cache_mutex);
//
// Why not std::mutex: a thread that blocks on a std::mutex while attached to an interpreter
// keeps that interpreter's GIL. If the thread holding the mutex then needs the same GIL (it
// calls back into Python, or just returns to Python code and must re-attach), both wait
// forever; on a free-threaded build the blocked thread also stalls every stop-the-world
// pause (garbage collection). pyidl::mutex first tries to take the lock without waiting,
// and if that fails it detaches the calling thread state (if one is attached) for as long
// as it waits, re-attaching once it owns the lock. So a thread never waits for this lock
// while holding a GIL, and holding the lock while waiting for a GIL is safe. An uncontended
// lock() is one compare-exchange and never detaches.
//
// Unlike nanobind's ft_mutex it is a real lock on GIL builds too: with one GIL per
// interpreter (PEP 684), the GIL does not serialize threads of different interpreters.
// Usable from threads with no Python thread state at all. Not recursive: locking it twice
// on one thread deadlocks, as with std::mutex. Constant-initialized, so a namespace-scope
// mutex is ready before any code runs and has no destruction order problem.
//
// On 3.13+ it is a PyMutex (one byte; waiting threads park and detach inside CPython); on
// 3.12 (and under the limited API) a std::mutex whose waits run detached.
class mutex {
 public:
  constexpr mutex() noexcept = default;
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  // Blocks until the calling thread owns the lock, detaching its thread state (if any)
  // while it waits. The caller must not own it already.
  void lock() {
    if (!try_lock()) {
      lock_contended();
    }
  }

  // Takes the lock if it is free right now; never waits and never detaches. Returns true if
  // the calling thread now owns it.
  [[nodiscard]] bool try_lock() noexcept {
#if PYIDL_MUTEX_IS_PYMUTEX
    // The compare-exchange of PyMutex_Lock's inline fast path (cpython/lock.h), widened to
    // the "unlocked, threads parked" state (0b10): the lock is free then too, and taking it
    // is what CPython's own slow path does; PyMutex_Unlock then wakes a parked thread.
    std::uint8_t bits = _Py_atomic_load_uint8_relaxed(&mutex_._bits);
    while ((bits & _Py_LOCKED) == 0) {
      if (_Py_atomic_compare_exchange_uint8(&mutex_._bits, &bits,
                                            static_cast<std::uint8_t>(bits | _Py_LOCKED))) {
        announce_acquired();
        return true;
      }
      // `bits` now holds the current value: another thread locked it, or one parked.
    }
    return false;
#else
    return mutex_.try_lock();
#endif
  }

  // Releases the lock, which the calling thread must own.
  void unlock() noexcept {
#if PYIDL_MUTEX_IS_PYMUTEX
    announce_releasing();
    PyMutex_Unlock(&mutex_);
#else
    mutex_.unlock();
#endif
  }

  // Like lock(), but gives up after `timeout`; returns true if the calling thread now owns
  // the lock. See try_lock_until().
  template <class Rep, class Period>
  [[nodiscard]] bool try_lock_for(const std::chrono::duration<Rep, Period>& timeout) {
    return try_lock_until(std::chrono::steady_clock::now() + timeout);
  }

  // Like lock(), but gives up at `deadline`; returns true if the calling thread now owns the
  // lock. A deadline in the past makes it a try_lock(). After a first failed try it detaches
  // (like lock()) and polls: it yields a few times, then sleeps between tries, doubling the
  // pause up to 1 ms and never past the deadline. CPython exports no timed PyMutex lock, so
  // this is the same on every version: a timed waiter sees a release at most ~1 ms late
  // and, not being queued, may lose the lock to lock() callers (no fairness).
  template <class Clock, class Duration>
  [[nodiscard]] bool try_lock_until(const std::chrono::time_point<Clock, Duration>& deadline) {
    using steady = std::chrono::steady_clock;
    if constexpr (std::is_same_v<Clock, steady>) {
      return try_lock_until_steady(std::chrono::ceil<steady::duration>(deadline));
    } else {
      // Another clock (system_clock) may be adjusted while we wait: wait its remaining time
      // on the steady clock, then check the deadline again on its own clock.
      auto now = Clock::now();
      do {
        const auto remaining = std::chrono::ceil<steady::duration>(deadline - now);
        if (try_lock_until_steady(steady::now() + remaining)) {
          return true;
        }
        now = Clock::now();
      } while (now < deadline);
      return false;
    }
  }

 private:
  void lock_contended();
  bool try_lock_until_steady(std::chrono::steady_clock::time_point deadline);

#if PYIDL_MUTEX_IS_PYMUTEX
  // See PYIDL_MUTEX_ANNOUNCES_TO_TSAN; no-ops in other builds.
  void announce_acquired() noexcept {
#if PYIDL_MUTEX_ANNOUNCES_TO_TSAN
    __tsan_acquire(&mutex_);
#endif
  }
  void announce_releasing() noexcept {
#if PYIDL_MUTEX_ANNOUNCES_TO_TSAN
    __tsan_release(&mutex_);
#endif
  }
#endif

#if PYIDL_MUTEX_IS_PYMUTEX
  PyMutex mutex_{};
#else
  std::mutex mutex_;
#endif
};

PYIDL_NAMESPACE_END
