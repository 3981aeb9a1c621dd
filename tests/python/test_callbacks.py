"""test_callbacks.py: Python callables passed to C++ (Callable[...] in callbacks.pyidl): called
from plain C++ threads, each call lands in the interpreter the callable came from, in the
main interpreter and in isolated sub-interpreters running in parallel; conversions both
ways; errors on the caller's thread and on C++ threads; callables outliving their
interpreter.

Checks that must also hold in a sub-interpreter are code strings, run by exec() here and
inside the sub-interpreters, so both runs are the same test; each leaves its verdict in
`result`.
"""
import os
import subprocess
import sys
import textwrap
import threading
import unittest

import callbacks
from subinterpreters import Interpreter, current_interpreter_id, run_in_parallel

THREADS = 4
CALLS = 25

# Two callbacks, each recording the interpreter every call runs in; fired from `threads`
# plain C++ threads (no thread state of their own), `calls` times each, while this
# interpreter's thread waits detached.
FIRE_FROM_THREADS = """
import callbacks
from subinterpreters import current_interpreter_id
callbacks.clear()
seen = ([], [])
for record in seen:
    callbacks.register(lambda n, record=record: record.append((n, current_interpreter_id())))
callbacks.fire_from_threads(threads, calls)
callbacks.clear()
result = (current_interpreter_id(),
          sorted({interp for record in seen for _, interp in record}),
          [sorted(n for n, _ in record) for record in seen])
"""

# A callback raising on a C++ thread: its exception cannot leave the interpreter through
# that thread, so its type and message come back as the text of a RuntimeError.
RAISE_ON_A_THREAD = """
import callbacks
callbacks.clear()
def fail(n):
    raise ValueError(f"call {n} failed")
callbacks.register(fail)
try:
    callbacks.fire_from_threads(1, 1)
    result = "no error"
except RuntimeError as error:
    result = str(error)
finally:
    callbacks.clear()
"""


def run_here(code, **shared):
    namespace = dict(shared)
    exec(code, namespace)
    return namespace["result"]


class ThreadCallbackTests(unittest.TestCase):
    def check_fired(self, outcome):
        """Every call ran once, in the interpreter that registered the callbacks; returns its id."""
        own, interpreters, numbers = outcome
        self.assertEqual(interpreters, [own])
        self.assertEqual(numbers, [list(range(THREADS * CALLS))] * 2)
        return own

    def test_callbacks_from_cxx_threads_run_in_the_main_interpreter(self):
        outcome = run_here(FIRE_FROM_THREADS, threads=THREADS, calls=CALLS)
        self.assertEqual(self.check_fired(outcome), 0)

    def test_callbacks_from_cxx_threads_run_in_their_own_subinterpreter(self):
        # The main interpreter fires at the same time, so calls into five interpreters overlap.
        main_outcome = []
        main = threading.Thread(target=lambda: main_outcome.append(
            run_here(FIRE_FROM_THREADS, threads=THREADS, calls=CALLS)))
        main.start()
        try:
            outcomes = run_in_parallel([FIRE_FROM_THREADS] * 4, threads=THREADS, calls=CALLS)
        finally:
            main.join()
        self.assertEqual(self.check_fired(main_outcome[0]), 0)
        owns = [self.check_fired(outcome) for outcome in outcomes]
        self.assertEqual(len(set(owns)), 4)
        self.assertNotIn(current_interpreter_id(), owns)

    def test_error_on_a_cxx_thread_is_a_runtime_error(self):
        self.assertEqual(run_here(RAISE_ON_A_THREAD), "ValueError: call 0 failed")

    def test_error_on_a_cxx_thread_is_a_runtime_error_in_a_subinterpreter(self):
        with Interpreter() as interp:
            self.assertEqual(interp.run(RAISE_ON_A_THREAD), "ValueError: call 0 failed")

    def test_registry_is_per_module_object(self):
        callbacks.clear()
        callbacks.register(print)
        with Interpreter() as interp:
            self.assertEqual(interp.run("import callbacks\nresult = callbacks.registered()"), 0)
        self.assertEqual(callbacks.registered(), 1)
        callbacks.clear()


