// buffer_test.cpp: buffer-protocol arguments (zero copy, formats, errors, held exports) and exporting C++ memory.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include "pyidl/critical_section.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

using pyidl::arg_context;
using pyidl::ref;
using pyidl_test::take_error;

namespace {

const arg_context ctx_xs = arg_context::parameter("f", "xs", 1);

// A C++ API of the kind a buffer parameter is for.
double sum(std::span<const double> xs) { return std::accumulate(xs.begin(), xs.end(), 0.0); }
void fill(std::span<double> xs, double value) {
  for (double& x : xs) x = value;
}

// The conversions generated code relies on, and the ones that must not exist.
static_assert(std::is_convertible_v<pyidl::buffer&, std::span<const std::byte>>);
static_assert(std::is_convertible_v<pyidl::buffer_of<double>&, std::span<const double>>);
static_assert(std::is_convertible_v<const pyidl::buffer_of<double>&, std::span<const double>>);
static_assert(!std::is_convertible_v<pyidl::buffer_of<double>&, std::span<double>>);
static_assert(std::is_convertible_v<pyidl::mutable_buffer_of<double>&, std::span<double>>);
static_assert(std::is_convertible_v<pyidl::mutable_buffer_of<double>&, std::span<const double>>);
static_assert(std::is_convertible_v<pyidl::mutable_buffer&, std::span<std::byte>>);
static_assert(std::is_convertible_v<pyidl::mutable_buffer&, std::span<const std::byte>>);
static_assert(!std::is_convertible_v<pyidl::buffer_of<std::int32_t>&, std::span<const std::int64_t>>);
static_assert(!std::is_copy_constructible_v<pyidl::buffer> && std::is_nothrow_move_constructible_v<pyidl::buffer>);

// Evaluates `expression` in `ns` (a dict); a Python error fails the test.
ref eval_in(const ref& ns, const std::string& expression) {
  ref result = ref::steal(PyRun_String(expression.c_str(), Py_eval_input, ns.get(), ns.get()));
  if (!result) {
    FAIL("Python error: " << take_error() << "\nin: " << expression);
  }
  return result;
}

// Evaluates `expression` in `ns` and compares it with `expected` (another expression).
bool py_equal(const ref& ns, const std::string& expression, const std::string& expected) {
  ref a = eval_in(ns, expression);
  ref b = eval_in(ns, expected);
  return PyObject_RichCompareBool(a.get(), b.get(), Py_EQ) == 1;
}

void set(const ref& ns, const char* name, PyObject* value) {
  REQUIRE(PyDict_SetItemString(ns.get(), name, value) == 0);
}

std::uintptr_t address_of(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// Converts the object `name` of `ns` to T, requiring success.
template <class T>
void convert(const ref& ns, const char* name, T& out) {
  PyObject* obj = PyDict_GetItemString(ns.get(), name);
  REQUIRE(obj != nullptr);
  const bool ok = pyidl::from_python(obj, out, ctx_xs);
  INFO(name << ": " << take_error());
  REQUIRE(ok);
}

template <class T>
std::string error_of(const std::string& expression) {
  return pyidl_test::convert_error<T>(expression, ctx_xs);
}

}  // namespace

TEST_CASE("buffer: bytes, bytearray, memoryview and array are seen in place", "[buffer]") {
  ref ns = pyidl_test::exec(
      "import array, ctypes\n"
      "b = b'abcd'\n"
      "ba = bytearray(b'hello')\n"
      "mv = memoryview(ba)[1:4]\n"
      "mv_address = ctypes.addressof(ctypes.c_char.from_buffer(mv))\n"
      "arr = array.array('d', [1.5, 2.5, 3.0])\n"
      "arr_address = arr.buffer_info()[0]\n");

  pyidl::buffer b;
  convert(ns, "b", b);
  CHECK(b.data() == PyBytes_AsString(PyDict_GetItemString(ns.get(), "b")));
  CHECK(b.size_bytes() == 4);
  CHECK(std::string(b.format()) == "B");
  CHECK(b.itemsize() == 1);
  CHECK(b.ndim() == 1);
  CHECK(b.readonly());
  CHECK(b.owner() == PyDict_GetItemString(ns.get(), "b"));
  std::span<const std::byte> bytes = b;
  CHECK(bytes.size() == 4);
  CHECK(bytes[3] == std::byte{'d'});

  pyidl::buffer ba;
  convert(ns, "ba", ba);
  CHECK(ba.data() == PyByteArray_AsString(PyDict_GetItemString(ns.get(), "ba")));
  CHECK_FALSE(ba.readonly());

  pyidl::buffer mv;
  convert(ns, "mv", mv);
  CHECK(address_of(mv.data()) == PyLong_AsSize_t(eval_in(ns, "mv_address").get()));
  CHECK(address_of(mv.data()) == address_of(ba.data()) + 1);
  CHECK(mv.size_bytes() == 3);

  pyidl::buffer_of<double> arr;
  convert(ns, "arr", arr);
  CHECK(address_of(arr.data()) == PyLong_AsSize_t(eval_in(ns, "arr_address").get()));
  CHECK(arr.size() == 3);
  CHECK(arr.size_bytes() == 24);
  CHECK(std::string(arr.format()) == "d");
  CHECK(arr.itemsize() == 8);
  CHECK(arr[1] == 2.5);
  CHECK(sum(arr) == 7.0);  // the implicit conversion to std::span<const double>
  const std::span<const double> whole = arr;
  CHECK(whole.data() == arr.data());
}

TEST_CASE("buffer: writes through a mutable buffer are seen by the Python object", "[buffer]") {
  ref ns = pyidl_test::exec(
      "import array\n"
      "ba = bytearray(b'abc')\n"
      "arr = array.array('d', [1.0, 2.0])\n");
  {
    pyidl::mutable_buffer_of<std::uint8_t> bytes;
    convert(ns, "ba", bytes);
    bytes[0] = 'X';
    std::span<std::uint8_t> all = bytes;
    all[2] = 'Z';
    pyidl::mutable_buffer_of<double> doubles;
    convert(ns, "arr", doubles);
    fill(doubles, 4.25);  // the implicit conversion to std::span<double>
  }
  CHECK(py_equal(ns, "ba", "bytearray(b'XbZ')"));
  CHECK(py_equal(ns, "arr", "array.array('d', [4.25, 4.25])"));

  pyidl::mutable_buffer raw;  // any writable format, as bytes
  convert(ns, "arr", raw);
  CHECK(raw.size() == 16);
  raw.writable_bytes()[0] = std::byte{0};
}

TEST_CASE("buffer: the export is held while the buffer lives, and moves with it", "[buffer]") {
  ref ns = pyidl_test::exec("ba = bytearray(b'abcd')\n");
  auto resize = [&] { return ref::steal(PyRun_String("ba.append(1)", Py_eval_input, ns.get(), ns.get())); };
  {
    pyidl::buffer held;
    convert(ns, "ba", held);
    CHECK_FALSE(resize());
    CHECK(take_error() == "BufferError: Existing exports of data: object cannot be re-sized");

    pyidl::buffer moved(std::move(held));
    CHECK(held.owner() == nullptr);
    CHECK(held.size_bytes() == 0);
    CHECK_FALSE(resize());  // still exported, by `moved`
    CHECK(take_error() == "BufferError: Existing exports of data: object cannot be re-sized");
    // bytearray's export points shape at the Py_buffer's own `len`; it must follow the move
    // (held's copy of len is 0 now).
    REQUIRE(moved.shape().size() == 1);
    CHECK(moved.shape()[0] == 4);

    pyidl::buffer assigned;
    assigned = std::move(moved);
    CHECK(assigned.shape()[0] == 4);
    assigned.reset();
    CHECK(assigned.owner() == nullptr);
    CHECK(resize());  // released by reset()
    convert(ns, "ba", assigned);
  }
  CHECK(resize());  // released by the destructor
}

TEST_CASE("buffer: what is refused, in CPython's words, naming the parameter", "[buffer]") {
  using pyidl::buffer;
  using pyidl::buffer_of;
  using pyidl::mutable_buffer;
  using pyidl::mutable_buffer_of;

  // Not a buffer at all: Argument Clinic's "must be ..., not <type>".
  CHECK(error_of<buffer>("'abc'") == "TypeError: f() argument 'xs' must be bytes-like object, not str");
  CHECK(error_of<buffer>("None") == "TypeError: f() argument 'xs' must be bytes-like object, not None");
  CHECK(error_of<buffer_of<double>>("[1.0]") ==
        "TypeError: f() argument 'xs' must be buffer of float64 (format 'd'), not list");
  CHECK(error_of<mutable_buffer>("1") ==
        "TypeError: f() argument 'xs' must be read-write bytes-like object, not int");
  CHECK(pyidl_test::convert_error<buffer>("'abc'", arg_context::parameter("f", "xs", 2, true)) ==
        "TypeError: f() argument 2 must be bytes-like object, not str");

  // Read-only where writing is needed (readinto's and recv_into's words).
  CHECK(error_of<mutable_buffer>("b'abc'") ==
        "TypeError: f() argument 'xs' must be read-write bytes-like object, not bytes");
  CHECK(error_of<mutable_buffer>("memoryview(b'abc')") ==
        "TypeError: f() argument 'xs' must be read-write bytes-like object, not memoryview");
  CHECK(error_of<mutable_buffer_of<double>>("memoryview(bytes(16)).cast('d')") ==
        "TypeError: f() argument 'xs' must be read-write buffer of float64 (format 'd'), not memoryview");

  // Not C-contiguous: BufferError, as memoryview(b'abcd')[::2] gets from zlib.crc32.
  CHECK(error_of<buffer>("memoryview(b'abcd')[::2]") == "BufferError: f() argument 'xs' is not C-contiguous");
  CHECK(error_of<mutable_buffer>("memoryview(bytearray(b'abcd'))[::2]") ==
        "BufferError: f() argument 'xs' is not C-contiguous");
  CHECK(error_of<buffer_of<double>>("memoryview(bytearray(48)).cast('d')[::2]") ==
        "BufferError: f() argument 'xs' is not C-contiguous");

  // The wrong format.
  CHECK(error_of<buffer_of<double>>("__import__('array').array('i', [1])") ==
        "TypeError: f() argument 'xs' must be buffer of float64 (format 'd'), not array.array with format 'i'");
  CHECK(error_of<buffer_of<double>>("b'12345678'") ==
        "TypeError: f() argument 'xs' must be buffer of float64 (format 'd'), not bytes with format 'B'");
  CHECK(error_of<buffer_of<float>>("__import__('array').array('d', [1])") ==
        "TypeError: f() argument 'xs' must be buffer of float32 (format 'f'), not array.array with format 'd'");
  CHECK(error_of<buffer_of<std::int32_t>>("__import__('array').array('l', [1])") ==
        "TypeError: f() argument 'xs' must be buffer of int32 (format 'i'), not array.array with format 'l'");
  CHECK(error_of<buffer_of<std::int8_t>>("b'x'") ==
        "TypeError: f() argument 'xs' must be buffer of int8 (format 'b'), not bytes with format 'B'");
  CHECK(error_of<buffer_of<bool>>("b'x'") ==
        "TypeError: f() argument 'xs' must be buffer of bool (format '?'), not bytes with format 'B'");

  // Misaligned items (memoryview.cast does not check alignment).
  CHECK(error_of<buffer_of<double>>("memoryview(bytearray(17))[1:].cast('d')") ==
        "BufferError: f() argument 'xs' is not aligned for float64");

  // The exporter's own failure is kept.
  CHECK(error_of<buffer>("(lambda m: (m.release(), m)[1])(memoryview(b'ab'))") ==
        "ValueError: operation forbidden on released memoryview object");
}

TEST_CASE("buffer_of: formats are matched by kind and size", "[buffer]") {
  ref ns = pyidl_test::exec(
      "import array, ctypes\n"
      "longs = array.array('l', [1, -2])\n"         // 8-byte long here
      "quads = array.array('q', [3])\n"
      "ints = array.array('i', [4, 5])\n"
      "c_longs = (ctypes.c_int64 * 2)(6, 7)\n"       // format '<q'
      "c_double = ctypes.c_double(2.5)\n"            // 0-d, format '<d'
      "bools = memoryview(bytearray(b'\\x01\\x00')).cast('?')\n"
      "matrix = memoryview(bytearray(48)).cast('d', [2, 3])\n"
      "empty = array.array('d')\n");
  pyidl::buffer_of<std::int64_t> i64;
  convert(ns, "longs", i64);
  CHECK(i64[1] == -2);
  convert(ns, "quads", i64);
  CHECK(i64[0] == 3);
  convert(ns, "c_longs", i64);
  CHECK(std::string(i64.format()) == "<q");
  CHECK(i64[1] == 7);
  pyidl::buffer_of<long long> ll;  // a distinct C++ type of the same kind and size
  convert(ns, "longs", ll);
  pyidl::buffer_of<std::int32_t> i32;
  convert(ns, "ints", i32);
  CHECK(i32.size() == 2);
  pyidl::buffer_of<std::uint32_t> u32;
  CHECK_FALSE(pyidl::from_python(PyDict_GetItemString(ns.get(), "ints"), u32, ctx_xs));  // signedness counts
  take_error();
  pyidl::buffer_of<bool> bools;
  convert(ns, "bools", bools);
  CHECK(bools[0]);
  CHECK_FALSE(bools[1]);

  // A 0-d buffer is one item; an N-d C-contiguous one is its items in row-major order.
  pyidl::buffer_of<double> d;
  convert(ns, "c_double", d);
  CHECK(d.ndim() == 0);
  CHECK(d.shape().empty());
  REQUIRE(d.size() == 1);
  CHECK(d[0] == 2.5);
  convert(ns, "matrix", d);
  CHECK(d.ndim() == 2);
  CHECK(std::vector<Py_ssize_t>(d.shape().begin(), d.shape().end()) == std::vector<Py_ssize_t>{2, 3});
  CHECK(d.size() == 6);
  convert(ns, "empty", d);  // array's empty export points at a static char: any alignment
  CHECK(d.empty());
  CHECK(d.data() == nullptr);
  CHECK(sum(d) == 0.0);

  // std::byte takes anything.
  pyidl::buffer_of<std::byte> raw;
  convert(ns, "matrix", raw);
  CHECK(raw.size() == 48);
}

TEST_CASE("buffer: format_matches applies the struct module's size and byte-order rules", "[buffer]") {
  using pyidl::detail::element_type_of;
  using pyidl::detail::format_matches;
  constexpr auto i32 = element_type_of<std::int32_t>();
  constexpr auto i64 = element_type_of<std::int64_t>();
  constexpr auto u8 = element_type_of<std::uint8_t>();
  constexpr auto f64 = element_type_of<double>();
  constexpr auto boolean = element_type_of<bool>();
  CHECK(format_matches(nullptr, 1, u8));  // no format means 'B'
  CHECK(format_matches("@B", 1, u8));
  CHECK(format_matches("<l", 4, i32));  // standard size: 4 bytes
  CHECK_FALSE(format_matches("<l", 8, i64));
  CHECK(format_matches("l", 8, i64) == (sizeof(long) == 8));  // native size
  CHECK(format_matches("=q", 8, i64));
  CHECK(format_matches("n", 8, i64) == (sizeof(Py_ssize_t) == 8));
  CHECK_FALSE(format_matches("<n", 8, i64));  // 'n' has no standard size
  CHECK(format_matches("<d", 8, f64) == (std::endian::native == std::endian::little));
  CHECK(format_matches(">d", 8, f64) == (std::endian::native == std::endian::big));
  CHECK(format_matches("!b", 1, element_type_of<std::int8_t>()));  // one byte has no order
  CHECK_FALSE(format_matches("d", 4, f64));  // itemsize disagrees
  CHECK_FALSE(format_matches("2d", 16, f64));
  CHECK_FALSE(format_matches("T{d}", 8, f64));
  CHECK_FALSE(format_matches("", 1, u8));
  CHECK_FALSE(format_matches("c", 1, u8));
  CHECK_FALSE(format_matches("e", 2, element_type_of<std::int16_t>()));
  CHECK(format_matches("?", 1, boolean));
  CHECK_FALSE(format_matches("B", 1, boolean));
  CHECK(format_matches("T{d}", 8, element_type_of<std::byte>()));
}

TEST_CASE("buffer: back to Python as a memoryview of the same object", "[buffer]") {
  ref ns = pyidl_test::exec("ba = bytearray(b'xyz')\n");
  pyidl::mutable_buffer_of<std::uint8_t> buf;
  convert(ns, "ba", buf);
  ref view = ref::steal(pyidl::to_python(buf));
  REQUIRE(view);
  set(ns, "view", view.get());
  CHECK(py_equal(ns, "view.obj is ba", "True"));
  CHECK(py_equal(ns, "view.readonly", "False"));
  ref empty = ref::steal(pyidl::to_python(pyidl::buffer()));
  REQUIRE(empty);
  set(ns, "empty", empty.get());
  CHECK(py_equal(ns, "(type(empty), len(empty))", "(memoryview, 0)"));
}

// ---- exporting C++ memory ----------------------------------------------------------------

namespace {

int grids_destroyed = 0;  // test-only global; the runtime itself has none

// The C++ object of a bound class that exposes its doubles: the shape and strides it
// describes them with, and the export count its Python instance keeps.
struct grid {
  std::vector<double> values;
  std::vector<Py_ssize_t> shape;
  std::vector<Py_ssize_t> strides;  // empty: C-contiguous
  bool readonly = true;
  pyidl::buffer_exports exports;

