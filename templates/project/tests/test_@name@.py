"""test_@name@.py: the installed @name@ module, in the main interpreter and in an isolated
sub-interpreter with its own GIL. Run with `python -m unittest discover -s tests`."""
import inspect
import unittest

import @name@

try:  # Python 3.13
    import _interpreters

    def run_isolated(code):
        """Runs `code` in a new isolated sub-interpreter; fails the test if it raised."""
        interp = _interpreters.create("isolated")
        try:
            failure = _interpreters.exec(interp, code)
        finally:
            _interpreters.destroy(interp)
        if failure is not None:
            raise AssertionError(f"{failure.type.__name__}: {failure.msg}")
except ImportError:  # Python 3.12
    import _xxsubinterpreters as _interpreters

    def run_isolated(code):
        """Runs `code` in a new isolated sub-interpreter; fails the test if it raised."""
        interp = _interpreters.create(isolated=True)
        try:
            _interpreters.run_string(interp, code)
        except _interpreters.RunFailedError as error:
            raise AssertionError(str(error)) from None
        finally:
            _interpreters.destroy(interp)


class ModuleTest(unittest.TestCase):
    def test_greet(self):
        self.assertEqual(@name@.greet("world"), "hello, world")
        self.assertEqual(@name@.greet("world", excited=True), "hello, world!")

    def test_add(self):
        self.assertEqual(@name@.add(2, 3), 5)

    def test_wrong_arguments_raise_type_error(self):
        with self.assertRaises(TypeError):
            @name@.add(2, "3")
        with self.assertRaises(TypeError):
            @name@.greet("world", True)  # excited is keyword-only

    def test_signatures(self):
        self.assertEqual(str(inspect.signature(@name@.add)), "(a, b)")

    def test_isolated_subinterpreter(self):
        run_isolated("import @name@\nassert @name@.add(2, 3) == 5\n")


if __name__ == "__main__":
    unittest.main()
