#!/usr/bin/env python3
"""run_calls.py: the per-call benchmark. Times the same calls on every contender module and
prints a markdown table of ns per call, with each contender's ratio to the hand-written one.

Usage:
    run_calls.py [--quick] [--aa] [--rounds N] [--round-ms MS] [PATH ...]

Each PATH is an extension module file or a folder; a folder contributes every bench_* module
built for the running Python (e.g. build/bench/calls/py313/). Without PATHs the
os.pathsep-separated list in $PYIDL_BENCH_MODULES is used. bench_handwritten, the yardstick,
must be among them; the other contenders (bench_pyidl, bench_pybind11, ...) are optional, and
a missing one simply gets no column.

Before timing, every module must give the expected result for every row (and a few edge
cases around it), so that wrong code is never benchmarked. Exit status: 0 on success, 1 if a
check failed, 2 on a usage error.

Method: timeit loops (GC disabled) timed with time.perf_counter_ns; each round times every
(row, module) pair once, interleaved, so that drift of a shared machine spreads evenly; the
cost of the empty timeit loop is measured the same way and subtracted. Reported: min and
median ns per call over the rounds; ratios use the min, the least noisy statistic.
"""

import argparse
import gc
import importlib.machinery
import importlib.util
import os
import platform
import statistics
import sys
import time
import timeit

BASELINE = "bench_handwritten"
# Known contenders, in column order; any other bench_* module found is appended after them.
CONTENDERS = [BASELINE, "bench_pyidl", "bench_pybind11"]
# The A/A column's name (see --aa).
AA = f"{BASELINE}_again"
# A contender slower than this (ratio to the baseline's min) gets its cell flagged.
FLAG_RATIO = 1.05


# ---- Rows ---------------------------------------------------------------------------------

class Row:
    """One benchmarked call.

    stmt is timed in a namespace made by setup(module); check(module) returns what the
    module does for this call and a few edge cases, which must equal `expected`.
    """

    def __init__(self, label, stmt, setup, check, expected):
        self.label, self.stmt, self.setup = label, stmt, setup
        self.check, self.expected = check, expected


def outcome(fn, message=False):
    """fn()'s result, or ("raises", exception type name[, message]) if it raised."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - comparing behaviour is the point
        return ("raises", type(e).__name__) + ((str(e),) if message else ())


def check_counter_increment(m):
    c = m.Counter()
    return [c.increment(), c.increment(), c.increment(by=10), c.increment(-20),
            outcome(lambda: m.Counter(2**63 - 1).increment()),
            outcome(lambda: c.increment("1"))]


def check_counter_value(m):
    c = m.Counter(42)

    def assign():
        c.value = 1
    return [c.value, outcome(assign), c.value]


ROWS = [
    Row("noop()", "f()", lambda m: {"f": m.noop},
        lambda m: [m.noop(), outcome(lambda: m.noop(1))],
        [None, ("raises", "TypeError")]),
    Row("add(1, 2)", "f(1, 2)", lambda m: {"f": m.add},
        lambda m: [m.add(1, 2), m.add(-5, 2), outcome(lambda: m.add(2**62, 2**62)),
                   outcome(lambda: m.add(2**63, 0)), outcome(lambda: m.add("1", 2)),
                   outcome(lambda: m.add(1))],
        [3, -3, ("raises", "OverflowError"), ("raises", "OverflowError"),
         ("raises", "TypeError"), ("raises", "TypeError")]),
    Row("add(a=1, b=2)", "f(a=1, b=2)", lambda m: {"f": m.add},
        lambda m: [m.add(a=1, b=2), m.add(1, b=2), m.add(b=2, a=1),
                   outcome(lambda: m.add(a=1, c=2)), outcome(lambda: m.add(1, a=1))],
        [3, 3, 3, ("raises", "TypeError"), ("raises", "TypeError")]),
    Row("Counter()", "C()", lambda m: {"C": m.Counter},
        lambda m: [type(m.Counter()).__name__, m.Counter().value, m.Counter(5).value,
                   m.Counter(start=-3).value, outcome(lambda: m.Counter(x=1))],
        ["Counter", 0, 5, -3, ("raises", "TypeError")]),
    Row("counter.increment()", "c.increment()", lambda m: {"c": m.Counter()},
        check_counter_increment,
        [1, 2, 12, -8, ("raises", "OverflowError"), ("raises", "TypeError")]),
    Row("counter.value", "c.value", lambda m: {"c": m.Counter(42)},
        check_counter_value,
        [42, ("raises", "AttributeError"), 42]),
    Row("sum_list(1000 ints)", "f(xs)", lambda m: {"f": m.sum_list, "xs": list(range(1000))},
        lambda m: [m.sum_list(list(range(1000))), m.sum_list([]), m.sum_list(xs=[-1, 1]),
                   outcome(lambda: m.sum_list([2**63 - 1, 1])),
                   outcome(lambda: m.sum_list([1, "a"]))],
        [499500, 0, 0, ("raises", "OverflowError"), ("raises", "TypeError")]),
    Row("greet('world')", "f('world')", lambda m: {"f": m.greet},
        lambda m: [m.greet("world"), m.greet(""), m.greet(name="wörld ✓"),
                   outcome(lambda: m.greet(1))],
        ["Hello, world!", "Hello, !", "Hello, wörld ✓!", ("raises", "TypeError")]),
    Row("fail(1) raised+caught", "try:\n    f(1)\nexcept ValueError:\n    pass",
        lambda m: {"f": m.fail},
        lambda m: [outcome(lambda: m.fail(1), message=True),
                   outcome(lambda: m.fail(code=7), message=True),
                   outcome(lambda: m.fail("x"))],
        [("raises", "ValueError", "fail: code 1"), ("raises", "ValueError", "fail: code 7"),
         ("raises", "TypeError")]),
]


# ---- Finding and loading modules ------------------------------------------------------------

def module_name(filename):
    """bench_pyidl.cpython-313-x86_64-linux-gnu.so -> bench_pyidl, or None if not ours."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        if filename.endswith(suffix):
            name = filename[: -len(suffix)]
            return name if name.startswith("bench_") and "." not in name else None
    return None


