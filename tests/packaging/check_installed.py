"""check_installed.py: the installed pkgdemo works and agrees with its installed stub.

Run by packaging_test.py with the virtual environment's Python, from outside the build.
"""
import ast
import inspect
import sysconfig
from pathlib import Path

import pkgdemo
from subinterpreters import Interpreter

site = Path(sysconfig.get_paths()["platlib"])
assert Path(pkgdemo.__file__).parent == site, pkgdemo.__file__
assert pkgdemo.scale(3.0) == 6.0
assert pkgdemo.label("a", count=2) == "a x2"

with Interpreter() as interp:
    assert interp.run("import pkgdemo\nresult = pkgdemo.scale(1.5, 2.0)") == 3.0

# Every function of the installed stub has the signature the module reports.
stub = ast.parse((site / "pkgdemo.pyi").read_text())
functions = [node for node in stub.body if isinstance(node, ast.FunctionDef)]
assert {f.name for f in functions} == {"scale", "label"}, [f.name for f in functions]
kinds = [("posonlyargs", inspect.Parameter.POSITIONAL_ONLY),
         ("args", inspect.Parameter.POSITIONAL_OR_KEYWORD),
         ("kwonlyargs", inspect.Parameter.KEYWORD_ONLY)]
for function in functions:
    from_stub = []
    positional_defaults = list(function.args.defaults)
    positional = function.args.posonlyargs + function.args.args
    first_default = len(positional) - len(positional_defaults)
    for field, kind in kinds:
        for arg in getattr(function.args, field):
            if kind == inspect.Parameter.KEYWORD_ONLY:
                default = function.args.kw_defaults[function.args.kwonlyargs.index(arg)]
            else:
                index = positional.index(arg)
                default = positional_defaults[index - first_default] if index >= first_default else None
            from_stub.append((arg.arg, kind, None if default is None else ast.literal_eval(default)))
    actual = [(p.name, p.kind, None if p.default is inspect.Parameter.empty else p.default)
              for p in inspect.signature(getattr(pkgdemo, function.name)).parameters.values()]
    assert from_stub == actual, (function.name, from_stub, actual)
print("installed pkgdemo works; its stub and inspect.signature agree")
