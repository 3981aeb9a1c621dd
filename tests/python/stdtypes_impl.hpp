// stdtypes_impl.hpp: the C++ side of stdtypes.pyidl, written against plain standard types.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <complex>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <list>
#include <map>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "pyidl/std/int128.h"
#include "shapes/vec3_convert.hpp"

namespace stdtypes {

enum class Color { RED = 1, GREEN = 2, BLUE = 3 };

struct Item {
  // Default-constructible: container converters build each item before filling it.
  Item(std::string n = "", std::int64_t w = 0) : name(std::move(n)), weight(w) {}
  std::string name;
  std::int64_t weight;
};

// std.containers
inline std::deque<std::int64_t> reverse_deque(std::deque<std::int64_t> xs) {
  std::reverse(xs.begin(), xs.end());
  return xs;
}
inline std::list<std::string> reverse_list(std::list<std::string> xs) {
  xs.reverse();
  return xs;
}
inline std::array<double, 3> scale(std::array<double, 3> v, double k) {
  for (double& x : v) x *= k;
  return v;
}
inline std::pair<std::string, std::int64_t> swap(const std::pair<std::int64_t, std::string>& p) {
  return {p.second, p.first};
}
inline std::unordered_map<std::int64_t, std::string> invert(
    const std::unordered_map<std::string, std::int64_t>& m) {
  std::unordered_map<std::int64_t, std::string> out;
  for (const auto& [k, v] : m) out.emplace(v, k);
  return out;
}
inline std::unordered_set<std::int64_t> unique(const std::vector<std::int64_t>& xs) {
  return {xs.begin(), xs.end()};
}
inline std::vector<std::pair<std::int64_t, std::int64_t>> nested(
    const std::deque<std::array<std::int64_t, 2>>& xs) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& a : xs) out.emplace_back(a[1], a[0]);
  return out;
}

// std.string, std.complex
inline std::int64_t utf8_length(std::string_view s) { return static_cast<std::int64_t>(s.size()); }
inline std::string_view first_word(std::string_view s) { return s.substr(0, s.find(' ')); }
inline std::complex<double> conjugate(std::complex<double> z) { return std::conj(z); }

// std.chrono
inline std::chrono::microseconds double_span(std::chrono::microseconds d) { return 2 * d; }
inline std::int64_t to_seconds(std::chrono::seconds d) { return d.count(); }
inline std::chrono::system_clock::time_point add_hours(std::chrono::system_clock::time_point t,
                                                       std::int64_t hours) {
  return t + std::chrono::hours(hours);
}

// std.filesystem
inline std::filesystem::path parent_of(const std::filesystem::path& p) { return p.parent_path(); }

// std.ints
inline pyidl::int128_t twice_128(pyidl::int128_t v) { return v * 2; }
inline pyidl::uint128_t max_u128() { return ~pyidl::uint128_t{0}; }
inline std::uint64_t low_bits(std::uint64_t seed) { return seed; }
inline std::uint8_t low_byte(std::uint8_t v) { return v; }

// unions
inline std::string describe(const std::variant<std::int64_t, std::string, std::vector<double>>& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return "int " + std::to_string(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return "str " + *s;
  return "list of " + std::to_string(std::get<std::vector<double>>(v).size());
}
inline std::optional<std::variant<std::int64_t, double>> parse(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text.find('.') != std::string::npos) return std::stod(text);
  return std::stoll(text);
}

// buffers: spans over the caller's memory, no copy
inline std::int64_t checksum(std::span<const std::byte> data) {
  std::int64_t sum = 0;
  for (std::byte b : data) sum += std::to_integer<std::int64_t>(b);
  return sum;
}
inline double sum_floats(std::span<const double> xs) { return std::accumulate(xs.begin(), xs.end(), 0.0); }
inline void fill(std::span<std::uint8_t> out, std::uint8_t value) { std::fill(out.begin(), out.end(), value); }

// bound classes and enums inside containers
inline std::int64_t total_weight(const std::vector<Item>& items) {
  std::int64_t sum = 0;
  for (const Item& item : items) sum += item.weight;
  return sum;
}
inline std::optional<Item> heaviest(const std::map<std::string, Item>& items) {
  std::optional<Item> best;
  for (const auto& [name, item] : items) {
    if (!best || item.weight > best->weight) best = item;
  }
  return best;
}
inline std::tuple<std::vector<Item>, std::vector<Item>> split(const std::vector<Item>& items,
                                                             std::int64_t limit) {
  std::tuple<std::vector<Item>, std::vector<Item>> out;
  for (const Item& item : items) (item.weight <= limit ? std::get<0>(out) : std::get<1>(out)).push_back(item);
  return out;
}
inline std::int64_t maybe_items(const std::vector<std::optional<Item>>& items) {
  return std::count_if(items.begin(), items.end(), [](const auto& item) { return item.has_value(); });
}
inline std::variant<Item, std::int64_t> item_or_count(const std::variant<Item, std::int64_t>& v) {
  if (const auto* item = std::get_if<Item>(&v)) return item->weight;
  return Item("made", std::get<std::int64_t>(v));
}
inline std::map<Color, std::int64_t> palette(const std::vector<Color>& colors) {
  std::map<Color, std::int64_t> counts;
  for (Color c : colors) ++counts[c];
  return counts;
}
inline std::deque<Color> rotate(std::deque<Color> colors) {
  if (!colors.empty()) {
    colors.push_back(colors.front());
    colors.pop_front();
  }
  return colors;
}

// a user type map
inline double norm(const shapes::Vec3& v) { return std::sqrt(v.x * v.x + v.y * v.y + v.z * v.z); }
inline shapes::Vec3 centroid(const std::vector<shapes::Vec3>& points) {
  shapes::Vec3 c;
  for (const auto& p : points) {
    c.x += p.x;
    c.y += p.y;
    c.z += p.z;
  }
  const double n = points.empty() ? 1.0 : static_cast<double>(points.size());
  return {c.x / n, c.y / n, c.z / n};
}
inline shapes::Handle next_handle(shapes::Handle h) { return {h.id + 1}; }

}  // namespace stdtypes
