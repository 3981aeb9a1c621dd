// audit_module_impl.hpp: the C++ side of audit_module.pyidl.
#pragma once

#include <pyidl/sync/per_interpreter.h>

#include <cmath>
#include <cstdint>

namespace am {

inline std::int64_t total = 0;  // the author's process-wide state: the audit's one finding

inline std::int64_t bump(std::int64_t by) { return total += by; }

// Synchronized by its type, so not a finding; get() also links in the runtime's registry
// of per-interpreter values, whose own statics the audit must leave out as well.
inline constinit pyidl::per_interpreter<std::int64_t> calls_here_count;

inline std::int64_t calls_here() { return ++calls_here_count.get(); }

// Module state: per module object, so invisible to the audit.
struct Tally {
  std::int64_t calls = 0;
};

inline std::int64_t count(Tally& tally) { return ++tally.calls; }

struct Point {
  Point(double x_, double y_) : x(x_), y(y_) {}
  double norm() const { return std::hypot(x, y); }
  double x;
  double y;
};

}  // namespace am
