#!/usr/bin/env python3
"""check_cli.py: runs the real pyidlc binary on malformed files and random bytes.

Usage: check_cli.py PYIDLC CORPUS_DIR

Every run must end with exit 0, or exit 1 with an 'error:' diagnostic, within the time
limit, and without a signal or a sanitizer report. The seed comes from PYIDL_ROBUSTNESS_SEED
(default 1), as in pyidlc_robustness.
"""

import os
import pathlib
import random
import subprocess
import sys
import tempfile

TIMEOUT_SECONDS = 30  # generous for a sanitizer build; a healthy run takes milliseconds
RANDOM_INPUTS = 20

MALFORMED = {
    "empty": b"",
    "only_block_comment_open": b"/*",
    "unterminated_docstring": b'module m;\n"""never closed\n',
    "unterminated_string": b'module m;\nconst C: str = "abc\n',
    "nul_bytes": b"module m;\x00def f() -> None;\x00",
    "invalid_utf8": b"module m;\n\xff\xfe def \xc0\xaf() -> None;\n",
    "no_module_header": b"def f() -> None;\n",
    "unbalanced_braces": b"module m;\nclass C = c::C { def f(self);\n",
    "deep_brackets": b"module m;\ndef f(x: " + b"list[" * 2000 + b"int" + b"]" * 2000 + b");\n",
    "import_itself": b"module case;\nimport case;\n",
    "import_missing": b"module m;\nimport does.not.exist;\n",
}


def check(pyidlc, args, what, cwd):
    """Runs pyidlc once; returns a problem description, or None when it behaved."""
    try:
        run = subprocess.run([pyidlc, *args], cwd=cwd, capture_output=True,
                             timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return f"{what}: no exit within {TIMEOUT_SECONDS} s"
    output = (run.stdout + run.stderr).decode("utf-8", "replace")
    if run.returncode < 0:
        problem = f"killed by signal {-run.returncode}"
    elif "Sanitizer" in output or "runtime error:" in output:
        problem = "sanitizer report"
    elif run.returncode == 1 and ": error: " not in output:
        problem = "exit 1 without an 'error:' diagnostic"
    elif run.returncode not in (0, 1):
        problem = f"exit code {run.returncode}"
    else:
        return None
    return f"{what}: {problem}\n--- output ---\n{output[:4000]}"


def main():
    pyidlc, corpus_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    seed = int(os.environ.get("PYIDL_ROBUSTNESS_SEED", "1"))
    rng = random.Random(seed)
    inputs = dict(MALFORMED)
    for i in range(RANDOM_INPUTS):
        inputs[f"random_bytes_{i}"] = rng.randbytes(rng.randrange(0, 400))
    for seed_file in sorted(corpus_dir.glob("*.pyidl")):
        text = seed_file.read_bytes()
        inputs[f"{seed_file.stem}_as_written"] = text
        inputs[f"{seed_file.stem}_cut_in_half"] = text[: len(text) // 2]

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        # Seed files import each other by module name, so they sit next to the input.
        for seed_file in corpus_dir.glob("*.pyidl"):
            (tmp / seed_file.name).write_bytes(seed_file.read_bytes())
        out_dir = tmp / "out"
        out_dir.mkdir()
        for name, data in inputs.items():
            case = tmp / "case.pyidl"
            case.write_bytes(data)
            # Both --check and a full run, so that code generation sees the inputs too.
            for args in (["--check", str(case)], [str(case), "-o", str(out_dir)]):
                problem = check(pyidlc, args, f"{name} ({' '.join(args[:1])})", tmp)
                if problem:
                    failures.append(f"{problem}\n--- input: {data[:2000]!r}")
        for args in (["--check", str(tmp / "missing.pyidl")], ["--check", str(tmp)]):
            problem = check(pyidlc, args, " ".join(args), tmp)
            if problem:
                failures.append(problem)

    print(f"check_cli: seed {seed}, {len(inputs)} inputs, {len(failures)} failures")
    for failure in failures:
        print(f"\nFAILURE: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
