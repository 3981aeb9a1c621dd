// convert_scalar_test.cpp: round trips and exact errors of the scalar, string and None converters.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

using pyidl::arg_context;
using pyidl::ref;
using pyidl_test::eval;
using pyidl_test::check_to_python;
using pyidl_test::take_error;

namespace {

const arg_context ctx_a = arg_context::parameter("add", "a", 1);

template <class T>
T from(const std::string& expression, const arg_context& ctx = ctx_a) {
  return pyidl_test::convert_ok<T>(expression, ctx);
}

template <class T>
std::string error_of(const std::string& expression, const arg_context& ctx = ctx_a) {
  return pyidl_test::convert_error<T>(expression, ctx);
}

// The error CPython itself raises for a Python expression (a call), as "Type: message".
std::string cpython_error(const std::string& call, const std::string& imports = "_testclinic") {
  ref ns = pyidl_test::exec("import " + imports + "\n"
                            "try:\n    " + call + "\n    result = ''\n"
                            "except Exception as e:\n    result = f'{type(e).__name__}: {e}'\n");
  return pyidl_test::str(PyDict_GetItemString(ns.get(), "result"));
}

}  // namespace

TEST_CASE("integers round-trip at their limits", "[convert]") {
  CHECK(from<std::int8_t>("-128") == -128);
  CHECK(from<std::int8_t>("127") == 127);
  CHECK(from<std::int16_t>("-32768") == -32768);
  CHECK(from<std::int32_t>("2**31-1") == 2147483647);
  CHECK(from<std::int64_t>("-2**63") == std::numeric_limits<std::int64_t>::min());
  CHECK(from<std::int64_t>("2**63-1") == std::numeric_limits<std::int64_t>::max());
  CHECK(from<std::uint8_t>("255") == 255);
  CHECK(from<std::uint16_t>("65535") == 65535);
  CHECK(from<std::uint32_t>("2**32-1") == 4294967295u);
  CHECK(from<std::uint64_t>("2**64-1") == std::numeric_limits<std::uint64_t>::max());
  CHECK(from<std::uint64_t>("2**63") == 9223372036854775808ull);
  CHECK(from<int>("True") == 1);                               // bool is an int
  CHECK(from<int>("__import__('fractions').Fraction(3).numerator") == 3);
  CHECK(from<std::int64_t>("type('I', (), {'__index__': lambda s: 7})()") == 7);
  check_to_python<std::int8_t>(-128, "-128");
  check_to_python<std::int64_t>(std::numeric_limits<std::int64_t>::min(), "-2**63");
  check_to_python<std::uint64_t>(std::numeric_limits<std::uint64_t>::max(), "2**64-1");
  check_to_python<std::uint16_t>(65535, "65535");
}

TEST_CASE("integer type errors name the parameter", "[convert]") {
  CHECK(error_of<int>("'x'") == "TypeError: add() argument 'a' must be int, not str");
  CHECK(error_of<int>("1.0") == "TypeError: add() argument 'a' must be int, not float");
  CHECK(error_of<std::uint8_t>("None") == "TypeError: add() argument 'a' must be int, not None");
  const arg_context posonly = arg_context::parameter("add", "a", 2, /*positional_only=*/true);
  CHECK(error_of<std::int64_t>("[]", posonly) == "TypeError: add() argument 2 must be int, not list");
}

TEST_CASE("integer overflow messages are CPython's for the same C type", "[convert]") {
  // Compared with Argument Clinic converters of the running interpreter.
  CHECK(error_of<std::int16_t>("2**15") == cpython_error("_testclinic.short_converter(2**15)"));
  CHECK(error_of<std::int16_t>("-2**15-1") == cpython_error("_testclinic.short_converter(-2**15-1)"));
  CHECK(error_of<std::int32_t>("2**31") == cpython_error("_testclinic.int_converter(2**31)"));
  CHECK(error_of<std::int32_t>("-2**31-1") == cpython_error("_testclinic.int_converter(-2**31-1)"));
  CHECK(error_of<std::int64_t>("2**63") == cpython_error("_testclinic.long_converter(2**63)"));
  CHECK(error_of<std::int64_t>("-2**63-1") == cpython_error("_testclinic.long_converter(-2**63-1)"));
  CHECK(error_of<std::int64_t>("2**200") == cpython_error("_testclinic.long_converter(2**200)"));
  CHECK(error_of<std::uint8_t>("256") == cpython_error("_testclinic.unsigned_char_converter(256)"));
  CHECK(error_of<std::uint16_t>("2**16") == cpython_error("_testclinic.unsigned_short_converter(2**16)"));
  CHECK(error_of<std::uint32_t>("2**32") == cpython_error("_testclinic.unsigned_int_converter(2**32)"));
  // And with the C API conversions where Clinic has no equivalent.
  CHECK(error_of<std::uint64_t>("2**64") ==
        cpython_error("ctypes.pythonapi.PyLong_AsUnsignedLong(ctypes.py_object(2**64))", "ctypes"));
  CHECK(error_of<std::uint64_t>("-1") ==
        cpython_error("ctypes.pythonapi.PyLong_AsUnsignedLongLong(ctypes.py_object(-1))", "ctypes"));
  // The literal texts, so a change shows up even if CPython changed too.
  CHECK(error_of<std::int8_t>("128") == "OverflowError: Python int too large to convert to C signed char");
  CHECK(error_of<std::int8_t>("-129") == "OverflowError: Python int too large to convert to C signed char");
  CHECK(error_of<std::int16_t>("2**15") == "OverflowError: signed short integer is greater than maximum");
  CHECK(error_of<std::int32_t>("2**31") == "OverflowError: Python int too large to convert to C int");
  CHECK(error_of<std::int64_t>("2**63") == "OverflowError: Python int too large to convert to C long");
  CHECK(error_of<std::uint8_t>("-1") == "OverflowError: can't convert negative int to unsigned");
  CHECK(error_of<std::uint32_t>("-2**70") == "OverflowError: can't convert negative int to unsigned");
  CHECK(error_of<std::uint64_t>("2**64") == "OverflowError: Python int too large to convert to C unsigned long");
}

