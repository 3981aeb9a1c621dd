// sync_test_helpers.h: threads, thread states and deadlock deadlines for the pyidl::sync tests.
//
// Catch2 v2 assertions are not thread-safe: worker threads only record what they saw, and the
// test thread checks it after joining. The test thread holds the main interpreter's GIL
// (main.cpp), so it joins detached.
#pragma once

#include "pyidl/runtime.h"
#include "pyidl/sync.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace pyidl_test {

// Ends the whole test program with a message if the scope is still alive after `limit`: a
// deadlock then fails the run (std::_Exit, since the stuck threads cannot be joined) instead
// of hanging it.
class deadline {
 public:
  deadline(std::string scenario, std::chrono::seconds limit);
  ~deadline();
  deadline(const deadline&) = delete;
  deadline& operator=(const deadline&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable finished_;
  bool done_ = false;
  std::thread watcher_;
};

// Attaches a new thread state of `interp` to the calling thread, which must have none
// attached, for the lifetime of the scope; then clears and deletes it.
class attached_thread {
 public:
  explicit attached_thread(PyInterpreterState* interp);
  ~attached_thread();
  attached_thread(const attached_thread&) = delete;
  attached_thread& operator=(const attached_thread&) = delete;
};

// Runs body(i) for i in [0, count) on `count` new threads, started together, and joins them, detached from the
// caller's interpreter while it waits. Rethrows (on the calling thread) the first exception
// a body threw.
void run_threads(int count, const std::function<void(int)>& body);

// Runs Python statements in the __main__ of the interpreter the calling thread is attached
// to. If they raise, throws std::runtime_error with the Python error's text (a Python
// exception could not travel to the test thread: it belongs to this thread's thread state).
void run_python(const char* statements);

// Evaluates a Python expression in the __main__ of the interpreter the calling thread is
// attached to, as a long; errors as run_python().
long python_long(const char* expression);

// The id of the interpreter the calling thread is attached to.
std::int64_t current_interpreter_id();

// Counts live objects: constructions minus destructions, and destructions alone.
struct instance_counter {
  std::atomic<int> live{0};
  std::atomic<int> destroyed{0};
};

// An object that reports its construction and destruction to a counter.
struct counted {
  explicit counted(instance_counter& counter, int value = 0) : counter(&counter), value(value) {
    counter.live.fetch_add(1);
  }
  counted(const counted&) = delete;
  counted& operator=(const counted&) = delete;
  ~counted() {
    counter->live.fetch_sub(1);
    counter->destroyed.fetch_add(1);
  }

  instance_counter* counter;
  int value;
};

}  // namespace pyidl_test
