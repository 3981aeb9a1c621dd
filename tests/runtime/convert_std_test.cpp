// convert_std_test.cpp: the stdlib_bindings containers, complex, path, 128-bit and wrapping integers.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include "pyidl/std/array.h"
#include "pyidl/std/complex.h"
#include "pyidl/std/deque.h"
#include "pyidl/std/filesystem.h"
#include "pyidl/std/int128.h"
#include "pyidl/std/linked_list.h"
#include "pyidl/std/wrapping.h"

#include <array>
#include <cmath>
#include <complex>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <limits>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

using pyidl::arg_context;
using pyidl::ref;
using pyidl_test::check_to_python;
using pyidl_test::eval;

namespace {

const arg_context ctx_v = arg_context::parameter("f", "v", 1);

template <class T>
T from(const std::string& expression, const arg_context& ctx = ctx_v) {
  return pyidl_test::convert_ok<T>(expression, ctx);
}

template <class T>
std::string error_of(const std::string& expression, const arg_context& ctx = ctx_v) {
  return pyidl_test::convert_error<T>(expression, ctx);
}

// Converts `value` to Python and back.
template <class T>
T round_trip(const T& value) {
  ref obj = ref::steal(pyidl::to_python(value));
  INFO(pyidl_test::take_error());
  REQUIRE(obj);
  T back{};
  REQUIRE(pyidl::from_python(obj.get(), back, ctx_v));
  return back;
}

}  // namespace

TEST_CASE("deque and list: list or tuple in, list out, like vector", "[std]") {
  CHECK(from<std::deque<int>>("[1, 2, 3]") == std::deque<int>{1, 2, 3});
  CHECK(from<std::deque<int>>("()").empty());
  CHECK(from<std::list<std::string>>("('a', 'b')") == std::list<std::string>{"a", "b"});
  CHECK(from<std::deque<std::array<int, 2>>>("[(1, 2), [3, 4]]") ==
        std::deque<std::array<int, 2>>{{1, 2}, {3, 4}});
  CHECK(from<std::list<bool>>("[True]") == std::list<bool>{true});
  CHECK(error_of<std::deque<int>>("'abc'") == "TypeError: f() argument 'v' must be list or tuple, not str");
  CHECK(error_of<std::list<int>>("{1}") == "TypeError: f() argument 'v' must be list or tuple, not set");
  CHECK(error_of<std::deque<int>>("[0, 'x']") == "TypeError: f() argument 'v': item 1 must be int, not str");
  CHECK(error_of<std::list<std::deque<int>>>("[[1], [2, 2.5]]") ==
        "TypeError: f() argument 'v': item 1, item 1 must be int, not float");
  check_to_python(std::deque<int>{1, 2}, "[1, 2]");
  check_to_python(std::list<std::string>{}, "[]");
  check_to_python(std::list<std::deque<bool>>{{true}, {}}, "[[True], []]");
}

TEST_CASE("array: exactly N items, list or tuple in, list out", "[std]") {
  CHECK(from<std::array<int, 3>>("[1, 2, 3]") == std::array<int, 3>{1, 2, 3});
  CHECK(from<std::array<double, 2>>("(0.5, 1)") == std::array<double, 2>{0.5, 1.0});
  CHECK(from<std::array<int, 0>>("[]") == std::array<int, 0>{});
  CHECK(from<std::array<std::array<int, 2>, 2>>("[[1, 2], (3, 4)]") ==
        std::array<std::array<int, 2>, 2>{{{1, 2}, {3, 4}}});
  CHECK(error_of<std::array<int, 3>>("[1, 2, 3, 4]") ==
        "TypeError: f() argument 'v' must be a sequence of length 3, not 4");
  CHECK(error_of<std::array<int, 3>>("()") ==
        "TypeError: f() argument 'v' must be a sequence of length 3, not 0");
  CHECK(error_of<std::array<int, 2>>("'ab'") == "TypeError: f() argument 'v' must be list or tuple, not str");
  CHECK(error_of<std::array<int, 2>>("[1, None]") == "TypeError: f() argument 'v': item 1 must be int, not None");
  CHECK(error_of<std::vector<std::array<int, 2>>>("[(1, 2), (3,)]") ==
        "TypeError: f() argument 'v': item 1 must be a sequence of length 2, not 1");
  check_to_python(std::array<int, 3>{1, 2, 3}, "[1, 2, 3]");
  check_to_python(std::array<std::string, 0>{}, "[]");
}

