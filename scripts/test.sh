#!/usr/bin/env bash
# test.sh: sets up a fresh machine and runs every test, on every Python >= 3.12 present.
#   1. the normal build: unit, diagnostics, examples, runtime, Python end-to-end tests;
#   2. an AddressSanitizer + UBSan build of the compiler, running the robustness suite.
# Build trees go to build/ and build-asan/ (override with PYIDL_BUILD_DIR / PYIDL_ASAN_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PYIDL_BUILD_DIR:-$root/build}
asan=${PYIDL_ASAN_DIR:-$root/build-asan}
jobs=$(nproc)

bash "$root/scripts/setup.sh"

echo "== normal build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${PYIDL_CMAKE_ARGS:-}
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" -j "$jobs" --output-on-failure

echo "== AddressSanitizer + UBSan build (compiler robustness)"
cmake -S "$root" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPYIDL_SANITIZERS=ON ${PYIDL_CMAKE_ARGS:-}
cmake --build "$asan" -j "$jobs" --target pyidlc pyidlc_robustness
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$asan" -j "$jobs" -R '^robustness\.' --output-on-failure
