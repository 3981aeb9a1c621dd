// buffer.cpp: taking buffer exports for pyidl::buffer and friends, format matching and their errors.
#include "pyidl/buffer.h"

#include "pyidl/detail/stable_abi.h"
#include "pyidl/object.h"

#include <bit>
#include <cstdint>
#include <cstdio>
#include <string>

PYIDL_NAMESPACE_BEGIN
namespace detail {
namespace {

// A struct-module type code reduced to kind and size: its size with '@' (native) and with
// '=', '<', '>', '!' (standard; 0 where the code has no standard size).
struct code_info {
  element_kind kind;
  std::size_t native_size;
  std::size_t standard_size;
};

bool code_of(char code, code_info& out) noexcept {
  using k = element_kind;
  switch (code) {
    case 'b': out = {k::signed_int, sizeof(signed char), 1}; return true;
    case 'B': out = {k::unsigned_int, sizeof(unsigned char), 1}; return true;
    case 'h': out = {k::signed_int, sizeof(short), 2}; return true;
    case 'H': out = {k::unsigned_int, sizeof(unsigned short), 2}; return true;
    case 'i': out = {k::signed_int, sizeof(int), 4}; return true;
    case 'I': out = {k::unsigned_int, sizeof(unsigned int), 4}; return true;
    case 'l': out = {k::signed_int, sizeof(long), 4}; return true;
    case 'L': out = {k::unsigned_int, sizeof(unsigned long), 4}; return true;
    case 'q': out = {k::signed_int, sizeof(long long), 8}; return true;
    case 'Q': out = {k::unsigned_int, sizeof(unsigned long long), 8}; return true;
    case 'n': out = {k::signed_int, sizeof(Py_ssize_t), 0}; return true;
    case 'N': out = {k::unsigned_int, sizeof(std::size_t), 0}; return true;
    case 'e': out = {k::floating, 2, 2}; return true;
    case 'f': out = {k::floating, sizeof(float), 4}; return true;
    case 'd': out = {k::floating, sizeof(double), 8}; return true;
    case '?': out = {k::boolean, sizeof(bool), 1}; return true;
    default: return false;  // 'c', 's', 'p', 'P', 'x', structs: no element type matches
  }
}

// Releases `out`'s export and sets `type`("<where ctx points> <message>").
bool refuse(buffer& out, PyObject* type, const arg_context& ctx, const char* message) noexcept {
  out.reset();
  return raise_with_context(type, ctx, message);
}

// TypeError "... must be buffer of float64 (format 'd'), not array.array with format 'i'".
bool refuse_format(buffer& out, const char* expected, PyObject* src, const arg_context& ctx) noexcept {
  char message[256];
  try {
    std::snprintf(message, sizeof message, "must be %s, not %.50s with format '%.50s'", expected,
                  type_name(src).c_str(), out.format());
  } catch (...) {  // std::bad_alloc from type_name
    out.reset();
    PyErr_NoMemory();
    return false;
  }
  return refuse(out, PyExc_TypeError, ctx, message);
}

// `p` re-pointed from inside `from` to the same place inside `to`, or unchanged if it points
// elsewhere.
template <class P>
P* rebased(P* p, const Py_buffer& from, Py_buffer& to) noexcept {
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  const auto begin = reinterpret_cast<std::uintptr_t>(&from);
  if (address < begin || address >= begin + sizeof(Py_buffer)) {
    return p;
  }
  return reinterpret_cast<P*>(reinterpret_cast<char*>(&to) + (address - begin));
}

}  // namespace

bool format_matches(const char* format, Py_ssize_t itemsize, const element_type& type) noexcept {
  if (type.kind == element_kind::any) {
    return true;
  }
  if (itemsize != static_cast<Py_ssize_t>(type.size)) {
    return false;
  }
  const char* p = format != nullptr ? format : "B";
  bool native_size = true;
  bool native_order = true;
  switch (*p) {
    case '@':
      ++p;
      break;
    case '=':
      native_size = false;
      ++p;
      break;
    case '<':
      native_size = false;
      native_order = std::endian::native == std::endian::little;
      ++p;
      break;
    case '>':
    case '!':
      native_size = false;
      native_order = std::endian::native == std::endian::big;
      ++p;
      break;
    default:
      break;
  }
  code_info code{};
  if (p[0] == '\0' || p[1] != '\0' || !code_of(p[0], code)) {
    return false;
  }
  const std::size_t size = native_size ? code.native_size : code.standard_size;
  return code.kind == type.kind && size == type.size && (native_order || size == 1);
}

bool acquire_buffer(PyObject* src, buffer& out, const buffer_request& request,
                    const arg_context& ctx) noexcept {
  out.reset();
  const char* expected = request.writable ? request.element.writable : request.element.readable;
  if (!PyObject_CheckBuffer(src)) {
    return raise_type_error(ctx, expected, src);
  }
  // Strides are asked for rather than PyBUF_C_CONTIGUOUS so that a strided exporter (a
  // sliced memoryview) hands its layout over instead of refusing, and the contiguity error
  // below can name the parameter. Suboffsets (PyBUF_INDIRECT) are not: an exporter that
  // needs them refuses by itself.
  const int flags = PyBUF_RECORDS_RO | (request.writable ? PyBUF_WRITABLE : 0);
  Py_buffer& view = out.view_;
  if (PyObject_GetBuffer(src, &view, flags) < 0) {
    view = Py_buffer{};  // a failing exporter may have filled some fields; obj must be null
    // A read-only exporter refuses PyBUF_WRITABLE with BufferError ("Object is not
    // writable."); Argument Clinic's read-write converter reports that as this TypeError.
    if (request.writable && PyErr_ExceptionMatches(PyExc_BufferError)) {
      PyErr_Clear();
      return raise_type_error(ctx, expected, src);
    }
    return false;
  }
  if (!PyBuffer_IsContiguous(&view, 'C')) {
    return refuse(out, PyExc_BufferError, ctx, "is not C-contiguous");
  }
  if (request.writable && view.readonly) {  // an exporter that ignored PyBUF_WRITABLE
    out.reset();
    return raise_type_error(ctx, expected, src);
  }
  if (!format_matches(view.format, view.itemsize, request.element)) {
    return refuse_format(out, expected, src, ctx);
  }
  // memoryview.cast() does not check alignment: memoryview(b)[1:].cast('d') is a valid
  // export whose doubles C++ must not read through a double*. An empty export may point
  // anywhere (array.array's is a static char); buffer_of::data() is null for it.
  if (view.len != 0 && reinterpret_cast<std::uintptr_t>(view.buf) % request.element.alignment != 0) {
    char message[64];
    std::snprintf(message, sizeof message, "is not aligned for %s", request.element.name);
    return refuse(out, PyExc_BufferError, ctx, message);
  }
  return true;
}

PyObject* buffer_to_python(const buffer& value) noexcept {
  if (value.owner() != nullptr) {
    return PyMemoryView_FromObject(value.owner());
  }
  ref empty = ref::steal(PyBytes_FromStringAndSize(nullptr, 0));
  return empty ? PyMemoryView_FromObject(empty.get()) : nullptr;
}

}  // namespace detail

void buffer::take(buffer& other) noexcept {
  // A Py_buffer may point into itself: PyBuffer_FillInfo (bytes, bytearray, mmap) sets shape
  // to &view->len and strides to &view->itemsize. Those pointers must follow the struct to
  // its new place. Releasing through a copy of the original is allowed (the exporter's own
  // state is in `internal`, which is copied unchanged).
  view_ = other.view_;
  other.view_ = Py_buffer{};
  view_.shape = detail::rebased(view_.shape, other.view_, view_);
  view_.strides = detail::rebased(view_.strides, other.view_, view_);
  view_.suboffsets = detail::rebased(view_.suboffsets, other.view_, view_);
  view_.format = detail::rebased(view_.format, other.view_, view_);
}

PYIDL_NAMESPACE_END
