#!/usr/bin/env python3
"""run_calls.py: the per-call benchmark. Times the same calls on every contender module and
prints a markdown table of ns (and, with --instructions, instructions) per call, with each
contender's ratio to the hand-written one.

Usage:
    run_calls.py [--quick] [--aa] [--rounds N] [--round-ms MS] [--instructions]
                 [--calls N] [--rows REGEX] [--require NAME] [--json FILE] [PATH ...]

Each PATH is an extension module file or a folder; a folder contributes every bench_* module
built for the running Python (e.g. build/bench/calls/py313/). Without PATHs the
os.pathsep-separated list in $PYIDL_BENCH_MODULES is used. bench_handwritten, the yardstick,
must be among them; the other contenders (bench_pyidl, bench_pybind11, ...) are optional, and
a missing one simply gets no column (--require NAME makes it mandatory).

Before timing, every module must give the expected result for every row (and a few edge
cases around it), so that wrong code is never benchmarked. Argument errors (bad types, bad
counts, bad keywords, overflow) must raise the same exception type in every module; where
their messages differ, the differences are listed (not a failure: the generated module
follows Argument Clinic's wording, the hand-written one its own). A THIRD_PARTY contender
(pybind11) may raise other exception types too: listed, not failed; its results must still
be right. Exit status: 0 on success, 1 if a check failed, 2 on a usage error.

--rows REGEX times (and counts, with --instructions) only the rows whose label contains a
match of REGEX, e.g. --rows increment for counter.increment() and SerialCounter.increment();
the checks still cover every row.

Method: timeit loops (GC disabled) timed with time.perf_counter_ns; each round times every
(row, module) pair once, interleaved, so that drift of a shared machine spreads evenly; the
cost of the empty timeit loop is measured the same way and subtracted. Reported: min and
median ns per call over the rounds; ratios use the min, the least noisy statistic.

--instructions adds a second, stable measure: instructions per call, counted by
`valgrind --tool=callgrind`. For each module one fresh interpreter runs under callgrind:
for the empty loop and then every row it makes the row's namespace, warms the call up (so
that the specialising interpreter has settled) and makes --calls more calls (default
20,000; a tenth of that for the rows that cost microseconds); callgrind dumps its counters
at every call of the timer timeit makes around a loop, so each timed loop is counted on its
own. Per call, the empty loop is subtracted. Hash randomisation is off (PYTHONHASHSEED=0),
so the counts repeat to within a fraction of an instruction. Slow (about a minute per
contender on 2 cores), hence optional.

The table has one row per call: each module's ns, min (median), then the ratios, then the
instructions and their ratios; the last column says whether bench_pyidl (TARGET) is within
FLAG_RATIO (1.05x) of the yardstick: "met" or "NOT met", by instructions when they were
counted, else by ns.
"""

import argparse
import concurrent.futures
import gc
import json
import importlib.machinery
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit

BASELINE = "bench_handwritten"
# The contender the 1.05x target is about: only its rows get a met / NOT met verdict.
TARGET = "bench_pyidl"
# Known contenders, in column order; any other bench_* module found is appended after them.
CONTENDERS = [TARGET, BASELINE, "bench_pybind11"]
# Contenders whose behaviour is a third party's, not ours to choose: where they raise another
# exception type than the yardstick (pybind11: TypeError for an int out of range, RuntimeError
# for a callback result it cannot cast), the difference is listed instead of failing the
# check. Results must still be right.
THIRD_PARTY = {"bench_pybind11"}
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

    def __init__(self, label, stmt, setup, check, expected, heavy=False):
        self.label, self.stmt, self.setup = label, stmt, setup
        self.check, self.expected = check, expected
        # heavy: microseconds per call; callgrind makes a tenth of --calls of them.
        self.heavy = heavy


