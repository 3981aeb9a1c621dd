#!/usr/bin/env python3
"""check_generated_module.py: `pyidlc audit --json` of a real module sees pyidlc's own tables
and excludes them, and reports the author's state and nothing else.

Usage: check_generated_module.py --pyidlc PATH MODULE.so

The generated code's line numbers change with every generator change, so rather than an
exact listing (run_audit_tests.py does that for the module's findings) this checks the
properties that must always hold:
  - the only finding is the author's `am::total`, declared in audit_module_impl.hpp;
  - the generated file's writable tables were found (the PyModuleDef among them) and every
    one of them is excluded, the PyModuleDef with the reason that CPython manages it;
  - the author's pyidl::per_interpreter<T> is synchronized, and the runtime data its get()
    links in (the registry of per-interpreter values) is found and excluded.

Python 3.9+ standard library only.
"""

import argparse
import json
import subprocess
import sys


def check(report):
    problems = []
    (module,) = report["modules"]
    variables = module["variables"]
    findings = [v for v in variables if v["verdict"] in ("finding", "allowed")]
    if [(v["name"], (v["file"] or "").split("/")[-1]) for v in findings] != [
            ("am::total", "audit_module_impl.hpp")]:
        problems.append(f"expected the one finding am::total, got {findings}")
    if report["findings"] != 1:
        problems.append(f"expected findings == 1, got {report['findings']}")

    generated = [v for v in variables if (v["file"] or "").endswith(".pyidl.cpp")]
    if len(generated) < 4:
        problems.append(f"expected the generated tables (def, slots, methods, spec): {generated}")
    problems += [f"generated table not excluded: {v}"
                 for v in generated if v["verdict"] != "excluded"]
    module_defs = [v for v in generated if v["type"] == "PyModuleDef"]
    if len(module_defs) != 1 or "PyModuleDef_Init" not in (module_defs[0]["reason"] or ""):
        problems.append(f"expected one excluded PyModuleDef managed by CPython, got {module_defs}")

    runtime = [v for v in variables if v["name"].startswith("pyidl::")]
    if not runtime:
        problems.append("expected the runtime's per_interpreter registry among the variables")
    problems += [f"runtime data not excluded: {v}" for v in runtime if v["verdict"] != "excluded"]
    synchronized = [(v["name"], v["type"]) for v in variables if v["verdict"] == "synchronized"]
    if synchronized != [("am::calls_here_count", "pyidl::v1::per_interpreter<long int>")]:
        problems.append(f"expected am::calls_here_count synchronized, got {synchronized}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyidlc", required=True)
    parser.add_argument("module")
    options = parser.parse_args()
    result = subprocess.run([options.pyidlc, "audit", "--json", options.module],
                            capture_output=True, text=True)
    if result.returncode != 1:
        print(f"expected exit code 1 (one finding), got {result.returncode}\n{result.stderr}")
        return 1
    problems = check(json.loads(result.stdout))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
