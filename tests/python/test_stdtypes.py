"""test_stdtypes.py: stdtypes.pyidl end to end: the standard bindings (std.*), unions,
zero-copy buffers, bound classes and enums inside containers, and a user type map from
another .pyidl file. Each check is a code string run here and inside isolated
sub-interpreters (four at once, each with its own GIL), so both runs are the same test:
its `result` is a list of (what, value) pairs compared with the expected ones.
"""
import unittest

import stdtypes
from subinterpreters import run_in_parallel

# Round trips. Conversions in both directions, and the Python types that come back.
ROUND_TRIPS = r"""
import array, datetime, os, pathlib
import stdtypes as m

utc = datetime.timezone.utc
result = [
    ("deque", m.reverse_deque([1, 2, 3])), ("deque from tuple", m.reverse_deque((4, 5))),
    ("deque empty", m.reverse_deque([])),
    ("list", m.reverse_list(["a", "b"])),
    ("array", m.scale([1.0, 2.0, 3.5], 2)),
    ("pair", m.swap((1, "x"))),
    ("unordered_map", sorted(m.invert(dict(a=1, b=2)).items())),
    ("unordered_set", sorted(m.unique([3, 1, 3, 2, 1]))),
    ("unordered_set type", type(m.unique([1])).__name__),
    ("nested", m.nested([[1, 2], (3, 4)])),
    ("string_view", m.utf8_length("h\u00e9llo \u2603")),
    ("string_view out", m.first_word("hello world")),
    ("complex", m.conjugate(1 + 2j)), ("complex from int", m.conjugate(3)),
    ("complex from float", m.conjugate(2.5)),
    ("timedelta", m.double_span(datetime.timedelta(seconds=1.5, microseconds=1))),
    ("negative timedelta", m.double_span(datetime.timedelta(microseconds=-3))),
    ("seconds truncate", m.to_seconds(datetime.timedelta(seconds=2, microseconds=999999))),
    ("datetime aware", m.add_hours(datetime.datetime(2026, 11, 25, 12, tzinfo=utc), 3)),
    ("datetime tz", m.add_hours(datetime.datetime(2026, 1, 1, tzinfo=utc), 0).tzinfo is utc),
    ("path from str", m.parent_of("/a/b/c.txt")),
    ("path from Path", m.parent_of(pathlib.Path("rel/dir/x"))),
    ("path from bytes", m.parent_of(b"/x/y")),
    ("path non-ascii", m.parent_of("/t\u00e9st/\u2603/f")),
    ("path type", type(m.parent_of("/a/b")) is type(pathlib.Path("/"))),
    ("int128", m.twice_128(2**100)), ("int128 negative", m.twice_128(-(2**126))),
    ("uint128 max", m.max_u128() == 2**128 - 1),
    ("wrapping -1", m.low_bits(-1)), ("wrapping big", m.low_bits(2**70 + 5)),
    ("wrapping u8", m.low_byte(0x1234)),
    ("union int", m.describe(7)), ("union str", m.describe("x")),
    ("union list", m.describe([1.0, 2.0])), ("union default", m.describe()),
    ("union out", (m.parse("12"), m.parse("1.5"), m.parse(""))),
    ("union out types", (type(m.parse("12")).__name__, type(m.parse("1.5")).__name__)),
    ("buffer bytes", m.checksum(b"\x01\x02\x03")),
    ("buffer bytearray", m.checksum(bytearray(b"\xff\x01"))),
    ("buffer memoryview", m.checksum(memoryview(b"abcdef")[1:3])),
    ("buffer array", m.sum_floats(array.array("d", [1.5, 2.5, 4.0]))),
    ("buffer empty", m.sum_floats(array.array("d"))),
    ("vec3", m.norm((3.0, 4.0, 12.0))),
    ("vec3 list", m.centroid([(0.0, 0.0, 0.0), (2.0, 4.0, 6)])),
    ("handle", m.next_handle(41)),
]
out = bytearray(4)
m.fill(out, 7)
result.append(("mutable buffer", bytes(out)))
view = memoryview(bytearray(6))[2:5]
m.fill(view, 9)
result.append(("mutable memoryview", bytes(view.obj)))
# Sub-interpreters send `result` back as its repr(); datetimes and paths are compared so.
result = [(what, repr(value)) for what, value in result]
"""


