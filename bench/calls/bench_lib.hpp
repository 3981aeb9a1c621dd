// bench_lib.hpp: the tiny C++ "library" that every per-call benchmark contender binds.
//
// The definitions live in bench_lib.cpp, compiled once into a static library, so that no
// binding can inline the library away: each contender pays for exactly one real C++ call
// per Python call, and the benchmark measures only what the binding adds around it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

// Does nothing; measures the bare cost of a call with no arguments and no result.
void noop();

// Returns a + b. Throws std::overflow_error if the sum does not fit in int64_t.
int64_t add(int64_t a, int64_t b);

// Returns the sum of xs. Throws std::overflow_error if it does not fit in int64_t.
int64_t sum_list(const std::vector<int64_t>& xs);

// Returns "Hello, <name>!".
std::string greet(std::string_view name);

// Always throws std::invalid_argument("fail: code <code>").
[[noreturn]] void fail(int64_t code);

// Returns f(x): one call from C++ back into whatever f wraps (a Python callable, in the
// benchmark). Whatever f throws propagates.
int64_t apply(const std::function<int64_t(int64_t)>& f, int64_t x);

// A 64-bit counter: the smallest class with a constructor, a method and a getter.
class Counter {
public:
    explicit Counter(int64_t start = 0);

    // Adds `by` and returns the new value. Throws std::overflow_error on overflow, leaving
    // the value unchanged.
    int64_t increment(int64_t by = 1);

    // The current value.
    int64_t value() const;

private:
    int64_t value_;
};

}  // namespace bench