class ConversionTests(unittest.TestCase):
    def test_arguments_and_result_are_converted(self):
        self.assertEqual(callbacks.apply(lambda n, s: s * n, 3, "ab"), "ababab")
        self.assertEqual(callbacks.apply_detached(lambda n, s: f"{s}{n}", 7, "x"), "x7")

    def test_optional_callable(self):
        self.assertEqual(callbacks.apply_or_keep(5), 5)
        self.assertEqual(callbacks.apply_or_keep(5, None), 5)
        self.assertEqual(callbacks.apply_or_keep(5, lambda x: x * 2), 10)

    def test_a_callable_comes_back_as_itself(self):
        def double(x):
            return 2 * x
        self.assertIs(callbacks.echo(double), double)

    def test_a_cxx_function_becomes_a_python_callable(self):
        add3 = callbacks.make_adder(3)
        self.assertEqual(add3(4), 7)
        self.assertEqual(callbacks.apply_or_keep(1, add3), 4)
        self.assertIs(callbacks.echo(add3), add3)
        with self.assertRaisesRegex(TypeError, r"^function\(\) argument 1 must be int, not str$"):
            add3("4")
        with self.assertRaisesRegex(TypeError, r"takes 1 positional argument but 2 were given"):
            add3(1, 2)

    def test_not_callable_is_a_type_error(self):
        with self.assertRaisesRegex(TypeError, r"^register\(\) argument 'cb' must be callable, not int$"):
            callbacks.register(5)

    def test_stub_spells_callable(self):
        stub_dir = os.environ.get("PYIDL_STUB_DIR", os.path.dirname(callbacks.__file__))
        with open(os.path.join(stub_dir, "callbacks.pyi"), encoding="utf-8") as stub:
            source = stub.read()
        self.assertIn("def register(cb: collections.abc.Callable[[int], None]) -> None:", source)
        self.assertIn("def apply_or_keep(x: int, f: collections.abc.Callable[[int], int] | None = None)"
                      " -> int:", source)
        self.assertIn("def make_adder(n: int) -> collections.abc.Callable[[int], int]:", source)
        self.assertIn("def keep_until_exit(cb: collections.abc.Callable[[], None]) -> None:", source)


class ErrorTests(unittest.TestCase):
    def test_error_on_the_callers_thread_propagates_unchanged(self):
        original = ValueError("no")

        def fail(n, s):
            raise original
        with self.assertRaises(ValueError) as caught:
            callbacks.apply(fail, 1, "a")
        self.assertIs(caught.exception, original)

    def test_wrong_result_type_names_the_callback_result(self):
        with self.assertRaisesRegex(TypeError, r"^callback result must be str, not int$"):
            callbacks.apply(lambda n, s: n, 1, "a")

    def test_error_while_detached_is_a_runtime_error(self):
        def fail(n, s):
            raise KeyError(s)
        with self.assertRaisesRegex(RuntimeError, r"^KeyError: 'a'$"):
            callbacks.apply_detached(fail, 1, "a")


# A callable left in the registry of a sub-interpreter's module: when the interpreter is
# destroyed, its module state is freed and the callable released inside it, which its
# __del__ reports through a pipe (it keeps what it needs: the module globals are gone then).
# The callable's globals (this __main__) must not keep the module: that cycle runs through
# C++, where the garbage collector cannot see it, and would keep both alive for good.
LEAVE_IN_STATE = """
import callbacks, os
class Callback:
    def __init__(self):
        self.write, self.fd = os.write, released_fd
    def __call__(self, n):
        pass
    def __del__(self):
        self.write(self.fd, b"released")
callbacks.register(Callback())
result = callbacks.registered()
del callbacks
"""


class InterpreterLifetimeTests(unittest.TestCase):
    def test_callables_in_state_are_released_with_their_interpreter(self):
        read_fd, write_fd = os.pipe()
        with os.fdopen(read_fd, "rb") as reader:
            try:
                with Interpreter() as interp:
                    self.assertEqual(interp.run(LEAVE_IN_STATE, released_fd=write_fd), 1)
            finally:
                os.close(write_fd)
            self.assertEqual(reader.read(), b"released")

    def test_callable_outliving_its_interpreter(self):
        """Calling a callable whose interpreter has ended is a RuntimeError; at process exit
        (static destructors, after Python has finalized) it is dropped without a crash."""
        script = textwrap.dedent("""
            import callbacks
            from subinterpreters import Interpreter
            with Interpreter() as interp:
                interp.run("import callbacks\\ncallbacks.keep_until_exit(lambda: None)")
            callbacks.keep_until_exit(lambda: None)
            try:
                callbacks.call_kept()
            except RuntimeError as error:
                print(error)
        """)
        done = subprocess.run([sys.executable, "-X", "dev", "-c", script], capture_output=True,
                              text=True, timeout=120)
        self.assertEqual((done.returncode, done.stderr), (0, ""))
        self.assertRegex(done.stdout, r"^Python interpreter \d+ has been finalized or is finalizing;"
                                      r" nothing can run in it\n$")


if __name__ == "__main__":
    unittest.main()
