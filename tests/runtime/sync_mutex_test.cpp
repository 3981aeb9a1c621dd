// sync_mutex_test.cpp: pyidl::mutex and pyidl::detach_scope in the main interpreter, with
// threads that have thread states and threads that have none.
#include "sync_test_helpers.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using pyidl_test::attached_thread;
using pyidl_test::deadline;
using pyidl_test::run_threads;

namespace {

// A namespace-scope mutex, as a serialized module's generated code declares one: constinit
// proves it needs no dynamic initialization (and so has no initialization order problem).
constinit pyidl::mutex process_wide_mutex;

// Spins, without detaching, until `flag` is set.
void spin_until(const std::atomic<bool>& flag) {
  while (!flag.load()) {
    std::this_thread::yield();
  }
}

}  // namespace

TEST_CASE("detach_scope detaches the attached thread state and restores it", "[sync]") {
  PyThreadState* const before = PyThreadState_Get();
  {
    pyidl::detach_scope outer;
    CHECK(outer.detached());
    CHECK(pyidl::detail::attached_thread_state() == nullptr);
    pyidl::detach_scope inner;  // nothing attached any more: a no-op
    CHECK_FALSE(inner.detached());
  }
  CHECK(pyidl::detail::attached_thread_state() == before);

  bool detached_on_bare_thread = true;
  run_threads(1, [&](int) { detached_on_bare_thread = pyidl::detach_scope().detached(); });
  CHECK_FALSE(detached_on_bare_thread);
}

TEST_CASE("inside detach_scope another thread can attach to the interpreter", "[sync]") {
  deadline limit("attach during detach_scope", 60s);
  std::atomic<bool> other_ran_python{false};
  std::thread other([&] {
    attached_thread attached(PyInterpreterState_Main());  // needs the main interpreter's GIL
    other_ran_python = pyidl_test::python_long("6 + 1") == 7;
  });
  {
    pyidl::detach_scope detached;
    other.join();
  }
  CHECK(other_ran_python);
}

TEST_CASE("mutex works with lock_guard, unique_lock and scoped_lock", "[sync]") {
  pyidl::mutex a;
  pyidl::mutex b;
  {
    std::lock_guard guard(a);
    std::unique_lock unique(b);
    CHECK(unique.owns_lock());
  }
  {
    std::scoped_lock both(a, b);
  }
  // After the scopes, both are free again.
  CHECK(a.try_lock());
  CHECK(b.try_lock());
  a.unlock();
  b.unlock();

  // std::scoped_lock's deadlock avoidance relies on try_lock: two threads taking the pair in
  // opposite orders must both finish.
  deadline limit("scoped_lock in opposite orders", 60s);
  std::int64_t pairs = 0;
  run_threads(2, [&](int index) {
    for (int i = 0; i < 20000; ++i) {
      if (index == 0) {
        std::scoped_lock both(a, b);
        ++pairs;
      } else {
        std::scoped_lock both(b, a);
        ++pairs;
      }
    }
  });
  CHECK(pairs == 40000);
}

TEST_CASE("try_lock fails while another thread holds the mutex, and succeeds after", "[sync]") {
  pyidl::mutex m;
  std::atomic<bool> held{false};
  std::atomic<bool> release{false};
  std::thread holder([&] {
    std::lock_guard guard(m);
    held = true;
    spin_until(release);
  });
  spin_until(held);
  CHECK_FALSE(m.try_lock());
  CHECK_FALSE(m.try_lock_for(0ms));
  release = true;
  {
    pyidl::detach_scope detached;
    holder.join();
  }
  CHECK(m.try_lock());
  m.unlock();
}

