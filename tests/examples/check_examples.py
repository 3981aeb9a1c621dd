#!/usr/bin/env python3
"""check_examples.py: every example .pyidl, in examples/ and in the design docs, must compile.

Usage:
  check_examples.py --pyidlc PATH FILE.pyidl       pyidlc --check FILE in its own directory
  check_examples.py --pyidlc PATH --markdown MD    the same for every ```pyidl block of MD

A markdown block is written to a temporary directory as <module>.pyidl (named after its
`module` line) and checked there; a failure prints the block's line in the markdown file.
Python 3.9+ standard library only.
"""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```pyidl[ \t]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
MODULE = re.compile(r"^\s*module\s+([\w.]+)\s*;", re.MULTILINE)


def check(pyidlc, path, origin):
    """Runs pyidlc --check on path; prints what went wrong and returns False on failure."""
    command = [str(pyidlc), "--check", "--no-color", path.name]
    result = subprocess.run(command, cwd=path.parent, capture_output=True, text=True)
    if result.returncode == 0:
        print(f"ok: {origin}")
        return True
    print(f"FAILED: {origin}: pyidlc --check exited with {result.returncode}")
    print(result.stdout + result.stderr)
    return False


def check_markdown(pyidlc, markdown):
    text = markdown.read_text(encoding="utf-8")
    blocks = list(FENCE.finditer(text))
    if not blocks:
        print(f"FAILED: {markdown} has no ```pyidl block")
        return False
    ok = True
    with tempfile.TemporaryDirectory(prefix="pyidl_examples_") as temp:
        for number, block in enumerate(blocks, start=1):
            line = text.count("\n", 0, block.start(1)) + 1
            module = MODULE.search(block.group(1))
            name = module.group(1) if module else f"block{number}"
            path = pathlib.Path(temp) / f"{name}.pyidl"
            path.write_text(block.group(1), encoding="utf-8")
            ok = check(pyidlc, path, f"{markdown}:{line}: ```pyidl block {number}") and ok
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyidlc", required=True, type=pathlib.Path)
    parser.add_argument("--markdown", type=pathlib.Path)
    parser.add_argument("file", nargs="?", type=pathlib.Path)
    args = parser.parse_args()
    pyidlc = args.pyidlc.resolve()
    if args.markdown:
        return 0 if check_markdown(pyidlc, args.markdown) else 1
    if not args.file:
        parser.error("give a .pyidl file or --markdown")
    return 0 if check(pyidlc, args.file.resolve(), args.file) else 1


if __name__ == "__main__":
    sys.exit(main())
