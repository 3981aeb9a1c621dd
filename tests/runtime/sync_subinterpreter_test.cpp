// sync_subinterpreter_test.cpp: the pyidl::sync primitives used at once from isolated
// sub-interpreters, each with its own GIL, so that nothing but the primitives serializes
// the threads.
#include "sync_test_helpers.h"

#include "pyidl/interpreter.h"

#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using pyidl_test::counted;
using pyidl_test::current_interpreter_id;
using pyidl_test::deadline;
using pyidl_test::instance_counter;
using pyidl_test::run_threads;

namespace {

// Remembers the interpreter it was built in and counts destructions.
std::atomic<int> per_interpreter_destroyed{0};
struct interpreter_tag {
  interpreter_tag() : interpreter_id(current_interpreter_id()) {}
  interpreter_tag(const interpreter_tag&) = delete;
  interpreter_tag& operator=(const interpreter_tag&) = delete;
  ~interpreter_tag() { per_interpreter_destroyed.fetch_add(1); }
  const std::int64_t interpreter_id;
};
constinit pyidl::per_interpreter<interpreter_tag> tag_of_interpreter;

// Spins, without detaching, until `flag` is set.
void spin_until(const std::atomic<bool>& flag) {
  while (!flag.load()) {
    std::this_thread::yield();
  }
}

}  // namespace

TEST_CASE("threads in their own sub-interpreters hammer mutex, lazy, shared<T> and "
          "per_interpreter<T>",
          "[sync]") {
  const int interpreters = GENERATE(2, 5, 16);
  CAPTURE(interpreters);
  deadline limit("sub-interpreter hammer", 240s);
  constexpr int kIterations = 20000;
  constexpr int kRounds = 10;

  pyidl::mutex counter_mutex;
  std::int64_t counter = 0;  // deliberately not atomic: the mutex is the only protection
  std::vector<pyidl::lazy<std::int64_t>> per_round(kRounds);
  std::atomic<int> initializer_runs{0};
  std::atomic<int> wrong_lazy_values{0};
  std::barrier start_round(interpreters);
  instance_counter shared_counter;
  auto shared_total = pyidl::shared<counted>::make(shared_counter, 0);
  std::vector<std::uintptr_t> handles;
  for (int i = 0; i < interpreters; ++i) {
    handles.push_back(shared_total.to_handle());
  }
  std::vector<std::int64_t> interpreter_ids(static_cast<std::size_t>(interpreters));
  std::vector<std::int64_t> tag_ids(static_cast<std::size_t>(interpreters));
  const int destroyed_before = per_interpreter_destroyed;

  run_threads(interpreters, [&](int index) {
    const auto slot = static_cast<std::size_t>(index);
    pyidl::interpreter interp = pyidl::interpreter::create();
    interpreter_ids[slot] = interp.id();
    interp.call([&] {
      auto mine = pyidl::shared<counted>::from_handle(handles[slot]);
      // Every interpreter races on the first use of each lazy; the initializer sleeps in
      // Python, releasing its interpreter's GIL.
      for (int round = 0; round < kRounds; ++round) {
        start_round.arrive_and_wait();  // alone in its interpreter: blocks no one's GIL
        const std::int64_t value = per_round[static_cast<std::size_t>(round)].get([&] {
          initializer_runs.fetch_add(1);
          pyidl_test::run_python("import time\ntime.sleep(0.002)");
          return std::int64_t{round} * 1000 + index;
        });
        if (value / 1000 != round) {
          wrong_lazy_values.fetch_add(1);
        }
      }
      for (int i = 0; i < kIterations; ++i) {
        {
          std::lock_guard guard(counter_mutex);
          ++counter;
          if (i % 2000 == 0) {
            pyidl_test::run_python("x = sum(range(100))");  // Python while holding the mutex
          }
        }
        pyidl::shared<counted> copy = mine;  // reference count churn across interpreters
        copy.lock()->value += 1;
      }
      tag_ids[slot] = tag_of_interpreter.get().interpreter_id;
      if (&tag_of_interpreter.get() != &tag_of_interpreter.get()) {
        tag_ids[slot] = -1;
      }
    });
  });  // each thread's interpreter ended when its thread finished

  CHECK(counter == std::int64_t{interpreters} * kIterations);
  CHECK(shared_total.use_count() == 1);
  CHECK(shared_total.lock()->value == interpreters * kIterations);
  CHECK(initializer_runs == kRounds);
  CHECK(wrong_lazy_values == 0);
  // One value per interpreter, built in it, destroyed when it ended.
  CHECK(tag_ids == interpreter_ids);
  CHECK(std::set<std::int64_t>(interpreter_ids.begin(), interpreter_ids.end()).size() ==
        static_cast<std::size_t>(interpreters));
  CHECK(per_interpreter_destroyed == destroyed_before + interpreters);
}

TEST_CASE("in a sub-interpreter, a thread holding the mutex can take the GIL of a thread "
          "waiting for it",
          "[sync]") {
  // A holds the mutex and then enters interpreter X; B is inside X (holding X's GIL) and
  // waits for the mutex. B must wait detached.
  deadline limit("mutex held by a thread waiting for a sub-interpreter's GIL", 60s);
  pyidl::interpreter x = pyidl::interpreter::create();
  pyidl::mutex m;
  std::atomic<bool> a_holds_mutex{false};
  std::atomic<bool> b_inside{false};
  long a_result = 0;
  bool b_got_mutex = false;
  run_threads(2, [&](int index) {
    if (index == 0) {  // A
      spin_until(b_inside);
      std::lock_guard guard(m);
      a_holds_mutex = true;
      std::this_thread::sleep_for(10ms);  // make sure B is waiting for the mutex
      a_result = x.call([] { return pyidl_test::python_long("sum(range(10))"); });
    } else {  // B
      x.call([&] {
        b_inside = true;
        spin_until(a_holds_mutex);  // without detaching: B holds X's GIL throughout
        std::lock_guard guard(m);
        b_got_mutex = true;
      });
    }
  });
  CHECK(a_result == 45);
  CHECK(b_got_mutex);
}

TEST_CASE("in a sub-interpreter, an initializer releases the GIL while another thread of "
          "the interpreter waits for it",
          "[sync]") {
  deadline limit("initializer releasing a sub-interpreter's GIL", 60s);
  pyidl::interpreter x = pyidl::interpreter::create();
  pyidl::once once;
  std::atomic<bool> initializer_started{false};
  std::atomic<int> initializer_runs{0};
  std::atomic<bool> second_saw_done{false};
  run_threads(2, [&](int index) {
    x.call([&] {
      if (index == 0) {
        once.call([&] {
          initializer_runs.fetch_add(1);
          initializer_started = true;
          pyidl_test::run_python("import time\ntime.sleep(0.05)");  // releases X's GIL
        });
      } else {
        {
          pyidl::detach_scope detached;  // let the first thread into X
          spin_until(initializer_started);
        }
        once.call([&] { initializer_runs.fetch_add(1); });  // holds X's GIL, must wait detached
        second_saw_done = once.done();
      }
    });
  });
  CHECK(initializer_runs == 1);
  CHECK(second_saw_done);
}
