// abi3demo_impl.hpp: the C++ side of abi3demo.pyidl.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

namespace abi3demo {

struct Counter {
  std::int64_t calls = 0;
};

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline double scale(double x, double k, bool clamp) {
  const double result = x * k;
  return clamp && result > 1.0 ? 1.0 : result;
}

inline std::int64_t bump(Counter& counter) { return ++counter.calls; }

// A callback that raises throws pyidl::callback_error on the thread; it is rethrown here,
// where the wrapper turns it into RuntimeError("<Type>: <message>").
inline void call_from_thread(const std::function<void(std::int64_t)>& f, std::int64_t n) {
  std::exception_ptr error;
  std::thread([&] {
    try {
      for (std::int64_t i = 0; i < n; ++i) f(i);
    } catch (...) {
      error = std::current_exception();
    }
  }).join();
  if (error) std::rethrow_exception(error);
}

[[noreturn]] inline void fail(const std::string& message) { throw Failure(message); }

}  // namespace abi3demo
