// sync_once_test.cpp: pyidl::once and pyidl::lazy<T>: exactly-once initialization under races,
// GIL releases inside the initializer, exceptions and recursion.
#include "sync_test_helpers.h"

#include "python_helpers.h"

#include <atomic>
#include <barrier>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using pyidl_test::attached_thread;
using pyidl_test::counted;
using pyidl_test::deadline;
using pyidl_test::instance_counter;
using pyidl_test::run_threads;

namespace {

// Namespace-scope once and lazy need no dynamic initialization.
constinit pyidl::once process_wide_once;
constinit pyidl::lazy<std::string> process_wide_lazy;

// What a generated wrapper does with an exception: the Python exception it becomes.
std::string as_python_error(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (...) {
    pyidl::translate_current_exception();
  }
  return pyidl_test::take_error();
}

}  // namespace

TEST_CASE("once runs its initializer exactly once", "[sync]") {
  int runs = 0;
  CHECK_FALSE(process_wide_once.done());
  process_wide_once.call([&] { ++runs; });
  CHECK(process_wide_once.done());
  process_wide_once.call([&] { ++runs; });
  CHECK(runs == 1);

  CHECK(process_wide_lazy.get_if() == nullptr);
  CHECK(process_wide_lazy.get([] { return std::string("built"); }) == "built");
  CHECK(process_wide_lazy.get([] { return std::string("ignored"); }) == "built");
  REQUIRE(process_wide_lazy.get_if() != nullptr);
  CHECK(*process_wide_lazy.get_if() == "built");
}

TEST_CASE("a throwing initializer propagates and leaves the once for the next call", "[sync]") {
  pyidl::once once;
  int runs = 0;
  CHECK_THROWS_WITH(once.call([&] {
    ++runs;
    throw std::invalid_argument("first try fails");
  }),
                    "first try fails");
  CHECK_FALSE(once.done());
  once.call([&] { ++runs; });
  CHECK(once.done());
  CHECK(runs == 2);

  instance_counter counter;
  {
    pyidl::lazy<counted> value;
    CHECK_THROWS_AS(value.get([&]() -> counted { throw std::runtime_error("no"); }),
                    std::runtime_error);
    CHECK(value.get_if() == nullptr);
    CHECK(value.get([&] { return counted(counter, 7); }).value == 7);
    CHECK(counter.live == 1);
  }
  // Built once (in place: counted can be neither copied nor moved), destroyed once.
  CHECK(counter.destroyed == 1);
  CHECK(counter.live == 0);
}

TEST_CASE("a lazy that was never built destroys nothing", "[sync]") {
  instance_counter counter;
  { pyidl::lazy<counted> never_used; }
  CHECK(counter.destroyed == 0);
}

TEST_CASE("recursive initialization throws recursive_initialization_error, a RuntimeError",
          "[sync]") {
  deadline limit("recursive initialization", 60s);  // the failure mode would be a deadlock
  pyidl::once once;
  std::exception_ptr inner_error;
  std::exception_ptr outer_error;
  try {
    once.call([&] {
      try {
        once.call([] {});
      } catch (...) {
        inner_error = std::current_exception();
        throw;
      }
    });
  } catch (...) {
    outer_error = std::current_exception();
  }
  REQUIRE(inner_error);
  CHECK(inner_error == outer_error);
  CHECK_THROWS_AS(std::rethrow_exception(inner_error), pyidl::recursive_initialization_error);
  CHECK_THAT(as_python_error(inner_error),
             Catch::StartsWith("RuntimeError: pyidl::once: the initializer asked for its own "
                               "result on the same thread"));
  // Not done, and usable again.
  CHECK_FALSE(once.done());
  once.call([] {});
  CHECK(once.done());

  pyidl::lazy<int> value;
  CHECK_THROWS_AS(value.get([&] { return value.get([] { return 1; }) + 1; }),
                  pyidl::recursive_initialization_error);
  CHECK(value.get([] { return 3; }) == 3);
}

TEST_CASE("threads with and without thread states race on first use; one initializer runs",
          "[sync]") {
  deadline limit("lazy race in the main interpreter", 120s);
  constexpr int kThreads = 6;  // even ones attached to the main interpreter, odd ones bare
  constexpr int kRounds = 40;
  std::vector<pyidl::lazy<std::vector<int>>> values(kRounds);
  std::atomic<int> initializer_runs{0};
  std::atomic<int> wrong_values{0};
  std::barrier start_round(kThreads);
  run_threads(kThreads, [&](int index) {
    const bool attach = index % 2 == 0;
    std::optional<attached_thread> attached;
    if (attach) {
      attached.emplace(PyInterpreterState_Main());
    }
    for (int round = 0; round < kRounds; ++round) {
      {
        pyidl::detach_scope detached;  // all attached threads must reach the barrier
        start_round.arrive_and_wait();
      }
      const std::vector<int>& value = values[static_cast<std::size_t>(round)].get([&] {
        initializer_runs.fetch_add(1);
        if (attach) {
          pyidl_test::run_python("import time\ntime.sleep(0.001)");  // releases the GIL
        } else {
          std::this_thread::sleep_for(1ms);
        }
        return std::vector<int>{round, index};
      });
      if (value.size() != 2 || value[0] != round) {
        wrong_values.fetch_add(1);
      }
    }
  });
  CHECK(initializer_runs == kRounds);
  CHECK(wrong_values == 0);
}

TEST_CASE("an initializer that releases the GIL while another thread of its interpreter "
          "waits for it",
          "[sync]") {
  // Thread X runs the initializer, which sleeps in Python (releasing the main interpreter's
  // GIL); this thread then takes the GIL and asks for the same once. It must wait detached,
  // or X could never re-take the GIL to finish.
  deadline limit("initializer releasing the GIL", 60s);
  pyidl::lazy<long> value;
  std::atomic<bool> initializer_started{false};
  std::atomic<int> initializer_runs{0};
  std::thread x([&] {
    attached_thread attached(PyInterpreterState_Main());
    value.get([&] {
      initializer_runs.fetch_add(1);
      initializer_started = true;
      return pyidl_test::python_long("__import__('time').sleep(0.05) or 42");
    });
  });
  {
    pyidl::detach_scope detached;  // X needs the GIL to start
    while (!initializer_started) {
      std::this_thread::yield();
    }
  }
  // X is asleep in time.sleep() with the GIL released, and this thread holds it again.
  CHECK(value.get([&] {
    initializer_runs.fetch_add(1);
    return 0L;
  }) == 42);
  CHECK(initializer_runs == 1);
  pyidl::detach_scope detached;
  x.join();
}
