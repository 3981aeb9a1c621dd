// mutex.cpp: the waiting paths of pyidl::mutex, all of which run detached from the interpreter.
#include "pyidl/sync/mutex.h"

#include "pyidl/sync/detach.h"

#include <algorithm>
#include <thread>

PYIDL_NAMESPACE_BEGIN

namespace {

// Failed tries that are followed by a yield before a waiter starts sleeping (or, on 3.12,
// detaches and blocks). Locks are usually held briefly, and a waiter that gets the lock
// within a few yields saves a detach/re-attach, which may cost a wait for the GIL. The
// figure is CPython's own spin count for PyMutex (MAX_SPIN_COUNT in Python/lock.c).
constexpr int kYieldingTries = 40;

// The longest pause between two tries of a timed wait: how late a timed waiter may notice a
// release, and what it costs in wake-ups per second (1000) while it waits.
constexpr std::chrono::microseconds kLongestPause{1000};
constexpr std::chrono::microseconds kFirstPause{20};

}  // namespace

void mutex::lock_contended() {
#if PYIDL_MUTEX_IS_PYMUTEX
  // The exported function, not the PyMutex_Lock macro (whose inline fast path try_lock()
  // has just done): it spins, then parks, detaching the thread state while parked.
  (PyMutex_Lock)(&mutex_);
  announce_acquired();
#else
  for (int i = 0; i < kYieldingTries; ++i) {
    std::this_thread::yield();
    if (try_lock()) {
      return;
    }
  }
  // Blocked here, a thread must hold no GIL: the owner may need it before it unlocks.
  detach_scope detached;
  mutex_.lock();
#endif
}

bool mutex::try_lock_until_steady(std::chrono::steady_clock::time_point deadline) {
  if (try_lock()) {
    return true;
  }
  detach_scope detached;
  auto pause = kFirstPause;
  for (int tries = 0;; ++tries) {
    if (try_lock()) {
      return true;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return false;
    }
    if (tries < kYieldingTries) {
      std::this_thread::yield();
    } else {
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(pause, deadline - now));
      pause = std::min(pause * 2, kLongestPause);
    }
  }
}

PYIDL_NAMESPACE_END
