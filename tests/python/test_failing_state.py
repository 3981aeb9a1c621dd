"""test_failing_state.py: a `state` whose C++ constructor throws fails the import cleanly."""
import sys
import unittest

from subinterpreters import Interpreter, InterpreterError

CODE = """
import sys
try:
    import failing_state
except ImportError as e:
    result = (str(e), type(e.__cause__).__name__, str(e.__cause__), "failing_state" in sys.modules)
"""


class FailingStateTests(unittest.TestCase):
    def check(self, outcome):
        message, cause_type, cause, still_registered = outcome
        self.assertEqual(message, "failing_state: cannot create the module state (failing::Exploding)")
        self.assertEqual(cause_type, "RuntimeError")
        self.assertEqual(cause, "the state refuses to be built")
        self.assertFalse(still_registered)

    def test_import_fails_with_chained_import_error_every_time(self):
        for _ in range(3):
            namespace = {}
            exec(CODE, namespace)
            self.check(namespace["result"])

    def test_fails_the_same_way_in_sub_interpreters(self):
        for _ in range(3):
            with Interpreter() as interp:
                self.check(interp.run(CODE))


if __name__ == "__main__":
    unittest.main()
