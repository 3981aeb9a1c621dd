"""test_features.py: every construct of features.pyidl, called from Python."""
import enum
import gc
import inspect
import os
import sys
import unittest

import features as f


class FunctionTests(unittest.TestCase):
    def test_results(self):
        self.assertIsNone(f.noop())
        self.assertEqual(f.add(2, 3), 5)
        self.assertEqual(f.add(a=2, b=3), 5)
        self.assertEqual(f.add(2, b=3), 5)
        self.assertEqual(f.add_small(-1, 65535), 65534)
        self.assertEqual(f.echo_str("héllo ✓"), "héllo ✓")
        self.assertEqual(f.echo_bytes(b"\x00\xff"), b"\x00\xff")
        self.assertIsNone(f.echo_optional())
        self.assertEqual(f.echo_optional(7), 7)
        self.assertEqual(f.sum_list([1.5, 2, 3]), 6.5)
        self.assertEqual(f.sum_list((1.0, 2.0)), 3.0)
        self.assertEqual(f.count_words(["a", "b", "a"]), {"a": 2, "b": 1})
        self.assertEqual(f.unique([3, 1, 3]), {1, 3})
        self.assertEqual(f.pair(1, "x"), (1, "x"))
        self.assertIs(f.invert(False), True)

    def test_defaults_and_keywords(self):
        self.assertEqual(f.scale(0.25), 0.5)
        self.assertEqual(f.scale(0.75, 2.0, clamp=True), 1.0)
        self.assertEqual(f.scale(0.5, k=4), 2.0)
        self.assertEqual(f.only_positional(1), 110)
        self.assertEqual(f.only_positional(1, 2), 102)
        self.assertEqual(f.keyword_only(first="a"), "a:2")
        self.assertEqual(f.keyword_only(second=5, first="b"), "b:5")
        self.assertEqual(f.mixed(1, 2), [1, 2, 3])
        self.assertEqual(f.mixed(1, b=2, c=4), [1, 2, 4])

    def assertRaisesExactly(self, exc_type, message, func, *args, **kwargs):
        with self.assertRaises(exc_type) as cm:
            func(*args, **kwargs)
        self.assertIs(type(cm.exception), exc_type)
        self.assertEqual(str(cm.exception), message)

    def test_argument_errors_match_cpython(self):
        e = self.assertRaisesExactly
        e(TypeError, "add() missing required argument 'b' (pos 2)", f.add, 1)
        e(TypeError, "add() takes at most 2 arguments (3 given)", f.add, 1, 2, 3)
        e(TypeError, "add() argument 'a' must be int, not str", f.add, "1", 2)
        e(TypeError, "argument for scale() given by name ('v') and position (1)", f.scale, 1.0, v=2.0)
        # Like any Argument Clinic function, the count is checked before the names.
        e(TypeError, "add() takes at most 2 arguments (3 given)", f.add, 1, b=2, a=3)
        # As math.isclose(1, a=2) does: the missing argument is reported first.
        e(TypeError, "add() missing required argument 'b' (pos 2)", f.add, 1, a=2)
        if sys.version_info >= (3, 13):
            e(TypeError, "scale() got an unexpected keyword argument 'zzz'", f.scale, 1.0, zzz=3)
            e(TypeError, "scale() got an unexpected keyword argument 'clmap'. Did you mean 'clamp'?",
              f.scale, 1.0, clmap=True)
        else:
            e(TypeError, "'zzz' is an invalid keyword argument for scale()", f.scale, 1.0, zzz=3)
        e(TypeError, "noop() takes no arguments (1 given)", f.noop, 1)
        e(TypeError, "only_positional() argument 1 must be int, not float", f.only_positional, 1.5)
        # Argument Clinic words missing keyword-only arguments like positional ones.
        e(TypeError, "keyword_only() missing required argument 'first' (pos 1)", f.keyword_only)
        e(TypeError, "scale() argument 'clamp' must be bool, not int", f.scale, 1.0, clamp=1)

    def test_integer_ranges(self):
        e = self.assertRaisesExactly
        e(OverflowError, "Python int too large to convert to C long", f.add, 2**63, 1)
        self.assertEqual(f.add(2**62, 2**62 - 1), 2**63 - 1)
        self.assertEqual(f.add(-2**63, 0), -2**63)
        with self.assertRaises(OverflowError):
            f.add_small(128, 0)
        with self.assertRaises(OverflowError):
            f.add_small(0, -1)
        with self.assertRaises(OverflowError):
            f.add_small(0, 65536)

    def test_strings(self):
        with self.assertRaises(UnicodeEncodeError):
            f.echo_str("\ud800")
        with self.assertRaises(TypeError):
            f.echo_str(b"bytes")
        with self.assertRaises(TypeError):
            f.echo_bytes("str")

    def test_container_errors_name_the_item(self):
        with self.assertRaises(TypeError) as cm:
            f.sum_list([1.0, "x"])
        self.assertEqual(str(cm.exception), "sum_list() argument 'xs': item 1 must be float, not str")

    def test_state_parameter(self):
        start = f.total()
        self.assertEqual(f.bump(), start + 1)
        self.assertEqual(f.bump(by=10), start + 11)
        self.assertEqual(f.total(), start + 11)
        with self.assertRaises(TypeError):
            f.bump(state=1)


