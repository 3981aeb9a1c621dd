// features_impl.hpp: the C++ side of features.pyidl (plain C++: no Python in here).
#pragma once

#include <atomic>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <pyidl/error.h>
#include "features.pyidl.h"

namespace feat {

// Live C++ objects in the whole process, so that tests can prove every module state and
// every instance is destroyed exactly once (no leak, no double free). Process-wide on
// purpose, and atomic because interpreters run in parallel.
inline std::atomic<std::int64_t> live_states{0};
inline std::atomic<std::int64_t> live_points{0};

// Module state: one per module object, so one per interpreter.
struct Counters {
  Counters() { ++live_states; }
  Counters(const Counters&) = delete;
  ~Counters() { --live_states; }
  std::int64_t total = 0;
};

inline std::tuple<std::int64_t, std::int64_t> live_objects() { return {live_states.load(), live_points.load()}; }

enum class Color { RED = 1, GREEN = 2, BLUE = 3 };
enum class Perm : std::int64_t { R = 4, W = 2, X = 1 };

inline void noop() {}
inline std::int64_t add(std::int64_t a, std::int64_t b) { return a + b; }
inline std::int64_t add_small(std::int8_t a, std::uint16_t b) { return a + b; }
inline double scale(double v, double k, bool clamp) {
  double r = v * k;
  return clamp && r > 1.0 ? 1.0 : r;
}
inline std::int64_t only_positional(std::int64_t a, std::int64_t b) { return a * 100 + b; }
inline std::string keyword_only(const std::string& first, std::int64_t second) {
  return first + ":" + std::to_string(second);
}
inline std::vector<std::int64_t> mixed(std::int64_t a, std::int64_t b, std::int64_t c) {
  return {a, b, c};
}
inline std::string echo_str(std::string s) { return s; }
inline pyidl::bytes echo_bytes(pyidl::bytes b) { return b; }
inline std::optional<std::int64_t> echo_optional(std::optional<std::int64_t> x) { return x; }
inline double sum_list(const std::vector<double>& xs) {
  double s = 0;
  for (double x : xs) s += x;
  return s;
}
inline std::map<std::string, std::int64_t> count_words(const std::vector<std::string>& words) {
  std::map<std::string, std::int64_t> counts;
  for (const auto& w : words) ++counts[w];
  return counts;
}
inline std::set<std::int64_t> unique(const std::vector<std::int64_t>& xs) { return {xs.begin(), xs.end()}; }
inline std::tuple<std::int64_t, std::string> pair(std::int64_t a, std::string b) { return {a, b}; }
inline bool invert(bool b) { return !b; }
inline Color next_color(Color c) { return c == Color::BLUE ? Color::RED : static_cast<Color>(static_cast<int>(c) + 1); }
inline bool has_write(Perm perm) { return (static_cast<std::int64_t>(perm) & 2) != 0; }
inline std::int64_t default_color(Color c) { return static_cast<std::int64_t>(c); }
inline std::int64_t bump(Counters& counters, std::int64_t by) { return counters.total += by; }
inline std::int64_t total(Counters& counters) { return counters.total; }

inline void fail_with(const std::string& kind) {
  if (kind == "invalid_argument") throw std::invalid_argument("bad argument");
  if (kind == "domain_error") throw std::domain_error("bad domain");
  if (kind == "out_of_range") throw std::out_of_range("index out of range");
  if (kind == "overflow_error") throw std::overflow_error("too big");
  if (kind == "bad_alloc") throw std::bad_alloc();
  if (kind == "runtime_error") throw std::runtime_error("plain failure");
  if (kind == "int") throw 42;
}

inline void fail_declared(const std::string& message, bool derived) {
  if (derived) throw pyidl::raise<features_pyidl::DerivedError>(message);
  throw pyidl::raise<features_pyidl::FeatureError>(message);
}

class Point {
 public:
  Point(double x, double y) : x(x), y(y) { ++live_points; }
  Point(const Point& other) : x(other.x), y(other.y), label_(other.label_) { ++live_points; }
  Point& operator=(const Point&) = default;
  ~Point() { --live_points; }
  double x;
  double y;
  double norm() const { return std::hypot(x, y); }
  std::string label() const { return label_; }
  void set_label(std::string label) { label_ = std::move(label); }
  Point moved(double dx, double dy) const { return Point(x + dx, y + dy); }
  double dot(const Point& other) const { return x * other.x + y * other.y; }
  static Point origin() { return Point(0, 0); }
  Point operator+(const Point& other) const { return Point(x + other.x, y + other.y); }
  bool operator==(const Point& other) const { return x == other.x && y == other.y; }
  Point operator-() const { return Point(-x, -y); }
  std::string repr() const {
    return "Point(" + std::to_string(x) + ", " + std::to_string(y) + ")";
  }
  std::int64_t dimensions() const { return 2; }

 private:
  std::string label_;
};

inline Point make_point(double x, double y) { return Point(x, y); }
inline std::optional<Point> maybe_point(bool make) {
  if (make) return Point(1, 2);
  return std::nullopt;
}
inline double point_norm(const Point& p) { return p.norm(); }

}  // namespace feat

namespace feat {
inline std::int64_t twice(std::int64_t x) { return 2 * x; }
inline Point unit_point() { return Point(1, 0); }
}  // namespace feat
