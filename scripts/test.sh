#!/usr/bin/env bash
# test.sh: sets up a fresh machine and runs every test, on every Python >= 3.12 present.
#   1. the normal build: unit, diagnostics, examples, runtime, Python end-to-end tests;
#   2. an AddressSanitizer + UBSan build of the compiler and the runtime tests: the robustness
#      suite, the runtime's threads-and-interpreters tests and its conversions (buffers);
#   3. a ThreadSanitizer build of the runtime tests: synchronization, sub-interpreters and
#      callbacks from C++ threads, with the races inside CPython itself suppressed
#      (tests/runtime/tsan.supp).
# Build trees go to build/, build-asan/ and build-tsan/ (override with PYIDL_BUILD_DIR,
# PYIDL_ASAN_DIR, PYIDL_TSAN_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PYIDL_BUILD_DIR:-$root/build}
asan=${PYIDL_ASAN_DIR:-$root/build-asan}
tsan=${PYIDL_TSAN_DIR:-$root/build-tsan}
jobs=$(nproc)

bash "$root/scripts/setup.sh"

echo "== normal build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${PYIDL_CMAKE_ARGS:-}
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" -j "$jobs" --output-on-failure

# The runtime test executables of every Python found (pyidl_runtime_tests_<tag>).
runtime_tests() {
  sed -n 's/^PYIDL_PYTHON_TAGS:INTERNAL=//p' "$1/CMakeCache.txt" | tr ';' '\n' | sed 's/^/pyidl_runtime_tests_/'
}
threaded_runtime_tests='^runtime\.(sync|interpreter|call_lock)\.'
# Under ASan also the conversions whose values borrow Python memory (buffers, string views).
asan_runtime_tests='^runtime\.(sync|interpreter|call_lock|convert|std|buffer)\.'

echo "== AddressSanitizer + UBSan build (compiler robustness, runtime threads)"
cmake -S "$root" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPYIDL_SANITIZERS=ON ${PYIDL_CMAKE_ARGS:-}
cmake --build "$asan" -j "$jobs" --target pyidlc pyidlc_robustness $(runtime_tests "$asan")
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$asan" -j "$jobs" -R '^robustness\.' --output-on-failure
# CPython keeps some memory until process exit by design, so leak checking is off here.
ASAN_OPTIONS=detect_leaks=0 ctest --test-dir "$asan" -j "$jobs" -R "$asan_runtime_tests" --output-on-failure

echo "== ThreadSanitizer build (runtime threads)"
cmake -S "$root" -B "$tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPYIDL_TSAN=ON ${PYIDL_CMAKE_ARGS:-}
cmake --build "$tsan" -j "$jobs" --target $(runtime_tests "$tsan")
TSAN_OPTIONS="suppressions=$root/tests/runtime/tsan.supp halt_on_error=1 second_deadlock_stack=1" \
  ctest --test-dir "$tsan" -j "$jobs" -R "$threaded_runtime_tests" --output-on-failure
