"""test_sync_serialized.py: @serialized modules and classes keep a thread-unsafe C++ library
exactly correct while interpreters with their own GIL call it in parallel.

The fixture (sync_impl.hpp) updates process-wide counters with a read-modify-write whose
window is widened by a yield, and counts calls that find another one running. Bound as is
(`sync.hit`) it loses updates under parallel interpreters, which shows the test can fail;
bound in a @serialized module (`sync.serialized.hit`) or class (`sync.Ledger`) it must not.
"""
import threading
import unittest

import sync
from subinterpreters import run_in_parallel

INTERPRETERS = 8
HITS = 3000
ROUNDS = 5  # attempts to make the unserialized binding lose an update

HIT = """
import sync
{call}({hits})
"""

LEDGER = """
import sync
ledger = sync.Ledger()
ledger.add({hits})
del ledger
"""


def hit_in_parallel(call, hits=HITS):
    sync.reset()
    run_in_parallel([HIT.format(call=call, hits=hits)] * INTERPRETERS)
    return sync.total(), sync.overlaps()


class SerializedModuleTests(unittest.TestCase):
    def test_unserialized_binding_loses_updates(self):
        """The control: without the lock the same library is visibly wrong."""
        for _ in range(ROUNDS):
            total, overlaps = hit_in_parallel("sync.hit")
            if total < INTERPRETERS * HITS:
                self.assertGreater(overlaps, 0)
                return
        self.skipTest(f"{ROUNDS} rounds of {INTERPRETERS} interpreters lost no update: the "
                      "machine ran them one after another, so the race could not be shown")

    def test_serialized_module_is_exact_in_parallel_interpreters(self):
        for _ in range(ROUNDS):
            total, overlaps = hit_in_parallel("sync.serialized.hit")
            self.assertEqual(total, INTERPRETERS * HITS)
            self.assertEqual(overlaps, 0)

    def test_released_serialized_calls_still_take_the_lock(self):
        """@release_gil lets other threads of the interpreter run, not into the library."""
        total, overlaps = hit_in_parallel("sync.serialized.hit_released")
        self.assertEqual((total, overlaps), (INTERPRETERS * HITS, 0))

    def test_main_interpreter_threads_and_sub_interpreters_together(self):
        sync.reset()
        threads = [threading.Thread(target=sync.serialized.hit_released, args=(HITS,))
                   for _ in range(4)]
        for thread in threads:
            thread.start()
        run_in_parallel([HIT.format(call="sync.serialized.hit", hits=HITS)] * 4)
        for thread in threads:
            thread.join()
        self.assertEqual((sync.total(), sync.overlaps()), (8 * HITS, 0))


class SerializedClassTests(unittest.TestCase):
    def test_one_lock_for_every_instance_in_every_interpreter(self):
        sync.reset_ledger()
        run_in_parallel([LEDGER.format(hits=HITS)] * INTERPRETERS)
        # Constructors and destructors touch the same count, under the same lock.
        self.assertEqual(sync.ledger_total(), INTERPRETERS * HITS)
        self.assertEqual(sync.ledger_overlaps(), 0)

    def test_main_interpreter_threads(self):
        sync.reset_ledger()
        ledgers = [sync.Ledger() for _ in range(4)]
        threads = [threading.Thread(target=ledger.add, args=(HITS,)) for ledger in ledgers]
        for thread in threads:
            thread.start()
        run_in_parallel([LEDGER.format(hits=HITS)] * 4)
        for thread in threads:
            thread.join()
        del ledgers
        self.assertEqual((sync.ledger_total(), sync.ledger_overlaps()), (8 * HITS, 0))


if __name__ == "__main__":
    unittest.main()
