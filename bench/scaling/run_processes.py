#!/usr/bin/env python3
"""run_processes.py: the reference for bench_scaling: the same CPU-bound loop of calls in 1, 2
and 4 separate processes instead of sub-interpreters.

Usage:
    run_processes.py MODULE_DIR [--module bench_handwritten] [--calls N] [--rounds R]
                     [--processes 1,2,4] [--smoke] [--json FILE]

Each process imports `add` from the module, warms the loop up, reports ready and waits; once
all are ready, all start together, and the time is from that start to the last finish (as
bench_scaling.cpp measures interpreters), best of R rounds. Processes share nothing, so their
speed-up over one process is the most any kind of parallelism gets from this machine: judge
the sub-interpreters' speed-up against it. Prints calls per second and the speed-up.
"""

import argparse
import json
import platform
import subprocess
import sys
import time

WORKER = """
import sys
sys.path.insert(0, {dir!r})
from {module} import add

def work(n):
    for i in range(n):
        add(i, 1)

work(1000)
print("ready", flush=True)
sys.stdin.readline()
work({calls})
print("done", flush=True)
"""


def run_parallel(module_dir, module, calls, k):
    """Seconds for k processes, started together, to each make `calls` calls of add."""
    code = WORKER.format(dir=module_dir, module=module, calls=calls)
    procs = [subprocess.Popen([sys.executable, "-I", "-c", code], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for _ in range(k)]
    try:
        for proc in procs:
            if proc.stdout.readline().strip() != "ready":
                sys.exit(f"run_processes.py: a worker failed to import {module}")
        start = time.perf_counter()
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for proc in procs:
            if proc.stdout.readline().strip() != "done":
                sys.exit("run_processes.py: a worker failed")
        return time.perf_counter() - start
    finally:
        for proc in procs:
            proc.stdin.close()
            proc.wait()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module_dir")
    parser.add_argument("--module", default="bench_handwritten")
    parser.add_argument("--calls", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--smoke", action="store_true", help="2000 calls, 1 round, 1 and 2")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    counts = [int(k) for k in args.processes.split(",")]
    if args.smoke:
        args.calls, args.rounds, counts = 2000, 1, [1, 2]

    rates = {}
    for k in counts:
        best = min(run_parallel(args.module_dir, args.module, args.calls, k)
                   for _ in range(args.rounds))
        rates[k] = args.calls * k / best
    print(f"Python {platform.python_version()}, {args.calls} calls of {args.module}.add(i, 1) "
          f"per process, best of {args.rounds}")
    print()
    print("| processes | calls/s (total) | speed-up vs 1 |")
    print("|---:|---:|---:|")
    for k, rate in rates.items():
        print(f"| {k} | {rate:.3g} | {rate / rates[counts[0]]:.2f} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"module": args.module, "calls": args.calls, "rounds": args.rounds,
                       "rates": {str(k): r for k, r in rates.items()}}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