def find_modules(paths):
    """Maps module name -> file for every module named by `paths` (files or folders)."""
    found = {}
    for path in paths:
        if os.path.isdir(path):
            for entry in sorted(os.listdir(path)):
                name = module_name(entry)
                if name:
                    found.setdefault(name, os.path.join(path, entry))
        elif os.path.isfile(path):
            name = module_name(os.path.basename(path))
            if not name:
                sys.exit(f"run_calls.py: {path}: not a bench_* extension module for "
                         f"Python {platform.python_version()}")
            found.setdefault(name, path)
        else:
            sys.exit(f"run_calls.py: {path}: no such file or folder")
    return found


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ordered(names):
    known = [n for n in CONTENDERS if n in names]
    return known + sorted(n for n in names if n not in CONTENDERS)


# ---- Checking and timing --------------------------------------------------------------------

def check_all(modules):
    """Returns a list of failure descriptions; empty if every module behaves as expected."""
    failures = []
    for row in ROWS:
        for name, module in modules.items():
            got = outcome(lambda: row.check(module), message=True)
            if got != row.expected:
                failures.append(f"{row.label}: {name} gave {got!r}, expected {row.expected!r}")
    return failures


def make_timer(stmt, namespace):
    return timeit.Timer(stmt, timer=time.perf_counter_ns, globals=namespace)


def calibrate(timer, round_ns):
    """The loop count that makes one timing last about round_ns (also warms the call up)."""
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= round_ns / 4 or number >= 1 << 26:
            return max(1, int(number * round_ns / max(elapsed, 1)))
        number *= 4


def measure(modules, rounds, round_ns):
    """Returns (loop overhead ns, {(row label, module name): [ns per call, one per round]})."""
    jobs = [("", "", make_timer("pass", {}))]  # the empty loop: measured, then subtracted
    for row in ROWS:
        for name, module in modules.items():
            jobs.append((row.label, name, make_timer(row.stmt, row.setup(module))))
    numbers = [calibrate(timer, round_ns) for _, _, timer in jobs]
    samples = {(label, name): [] for label, name, _ in jobs}
    gc.collect()
    for _ in range(rounds):
        for (label, name, timer), number in zip(jobs, numbers):
            samples[(label, name)].append(timer.timeit(number) / number)  # timeit disables GC
    overhead = min(samples.pop(("", "")))
    return overhead, {key: [max(t - overhead, 0.0) for t in ts] for key, ts in samples.items()}


# ---- Report ---------------------------------------------------------------------------------

def short(name):
    return name.removeprefix("bench_")


def table(names, samples):
    header = ["call", f"{short(BASELINE)} ns"]
    for name in names[1:]:
        header += [f"{short(name)} ns", f"{short(name)} ratio"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in ROWS:
        base = min(samples[(row.label, BASELINE)])
        cells = [row.label]
        for name in names:
            ts = samples[(row.label, name)]
            cells.append(f"{min(ts):.1f} ({statistics.median(ts):.1f})")
            if name != BASELINE:
                ratio = min(ts) / base if base > 0 else float("inf")
                cells.append(f"**{ratio:.2f}x** ⚠" if ratio > FLAG_RATIO else f"{ratio:.2f}x")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="module files or folders of bench_* modules")
    parser.add_argument("--aa", action="store_true",
                        help=f"also time a second module object of {BASELINE} (an A/A "
                             "column): its ratio shows the noise floor of this machine")
    parser.add_argument("--quick", action="store_true",
                        help="one short round: a smoke test, not a measurement")
    # Many short rounds rather than a few long ones: on a shared machine the min of short
    # timings is far likelier to catch a stretch without preemption.
    parser.add_argument("--rounds", type=int, default=200, help="timed rounds (default 200)")
    parser.add_argument("--round-ms", type=float, default=1.0,
                        help="length of one timing of one call, in ms (default 1)")
    args = parser.parse_args(argv)
    paths = args.paths or [p for p in os.environ.get("PYIDL_BENCH_MODULES", "").split(os.pathsep) if p]
    if not paths:
        parser.error("no modules: give paths or set PYIDL_BENCH_MODULES")
    rounds, round_ns = (1, 0.5e6) if args.quick else (args.rounds, args.round_ms * 1e6)

    files = find_modules(paths)
    if BASELINE not in files:
        parser.error(f"{BASELINE} (the yardstick) is not among {paths}")
    names = ordered(files)
    modules = {name: load(name, files[name]) for name in names}
    if args.aa:  # multi-phase init: loading the file again makes an independent module object
        names.append(AA)
        modules[AA] = load(BASELINE, files[BASELINE])

    failures = check_all(modules)
    if failures:
        print("Correctness check failed; not timing wrong code:", file=sys.stderr)
        for failure in failures:
            print("  " + failure, file=sys.stderr)
        return 1

    overhead, samples = measure(modules, rounds, round_ns)
    print(f"Python {platform.python_version()} ({sys.implementation.cache_tag}), "
          f"{platform.machine()}; {rounds} round(s); ns per call, min (median), "
          f"after subtracting the empty loop ({overhead:.1f} ns)"
          + ("; --quick: NOT a measurement" if args.quick else ""))
    print()
    print(table(names, samples))
    if len(names) > 1:
        print()
        print(f"ratio = contender min / {short(BASELINE)} min; ⚠ marks > {FLAG_RATIO:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