  grid(std::vector<double> v, std::vector<Py_ssize_t> s, bool ro, std::vector<Py_ssize_t> st = {})
      : values(std::move(v)), shape(std::move(s)), strides(std::move(st)), readonly(ro) {}
  ~grid() { ++grids_destroyed; }
};

// What the generator would emit for a class exposing `grid::values`.
int grid_getbuffer(PyObject* self, Py_buffer* view, int flags) {
  pyidl::critical_section lock(self);
  grid* g = pyidl::instance_value_or_raise<grid>(self);
  if (g == nullptr) {
    return -1;
  }
  pyidl::buffer_info info = g->readonly
                                ? pyidl::buffer_info_of(static_cast<const double*>(g->values.data()), g->shape)
                                : pyidl::buffer_info_of(g->values.data(), g->shape);
  info.strides = g->strides;
  return pyidl::detail::export_buffer(self, view, flags, info, &g->exports) ? 0 : -1;
}

void grid_releasebuffer(PyObject* self, Py_buffer* view) {
  pyidl::critical_section lock(self);
  grid* g = pyidl::instance_value<grid>(self);
  pyidl::detail::release_exported_buffer(view, g != nullptr ? &g->exports : nullptr);
}

PyType_Slot grid_slots[] = {
    {Py_bf_getbuffer, reinterpret_cast<void*>(grid_getbuffer)},
    {Py_bf_releasebuffer, reinterpret_cast<void*>(grid_releasebuffer)},
    {Py_tp_dealloc, reinterpret_cast<void*>(pyidl::instance_dealloc<grid>)},
    {Py_tp_traverse, reinterpret_cast<void*>(pyidl::instance_traverse)},
    {0, nullptr}};

PyType_Spec grid_spec = {"test.Grid", sizeof(pyidl::instance<grid>), 0,
                         Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, grid_slots};

// A new Grid instance holding grid(args...).
template <class... Args>
ref make_grid(const ref& type, Args&&... args) {
  ref obj = ref::steal(PyObject_CallNoArgs(type.get()));
  REQUIRE(obj);
  pyidl::instance_construct<grid>(obj.get(), std::forward<Args>(args)...);
  return obj;
}

grid& grid_of(const ref& obj) { return *pyidl::instance_value<grid>(obj.get()); }

}  // namespace

TEST_CASE("export: memoryview sees the C++ memory with its shape, format and strides", "[buffer]") {
  ref type = ref::steal(PyType_FromSpec(&grid_spec));
  REQUIRE(type);
  ref ns = pyidl_test::exec("");
  ref line = make_grid(type, std::vector<double>{1.5, 2.5, 3.5}, std::vector<Py_ssize_t>{3}, true);
  ref matrix = make_grid(type, std::vector<double>{1, 2, 3, 4, 5, 6}, std::vector<Py_ssize_t>{2, 3}, false);
  ref column = make_grid(type, std::vector<double>{1, 2, 3, 4, 5, 6}, std::vector<Py_ssize_t>{3}, true,
                         std::vector<Py_ssize_t>{16});
  set(ns, "line", line.get());
  set(ns, "matrix", matrix.get());
  set(ns, "column", column.get());

  CHECK(py_equal(ns, "memoryview(line).tolist()", "[1.5, 2.5, 3.5]"));
  CHECK(py_equal(ns, "(lambda m: (m.format, m.itemsize, m.ndim, m.shape, m.strides, m.readonly, m.nbytes))(memoryview(line))",
                 "('d', 8, 1, (3,), (8,), True, 24)"));
  CHECK(py_equal(ns, "(lambda m: (m.shape, m.strides, m.c_contiguous, m.readonly))(memoryview(matrix))",
                 "((2, 3), (24, 8), True, False)"));
  CHECK(py_equal(ns, "memoryview(matrix).tolist()", "[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]"));
  CHECK(py_equal(ns, "(lambda m: (m.tolist(), m.strides, m.c_contiguous))(memoryview(column))",
                 "([1.0, 3.0, 5.0], (16,), False)"));

  // Zero copy both ways: the memoryview and pyidl's own consumer point at the vector.
  CHECK(py_equal(ns, "memoryview(line).obj is line", "True"));
  pyidl::buffer_of<double> seen;
  convert(ns, "line", seen);
  CHECK(seen.data() == grid_of(line).values.data());
  pyidl::mutable_buffer_of<double> writable;
  convert(ns, "matrix", writable);
  writable[5] = 60.0;
  CHECK(grid_of(matrix).values[5] == 60.0);
  eval_in(ns, "memoryview(matrix).__setitem__((0, 0), 10.0)");
  CHECK(grid_of(matrix).values[0] == 10.0);
}

TEST_CASE("export: the consumer's flags are honoured", "[buffer]") {
  ref type = ref::steal(PyType_FromSpec(&grid_spec));
  REQUIRE(type);
  ref ns = pyidl_test::exec("");
  ref line = make_grid(type, std::vector<double>{1, 2, 3}, std::vector<Py_ssize_t>{3}, true);
  ref matrix = make_grid(type, std::vector<double>(6), std::vector<Py_ssize_t>{2, 3}, false);
  ref column = make_grid(type, std::vector<double>(6), std::vector<Py_ssize_t>{3}, false,
                         std::vector<Py_ssize_t>{16});
  set(ns, "line", line.get());
  set(ns, "column", column.get());
  Py_buffer view;

  // A writable request on read-only memory.
  CHECK(PyObject_GetBuffer(line.get(), &view, PyBUF_WRITABLE) == -1);
  CHECK(take_error() == "BufferError: Object is not writable.");
  {
    pyidl::mutable_buffer_of<double> refused;
    CHECK_FALSE(pyidl::from_python(line.get(), refused, ctx_xs));
    CHECK(take_error() ==
          "TypeError: f() argument 'xs' must be read-write buffer of float64 (format 'd'), not test.Grid");
  }

  // PyBUF_SIMPLE: len unsigned bytes, nothing else.
  REQUIRE(PyObject_GetBuffer(line.get(), &view, PyBUF_SIMPLE) == 0);
  CHECK(view.obj == line.get());
  CHECK(view.buf == grid_of(line).values.data());
  CHECK(view.len == 24);
  CHECK(view.itemsize == 1);
  CHECK(view.ndim == 1);
  CHECK(view.format == nullptr);
  CHECK(view.shape == nullptr);
  CHECK(view.strides == nullptr);
  CHECK(view.readonly == 1);
  PyBuffer_Release(&view);
  REQUIRE(PyObject_GetBuffer(line.get(), &view, PyBUF_SIMPLE | PyBUF_FORMAT) == 0);
  CHECK(std::string(view.format) == "B");
  PyBuffer_Release(&view);

  // PyBUF_ND: shape without strides; PyBUF_FULL_RO: everything.
  REQUIRE(PyObject_GetBuffer(matrix.get(), &view, PyBUF_ND) == 0);
  CHECK(view.ndim == 2);
  CHECK(view.shape[0] == 2);
  CHECK(view.shape[1] == 3);
  CHECK(view.strides == nullptr);
  CHECK(view.format == nullptr);
  CHECK(view.itemsize == 8);
  PyBuffer_Release(&view);
  REQUIRE(PyObject_GetBuffer(matrix.get(), &view, PyBUF_FULL) == 0);
  CHECK(std::string(view.format) == "d");
  CHECK(view.strides[0] == 24);
  CHECK(view.strides[1] == 8);
  CHECK(view.suboffsets == nullptr);
  CHECK(view.readonly == 0);
  PyBuffer_Release(&view);

  // Contiguity requests.
  CHECK(PyObject_GetBuffer(matrix.get(), &view, PyBUF_F_CONTIGUOUS) == -1);
  CHECK(take_error() == "BufferError: underlying buffer is not Fortran contiguous");
  REQUIRE(PyObject_GetBuffer(line.get(), &view, PyBUF_F_CONTIGUOUS) == 0);  // 1-d is both
  PyBuffer_Release(&view);
  CHECK(PyObject_GetBuffer(column.get(), &view, PyBUF_C_CONTIGUOUS) == -1);
  CHECK(take_error() == "BufferError: underlying buffer is not C-contiguous");
  CHECK(PyObject_GetBuffer(column.get(), &view, PyBUF_ANY_CONTIGUOUS) == -1);
  CHECK(take_error() == "BufferError: underlying buffer is not contiguous");
  CHECK(PyObject_GetBuffer(column.get(), &view, PyBUF_SIMPLE) == -1);
  CHECK(take_error() == "BufferError: underlying buffer is not C-contiguous");
  {
    pyidl::buffer_of<double> strided;
    CHECK_FALSE(pyidl::from_python(column.get(), strided, ctx_xs));
    CHECK(take_error() == "BufferError: f() argument 'xs' is not C-contiguous");
  }
  CHECK(grid_of(line).exports.count() == 0);  // every refusal left nothing counted
  CHECK(grid_of(column).exports.count() == 0);
}

TEST_CASE("export: the owner lives as long as a view, and counts its exports", "[buffer]") {
  ref type = ref::steal(PyType_FromSpec(&grid_spec));
  REQUIRE(type);
  ref ns = pyidl_test::exec("import gc\n");
  grids_destroyed = 0;
  {
    ref obj = make_grid(type, std::vector<double>{7, 8}, std::vector<Py_ssize_t>{2}, true);
    grid& g = grid_of(obj);
    set(ns, "obj", obj.get());
    eval_in(ns, "exec('m1 = memoryview(obj); m2 = memoryview(obj)')");
    CHECK(g.exports.count() == 2);
    CHECK_FALSE(g.exports.check_resizable());
    CHECK(take_error() == "BufferError: Existing exports of data: object cannot be re-sized");
    eval_in(ns, "m2.release()");
    CHECK(g.exports.count() == 1);
    // Drop every reference but the memoryview's.
    REQUIRE(PyDict_DelItemString(ns.get(), "obj") == 0);
  }
  eval_in(ns, "gc.collect()");
  CHECK(grids_destroyed == 0);
  CHECK(py_equal(ns, "m1.tolist()", "[7.0, 8.0]"));
  CHECK(py_equal(ns, "type(m1.obj).__name__", "'Grid'"));
  REQUIRE(PyDict_DelItemString(ns.get(), "m1") == 0);
  eval_in(ns, "gc.collect()");
  CHECK(grids_destroyed == 1);

  // With the exports gone, the owner may resize again.
  ref obj = make_grid(type, std::vector<double>{1}, std::vector<Py_ssize_t>{1}, false);
  {
    pyidl::mutable_buffer_of<double> held;
    REQUIRE(pyidl::from_python(obj.get(), held, ctx_xs));
    CHECK(grid_of(obj).exports.count() == 1);
  }
  CHECK(grid_of(obj).exports.count() == 0);
  CHECK(grid_of(obj).exports.check_resizable());
}

TEST_CASE("export: 0-d and N-d shapes, and buffer_info_of", "[buffer]") {
  ref type = ref::steal(PyType_FromSpec(&grid_spec));
  REQUIRE(type);
  ref ns = pyidl_test::exec("");
  ref scalar = make_grid(type, std::vector<double>{4.5}, std::vector<Py_ssize_t>{}, true);
  ref cube = make_grid(type, std::vector<double>(24, 1.0), std::vector<Py_ssize_t>{2, 3, 4}, true);
  ref empty = make_grid(type, std::vector<double>{}, std::vector<Py_ssize_t>{0, 3}, true);
  set(ns, "scalar", scalar.get());
  set(ns, "cube", cube.get());
  set(ns, "empty", empty.get());
  CHECK(py_equal(ns, "(lambda m: (m.ndim, m.shape, m.tolist()))(memoryview(scalar))", "(0, (), 4.5)"));
  CHECK(py_equal(ns, "(lambda m: (m.shape, m.strides, m.nbytes))(memoryview(cube))", "((2, 3, 4), (96, 32, 8), 192)"));
  CHECK(py_equal(ns, "(lambda m: (m.shape, m.nbytes, m.tolist()))(memoryview(empty))", "((0, 3), 0, [])"));

  std::vector<std::int32_t> ints{1, 2};
  const pyidl::buffer_info writable = pyidl::buffer_info_of(std::span<std::int32_t>(ints));
  CHECK(writable.data == ints.data());
  CHECK(writable.itemsize == 4);
  CHECK(std::string(writable.format) == "i");
  CHECK(writable.shape == std::vector<Py_ssize_t>{2});
  CHECK(writable.strides.empty());
  CHECK_FALSE(writable.readonly);
  const std::vector<std::uint64_t> longs{1, 2, 3};
  const pyidl::buffer_info readonly = pyidl::buffer_info_of(std::span<const std::uint64_t>(longs));
  CHECK(std::string(readonly.format) == "Q");
  CHECK(readonly.readonly);

  // An inconsistent description is the binding's bug: SystemError, nothing exported.
  pyidl::buffer_info bad = readonly;
  bad.strides = {8, 8};
  Py_buffer view;
  CHECK_FALSE(pyidl::detail::export_buffer(scalar.get(), &view, PyBUF_FULL_RO, bad, nullptr));
  CHECK(take_error() == "SystemError: test.Grid: invalid pyidl::buffer_info: strides and shape differ in length");
  CHECK(view.obj == nullptr);
}
