// bench_lib.cpp: definitions of the benchmark's C++ library (see bench_lib.hpp).
#include "bench_lib.hpp"

#include <stdexcept>

namespace bench {

void noop() {}

int64_t add(int64_t a, int64_t b) {
    int64_t sum;
    if (__builtin_add_overflow(a, b, &sum)) {
        throw std::overflow_error("add: result does not fit in int64");
    }
    return sum;
}

int64_t sum_list(const std::vector<int64_t>& xs) {
    int64_t total = 0;
    for (int64_t x : xs) {
        if (__builtin_add_overflow(total, x, &total)) {
            throw std::overflow_error("sum_list: result does not fit in int64");
        }
    }
    return total;
}

std::string greet(std::string_view name) {
    std::string text;
    text.reserve(name.size() + 8);
    text.append("Hello, ").append(name).append("!");
    return text;
}

void fail(int64_t code) {
    throw std::invalid_argument("fail: code " + std::to_string(code));
}

int64_t apply(const std::function<int64_t(int64_t)>& f, int64_t x) { return f(x); }

Counter::Counter(int64_t start) : value_(start) {}

int64_t Counter::increment(int64_t by) {
    int64_t next;
    if (__builtin_add_overflow(value_, by, &next)) {
        throw std::overflow_error("Counter.increment: result does not fit in int64");
    }
    value_ = next;
    return value_;
}

int64_t Counter::value() const { return value_; }

}  // namespace bench