class ExceptionTests(unittest.TestCase):
    def test_std_exceptions_map_to_python(self):
        cases = {
            "invalid_argument": (ValueError, "bad argument"),
            "domain_error": (ValueError, "bad domain"),
            "out_of_range": (IndexError, "index out of range"),
            "overflow_error": (OverflowError, "too big"),
            "bad_alloc": (MemoryError, ""),
            "runtime_error": (RuntimeError, "plain failure"),
            "int": (RuntimeError, "unknown C++ exception"),
        }
        for kind, (exc_type, message) in cases.items():
            with self.subTest(kind=kind):
                with self.assertRaises(exc_type) as cm:
                    f.fail_with(kind)
                self.assertIs(type(cm.exception), exc_type)
                if message:
                    self.assertEqual(str(cm.exception), message)

    def test_declared_exceptions(self):
        self.assertTrue(issubclass(f.FeatureError, ValueError))
        self.assertTrue(issubclass(f.DerivedError, f.FeatureError))
        self.assertEqual(f.FeatureError.__module__, "features")
        self.assertEqual(f.FeatureError.__doc__, "Raised by fail_declared.")
        with self.assertRaises(f.FeatureError) as cm:
            f.fail_declared("degenerate")
        self.assertIs(type(cm.exception), f.FeatureError)
        self.assertEqual(str(cm.exception), "degenerate")
        with self.assertRaises(f.DerivedError):
            f.fail_declared("derived", True)


class EnumTests(unittest.TestCase):
    def test_enum_and_flag_are_real_enums(self):
        self.assertTrue(issubclass(f.Color, enum.IntEnum))
        self.assertTrue(issubclass(f.Perm, enum.IntFlag))
        self.assertEqual([c.name for c in f.Color], ["RED", "GREEN", "BLUE"])
        self.assertEqual(f.Color.GREEN.value, 2)
        self.assertEqual(f.Color.__module__, "features")
        self.assertEqual(f.Perm.R | f.Perm.W, 6)

    def test_enum_conversions(self):
        self.assertIs(f.next_color(f.Color.RED), f.Color.GREEN)
        self.assertIs(f.next_color(f.Color.BLUE), f.Color.RED)
        self.assertTrue(f.has_write(f.Perm.R | f.Perm.W))
        self.assertFalse(f.has_write(f.Perm.X))
        self.assertEqual(f.default_color(), 2)
        with self.assertRaises(TypeError) as cm:
            f.next_color(1)
        self.assertEqual(str(cm.exception), "next_color() argument 'c' must be Color, not int")

    def test_constants(self):
        self.assertEqual(f.ANSWER, 42)
        self.assertEqual(f.GREETING, "hello")
        self.assertEqual(f.RATIO, 0.5)


class ClassTests(unittest.TestCase):
    def test_construction_and_members(self):
        p = f.Point(3.0, 4.0)
        self.assertEqual((p.x, p.y), (3.0, 4.0))
        self.assertEqual(p.norm, 5.0)
        self.assertEqual(f.Point().x, 0.0)
        self.assertEqual(f.Point(y=2).y, 2.0)
        p.x = 6
        self.assertEqual(p.x, 6.0)
        with self.assertRaises(AttributeError):
            p.y = 1.0
        with self.assertRaises(AttributeError):
            del p.x
        with self.assertRaises(TypeError) as cm:
            p.x = "a"
        self.assertEqual(str(cm.exception), "attribute 'x' must be float, not str")
        p.label = "corner"
        self.assertEqual(p.label, "corner")

    def test_methods(self):
        p = f.Point(1.0, 2.0)
        q = p.moved(1.0)
        self.assertIsInstance(q, f.Point)
        self.assertEqual((q.x, q.y), (2.0, 2.0))
        self.assertEqual(p.dot(q), 6.0)
        self.assertEqual(f.Point.origin().norm, 0.0)
        self.assertEqual(f.make_point(1, 1).x, 1.0)
        self.assertEqual(f.point_norm(f.Point(3, 4)), 5.0)
        self.assertIsNone(f.maybe_point(False))
        self.assertEqual(f.maybe_point(True).y, 2.0)
        with self.assertRaises(TypeError) as cm:
            p.dot(1)
        self.assertEqual(str(cm.exception), "dot() argument 'other' must be Point, not int")

    def test_special_methods(self):
        p, q = f.Point(1.0, 2.0), f.Point(3.0, 4.0)
        s = p + q
        self.assertEqual((s.x, s.y), (4.0, 6.0))
        self.assertTrue(p == f.Point(1.0, 2.0))
        self.assertFalse(p == q)
        self.assertTrue(p != q)  # derived from __eq__ by CPython
        self.assertFalse(p == 1)  # NotImplemented, then identity
        with self.assertRaises(TypeError):
            p + 1
        self.assertEqual(repr(p), "Point(1.000000, 2.000000)")
        self.assertEqual(len(p), 2)
        self.assertEqual((-p).x, -1.0)

    def test_type_is_heap_gc_and_immutable(self):
        self.assertTrue(f.Point.__flags__ & (1 << 9))  # Py_TPFLAGS_HEAPTYPE
        self.assertTrue(f.Point.__flags__ & (1 << 14))  # Py_TPFLAGS_HAVE_GC
        self.assertTrue(f.Point.__flags__ & (1 << 8))  # Py_TPFLAGS_IMMUTABLETYPE
        with self.assertRaises(TypeError):
            f.Point.extra = 1
        with self.assertRaises(TypeError):
            class Sub(f.Point):
                pass
        self.assertEqual(f.Point.__module__, "features")
        self.assertEqual(f.Point.__doc__, "A 2-D point.")
        self.assertTrue(gc.is_tracked(f.Point()))

    def test_init_twice_and_never(self):
        p = f.Point(1.0, 2.0)
        p.__init__(5.0)
        self.assertEqual((p.x, p.y), (5.0, 0.0))
        raw = f.Point.__new__(f.Point)
        with self.assertRaises(RuntimeError) as cm:
            raw.norm
        self.assertIn("not initialized", str(cm.exception))


