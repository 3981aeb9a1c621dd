// sync_shared_test.cpp: pyidl::shared<T>: shared ownership, locked access and handles.
#include "sync_test_helpers.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using pyidl_test::attached_thread;
using pyidl_test::counted;
using pyidl_test::deadline;
using pyidl_test::instance_counter;
using pyidl_test::run_threads;
using namespace std::chrono_literals;

namespace {

struct account {
  std::string owner;
  std::int64_t balance = 0;
};

}  // namespace

TEST_CASE("shared<T>::make builds one T that copies share and the last owner destroys",
          "[sync]") {
  instance_counter counter;
  {
    auto first = pyidl::shared<counted>::make(counter, 3);
    CHECK(first.use_count() == 1);
    {
      pyidl::shared<counted> second = first;
      CHECK(first.use_count() == 2);
      CHECK(&second.unsafe_get() == &first.unsafe_get());
      pyidl::shared<counted> moved = std::move(second);
      CHECK_FALSE(second);
      CHECK(second.use_count() == 0);
      CHECK(moved.use_count() == 2);
      first = moved;  // self-sharing assignment keeps the object
      CHECK(first.use_count() == 2);
    }
    CHECK(first.use_count() == 1);
    CHECK(counter.live == 1);
    CHECK(first.lock()->value == 3);
  }
  CHECK(counter.destroyed == 1);
  CHECK(counter.live == 0);
}

TEST_CASE("assigning over the last owner destroys the old T", "[sync]") {
  instance_counter counter;
  auto s = pyidl::shared<counted>::make(counter, 1);
  s = pyidl::shared<counted>::make(counter, 2);
  CHECK(counter.destroyed == 1);
  CHECK(s.lock()->value == 2);
  s = pyidl::shared<counted>();
  CHECK(counter.destroyed == 2);
  CHECK_FALSE(s);
}

TEST_CASE("the guard gives access under the object's lock", "[sync]") {
  auto s = pyidl::shared<account>::make(account{"ada", 10});
  {
    auto g = s.lock();
    REQUIRE(g);
    g->balance += 5;
    (*g).owner = "ada lovelace";
  }
  CHECK(s.lock()->balance == 15);
  CHECK(s.lock()->owner == "ada lovelace");

  // While one thread holds the guard, try_lock() fails elsewhere; after, it succeeds.
  bool try_while_held = true;
  bool try_after = false;
  {
    auto g = s.lock();
    run_threads(1, [&](int) { try_while_held = static_cast<bool>(s.try_lock()); });
  }
  run_threads(1, [&](int) {
    auto g = s.try_lock();
    try_after = static_cast<bool>(g);
    if (g) {
      g->balance = 100;
    }
  });
  CHECK_FALSE(try_while_held);
  CHECK(try_after);
  CHECK(s.lock()->balance == 100);
}

TEST_CASE("a handle owns a reference until it is adopted", "[sync]") {
  instance_counter counter;
  std::uintptr_t handle = 0;
  {
    auto s = pyidl::shared<counted>::make(counter, 9);
    handle = s.to_handle();
    CHECK(handle != 0);
    CHECK(s.use_count() == 2);
  }
  CHECK(counter.live == 1);  // kept alive by the handle alone

  // Adopted on another thread (which has no thread state): the same object.
  int value_seen = 0;
  std::size_t owners_seen = 0;
  run_threads(1, [&](int) {
    auto adopted = pyidl::shared<counted>::from_handle(handle);
    owners_seen = adopted.use_count();
    value_seen = adopted.lock()->value;
  });
  CHECK(owners_seen == 1);
  CHECK(value_seen == 9);
  CHECK(counter.destroyed == 1);  // the adopting owner was the last one

  pyidl::shared<counted> empty;
  CHECK(empty.to_handle() == 0);
  CHECK_FALSE(pyidl::shared<counted>::from_handle(0));
}

TEST_CASE("unsafe_get reaches an internally synchronized T without the lock", "[sync]") {
  auto hits = pyidl::shared<std::atomic<std::int64_t>>::make(0);
  auto held = hits.lock();  // unsafe_get ignores the lock
  run_threads(4, [&](int) {
    for (int i = 0; i < 1000; ++i) {
      hits.unsafe_get().fetch_add(1);
    }
  });
  CHECK(held->load() == 4000);
}

TEST_CASE("threads with and without thread states share, copy and update one object exactly",
          "[sync]") {
  deadline limit("shared<T> hammer in the main interpreter", 120s);
  constexpr int kThreads = 8;  // even ones attached to the main interpreter, odd ones bare
  constexpr int kIterations = 5000;
  instance_counter counter;
  {
    auto total = pyidl::shared<counted>::make(counter, 0);
    // One handle per thread, as the generated code sends a shareable object to each
    // interpreter; each thread adopts its own exactly once.
    std::vector<std::uintptr_t> handles;
    for (int i = 0; i < kThreads; ++i) {
      handles.push_back(total.to_handle());
    }
    run_threads(kThreads, [&](int index) {
      std::optional<attached_thread> attached;
      if (index % 2 == 0) {
        attached.emplace(PyInterpreterState_Main());
      }
      auto mine = pyidl::shared<counted>::from_handle(handles[static_cast<std::size_t>(index)]);
      for (int i = 0; i < kIterations; ++i) {
        pyidl::shared<counted> copy = mine;  // reference count churn from every thread
        copy.lock()->value += 1;
      }
    });
    CHECK(total.use_count() == 1);
    CHECK(total.lock()->value == kThreads * kIterations);
    CHECK(counter.destroyed == 0);
  }
  CHECK(counter.destroyed == 1);
}