TEST_CASE("array: a list resized by an item's conversion is a length error, not an overrun",
          "[std]") {
  ref ns = pyidl_test::exec(
      "class Grow:\n"
      "    def __index__(self):\n"
      "        xs.append(0)\n"
      "        return 1\n"
      "class Shrink:\n"
      "    def __index__(self):\n"
      "        ys.clear()\n"
      "        return 1\n"
      "xs = [Grow(), 2]\n"
      "ys = [Shrink(), 2]\n");
  std::array<int, 2> out{};
  CHECK_FALSE(pyidl::from_python(PyDict_GetItemString(ns.get(), "xs"), out, ctx_v));
  CHECK(pyidl_test::take_error() == "TypeError: f() argument 'v' must be a sequence of length 2, not 3");
  CHECK_FALSE(pyidl::from_python(PyDict_GetItemString(ns.get(), "ys"), out, ctx_v));
  CHECK(pyidl_test::take_error() == "TypeError: f() argument 'v' must be a sequence of length 2, not 0");
}

TEST_CASE("pair, unordered_set and string_view are core converters", "[std]") {
  // Covered by pyidl/runtime.h (convert/tuple.h, set.h, string.h); checked here as the
  // stdlib.md table promises.
  CHECK(from<std::pair<int, std::string>>("(1, 'a')") == std::pair<int, std::string>{1, "a"});
  // The view points into the str's own UTF-8 buffer: no copy.
  ref text = eval("'h\\u00e9llo'");
  std::string_view view;
  REQUIRE(pyidl::from_python(text.get(), view, ctx_v));
  CHECK(view == "h\xc3\xa9llo");
  CHECK(view.data() == PyUnicode_AsUTF8AndSize(text.get(), nullptr));
}

TEST_CASE("complex: what cmath accepts, str rejected", "[std]") {
  using cd = std::complex<double>;
  CHECK(from<cd>("1+2j") == cd(1, 2));
  CHECK(from<cd>("-0.5j") == cd(-0.0, -0.5));
  CHECK(from<cd>("3") == cd(3, 0));
  CHECK(from<cd>("2.5") == cd(2.5, 0));
  CHECK(from<cd>("True") == cd(1, 0));
  CHECK(from<cd>("__import__('fractions').Fraction(1, 4)") == cd(0.25, 0));
  CHECK(from<cd>("type('C', (), {'__complex__': lambda s: 1j})()") == cd(0, 1));
  CHECK(from<cd>("type('I', (), {'__index__': lambda s: 7})()") == cd(7, 0));
  CHECK(from<std::complex<float>>("1.5-2j") == std::complex<float>(1.5F, -2.0F));
  CHECK(std::isinf(from<std::complex<float>>("complex(1e300, 0)").real()));
  CHECK(error_of<cd>("'1+2j'") == "TypeError: f() argument 'v' must be complex, not str");
  CHECK(error_of<cd>("None") == "TypeError: f() argument 'v' must be complex, not None");
  CHECK(error_of<cd>("b'1'") == "TypeError: f() argument 'v' must be complex, not bytes");
  CHECK(error_of<cd>("2**2000") == "OverflowError: int too large to convert to float");
  CHECK(error_of<cd>("type('C', (), {'__complex__': lambda s: 1})()").rfind(
            "TypeError: __complex__ returned non-complex", 0) == 0);
  check_to_python(cd(1, -2), "1-2j");
  check_to_python(std::complex<float>(0.5F, 0), "0.5+0j");
  const cd inf(std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN());
  const cd back = round_trip(inf);
  CHECK(std::isinf(back.real()));
  CHECK(std::isnan(back.imag()));
}

