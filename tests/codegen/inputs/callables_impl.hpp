// callables_impl.hpp: the C++ side of callables.pyidl, only so that its generated code compiles.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cb_impl {

struct Listeners {
  std::mutex mutex;
  std::vector<std::function<void(std::int64_t, std::string)>> all;
};

inline void listen(Listeners& listeners, std::function<void(std::int64_t, std::string)> on_event) {
  std::lock_guard lock(listeners.mutex);
  listeners.all.push_back(std::move(on_event));
}
inline double apply(const std::function<double(double)>& f, double x) { return f(x); }
inline std::int64_t apply_or_keep(std::int64_t x, std::optional<std::function<std::int64_t(std::int64_t)>> f) {
  return f ? (*f)(x) : x;
}
inline std::int64_t run_all(const std::vector<std::function<void()>>& tasks) {
  for (const auto& task : tasks) task();
  return static_cast<std::int64_t>(tasks.size());
}
inline auto adder(std::int64_t n) {
  return [n](std::int64_t x) { return x + n; };
}
inline void notify_all(Listeners& listeners, std::int64_t code) {
  std::vector<std::function<void(std::int64_t, std::string)>> copy;
  {
    std::lock_guard lock(listeners.mutex);
    copy = listeners.all;
  }
  for (const auto& listener : copy) listener(code, "notified");
}

struct Timer {
  std::int64_t on_tick(const std::function<bool(std::int64_t)>& tick) {
    std::int64_t ticks = 0;
    while (tick(ticks)) ++ticks;
    return ticks;
  }
};

}  // namespace cb_impl
