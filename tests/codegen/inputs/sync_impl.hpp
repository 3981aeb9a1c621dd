// sync_impl.hpp: the C++ side of sync.pyidl, only so that its generated code compiles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sy {

struct Blob {
  explicit Blob(std::int64_t size) : size(size) {}
  std::int64_t size;
};

class Worker {
 public:
  explicit Worker(std::string name) : name_(std::move(name)) {}
  std::int64_t crunch(std::int64_t rounds) { return jobs += rounds; }
  std::int64_t absorb(Blob& blob, std::optional<Blob> spare) {
    return blob.size + (spare ? spare->size : 0);
  }
  const std::string& name() const { return name_; }
  static void idle(double) {}
  std::int64_t size() const { return jobs; }
  std::int64_t jobs = 0;

 private:
  std::string name_;
};

inline std::int64_t checksum(const Blob& blob) { return blob.size * 31; }

struct Vec {
  Vec(double x, double y) : x(x), y(y) {}
  Vec operator+(const Vec& o) const { return {x + o.x, y + o.y}; }
  bool operator==(const Vec& o) const { return x == o.x && y == o.y; }
  Vec scaled(double k) const { return {x * k, y * k}; }
  double x, y;
};

struct Meter {
  std::int64_t add(std::int64_t amount) { return count += amount; }
  void merge(Meter& other) { count += other.count; }
  std::int64_t peek() const { return count; }
  std::int64_t count = 0;
};

struct Legacy {
  std::int64_t bump() { return ++counter; }
  static std::int64_t instances() { return 1; }
  std::int64_t value() const { return counter; }
  std::int64_t counter = 0;
};
inline Legacy make_legacy() { return Legacy(); }

struct Tally {
  explicit Tally(std::int64_t start) : total(start) {}
  std::int64_t add(std::int64_t n) { return total += n; }
  std::int64_t total;
};

}  // namespace sy