class SignatureTests(unittest.TestCase):
    def test_text_signatures(self):
        self.assertEqual(str(inspect.signature(f.add)), "(a, b)")
        self.assertEqual(str(inspect.signature(f.scale)), "(v, k=2.0, *, clamp=False)")
        self.assertEqual(str(inspect.signature(f.only_positional)), "(a, b=10, /)")
        self.assertEqual(str(inspect.signature(f.mixed)), "(a, /, b, *, c=3)")
        self.assertEqual(str(inspect.signature(f.bump)), "(by=1)")
        self.assertEqual(str(inspect.signature(f.default_color)), "(c=<Color.GREEN: 2>)")
        # `$self` is positional-only, as in CPython's own methods (list.append: (self, object, /)).
        self.assertEqual(str(inspect.signature(f.Point.dot)), "(self, /, other)")
        self.assertEqual(str(inspect.signature(f.Point(1, 2).dot)), "(other)")
        self.assertEqual(str(inspect.signature(f.Point.origin)), "()")
        self.assertEqual(f.add.__doc__, "Sum of a and b.")

    def test_stub_agrees_with_runtime_signatures(self):
        stub_dir = os.environ.get("PYIDL_STUB_DIR", os.path.dirname(f.__file__))
        namespace = {}
        with open(os.path.join(stub_dir, "features.pyi"), encoding="utf-8") as stub:
            source = stub.read()
        exec(compile(source, "features.pyi", "exec"), namespace)
        for name in ["add", "scale", "only_positional", "keyword_only", "mixed", "bump",
                     "echo_optional", "noop", "fail_declared"]:
            with self.subTest(function=name):
                runtime = inspect.signature(getattr(f, name))
                declared = inspect.signature(namespace[name])
                self.assertEqual([(p.name, p.kind, p.default) for p in runtime.parameters.values()],
                                 [(p.name, p.kind, p.default) for p in declared.parameters.values()])
        for name in ["moved", "dot"]:
            with self.subTest(method=name):
                runtime = inspect.signature(getattr(f.Point, name))
                declared = inspect.signature(getattr(namespace["Point"], name))
                self.assertEqual(list(runtime.parameters), list(declared.parameters))


class SubmoduleTests(unittest.TestCase):
    def test_submodule_is_a_module_of_its_own(self):
        import features.geometry as g
        self.assertIs(g, f.geometry)
        self.assertIs(sys.modules["features.geometry"], g)
        self.assertEqual(g.__name__, "features.geometry")
        self.assertEqual(g.__doc__, "Submodule with its own functions, class and exception.")
        self.assertEqual(g.twice(21), 42)
        self.assertEqual(g.unit_point().x, 1.0)
        self.assertEqual(g.Point2.__module__, "features.geometry")
        self.assertTrue(issubclass(g.GeometryError, ValueError))
        self.assertIsNot(g.Point2, f.Point)  # same C++ type, its own Python type
        with self.assertRaises(TypeError):
            f.point_norm(g.Point2(1, 1))


class ModuleTests(unittest.TestCase):
    def test_module_declares_isolation(self):
        self.assertEqual(f.__doc__, "Test module: functions, classes, enums, exceptions and state.")
        self.assertEqual(f.__name__, "features")


if __name__ == "__main__":
    unittest.main()
