// convert_std_time_test.cpp: std::chrono durations <-> timedelta and system_clock time points <->
// datetime, including truncation, time zones and range limits.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include "pyidl/std/chrono.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <ratio>
#include <string>

using pyidl::arg_context;
using pyidl::ref;
using pyidl_test::check_to_python;

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

const arg_context ctx_v = arg_context::parameter("f", "v", 1);

template <class T>
T from(const std::string& expression) {
  return pyidl_test::convert_ok<T>(expression, ctx_v);
}

template <class T>
std::string error_of(const std::string& expression) {
  return pyidl_test::convert_error<T>(expression, ctx_v);
}

// A timedelta / datetime expression, with the module imported.
std::string td(const std::string& args) { return "__import__('datetime').timedelta(" + args + ")"; }
std::string dt(const std::string& args) { return "__import__('datetime').datetime(" + args + ")"; }
const std::string utc = "tzinfo=__import__('datetime').timezone.utc";

// The error to_python(value) raises, as "Type: message"; fails the test if it succeeds.
template <class T>
std::string to_python_error(const T& value) {
  ref obj = ref::steal(pyidl::to_python(value));
  CHECK_FALSE(obj);
  return pyidl_test::take_error();
}

// Sets the process's local time zone (TZ + time.tzset()) for the scope's lifetime.
class local_time_zone {
 public:
  explicit local_time_zone(const std::string& tz) {
    pyidl_test::exec("import os, time\nos.environ['TZ'] = '" + tz + "'\ntime.tzset()\n");
  }
  ~local_time_zone() { pyidl_test::exec("import os, time\nos.environ.pop('TZ', None)\ntime.tzset()\n"); }
  local_time_zone(const local_time_zone&) = delete;
  local_time_zone& operator=(const local_time_zone&) = delete;
};

}  // namespace

TEST_CASE("duration from timedelta: exact, truncated toward zero", "[std]") {
  CHECK(from<milliseconds>(td("seconds=1.5")) == 1500ms);
  CHECK(from<microseconds>(td("seconds=1.5")) == 1500000us);
  CHECK(from<nanoseconds>(td("days=1, microseconds=1")) == 86400000001000ns);
  CHECK(from<seconds>(td("seconds=1.999999")) == 1s);
  CHECK(from<hours>(td("hours=25")) == 25h);
  CHECK(from<days>(td("hours=47")) == days(1));
  // Negative spans: timedelta stores -1 us as days=-1, seconds=86399, microseconds=999999.
  CHECK(from<nanoseconds>(td("microseconds=-1")) == -1000ns);
  CHECK(from<seconds>(td("microseconds=-1")) == 0s);
  CHECK(from<seconds>(td("seconds=-1.5")) == -1s);
  CHECK(from<milliseconds>(td("seconds=-1.5")) == -1500ms);
  CHECK(from<days>(td("hours=-25")) == days(-1));
  // Extremes of timedelta, and periods that are not powers of ten.
  CHECK(from<seconds>(td("days=-999999999")) == seconds(-86399999913600));
  CHECK(from<seconds>("__import__('datetime').timedelta.max") == seconds(86399999999999));
  CHECK(from<days>("__import__('datetime').timedelta.min") == days(-999999999));
  CHECK(from<duration<std::int64_t, std::ratio<1, 3>>>(td("seconds=1, microseconds=400000")).count() == 4);
  CHECK(from<duration<std::int64_t, std::pico>>(td("microseconds=-3")).count() == -3000000);
  CHECK(from<duration<std::uint32_t, std::milli>>(td("seconds=2")).count() == 2000U);
  CHECK(from<duration<double>>(td("milliseconds=1500")) == duration<double>(1.5));
  CHECK(from<duration<double, std::milli>>(td("microseconds=-2500")).count() == -2.5);
  CHECK(from<duration<float, std::pico>>("__import__('datetime').timedelta.max").count() ==
        Approx(8.64e25));
  // A subclass is a timedelta.
  CHECK(from<seconds>("type('T', (__import__('datetime').timedelta,), {})(seconds=3)") == 3s);
}

