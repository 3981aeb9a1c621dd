// pyidl/buffer.h: buffer-protocol arguments (bytes, bytearray, memoryview, array.array, ...) seen by C++ without copying.
//
// A parameter of one of these types receives the exporter's own memory:
//
//     pyidl::buffer                 any C-contiguous buffer, read-only bytes
//     pyidl::buffer_of<T>           one whose format describes T, read-only: std::span<const T>
//     pyidl::mutable_buffer_of<T>   the same, writable: std::span<T>
//     pyidl::mutable_buffer         mutable_buffer_of<std::byte>: any writable buffer, as bytes
//
// Each owns one export (a Py_buffer from PyObject_GetBuffer): while it lives, the exporter
// keeps its memory where it is (a bytearray refuses to resize, with BufferError) and the
// object stays alive. Spans taken from it are valid only as long as it lives; for a
// generated wrapper's argument that is the call. The memory may be written concurrently by
// other Python threads (as with CPython's own functions that detach while they read a
// buffer): exporters give no lock, only a place.
//
// Lifetime rule: a non-empty buffer must be destroyed (or reset, or moved-over) with a
// thread state of the exporter's interpreter attached, because PyBuffer_Release runs
// exporter code and DECREFs. Generated wrappers call C++ detached under @release_gil but
// destroy their locals after re-attaching, which satisfies it. Everything else (the
// accessors, the spans, the memory itself) needs no thread state, so C++ may read and write
// while detached. See docs/buffers.md.
#pragma once

#include "pyidl/convert.h"
#include "pyidl/detail/buffer_element.h"

#include <cstddef>
#include <span>
#include <type_traits>

PYIDL_NAMESPACE_BEGIN

class buffer;

namespace detail {

// What a converter asks of an exporter.
struct buffer_request {
  element_type element;  // the C++ element type the memory must hold
  bool writable;         // PyBUF_WRITABLE: the C++ side may write
};

// Takes an export of `src` (borrowed) into `out` (released first) for `request`: a C-contiguous
// buffer, of a matching format and suitably aligned, writable if asked. On failure sets the
// error CPython's own functions give, naming the parameter through `ctx`, leaves `out` empty
// and returns false:
//   not a buffer        TypeError  "f() argument 'xs' must be bytes-like object, not str"
//   read-only, writable asked
//                       TypeError  "f() argument 'xs' must be read-write bytes-like object, not bytes"
//   not C-contiguous    BufferError "f() argument 'xs' is not C-contiguous"
//   wrong format        TypeError  "f() argument 'xs' must be buffer of float64 (format 'd'),
//                                   not array.array with format 'i'"
//   misaligned          BufferError "f() argument 'xs' is not aligned for float64"
// An exporter's own failure (a released memoryview: ValueError) is kept as it is.
bool acquire_buffer(PyObject* src, buffer& out, const buffer_request& request,
                    const arg_context& ctx) noexcept;

// memoryview(value.owner()), or an empty memoryview for an empty buffer. New reference.
PyObject* buffer_to_python(const buffer& value) noexcept;

}  // namespace detail

// An owned, read-only export of any C-contiguous buffer, of any format, as bytes. Move-only;
// empty when default-constructed or moved from. See the top of this file for the lifetime
// rule (destroy with a thread state attached).
class buffer {
 public:
  buffer() noexcept = default;
  buffer(buffer&& other) noexcept { take(other); }
  buffer& operator=(buffer&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  buffer(const buffer&) = delete;
  buffer& operator=(const buffer&) = delete;
  ~buffer() { reset(); }

  // The first byte (null for an empty buffer, and possibly for a zero-length export).
  [[nodiscard]] const void* data() const noexcept { return view_.buf; }
  // The length in bytes: product(shape()) * itemsize().
  [[nodiscard]] std::size_t size_bytes() const noexcept { return static_cast<std::size_t>(view_.len); }
  // The size of one item as the exporter describes it (8 for array.array('d')).
  [[nodiscard]] Py_ssize_t itemsize() const noexcept { return view_.itemsize; }
  // The struct-module format of one item, owned by the exporter: "B" for bytes, "d" for
  // array.array('d'), "<d" for ctypes doubles. Never null.
  [[nodiscard]] const char* format() const noexcept { return view_.format != nullptr ? view_.format : "B"; }
  // The number of dimensions (0 for a scalar such as a ctypes.c_double, 1 for bytes).
  [[nodiscard]] int ndim() const noexcept { return view_.ndim; }
  // Items per dimension, owned by the exporter; ndim() entries. The memory is C-contiguous,
  // so a multi-dimensional buffer is its rows one after another.
  [[nodiscard]] std::span<const Py_ssize_t> shape() const noexcept {
    return view_.shape != nullptr ? std::span<const Py_ssize_t>(view_.shape, static_cast<std::size_t>(view_.ndim))
                                  : std::span<const Py_ssize_t>();
  }
  // Whether the exporter refuses writes. Only mutable_buffer_of guarantees false.
  [[nodiscard]] bool readonly() const noexcept { return view_.readonly != 0; }
  // The exporting object (borrowed; alive while this buffer is), or null when empty.
  [[nodiscard]] PyObject* owner() const noexcept { return view_.obj; }
  // The memory as bytes.
  [[nodiscard]] std::span<const std::byte> bytes() const noexcept {
    return {static_cast<const std::byte*>(view_.buf), size_bytes()};
  }
  operator std::span<const std::byte>() const noexcept { return bytes(); }

  // Releases the export now (PyBuffer_Release); the buffer becomes empty. Requires an
  // attached thread state when not empty.
  void reset() noexcept {
    if (view_.obj != nullptr) {
      PyBuffer_Release(&view_);
    }
  }

 protected:
  Py_buffer view_{};  // view_.obj is null exactly when empty

 private:
  friend bool detail::acquire_buffer(PyObject*, buffer&, const detail::buffer_request&,
                                     const arg_context&) noexcept;
  // Moves other's export here; this buffer must be empty.
  void take(buffer& other) noexcept;
};

// An owned, read-only export whose items are T (see detail::element_type_of for the formats
// each T accepts), viewed as a flat array: a C-contiguous buffer of any ndim is its items in
// row-major order. A contiguous range, so it converts implicitly to std::span<const T>: a C++
// function `double sum(std::span<const double>)` is called as sum(xs).
template <class T>
class buffer_of : public buffer {
  static_assert(detail::is_buffer_element_v<T>,
                "buffer_of<T>: T must be std::byte, bool, an 8/16/32/64-bit integer, float or double");

