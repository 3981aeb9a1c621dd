// bench_mutex.cpp: ns per uncontended lock + unlock of pyidl::mutex, std::mutex and PyMutex,
// with and without an attached thread state; prints a markdown table.
#include "pyidl/sync.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

namespace {

constexpr int kIterations = 5'000'000;
constexpr int kRepeats = 5;

// The best of kRepeats timings of kIterations lock/unlock pairs, in ns per pair. The best,
// not the mean: on a shared machine every disturbance only adds time.
template <class Lock>
double best_ns_per_pair(Lock& lock) {
  double best = 1e30;
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kIterations; ++i) {
      lock.lock();
      lock.unlock();
    }
    const std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count() / kIterations);
  }
  return best;
}

#if PY_VERSION_HEX >= 0x030D0000
// CPython's own lock, used the way C extensions use it (the inline fast paths of lock.h).
struct py_mutex {
  void lock() { PyMutex_Lock(&mutex); }
  void unlock() { PyMutex_Unlock(&mutex); }
  PyMutex mutex{};
};
#endif

// Prints one table row: the lock timed on this thread attached, then detached.
template <class Lock>
void row(const char* name, Lock& lock) {
  const double attached = best_ns_per_pair(lock);
  double detached = 0;
  {
    pyidl::detach_scope no_thread_state;
    detached = best_ns_per_pair(lock);
  }
  std::printf("| %s | %.1f | %.1f |\n", name, attached, detached);
}

}  // namespace

int main() {
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  const PyStatus status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) {
    std::fprintf(stderr, "cannot initialise Python\n");
    return 2;
  }
  // glibc skips the atomic instructions of std::mutex while a process has never started a
  // second thread; a process running Python with threads or sub-interpreters has.
  std::thread([] {}).join();
  std::printf("Python %s: uncontended lock + unlock, ns per pair (best of %d x %d)\n\n",
              Py_GetVersion(), kRepeats, kIterations);
  std::printf("| lock | thread state attached | no thread state |\n|---|---|---|\n");
  pyidl::mutex pyidl_mutex;
  row("pyidl::mutex", pyidl_mutex);
  std::mutex std_mutex;
  row("std::mutex", std_mutex);
#if PY_VERSION_HEX >= 0x030D0000
  py_mutex python_mutex;
  row("PyMutex", python_mutex);
#endif
  std::printf("\n");
  return Py_FinalizeEx() < 0 ? 3 : 0;
}