def expected_round_trips():
    import datetime
    import pathlib
    utc = datetime.timezone.utc
    expected = [
        ("deque", [3, 2, 1]), ("deque from tuple", [5, 4]), ("deque empty", []),
        ("list", ["b", "a"]),
        ("array", [2.0, 4.0, 7.0]),
        ("pair", ("x", 1)),
        ("unordered_map", [(1, "a"), (2, "b")]),
        ("unordered_set", [1, 2, 3]),
        ("unordered_set type", "set"),
        ("nested", [(2, 1), (4, 3)]),
        ("string_view", len("h\u00e9llo \u2603".encode())),
        ("string_view out", "hello"),
        ("complex", 1 - 2j), ("complex from int", complex(3, -0.0)), ("complex from float", complex(2.5, -0.0)),
        ("timedelta", datetime.timedelta(seconds=3, microseconds=2)),
        ("negative timedelta", datetime.timedelta(microseconds=-6)),
        ("seconds truncate", 2),
        ("datetime aware", datetime.datetime(2026, 11, 25, 15, tzinfo=utc)),
        ("datetime tz", True),
        ("path from str", pathlib.Path("/a/b")),
        ("path from Path", pathlib.Path("rel/dir")),
        ("path from bytes", pathlib.Path("/x")),
        ("path non-ascii", pathlib.Path("/t\u00e9st/\u2603")),
        ("path type", True),
        ("int128", 2**101), ("int128 negative", -(2**127)),
        ("uint128 max", True),
        ("wrapping -1", 2**64 - 1), ("wrapping big", 5),
        ("wrapping u8", 0x34),
        ("union int", "int 7"), ("union str", "str x"),
        ("union list", "list of 2"), ("union default", "int 0"),
        ("union out", (12, 1.5, None)),
        ("union out types", ("int", "float")),
        ("buffer bytes", 6), ("buffer bytearray", 256),
        ("buffer memoryview", ord("b") + ord("c")),
        ("buffer array", 8.0), ("buffer empty", 0.0),
        ("vec3", 13.0), ("vec3 list", (1.0, 2.0, 3.0)), ("handle", 42),
        ("mutable buffer", b"\x07" * 4),
        ("mutable memoryview", b"\x00\x00\x09\x09\x09\x00"),
    ]
    return [(what, repr(value)) for what, value in expected]


# Bound classes and enums inside containers: values are copied in and out, and what comes
# back is an instance of the calling module object's own class.
CLASSES_IN_CONTAINERS = r"""
import stdtypes as m
a, b, c = m.Item("a", 1), m.Item("b", 5), m.Item("c", 3)
light, heavy = m.split([a, b, c], 3)
made = m.item_or_count(4)
result = [
    ("total", m.total_weight([a, b, c])), ("total of tuple", m.total_weight((b,))),
    ("heaviest", m.heaviest(dict(a=a, b=b)).name), ("heaviest none", m.heaviest(dict())),
    ("split", ([i.name for i in light], [i.name for i in heavy])),
    ("split types", set(type(i) is m.Item for i in light + heavy)),
    ("copies", light[0] is not a and light[0].name == "a"),
    ("optional items", m.maybe_items([a, None, b, None])),
    ("union class in", m.item_or_count(b)),
    ("union class out", (type(made) is m.Item, made.name, made.weight)),
    ("palette", sorted((c.name, n) for c, n in m.palette([m.Color.RED, m.Color.BLUE, m.Color.RED]).items())),
    ("palette key type", set(type(k) is m.Color for k in m.palette([m.Color.GREEN]))),
    ("rotate", [int(c) for c in m.rotate([m.Color.RED, m.Color.GREEN, m.Color.BLUE])]),
    ("rotate types", set(type(c) is m.Color for c in m.rotate([m.Color.RED]))),
]
"""

EXPECTED_CLASSES = [
    ("total", 9), ("total of tuple", 5),
    ("heaviest", "b"), ("heaviest none", None),
    ("split", (["a", "c"], ["b"])),
    ("split types", {True}),
    ("copies", True),
    ("optional items", 2),
    ("union class in", 5),
    ("union class out", (True, "made", 4)),
    ("palette", [("BLUE", 1), ("RED", 2)]),
    ("palette key type", {True}),
    ("rotate", [2, 3, 1]),
    ("rotate types", {True}),
]

# Every error names the function, the parameter and, inside containers, the position; the
# exception types are those CPython's own functions raise.
ERRORS = r"""
import array, stdtypes as m

def error(call):
    try:
        call()
    except Exception as e:
        return (type(e).__name__, str(e))
    return None

result = [
    ("deque item", error(lambda: m.reverse_deque([1, "x"]))),
    ("deque type", error(lambda: m.reverse_deque("abc"))),
    ("array length", error(lambda: m.scale([1.0, 2.0], 1.0))),
    ("pair length", error(lambda: m.swap((1, "x", 2)))),
    ("map value", error(lambda: m.invert(dict(a="b")))),
    ("complex str", error(lambda: m.conjugate("1"))),
    ("timedelta number", error(lambda: m.double_span(1.5))),
    ("datetime str", error(lambda: m.add_hours("2026-01-01", 1))),
    ("path int", error(lambda: m.parent_of(3))),
    ("int128 overflow", error(lambda: m.twice_128(2**127))),
    ("wrapping float", error(lambda: m.low_bits(1.0))),
    ("union", error(lambda: m.describe(1.5))),
    ("union item", error(lambda: m.describe([1.0, "x"]))),
    ("buffer str", error(lambda: m.checksum("abc"))),
    ("buffer format", error(lambda: m.sum_floats(array.array("i", [1])))),
    ("buffer readonly", error(lambda: m.fill(b"abc", 1))),
    ("buffer strided", error(lambda: m.checksum(memoryview(b"abcd")[::2]))),
    ("class item", error(lambda: m.total_weight([m.Item("a", 1), "b"]))),
    ("class value", error(lambda: m.heaviest(dict(a=1)))),
    ("enum item", error(lambda: m.palette([m.Color.RED, 2]))),
    ("vec3 length", error(lambda: m.norm((1.0, 2.0)))),
    ("handle range", error(lambda: m.next_handle(-1))),
]
"""