 public:
  using element_type = const T;
  using value_type = T;

  // The first item; null when there are none (an empty export's pointer need not be
  // aligned for T, so it is not handed out as a T*).
  [[nodiscard]] const T* data() const noexcept {
    return static_cast<const T*>(view_.len != 0 ? view_.buf : nullptr);
  }
  // The number of items (size_bytes() / sizeof(T)).
  [[nodiscard]] std::size_t size() const noexcept { return size_bytes() / sizeof(T); }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  [[nodiscard]] const T* begin() const noexcept { return data(); }
  [[nodiscard]] const T* end() const noexcept { return data() + size(); }
  [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return data()[i]; }
  [[nodiscard]] std::span<const T> span() const noexcept { return {data(), size()}; }
};

// As buffer_of<T>, from a writable exporter (bytearray, array.array, a writable memoryview;
// bytes is refused): converts to std::span<T>, and writes are seen by the Python object.
template <class T>
class mutable_buffer_of : public buffer_of<T> {
 public:
  using element_type = T;

  [[nodiscard]] T* data() const noexcept {
    return static_cast<T*>(this->view_.len != 0 ? this->view_.buf : nullptr);
  }
  [[nodiscard]] T* begin() const noexcept { return data(); }
  [[nodiscard]] T* end() const noexcept { return data() + this->size(); }
  [[nodiscard]] T& operator[](std::size_t i) const noexcept { return data()[i]; }
  [[nodiscard]] std::span<T> span() const noexcept { return {data(), this->size()}; }
  // The memory as writable bytes.
  [[nodiscard]] std::span<std::byte> writable_bytes() const noexcept {
    return {static_cast<std::byte*>(this->view_.buf), this->size_bytes()};
  }
};

// Any writable buffer, as bytes (CPython's "read-write bytes-like object").
using mutable_buffer = mutable_buffer_of<std::byte>;

// Converters: Python -> C++ takes an export (no copy); C++ -> Python returns a memoryview of
// the same exporter, so the object a C++ function got is what Python gets back.
template <>
struct converter<buffer> {
  static constexpr const char* python_name = detail::element_type_of<std::byte>().readable;

  static bool from_python(PyObject* src, buffer& out, const arg_context& ctx) noexcept {
    return detail::acquire_buffer(src, out, {detail::element_type_of<std::byte>(), false}, ctx);
  }
  static PyObject* to_python(const buffer& value) noexcept { return detail::buffer_to_python(value); }
};

template <class T>
struct converter<buffer_of<T>> {
  static constexpr const char* python_name = detail::element_type_of<T>().readable;

  static bool from_python(PyObject* src, buffer_of<T>& out, const arg_context& ctx) noexcept {
    return detail::acquire_buffer(src, out, {detail::element_type_of<T>(), false}, ctx);
  }
  static PyObject* to_python(const buffer_of<T>& value) noexcept { return detail::buffer_to_python(value); }
};

template <class T>
struct converter<mutable_buffer_of<T>> {
  static constexpr const char* python_name = detail::element_type_of<T>().writable;

  static bool from_python(PyObject* src, mutable_buffer_of<T>& out, const arg_context& ctx) noexcept {
    return detail::acquire_buffer(src, out, {detail::element_type_of<T>(), true}, ctx);
  }
  static PyObject* to_python(const mutable_buffer_of<T>& value) noexcept {
    return detail::buffer_to_python(value);
  }
};

PYIDL_NAMESPACE_END
