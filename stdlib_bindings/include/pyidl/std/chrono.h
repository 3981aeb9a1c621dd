// pyidl/std/chrono.h: std::chrono::duration <-> datetime.timedelta, and system_clock time
// points <-> datetime.datetime (aware, in UTC, on the way out).
//
// Limited API: yes. The datetime classes are looked up in the calling interpreter on each
// conversion (see detail/import.h), never through PyDateTime_IMPORT, whose PyDateTimeAPI
// is one process-wide pointer into the first interpreter's module.
//
// Precision: a timedelta or datetime holds microseconds. Whatever does not fit the target's
// tick is dropped toward zero, both ways, as std::chrono::duration_cast and time_point_cast
// do: 1999 ns is timedelta(microseconds=1), -1999 ns is timedelta(microseconds=-1), and
// timedelta(milliseconds=1.5) is std::chrono::milliseconds(1). A time point is truncated
// toward the epoch in the same way.
#pragma once

#include "pyidl/convert.h"
#include "pyidl/object.h"
#include "pyidl/std/detail/import.h"
#include "pyidl/std/detail/time_span.h"

#include <chrono>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Reads the span of time timedelta `td` holds (its days, seconds and microseconds); false
// with an exception set on failure.
inline bool span_of_timedelta(PyObject* td, time_span& out) noexcept {
  long long parts[3] = {};
  const char* const names[3] = {"days", "seconds", "microseconds"};
  for (int i = 0; i < 3; ++i) {
    ref value = ref::steal(PyObject_GetAttrString(td, names[i]));
    if (!value) {
      return false;
    }
    parts[i] = PyLong_AsLongLong(value.get());
    if (parts[i] == -1 && PyErr_Occurred()) {
      return false;
    }
  }
  out = span_from_timedelta(parts[0], parts[1], parts[2]);
  return true;
}

// Returns a new timedelta of the datetime module `datetime` holding `span`, which
// fits_timedelta(); nullptr with an exception set on failure.
inline PyObject* timedelta_of_span(PyObject* datetime, const time_span& span) noexcept {
  ref timedelta = ref::steal(PyObject_GetAttrString(datetime, "timedelta"));
  if (!timedelta) {
    return nullptr;
  }
  const long long sign = span.negative ? -1 : 1;
  // timedelta(days, seconds, microseconds) normalizes the seconds into days.
  return PyObject_CallFunction(timedelta.get(), "iLL", 0,
                               sign * static_cast<long long>(span.seconds),
                               sign * static_cast<long long>(span.micros));
}

// Returns the Unix epoch as an aware datetime, datetime(1970, 1, 1, tzinfo=timezone.utc),
// from the datetime module `datetime` (a new reference; nullptr with an exception set).
inline PyObject* utc_epoch(PyObject* datetime) noexcept {
  ref timezone = ref::steal(PyObject_GetAttrString(datetime, "timezone"));
  ref utc = timezone ? ref::steal(PyObject_GetAttrString(timezone.get(), "utc")) : ref();
  ref cls = utc ? ref::steal(PyObject_GetAttrString(datetime, "datetime")) : ref();
  if (!cls) {
    return nullptr;
  }
  return PyObject_CallFunction(cls.get(), "iiiiiiiO", 1970, 1, 1, 0, 0, 0, 0, utc.get());
}

}  // namespace detail

// std::chrono::duration<Rep, Period> <-> datetime.timedelta.
// From Python, only a timedelta (or subclass) is accepted: a bare number is a TypeError
// "f() argument 'd' must be datetime.timedelta, not float", because its unit would be a
// guess (seconds, as time.sleep() takes, or the duration's own ticks?) and the stub says
// timedelta. A value the duration cannot hold: OverflowError "f() argument 'd' is out of
// range for the C++ duration" (a negative one for an unsigned Rep too).
// To Python: OverflowError "duration out of range for datetime.timedelta" beyond
// +-999999999 days. Rep may be floating point or an integer of at most 64 bits; Period may
// be anything from picoseconds up (std::chrono::days, hours, ..., nanoseconds).
template <class Rep, class Period>
struct converter<std::chrono::duration<Rep, Period>> {
  using duration = std::chrono::duration<Rep, Period>;
  static constexpr const char* python_name = "datetime.timedelta";