TEST_CASE("duration from timedelta: errors", "[std]") {
  CHECK(error_of<seconds>("1.5") == "TypeError: f() argument 'v' must be datetime.timedelta, not float");
  CHECK(error_of<seconds>("1") == "TypeError: f() argument 'v' must be datetime.timedelta, not int");
  CHECK(error_of<seconds>(dt("2020, 1, 1")) ==
        "TypeError: f() argument 'v' must be datetime.timedelta, not datetime.datetime");
  // 2**63 ns is about 106751.99 days.
  CHECK(from<nanoseconds>(td("days=106751")) == nanoseconds(106751LL * 86400 * 1000000000));
  CHECK(error_of<nanoseconds>(td("days=106752")) ==
        "OverflowError: f() argument 'v' is out of range for the C++ duration");
  CHECK(error_of<nanoseconds>(td("days=-106752")) ==
        "OverflowError: f() argument 'v' is out of range for the C++ duration");
  CHECK(error_of<microseconds>("__import__('datetime').timedelta.max") ==
        "OverflowError: f() argument 'v' is out of range for the C++ duration");
  CHECK(error_of<duration<std::uint32_t>>(td("seconds=-1")) ==
        "OverflowError: f() argument 'v' is out of range for the C++ duration");
  CHECK(error_of<duration<std::int32_t, std::milli>>(td("days=25")) ==
        "OverflowError: f() argument 'v' is out of range for the C++ duration");
}

TEST_CASE("duration to timedelta: truncated toward zero, range checked", "[std]") {
  check_to_python(1999ns, td("microseconds=1"));
  check_to_python(-1999ns, td("microseconds=-1"));
  check_to_python(25h, td("hours=25"));
  check_to_python(-1500ms, td("seconds=-1.5"));
  check_to_python(days(-999999999), "__import__('datetime').timedelta.min");
  check_to_python(seconds(86399999999999), td("days=999999999, seconds=86399"));
  check_to_python(nanoseconds::min(), td("microseconds=-9223372036854775"));
  check_to_python(microseconds::max(), td("microseconds=9223372036854775807"));
  check_to_python(duration<std::int64_t, std::ratio<1, 3>>(1), td("microseconds=333333"));
  check_to_python(duration<std::uint64_t, std::milli>(2500), td("seconds=2.5"));
  check_to_python(duration<double>(1.5), td("seconds=1.5"));
  check_to_python(duration<double, std::nano>(-1999.9), td("microseconds=-1"));
  const std::string overflow = "OverflowError: duration out of range for datetime.timedelta";
  CHECK(to_python_error(seconds(86399999999999 + 1)) == overflow);
  CHECK(to_python_error(seconds(-86399999913600 - 1)) == overflow);
  CHECK(to_python_error(seconds::max()) == overflow);
  CHECK(to_python_error(hours::min()) == overflow);
  CHECK(to_python_error(duration<double>(std::numeric_limits<double>::infinity())) == overflow);
  CHECK(to_python_error(duration<double>(std::nan(""))) == overflow);
  // The last microsecond before -999999999 days is out of range too.
  CHECK_FALSE(pyidl::detail::fits_timedelta({true, 86399999913600, 1}));
  CHECK(pyidl::detail::fits_timedelta({true, 86399999913600, 0}));
  CHECK(pyidl::detail::fits_timedelta({false, 86399999999999, 999999}));
}

