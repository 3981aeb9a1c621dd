// pyidl/buffer_export.h: bound classes exposing their C++ memory through the buffer protocol (bf_getbuffer).
//
// A class whose instances lend memory (a matrix's doubles, an image's pixels) gets two type
// slots, generated as
//
//     static int geo_Grid_getbuffer(PyObject* self, Py_buffer* view, int flags) {
//       pyidl::critical_section lock(self);
//       Grid* grid = pyidl::instance_value_or_raise<Grid>(self);
//       if (grid == nullptr) return -1;
//       pyidl::buffer_info info;
//       try { info = grid->buffer(); }  // the author's accessor
//       catch (...) { pyidl::translate_current_exception(); return -1; }
//       return pyidl::detail::export_buffer(self, view, flags, info, &<exports of self>) ? 0 : -1;
//     }
//     static void geo_Grid_releasebuffer(PyObject* self, Py_buffer* view) {
//       pyidl::critical_section lock(self);
//       pyidl::detail::release_exported_buffer(view, &<exports of self>);
//     }
//     {Py_bf_getbuffer, (void*)geo_Grid_getbuffer}, {Py_bf_releasebuffer, (void*)geo_Grid_releasebuffer},
//
// (both slots are in the limited API since 3.11). Each export holds a strong reference to
// the Python object (view->obj), so a memoryview keeps the C++ object alive after every other
// reference is gone.
//
// The owner's obligation: while exports exist, the exported memory must stay where it is
// and stay allocated. A method that would reallocate it (std::vector::resize), and a second
// __init__ (which destroys and rebuilds the C++ object), must first call
// buffer_exports::check_resizable() and fail if it returns false, as bytearray does. On a
// free-threaded build that check and the mutation must sit in the same critical section on
// the object as getbuffer/releasebuffer, or a new export could slip in between.
#pragma once

#include "pyidl/config.h"
#include "pyidl/detail/buffer_element.h"

#include <atomic>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

PYIDL_NAMESPACE_BEGIN

// The memory a C++ object exposes, described for buffer consumers. All pointers are owned by
// the C++ object (or static) and must stay valid while exports exist.
struct buffer_info {
  void* data = nullptr;             // the first item
  Py_ssize_t itemsize = 1;          // bytes per item
  const char* format = "B";         // struct-module format of one item; static storage
  std::vector<Py_ssize_t> shape;    // items per dimension; empty: one item (a 0-d scalar)
  std::vector<Py_ssize_t> strides;  // bytes between items per dimension; empty: C-contiguous
  bool readonly = true;             // consumers asking PyBUF_WRITABLE get BufferError
};

// A one-dimensional export of `items`; read-only when T is const. T is a buffer element
// (std::byte, bool, an integer, float, double) and gives the format ('d' for double).
template <class T>
[[nodiscard]] buffer_info buffer_info_of(std::span<T> items) {
  using element = std::remove_const_t<T>;
  constexpr detail::element_type type = detail::element_type_of<element>();
  return {const_cast<element*>(items.data()), static_cast<Py_ssize_t>(sizeof(element)), type.format,
          {static_cast<Py_ssize_t>(items.size())}, {}, std::is_const_v<T>};
}

// A C-contiguous (row-major) export of product(shape) items starting at `data`; read-only
// when T is const.
template <class T>
[[nodiscard]] buffer_info buffer_info_of(T* data, std::vector<Py_ssize_t> shape) {
  using element = std::remove_const_t<T>;
  constexpr detail::element_type type = detail::element_type_of<element>();
  return {const_cast<element*>(data), static_cast<Py_ssize_t>(sizeof(element)), type.format,
          std::move(shape), {}, std::is_const_v<T>};
}

class buffer_exports;

namespace detail {

// The body of a bf_getbuffer slot: fills `view` with the memory `info` describes, as the
// consumer's `flags` ask (as memoryview's own getbuffer does: strides only for PyBUF_STRIDES,
// the format only for PyBUF_FORMAT, a flat byte view for PyBUF_SIMPLE, C/F/any contiguity
// checked). view->obj becomes a new reference to `owner` (the instance, borrowed here), and
// `exports` (may be null) counts the export. Returns false with BufferError when the request
// cannot be met ("Object is not writable." for PyBUF_WRITABLE on read-only memory) and
// SystemError when `info` is inconsistent (an author bug). Needs an attached thread state.
bool export_buffer(PyObject* owner, Py_buffer* view, int flags, const buffer_info& info,
                   buffer_exports* exports) noexcept;

// The body of the matching bf_releasebuffer slot: frees what export_buffer allocated for
// `view` (its shape and strides) and uncounts the export. PyBuffer_Release DECREFs
// view->obj afterwards.
void release_exported_buffer(Py_buffer* view, buffer_exports* exports) noexcept;

}  // namespace detail

// The number of live exports of one object's memory, kept next to the C++ object in its
// Python instance. Atomic, so counting stays exact on free-threaded builds; deciding "no
// exports, so I may resize" still needs the critical section described at the top.
class buffer_exports {
 public:
  buffer_exports() noexcept = default;
  buffer_exports(const buffer_exports&) = delete;
  buffer_exports& operator=(const buffer_exports&) = delete;

  // The exports alive now.
  [[nodiscard]] Py_ssize_t count() const noexcept { return count_.load(std::memory_order_acquire); }

  // True if the memory may move (there are no exports). Otherwise sets BufferError
  // "Existing exports of data: object cannot be re-sized" (bytearray's words) and returns
  // false, for a wrapper that then returns nullptr.
  [[nodiscard]] bool check_resizable() const noexcept;

 private:
  friend bool detail::export_buffer(PyObject*, Py_buffer*, int, const buffer_info&,
                                    buffer_exports*) noexcept;
  friend void detail::release_exported_buffer(Py_buffer*, buffer_exports*) noexcept;
  std::atomic<Py_ssize_t> count_{0};
};

PYIDL_NAMESPACE_END
