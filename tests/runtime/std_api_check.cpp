// std_api_check.cpp: instantiates every stdlib_bindings converter so that pyidl_std_ft_check and
// pyidl_std_abi3_check compile them free-threaded (Py_GIL_DISABLED) and under the limited API.
#include "pyidl/runtime.h"
#include "pyidl/std/array.h"
#include "pyidl/std/chrono.h"
#include "pyidl/std/complex.h"
#include "pyidl/std/deque.h"
#include "pyidl/std/filesystem.h"
#include "pyidl/std/int128.h"
#include "pyidl/std/linked_list.h"
#include "pyidl/std/wrapping.h"

#include <array>
#include <chrono>
#include <complex>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <list>
#include <string>
#include <variant>

#if !defined(Py_GIL_DISABLED) && !defined(Py_LIMITED_API)
#error "std_api_check.cpp is only built with Py_GIL_DISABLED or Py_LIMITED_API"
#endif

namespace {

template <class T>
bool round_trip(PyObject* src) {
  T value{};
  if (!pyidl::from_python(src, value, pyidl::arg_context::parameter("f", "x", 1))) {
    return false;
  }
  pyidl::ref back = pyidl::ref::steal(pyidl::to_python(value));
  return static_cast<bool>(back);
}

}  // namespace

// Referenced from nowhere; its only job is to make the compiler instantiate the templates.
[[maybe_unused]] bool pyidl_std_api_check_instantiate(PyObject* obj) {
  using namespace std::chrono;
  return round_trip<std::deque<std::array<int, 2>>>(obj) && round_trip<std::list<std::string>>(obj) &&
         round_trip<std::complex<double>>(obj) && round_trip<std::complex<float>>(obj) &&
         round_trip<nanoseconds>(obj) && round_trip<duration<double>>(obj) &&
         round_trip<duration<std::uint32_t, std::milli>>(obj) && round_trip<sys_time<microseconds>>(obj) &&
         round_trip<sys_days>(obj) && round_trip<std::filesystem::path>(obj) &&
         round_trip<pyidl::int128_t>(obj) && round_trip<pyidl::uint128_t>(obj) &&
         round_trip<pyidl::wrapping<std::uint64_t>>(obj) &&
         round_trip<std::variant<std::monostate, int, std::string, std::vector<double>>>(obj);
}