TEST_CASE("time_point from datetime: aware at its instant, naive as local time", "[std]") {
  const sys_time<microseconds> instant = sys_days{year{2024} / 1 / 2} + 3h + 4min + 5s + 678901us;
  CHECK(from<sys_time<microseconds>>(dt("2024, 1, 2, 3, 4, 5, 678901, " + utc)) == instant);
  CHECK(from<sys_time<microseconds>>(
            dt("2024, 1, 2, 5, 4, 5, 678901, tzinfo=__import__('datetime').timezone(" +
               td("hours=2") + ")")) == instant);
  CHECK(from<sys_time<seconds>>(dt("2024, 1, 2, 3, 4, 5, 678901, " + utc)) == floor<seconds>(instant));
  CHECK(from<sys_time<nanoseconds>>(dt("1970, 1, 1, 0, 0, 0, 1, " + utc)) == sys_time<nanoseconds>(1000ns));
  CHECK(from<sys_days>(dt("2024, 3, 1, 12, " + utc)) == sys_days{year{2024} / 3 / 1});
  // Before the epoch, truncation goes toward the epoch, as time_point_cast does.
  CHECK(from<sys_time<seconds>>(dt("1969, 12, 31, 23, 59, 59, 500000, " + utc)) == sys_seconds(0s));
  CHECK(from<sys_time<milliseconds>>(dt("1969, 12, 31, 23, 59, 59, 500000, " + utc)) ==
        sys_time<milliseconds>(-500ms));
  CHECK(from<sys_seconds>(dt("1, 1, 1, " + utc)) == sys_days{year{1} / 1 / 1});
  {
    // Naive: the local time zone, exactly as datetime.timestamp() reads it (EST is UTC-5).
    local_time_zone est("EST+5");
    CHECK(from<sys_time<microseconds>>(dt("2024, 1, 1, 22, 4, 5, 678901")) == instant);
    ref stamp = pyidl_test::eval(dt("2024, 1, 1, 22, 4, 5") + ".timestamp()");
    CHECK(from<sys_seconds>(dt("2024, 1, 1, 22, 4, 5")).time_since_epoch().count() ==
          static_cast<std::int64_t>(PyFloat_AsDouble(stamp.get())));
  }
}

TEST_CASE("time_point from datetime: errors", "[std]") {
  CHECK(error_of<sys_seconds>("__import__('datetime').date(2020, 1, 1)") ==
        "TypeError: f() argument 'v' must be datetime.datetime, not datetime.date");
  CHECK(error_of<sys_seconds>("0") == "TypeError: f() argument 'v' must be datetime.datetime, not int");
  CHECK(error_of<sys_seconds>(td("1")) ==
        "TypeError: f() argument 'v' must be datetime.datetime, not datetime.timedelta");
  // sys_time<nanoseconds> ends in 2262.
  CHECK(error_of<sys_time<nanoseconds>>(dt("2263, 1, 1, " + utc)) ==
        "OverflowError: f() argument 'v' is out of range for the C++ time point");
  CHECK(error_of<sys_time<nanoseconds>>("__import__('datetime').datetime.min.replace(" + utc + ")") ==
        "OverflowError: f() argument 'v' is out of range for the C++ time point");
}

TEST_CASE("time_point to datetime: aware, in UTC", "[std]") {
  const sys_time<microseconds> instant = sys_days{year{2024} / 1 / 2} + 3h + 4min + 5s + 678901us;
  check_to_python(instant, dt("2024, 1, 2, 3, 4, 5, 678901, " + utc));
  ref obj = ref::steal(pyidl::to_python(instant));
  REQUIRE(obj);
  ref tz = ref::steal(PyObject_GetAttrString(obj.get(), "tzinfo"));
  CHECK(tz.get() == pyidl_test::eval("__import__('datetime').timezone.utc").get());
  check_to_python(sys_time<nanoseconds>(-1ns), dt("1970, 1, 1, " + utc));
  check_to_python(sys_time<nanoseconds>(-1001ns), dt("1969, 12, 31, 23, 59, 59, 999999, " + utc));
  check_to_python(sys_days{year{2024} / 3 / 1}, dt("2024, 3, 1, " + utc));
  check_to_python(sys_days{year{1} / 1 / 1}, "__import__('datetime').datetime.min.replace(" + utc + ")");
  const sys_time<microseconds> now = floor<microseconds>(system_clock::now());
  ref back = ref::steal(pyidl::to_python(now));
  REQUIRE(back);
  sys_time<microseconds> again;
  REQUIRE(pyidl::from_python(back.get(), again, ctx_v));
  CHECK(again == now);
  const std::string out_of_range = "OverflowError: date value out of range";
  CHECK(to_python_error(sys_days{year{10000} / 1 / 1}) == out_of_range);
  CHECK(to_python_error(sys_days{year{0} / 12 / 31}) == out_of_range);
  CHECK(to_python_error(sys_time<hours>(hours::max())) == out_of_range);
}
