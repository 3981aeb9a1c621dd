#!/usr/bin/env python3
"""run_diagnostic_tests.py: checks pyidlc's diagnostics against the `// CHECK:` lines of a .pyidl file.

Usage:
  run_diagnostic_tests.py --pyidlc PATH FILE.pyidl      one test (fail_*.pyidl or ok_*.pyidl)
  run_diagnostic_tests.py --coverage DEF_FILE DIR       every kind in DEF_FILE is CHECKed in DIR

A test runs `pyidlc --check --no-color [RUN-FLAGS] FILE` in FILE's directory with FILE given by
its bare name (so the paths in the output do not depend on the checkout), keeps the diagnostic
lines of stderr, and compares them, exactly and in order, with the file's `// CHECK: ` lines.
fail_* files must exit with 1, ok_* files with 0. Extra flags come from a `// RUN-FLAGS: `
line; when those give an output directory (-o), --check is left out so that the file can
test writing. With PYIDL_BLESS=1 the CHECK lines are rewritten to the actual output.

Python 3.9+ standard library only.
"""

import argparse
import difflib
import os
import pathlib
import re
import shlex
import subprocess
import sys

CHECK_PREFIX = "// CHECK: "
RUN_FLAGS_PREFIX = "// RUN-FLAGS: "
# A located diagnostic ("f.pyidl:1:2: error: ...") or one without a location ("pyidlc: note:
# ..."). Source lines and caret lines never match: carets start with white space or '^'.
DIAGNOSTIC_LINE = re.compile(r"^[^ ].*: (?:error|warning|note): ")
CHECK_LINE = re.compile(r"^\s*// CHECK:")
KIND_IN_DEF = re.compile(r"^PYIDL_DIAG\((\w+),", re.MULTILINE)


def expected_lines(text):
    return [line.strip()[len(CHECK_PREFIX):] for line in text.splitlines()
            if line.strip().startswith(CHECK_PREFIX)]


def run_flags(text):
    flags = []
    for line in text.splitlines():
        if line.strip().startswith(RUN_FLAGS_PREFIX):
            flags += shlex.split(line.strip()[len(RUN_FLAGS_PREFIX):])
    return flags


def bless(path, text, actual):
    """Drops the file's CHECK lines and appends the actual diagnostics as new ones.

    Keeps the file's line ends (CRLF or LF) and whether its last line has one, since a test
    may be about exactly that.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    kept = [line for line in text.splitlines() if not CHECK_LINE.match(line)]
    while kept and not kept[-1].strip():
        kept.pop()
    kept.append("")
    kept += [CHECK_PREFIX + line for line in actual]
    ending = newline if text.endswith("\n") else ""
    path.write_bytes((newline.join(kept) + ending).encode("utf-8", "surrogateescape"))


def run_one(pyidlc, path):
    # surrogateescape: an input may hold invalid UTF-8 on purpose (fail_driver_invalid_utf8).
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    want_exit = 1 if path.name.startswith("fail_") else 0
    flags = run_flags(text)
    # A test that names an output directory tests writing; every other one writes nothing.
    writes = any(flag.startswith("-o") for flag in flags)
    command = [str(pyidlc), "--no-color"] + ([] if writes else ["--check"]) + flags + [path.name]
    result = subprocess.run(command, cwd=path.parent, capture_output=True)
    stderr = result.stderr.decode("utf-8", "surrogateescape")
    actual = [line for line in stderr.splitlines() if DIAGNOSTIC_LINE.match(line)]
    expected = expected_lines(text)

    ok = True
    if actual != expected:
        ok = False
        if os.environ.get("PYIDL_BLESS") == "1":
            bless(path, text, actual)
            print(f"blessed {path.name}: rewrote its CHECK lines")
            ok = True
        else:
            print(f"{path.name}: diagnostics differ from its CHECK lines")
            sys.stdout.writelines(difflib.unified_diff(
                [line + "\n" for line in expected], [line + "\n" for line in actual],
                fromfile=f"{path.name} (CHECK lines)", tofile="pyidlc stderr"))
            print(f"to accept the new output run: PYIDL_BLESS=1 ctest -R '^diagnostics.{path.stem}$'")
    if result.returncode != want_exit:
        ok = False
        print(f"{path.name}: pyidlc exited with {result.returncode}, expected {want_exit}")
    if not ok:
        print("command: " + " ".join(shlex.quote(part) for part in command)
              + f"  (in {path.parent})")
        print("full stderr:\n" + stderr)
    return 0 if ok else 1


def coverage(def_file, directory):
    kinds = KIND_IN_DEF.findall(pathlib.Path(def_file).read_text(encoding="utf-8"))
    checked = set()
    for path in pathlib.Path(directory).rglob("*.pyidl"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "surrogateescape")
            checked.update(re.findall(r"\[(\w+)\]", "\n".join(expected_lines(text))))
    missing = [kind for kind in kinds if kind not in checked]
    if missing:
        print(f"{len(missing)} of {len(kinds)} diagnostic kinds have no test: no `// CHECK:` "
              f"line in {directory} mentions them:")
        for kind in missing:
            print(f"  [{kind}]")
        return 1
    print(f"all {len(kinds)} diagnostic kinds are tested")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyidlc", help="the pyidlc executable")
    parser.add_argument("--coverage", nargs=2, metavar=("DEF_FILE", "DIR"))
    parser.add_argument("file", nargs="?", type=pathlib.Path)
    args = parser.parse_args()
    if args.coverage:
        return coverage(*args.coverage)
    if not args.pyidlc or not args.file:
        parser.error("give --pyidlc and a file, or --coverage")
    return run_one(pathlib.Path(args.pyidlc).resolve(), args.file.resolve())


if __name__ == "__main__":
    sys.exit(main())
