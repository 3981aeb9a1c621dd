// convert_callable_test.cpp: std::function <-> Python callables (the IDL's Callable).
#include "python_helpers.h"

#include <functional>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

namespace {
using pyidl::ref;
constexpr auto cb_ctx = pyidl::arg_context::parameter("f", "cb", 1);

// Calls `fn` (a Python callable) with the arguments of a Python expression tuple.
ref call_with(PyObject* fn, const std::string& args_expression) {
  ref args = pyidl_test::eval(args_expression);
  return ref::steal(PyObject_CallObject(fn, args.get()));
}
}  // namespace

TEST_CASE("a Python callable becomes a std::function that calls it", "[convert]") {
  auto twice = pyidl_test::convert_ok<std::function<long long(long long)>>("lambda x: 2 * x", cb_ctx);
  REQUIRE(twice);
  CHECK(twice(21) == 42);
  auto join = pyidl_test::convert_ok<std::function<std::string(std::string, long long)>>(
      "lambda s, n: s * n", cb_ctx);
  CHECK(join("ab", 3) == "ababab");
  auto effect = pyidl_test::convert_ok<std::function<void()>>("lambda: None", cb_ctx);
  effect();
}

TEST_CASE("a std::function from Python goes back as the same object", "[convert]") {
  ref fn = pyidl_test::eval("lambda x: x");
  std::function<long long(long long)> out;
  REQUIRE(pyidl::from_python(fn.get(), out, cb_ctx));
  ref back = ref::steal(pyidl::to_python(out));
  CHECK(back.get() == fn.get());
}

TEST_CASE("a non-callable is a TypeError naming the parameter", "[convert]") {
  CHECK(pyidl_test::convert_error<std::function<void()>>("3", cb_ctx) ==
        "TypeError: f() argument 'cb' must be callable, not int");
}

TEST_CASE("an exception in the Python callable reaches C++ as python_error", "[convert]") {
  auto boom = pyidl_test::convert_ok<std::function<void(long long)>>("lambda x: 1 // x", cb_ctx);
  CHECK_THROWS_AS(boom(0), pyidl::python_error);
  CHECK(pyidl_test::take_error() == "ZeroDivisionError: integer division or modulo by zero");
}

TEST_CASE("a C++ std::function becomes a Python callable", "[convert]") {
  std::function<long long(long long, long long)> add = [](long long a, long long b) { return a + b; };
  ref fn = ref::steal(pyidl::to_python(add));
  REQUIRE(fn);
  CHECK(PyCallable_Check(fn.get()));
  ref five = call_with(fn.get(), "(2, 3)");
  REQUIRE(five);
  CHECK(PyLong_AsLongLong(five.get()) == 5);

  CHECK_FALSE(call_with(fn.get(), "(1,)"));
  CHECK(pyidl_test::take_error() == "TypeError: function() takes 2 positional arguments but 1 was given");
  CHECK_FALSE(call_with(fn.get(), "(1, 'x')"));
  CHECK(pyidl_test::take_error() == "TypeError: function() argument 2 must be int, not str");
}

TEST_CASE("a C++ function's exception becomes the mapped Python exception", "[convert]") {
  std::function<void()> bad = [] { throw std::invalid_argument("no good"); };
  ref fn = ref::steal(pyidl::to_python(bad));
  CHECK_FALSE(call_with(fn.get(), "()"));
  CHECK(pyidl_test::take_error() == "ValueError: no good");
}

TEST_CASE("an empty std::function is None", "[convert]") {
  std::function<void()> empty;
  ref none = ref::steal(pyidl::to_python(empty));
  CHECK(none.get() == Py_None);
}
