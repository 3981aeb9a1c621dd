#!/usr/bin/env python3
"""report.py: runs every benchmark for every Python of a build tree and writes
bench/RESULTS.md: per-call cost, build cost, import time, sub-interpreter scaling and
compiler speed, with each target marked met or not.

Usage (scripts/bench.sh builds what it needs and runs this through `ninja bench_results`):
    report.py --config BUILD/bench/bench_config.json --output bench/RESULTS.md
              [--only calls,build,imports,scaling,compiler] [--python 313,...] [--smoke]

The config (written by bench/CMakeLists.txt) names the Pythons, the contender modules, the
runtime library, pyidlc and the scaling driver of the build tree. Each part is a script of
its own (bench/<part>/), run with --json; this file only runs them, judges the targets and
lays out the document. --smoke runs every part as briefly as it can (one round, tiny sizes,
no callgrind, which takes a minute even for one row on a busy machine): the CTests
bench_smoke.<part>[.<tag>] do that, so that no part rots.

A hand-written analysis survives regeneration: whatever the output file has between the
lines `<!-- analysis:begin -->` and `<!-- analysis:end -->` is copied into the new one.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PARTS = ["calls", "build", "imports", "scaling", "compiler"]
BEGIN, END = "<!-- analysis:begin -->", "<!-- analysis:end -->"
TARGET, BASELINE, PYBIND11 = "bench_pyidl", "bench_handwritten", "bench_pybind11"

# The targets of issue 7: per-call, compile time, stripped size, import, scaling, compiler.
CALL_RATIO, COMPILE_RATIO, SIZE_RATIO, IMPORT_RATIO = 1.05, 1.5, 2.0, 1.3
SCALING_2, COMPILER_10K_SECONDS = 1.9, 1.0
SCALING_CALLS = 10_000_000  # per interpreter: about half a second alone on this machine


# ---- Running the parts ---------------------------------------------------------------------

def run(cmd, json_path, ok=(0,)):
    """Runs one part with --json json_path; echoes its table; returns the JSON."""
    print("+ " + " ".join(cmd), file=sys.stderr, flush=True)
    proc = subprocess.run(cmd + ["--json", json_path], stdout=subprocess.PIPE, text=True)
    sys.stderr.write(proc.stdout)
    if proc.returncode not in ok:
        sys.exit(f"report.py: {os.path.basename(cmd[1])} failed with exit {proc.returncode}")
    with open(json_path) as f:
        return json.load(f)


def calls(py, args, tmp, valgrind):
    cmd = [py["executable"], os.path.join(HERE, "calls", "run_calls.py"), "--aa"]
    for name in py["modules"]:  # whatever the build made must take part
        cmd += ["--require", name]
    cmd += ["--quick"] if args.smoke else ["--instructions"] if valgrind else []
    return run(cmd + [py["module_dir"]],
               os.path.join(tmp, f"calls{py['tag']}.json"))


def build(py, config, args, tmp):
    cmd = [py["executable"], os.path.join(HERE, "buildcost", "run_build.py"),
           "--build-dir", config["build_dir"], "--library", f"pyidl_runtime={py['runtime_library']}"]
    cmd += ["--strip", config["strip"] or "strip"] + (["--smoke"] if args.smoke else [])
    for name, path in py["modules"].items():
        cmd += ["--module", f"{name}={path}"]
    if args.smoke:  # prints the steps and times one module: nothing to report
        return run_plain(cmd)
    return run(cmd, os.path.join(tmp, f"build{py['tag']}.json"))


def run_plain(cmd):
    print("+ " + " ".join(cmd), file=sys.stderr, flush=True)
    if subprocess.run(cmd).returncode != 0:
        sys.exit(f"report.py: {os.path.basename(cmd[1])} failed")
    return None


def imports(py, args, tmp, valgrind):
    cmd = [py["executable"], os.path.join(HERE, "imports", "run_imports.py"), py["module_dir"]]
    cmd += ["--quick"] if args.smoke else ["--instructions"] if valgrind else []
    return run(cmd, os.path.join(tmp, f"imports{py['tag']}.json"))


def scaling(py, args, tmp):
    size = ["--smoke"] if args.smoke else ["--calls", str(SCALING_CALLS), "--rounds", "3"]
    interpreters = run([py["scaling"], py["module_dir"]] + size,
                       os.path.join(tmp, f"scaling{py['tag']}.json"))
    processes = run([py["executable"], os.path.join(HERE, "scaling", "run_processes.py"),
                     py["module_dir"], "--module", BASELINE] + size,
                    os.path.join(tmp, f"processes{py['tag']}.json"))
    return {"interpreters": interpreters, "processes": processes["rates"],
            "calls": processes["calls"]}


def compiler(config, args, tmp):
    newest = config["pythons"][0]["executable"]
    cmd = [newest, os.path.join(HERE, "frontend", "run_bench.py"), config["pyidlc"],
           "--work", config["frontend_dir"]] + (["--smoke"] if args.smoke else [])
    return run(cmd, os.path.join(tmp, "compiler.json"), ok=(0, 3))  # 3: a budget missed


# ---- The document --------------------------------------------------------------------------

def ratio(a, b):
    return a / b if b else float("inf")


def mark(ok):
    return "**met**" if ok else "**NOT met**"


def short(name):
    return name.removeprefix("bench_")


def calls_section(r):
    return [r["table"], "",
            "ns: min (median) of the rounds, the empty loop subtracted; instr: instructions per "
            "call (callgrind). Ratios are to the hand-written module; the pyidl verdict is by "
            "instructions where counted. The `handwritten_again` column is a second module "
            "object of the hand-written module: its ratio is this run's noise floor in ns."]


def build_section(r):
    base = r["modules"][BASELINE]
    lines = ["| module | steps (CPU s) | CPU s | ratio | wall s | stripped .so bytes | ratio | .so bytes (-g) |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, m in r["modules"].items():
        steps = ", ".join(f"{label} {cpu:.2f}" for label, _, cpu in m["steps"])
        lines.append(f"| {short(name)} | {steps} | {m['cpu']:.2f} | "
                     f"{ratio(m['cpu'], base['cpu']):.2f}x | {m['wall']:.2f} | {m['stripped']:,} | "
                     f"{ratio(m['stripped'], base['stripped']):.2f}x | {m['size']:,} |")
    for name, lib in r["libraries"].items():
        lines.append(f"| {name} (once per project, for every module) | {lib['sources']} "
                     f"compiles | {lib['cpu']:.2f} | | {lib['wall']:.2f} | | | |")
    lines += ["", f"Minimum of {r['repeat']} runs of each build step as Ninja runs it (same flags "
              "for all: -O2 -g, NDEBUG, hidden visibility). CPU is user + system time of the "
              "compiler processes, the stable measure here; wall includes waiting for a core. "
              "The benchmark's C++ library, common to all three, is not counted."]
    return lines


def imports_section(r):
    mods = r["modules"]
    base = mods[BASELINE]

    def instr(m, key):
        return m.get("instructions", {}).get(key)

    def cell(m, key):
        stats = m[key]
        if stats is None:
            return f"not importable: {m['subinterpreter_error']}", "", ""
        count = instr(m, key)
        base_count = instr(base, key)
        return ("%.0f (%.0f)" % (stats["min"] / 1e3, stats["median"] / 1e3),
                f"{count:,}" if count else "n/a",
                f"{ratio(count, base_count):.2f}x" if count and base_count else "n/a")

    lines = ["| module | fresh process µs | instr | ratio | fresh sub-interpreter µs | instr | ratio |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, m in mods.items():
        lines.append("| " + " | ".join([short(name), *cell(m, "process"),
                                        *cell(m, "subinterpreter")]) + " |")
    cxx = base["cxx_runtime"]
    lines += ["", f"µs: min (median) of {r['repeat']} fresh processes, warm (file in the page "
              "cache); instr: callgrind. Fresh process: the module's own first import, after "
              "libstdc++ was loaded. Loading libstdc++, which the first C++ module of a process "
              f"pays for whichever it is, took {cxx['min'] / 1e3:.0f} µs "
              f"({(instr(base, 'cxx_runtime') or 0):,} instructions) on top. Sub-interpreter: "
              "`import` run in a fresh isolated interpreter (own GIL) minus `pass` run the "
              "same way, the shared library already loaded by an earlier interpreter."]
    return lines


def scaling_section(r, modules):
    counts = sorted(int(k) for k in r["processes"])
    header = "| | " + " | ".join(f"{k}" for k in counts) + " |"
    lines = [header, "|---|" + "---:|" * len(counts)]

    def row(label, rates):
        one = rates[str(counts[0])]
        cells = [f"{rates[str(k)]:.3g}" + (f" ({rates[str(k)] / one:.2f}x)" if k != counts[0] else "")
                 for k in counts]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    for name in (TARGET, BASELINE):
        row(f"{short(name)}: isolated sub-interpreters, one thread each", r["interpreters"][name])
    row(f"reference: {short(BASELINE)} in separate processes", r["processes"])
    if PYBIND11 in modules:
        lines.append(f"| {short(PYBIND11)} | " + " | ".join(
            ["n/a: single-phase init, not importable into an isolated sub-interpreter"]
            + [""] * (len(counts) - 1)) + " |")
    lines += ["", f"Calls per second of `for i in range(N): add(i, 1)`, all interpreters "
              f"together (N = {r['calls']:,} each, best of the rounds), and the speed-up over "
              "one. The columns are the number of interpreters (or processes). Separate "
              "processes share nothing: their speed-up is what this machine can give at all."]
    return lines


def compiler_section(r):
    lines = ["| declarations | `--check` CPU s (wall) | full compile CPU s (wall) | "
             "µs CPU per declaration | generated .cpp bytes |", "|---:|---:|---:|---:|---:|"]
    for size, s in r["sizes"].items():
        lines.append(f"| {int(size):,} | {s['check_cpu']:.3f} ({s['check_wall']:.3f}) | "
                     f"{s['full_cpu']:.3f} ({s['full_wall']:.3f}) | "
                     f"{s['full_cpu'] / int(size) * 1e6:.1f} | {s['generated_cpp']:,} |")
    lines += ["", f"Best of {r['repeat']}. `--check`: lexing, parsing, imports and sema only; "
              "full compile: `pyidlc FILE -o DIR`, what a build runs (the generated .pyidl.cpp, "
              ".pyidl.h and .pyi written to disk). Files from bench/frontend/gen_pyidl.py: the "
              "mix of a real binding."]
    return lines


def targets(results, compiler_result):
    """One line per target: met or not, with the numbers, for every Python."""
    lines = []

    def per_python(part, judge):
        found = [(py, results[py][part]) for py in results if results[py].get(part)]
        return [judge(py, r) for py, r in found]

    def calls_judge(py, r):
        measure = "instructions" if "instructions" in r else "ns"
        ratios = {k.split("\t")[0]: v for k, v in r[measure]["ratio"].items()
                  if k.endswith("\t" + TARGET)}
        missed = [f"{row} {v:.2f}x" for row, v in ratios.items() if v > CALL_RATIO]
        return (not missed, f"Python {py}: worst {max(ratios.values()):.2f}x by {measure}"
                + (f"; over: {', '.join(missed)}" if missed else ""))

    def build_judge(key, limit):
        def judge(py, r):
            target, base = r["modules"][TARGET][key], r["modules"][BASELINE][key]
            text = f"Python {py}: {ratio(target, base):.2f}x"
            if key == "cpu" and r["libraries"]:  # the runtime: once per project
                runtime = sum(lib["cpu"] for lib in r["libraries"].values())
                text += (f" ({ratio(target + runtime, base):.1f}x for a project's first module, "
                         "which also compiles the runtime)")
            return ratio(target, base) <= limit, text
        return judge

    def import_judge(key):
        def judge(py, r):
            target, base = r["modules"][TARGET], r["modules"][BASELINE]
            t, b = target.get("instructions", {}).get(key), base.get("instructions", {}).get(key)
            measure = "instructions"
            if not (t and b):
                t, b, measure = target[key]["min"], base[key]["min"], "µs (min)"
            value = ratio(t, b)
            return value <= IMPORT_RATIO, f"Python {py}: {value:.2f}x by {measure}"
        return judge

    def scaling_judge(py, r):
        rates, procs = r["interpreters"][TARGET], r["processes"]
        if "2" not in rates:
            return False, f"Python {py}: not measured"
        value = rates["2"] / rates["1"]
        reference = procs["2"] / procs["1"]
        base = r["interpreters"][BASELINE]
        text = (f"Python {py}: {value:.2f}x (hand-written {base['2'] / base['1']:.2f}x; separate "
                f"processes {reference:.2f}x")
        if reference < SCALING_2:
            text += ": the machine did not give two cores' worth even to processes in this run"
        return value >= SCALING_2, text + ")"

    def line(title, verdicts):
        if not verdicts:
            lines.append(f"- {title}: not measured")
            return
        ok = all(v[0] for v in verdicts)
        lines.append(f"- {mark(ok)}: {title}: " + "; ".join(v[1] for v in verdicts) + ".")

    line(f"per-call within {CALL_RATIO}x of the hand-written module on every row",
         per_python("calls", calls_judge))
    line(f"clean compile time within {COMPILE_RATIO}x of the hand-written module (CPU; pyidlc "
         "step included, the runtime library not)",
         per_python("build", build_judge("cpu", COMPILE_RATIO)))
    line(f"stripped .so within {SIZE_RATIO}x of the hand-written module",
         per_python("build", build_judge("stripped", SIZE_RATIO)))
    line(f"warm import in a fresh process within {IMPORT_RATIO}x",
         per_python("imports", import_judge("process")))
    line(f"import into a fresh isolated sub-interpreter within {IMPORT_RATIO}x",
         per_python("imports", import_judge("subinterpreter")))
    line(f"2 sub-interpreters on 2 threads at least {SCALING_2}x one",
         per_python("scaling", scaling_judge))
    if compiler_result and "10000" in compiler_result["sizes"]:
        cpu = compiler_result["sizes"]["10000"]["full_cpu"]
        check = compiler_result["sizes"]["10000"]["check_cpu"]
        lines.append(f"- {mark(cpu <= COMPILER_10K_SECONDS)}: pyidlc on 10k declarations within "
                     f"{COMPILER_10K_SECONDS:.0f} s: {cpu:.2f} s CPU for the full compile "
                     f"(`--check` alone: {check:.2f} s).")
    else:
        lines.append(f"- pyidlc on 10k declarations within {COMPILER_10K_SECONDS:.0f} s: not measured")
    return lines


# ---- Machine and document ------------------------------------------------------------------

def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def tool_version(argv):
    try:
        out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return out.stdout.strip().splitlines()[0]
    except OSError:
        return "not found"


def source_revision():
    """`git describe --always --dirty` of the checkout this script is in, or "unknown"."""
    try:
        out = subprocess.run(["git", "-C", os.path.realpath(HERE), "describe", "--always",
                              "--dirty"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True)
    except OSError:
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 else "unknown"


def kept_analysis(path):
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return "(No hand-written analysis yet: add it between these markers.)"
    if BEGIN in text and END in text:
        return text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n")
    return "(No hand-written analysis yet: add it between these markers.)"


def document(config, results, compiler_result, load_start, args):
    pythons = {py["version"]: py for py in config["pythons"] if py["version"] in results}
    load_end = os.getloadavg()
    doc = [
        "# Benchmark results",
        "",
        "Generated by `bash scripts/bench.sh` (bench/report.py; method in bench/README.md). "
        "Edit only the analysis between the markers at the end; the rest is overwritten.",
        "",
        f"- Date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}; "
        f"source: git {source_revision()}",
        f"- Machine: {os.cpu_count()} CPUs (nproc), {cpu_model()}, {platform.system()} "
        f"{platform.release()}; load average {load_start:.1f} at the start, "
        f"{load_end[0]:.1f} at the end (other builds share this machine)",
        f"- Compiler: {config['compiler']}; every contender -O2 -g, NDEBUG, hidden visibility, "
        f"linking the same static C++ library; build type {config['build_type']}",
        f"- Pythons: {', '.join(pythons)}",
        f"- pybind11: {config['pybind11'] or 'not found (no pybind11 column)'}; "
        f"{tool_version(['valgrind', '--version'])}",
        *(["- **--smoke run: NOT a measurement**"] if args.smoke else []),
        "",
        "Instruction counts from `valgrind --tool=callgrind` are the primary comparison: they "
        "repeat to about one instruction per call, while nanoseconds on this shared 2-core "
        "machine move by several percent between runs (see the `handwritten_again` column). "
        "Targets are judged by instructions where they are counted, by CPU time for builds.",
        "",
        "## Targets",
        "",
        *targets(results, compiler_result),
        "",
    ]
    for version, py in pythons.items():
        r = results[version]
        doc += [f"## Python {version}", ""]
        if r.get("calls"):
            doc += ["### Per-call cost", "", *calls_section(r["calls"]), ""]
        if r.get("build"):
            doc += ["### Build cost", "", *build_section(r["build"]), ""]
        if r.get("imports"):
            doc += ["### Import", "", *imports_section(r["imports"]), ""]
        if r.get("scaling"):
            doc += ["### Scaling", "", *scaling_section(r["scaling"], py["modules"]), ""]
    if compiler_result:
        doc += ["## Compiler (pyidlc)", "", *compiler_section(compiler_result), ""]
    differences = [(v, r["calls"]["message_differences"]) for v, r in results.items()
                   if r.get("calls")]
    if differences:
        doc += ["## Behaviour differences", "",
                "Argument errors and edge cases where a contender behaves unlike the "
                "hand-written module without failing the correctness check that precedes "
                "every timing (other wording; accepted by one module only; pybind11's own "
                "exception types).", ""]
        for version, lines in differences:
            doc += [f"<details><summary>Python {version}: {len(lines)} differences</summary>",
                    "", *[f"- {line}" for line in lines], "", "</details>", ""]
    doc += ["## Analysis", "", "Hand-written; kept across regenerations.", "", BEGIN,
            kept_analysis(args.output), END, ""]
    return "\n".join(doc)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--only", default=",".join(PARTS),
                        help="comma-separated parts: " + ", ".join(PARTS))
    parser.add_argument("--python", default="", help="comma-separated tags (default: all)")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args(argv)
    with open(args.config) as f:
        config = json.load(f)
    parts = args.only.split(",")
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts {sorted(unknown)}; known: {', '.join(PARTS)}")
    tags = args.python.split(",") if args.python else [py["tag"] for py in config["pythons"]]
    valgrind = shutil.which("valgrind") is not None
    if not valgrind and not args.smoke:
        print("report.py: valgrind not found: no instruction counts", file=sys.stderr)

    load_start = os.getloadavg()[0]
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench_report.") as tmp:
        for py in config["pythons"]:
            if py["tag"] not in tags:
                continue
            r = results[py["version"]] = {}
            if "calls" in parts:
                r["calls"] = calls(py, args, tmp, valgrind)
            if "build" in parts:
                if config["generator"] != "Ninja":
                    sys.exit("report.py: the build part needs a Ninja build tree")
                r["build"] = build(py, config, args, tmp)
            if "imports" in parts:
                r["imports"] = imports(py, args, tmp, valgrind)
            if "scaling" in parts:
                r["scaling"] = scaling(py, args, tmp)
        compiler_result = compiler(config, args, tmp) if "compiler" in parts else None

    text = document(config, results, compiler_result, load_start, args)
    with open(args.output, "w") as f:
        f.write(text)
    print(text)
    print(f"report.py: wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
