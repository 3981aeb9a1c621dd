// pyidl/std/detail/time_span.h: exact conversion between std::chrono tick counts and the
// seconds + microseconds a datetime.timedelta holds.
#pragma once

#include "pyidl/config.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <ratio>
#include <type_traits>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// A span of time as a sign and a magnitude in whole seconds and microseconds: what a
// timedelta holds, in a form whose arithmetic needs neither floating point nor 128-bit
// integers. Sub-microsecond parts are dropped toward zero, as std::chrono::duration_cast
// does (-1500 ns is -1 us, not -2 us).
struct time_span {
  bool negative = false;
  unsigned long long seconds = 0;
  unsigned long long micros = 0;  // [0, 1000000)
};

inline constexpr unsigned long long micros_per_second = 1000000;

// a * b, or false on overflow.
inline bool checked_mul(unsigned long long a, unsigned long long b,
                        unsigned long long& out) noexcept {
  if (a != 0 && b > std::numeric_limits<unsigned long long>::max() / a) {
    return false;
  }
  out = a * b;
  return true;
}

// a + b, or false on overflow.
inline bool checked_add(unsigned long long a, unsigned long long b,
                        unsigned long long& out) noexcept {
  if (b > std::numeric_limits<unsigned long long>::max() - a) {
    return false;
  }
  out = a + b;
  return true;
}

// The span of time `days`, `seconds`, `micros` as a timedelta normalizes them
// (0 <= seconds < 86400, 0 <= micros < 10**6, |days| <= 999999999).
inline time_span span_from_timedelta(long long days, long long seconds, long long micros) noexcept {
  const long long total = days * 86400 + seconds;  // |total| < 2**47
  time_span span;
  span.negative = total < 0;
  if (!span.negative) {
    span.seconds = static_cast<unsigned long long>(total);
    span.micros = static_cast<unsigned long long>(micros);
  } else if (micros == 0) {
    span.seconds = static_cast<unsigned long long>(-total);
  } else {  // -5 s + 0.25 s is -(4 s + 0.75 s)
    span.seconds = static_cast<unsigned long long>(-total - 1);
    span.micros = micros_per_second - static_cast<unsigned long long>(micros);
  }
  return span;
}

// Whether `span` fits a timedelta: from -999999999 days to 999999999 days, 23:59:59.999999.
inline bool fits_timedelta(const time_span& span) noexcept {
  constexpr unsigned long long max_days_seconds = 999999999ULL * 86400;
  return span.negative ? span.seconds < max_days_seconds ||
                             (span.seconds == max_days_seconds && span.micros == 0)
                       : span.seconds < max_days_seconds + 86400;
}

// The periods whose tick arithmetic below cannot overflow its intermediate values (which
// are below num * den and (num + den) * 10**6): every period from picoseconds to about
// 10**13 seconds per tick; femtoseconds are not.
template <class Period>
inline constexpr bool supported_period =
    Period::num <= std::numeric_limits<unsigned long long>::max() / micros_per_second / 2 &&
    Period::den <= std::numeric_limits<unsigned long long>::max() / micros_per_second / 2 &&
    static_cast<unsigned long long>(Period::num) <= std::numeric_limits<unsigned long long>::max() /
                                                        static_cast<unsigned long long>(
                                                            Period::den);

// The tick counts handled: floating point, or integers of at most 64 bits.
template <class Rep>
inline constexpr bool supported_rep = std::is_floating_point_v<Rep> ||
                                      (std::is_integral_v<Rep> && sizeof(Rep) <= 8);

// Converts `span` into a count of Rep ticks of Period, dropping what is below one tick
// toward zero. False if the count does not fit Rep.
template <class Rep, class Period>
bool ticks_from_span(const time_span& span, Rep& out) noexcept {
  static_assert(supported_period<Period>, "this std::chrono period is too fine or too coarse");
  static_assert(supported_rep<Rep>,
                "std::chrono durations need a floating-point or <= 64-bit count");
  // Ticks per second, num/den.
  using per_second = std::ratio_divide<std::ratio<1>, Period>;
  constexpr unsigned long long num = per_second::num;
  constexpr unsigned long long den = per_second::den;
  if constexpr (std::is_floating_point_v<Rep>) {
    const Rep magnitude = (static_cast<Rep>(span.seconds) +
                           static_cast<Rep>(span.micros) / static_cast<Rep>(micros_per_second)) *
                          static_cast<Rep>(num) / static_cast<Rep>(den);
    out = span.negative ? -magnitude : magnitude;
    return std::isfinite(out);
  } else {
    // ticks = (seconds + micros / 10**6) * num / den, in parts that stay exact:
    // seconds = q * den + r, so seconds * num / den = q * num + r * num / den.
    unsigned long long ticks = 0;
    if (!checked_mul(span.seconds / den, num, ticks)) {
      return false;
    }
    const unsigned long long rest = (span.seconds % den) * num;  // < den * num
    const unsigned long long fraction =
        ((rest % den) * micros_per_second + span.micros * num) / (den * micros_per_second);
    if (!checked_add(ticks, rest / den, ticks) || !checked_add(ticks, fraction, ticks)) {
      return false;
    }
    constexpr auto max = static_cast<unsigned long long>(std::numeric_limits<Rep>::max());
    if (!span.negative) {
      if (ticks > max) {
        return false;
      }
      out = static_cast<Rep>(ticks);
    } else if constexpr (std::is_signed_v<Rep>) {
      if (ticks > max + 1) {  // two's complement: min is -(max + 1)
        return false;
      }
      out = static_cast<Rep>(0 - ticks);  // modular conversion (C++20)
    } else if (ticks != 0) {
      return false;
    } else {
      out = 0;
    }
    return true;
  }
}

// Converts a count of Rep ticks of Period into a span, dropping what is below one
// microsecond toward zero. False if the span's seconds overflow (or a floating-point count
// is not finite).
template <class Rep, class Period>
bool span_from_ticks(Rep count, time_span& out) noexcept {
  static_assert(supported_period<Period>, "this std::chrono period is too fine or too coarse");
  static_assert(supported_rep<Rep>,
                "std::chrono durations need a floating-point or <= 64-bit count");
  constexpr unsigned long long num = Period::num;  // seconds per tick, num/den
  constexpr unsigned long long den = Period::den;
  if constexpr (std::is_floating_point_v<Rep>) {
    const double seconds = static_cast<double>(count) * num / den;
    const double magnitude = std::fabs(seconds);
    if (!(magnitude < 0x1p64)) {  // also NaN
      return false;
    }
    out.negative = seconds < 0;
    out.seconds = static_cast<unsigned long long>(magnitude);
    out.micros = static_cast<unsigned long long>((magnitude - static_cast<double>(out.seconds)) *
                                                 micros_per_second);
    if (out.micros >= micros_per_second) {  // rounding of the subtraction
      out.micros = micros_per_second - 1;
    }
    return true;
  } else {
    out.negative = count < 0;
    // The magnitude, also of the most negative count (unsigned negation is modular).
    const unsigned long long ticks = out.negative ? 0 - static_cast<unsigned long long>(count)
                                                  : static_cast<unsigned long long>(count);
    // seconds = ticks * num / den with ticks = q * den + r.
    if (!checked_mul(ticks / den, num, out.seconds)) {
      return false;
    }
    const unsigned long long rest = (ticks % den) * num;  // < den * num
    if (!checked_add(out.seconds, rest / den, out.seconds)) {
      return false;
    }
    out.micros = (rest % den) * micros_per_second / den;
    return true;
  }
}

}  // namespace detail
PYIDL_NAMESPACE_END
