// error_test.cpp: translation of C++ exceptions, declared exceptions, and raise_from.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include <new>
#include <stdexcept>
#include <string>

using pyidl::ref;
using pyidl_test::take_error;

namespace {

// What a generated wrapper does: run `f`, translate anything thrown, report the result.
template <class F>
std::string translated(F&& f) {
  try {
    f();
  } catch (...) {
    pyidl::translate_current_exception();
  }
  return take_error();
}

struct not_a_std_exception {};

// What the generated header of a module `geometry` would contain.
inline constexpr pyidl::error_domain geometry_errors{"geometry"};
struct GeometryError : pyidl::declared_error_tag<geometry_errors, 0> {};
struct TopologyError : pyidl::declared_error_tag<geometry_errors, 1> {};

inline constexpr pyidl::error_domain other_errors{"other"};
struct OtherError : pyidl::declared_error_tag<other_errors, 0> {};

}  // namespace

TEST_CASE("standard exceptions map to the documented Python types", "[error]") {
  CHECK(translated([] { throw std::invalid_argument("bad arg"); }) == "ValueError: bad arg");
  CHECK(translated([] { throw std::domain_error("bad domain"); }) == "ValueError: bad domain");
  CHECK(translated([] { throw std::range_error("bad range"); }) == "ValueError: bad range");
  CHECK(translated([] { throw std::out_of_range("index 7"); }) == "IndexError: index 7");
  CHECK(translated([] { throw std::overflow_error("too big"); }) == "OverflowError: too big");
  CHECK(translated([] { throw std::bad_alloc(); }) == "MemoryError: ");
  CHECK(translated([] { throw std::runtime_error("boom"); }) == "RuntimeError: boom");
  CHECK(translated([] { throw std::logic_error("logic"); }) == "RuntimeError: logic");
  CHECK(translated([] { throw std::length_error("len"); }) == "RuntimeError: len");
  CHECK(translated([] { throw not_a_std_exception{}; }) ==
        "RuntimeError: unknown C++ exception");
  CHECK(translated([] { throw 42; }) == "RuntimeError: unknown C++ exception");
}

TEST_CASE("messages are decoded as UTF-8 and invalid bytes are replaced", "[error]") {
  CHECK(translated([] { throw std::runtime_error("caf\xc3\xa9"); }) == "RuntimeError: caf\xc3\xa9");
  CHECK(translated([] { throw std::runtime_error("bad \xff byte"); }) ==
        "RuntimeError: bad \xef\xbf\xbd byte");
}

TEST_CASE("python_error keeps the Python exception that is already set", "[error]") {
  CHECK(translated([] {
          PyErr_SetString(PyExc_KeyError, "k");
          throw pyidl::python_error();
        }) == "KeyError: 'k'");
  CHECK(translated([] { throw pyidl::python_error(); }) ==
        "SystemError: pyidl::python_error was thrown but no Python exception is set");
}

TEST_CASE("an exception set before a C++ throw becomes __context__", "[error]") {
  try {
    PyErr_SetString(PyExc_KeyError, "first");
    throw std::invalid_argument("second");
  } catch (...) {
    pyidl::translate_current_exception();
  }
  ref exc = ref::steal(PyErr_GetRaisedException());
  REQUIRE(exc);
  CHECK(PyErr_GivenExceptionMatches(exc.get(), PyExc_ValueError));
  ref context = ref::steal(PyException_GetContext(exc.get()));
  REQUIRE(context);
  CHECK(PyErr_GivenExceptionMatches(context.get(), PyExc_KeyError));
}

