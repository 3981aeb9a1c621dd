#!/usr/bin/env python3
"""run_audit_tests.py: checks the output of one `pyidlc audit` run against an expected file.

Usage:
  run_audit_tests.py --pyidlc PATH --expected FILE [--var NAME=VALUE]... -- AUDIT-ARGS...

Runs `pyidlc audit AUDIT-ARGS...` in the current directory and compares its exit code,
stdout and stderr exactly with FILE, after writing each VALUE as {NAME} (longest first): the
build directory and module file names differ between checkouts and Python versions. FILE
holds, after optional leading `#` comment lines:

  exit: N
  stdout:
  <every line of stdout>
  stderr:
  <every line of stderr>

With PYIDL_BLESS=1 the file is rewritten from the actual run (its comment lines are kept).

Python 3.9+ standard library only.
"""

import argparse
import difflib
import os
import pathlib
import subprocess
import sys


def render(exit_code, stdout, stderr):
    lines = [f"exit: {exit_code}", "stdout:"] + stdout.splitlines()
    return lines + ["stderr:"] + stderr.splitlines()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyidlc", required=True)
    parser.add_argument("--expected", required=True, type=pathlib.Path)
    parser.add_argument("--var", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("args", nargs="*")
    options = parser.parse_args()

    result = subprocess.run([options.pyidlc, "audit"] + options.args, capture_output=True)
    variables = sorted((var.split("=", 1) for var in options.var), key=lambda v: -len(v[1]))
    outputs = []
    for stream in (result.stdout, result.stderr):
        text = stream.decode("utf-8", "replace")
        for name, value in variables:
            text = text.replace(value, "{" + name + "}")
        outputs.append(text)
    actual = render(result.returncode, *outputs)

    text = options.expected.read_text() if options.expected.exists() else ""
    comments = [line for line in text.splitlines() if line.startswith("#")]
    expected = [line for line in text.splitlines() if not line.startswith("#")]
    if actual == expected:
        return 0
    if os.environ.get("PYIDL_BLESS") == "1":
        options.expected.write_text("\n".join(comments + actual) + "\n")
        print(f"blessed {options.expected}")
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        [line + "\n" for line in expected], [line + "\n" for line in actual],
        fromfile=str(options.expected), tofile="actual"))
    print("\nIf the new output is right: "
          f"PYIDL_BLESS=1 ctest -R '^audit\\.{options.expected.stem}$' and review the diff.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
