#!/usr/bin/env python3
"""run_bench.py: times pyidlc on generated files of 1k, 10k and 100k declarations.

Usage: run_bench.py PYIDLC [--work DIR] [--sizes 1000,10000,100000] [--repeat 3] [--smoke]
                    [--json FILE]

For each size it times two runs of pyidlc, best of --repeat: `pyidlc --check` (the front
end: lexing, parsing, imports and sema) and the full compile a build runs, `pyidlc FILE -o
DIR` (the front end plus generating the .pyidl.cpp, .pyidl.h and .pyi, written to disk). Each
is measured as CPU time (user + system of the pyidlc process: stable on a machine shared with
other builds) and wall time. Prints a markdown table with the cost per declaration and the
size of the generated C++, and checks the budget, by CPU time of the full compile: 10k
declarations in at most 1 s, and linear growth (the 100k time at most 12 times the 10k
time). Exit status: 0, 3 when a budget is missed (the table is complete), 1 when pyidlc
rejects a generated file.
--smoke generates one 200-declaration file, times it once and checks no budget: it only
checks that pyidlc accepts and compiles what the generator writes.
"""

import argparse
import json
import pathlib
import resource
import shutil
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import gen_pyidl  # noqa: E402  (beside this script)

LIMIT_10K_SECONDS = 1.0
MAX_GROWTH_10K_TO_100K = 12.0


def time_pyidlc(argv, repeat):
    """(best wall s, best CPU s) of running argv `repeat` times; exits if pyidlc fails."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run(argv, capture_output=True, text=True)
        wall = min(wall, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if run.returncode != 0:
            sys.exit(f"run_bench: {' '.join(argv)} failed with exit {run.returncode}:\n"
                     f"{run.stderr[:3000]}")
    return wall, cpu


def budget_failures(full_cpu):
    failures = []
    if 10000 in full_cpu and full_cpu[10000] > LIMIT_10K_SECONDS:
        failures.append(f"10k declarations took {full_cpu[10000]:.3f} s of CPU "
                        f"(budget {LIMIT_10K_SECONDS} s)")
    if 10000 in full_cpu and 100000 in full_cpu:
        growth = full_cpu[100000] / full_cpu[10000]
        print(f"\ngrowth 10k -> 100k: {growth:.1f}x (linear is 10x, budget "
              f"{MAX_GROWTH_10K_TO_100K}x)")
        if growth > MAX_GROWTH_10K_TO_100K:
            failures.append(f"time grows faster than linear: 10k -> 100k is {growth:.1f}x")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pyidlc")
    parser.add_argument("--work", default="bench-frontend", help="where the files are written")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()

    sizes = [200] if args.smoke else [int(s) for s in args.sizes.split(",")]
    repeat = 1 if args.smoke else args.repeat
    work = pathlib.Path(args.work)
    out = work / "generated"
    work.mkdir(parents=True, exist_ok=True)

    results = {}
    rows = ["| declarations | lines | `--check` CPU s (wall) | full compile CPU s (wall) | "
            "µs CPU per declaration | generated .cpp bytes |",
            "|---:|---:|---:|---:|---:|---:|"]
    for size in sizes:
        text = gen_pyidl.generate(size)
        path = work / f"bench_{size}.pyidl"
        path.write_text(text, encoding="utf-8")
        check = time_pyidlc([args.pyidlc, "--check", str(path)], repeat)
        out.mkdir(exist_ok=True)
        full = time_pyidlc([args.pyidlc, str(path), "-o", str(out)], repeat)
        generated = (out / f"bench_{size}.pyidl.cpp").stat().st_size
        shutil.rmtree(out)  # 100k declarations make a quarter of a gigabyte of C++
        results[size] = {"lines": text.count("\n"), "check_wall": check[0], "check_cpu": check[1],
                         "full_wall": full[0], "full_cpu": full[1], "generated_cpp": generated}
        rows.append(f"| {size:,} | {text.count(chr(10)):,} | {check[1]:.3f} ({check[0]:.3f}) | "
                    f"{full[1]:.3f} ({full[0]:.3f}) | {full[1] / size * 1e6:.1f} | "
                    f"{generated:,} |")
    print(f"pyidlc on generated files, best of {repeat}:")
    print()
    print("\n".join(rows))
    failures = [] if args.smoke else budget_failures({size: r["full_cpu"]
                                                      for size, r in results.items()})
    for failure in failures:
        print(f"run_bench: FAILED: {failure}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"repeat": repeat, "sizes": {str(k): v for k, v in results.items()},
                       "failures": failures}, f, indent=1)
    return 3 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
