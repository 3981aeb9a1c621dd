#!/usr/bin/env python3
"""run_imports.py: how long importing each contender module takes, warm, in a fresh process
and in a fresh isolated sub-interpreter.

Usage:
    run_imports.py [--repeat N] [--instructions] [--quick] [--json FILE] MODULE_DIR

MODULE_DIR holds the bench_* modules built for the running Python (bench/calls/py<tag>/).

Each sample is a fresh `python -I -S` process running this script's child mode, which times,
with time.perf_counter_ns:
  1. loading libstdc++ (ctypes.CDLL): the C++ runtime that every C++ extension module needs
     and Python does not; the first C++ module a process imports pays for it, whichever it is,
     and it is several times the modules' own cost, so it is reported on its own line;
  2. `import <module>`: the module's own first import, warm (one unmeasured process ran
     before, so the file is in the page cache): finding the file, dlopen (relocations),
     PyInit and Py_mod_exec (types, constants);
  3. `import <module>` run in a fresh isolated sub-interpreter (own GIL, as the scaling
     benchmark makes them), minus running `pass` in another one the same way, after one
     throwaway interpreter imported it (min and median of the imports minus those of the
     `pass` runs): the per-interpreter cost (module object, state, heap
     types), as every interpreter after the first pays it. A module that cannot be imported
     into an isolated interpreter (single-phase init: pybind11) is reported with its error.
--repeat processes per module (default 30), interleaved across modules; min and median.

--instructions runs the same child once per module under callgrind: the timer calls delimit
the counted parts, as in bench/calls/run_calls.py. The counts are stable where the ns are
not, and cover user-space work, ld.so's relocations included, but not the kernel's (mmap,
page faults), which the ns include.
--quick: 3 processes per module: a smoke test, not a measurement.
"""

import argparse
import concurrent.futures
import ctypes.util
import functools
import importlib.machinery
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "support"))
from subinterpreters import Interpreter, InterpreterError  # noqa: E402

BASELINE = "bench_handwritten"
ORDER = ["bench_pyidl", BASELINE, "bench_pybind11"]
# The marker function whose calls make callgrind dump its counters (see run_calls.py).
MARKER = "time_perf_counter_ns"
SETUP = "import sys\nsys.path.insert(0, module_dir)"


def find_modules(module_dir):
    """{module name: file} for the bench_* extension modules of this Python in module_dir."""
    found = {}
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for entry in sorted(os.listdir(module_dir)):
        if entry.startswith("bench_") and entry.endswith(suffix):
            found[entry[: -len(suffix)]] = os.path.join(module_dir, entry)
    return {name: found[name] for name in ORDER if name in found}


def child(module_dir, name, cxx_runtime):
    """One sample, in a fresh process: prints the ns of (1), (2), (3) of the module docstring
    as JSON. Every measured part lies between two calls of time.perf_counter_ns, which
    nothing else here calls (callgrind dumps its counters at each)."""
    sys.path.insert(0, module_dir)
    t0 = time.perf_counter_ns()
    ctypes.CDLL(cxx_runtime)
    t1 = time.perf_counter_ns()
    __import__(name)
    t2 = time.perf_counter_ns()
    sample = {"cxx_runtime": t1 - t0, "process": t2 - t1}
    try:
        with Interpreter() as interp:  # throwaway: the first import in any interpreter
            interp.run(SETUP + f"\nimport {name}", module_dir=module_dir)
    except InterpreterError as e:
        sample["subinterpreter_error"] = str(e).splitlines()[0]
        print(json.dumps(sample))
        return 0
    for key, code in (("subinterpreter", f"import {name}"), ("subinterpreter_pass", "pass")):
        with Interpreter() as interp:
            interp.run(SETUP, module_dir=module_dir)
            start = time.perf_counter_ns()
            interp.run(code)
            sample[key] = time.perf_counter_ns() - start
    print(json.dumps(sample))
    return 0


@functools.cache
def cxx_runtime():
    """The C++ runtime's file name (libstdc++.so.6): looked up once, find_library runs
    ldconfig."""
    return ctypes.util.find_library("stdc++")


def child_command(module_dir, name):
    return [sys.executable, "-I", "-S", os.path.abspath(__file__), "--child", module_dir, name,
            cxx_runtime()]


