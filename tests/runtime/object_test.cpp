// object_test.cpp: ownership rules of pyidl::ref and pyidl::borrowed.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include <type_traits>
#include <utility>

using pyidl::borrowed;
using pyidl::ref;
using pyidl_test::refcount;

// A fresh, non-immortal object whose refcount is observable.
static ref make_object() { return ref::steal(PyList_New(0)); }

static_assert(!std::is_copy_constructible_v<ref>);
static_assert(!std::is_copy_assignable_v<ref>);
static_assert(std::is_nothrow_move_constructible_v<ref>);
static_assert(!std::is_convertible_v<ref, PyObject*>, "no implicit leak of ownership");
static_assert(!std::is_convertible_v<PyObject*, ref>, "no implicit adoption");
static_assert(!std::is_convertible_v<PyObject*, borrowed>);

TEST_CASE("steal adopts without INCREF and the destructor DECREFs", "[object]") {
  ref holder = make_object();
  PyObject* obj = holder.get();
  const Py_ssize_t before = refcount(obj);
  {
    ref stolen = ref::steal(Py_NewRef(obj));
    CHECK(refcount(obj) == before + 1);
    CHECK(stolen.get() == obj);
  }
  CHECK(refcount(obj) == before);
}

TEST_CASE("borrow INCREFs; release hands the reference over", "[object]") {
  ref holder = make_object();
  PyObject* obj = holder.get();
  const Py_ssize_t before = refcount(obj);
  ref b = ref::borrow(obj);
  CHECK(refcount(obj) == before + 1);
  PyObject* raw = b.release();
  CHECK_FALSE(b);
  CHECK(refcount(obj) == before + 1);
  Py_DECREF(raw);
  CHECK(refcount(obj) == before);
}

TEST_CASE("moves transfer ownership exactly once", "[object]") {
  ref holder = make_object();
  PyObject* obj = holder.get();
  const Py_ssize_t before = refcount(obj);
  {
    ref a = ref::borrow(obj);
    ref b = std::move(a);
    CHECK_FALSE(a);  // NOLINT(bugprone-use-after-move): testing the moved-from state
    CHECK(b.get() == obj);
    ref c = make_object();
    c = std::move(b);  // drops c's old list, takes obj
    CHECK(c.get() == obj);
    CHECK(refcount(obj) == before + 1);
  }
  CHECK(refcount(obj) == before);
}

TEST_CASE("dup, reset and null refs", "[object]") {
  ref holder = make_object();
  PyObject* obj = holder.get();
  const Py_ssize_t before = refcount(obj);
  ref d = holder.dup();
  CHECK(refcount(obj) == before + 1);
  d.reset();
  CHECK_FALSE(d);
  CHECK(refcount(obj) == before);
  ref null;
  CHECK_FALSE(null);
  CHECK_FALSE(null.dup());
  CHECK_FALSE(ref::steal(nullptr));
}

TEST_CASE("borrowed never touches the refcount until to_ref", "[object]") {
  ref holder = make_object();
  PyObject* obj = holder.get();
  const Py_ssize_t before = refcount(obj);
  borrowed b(obj);
  borrowed copy = b;
  CHECK(refcount(obj) == before);
  CHECK(copy.get() == obj);
  {
    ref owned = b.to_ref();
    CHECK(refcount(obj) == before + 1);
  }
  CHECK(refcount(obj) == before);
}