def outcome(fn, message=False):
    """fn()'s result, or ("raises", exception type name[, message]) if it raised."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - comparing behaviour is the point
        return ("raises", type(e).__name__) + ((str(e),) if message else ())


def check_increment(cls):
    """For Counter and SerialCounter: the same C++ class, with and without @serialized."""
    c = cls()
    return [c.increment(), c.increment(), c.increment(by=10), c.increment(-20),
            outcome(lambda: cls(2**63 - 1).increment()),
            outcome(lambda: c.increment("1")),
            cls(start=5).increment(2)]


def identity(x):
    """The callable of the apply row: as cheap as a Python function gets."""
    return x


def raise_key_error(x):
    raise KeyError(x)


def check_apply(m):
    return [m.apply(identity, 1), m.apply(f=lambda x: x * 2, x=4),
            outcome(lambda: m.apply(raise_key_error, 3), message=True),
            outcome(lambda: m.apply(lambda x: "s", 1)),
            outcome(lambda: m.apply(1, 1))]


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
        lambda m: check_increment(m.Counter),
        [1, 2, 12, -8, ("raises", "OverflowError"), ("raises", "TypeError"), 7]),
    # The same call on a @serialized class: the difference to the row above is what holding
    # a process-wide lock around the C++ call costs.
    Row("SerialCounter.increment()", "c.increment()", lambda m: {"c": m.SerialCounter()},
        lambda m: check_increment(m.SerialCounter),
        [1, 2, 12, -8, ("raises", "OverflowError"), ("raises", "TypeError"), 7]),
    Row("counter.value", "c.value", lambda m: {"c": m.Counter(42)},
        check_counter_value,
        [42, ("raises", "AttributeError"), 42]),
    Row("sum_list(1000 ints)", "f(xs)", lambda m: {"f": m.sum_list, "xs": list(range(1000))},
        lambda m: [m.sum_list(list(range(1000))), m.sum_list([]), m.sum_list(xs=[-1, 1]),
                   outcome(lambda: m.sum_list([2**63 - 1, 1])),
                   outcome(lambda: m.sum_list([1, "a"]))],
        [499500, 0, 0, ("raises", "OverflowError"), ("raises", "TypeError")], heavy=True),
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
         ("raises", "TypeError")], heavy=True),
    # One call from C++ into a Python function: what the binding adds around the callback
    # (making the std::function, converting x, the call, converting the result back).
    Row("apply(identity, 1) callback", "f(g, 1)", lambda m: {"f": m.apply, "g": identity},
        check_apply,
        [1, 8, ("raises", "KeyError", "3"), ("raises", "TypeError"), ("raises", "TypeError")]),
]

# Argument errors: every module must raise the same exception type for each; messages are
# compared and their differences listed, since the modules word them differently on purpose
# (bench_pyidl: Argument Clinic's wording for the running Python, word for word for argument
# unpacking; its integer converter names the parameter where Clinic's does not).
# Also a few inputs that one module may accept and another reject (reported, not failed).
ARG_ERRORS = [
    ("noop(1)", lambda m: m.noop(1)),
    ("noop(a=1)", lambda m: m.noop(a=1)),
    ("add(1)", lambda m: m.add(1)),
    ("add(1, 2, 3)", lambda m: m.add(1, 2, 3)),
    ("add(1, a=1)", lambda m: m.add(1, a=1)),
    ("add(1, 2, a=1)", lambda m: m.add(1, 2, a=1)),
    ("add(a=1, c=2)", lambda m: m.add(a=1, c=2)),
    ("add(1, b=2, c=3)", lambda m: m.add(1, b=2, c=3)),
    ("add('1', 2)", lambda m: m.add("1", 2)),
    ("add(1.0, 2)", lambda m: m.add(1.0, 2)),
    ("add(2**63, 0)", lambda m: m.add(2**63, 0)),
    ("add(2**62, 2**62)", lambda m: m.add(2**62, 2**62)),
    ("Counter(1, 2)", lambda m: m.Counter(1, 2)),
    ("Counter(x=1)", lambda m: m.Counter(x=1)),
    ("Counter('a')", lambda m: m.Counter("a")),
    ("Counter().increment(1, 2)", lambda m: m.Counter().increment(1, 2)),
    ("Counter().increment(x=1)", lambda m: m.Counter().increment(x=1)),
    ("Counter().increment('1')", lambda m: m.Counter().increment("1")),
    ("SerialCounter(x=1)", lambda m: m.SerialCounter(x=1)),
    ("SerialCounter().increment(x=1)", lambda m: m.SerialCounter().increment(x=1)),
    ("sum_list()", lambda m: m.sum_list()),
    ("sum_list('ab')", lambda m: m.sum_list("ab")),
    ("sum_list([1, 'a'])", lambda m: m.sum_list([1, "a"])),
    ("sum_list((1, 2))", lambda m: m.sum_list((1, 2))),
    ("greet(1)", lambda m: m.greet(1)),
    ("greet('\\ud800')", lambda m: m.greet("\ud800")),
    ("fail('x')", lambda m: m.fail("x")),
    ("apply(1, 1)", lambda m: m.apply(1, 1)),
    ("apply(identity, 'x')", lambda m: m.apply(identity, "x")),
    ("apply(lambda x: 's', 1)", lambda m: m.apply(lambda x: "s", 1)),
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

def raised(value):
    return isinstance(value, tuple) and value[:1] == ("raises",)


def type_differences(got, expected):
    """For a third-party contender: the places where `got` raises another exception than
    `expected` does, as text; None if `got` differs in any other way (a wrong result)."""
    if got == expected:
        return []
    if raised(got) and raised(expected):
        return [f"raises {got[1]} where the yardstick raises {expected[1]}"]
    if isinstance(got, list) and isinstance(expected, list) and len(got) == len(expected):
        found = []
        for g, e in zip(got, expected):
            one = type_differences(g, e)
            if one is None:
                return None
            found += one
        return found
    return None


def check_all(modules):
    """Returns (failures, differences): a failure wherever a module's result differs from the
    expected one; for a THIRD_PARTY module, another exception type is a difference instead."""
    failures, differences = [], []
    for row in ROWS:
        for name, module in modules.items():
            got = outcome(lambda: row.check(module), message=True)
            if got == row.expected:
                continue
            found = type_differences(got, row.expected) if name in THIRD_PARTY else None
            if found is None:
                failures.append(f"{row.label}: {name} gave {got!r}, expected {row.expected!r}")
            else:
                differences += [f"edge cases of the {row.label} row: {short(name)} {d}"
                                for d in found]
    return failures, differences


def brief(value, limit=100):
    """repr(value) on one line, cut to `limit` characters (pybind11's messages list every
    overload over several lines)."""
    text = " ".join(repr(value).replace("\\n", " ").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def compare_arg_errors(modules):
    """Returns (failures, differences): failures where modules raise different exception
    types (or one raises and another does not); differences where only messages differ, or
    where a THIRD_PARTY module raises another type."""
    failures, differences = [], []
    reworded = {}  # THIRD_PARTY module -> how many messages only it words its own way
    names = list(modules)
    base_name = BASELINE if BASELINE in modules else names[0]
    for label, call in ARG_ERRORS:
        got = {name: outcome(lambda: call(modules[name]), message=True) for name in names}
        base = got[base_name]
        for name in names:
            other = got[name]
            if name == base_name or other == base:
                continue
            both_raise = raised(base) and raised(other)
            line = f"{label}: {short(base_name)} {brief(base)}; {short(name)} {brief(other)}"
            if both_raise and base[1] == other[1] and name in THIRD_PARTY:
                reworded[name] = reworded.get(name, 0) + 1
            elif both_raise and base[1] == other[1]:
                differences.append(line)
            elif not both_raise:
                differences.append(line + "  (accepted by one, rejected by the other)")
            elif name in THIRD_PARTY:
                differences.append(line + "  (another exception type)")
            else:
                failures.append(line)
    for name, count in reworded.items():
        differences.append(f"{short(name)} words {count} argument errors its own way, with "
                           "the same exception type (pybind11: \"f(): incompatible function "
                           "arguments. The following argument types are supported: ...\")")
    return failures, differences


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


def measure(rows, modules, rounds, round_ns):
    """Returns (loop overhead ns, {(row label, module name): [ns per call, one per round]})."""
    jobs = [("", "", make_timer("pass", {}))]  # the empty loop: measured, then subtracted
    for row in rows:
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


# ---- Instructions per call (callgrind) -----------------------------------------------------

WARM_CALLS = 2000  # enough for the specialising interpreter to settle (it needs < 100)
# The function whose entry makes callgrind dump its counters and start again from zero:
# timeit calls its timer (time.perf_counter_ns) right before and right after the loop, so
# one dump holds exactly one timed loop.
MARKER = "time_perf_counter_ns"


def selected_rows(pattern):
    """The rows whose label matches `pattern` (re.search), in table order."""
    return [row for row in ROWS if re.search(pattern, row.label)]


def callgrind_child(argv):
    """Child mode, run under callgrind: argv = module name, module file, calls, --rows
    pattern. For the empty loop, then every selected row: make the namespace, warm the loop
    up, time `calls` steps (a tenth for heavy rows). Nothing else may call
    time.perf_counter_ns meanwhile."""
    name, path, calls, pattern = argv[0], argv[1], int(argv[2]), argv[3]
    module = load(name, path)
    jobs = [(make_timer("pass", {}), WARM_CALLS, calls)]
    for row in selected_rows(pattern):
        n = calls // 10 if row.heavy else calls
        jobs.append((make_timer(row.stmt, row.setup(module)), n // 10, n))
    for timer, warm, n in jobs:
        gc.collect()
        timer.timeit(warm)  # timeit disables GC while it runs
        timer.timeit(n)
    return 0


def callgrind_module(name, path, calls, pattern, workdir):
    """Runs one module's rows matching `pattern` under callgrind; returns the instructions of
    each timed loop, the empty loop first."""
    out = os.path.join(workdir, f"{name}.cg")
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = ["valgrind", "--tool=callgrind", f"--dump-before={MARKER}",
           f"--callgrind-out-file={out}", sys.executable, "-I", os.path.abspath(__file__),
           "--callgrind-child", name, path, str(calls), pattern]
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"callgrind failed ({' '.join(cmd)}):\n{proc.stderr[-2000:]}")
    loops = 1 + len(selected_rows(pattern))
    totals = {}
    for entry in os.listdir(workdir):
        m = re.fullmatch(re.escape(f"{name}.cg") + r"\.(\d+)", entry)
        if m:
            with open(os.path.join(workdir, entry)) as f:
                found = re.search(r"^(?:summary|totals):\s+(\d+)", f.read(), re.M)
            totals[int(m.group(1))] = int(found.group(1))
    # Four timer calls per loop (warm-up start/end, timed start/end); dump k holds what ran
    # before the k-th call, so dump 4j+4 is loop j's timed part.
    if sorted(totals) != list(range(1, 4 * loops + 1)):
        raise RuntimeError(f"callgrind: expected {4 * loops} dumps of {name}, got "
                           f"{len(totals)}: did something else call time.perf_counter_ns?")
    return [totals[4 * j + 4] for j in range(loops)]


def measure_instructions(files, names, calls, pattern, jobs):
    """Returns (empty loop, {(row label, module name): instructions per call}) for the rows
    matching `pattern`; each module's own empty loop is subtracted."""
    if shutil.which("valgrind") is None:
        sys.exit("run_calls.py: --instructions needs valgrind on PATH")
    with tempfile.TemporaryDirectory(prefix="bench_calls_cg.") as workdir, \
            concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {name: pool.submit(callgrind_module, name, files[name], calls, pattern,
                                     workdir)
                   for name in names}
        totals = {name: f.result() for name, f in futures.items()}
    counts, loop = {}, None
    for name, (empty, *rows) in totals.items():
        per_empty = empty / calls
        loop = per_empty if loop is None else loop
        for row, total in zip(selected_rows(pattern), rows):
            n = calls // 10 if row.heavy else calls
            counts[(row.label, name)] = total / n - per_empty
    return loop, counts