def run_here(code):
    namespace = {}
    exec(code, namespace)
    return namespace["result"]


class RoundTripTests(unittest.TestCase):
    maxDiff = None

    def test_round_trips_in_the_main_interpreter(self):
        self.assertEqual(run_here(ROUND_TRIPS), expected_round_trips())

    def test_round_trips_in_parallel_subinterpreters(self):
        for outcome in run_in_parallel([ROUND_TRIPS] * 4):
            self.assertEqual(outcome, expected_round_trips())

    def test_a_buffer_argument_is_not_copied(self):
        # While the C++ call holds the bytearray's buffer, the bytearray cannot be resized;
        # after it returns, it can: the argument was a view, released at the end of the call.
        data = bytearray(b"\x01\x02")
        stdtypes.checksum(data)
        data.extend(b"\x03")
        self.assertEqual(stdtypes.checksum(data), 6)


class ClassesInContainersTests(unittest.TestCase):
    maxDiff = None

    def test_in_the_main_interpreter(self):
        self.assertEqual(run_here(CLASSES_IN_CONTAINERS), EXPECTED_CLASSES)

    def test_in_parallel_subinterpreters(self):
        for outcome in run_in_parallel([CLASSES_IN_CONTAINERS] * 4):
            self.assertEqual(outcome, EXPECTED_CLASSES)

    def test_an_instance_of_another_module_object_is_refused(self):
        # Another module object (here: of a sub-interpreter) has its own Item class.
        import importlib.util
        spec = importlib.util.find_spec("stdtypes")
        other = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(other)
        self.assertIsNot(other.Item, stdtypes.Item)
        with self.assertRaises(TypeError) as caught:
            stdtypes.total_weight([other.Item("x", 1)])
        self.assertEqual(str(caught.exception),
                         "total_weight() argument 'items': item 0 must be Item, not stdtypes.Item")


class ErrorTests(unittest.TestCase):
    maxDiff = None

    def test_errors_in_the_main_interpreter_and_in_subinterpreters(self):
        here = run_here(ERRORS)
        for name, outcome in here:
            self.assertIsNotNone(outcome, name)
        self.assertEqual(dict(here), EXPECTED_ERRORS)
        for outcome in run_in_parallel([ERRORS] * 2):
            self.assertEqual(outcome, here)


EXPECTED_ERRORS = {'array length': ('TypeError', "scale() argument 'v' must be a sequence of length 3, not 2"),
 'buffer format': ('TypeError',
                   "sum_floats() argument 'xs' must be buffer of float64 (format 'd'), not "
                   "array.array with format 'i'"),
 'buffer readonly': ('TypeError',
                     "fill() argument 'out' must be read-write buffer of uint8 (format 'B'), "
                     'not bytes'),
 'buffer str': ('TypeError', "checksum() argument 'data' must be bytes-like object, not str"),
 'buffer strided': ('BufferError', "checksum() argument 'data' is not C-contiguous"),
 'class item': ('TypeError', "total_weight() argument 'items': item 1 must be Item, not str"),
 'class value': ('TypeError',
                 "heaviest() argument 'items': value for key 'a' must be Item, not int"),
 'complex str': ('TypeError', "conjugate() argument 'z' must be complex, not str"),
 'datetime str': ('TypeError', "add_hours() argument 't' must be datetime.datetime, not str"),
 'deque item': ('TypeError', "reverse_deque() argument 'xs': item 1 must be int, not str"),
 'deque type': ('TypeError', "reverse_deque() argument 'xs' must be list or tuple, not str"),
 'enum item': ('TypeError', "palette() argument 'colors': item 1 must be Color, not int"),
 'handle range': ('OverflowError', "can't convert negative int to unsigned"),
 'int128 overflow': ('OverflowError', 'Python int too large to convert to C __int128'),
 'map value': ('TypeError', "invert() argument 'm': value for key 'a' must be int, not str"),
 'pair length': ('TypeError', "swap() argument 'p' must be a tuple of length 2, not 3"),
 'path int': ('TypeError',
              "parent_of() argument 'p' must be str, bytes or os.PathLike, not int"),
 'timedelta number': ('TypeError',
                      "double_span() argument 'd' must be datetime.timedelta, not float"),
 'union': ('TypeError', "describe() argument 'v' must be int, str, list or tuple, not float"),
 'union item': ('TypeError', "describe() argument 'v': item 1 must be float, not str"),
 'vec3 length': ('TypeError', "norm() argument 'v' must be a tuple of length 3, not 2"),
 'wrapping float': ('TypeError', "low_bits() argument 'seed' must be int, not float")}


if __name__ == "__main__":
    unittest.main()
