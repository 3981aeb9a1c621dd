// state_impl.hpp: the C++ side of state.pyidl, only so that its generated code compiles.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace st_impl {

struct Registry {
  std::map<std::string, std::int64_t> counts;
};

inline std::int64_t count(Registry& r) { return static_cast<std::int64_t>(r.counts.size()); }
inline std::int64_t add(Registry& r, const std::string& key, std::int64_t value) { return r.counts[key] += value; }
inline std::optional<std::int64_t> lookup(const std::string& key, Registry& r) {
  auto it = r.counts.find(key);
  if (it == r.counts.end()) return std::nullopt;
  return it->second;
}

class Entry {
 public:
  explicit Entry(std::string key) : key_(std::move(key)) {}
  std::int64_t enroll(Registry& r) { return add(r, key_, 1); }
  static std::int64_t total(Registry& r) { return count(r); }
  static Entry make(Registry& r, std::string key) {
    add(r, key, 0);
    return Entry(std::move(key));
  }

 private:
  std::string key_;
};

}  // namespace st_impl
