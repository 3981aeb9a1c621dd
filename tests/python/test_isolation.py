"""test_isolation.py: a generated module is isolated by construction (PEP 489/630/684).

Each test would fail if the module kept process-wide Python state, was single-phase, did
not declare per-interpreter GIL support, or shared types between module objects.
"""
import ctypes
import importlib.util
import sys
import threading
import unittest

import features
from subinterpreters import Interpreter, InterpreterError, run_in_parallel

# PyModuleDef_Slot ids and values from CPython's moduleobject.h.
Py_mod_exec, Py_mod_multiple_interpreters, Py_mod_gil = 2, 3, 4
Py_MOD_PER_INTERPRETER_GIL_SUPPORTED, Py_MOD_GIL_NOT_USED = 2, 1


class PyModuleDefSlot(ctypes.Structure):
    _fields_ = [("slot", ctypes.c_int), ("value", ctypes.c_void_p)]


class PyModuleDef(ctypes.Structure):
    _fields_ = [
        ("ob_refcnt", ctypes.c_ssize_t), ("ob_type", ctypes.c_void_p),  # PyObject_HEAD
        ("m_init", ctypes.c_void_p), ("m_index", ctypes.c_ssize_t), ("m_copy", ctypes.c_void_p),
        ("m_name", ctypes.c_char_p), ("m_doc", ctypes.c_char_p), ("m_size", ctypes.c_ssize_t),
        ("m_methods", ctypes.c_void_p), ("m_slots", ctypes.POINTER(PyModuleDefSlot)),
        ("m_traverse", ctypes.c_void_p), ("m_clear", ctypes.c_void_p), ("m_free", ctypes.c_void_p),
    ]


def load_fresh_module_object(name="features"):
    """A second, independent module object for the same extension (PEP 489 allows many)."""
    spec = importlib.util.find_spec(name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class DeclarationTests(unittest.TestCase):
    def test_module_definition_slots(self):
        """Read the PyModuleDef the module exports: multi-phase, with the right slots."""
        library = ctypes.PyDLL(features.__file__)
        library.PyInit_features.restype = ctypes.POINTER(PyModuleDef)
        definition = library.PyInit_features().contents
        self.assertEqual(definition.m_name, b"features")
        self.assertGreater(definition.m_size, 0)  # module state, not globals
        self.assertTrue(definition.m_traverse and definition.m_clear and definition.m_free)
        slots = {}
        i = 0
        while definition.m_slots[i].slot != 0:
            slots.setdefault(definition.m_slots[i].slot, []).append(definition.m_slots[i].value or 0)
            i += 1
        self.assertEqual(len(slots[Py_mod_exec]), 1)  # PEP 793: at most one exec slot
        self.assertEqual(slots[Py_mod_multiple_interpreters], [Py_MOD_PER_INTERPRETER_GIL_SUPPORTED])
        if sys.version_info >= (3, 13):
            self.assertEqual(slots[Py_mod_gil], [Py_MOD_GIL_NOT_USED])
        else:
            self.assertNotIn(Py_mod_gil, slots)


class ModuleObjectTests(unittest.TestCase):
    def test_two_module_objects_share_nothing(self):
        other = load_fresh_module_object()
        self.assertIsNot(other, features)
        for name in ["Point", "Color", "Perm", "FeatureError", "DerivedError"]:
            with self.subTest(name=name):
                self.assertIsNot(getattr(other, name), getattr(features, name))
        self.assertIsNot(other.geometry, features.geometry)
        self.assertIsNot(other.geometry.Point2, features.geometry.Point2)
        before = features.total()
        other.bump(by=1000)
        self.assertEqual(features.total(), before)
        self.assertEqual(other.total(), 1000)

    def test_foreign_instance_is_a_type_error(self):
        other = load_fresh_module_object()
        foreign = other.Point(3, 4)
        with self.assertRaises(TypeError):
            features.point_norm(foreign)
        with self.assertRaises(TypeError):
            features.next_color(other.Color.RED)
        with self.assertRaises(TypeError):
            features.Point(1, 1).dot(foreign)
        with self.assertRaises(TypeError):
            features.Point(1, 1) + foreign
        # Each module object's exceptions are its own.
        with self.assertRaises(other.FeatureError):
            other.fail_declared("x")
        try:
            other.fail_declared("x")
        except features.FeatureError:
            self.fail("raised the other module object's exception type")
        except other.FeatureError:
            pass

    def test_reimport_after_deleting_from_sys_modules(self):
        saved = sys.modules.pop("features")
        try:
            again = importlib.import_module("features")
            self.assertIsNot(again, saved)
            self.assertEqual(again.add(1, 2), 3)
            self.assertIsNot(again.Point, saved.Point)
        finally:
            sys.modules["features"] = saved


# Runs inside each sub-interpreter: mutate this interpreter's module state, then check that
# nothing leaked in from the others running at the same time.
WORKER = """
import features, gc
for i in range(2000):
    features.bump(by=index + 1)
p = features.Point(index, 1.0)
for i in range(500):
    p = p + features.Point(1, 0)
try:
    features.fail_declared("boom")
except features.FeatureError as e:
    assert type(e) is features.FeatureError
assert features.total() == 2000 * (index + 1), features.total()
result = (features.total(), p.x, id(features.Point), features.Color.RED.value)
"""


class SubinterpreterTests(unittest.TestCase):
    def test_imports_in_an_isolated_interpreter(self):
        with Interpreter() as interp:
            self.assertEqual(interp.run("import features\nresult = features.add(2, 3)"), 5)

    def test_eight_interpreters_in_parallel_each_with_its_own_state(self):
        main_total = features.total()
        results = run_in_parallel([WORKER] * 8)
        for index, (total, x, type_id, red) in enumerate(results):
            self.assertEqual(total, 2000 * (index + 1))
            self.assertEqual(x, index + 500)
            self.assertEqual(red, 1)
        # Every interpreter created its own Point type.
        self.assertEqual(len({r[2] for r in results}), 8)
        self.assertNotIn(id(features.Point), {r[2] for r in results})
        self.assertEqual(features.total(), main_total)

    def test_main_and_sub_interpreters_run_at_the_same_time(self):
        stop = threading.Event()
        errors = []

        def main_worker():
            try:
                while not stop.is_set():
                    features.bump()
                    features.Point(1, 2) + features.Point(3, 4)
            except BaseException as e:
                errors.append(e)

        thread = threading.Thread(target=main_worker)
        thread.start()
        try:
            run_in_parallel([WORKER] * 4)
        finally:
            stop.set()
            thread.join()
        self.assertEqual(errors, [])

    def test_errors_inside_an_interpreter_are_that_interpreters_types(self):
        with Interpreter() as interp:
            result = interp.run(
                "import features\n"
                "try:\n"
                "    features.add('x', 1)\n"
                "except TypeError as e:\n"
                "    result = str(e)\n")
        self.assertEqual(result, "add() argument 'a' must be int, not str")


if __name__ == "__main__":
    unittest.main()