def sample(module_dir, name):
    proc = subprocess.run(child_command(module_dir, name), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"import {name} failed in a fresh process:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def callgrind_counts(module_dir, name, workdir):
    """The instructions of (1), (2) and (3) for one module ((3) None if it cannot be
    imported into an isolated interpreter)."""
    out = os.path.join(workdir, f"{name}.cg")
    cmd = ["valgrind", "--tool=callgrind", f"--dump-before={MARKER}",
           f"--callgrind-out-file={out}", *child_command(module_dir, name)]
    proc = subprocess.run(cmd, env=dict(os.environ, PYTHONHASHSEED="0"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"callgrind failed ({' '.join(cmd)}):\n{proc.stderr[-2000:]}")
    totals = {}
    for entry in os.listdir(workdir):
        m = re.fullmatch(re.escape(f"{name}.cg") + r"\.(\d+)", entry)
        if m:
            with open(os.path.join(workdir, entry)) as f:
                found = re.search(r"^(?:summary|totals):\s+(\d+)", f.read(), re.M)
            totals[int(m.group(1))] = int(found.group(1))
    # Dump k holds what ran before the k-th timer call: 2 is loading libstdc++, 3 the
    # import; 5 and 7 the runs of the import and of `pass` in sub-interpreters.
    return {"cxx_runtime": totals[2], "process": totals[3],
            "subinterpreter": totals[5] - totals[7] if 7 in totals else None}


def summary(samples):
    return {"min": min(samples), "median": statistics.median(samples)}


def main(argv):
    if argv[:1] == ["--child"]:
        return child(*argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module_dir")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else args.repeat
    module_dir = os.path.abspath(args.module_dir)
    modules = find_modules(module_dir)
    if BASELINE not in modules:
        sys.exit(f"run_imports.py: {BASELINE} is not in {module_dir}")

    errors = {name: sample(module_dir, name).get("subinterpreter_error") for name in modules}
    samples = {name: [] for name in modules}
    for _ in range(repeat):  # interleaved: a busy stretch of the machine hits all alike
        for name in modules:
            samples[name].append(sample(module_dir, name))
    results = {"python": platform.python_version(), "repeat": repeat, "modules": {}}
    for name in modules:
        results["modules"][name] = {
            key: summary([s[key] for s in samples[name]]) for key in ("cxx_runtime", "process")}
        # The statistics of the import runs minus those of the `pass` runs: a difference per
        # process would add the noise of both.
        results["modules"][name]["subinterpreter"] = None if errors[name] else {
            stat: full[stat] - empty[stat]
            for full, empty in [(summary([s["subinterpreter"] for s in samples[name]]),
                                 summary([s["subinterpreter_pass"] for s in samples[name]]))]
            for stat in ("min", "median")}
        results["modules"][name]["subinterpreter_error"] = errors[name]
    if args.instructions:
        if shutil.which("valgrind") is None:
            sys.exit("run_imports.py: --instructions needs valgrind on PATH")
        with tempfile.TemporaryDirectory(prefix="bench_imports_cg.") as workdir, \
                concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            futures = {name: pool.submit(callgrind_counts, module_dir, name, workdir)
                       for name in modules}
            for name, future in futures.items():
                results["modules"][name]["instructions"] = future.result()

    print(f"Python {platform.python_version()}: import, µs, min (median) of {repeat} fresh "
          "processes" + ("; --quick: NOT a measurement" if args.quick else ""))
    print()
    print("| module | import, fresh process µs | instr | import, sub-interpreter µs | instr |")
    print("|---|---:|---:|---:|---:|")
    for name, r in results["modules"].items():
        ins = r.get("instructions", {})
        sub = r["subinterpreter"]
        print(f"| {name} | {us(r['process'])} | {ins.get('process', 'n/a')} | "
              f"{us(sub) if sub else r['subinterpreter_error']} | "
              f"{ins.get('subinterpreter') or 'n/a'} |")
    cxx = results["modules"][BASELINE]
    print(f"\nLoading libstdc++ first, in every process (paid once by whichever C++ module is "
          f"imported first): {us(cxx['cxx_runtime'])} µs, "
          f"{cxx.get('instructions', {}).get('cxx_runtime', 'n/a')} instructions")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0


def us(stats):
    return "%.0f (%.0f)" % (stats["min"] / 1e3, stats["median"] / 1e3)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
