// sync_per_interpreter_test.cpp: pyidl::per_interpreter<T>: one T per interpreter, built on
// first use, destroyed when its interpreter ends.
#include "sync_test_helpers.h"

#include "pyidl/interpreter.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <catch2/catch.hpp>

using pyidl_test::attached_thread;
using pyidl_test::current_interpreter_id;
using pyidl_test::deadline;
using pyidl_test::instance_counter;
using pyidl_test::run_threads;
using namespace std::chrono_literals;

namespace {

// The value type of most tests: remembers the interpreter it was built in, and counts its
// constructions and destructions.
instance_counter tagged_counter;
struct tagged {
  tagged() : interpreter_id(current_interpreter_id()) { tagged_counter.live.fetch_add(1); }
  tagged(const tagged&) = delete;
  tagged& operator=(const tagged&) = delete;
  ~tagged() {
    tagged_counter.live.fetch_sub(1);
    tagged_counter.destroyed.fetch_add(1);
  }
  const std::int64_t interpreter_id;
};

// As author code declares one: constant-initialized, and trivially destructible, so that its
// destruction at exit (before or after interpreters end) cannot touch anything.
constinit pyidl::per_interpreter<tagged> per_interp_tagged;
static_assert(std::is_trivially_destructible_v<pyidl::per_interpreter<tagged>>);

std::string make_greeting() { return "built by the factory"; }
constinit pyidl::per_interpreter<std::string> per_interp_greeting(&make_greeting);

// A factory that fails the first time it is called.
std::atomic<int> flaky_calls{0};
int make_flaky() {
  if (flaky_calls.fetch_add(1) == 0) {
    throw std::invalid_argument("first build fails");
  }
  return 5;
}
constinit pyidl::per_interpreter<int> per_interp_flaky(&make_flaky);

// A factory that asks for its own value.
int make_recursive();
constinit pyidl::per_interpreter<int> per_interp_recursive(&make_recursive);
int make_recursive() { return per_interp_recursive.get() + 1; }

// A value holding a Python object of its interpreter, whose deallocation reports in which
// interpreter (the one attached at that moment) it happened.
std::atomic<std::int64_t> python_value_freed_in{-1};
void record_capsule_death(PyObject*) { python_value_freed_in = current_interpreter_id(); }
pyidl::ref make_python_value() {
  static int anchor;  // a capsule needs a non-null pointer
  pyidl::ref capsule = pyidl::ref::steal(PyCapsule_New(&anchor, nullptr, &record_capsule_death));
  if (!capsule) {
    throw pyidl::python_error();
  }
  return capsule;
}
constinit pyidl::per_interpreter<pyidl::ref> per_interp_python_value(&make_python_value);

}  // namespace

TEST_CASE("per_interpreter returns the same T for every get() in one interpreter", "[sync]") {
  tagged& first = per_interp_tagged.get();
  CHECK(&per_interp_tagged.get() == &first);
  CHECK(first.interpreter_id == current_interpreter_id());
  CHECK(per_interp_greeting.get() == "built by the factory");

  // Another thread of the same interpreter sees the same object.
  const tagged* seen_by_other_thread = nullptr;
  run_threads(1, [&](int) {
    attached_thread attached(PyInterpreterState_Main());
    seen_by_other_thread = &per_interp_tagged.get();
  });
  CHECK(seen_by_other_thread == &first);
}

TEST_CASE("per_interpreter objects do not share values", "[sync]") {
  const int live_before = tagged_counter.live;
  pyidl::per_interpreter<tagged> first;
  pyidl::per_interpreter<tagged> second;
  CHECK(&first.get() != &second.get());
  CHECK(&first.get() != &per_interp_tagged.get());
  CHECK(tagged_counter.live == live_before + 2);
}

TEST_CASE("a throwing factory propagates and the next get() builds the value", "[sync]") {
  CHECK_THROWS_WITH(per_interp_flaky.get(), "first build fails");
  CHECK(per_interp_flaky.get() == 5);
  CHECK(per_interp_flaky.get() == 5);
  CHECK(flaky_calls == 2);
}

TEST_CASE("a factory that calls its own get() throws recursive_initialization_error",
          "[sync]") {
  deadline limit("recursive per_interpreter factory", 60s);  // or it would deadlock
  CHECK_THROWS_AS(per_interp_recursive.get(), pyidl::recursive_initialization_error);
}

TEST_CASE("each sub-interpreter gets its own T, destroyed when the interpreter ends",
          "[sync]") {
  const tagged* in_main = &per_interp_tagged.get();
  const int destroyed_before = tagged_counter.destroyed;
  std::optional<pyidl::interpreter> a = pyidl::interpreter::create();
  pyidl::interpreter b = pyidl::interpreter::create();
  const auto get_value = [] { return &per_interp_tagged.get(); };
  const tagged* in_a = a->call(get_value);
  const tagged* in_b = b.call(get_value);
  CHECK(in_a != in_main);
  CHECK(in_b != in_main);
  CHECK(in_a != in_b);
  CHECK(in_a->interpreter_id == a->id());
  CHECK(in_b->interpreter_id == b.id());
  CHECK(a->call(get_value) == in_a);  // stable while the interpreter lives
  CHECK(tagged_counter.destroyed == destroyed_before);

  a.reset();  // ends interpreter a, and with it its T
  CHECK(tagged_counter.destroyed == destroyed_before + 1);
  CHECK(b.call(get_value) == in_b);
  CHECK(&per_interp_tagged.get() == in_main);
}

TEST_CASE("a value is destroyed with its interpreter attached, even after its "
          "per_interpreter object is gone",
          "[sync]") {
  {
    pyidl::interpreter interp = pyidl::interpreter::create();
    std::optional<pyidl::per_interpreter<tagged>> object;
    object.emplace();
    const tagged* first_value = interp.call([&] { return &object->get(); });
    object.reset();  // the per_interpreter object dies first: its value belongs to the interpreter
    const int destroyed_before = tagged_counter.destroyed;
    // A new object at the same address must not find the old one's value (still alive).
    object.emplace();
    const tagged* fresh = interp.call([&] { return &object->get(); });
    CHECK(fresh != first_value);
    CHECK(fresh->interpreter_id == interp.id());
    CHECK(tagged_counter.destroyed == destroyed_before);

    interp.call([] { per_interp_python_value.get(); });
    python_value_freed_in = -1;
    const std::int64_t id = interp.id();
    interp.close();
    CHECK(tagged_counter.destroyed == destroyed_before + 2);
    // The T held a Python object, released while that interpreter was attached.
    CHECK(python_value_freed_in == id);
  }
}