TEST_CASE("timed locks time out while the mutex is held and succeed once it is released",
          "[sync]") {
  deadline limit("timed locks", 60s);
  pyidl::mutex m;
  std::atomic<bool> held{false};
  std::atomic<bool> release{false};
  std::thread holder([&] {
    std::lock_guard guard(m);
    held = true;
    spin_until(release);
    std::this_thread::sleep_for(30ms);
  });
  spin_until(held);

  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(m.try_lock_for(50ms));
  CHECK(std::chrono::steady_clock::now() - start >= 50ms);

  start = std::chrono::steady_clock::now();
  CHECK_FALSE(m.try_lock_until(std::chrono::system_clock::now() + 40ms));
  CHECK(std::chrono::steady_clock::now() - start >= 40ms);

  // The holder lets go 30 ms after `release`; a waiter with a long timeout gets the lock
  // well before its deadline (the timed wait's pauses are at most ~1 ms).
  release = true;
  start = std::chrono::steady_clock::now();
  const bool acquired = m.try_lock_for(20s);
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(acquired);
  CHECK(waited >= 25ms);
  CHECK(waited < 5s);
  if (acquired) {
    m.unlock();
  }
  pyidl::detach_scope detached;
  holder.join();
}

TEST_CASE("an uncontended lock keeps the thread state attached", "[sync]") {
  // Another thread waits for the main interpreter's GIL, which this thread holds. If lock()
  // detached even once, it would take the GIL and run.
  deadline limit("uncontended lock", 60s);
  std::atomic<bool> waiting{false};
  std::atomic<bool> other_attached{false};
  std::thread other([&] {
    waiting = true;
    attached_thread attached(PyInterpreterState_Main());
    other_attached = true;
  });
  spin_until(waiting);
  std::this_thread::sleep_for(20ms);  // let it block on the GIL
  for (int i = 0; i < 100000; ++i) {
    process_wide_mutex.lock();
    process_wide_mutex.unlock();
    std::lock_guard guard(process_wide_mutex);
  }
  CHECK_FALSE(other_attached);
  pyidl::detach_scope detached;
  other.join();
}

TEST_CASE("a thread holding the mutex can take the GIL of a thread waiting for the mutex",
          "[sync]") {
  // Thread A takes the mutex, then needs the main interpreter's GIL, which this thread (B)
  // holds while it asks for the mutex. With a lock that waits attached (std::mutex) this is
  // a deadlock; pyidl::mutex detaches B while it waits, in lock() and in the timed waits.
  deadline limit("mutex held by a thread waiting for the GIL", 60s);
  const bool timed = GENERATE(false, true);
  CAPTURE(timed);
  pyidl::mutex m;
  std::atomic<bool> a_holds_mutex{false};
  long a_result = 0;
  std::thread a([&] {
    std::lock_guard guard(m);
    a_holds_mutex = true;
    std::this_thread::sleep_for(10ms);  // make sure B is waiting for the mutex
    attached_thread attached(PyInterpreterState_Main());
    a_result = pyidl_test::python_long("sum(range(10))");
  });
  spin_until(a_holds_mutex);  // without detaching: B holds the GIL throughout
  if (timed) {
    const bool acquired = m.try_lock_for(20s);
    CHECK(acquired);
    if (acquired) {
      m.unlock();
    }
  } else {
    m.lock();
    m.unlock();
  }
  CHECK(a_result == 45);
  pyidl::detach_scope detached;
  a.join();
}

TEST_CASE("threads with and without thread states count exactly under the mutex", "[sync]") {
  deadline limit("mutex hammer in the main interpreter", 120s);
  constexpr int kThreads = 8;  // even ones attached to the main interpreter, odd ones bare
  constexpr int kIterations = 20000;
  std::int64_t counter = 0;  // deliberately not atomic: the mutex is the only protection
  std::atomic<int> python_calls{0};
  run_threads(kThreads, [&](int index) {
    if (index % 2 == 1) {
      for (int i = 0; i < kIterations; ++i) {
        std::lock_guard guard(process_wide_mutex);
        ++counter;
      }
      return;
    }
    attached_thread attached(PyInterpreterState_Main());
    for (int i = 0; i < kIterations; ++i) {
      std::lock_guard guard(process_wide_mutex);
      ++counter;
      if (i % 256 == 0) {
        // Hand the GIL over while holding the mutex: re-attaching waits for the GIL with the
        // mutex held, the order that deadlocks with a lock that waits attached.
        pyidl::detach_scope detached;
      }
      if (i % 1000 == 0 && pyidl::ref::steal(PyLong_FromLong(i))) {
        python_calls.fetch_add(1);
      }
    }
  });
  CHECK(counter == std::int64_t{kThreads} * kIterations);
  CHECK(python_calls == (kThreads / 2) * (kIterations / 1000));
}
