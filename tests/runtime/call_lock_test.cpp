// call_lock_test.cpp: the locks generated code takes around calls (pyidl/call_lock.h):
// each taken once, in an order that cannot deadlock, and a re-entrant take that throws
// instead of waiting forever.
#include <catch2/catch.hpp>

#include "pyidl/call_lock.h"

#include <thread>

namespace {

using pyidl::call_guard;
using pyidl::call_lock;

TEST_CASE("call_guard takes each lock once, skips null ones and releases them all", "[call_lock]") {
  call_lock a, b;
  {
    call_guard locks(&a, &b, &a, static_cast<call_lock*>(nullptr));
    CHECK(a.held_by_this_thread());
    CHECK(b.held_by_this_thread());
  }
  CHECK_FALSE(a.held_by_this_thread());
  CHECK_FALSE(b.held_by_this_thread());
}

TEST_CASE("a re-entrant take throws and leaves no lock behind", "[call_lock]") {
  call_lock a, b;
  call_guard outer(&b);
  // Whichever of a and b is taken first, the call ends with only the outer hold.
  CHECK_THROWS_AS(call_guard(&a, &b), pyidl::reentrant_call_error);
  CHECK_FALSE(a.held_by_this_thread());
  CHECK(b.held_by_this_thread());
}

// call_guard<1>, a specialization of its own: the guard of every @serialized call.
TEST_CASE("a guard of one lock holds it, refuses re-entry and skips a null one", "[call_lock]") {
  call_lock a;
  {
    call_guard locks(&a);
    CHECK(a.held_by_this_thread());
    CHECK_THROWS_AS(call_guard(&a), pyidl::reentrant_call_error);
    CHECK(a.held_by_this_thread());  // the outer hold is untouched
  }
  CHECK_FALSE(a.held_by_this_thread());
  { call_guard none(static_cast<call_lock*>(nullptr)); }
}

TEST_CASE("guards of one lock exclude each other across threads", "[call_lock]") {
  call_lock a;
  long shared = 0;  // written only under the lock
  auto run = [&] {
    for (int i = 0; i < 20000; ++i) {
      call_guard locks(&a);
      ++shared;
    }
  };
  std::thread one(run);
  std::thread two(run);
  one.join();
  two.join();
  CHECK(shared == 40000);
}

TEST_CASE("cleanup_guard runs under a hold the thread has already", "[call_lock]") {
  call_lock a;
  {
    call_guard locks(&a);
    { pyidl::cleanup_guard destroying(a); }
    CHECK(a.held_by_this_thread());  // the outer hold is untouched
  }
  { pyidl::cleanup_guard destroying(a); CHECK(a.held_by_this_thread()); }
  CHECK_FALSE(a.held_by_this_thread());
}

TEST_CASE("locks named in opposite orders never deadlock", "[call_lock]") {
  call_lock a, b;
  long shared = 0;  // written only under both locks
  auto run = [&](call_lock* first, call_lock* second) {
    for (int i = 0; i < 20000; ++i) {
      call_guard locks(first, second);
      ++shared;
    }
  };
  // Threads without a Python thread state, so no GIL is involved.
  std::thread one(run, &a, &b);
  std::thread two(run, &b, &a);
  one.join();
  two.join();
  CHECK(shared == 40000);
}

}  // namespace
