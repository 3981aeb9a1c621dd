#!/usr/bin/env python3
"""run_build.py: what each contender module costs to build: the clean compile time of its
own build steps, with the flags the build tree uses, and the size of its stripped .so.

Usage:
    run_build.py --build-dir DIR --module NAME=FILE.so [...] [--library NAME=LIB.a [...]]
                 [--repeat N] [--strip STRIP] [--smoke] [--json FILE]

The build steps come from Ninja itself (`ninja -t query`, `ninja -t commands -s`), so they
are exactly the commands the build ran: for a module, the compile of each object file in its
link, the command that generated a generated source (pyidlc for bench_pyidl) and the link.
Static libraries in the link are not the module's: the benchmark's own C++ library is common
to every contender, and a --library (the pyidl runtime) is a per-project cost that every
module of a project shares; it is timed separately, its compiles only. Each command runs with
its output (-o, -MF) redirected into a temporary folder, so the build tree is left as it
was. Every step runs --repeat times (default 5, interleaved across modules); reported per
step are the minimum CPU time (user + system, of the compiler process and its children) and
the minimum wall time, and a module's cost is the sum over its steps. CPU time is the stable measure on a
machine shared with other builds; wall time includes waiting for a core.

Size: the .so as built (with -g) and a copy stripped with `strip --strip-all`.

--smoke resolves every module's steps, prints them, and runs only the first module's (once):
it checks that the command discovery still works without paying for the slow compiles.
Needs a Ninja build tree.
"""

import argparse
import json
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time


# ---- Finding the steps ---------------------------------------------------------------------

