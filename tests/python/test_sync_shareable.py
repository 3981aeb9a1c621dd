"""test_sync_shareable.py: instances of a @shareable class cross interpreters by pickling:
the receiver gets its own type around the same C++ object, both sides may mutate it (its
lock keeps the racy fixture exact), it is destroyed exactly once, and a token that was
never issued, or was used already, is a ValueError rather than a pointer.
"""
import copy
import pickle
import unittest

import sync
from subinterpreters import Interpreter, InterpreterError, run_in_parallel

DEPOSITS = 2000

# Receives an Account, checks it is the sender's C++ object, and mutates it.
RECEIVE = """
import pickle, sync
account = pickle.loads(data)
account.deposit(5)
result = (account.address(), account.balance(), type(account) is sync.Account, id(sync.Account))
"""

# `data` holds one pickle per interpreter (a tuple of bytes, pickled itself: 3.12 cannot share
# tuples between interpreters); each adopts its own.
DEPOSIT_IN_PARALLEL = """
import pickle, sync
account = pickle.loads(pickle.loads(data)[index])
for _ in range({deposits}):
    account.deposit(1)
"""


class TransferTests(unittest.TestCase):
    def test_object_crosses_to_another_interpreter_without_copy(self):
        account = sync.Account(10)
        with Interpreter() as interp:
            address, balance, own_type, type_id = interp.run(RECEIVE, data=pickle.dumps(account))
            self.assertEqual(address, account.address())
            self.assertEqual(balance, 15)
            self.assertTrue(own_type)
            self.assertNotEqual(type_id, id(sync.Account))  # the receiver's own class
            self.assertEqual(account.balance(), 15)  # seen from here too
            account.deposit(100)
            self.assertEqual(interp.run("result = account.balance()"), 115)

    def test_both_sides_mutate_in_parallel(self):
        account = sync.Account(0)
        tokens = pickle.dumps(tuple(pickle.dumps(account) for _ in range(4)))
        run_in_parallel([DEPOSIT_IN_PARALLEL.format(deposits=DEPOSITS)] * 4, data=tokens)
        self.assertEqual(account.balance(), 4 * DEPOSITS)

    def test_destroyed_once_when_the_last_wrapper_dies(self):
        destroyed = sync.accounts_destroyed()
        alive = sync.accounts_alive()
        account = sync.Account(1)
        with Interpreter() as interp:
            interp.run(RECEIVE, data=pickle.dumps(account))
        # The receiver is gone; this wrapper still holds the object.
        self.assertEqual(sync.accounts_destroyed(), destroyed)
        self.assertEqual(account.balance(), 6)
        del account
        self.assertEqual(sync.accounts_destroyed(), destroyed + 1)
        self.assertEqual(sync.accounts_alive(), alive)

    def test_sender_may_go_first(self):
        destroyed = sync.accounts_destroyed()
        with Interpreter() as interp:
            data = interp.run("import pickle, sync\nresult = pickle.dumps(sync.Account(42))")
        # The sending interpreter and its wrapper are gone; the token still owns the object.
        self.assertEqual(sync.accounts_destroyed(), destroyed)
        received = pickle.loads(data)
        self.assertEqual(received.balance(), 42)
        del received
        self.assertEqual(sync.accounts_destroyed(), destroyed + 1)

    def test_copy_shares_the_object(self):
        account = sync.Account(3)
        same = copy.copy(account)
        self.assertIsNot(same, account)
        self.assertEqual(same.address(), account.address())


class BadTokenTests(unittest.TestCase):
    def test_a_token_works_once(self):
        data = pickle.dumps(sync.Account(1))
        pickle.loads(data)
        with self.assertRaisesRegex(ValueError, "transfer token"):
            pickle.loads(data)

    def test_a_token_works_once_across_interpreters(self):
        data = pickle.dumps(sync.Account(1))
        pickle.loads(data)
        with Interpreter() as interp:
            with self.assertRaises(InterpreterError) as caught:
                interp.run("import pickle\npickle.loads(data)", data=data)
        self.assertEqual(caught.exception.type_name, "ValueError")

    def test_forged_tokens(self):
        for token in (0, 1, 12345, 2**64 - 1):
            with self.subTest(token=token):
                with self.assertRaises(ValueError):
                    sync.Account.__pyidl_adopt__(token)
        with self.assertRaises(OverflowError):
            sync.Account.__pyidl_adopt__(-1)
        with self.assertRaises(TypeError):
            sync.Account.__pyidl_adopt__("1")

    def test_token_of_another_class(self):
        adopt, (token,) = sync.Note().__reduce__()
        with self.assertRaises(ValueError):
            sync.Account.__pyidl_adopt__(token)
        self.assertIsInstance(adopt(token), sync.Note)  # still waiting for its own class

    def test_reinitialization_is_refused(self):
        account = sync.Account(1)
        with self.assertRaisesRegex(RuntimeError, "already initialized"):
            account.__init__(2)
        self.assertEqual(account.balance(), 1)


if __name__ == "__main__":
    unittest.main()
