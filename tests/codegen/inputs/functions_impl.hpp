// functions_impl.hpp: the C++ side of functions.pyidl, only so that its generated code compiles.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <pyidl/convert.h>

namespace fn_impl {

inline void nothing() {}
inline void returns_none() {}
inline double positional_only(std::int64_t a, double b) { return static_cast<double>(a) + b; }
inline std::string positional_or_keyword(std::int64_t a, std::string b) { return std::to_string(a) + b; }
inline bool keyword_only(bool flag, const std::string& name) { return flag && !name.empty(); }
inline std::int64_t all_kinds(std::int64_t a, std::int64_t b, std::int64_t c) { return a + b + c; }
inline std::int64_t all_kinds_defaults(std::int64_t a, std::int64_t b, std::int64_t c) { return a + b + c; }
inline std::int64_t int_defaults(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d,
                                 std::int64_t e, std::int64_t f, std::int64_t g) {
  return a + b + c + d + e + f + g;
}
inline double float_defaults(double a, double b, double c, double d, double e) { return a + b + c + d + e; }
inline std::string str_defaults(std::string a, std::string b) { return a + b; }
inline bool bool_defaults(bool a, bool b) { return a && !b; }
inline std::optional<std::int64_t> none_default(std::optional<std::int64_t> x) { return x; }
inline std::int64_t widths(std::int8_t a, std::uint16_t b, std::int32_t c, std::uint64_t d) {
  return a + b + c + static_cast<std::int64_t>(d);
}
inline std::vector<std::string> containers(std::vector<std::int64_t> xs, std::map<std::string, double> m,
                                           std::set<std::string> s, std::tuple<std::int64_t, std::string> t) {
  std::vector<std::string> out{std::to_string(xs.size()), std::to_string(m.size()), std::get<1>(t)};
  out.insert(out.end(), s.begin(), s.end());
  return out;
}
inline std::int64_t cxx_renamed(std::int64_t x) { return x; }
namespace detail {
inline std::int64_t qualified(std::int64_t x) { return -x; }
}  // namespace detail
inline pyidl::bytes echo_bytes(pyidl::bytes b) { return b; }

}  // namespace fn_impl
