// ft_check.cpp: instantiates every header template so pyidl_runtime_ft_check compiles them free-threaded.
#include "pyidl/runtime.h"
#include "pyidl/sync.h"

#include <functional>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#ifndef Py_GIL_DISABLED
#error "ft_check.cpp is only built with Py_GIL_DISABLED"
#endif

namespace {

template <class T>
[[maybe_unused]] bool round_trip(PyObject* src) {
  T value{};
  if (!pyidl::from_python(src, value, pyidl::arg_context::parameter("f", "x", 1))) {
    return false;
  }
  pyidl::ref back = pyidl::ref::steal(pyidl::to_python(value));
  return static_cast<bool>(back);
}

struct checked {
  int x = 0;
};

}  // namespace

// Referenced from nowhere; its only job is to make the compiler instantiate the templates.
[[maybe_unused]] bool pyidl_ft_check_instantiate(PyObject* obj) {
  bool ok = round_trip<std::int8_t>(obj) && round_trip<std::uint64_t>(obj) &&
            round_trip<double>(obj) && round_trip<bool>(obj) && round_trip<std::string>(obj) &&
            round_trip<pyidl::bytes>(obj) && round_trip<std::optional<int>>(obj) &&
            round_trip<std::vector<std::string>>(obj) &&
            round_trip<std::tuple<int, double>>(obj) && round_trip<std::pair<int, int>>(obj) &&
            round_trip<std::map<std::string, int>>(obj) &&
            round_trip<std::unordered_map<int, std::vector<int>>>(obj) &&
            round_trip<std::set<int>>(obj) && round_trip<std::unordered_set<std::string>>(obj) &&
            round_trip<std::function<int(std::string)>>(obj) && round_trip<pyidl::buffer>(obj) &&
            round_trip<pyidl::buffer_of<double>>(obj) &&
            round_trip<pyidl::mutable_buffer_of<std::int32_t>>(obj);
  // The synchronization templates, instantiated free-threaded.
  static pyidl::lazy<checked> lazy_value;
  static pyidl::per_interpreter<checked> per_interp;
  ok = ok && lazy_value.get([] { return checked{1}; }).x == 1 && per_interp.get().x == 0;
  pyidl::shared<checked> shared = pyidl::shared<checked>::make();
  ok = ok && shared.lock()->x == 0;
  Py_buffer view;
  ok = ok && pyidl::detail::export_buffer(obj, &view, PyBUF_FULL_RO,
                                          pyidl::buffer_info_of(std::span<const float>()), nullptr);
  pyidl::instance_dealloc<checked>(obj);
  return ok && pyidl::instance_traverse(obj, nullptr, nullptr) == 0;
}
