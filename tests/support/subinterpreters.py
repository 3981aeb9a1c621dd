"""subinterpreters.py: isolated sub-interpreters (own GIL) on Python 3.12 and 3.13+.

CPython has no public sub-interpreter API in these versions; 3.12 ships the private
``_xxsubinterpreters`` and 3.13 ``_interpreters``, with different calls. This module gives
the tests and the demo one small API over both:

    with Interpreter() as interp:          # isolated: own GIL, multi-phase modules only
        result = interp.run("import m; result = m.f()")   # returns repr-able `result`
    current_interpreter_id()               # also inside one: "from subinterpreters import ..."

Results come back through a pipe as ``repr()`` text evaluated with ``ast.literal_eval``,
so they must be plain literals (numbers, strings, tuples, lists, dicts, None) and
small: the pipe holds 64 KiB, and it is read only once the code has finished.
An exception inside the interpreter becomes ``InterpreterError`` with its type and
message.
"""
import ast
import os
import sys

try:  # 3.13+
    import _interpreters as _xi

    def _create():
        return _xi.create("isolated")

    def current_interpreter_id():
        """The id of the interpreter the calling thread runs in (0: the main one)."""
        return _xi.get_current()[0]

    def _exec(iid, code, shared):
        failure = _xi.exec(iid, code, shared)
        if failure is not None:
            raise InterpreterError(f"{failure.type.__name__}: {failure.msg}", failure.type.__name__)

except ImportError:  # 3.12
    import _xxsubinterpreters as _xi

    def _create():
        return _xi.create(isolated=True)

    def current_interpreter_id():
        """The id of the interpreter the calling thread runs in (0: the main one)."""
        return int(_xi.get_current())

    def _exec(iid, code, shared):
        try:
            _xi.run_string(iid, code, shared)
        except _xi.RunFailedError as e:
            # 3.12 formats the failure as "<class 'TypeName'>: message".
            text = str(e)
            name = text.split("'")[1].rsplit(".", 1)[-1] if text.startswith("<class '") else ""
            raise InterpreterError(text, name) from None


class InterpreterError(RuntimeError):
    """An exception raised inside a sub-interpreter; `type_name` is its class name."""

    def __init__(self, message, type_name):
        super().__init__(message)
        self.type_name = type_name


# The prologue every run gets: `result` is sent back through the pipe when the code ends.
_WRAPPER = """\
import os as _os
result = None
try:
{body}
finally:
    _os.write(_result_fd, repr(result).encode() + b"\\n")
    _os.close(_result_fd)
"""


class Interpreter:
    """An isolated sub-interpreter with its own GIL; destroyed by close() or `with`."""

    def __init__(self):
        self.id = _create()

    def run(self, code, **shared):
        """Runs `code` in this interpreter and returns the value it left in `result`.

        Keyword arguments become module globals of the interpreter's __main__; they must be
        shareable (None, bool, int, float, str, bytes). Raises InterpreterError if the code
        raised.
        """
        read_fd, write_fd = os.pipe()
        body = "\n".join("    " + line for line in code.splitlines()) or "    pass"
        try:
            _exec(self.id, _WRAPPER.format(body=body), dict(shared, _result_fd=write_fd))
            with os.fdopen(read_fd, "rb") as reader:
                text = reader.read().decode()
        except BaseException:
            os.close(read_fd)
            raise
        return ast.literal_eval(text.strip()) if text.strip() else None

    def close(self):
        if self.id is not None:
            _xi.destroy(self.id)
            self.id = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def run_in_parallel(codes, **shared):
    """Runs each code string in its own new isolated interpreter, all at once, one thread
    each. Returns their results in order; re-raises the first InterpreterError."""
    # Imported here, not at the top, because this module is imported inside sub-interpreters
    # too (current_interpreter_id). On 3.12 a sub-interpreter that imported threading on one
    # thread hangs when destroyed from another (threading._shutdown() waits for the thread
    # that imported it), so on 3.12 the codes run here must not import threading either.
    import threading

    interps = [Interpreter() for _ in codes]
    results = [None] * len(codes)
    errors = [None] * len(codes)
    start = threading.Barrier(len(codes))

    def worker(i):
        try:
            start.wait()
            results[i] = interps[i].run(codes[i], index=i, **shared)
        except BaseException as e:  # reported to the caller below
            errors[i] = e

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(codes))]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        for interp in interps:
            interp.close()
    for e in errors:
        if e is not None:
            raise e
    return results


def has_own_gil_interpreters():
    """True when this Python can create isolated interpreters with their own GIL."""
    return sys.version_info >= (3, 12)
