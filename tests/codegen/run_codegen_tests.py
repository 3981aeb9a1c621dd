#!/usr/bin/env python3
"""run_codegen_tests.py: compares pyidlc's output for one input with its golden files.

Usage:
  run_codegen_tests.py --pyidlc PATH --golden DIR --case NAME --build-dir DIR FILE.pyidl
  run_codegen_tests.py --pyidlc PATH --golden DIR --case NAME --build-dir DIR --markdown MD

The input is FILE.pyidl, or the first ```pyidl block of MD written to a temporary directory as
<module>.pyidl (MD missing: the case is skipped, exit code 77). pyidlc runs in the input's
directory with the bare file name, so the banners name no checkout path, and writes
<name>.pyidl.cpp, <name>.pyidl.h and <name>.pyi. Each must equal DIR/<file>.golden byte for
byte, and DIR must hold no other golden file. With PYIDL_BLESS=1 the golden files are rewritten
(and stale ones removed) instead.

Blessing cannot accept everything: the properties in check_properties() (isolation, module
slots, heap types, linkage, banners, a parseable .pyi) and determinism are checked on the
actual output in both modes, and a violation fails the test even while blessing.

Python 3.9+ standard library only.
"""

import argparse
import ast
import difflib
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SKIP = 77                 # CTest SKIP_RETURN_CODE
DIFF_LINES = 80           # longest diff printed per file
FENCE = re.compile(r"^```pyidl[ \t]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
MODULE = re.compile(r"^\s*(?:@\S+\s+)*module\s+([\w.]+)\s*;", re.MULTILINE)


# --- running pyidlc ---------------------------------------------------------------------

def run_pyidlc(pyidlc, source, out_dir):
    """Runs pyidlc on `source` (in its directory, by bare name); returns {file name: bytes}."""
    command = [str(pyidlc), "--no-color", source.name, "-o", str(out_dir)]
    result = subprocess.run(command, cwd=source.parent, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pyidlc exited with {result.returncode}\n"
                           f"command: {shlex.join(command)}  (in {source.parent})\n"
                           f"{result.stdout}{result.stderr}")
    return {path.name: path.read_bytes() for path in sorted(out_dir.iterdir()) if path.is_file()}


def generate(pyidlc, source):
    """Generates twice into fresh directories; returns the outputs, or raises if they differ."""
    with tempfile.TemporaryDirectory(prefix="pyidl_codegen_") as temp:
        first = run_pyidlc(pyidlc, source, pathlib.Path(temp) / "a")
        second = run_pyidlc(pyidlc, source, pathlib.Path(temp) / "b")
    if first != second:
        changed = sorted(name for name in first.keys() | second.keys()
                         if first.get(name) != second.get(name))
        raise RuntimeError("pyidlc is not deterministic: two runs on the same input differ in "
                           + ", ".join(changed))
    return first


# --- properties that must hold whatever the golden files say ---------------------------

def strip_cpp(text):
    """The C++ text with comments, string and character literals blanked out (same length)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + (c if j < n else ""))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def top_level_items(code):
    """Splits stripped C++ into file-scope items: (head text, body text or None).

    A head is the text before a `{` or `;` at brace depth 0; preprocessor lines are dropped.
    """
    code = "\n".join("" if line.lstrip().startswith("#") else line for line in code.splitlines())
    items, head, depth, body_start = [], [], 0, 0
    for i, c in enumerate(code):
        if depth == 0:
            if c == "{":
                depth, body_start = 1, i + 1
            elif c == ";":
                items.append((" ".join("".join(head).split()), None))
                head = []
            else:
                head.append(c)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                items.append((" ".join("".join(head).split()), code[body_start:i]))
                head = []
    if " ".join("".join(head).split()):
        items.append((" ".join("".join(head).split()), None))
    return items


def brace_blocks(code, head_pattern, original=None):
    """{name: body} for every `<head_pattern> = { ... };` whose pattern captures a name.

    Braces are matched in `code` (stripped C++); the body is cut from `original` if given (the
    same text before stripping, so string literals stay readable).
    """
    blocks = {}
    for match in re.finditer(head_pattern + r"\s*=\s*\{", code):
        depth, i = 1, match.end()
        while depth and i < len(code):
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            i += 1
        blocks[match.group(1)] = (original or code)[match.end():i - 1]
    return blocks


def entries(body, original):
    """The `{...}` entries of an initializer list, sentinel included, as flat strings.

    `body` is stripped C++ (braces in strings blanked), `original` the same span unstripped:
    flags are read from the first, names from the second.
    """
    return [(" ".join(m.group(1).split()), " ".join(original[m.start(1):m.end(1)].split()))
            for m in re.finditer(r"\{([^{}]*)\}", body)]


# What may stand at namespace scope besides functions and types: constants, the definition
# tables CPython takes by pointer (it wants them non-const, and only reads them, except the
# PyModuleDef header it sets once), and the one exception to "no process-wide mutable data":
# the constant-initialized lock of a @serialized module or class, which holds no Python
# object (docs/subinterpreter-safety.md).
NAMESPACE_DATA_ALLOWED = [
    re.compile(r"constexpr\b.*"),
    re.compile(r"static_assert\s*\(.*"),
    re.compile(r"extern PyModuleDef \w+"),
    re.compile(r"(PyType_Spec|PyType_Slot|PyMethodDef|PyGetSetDef|PyModuleDef|PyModuleDef_Slot) "
               r"\w+ ?(\[ ?\])? ?="),
    re.compile(r"constinit pyidl::call_lock \w+"),
]


def check_namespace_data(namespace_body):
    """Problems with the data (not functions or types) defined in the anonymous namespace."""
    problems = []
    for head, body in top_level_items(namespace_body):
        if not head or re.match(r"(struct|class|namespace)\b", head):
            continue
        paren, equals = head.find("("), head.find("=")
        if paren >= 0 and (equals < 0 or paren < equals) and not head.startswith("static_assert"):
            continue  # a function (its parameter list comes before any initializer)
        if not any(allowed.fullmatch(head) for allowed in NAMESPACE_DATA_ALLOWED):
            problems.append(f".cpp: namespace-scope data that is neither constant, a CPython "
                            f"definition table nor a @serialized lock: {head[:100]}")
    return problems


def check_cpp(cpp, source_text, source_name):
    problems = []
    code = strip_cpp(cpp)

    # Isolation: no process-wide Python objects or types, no single-phase init, no GIL API
    # (PyGILState_* picks the main interpreter), no static types.
    for pattern, why in [
        (r"\bstatic\s+PyObject\s*\*", "a static PyObject* (process-wide object)"),
        (r"\bstatic\s+PyTypeObject\b", "a static type"),
        (r"\bPyModule_Create", "single-phase initialisation (PyModule_Create)"),
        (r"\bPyGILState_", "PyGILState_* (not sub-interpreter safe)"),
        (r"\bPyType_Ready\s*\(\s*&", "PyType_Ready on a static type"),
        (r"\bthread_local\b", "thread_local data"),
        (r"\bstatic\b(?!\s+constexpr\b)", "static storage (mutable data shared by interpreters)"),
    ]:
        for match in re.finditer(pattern, code):
            line = code.count("\n", 0, match.start()) + 1
            problems.append(f".cpp:{line}: {why}: {cpp.splitlines()[line - 1].strip()}")

    # Multi-phase init with exactly one exec slot, per-interpreter GIL, and no GIL on 3.13+.
    exec_slots = len(re.findall(r"\{\s*Py_mod_exec\s*,", code))
    if exec_slots != 1:
        problems.append(f".cpp: {exec_slots} Py_mod_exec slots, expected exactly 1")
    if not re.search(r"\{\s*Py_mod_multiple_interpreters\s*,\s*Py_MOD_PER_INTERPRETER_GIL_SUPPORTED\s*\}", code):
        problems.append(".cpp: no {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED} slot")
    # Guarded by the API targeted, not the headers: a STABLE_ABI module targets 3.12.
    guarded = re.finditer(r"^#if PYIDL_API_VERSION_HEX >= 0x030D0000\n(.*?)^#endif", code,
                          re.MULTILINE | re.DOTALL)
    if not any(re.search(r"\{\s*Py_mod_gil\s*,\s*Py_MOD_GIL_NOT_USED\s*\}", block.group(1))
               for block in guarded):
        problems.append(".cpp: no {Py_mod_gil, Py_MOD_GIL_NOT_USED} slot under "
                        "#if PYIDL_API_VERSION_HEX >= 0x030D0000")
    if len(re.findall(r"\bPyModuleDef_Init\s*\(", code)) != 1:
        problems.append(".cpp: PyInit_ must return PyModuleDef_Init(&def) (multi-phase), exactly once")

    # Heap types only: one spec per declared class, each made by PyType_FromModuleAndSpec,
    # GC-tracked, with traverse and dealloc slots.
    specs = brace_blocks(code, r"PyType_Spec\s+(\w+)")
    declared = len(re.findall(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*class\s+\w+", source_text, re.MULTILINE))
    if len(specs) != declared:
        problems.append(f".cpp: {len(specs)} PyType_Spec for {declared} classes in {source_name}")
    for spec, body in specs.items():
        if not re.search(rf"PyType_FromModuleAndSpec\s*\(\s*module\s*,\s*&{spec}\b", code):
            problems.append(f".cpp: {spec} is not made with PyType_FromModuleAndSpec(module, &{spec}, ...)")
        if "Py_TPFLAGS_HAVE_GC" not in body:
            problems.append(f".cpp: {spec} lacks Py_TPFLAGS_HAVE_GC")
        slots_name = re.search(r"(\w+_slots)\s*,?\s*$", body.strip())
        slots = brace_blocks(code, rf"PyType_Slot\s+({slots_name.group(1)})\s*\[\s*\]") if slots_name else {}
        slot_body = next(iter(slots.values()), "")
        for slot in ("Py_tp_traverse", "Py_tp_dealloc"):
            if slot not in slot_body:
                problems.append(f".cpp: {spec} has no {slot} slot")

    # Method tables of classes (the ones given as Py_tp_methods) must find their module
    # state through the defining class (METH_METHOD, only valid with FASTCALL|KEYWORDS) or
    # the class (METH_CLASS); METH_STATIC there could not find it at all.
    class_tables = set(re.findall(r"\{\s*Py_tp_methods\s*,\s*(\w+)\s*\}", code))
    tables = brace_blocks(code, r"PyMethodDef\s+(\w+)\s*\[\s*\]")
    originals = brace_blocks(code, r"PyMethodDef\s+(\w+)\s*\[\s*\]", cpp)
    for table, body in tables.items():
        for entry, original in entries(body, originals[table]):
            if entry.startswith("nullptr") or entry.startswith("NULL"):
                continue
            flags = set(re.findall(r"\bMETH_\w+", entry))
            name = original.split(",")[0]
            if "METH_METHOD" in flags and not {"METH_FASTCALL", "METH_KEYWORDS"} <= flags:
                problems.append(f".cpp: {table} {name}: METH_METHOD without METH_FASTCALL | METH_KEYWORDS")
            if table in class_tables:
                if "METH_STATIC" in flags or not flags & {"METH_METHOD", "METH_CLASS"}:
                    problems.append(f".cpp: class method table {table} entry {name} uses "
                                    f"{' | '.join(sorted(flags))}, not METH_METHOD (or METH_CLASS)")
            elif "METH_METHOD" in flags:
                problems.append(f".cpp: {table} {name}: METH_METHOD outside a Py_tp_methods table")

    # Linkage: at file scope only the anonymous namespace and PyInit_<name>.
    inits = 0
    for head, body in top_level_items(code):
        if head == "namespace" and body is not None:
            problems += check_namespace_data(body)
            continue
        if re.fullmatch(r"PyMODINIT_FUNC PyInit_\w+ ?\( ?void ?\)", head) and body is not None:
            inits += 1
            continue
        problems.append(f".cpp: has external linkage (outside `namespace {{`): {head[:100]}")
    if inits != 1:
        problems.append(f".cpp: {inits} PyInit_ functions at file scope, expected 1")

    # Generated for one runtime version, and says so.
    if not re.search(r"^#if PYIDL_RUNTIME_VERSION != \d+\n#error ", cpp, re.MULTILINE):
        problems.append(".cpp: no `#if PYIDL_RUNTIME_VERSION != N` / `#error` guard")
    return problems


def check_banner(name, text, source_name):
    first = "\n".join(text.splitlines()[:3])
    problems = []
    if "DO NOT EDIT" not in first:
        problems.append(f"{name}: no DO NOT EDIT banner in its first lines")
    if name.endswith(".pyidl.cpp") or name.endswith(".pyidl.h"):
        if f"from {source_name}." not in first:
            problems.append(f"{name}: the banner does not name the source as given ({source_name})")
    return problems


def check_properties(outputs, source_text, source_name, stem):
    expected = {f"{stem}.pyidl.cpp", f"{stem}.pyidl.h", f"{stem}.pyi"}
    if set(outputs) != expected:
        return [f"pyidlc wrote {sorted(outputs)}, expected {sorted(expected)}"]
    texts = {name: data.decode("utf-8") for name, data in outputs.items()}
    problems = []
    for name, text in texts.items():
        problems += check_banner(name, text, source_name)
    problems += check_cpp(texts[f"{stem}.pyidl.cpp"], source_text, source_name)
    if "#pragma once" not in texts[f"{stem}.pyidl.h"]:
        problems.append(".h: no #pragma once")
    try:
        ast.parse(texts[f"{stem}.pyi"], filename=f"{stem}.pyi")
    except SyntaxError as error:
        problems.append(f".pyi: not valid Python: line {error.lineno}: {error.msg}")
    return problems


# --- golden comparison ------------------------------------------------------------------

def compare(golden_dir, outputs, bless, regenerate):
    """Compares (or with bless, rewrites) the golden files; returns True if they match."""
    ok = True
    stale = {p.name[:-len(".golden")] for p in golden_dir.glob("*.golden")} - set(outputs) \
        if golden_dir.is_dir() else set()
    for name in sorted(stale):
        if bless:
            (golden_dir / f"{name}.golden").unlink()
            print(f"blessed: removed stale {name}.golden")
        else:
            ok = False
            print(f"{golden_dir}/{name}.golden: pyidlc no longer writes {name}")
    for name, actual in outputs.items():
        path = golden_dir / f"{name}.golden"
        expected = path.read_bytes() if path.exists() else None
        if expected == actual:
            continue
        if bless:
            golden_dir.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual)
            print(f"blessed: {'rewrote' if expected is not None else 'created'} {path}")
            continue
        ok = False
        if expected is None:
            print(f"{path}: missing (pyidlc writes {name})")
            continue
        diff = list(difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(keepends=True),
            actual.decode("utf-8", "replace").splitlines(keepends=True),
            fromfile=f"golden/{golden_dir.name}/{name}.golden", tofile=f"pyidlc output: {name}"))
        print(f"{name}: differs from its golden file ({len(diff)} diff lines)")
        sys.stdout.writelines(line if line.endswith("\n") else line + "\n"
                              for line in diff[:DIFF_LINES])
        if len(diff) > DIFF_LINES:
            print(f"... {len(diff) - DIFF_LINES} more diff lines")
    if not ok:
        print("\nIf the change is intended, review it, then regenerate the golden files with:\n"
              f"  {regenerate}\nand review `git diff tests/codegen/golden` before committing.")
    return ok


def markdown_source(markdown, temp):
    """Writes the first ```pyidl block of `markdown` to temp/<module>.pyidl; returns its path."""
    text = markdown.read_text(encoding="utf-8")
    block = FENCE.search(text)
    if not block:
        raise RuntimeError(f"{markdown} has no ```pyidl block")
    module = MODULE.search(block.group(1))
    name = module.group(1).split(".")[-1] if module else "block1"
    path = pathlib.Path(temp) / f"{name}.pyidl"
    path.write_text(block.group(1), encoding="utf-8")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyidlc", required=True, type=pathlib.Path)
    parser.add_argument("--golden", required=True, type=pathlib.Path, help="this case's golden folder")
    parser.add_argument("--case", required=True)
    parser.add_argument("--build-dir", default="<build>", help="for the regenerate command")
    parser.add_argument("--markdown", type=pathlib.Path)
    parser.add_argument("file", nargs="?", type=pathlib.Path)
    args = parser.parse_args()
    if bool(args.markdown) == bool(args.file):
        parser.error("give a .pyidl file or --markdown")
    bless = os.environ.get("PYIDL_BLESS") == "1"
    regenerate = (f"PYIDL_BLESS=1 ctest --test-dir {shlex.quote(args.build_dir)} "
                  f"-R '^codegen\\.{args.case}$'")

    with tempfile.TemporaryDirectory(prefix="pyidl_codegen_src_") as temp:
        if args.markdown:
            if not args.markdown.is_file():
                print(f"skipped: {args.markdown} not found (CI checks out ../shared beside the repo)")
                return SKIP
            source = markdown_source(args.markdown, temp)
        else:
            source = args.file.resolve()
        source_text = source.read_text(encoding="utf-8")
        module = MODULE.search(source_text)
        stem = module.group(1).split(".")[-1] if module else source.stem
        try:
            outputs = generate(args.pyidlc.resolve(), source)
        except RuntimeError as error:
            print(f"codegen.{args.case}: {error}")
            return 1

    problems = check_properties(outputs, source_text, source.name, stem)
    matches = compare(args.golden, outputs, bless, regenerate)
    if problems:
        print(f"\ncodegen.{args.case}: the generated code breaks {len(problems)} rule(s) that "
              "must always hold (blessing does not accept these; fix the generator):")
        for problem in problems:
            print(f"  {stem}{problem}" if problem.startswith(".") else f"  {problem}")
    if matches and not problems:
        print(f"codegen.{args.case}: {len(outputs)} files match their golden files; all properties hold")
    return 0 if matches and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