def ninja(build_dir, *args):
    proc = subprocess.run(["ninja", "-C", build_dir, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"run_build.py: ninja {' '.join(args)} failed: {proc.stderr.strip()}")
    # -C makes ninja print "ninja: Entering directory" first; drop it.
    return [line for line in proc.stdout.splitlines() if not line.startswith("ninja: ")]


def query(build_dir, path):
    """(edge rule, explicit inputs) of the edge that builds `path`; the rule is None for a
    file no edge builds (a source file). Implicit inputs (`| lib.a`: the static libraries of
    a link) and order-only ones (`|| ...`) are left out."""
    rule, explicit = None, []
    section = None
    for line in ninja(build_dir, "-t", "query", path)[1:]:
        text = line.strip()
        if line.startswith("  input: "):
            rule, section = text.split(": ", 1)[1], "input"
        elif line.startswith("  outputs:"):
            section = "outputs"
        elif section == "input" and not text.startswith("|"):
            explicit.append(text)
    return rule, explicit


def command_of(build_dir, path):
    lines = ninja(build_dir, "-t", "commands", "-s", path)
    if len(lines) != 1:
        sys.exit(f"run_build.py: expected one command for {path}, got {len(lines)}")
    return lines[0]


def relative(build_dir, path):
    """The name Ninja knows `path` by: relative inside the build tree, absolute outside."""
    inside = os.path.abspath(path).startswith(os.path.abspath(build_dir) + os.sep)
    return os.path.relpath(path, build_dir) if inside else path


def object_steps(build_dir, objects):
    """The commands that build `objects`: for each, the generator of its source if the
    source is generated (pyidlc), then its compile."""
    steps = []
    for obj in objects:
        _, sources = query(build_dir, obj)
        for source in sources:
            if query(build_dir, relative(build_dir, source))[0] is not None:
                steps.append(("generate " + os.path.basename(source),
                              command_of(build_dir, relative(build_dir, source))))
        steps.append(("compile " + os.path.basename(sources[0]), command_of(build_dir, obj)))
    return steps


def module_steps(build_dir, so):
    """A module's own build steps: generators, compiles, link (not the static libraries it
    links)."""
    so = relative(build_dir, so)
    _, objects = query(build_dir, so)
    steps = object_steps(build_dir, objects)
    steps.append(("link " + os.path.basename(so), command_of(build_dir, so)))
    return steps


def library_steps(build_dir, lib):
    """A static library's compiles (archiving, a few ms, is left out)."""
    _, objects = query(build_dir, relative(build_dir, lib))
    return object_steps(build_dir, objects)


# ---- Running a step ------------------------------------------------------------------------

def redirected(command, build_dir, out_dir):
    """The parts of a Ninja command line that make the step's output, as (cwd, argv) pairs,
    with every -o and -MF path moved into out_dir. Parts without -o (`:`, `cd`, CMake's
    post-build copy of the stub) are dropped; `cd` only sets the next parts' folder."""
    cwd, parts = build_dir, []
    for part in command.split(" && "):
        argv = shlex.split(part)
        if argv[:1] == ["cd"]:
            cwd = argv[1]
            continue
        if "-o" not in argv:
            continue
        for i, arg in enumerate(argv[:-1]):
            if arg in ("-o", "-MF"):
                original = os.path.join(cwd, argv[i + 1])
                moved = os.path.join(out_dir, f"{len(parts)}_{os.path.basename(original)}")
                if os.path.isdir(original):  # pyidlc -o takes a folder
                    os.makedirs(moved, exist_ok=True)
                argv[i + 1] = moved
        parts.append((cwd, argv))
    return parts


def run_step(parts):
    """Runs one step; returns (wall seconds, CPU seconds of its processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for cwd, argv in parts:
        proc = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        if proc.returncode != 0:
            sys.exit(f"run_build.py: step failed ({shlex.join(argv)}):\n{proc.stdout[-3000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def time_steps(units, build_dir, repeat):
    """units: {name: [(label, command)]}. Runs every step `repeat` times, interleaved across
    units so that a busy stretch of the machine hits all alike. Returns {name: [(label, min
    wall, min CPU)]}."""
    best = {name: [[label, float("inf"), float("inf")] for label, _ in steps]
            for name, steps in units.items()}
    with tempfile.TemporaryDirectory(prefix="bench_build.") as out_dir:
        prepared = {name: [redirected(command, build_dir, out_dir) for _, command in steps]
                    for name, steps in units.items()}
        for _ in range(repeat):
            for name, steps in prepared.items():
                for i, parts in enumerate(steps):
                    wall, cpu = run_step(parts)
                    best[name][i][1] = min(best[name][i][1], wall)
                    best[name][i][2] = min(best[name][i][2], cpu)
    return {name: [tuple(step) for step in steps] for name, steps in best.items()}


def stripped_size(so, strip):
    with tempfile.TemporaryDirectory(prefix="bench_strip.") as tmp:
        copy = os.path.join(tmp, os.path.basename(so))
        subprocess.run([strip, "--strip-all", "-o", copy, so], check=True)
        return os.path.getsize(copy)


# ---- Main ----------------------------------------------------------------------------------

def pairs(values, option):
    result = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep:
            sys.exit(f"run_build.py: {option} wants NAME=PATH, got {value!r}")
        result[name] = path
    return result


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--module", action="append", default=[], metavar="NAME=FILE.so")
    parser.add_argument("--library", action="append", default=[], metavar="NAME=LIB.a",
                        help="a per-project library, timed separately (the pyidl runtime)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--strip", default=shutil.which("strip") or "strip")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    modules, libraries = pairs(args.module, "--module"), pairs(args.library, "--library")
    if not modules:
        parser.error("no --module given")
    if not os.path.exists(os.path.join(args.build_dir, "build.ninja")):
        sys.exit(f"run_build.py: {args.build_dir} is not a Ninja build tree")

    steps = {name: module_steps(args.build_dir, so) for name, so in modules.items()}
    library_units = {name: library_steps(args.build_dir, lib) for name, lib in libraries.items()}
    if args.smoke:
        for name, unit in {**steps, **library_units}.items():
            print(f"{name}: " + ", ".join(label for label, _ in unit))
        first = next(iter(steps))
        timed = time_steps({first: steps[first]}, args.build_dir, 1)
        print(f"run_build.py: {first} rebuilt once in {sum(s[1] for s in timed[first]):.2f} s")
        return 0

    timed = time_steps(steps, args.build_dir, args.repeat)
    timed_libraries = time_steps(library_units, args.build_dir, 1) if library_units else {}
    result = {"repeat": args.repeat, "modules": {}, "libraries": {}}
    for name, so in modules.items():
        result["modules"][name] = {
            "steps": timed[name],
            "wall": sum(step[1] for step in timed[name]),
            "cpu": sum(step[2] for step in timed[name]),
            "size": os.path.getsize(so),
            "stripped": stripped_size(so, args.strip)}
    for name, unit in timed_libraries.items():
        result["libraries"][name] = {"sources": len(unit),
                                     "wall": sum(step[1] for step in unit),
                                     "cpu": sum(step[2] for step in unit)}
    print("| module | steps | CPU s | wall s | .so bytes | stripped bytes |")
    print("|---|---|---:|---:|---:|---:|")
    for name, r in result["modules"].items():
        print(f"| {name} | {', '.join(s[0] for s in r['steps'])} | {r['cpu']:.2f} | "
              f"{r['wall']:.2f} | {r['size']:,} | {r['stripped']:,} |")
    for name, r in result["libraries"].items():
        print(f"| {name} (per project) | {r['sources']} compiles | {r['cpu']:.2f} | "
              f"{r['wall']:.2f} | | |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
