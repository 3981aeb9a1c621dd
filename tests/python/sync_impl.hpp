// sync_impl.hpp: the C++ side of sync.pyidl: a deliberately thread-unsafe library, with
// atomics only where the tests need to observe it (no undefined behaviour: every racy
// update is an atomic load and a separate atomic store, which loses updates but never
// tears or crashes).
#pragma once

#include <Python.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>

#include <pyidl/error.h>

namespace sync_fixture {

// Counts calls that find another call of the same group running: 0 proves a lock held.
class overlap_probe {
 public:
  struct scope {
    explicit scope(overlap_probe& probe) : probe_(probe) {
      const int before = probe_.inside_.fetch_add(1);
      if (before > 0) ++probe_.overlaps_;
      int peak = probe_.peak_.load();
      while (before + 1 > peak && !probe_.peak_.compare_exchange_weak(peak, before + 1)) {
      }
    }
    ~scope() { --probe_.inside_; }
    overlap_probe& probe_;
  };
  std::int64_t overlaps() const { return overlaps_.load(); }
  std::int64_t peak() const { return peak_.load(); }
  void reset() { overlaps_ = 0; peak_ = 0; }

 private:
  std::atomic<int> inside_{0};
  std::atomic<int> peak_{0};
  std::atomic<std::int64_t> overlaps_{0};
};

// The read-modify-write of a thread-unsafe library, with the window between read and write
// widened by a yield so that unsynchronized callers lose updates.
inline void racy_add(std::atomic<std::int64_t>& value, std::int64_t n) {
  const std::int64_t read = value.load(std::memory_order_relaxed);
  std::this_thread::yield();
  value.store(read + n, std::memory_order_relaxed);
}

// --- a process-wide counter --------------------------------------------------------------
inline std::atomic<std::int64_t> counter{0};
inline overlap_probe hit_probe;

inline void hit(std::int64_t n) {
  overlap_probe::scope inside(hit_probe);
  for (std::int64_t i = 0; i < n; ++i) racy_add(counter, 1);
}
inline std::int64_t total() { return counter.load(); }
inline void reset() {
  counter = 0;
  hit_probe.reset();
}
inline std::int64_t overlaps() { return hit_probe.overlaps(); }

// --- a wait that another thread ends -----------------------------------------------------
inline std::atomic<bool> flags[64];

inline bool wait_for_flag(std::int64_t key, double timeout) {
  // A deadline, so that a regression (the interpreter not released, so nobody can set the
  // flag) fails the test instead of hanging it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
  while (!flags[key % 64].load()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}
inline void set_flag(std::int64_t key) { flags[key % 64] = true; }
inline void clear_flag(std::int64_t key) { flags[key % 64] = false; }

// --- objects with released methods -------------------------------------------------------
inline overlap_probe work_probe;  // across all workers

class Worker {
 public:
  void work(std::int64_t micros) {
    overlap_probe::scope everyone(work_probe);
    overlap_probe::scope mine(probe_);
    std::this_thread::sleep_for(std::chrono::microseconds(micros));
  }
  std::int64_t overlaps() const { return probe_.overlaps(); }
  // Calls back into Python while this object's call runs (the thread is attached here).
  void call_hook() {
    PyObject* hook = PySys_GetObject("pyidl_sync_hook");  // borrowed
    if (hook == nullptr) throw std::runtime_error("sys.pyidl_sync_hook is not set");
    PyObject* result = PyObject_CallNoArgs(hook);
    if (result == nullptr) throw pyidl::python_error();
    Py_DECREF(result);
  }

 private:
  overlap_probe probe_;
};
inline std::int64_t peak_concurrency() { return work_probe.peak(); }
inline void reset_peak() { work_probe.reset(); }

// --- a class that is not thread-safe across its instances --------------------------------
inline std::atomic<std::int64_t> ledger_count{0};
inline overlap_probe ledger_probe;

struct Ledger {
  Ledger() { touch(0); }
  Ledger(Ledger&&) = delete;
  ~Ledger() { touch(0); }
  void add(std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) touch(1);
  }
  static void touch(std::int64_t n) {
    overlap_probe::scope inside(ledger_probe);
    racy_add(ledger_count, n);
  }
};
inline std::int64_t ledger_total() { return ledger_count.load(); }
inline std::int64_t ledger_overlaps() { return ledger_probe.overlaps(); }
inline void reset_ledger() {
  ledger_count = 0;
  ledger_probe.reset();
}

// --- objects shared between interpreters -------------------------------------------------
inline std::atomic<std::int64_t> accounts_created{0};
inline std::atomic<std::int64_t> destroyed{0};

class Account {
 public:
  explicit Account(std::int64_t balance) : balance_(balance) { ++accounts_created; }
  Account(const Account&) = delete;
  ~Account() { ++destroyed; }
  std::int64_t deposit(std::int64_t n) {
    racy_add(balance_, n);
    return balance_.load();
  }
  std::int64_t balance() const { return balance_.load(); }
  std::uint64_t address() const { return reinterpret_cast<std::uintptr_t>(this); }

 private:
  std::atomic<std::int64_t> balance_;
};
inline std::int64_t accounts_alive() { return accounts_created.load() - destroyed.load(); }
inline std::int64_t accounts_destroyed() { return destroyed.load(); }

struct Note {};

// --- critical sections -------------------------------------------------------------------
struct Vec {
  Vec(double x, double y) : x(x), y(y) {}
  Vec operator+(const Vec& o) const { return {x + o.x, y + o.y}; }
  Vec scaled(double k) const { return {x * k, y * k}; }
  double x, y;
};

}  // namespace sync_fixture