# ---- Report ---------------------------------------------------------------------------------

def short(name):
    return name.removeprefix("bench_")


def verdict(ratio):
    return "met" if ratio <= FLAG_RATIO else "**NOT met**"


def ratio_text(ratio):
    return f"{ratio:.2f}x" + (" ⚠" if ratio > FLAG_RATIO else "")


def ratios_of(rows, names, values):
    """{(row label, contender): contender / yardstick} where the yardstick's value is > 0."""
    return {(row.label, name): values[(row.label, name)] / values[(row.label, BASELINE)]
            for row in rows for name in names
            if name != BASELINE and values[(row.label, BASELINE)] > 0}


def table(rows, names, samples, counts):
    """One markdown table: per row, every module's ns per call, min (median), and
    instructions per call, then each contender's ratio to the yardstick for both, and the
    verdict for TARGET (by instructions when counted: they are stable; else by ns).
    samples or counts may be None (not measured). Returns (text, ns ratios, instr ratios)."""
    header, columns = ["call"], []
    ns_ratios = instr_ratios = {}
    if samples is not None:
        ns_min = {key: min(ts) for key, ts in samples.items()}
        ns_ratios = ratios_of(rows, names, ns_min)
        for name in names:
            header.append(f"{short(name)} ns")
            columns.append(lambda label, name=name: "%.1f (%.1f)" % (
                ns_min[(label, name)], statistics.median(samples[(label, name)])))
        for name in names:
            if name != BASELINE:
                header.append(f"{short(name)}/{short(BASELINE)} ns")
                columns.append(lambda label, name=name: cell(ns_ratios, label, name))
    if counts is not None:
        counted = [n for n in names if n != AA]
        instr_ratios = ratios_of(rows, counted, counts)
        for name in counted:
            header.append(f"{short(name)} instr")
            columns.append(lambda label, name=name: f"{counts[(label, name)]:.0f}")
        for name in counted:
            if name != BASELINE:
                header.append(f"{short(name)}/{short(BASELINE)} instr")
                columns.append(lambda label, name=name: cell(instr_ratios, label, name))
    judged = instr_ratios if counts is not None else ns_ratios
    if TARGET in names:
        header.append(f"{short(TARGET)} ≤{FLAG_RATIO}x")
        columns.append(lambda label: verdict(judged[(label, TARGET)])
                       if (label, TARGET) in judged else "n/a")
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    for row in rows:
        lines.append("| " + " | ".join([row.label] + [c(row.label) for c in columns]) + " |")
    return "\n".join(lines), ns_ratios, instr_ratios


