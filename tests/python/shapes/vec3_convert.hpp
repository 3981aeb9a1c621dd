// shapes/vec3_convert.hpp: converter<T> specialisations behind shapes/vec3.pyidl's type
// maps, written the way a library author would: by delegating to the converters of the
// Python shape (a 3-tuple of floats, an int).
#pragma once

#include <pyidl/runtime.h>

#include <cstdint>
#include <tuple>

namespace shapes {

struct Vec3 {
  double x = 0, y = 0, z = 0;
};

// A handle of an imaginary C library: an opaque 32-bit id.
struct Handle {
  std::uint32_t id = 0;
};

}  // namespace shapes

template <>
struct pyidl::converter<shapes::Vec3> {
  using as_tuple = std::tuple<double, double, double>;
  static constexpr const char* python_name = "tuple";

  static bool from_python(PyObject* src, shapes::Vec3& out, const arg_context& ctx) noexcept {
    as_tuple t;
    if (!converter<as_tuple>::from_python(src, t, ctx)) return false;
    out = {std::get<0>(t), std::get<1>(t), std::get<2>(t)};
    return true;
  }
  static PyObject* to_python(const shapes::Vec3& v) noexcept {
    return converter<as_tuple>::to_python(as_tuple{v.x, v.y, v.z});
  }
};

template <>
struct pyidl::converter<shapes::Handle> {
  static constexpr const char* python_name = "int";

  static bool from_python(PyObject* src, shapes::Handle& out, const arg_context& ctx) noexcept {
    return converter<std::uint32_t>::from_python(src, out.id, ctx);
  }
  static PyObject* to_python(const shapes::Handle& h) noexcept {
    return converter<std::uint32_t>::to_python(h.id);
  }
};
