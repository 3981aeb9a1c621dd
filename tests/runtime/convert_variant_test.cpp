// convert_variant_test.cpp: std::variant (tried in order), std::monostate, and how type errors list
// several accepted types.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

using pyidl::arg_context;
using pyidl::ref;
using pyidl_test::check_to_python;

namespace {

const arg_context ctx_x = arg_context::parameter("f", "x", 1);

template <class T>
T from(const std::string& expression, const arg_context& ctx = ctx_x) {
  return pyidl_test::convert_ok<T>(expression, ctx);
}

template <class T>
std::string error_of(const std::string& expression, const arg_context& ctx = ctx_x) {
  return pyidl_test::convert_error<T>(expression, ctx);
}

}  // namespace

TEST_CASE("variant: alternatives are tried in order, the first that converts wins", "[convert]") {
  using int_double = std::variant<int, double>;
  CHECK(from<int_double>("1") == int_double(1));
  CHECK(from<int_double>("1.5") == int_double(1.5));
  // A float accepts an int, so with double first an int never reaches `int`.
  using double_int = std::variant<double, int>;
  CHECK(from<double_int>("1") == double_int(1.0));
  // bool accepts only True and False; int accepts True as 1, as Python's int does.
  using bool_int = std::variant<bool, int>;
  CHECK(from<bool_int>("True") == bool_int(true));
  CHECK(from<bool_int>("1") == bool_int(1));
  using int_bool = std::variant<int, bool>;
  CHECK(from<int_bool>("True") == int_bool(1));
  // An int too large for the first alternative falls through to the next one.
  using narrow_wide = std::variant<std::int32_t, std::int64_t>;
  CHECK(from<narrow_wide>("2**40") == narrow_wide(std::int64_t{1} << 40));
  using int_string = std::variant<int, std::string>;
  CHECK(from<int_string>("'7'") == int_string(std::string("7")));
}

TEST_CASE("variant: a type no alternative accepts lists them all", "[convert]") {
  CHECK(error_of<std::variant<int, std::string>>("1.5") ==
        "TypeError: f() argument 'x' must be int or str, not float");
  CHECK(error_of<std::variant<int, std::string, pyidl::bytes>>("None") ==
        "TypeError: f() argument 'x' must be int, str or bytes, not None");
  // Each type once, whatever the C++ alternatives.
  CHECK(error_of<std::variant<std::int32_t, std::int64_t>>("'a'") ==
        "TypeError: f() argument 'x' must be int, not str");
  // A converter accepting several types contributes each of them.
  CHECK(error_of<std::variant<std::vector<int>, std::string>>("3") ==
        "TypeError: f() argument 'x' must be list, tuple or str, not int");
  // None is listed last, from std::monostate or from an enclosing std::optional.
  CHECK(error_of<std::variant<std::monostate, int, std::string>>("1.5") ==
        "TypeError: f() argument 'x' must be int, str or None, not float");
  CHECK(error_of<std::optional<std::variant<int, std::string>>>("1.5") ==
        "TypeError: f() argument 'x' must be int, str or None, not float");
  // Positional-only and callback-result contexts read as for any other type.
  CHECK(error_of<std::variant<int, std::string>>("[]", arg_context::parameter("f", "x", 2, true)) ==
        "TypeError: f() argument 2 must be int or str, not list");
  CHECK(error_of<std::variant<int, std::string>>("[]", arg_context::result("callback result")) ==
        "TypeError: callback result must be int or str, not list");
}

TEST_CASE("variant: an alternative whose type fitted but whose value did not is reported",
          "[convert]") {
  CHECK(error_of<std::variant<std::int8_t, std::string>>("300") ==
        "OverflowError: Python int too large to convert to C signed char");
  CHECK(error_of<std::variant<std::vector<int>, std::string>>("[1, 'a']") ==
        "TypeError: f() argument 'x': item 1 must be int, not str");
  CHECK(error_of<std::variant<std::pair<int, int>, std::string>>("(1, 2, 3)") ==
        "TypeError: f() argument 'x' must be a tuple of length 2, not 3");
  // Items of a container of variants, and variants of containers of variants.
  CHECK(error_of<std::vector<std::variant<int, std::string>>>("[1, 'a', 2.5]") ==
        "TypeError: f() argument 'x': item 2 must be int or str, not float");
  CHECK(error_of<std::variant<std::vector<std::variant<int, std::string>>, int>>("[[]]") ==
        "TypeError: f() argument 'x': item 0 must be int or str, not list");
}

TEST_CASE("variant: an exception that is not a conversion error stops the search", "[convert]") {
  // __index__ raises: the int alternative fails for a reason of its own, so double (which
  // would take __float__) is not tried.
  const std::string evil =
      "type('E', (), {'__index__': lambda s: 1 // 0, '__float__': lambda s: 2.0})()";
  CHECK(error_of<std::variant<int, double>>(evil) ==
        "ZeroDivisionError: integer division or modulo by zero");
  CHECK(from<std::variant<std::string, double>>(evil) == std::variant<std::string, double>(2.0));
}

TEST_CASE("variant: the held alternative goes to Python; monostate is None", "[convert]") {
  check_to_python(std::variant<int, std::string>(3), "3");
  check_to_python(std::variant<int, std::string>(std::string("a")), "'a'");
  check_to_python(std::variant<std::monostate, int>(), "None");
  check_to_python(std::vector<std::variant<bool, double>>{true, 0.5}, "[True, 0.5]");
  using value = std::variant<std::monostate, std::int64_t, std::vector<std::string>>;
  CHECK(from<value>("None") == value());
  CHECK(from<value>("['a']") == value(std::vector<std::string>{"a"}));
  CHECK(error_of<std::monostate>("0") == "TypeError: f() argument 'x' must be None, not int");
}

TEST_CASE("type errors list several accepted types as CPython does", "[convert]") {
  // "A, B or C", the way CPython lists them ("expected str, bytes or os.PathLike object").
  CHECK(error_of<std::optional<std::vector<int>>>("'s'") ==
        "TypeError: f() argument 'x' must be list, tuple or None, not str");
  CHECK(error_of<std::optional<int>>("'s'") == "TypeError: f() argument 'x' must be int or None, not str");
  // Separators inside brackets are part of a name.
  ref obj = pyidl_test::eval("1.5");
  CHECK_FALSE(pyidl::raise_type_error(ctx_x.accepting_none(),
                                      {"Callable[[int, str], int]", "buffer of int8 (format 'b')"}, obj.get()));
  CHECK(pyidl_test::take_error() ==
        "TypeError: f() argument 'x' must be Callable[[int, str], int], buffer of int8 (format 'b') "
        "or None, not float");
}
