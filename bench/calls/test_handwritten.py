"""test_handwritten.py: the per-call benchmark's yardstick, bench_handwritten, is
isolation-correct (otherwise comparing pyidl against it would be unfair): it imports and
behaves the same in isolated sub-interpreters with their own GIL, several at once, and
every module object is independent of the others and collectable.

Run: BENCH_MODULE_DIR=<build>/bench/calls/py313 python3.13 test_handwritten.py -v
(CTest does this as bench_smoke.handwritten.<tag>).
"""

import gc
import importlib.util
import os
import sys
import unittest
import weakref

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "support"))
from subinterpreters import Interpreter, run_in_parallel  # noqa: E402

MODULE_DIR = os.environ.get("BENCH_MODULE_DIR", "")
# The module under test: the yardstick by default; BENCH_MODULE_NAME=bench_pyidl runs the
# same checks on the generated contender (CTest bench_smoke.pyidl.<tag>).
NAME = os.environ.get("BENCH_MODULE_NAME", "bench_handwritten")

# Runs in every interpreter, main included, with `module_dir`, `module_name` and `index` as globals: each
# row of run_calls.py (the callback into this interpreter's own lambda too), plus enough calls that interpreters with their own GIL really run
# them at the same time (SerialCounter's from all of them through its one process-wide lock).
# The counters start at a per-interpreter value, so that state shared by mistake between
# interpreters would show.
PROBE = """
import sys
sys.path.insert(0, module_dir)
import importlib
m = importlib.import_module(module_name)
c = m.Counter(start=index * 1000)
for _ in range(20000):
    c.increment()
s = m.SerialCounter(start=index * 1000)
for _ in range(20000):
    s.increment()
sums = {m.sum_list(list(range(1000))) for _ in range(200)}
counters = sum(m.Counter(i).value for i in range(20000))
try:
    m.fail(1)
    failed = None
except ValueError as e:
    failed = str(e)
result = (m.noop(), m.add(1, 2), m.add(a=1, b=2), m.Counter().value,
          m.Counter(5).increment(by=2), c.value, sorted(sums), counters, m.greet("world"),
          failed, m.Counter.__module__, m.Counter.__qualname__, s.increment(0),
          m.SerialCounter(5).increment(by=2), m.SerialCounter.__qualname__,
          m.apply(lambda v: v + index, 1))
"""


def expected(index):
    return (None, 3, 3, 0, 7, index * 1000 + 20000, [499500], 199990000, "Hello, world!",
            "fail: code 1", NAME, "Counter", index * 1000 + 20000, 7, "SerialCounter",
            1 + index)


def load_new_module_object():
    """A new, independent module object (multi-phase init: one per load, not cached)."""
    path = next(os.path.join(MODULE_DIR, f) for f in os.listdir(MODULE_DIR)
                if f.startswith(NAME + ".") and f.endswith(importlib.machinery.EXTENSION_SUFFIXES[0]))
    spec = importlib.util.spec_from_file_location(NAME, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class HandwrittenIsolationTest(unittest.TestCase):
    def test_main_interpreter(self):
        namespace = {"module_dir": MODULE_DIR, "module_name": NAME, "index": 7}
        exec(PROBE, namespace)
        self.assertEqual(namespace["result"], expected(7))

    def test_four_isolated_interpreters_at_once(self):
        # Each has its own GIL, so the four probes really run in parallel.
        results = run_in_parallel([PROBE] * 4, module_dir=MODULE_DIR, module_name=NAME)
        self.assertEqual(results, [expected(i) for i in range(4)])

    def test_interpreters_created_and_destroyed_in_turn(self):
        # A module object dies with its interpreter (m_free, type dealloc); the next one
        # starts from scratch.
        for i in range(3):
            with Interpreter() as interp:
                self.assertEqual(interp.run(PROBE, module_dir=MODULE_DIR, module_name=NAME, index=i), expected(i))

    def test_module_objects_are_independent(self):
        first, second = load_new_module_object(), load_new_module_object()
        self.assertIsNot(first, second)
        self.assertIsNot(first.Counter, second.Counter)  # the class lives in module state
        self.assertIsNot(first.SerialCounter, second.SerialCounter)
        counter = first.Counter(3)
        self.assertNotIsInstance(counter, second.Counter)
        del first
        gc.collect()
        self.assertEqual(counter.increment(), 4)  # an instance keeps its class (and module) alive

    def test_module_object_is_collected(self):
        # module -> state -> Counter -> module is a cycle: m_traverse and tp_traverse must
        # report it, or the module object and its classes leak.
        module = load_new_module_object()
        counters = [module.Counter(1), module.SerialCounter(1)]
        refs = [weakref.ref(module), weakref.ref(module.Counter),
                weakref.ref(module.SerialCounter)]
        del module, counters
        gc.collect()
        self.assertEqual([ref() for ref in refs], [None, None, None])

    def test_instances_are_gc_tracked(self):
        module = load_new_module_object()
        for cls in (module.Counter, module.SerialCounter):
            self.assertTrue(gc.is_tracked(cls()))
            with self.assertRaises(TypeError):  # immutable, like a static type
                cls.increment = None


if __name__ == "__main__":
    if not os.path.isdir(MODULE_DIR):
        sys.exit("test_handwritten.py: set BENCH_MODULE_DIR to the folder holding "
                 f"{NAME} for this Python (got {MODULE_DIR!r})")
    unittest.main()