TEST_CASE("filesystem::path: str, bytes or os.PathLike in, pathlib.Path out", "[std]") {
  using std::filesystem::path;
  CHECK(from<path>("'/tmp/a b'") == path("/tmp/a b"));
  CHECK(from<path>("b'rel/x'") == path("rel/x"));
  CHECK(from<path>("''") == path());
  CHECK(from<path>("__import__('pathlib').PurePosixPath('/etc/hosts')") == path("/etc/hosts"));
  CHECK(from<path>("type('P', (), {'__fspath__': lambda s: b'/b'})()") == path("/b"));
  // A str is encoded as os.fsencode() does: the filesystem encoding with surrogateescape,
  // so undecodable bytes survive both ways. (The tests' interpreter has an isolated config,
  // so its filesystem encoding follows the locale: UTF-8, or ASCII under LANG=C.)
  CHECK(from<path>("b'/tmp/\\xff'").native() == "/tmp/\xff");
  CHECK(from<path>("'/tmp/\\udcff'").native() == "/tmp/\xff");
  check_to_python(path("/tmp/\xff"), "__import__('pathlib').Path(__import__('os').fsdecode(b'/tmp/\\xff'))");
  check_to_python(path("/tmp/\xc3\xa9t\xc3\xa9"),
                  "__import__('pathlib').Path(__import__('os').fsdecode(b'/tmp/\\xc3\\xa9t\\xc3\\xa9'))");
  if (pyidl_test::str(eval("__import__('sys').getfilesystemencoding()").get()) == "utf-8") {
    CHECK(from<path>("'/tmp/\\u00e9t\\u00e9'").native() == "/tmp/\xc3\xa9t\xc3\xa9");
    check_to_python(path("/tmp/\xc3\xa9t\xc3\xa9"), "__import__('pathlib').Path('/tmp/\\u00e9t\\u00e9')");
  } else {  // what os.fsencode() raises too
    CHECK(error_of<path>("'/tmp/\\u00e9t\\u00e9'").rfind("UnicodeEncodeError: ", 0) == 0);
  }
  check_to_python(path("rel"), "__import__('pathlib').Path('rel')");
  CHECK(round_trip(path("/x/\xfe\xff")) == path("/x/\xfe\xff"));
  CHECK(error_of<path>("1") == "TypeError: f() argument 'v' must be str, bytes or os.PathLike, not int");
  CHECK(error_of<path>("None") == "TypeError: f() argument 'v' must be str, bytes or os.PathLike, not None");
  CHECK(error_of<std::optional<path>>("1") ==
        "TypeError: f() argument 'v' must be str, bytes, os.PathLike or None, not int");
  CHECK(error_of<path>("'a\\0b'") == "ValueError: f() argument 'v' contains an embedded null character");
  CHECK(error_of<path>("b'a\\0b'") == "ValueError: f() argument 'v' contains an embedded null character");
  CHECK(error_of<path>("type('P', (), {'__fspath__': lambda s: 1})()") ==
        "TypeError: expected P.__fspath__() to return str or bytes, not int");
  CHECK(error_of<path>("'\\ud800'").rfind("UnicodeEncodeError: ", 0) == 0);
}

