#!/usr/bin/env python3
"""run_bench.py: times `pyidlc --check` on generated files of 1k, 10k and 100k declarations.

Usage: run_bench.py PYIDLC [--work DIR] [--sizes 1000,10000,100000] [--repeat 5] [--smoke]

Prints a markdown table (best of --repeat runs, and the cost per declaration) and checks the
front end's budget: 10k declarations in at most 1 s, and linear growth (the 100k time at most
12 times the 10k time). Exits 1 when a check fails or pyidlc rejects a generated file.
--smoke generates one 200-declaration file and only checks that pyidlc accepts it.
"""

import argparse
import pathlib
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import gen_pyidl  # noqa: E402  (beside this script)

LIMIT_10K_SECONDS = 1.0
MAX_GROWTH_10K_TO_100K = 12.0


def time_check(pyidlc, path, repeat):
    """Best wall time of `pyidlc --check path` over `repeat` runs; exits if pyidlc fails."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run = subprocess.run([pyidlc, "--check", str(path)], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if run.returncode != 0:
            sys.exit(f"run_bench: pyidlc --check {path} failed with exit {run.returncode}:\n"
                     f"{run.stderr[:3000]}")
        best = min(best, elapsed)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pyidlc")
    parser.add_argument("--work", default="bench-frontend", help="where the files are written")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()

    sizes = [200] if args.smoke else [int(s) for s in args.sizes.split(",")]
    repeat = 1 if args.smoke else args.repeat
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    times = {}
    rows = ["| declarations | lines | bytes | best of {} (s) | µs per declaration |".format(repeat),
            "|---:|---:|---:|---:|---:|"]
    for size in sizes:
        text = gen_pyidl.generate(size)
        path = work / f"bench_{size}.pyidl"
        path.write_text(text, encoding="utf-8")
        times[size] = time_check(args.pyidlc, path, repeat)
        rows.append(f"| {size:,} | {text.count(chr(10)):,} | {len(text.encode()):,} | "
                    f"{times[size]:.3f} | {times[size] / size * 1e6:.1f} |")
    print("\n".join(rows))
    if args.smoke:
        print(f"run_bench: the generated {sizes[0]}-declaration file passes --check")
        return 0

    failures = []
    if 10000 in times and times[10000] > LIMIT_10K_SECONDS:
        failures.append(f"10k declarations took {times[10000]:.3f} s (budget {LIMIT_10K_SECONDS} s)")
    if 10000 in times and 100000 in times:
        growth = times[100000] / times[10000]
        print(f"\ngrowth 10k -> 100k: {growth:.1f}x (linear is 10x, budget {MAX_GROWTH_10K_TO_100K}x)")
        if growth > MAX_GROWTH_10K_TO_100K:
            failures.append(f"time grows faster than linear: 10k -> 100k is {growth:.1f}x")
    for failure in failures:
        print(f"run_bench: FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
