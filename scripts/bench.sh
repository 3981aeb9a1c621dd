#!/usr/bin/env bash
# bench.sh: builds what the benchmarks need and runs every one of them, for every Python
# >= 3.12 present, then writes bench/RESULTS.md and prints it: per-call cost against a
# hand-written C API module and pybind11, build cost, import time, sub-interpreter scaling,
# pyidlc speed, each target marked met or not (bench/README.md says how each is measured).
# It takes a while (callgrind, repeated clean compiles) and is not part of the tests;
# scripts/test.sh runs its smoke version (the bench_smoke.* CTests).
#
# The build tree goes to build-bench/ (override with PYIDL_BENCH_DIR). It is configured
# RelWithDebInfo, whose flags (-O2 -g -DNDEBUG) are exactly those of the benchmark modules,
# so that the pyidl runtime they link is compiled like them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PYIDL_BENCH_DIR:-$root/build-bench}
jobs=$(nproc)

bash "$root/scripts/setup.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${PYIDL_CMAKE_ARGS:-}
# bench_results depends on pyidlc, every contender module and the scaling drivers, and then
# runs bench/report.py, which writes bench/RESULTS.md and prints it.
cmake --build "$build" -j "$jobs" --target bench_results