TEST_CASE("int128: the full range both ways, CPython-style overflow", "[std]") {
  using pyidl::int128_t;
  using pyidl::uint128_t;
  const int128_t min = std::numeric_limits<int128_t>::min();
  const int128_t max = std::numeric_limits<int128_t>::max();
  const uint128_t umax = std::numeric_limits<uint128_t>::max();
  CHECK(from<int128_t>("-2**127") == min);
  CHECK(from<int128_t>("2**127 - 1") == max);
  CHECK(from<int128_t>("-1") == -1);
  CHECK(from<int128_t>("2**64") == static_cast<int128_t>(1) << 64);
  CHECK(from<int128_t>("-2**64 - 5") == -(static_cast<int128_t>(1) << 64) - 5);
  CHECK(from<int128_t>("True") == 1);
  CHECK(from<int128_t>("type('I', (), {'__index__': lambda s: 2**100})()") == static_cast<int128_t>(1) << 100);
  CHECK(from<uint128_t>("2**128 - 1") == umax);
  CHECK(from<uint128_t>("2**64 + 3") == (static_cast<uint128_t>(1) << 64) + 3);
  CHECK(from<uint128_t>("0") == 0);
  check_to_python(min, "-2**127");
  check_to_python(max, "2**127 - 1");
  check_to_python(static_cast<int128_t>(-5), "-5");
  check_to_python(-(static_cast<int128_t>(1) << 64) - 5, "-2**64 - 5");
  check_to_python(umax, "2**128 - 1");
  check_to_python(static_cast<uint128_t>(1) << 64, "2**64");
  CHECK(round_trip(min + 12345) == min + 12345);
  CHECK(error_of<int128_t>("2**127") == "OverflowError: Python int too large to convert to C __int128");
  CHECK(error_of<int128_t>("-2**127 - 1") == "OverflowError: Python int too large to convert to C __int128");
  CHECK(error_of<int128_t>("2**1000") == "OverflowError: Python int too large to convert to C __int128");
  CHECK(error_of<uint128_t>("2**128") ==
        "OverflowError: Python int too large to convert to C unsigned __int128");
  CHECK(error_of<uint128_t>("-1") == "OverflowError: can't convert negative int to unsigned");
  CHECK(error_of<uint128_t>("-2**100") == "OverflowError: can't convert negative int to unsigned");
  CHECK(error_of<int128_t>("1.0") == "TypeError: f() argument 'v' must be int, not float");
  CHECK(error_of<uint128_t>("'1'") == "TypeError: f() argument 'v' must be int, not str");
}

TEST_CASE("wrapping: any int, keeping its low bits", "[std]") {
  using pyidl::wrapping;
  CHECK(from<wrapping<std::uint64_t>>("-1") == std::numeric_limits<std::uint64_t>::max());
  CHECK(from<wrapping<std::uint64_t>>("2**64 + 5") == 5U);
  CHECK(from<wrapping<std::uint64_t>>("-2**200 + 7") == 7U);
  CHECK(from<wrapping<std::uint8_t>>("-1") == 0xff);
  CHECK(from<wrapping<std::uint8_t>>("0x1234") == 0x34);
  CHECK(from<wrapping<std::int8_t>>("255") == -1);
  CHECK(from<wrapping<std::int64_t>>("2**63") == std::numeric_limits<std::int64_t>::min());
  CHECK(from<wrapping<std::uint32_t>>("True") == 1U);
  CHECK(from<wrapping<std::uint32_t>>("type('I', (), {'__index__': lambda s: -2})()") == 0xfffffffeU);
  CHECK(error_of<wrapping<std::uint64_t>>("1.0") == "TypeError: f() argument 'v' must be int, not float");
  CHECK(error_of<wrapping<std::uint64_t>>("'1'") == "TypeError: f() argument 'v' must be int, not str");
  check_to_python(wrapping<std::uint64_t>(std::numeric_limits<std::uint64_t>::max()), "2**64 - 1");
  check_to_python(wrapping<std::int8_t>(-1), "-1");
  // It is the T on the C++ side: a function taking uint64_t accepts it as it is.
  const auto takes_u64 = [](std::uint64_t x) { return x + 1; };
  CHECK(takes_u64(from<wrapping<std::uint64_t>>("-1")) == 0U);
  CHECK(from<std::variant<wrapping<std::uint8_t>, std::string>>("'a'").index() == 1);
}