TEST_CASE("declared exceptions raise the type from the module state array", "[error]") {
  // Two distinct per-"interpreter" types, as module state would hold them.
  ref ns = pyidl_test::exec(
      "class GeometryError(ValueError): pass\n"
      "class TopologyError(RuntimeError): pass\n");
  PyObject* types[2] = {PyDict_GetItemString(ns.get(), "GeometryError"),
                        PyDict_GetItemString(ns.get(), "TopologyError")};
  REQUIRE(types[0]);
  REQUIRE(types[1]);

  auto raise_in_wrapper = [&](auto thrower) {
    try {
      thrower();
    } catch (...) {
      pyidl::translate_current_exception(geometry_errors, types, 2);
    }
    return ref::steal(PyErr_GetRaisedException());
  };

  ref e0 = raise_in_wrapper([] { throw pyidl::raise<GeometryError>("degenerate"); });
  REQUIRE(e0);
  CHECK(reinterpret_cast<PyObject*>(Py_TYPE(e0.get())) == types[0]);
  CHECK(pyidl_test::str(e0.get()) == "degenerate");

  ref e1 = raise_in_wrapper([] { throw pyidl::raise<TopologyError>("holes"); });
  REQUIRE(e1);
  CHECK(reinterpret_cast<PyObject*>(Py_TYPE(e1.get())) == types[1]);
  CHECK(pyidl_test::str(e1.get()) == "holes");

  // A domain object that is a different copy of the same module (another .so) still maps.
  static constexpr pyidl::error_domain geometry_copy{"geometry"};
  try {
    throw pyidl::declared_error(geometry_copy, 1, "copy");
  } catch (...) {
    pyidl::translate_current_exception(geometry_errors, types, 2);
  }
  ref e2 = ref::steal(PyErr_GetRaisedException());
  REQUIRE(e2);
  CHECK(reinterpret_cast<PyObject*>(Py_TYPE(e2.get())) == types[1]);
}

TEST_CASE("declared exceptions of another module, or without a table, are RuntimeError", "[error]") {
  PyObject* types[1] = {PyExc_ValueError};
  try {
    throw pyidl::raise<OtherError>("elsewhere");
  } catch (...) {
    pyidl::translate_current_exception(geometry_errors, types, 1);
  }
  CHECK(take_error() == "RuntimeError: exception 0 declared by pyidl module 'other': elsewhere");
  CHECK(translated([] { throw pyidl::raise<GeometryError>("no table"); }) ==
        "RuntimeError: exception 0 declared by pyidl module 'geometry': no table");
  // An id outside the table is not an out-of-bounds read.
  try {
    throw pyidl::raise<TopologyError>("id 1");
  } catch (...) {
    pyidl::translate_current_exception(geometry_errors, types, 1);
  }
  CHECK(take_error() == "RuntimeError: exception 1 declared by pyidl module 'geometry': id 1");
}

TEST_CASE("declared_error is a std::exception carrying id and message", "[error]") {
  const pyidl::declared_error e = pyidl::raise<TopologyError>("msg");
  const std::exception& base = e;
  CHECK(std::string(base.what()) == "msg");
  CHECK(e.id() == 1);
  CHECK(&e.domain() == &geometry_errors);
  static_assert(std::is_nothrow_copy_constructible_v<pyidl::declared_error>);
}

TEST_CASE("raise_from chains the current exception as __cause__", "[error]") {
  PyErr_SetString(PyExc_ValueError, "state constructor failed");
  pyidl::raise_from(PyExc_ImportError, "geometry: cannot create the module state");
  ref exc = ref::steal(PyErr_GetRaisedException());
  REQUIRE(exc);
  CHECK(Py_TYPE(exc.get()) == reinterpret_cast<PyTypeObject*>(PyExc_ImportError));
  CHECK(pyidl_test::str(exc.get()) == "geometry: cannot create the module state");
  ref cause = ref::steal(PyException_GetCause(exc.get()));
  REQUIRE(cause);
  CHECK(Py_TYPE(cause.get()) == reinterpret_cast<PyTypeObject*>(PyExc_ValueError));
  CHECK(pyidl_test::str(cause.get()) == "state constructor failed");
  ref suppress = ref::steal(PyObject_GetAttrString(exc.get(), "__suppress_context__"));
  CHECK(suppress.get() == Py_True);

  // Without a current exception it is a plain raise.
  pyidl::raise_from(PyExc_ImportError, "plain");
  ref plain = ref::steal(PyErr_GetRaisedException());
  REQUIRE(plain);
  ref no_cause = ref::steal(PyException_GetCause(plain.get()));
  CHECK_FALSE(no_cause);
}

TEST_CASE("translation works from a function the wrapper calls in catch (...)", "[error]") {
  // The generated shape: exceptions from nested calls, rethrown, still translate.
  auto inner = [] { throw std::out_of_range("nested"); };
  auto outer = [&] {
    try {
      inner();
    } catch (const std::logic_error&) {
      throw;
    }
  };
  CHECK(translated(outer) == "IndexError: nested");
  CHECK_FALSE(PyErr_Occurred());
}
