"""check_installed_abi3.py: the installed abi3demo (one cp312-abi3 wheel for every Python)
works, in the main interpreter and in an isolated sub-interpreter of this Python.

Run by packaging_test.py with the virtual environment's Python, from outside the build.
"""
import sys
import sysconfig
from pathlib import Path

import abi3demo
from subinterpreters import Interpreter

site = Path(sysconfig.get_paths()["platlib"])
assert Path(abi3demo.__file__) == site / "abi3demo.abi3.so", abi3demo.__file__
assert (site / "abi3demo.pyi").exists()

# The same checks in both interpreters; each interpreter has its own module object, so the
# state's counter starts again in the sub-interpreter.
CHECKS = """
import threading
import abi3demo

assert abi3demo.scale(1.5) == 3.0 and abi3demo.scale(1.0, 3.0, clamp=True) == 1.0
assert abi3demo.GREETING == "hello"
assert [abi3demo.bump(), abi3demo.bump()] == [1, 2]

# Called on a C++ thread while this one waits detached (@release_gil): each call attaches
# a fresh thread state of this interpreter, and a failure comes back as its text.
seen = []
abi3demo.call_from_thread(lambda n: seen.append((n, threading.get_ident())), 3)
assert [n for n, _ in seen] == [0, 1, 2], seen
assert all(ident != threading.get_ident() for _, ident in seen), seen
def boom(n):
    raise KeyError(n)
try:
    abi3demo.call_from_thread(boom, 1)
    raise AssertionError("no error from the thread")
except RuntimeError as error:
    assert str(error) == "KeyError: 0", str(error)

try:
    abi3demo.fail("no")
    raise AssertionError("no DemoError")
except abi3demo.DemoError as error:
    assert isinstance(error, ValueError) and str(error) == "no"
try:
    abi3demo.scale("x")
    raise AssertionError("no TypeError")
except TypeError as error:
    assert str(error) == "scale() argument 'x' must be float, not str", str(error)
# The one argument error 3.13 words differently: the same binary follows the interpreter.
try:
    abi3demo.scale(1.0, kk=2.0)
    raise AssertionError("no TypeError")
except TypeError as error:
    assert str(error) == unexpected_keyword, (str(error), unexpected_keyword)
result = "ok"
"""

if sys.version_info >= (3, 13):
    unexpected_keyword = "scale() got an unexpected keyword argument 'kk'. Did you mean 'k'?"
else:
    unexpected_keyword = "'kk' is an invalid keyword argument for scale()"

namespace = {"unexpected_keyword": unexpected_keyword}
exec(CHECKS, namespace)
assert namespace["result"] == "ok"
with Interpreter() as interp:
    assert interp.run(CHECKS, unexpected_keyword=unexpected_keyword) == "ok"
print("installed abi3demo works in the main interpreter and an isolated sub-interpreter")