  static bool from_python(PyObject* src, duration& out, const arg_context& ctx) noexcept {
    ref timedelta = ref::steal(detail::import_attr("datetime", "timedelta"));
    if (!timedelta) {
      return false;
    }
    const int is_timedelta = PyObject_IsInstance(src, timedelta.get());
    if (is_timedelta <= 0) {
      return is_timedelta == 0 && raise_type_error(ctx, python_name, src);
    }
    detail::time_span span;
    if (!detail::span_of_timedelta(src, span)) {
      return false;
    }
    Rep count{};
    if (!detail::ticks_from_span<Rep, Period>(span, count)) {
      return detail::raise_with_context(PyExc_OverflowError, ctx,
                                        "is out of range for the C++ duration");
    }
    out = duration(count);
    return true;
  }

  static PyObject* to_python(const duration& value) noexcept {
    detail::time_span span;
    if (!detail::span_from_ticks<Rep, Period>(value.count(), span) ||
        !detail::fits_timedelta(span)) {
      PyErr_SetString(PyExc_OverflowError, "duration out of range for datetime.timedelta");
      return nullptr;
    }
    ref datetime = ref::steal(detail::import_module("datetime"));
    return datetime ? detail::timedelta_of_span(datetime.get(), span) : nullptr;
  }
};

// std::chrono::time_point<std::chrono::system_clock, D> (std::chrono::sys_time<D>) <->
// datetime.datetime.
// From Python: an aware datetime is taken at the instant it names, whatever its tzinfo; a
// naive one is taken as local time, exactly as datetime.timestamp() does (through
// astimezone(), so DST folds follow its `fold` attribute). Anything else is a TypeError
// "f() argument 't' must be datetime.datetime, not date"; an instant the time point cannot
// hold is OverflowError "f() argument 't' is out of range for the C++ time point".
// To Python: always an aware datetime in UTC (tzinfo=datetime.timezone.utc), never a naive
// local one (pybind11's choice): it names the instant unambiguously, compares correctly
// with other aware datetimes, and dt.astimezone() gives local time when wanted. Beyond
// datetime's years 1..9999: OverflowError "date value out of range", CPython's own text.
// Other clocks (steady_clock, ...) have no Python counterpart: convert their durations.
template <class Duration>
struct converter<std::chrono::time_point<std::chrono::system_clock, Duration>> {
  using time_point = std::chrono::time_point<std::chrono::system_clock, Duration>;
  using rep = typename Duration::rep;
  using period = typename Duration::period;
  static constexpr const char* python_name = "datetime.datetime";

  static bool from_python(PyObject* src, time_point& out, const arg_context& ctx) noexcept {
    ref datetime = ref::steal(detail::import_module("datetime"));
    ref cls = datetime ? ref::steal(PyObject_GetAttrString(datetime.get(), "datetime")) : ref();
    if (!cls) {
      return false;
    }
    const int is_datetime = PyObject_IsInstance(src, cls.get());
    if (is_datetime <= 0) {
      return is_datetime == 0 && raise_type_error(ctx, python_name, src);
    }
    ref offset = ref::steal(PyObject_CallMethod(src, "utcoffset", nullptr));
    if (!offset) {
      return false;
    }
    ref aware = offset.get() != Py_None
                    ? ref::borrow(src)
                    : ref::steal(PyObject_CallMethod(src, "astimezone", nullptr));
    ref epoch = aware ? ref::steal(detail::utc_epoch(datetime.get())) : ref();
    ref since_epoch = epoch ? ref::steal(PyNumber_Subtract(aware.get(), epoch.get())) : ref();
    detail::time_span span;
    if (!since_epoch || !detail::span_of_timedelta(since_epoch.get(), span)) {
      return false;
    }
    rep count{};
    if (!detail::ticks_from_span<rep, period>(span, count)) {
      return detail::raise_with_context(PyExc_OverflowError, ctx,
                                        "is out of range for the C++ time point");
    }
    out = time_point(Duration(count));
    return true;
  }

  static PyObject* to_python(const time_point& value) noexcept {
    detail::time_span span;
    if (!detail::span_from_ticks<rep, period>(value.time_since_epoch().count(), span) ||
        !detail::fits_timedelta(span)) {
      PyErr_SetString(PyExc_OverflowError, "date value out of range");
      return nullptr;
    }
    ref datetime = ref::steal(detail::import_module("datetime"));
    ref epoch = datetime ? ref::steal(detail::utc_epoch(datetime.get())) : ref();
    ref since_epoch = epoch ? ref::steal(detail::timedelta_of_span(datetime.get(), span)) : ref();
    return since_epoch ? PyNumber_Add(epoch.get(), since_epoch.get()) : nullptr;
  }
};

PYIDL_NAMESPACE_END
