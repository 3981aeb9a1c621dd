"""test_sync_release.py: @release_gil calls run without the interpreter, and the per-object
lock keeps calls on one object apart without deadlocks, in the main interpreter and in
isolated sub-interpreters.

Each check is a code string run twice, by exec() here and inside a sub-interpreter, so the
two runs are the same test; it leaves its verdict in `result`.
"""
import unittest

from subinterpreters import Interpreter

# A released call that waits for a flag only another thread of the same interpreter can set:
# if the wrapper kept the thread state attached, that thread could not run, and the C++ wait
# would time out (returning False) instead of hanging the test.
WAIT_FOR_ANOTHER_THREAD = """
import threading, time, sync
key = 7 + index
sync.clear_flag(key)
waited = []
waiter = threading.Thread(target=lambda: waited.append(sync.wait_for_flag(key, 30.0)))
waiter.start()
time.sleep(0.05)
sync.set_flag(key)
waiter.join()
result = waited
"""

# Threads calling released methods on one object never overlap inside C++ (its lock), while
# calls on different objects do (so the calls really run without the interpreter).
ONE_OBJECT_AT_A_TIME = """
import threading, sync
def hammer_all(workers, calls):
    start = threading.Barrier(len(workers))
    def hammer(worker):
        start.wait()
        for _ in range(calls):
            worker.work(300)
    threads = [threading.Thread(target=hammer, args=(w,)) for w in workers]
    for t in threads: t.start()
    for t in threads: t.join()
shared = sync.Worker()
hammer_all([shared] * 4, 50)
sync.reset_peak()
hammer_all([sync.Worker(), sync.Worker()], 100)
result = (shared.overlaps(), sync.peak_concurrency())
"""

# C++ calls back into Python while a call on the object runs; calling the object again from
# there must be a RuntimeError, not a deadlock: a released method, then an attached one.
REENTRANT_CALL = """
import sys, sync
worker = sync.Worker()
messages = []
for again in (lambda: worker.work(0), worker.overlaps):
    def hook():
        again()
    sys.pyidl_sync_hook = hook
    try:
        worker.call_hook()
        messages.append("no error")
    except RuntimeError as error:
        messages.append(str(error))
del sys.pyidl_sync_hook
worker.work(0)  # the lock was released after the errors
result = messages
"""


def run_here(code):
    namespace = {"index": 0}
    exec(code, namespace)
    return namespace["result"]


def run_in_subinterpreter(code):
    with Interpreter() as interp:
        return interp.run(code, index=1)


class ReleasedCallTests(unittest.TestCase):
    def check_wait(self, run):
        self.assertEqual(run(WAIT_FOR_ANOTHER_THREAD), [True])

    def check_one_object_at_a_time(self, run):
        overlaps, peak = run(ONE_OBJECT_AT_A_TIME)
        self.assertEqual(overlaps, 0)
        self.assertEqual(peak, 2)

    def check_reentrant_call(self, run):
        messages = run(REENTRANT_CALL)
        self.assertEqual(len(messages), 2)
        for message in messages:
            self.assertIn("re-entrant call", message)

    def test_other_threads_run_during_a_released_call(self):
        self.check_wait(run_here)

    def test_other_threads_run_during_a_released_call_in_a_subinterpreter(self):
        self.check_wait(run_in_subinterpreter)

    def test_released_calls_on_one_object_never_overlap(self):
        self.check_one_object_at_a_time(run_here)

    def test_released_calls_on_one_object_never_overlap_in_a_subinterpreter(self):
        self.check_one_object_at_a_time(run_in_subinterpreter)

    def test_reentrant_call_raises(self):
        self.check_reentrant_call(run_here)

    def test_reentrant_call_raises_in_a_subinterpreter(self):
        self.check_reentrant_call(run_in_subinterpreter)


class CriticalSectionTests(unittest.TestCase):
    """@critical_section costs nothing on GIL builds; the calls still work there."""

    def test_methods_operators_and_attributes(self):
        import sync
        v = sync.Vec(1.0, 2.0) + sync.Vec(3.0, 4.0)
        v.x = v.x + 1
        self.assertEqual((v.x, v.scaled(2.0).x), (5.0, 10.0))


if __name__ == "__main__":
    unittest.main()