def cell(ratios, label, name):
    return ratio_text(ratios[(label, name)]) if (label, name) in ratios else "n/a"


def main(argv):
    if argv[:1] == ["--callgrind-child"]:
        return callgrind_child(argv[1:])
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
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions per call with callgrind (slow)")
    parser.add_argument("--calls", type=int, default=20000,
                        help="calls per callgrind measurement (default 20000; a tenth for "
                             "the microsecond rows)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="callgrind processes at once (default 2)")
    parser.add_argument("--no-timing", action="store_true",
                        help="skip the ns table (with --instructions: counts only)")
    parser.add_argument("--rows", default="", metavar="REGEX",
                        help="time (and count) only the rows whose label contains a match of REGEX "
                             "(Python re.search; e.g. 'increment'); every row is still checked")
    parser.add_argument("--require", action="append", default=[], metavar="NAME",
                        help="fail unless module NAME is among the contenders (the smoke "
                             "tests require bench_pyidl, so that it cannot drop out silently)")
    parser.add_argument("--json", metavar="FILE",
                        help="also write the results as JSON (used by bench/report.py)")
    args = parser.parse_args(argv)
    paths = args.paths or [p for p in os.environ.get("PYIDL_BENCH_MODULES", "").split(os.pathsep) if p]
    if not paths:
        parser.error("no modules: give paths or set PYIDL_BENCH_MODULES")
    rounds, round_ns = (1, 0.5e6) if args.quick else (args.rounds, args.round_ms * 1e6)

    files = find_modules(paths)
    if BASELINE not in files:
        parser.error(f"{BASELINE} (the yardstick) is not among {paths}")
    for name in args.require:
        if name not in files:
            parser.error(f"{name} is required but not among {paths}")
    rows = selected_rows(args.rows)
    if not rows:
        parser.error(f"--rows {args.rows!r} matches no row: "
                     + ", ".join(row.label for row in ROWS))
    names = ordered(files)
    modules = {name: load(name, files[name]) for name in names}
    if args.aa:  # multi-phase init: loading the file again makes an independent module object
        names.append(AA)
        modules[AA] = load(BASELINE, files[BASELINE])

    failures, differences = check_all(modules)
    type_failures, arg_differences = compare_arg_errors(modules)
    failures += type_failures
    differences += arg_differences
    if failures:
        print("Correctness check failed; not timing wrong code:", file=sys.stderr)
        for failure in failures:
            print("  " + failure, file=sys.stderr)
        return 1

    samples = counts = None
    what = []
    if not args.no_timing:
        overhead, samples = measure(rows, modules, rounds, round_ns)
        what.append(f"ns per call: min (median) of {rounds} interleaved round(s), the empty "
                    f"loop ({overhead:.1f} ns) subtracted"
                    + ("; --quick: NOT a measurement" if args.quick else ""))
    if args.instructions:
        cg_names = [n for n in names if n != AA]  # callgrind counts need no A/A column
        loop, counts = measure_instructions(files, cg_names, args.calls, args.rows, args.jobs)
        what.append(f"instructions per call: callgrind, {args.calls} calls per row "
                    f"({args.calls // 10} for the µs rows), the empty loop ({loop:.1f}) "
                    "subtracted")
    text, ns_ratios, instr_ratios = table(rows, names, samples, counts)
    print(f"Python {platform.python_version()} ({sys.implementation.cache_tag}), "
          f"{platform.machine()}; " + "; ".join(what))
    print()
    print(text)
    print()
    if len(names) > 1:
        print(f"ratio = contender / {short(BASELINE)} (ns: ratio of the mins); ⚠ marks > "
              f"{FLAG_RATIO:.2f}x" + (f"; the {short(TARGET)} verdict is by "
                                      + ("instructions" if counts is not None else "ns")
                                      if TARGET in names else ""))

    result = {"python": platform.python_version(), "cache_tag": sys.implementation.cache_tag,
              "modules": names, "rows": [row.label for row in rows], "table": text,
              "message_differences": differences}
    if samples is not None:
        result["ns"] = {"loop": overhead,
                        "min": {f"{l}\t{n}": min(ts) for (l, n), ts in samples.items()},
                        "median": {f"{l}\t{n}": statistics.median(ts)
                                   for (l, n), ts in samples.items()},
                        "ratio": {f"{l}\t{n}": r for (l, n), r in ns_ratios.items()}}
    if counts is not None:
        result["instructions"] = {"loop": loop, "calls": args.calls,
                                  "count": {f"{l}\t{n}": v for (l, n), v in counts.items()},
                                  "ratio": {f"{l}\t{n}": r for (l, n), r in instr_ratios.items()}}
    if differences:
        print()
        print("Behaviour that differs from the yardstick's without failing the check (other "
              "wording; accepted by one module only; a third party's other exception type):")
        print()
        for line in differences:
            print(f"- {line}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
