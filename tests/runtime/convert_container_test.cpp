// convert_container_test.cpp: optional, list, tuple, dict and set converters, and their errors.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

using pyidl::arg_context;
using pyidl::ref;
using pyidl_test::eval;
using pyidl_test::check_to_python;
using pyidl_test::take_error;

namespace {

const arg_context ctx_xs = arg_context::parameter("f", "xs", 1);

template <class T>
T from(const std::string& expression) {
  return pyidl_test::convert_ok<T>(expression, ctx_xs);
}

template <class T>
std::string error_of(const std::string& expression) {
  return pyidl_test::convert_error<T>(expression, ctx_xs);
}

}  // namespace

TEST_CASE("optional: None is nullopt, and errors add 'or None'", "[convert]") {
  CHECK(from<std::optional<int>>("None") == std::nullopt);
  CHECK(from<std::optional<int>>("5") == 5);
  CHECK(error_of<std::optional<int>>("'5'") == "TypeError: f() argument 'xs' must be int or None, not str");
  check_to_python(std::optional<int>(), "None");
  check_to_python(std::optional<std::string>("s"), "'s'");
}

TEST_CASE("vector: list or tuple in, list out", "[convert]") {
  CHECK(from<std::vector<int>>("[1, 2, 3]") == std::vector<int>{1, 2, 3});
  CHECK(from<std::vector<int>>("(4, 5)") == std::vector<int>{4, 5});
  CHECK(from<std::vector<int>>("[]").empty());
  CHECK(from<std::vector<std::vector<double>>>("[[1.5], []]") ==
        std::vector<std::vector<double>>{{1.5}, {}});
  CHECK(from<std::vector<bool>>("[True, False]") == std::vector<bool>{true, false});
  CHECK(error_of<std::vector<int>>("'abc'") == "TypeError: f() argument 'xs' must be list or tuple, not str");
  CHECK(error_of<std::vector<int>>("{1, 2}") == "TypeError: f() argument 'xs' must be list or tuple, not set");
  CHECK(error_of<std::vector<int>>("[0, 1, 2, 'x']") == "TypeError: f() argument 'xs': item 3 must be int, not str");
  CHECK(error_of<std::vector<std::vector<int>>>("[[1], [2, None]]") ==
        "TypeError: f() argument 'xs': item 1, item 1 must be int, not None");
  CHECK(error_of<std::vector<std::uint8_t>>("[1, 300]") ==
        "OverflowError: unsigned byte integer is greater than maximum");
  check_to_python(std::vector<int>{1, 2}, "[1, 2]");
  check_to_python(std::vector<bool>{true}, "[True]");
  check_to_python(std::vector<std::string>{}, "[]");
  ref bad = ref::steal(pyidl::to_python(std::vector<std::string>{"ok", "\xff"}));
  CHECK_FALSE(bad);
  CHECK(take_error().rfind("UnicodeDecodeError", 0) == 0);
}

TEST_CASE("vector: a list mutated by an item's __index__ is not a use-after-free", "[convert]") {
  // __index__ of the first item empties the list: its own object and the rest are freed
  // from the list while being converted. The converter must hold what it converts.
  ref ns = pyidl_test::exec(
      "class Evil:\n"
      "    def __index__(self):\n"
      "        xs.clear()\n"
      "        return 7\n"
      "xs = [Evil(), Evil(), 3]\n");
  PyObject* xs = PyDict_GetItemString(ns.get(), "xs");
  std::vector<int> out;
  REQUIRE(pyidl::from_python(xs, out, ctx_xs));
  CHECK(out == std::vector<int>{7});
}

TEST_CASE("tuple and pair: exact length", "[convert]") {
  CHECK(from<std::tuple<int, std::string>>("(1, 'a')") == std::tuple<int, std::string>{1, "a"});
  CHECK(from<std::pair<double, bool>>("(0.5, True)") == std::pair<double, bool>{0.5, true});
  CHECK(from<std::tuple<>>("()") == std::tuple<>{});
  CHECK(error_of<std::pair<int, int>>("[1, 2]") == "TypeError: f() argument 'xs' must be tuple, not list");
  CHECK(error_of<std::pair<int, int>>("(1, 2, 3)") ==
        "TypeError: f() argument 'xs' must be a tuple of length 2, not 3");
  CHECK(error_of<std::tuple<int, std::string>>("(1, 2)") ==
        "TypeError: f() argument 'xs': item 1 must be str, not int");
  check_to_python(std::tuple<int, std::string>{1, "a"}, "(1, 'a')");
  check_to_python(std::pair<int, bool>{2, false}, "(2, False)");
  check_to_python(std::tuple<>{}, "()");
}

TEST_CASE("map and unordered_map <-> dict", "[convert]") {
  using map_t = std::map<std::string, int>;
  CHECK(from<map_t>("{'a': 1, 'b': 2}") == map_t{{"a", 1}, {"b", 2}});
  CHECK(from<std::unordered_map<int, std::vector<int>>>("{1: [2]}") ==
        std::unordered_map<int, std::vector<int>>{{1, {2}}});
  CHECK(error_of<map_t>("[('a', 1)]") == "TypeError: f() argument 'xs' must be dict, not list");
  CHECK(error_of<map_t>("{1: 1}") == "TypeError: f() argument 'xs': key must be str, not int");
  CHECK(error_of<map_t>("{'a': 'x'}") == "TypeError: f() argument 'xs': value for key 'a' must be int, not str");
  check_to_python(map_t{{"a", 1}}, "{'a': 1}");
  check_to_python(std::unordered_map<int, bool>{{3, true}}, "{3: True}");
}

TEST_CASE("set and unordered_set <-> set (frozenset accepted)", "[convert]") {
  CHECK(from<std::set<int>>("{3, 1}") == std::set<int>{1, 3});
  CHECK(from<std::set<int>>("frozenset([2])") == std::set<int>{2});
  CHECK(from<std::unordered_set<std::string>>("{'x'}") == std::unordered_set<std::string>{"x"});
  CHECK(error_of<std::set<int>>("[1]") == "TypeError: f() argument 'xs' must be set or frozenset, not list");
  CHECK(error_of<std::set<int>>("{'s'}") == "TypeError: f() argument 'xs': element must be int, not str");
  check_to_python(std::set<int>{1, 2}, "{1, 2}");
}

TEST_CASE("container round trips preserve values", "[convert]") {
  using nested = std::map<std::string, std::vector<std::pair<int, std::optional<double>>>>;
  const nested value{{"k", {{1, 0.5}, {2, std::nullopt}}}};
  ref obj = ref::steal(pyidl::to_python(value));
  REQUIRE(obj);
  nested back;
  REQUIRE(pyidl::from_python(obj.get(), back, ctx_xs));
  CHECK(back == value);
}