TEST_CASE("double accepts what PyFloat_AsDouble accepts, except str", "[convert]") {
  CHECK(from<double>("1.5") == 1.5);
  CHECK(from<double>("3") == 3.0);
  CHECK(from<double>("2**53") == 9007199254740992.0);
  CHECK(from<double>("True") == 1.0);
  CHECK(from<double>("__import__('fractions').Fraction(1, 4)") == 0.25);
  CHECK(from<double>("type('F', (), {'__float__': lambda s: 2.5})()") == 2.5);
  CHECK(from<double>("type('I', (), {'__index__': lambda s: 4})()") == 4.0);
  CHECK(std::isinf(from<double>("float('inf')")));
  CHECK(std::isnan(from<double>("float('nan')")));
  CHECK(from<float>("0.5") == 0.5f);
  CHECK(std::isinf(from<float>("1e300")));
  CHECK(error_of<double>("'1.5'") == "TypeError: add() argument 'a' must be float, not str");
  CHECK(error_of<double>("None") == "TypeError: add() argument 'a' must be float, not None");
  CHECK(error_of<double>("2**1024") ==
        cpython_error("ctypes.pythonapi.PyFloat_AsDouble(ctypes.py_object(2**1024))", "ctypes"));
  CHECK(error_of<double>("type('F', (), {'__float__': lambda s: 1/0})()") ==
        "ZeroDivisionError: division by zero");
  check_to_python(0.1, "0.1");
  check_to_python(2.5f, "2.5");
}

TEST_CASE("bool accepts exactly True and False", "[convert]") {
  CHECK(from<bool>("True"));
  CHECK_FALSE(from<bool>("False"));
  CHECK(error_of<bool>("1") == "TypeError: add() argument 'a' must be bool, not int");
  CHECK(error_of<bool>("None") == "TypeError: add() argument 'a' must be bool, not None");
  CHECK(error_of<bool>("[]") == "TypeError: add() argument 'a' must be bool, not list");
  ref t = ref::steal(pyidl::to_python(true));
  CHECK(t.get() == Py_True);
  ref f = ref::steal(pyidl::to_python(false));
  CHECK(f.get() == Py_False);
}

TEST_CASE("str converts as UTF-8 both ways", "[convert]") {
  CHECK(from<std::string>("'caf\\xe9 \\u2603'") == "caf\xc3\xa9 \xe2\x98\x83");
  CHECK(from<std::string>("'a\\x00b'") == std::string("a\0b", 3));
  CHECK(from<std::string_view>("'view'") == "view");
  CHECK(error_of<std::string>("b'x'") == "TypeError: add() argument 'a' must be str, not bytes");
  CHECK(error_of<std::string_view>("1") == "TypeError: add() argument 'a' must be str, not int");
  CHECK(error_of<std::string>("'\\ud800'") ==
        "UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' in position 0: "
        "surrogates not allowed");
  check_to_python(std::string("caf\xc3\xa9"), "'caf\\xe9'");
  check_to_python(std::string_view("sv"), "'sv'");
  ref bad = ref::steal(pyidl::to_python(std::string("\xff")));
  CHECK_FALSE(bad);
  CHECK(take_error().rfind("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff", 0) == 0);
}

TEST_CASE("str type errors match Argument Clinic's wording", "[convert]") {
  const arg_context posonly1 = arg_context::parameter("str_converter", "a", 1, true);
  CHECK(error_of<std::string>("None", posonly1) == cpython_error("_testclinic.str_converter(None)"));
  // Clinic's wording for a function's only parameter: just "argument".
  const arg_context only = arg_context::parameter("bytes_object_converter", "a", 0, true);
  CHECK(error_of<pyidl::bytes>("1", only) == cpython_error("_testclinic.bytes_object_converter(1)"));
}

TEST_CASE("bytes and None", "[convert]") {
  CHECK(from<pyidl::bytes>("b'a\\x00\\xff'").data == std::string("a\0\xff", 3));
  CHECK(error_of<pyidl::bytes>("bytearray(b'x')") ==
        "TypeError: add() argument 'a' must be bytes, not bytearray");
  check_to_python(pyidl::bytes{"xy"}, "b'xy'");
  from<pyidl::none>("None");
  from<std::nullptr_t>("None");
  CHECK(error_of<pyidl::none>("0") == "TypeError: add() argument 'a' must be None, not int");
  ref n = ref::steal(pyidl::to_python(pyidl::none{}));
  CHECK(n.get() == Py_None);
}

TEST_CASE("converters leave refcounts unchanged", "[convert]") {
  ref obj = eval("[1000001]");  // a list holding a non-cached int
  PyObject* item = PyList_GetItem(obj.get(), 0);
  const Py_ssize_t list_before = Py_REFCNT(obj.get());
  const Py_ssize_t item_before = Py_REFCNT(item);
  std::vector<std::int64_t> out;
  REQUIRE(pyidl::from_python(obj.get(), out, ctx_a));
  CHECK(out == std::vector<std::int64_t>{1000001});
  CHECK(Py_REFCNT(obj.get()) == list_before);
  CHECK(Py_REFCNT(item) == item_before);
  std::string failed;
  CHECK_FALSE(pyidl::from_python(obj.get(), failed, ctx_a));
  take_error();
  CHECK(Py_REFCNT(obj.get()) == list_before);
}
