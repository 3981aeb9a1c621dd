// buffer_export.cpp: filling a Py_buffer from a buffer_info for a consumer's flags, and the export count.
#include "pyidl/buffer_export.h"

#include "pyidl/detail/stable_abi.h"

#include <cstdio>
#include <new>

PYIDL_NAMESPACE_BEGIN
namespace detail {
namespace {

// SystemError "<type>: invalid pyidl::buffer_info: <problem>": the C++ accessor described
// memory inconsistently, a bug of the binding rather than of the Python caller.
bool invalid_info(PyObject* owner, const char* problem) noexcept {
  try {
    PyErr_Format(PyExc_SystemError, "%s: invalid pyidl::buffer_info: %s", type_name(owner).c_str(),
                 problem);
  } catch (...) {  // std::bad_alloc from type_name
    PyErr_NoMemory();
  }
  return false;
}

// Checks `info` and computes its length in bytes (itemsize * product(shape)).
bool checked_length(PyObject* owner, const buffer_info& info, Py_ssize_t& length) noexcept {
  if (info.itemsize <= 0 || info.format == nullptr) {
    return invalid_info(owner, "itemsize must be positive and format set");
  }
  if (info.shape.size() > PyBUF_MAX_NDIM) {
    return invalid_info(owner, "more than 64 dimensions");
  }
  if (!info.strides.empty() && info.strides.size() != info.shape.size()) {
    return invalid_info(owner, "strides and shape differ in length");
  }
  // Zero extents are counted as 1 here so that no partial product of the shape (the C
  // strides export_buffer computes) can overflow either.
  Py_ssize_t span = info.itemsize;
  bool empty = false;
  for (Py_ssize_t extent : info.shape) {
    if (extent < 0) {
      return invalid_info(owner, "negative extent in shape");
    }
    empty = empty || extent == 0;
    const Py_ssize_t factor = extent != 0 ? extent : 1;
    if (span > PY_SSIZE_T_MAX / factor) {
      return invalid_info(owner, "size overflows Py_ssize_t");
    }
    span *= factor;
  }
  length = empty ? 0 : span;
  if (info.data == nullptr && length != 0) {
    return invalid_info(owner, "no data");
  }
  return true;
}

bool requested(int flags, int request) noexcept { return (flags & request) == request; }

// Frees what fill() allocated for a view that is not handed out after all, and sets
// BufferError(message).
bool refuse(Py_buffer* view, const char* message) noexcept {
  delete[] static_cast<Py_ssize_t*>(view->internal);
  view->internal = nullptr;
  view->obj = nullptr;
  PyErr_SetString(PyExc_BufferError, message);
  return false;
}

}  // namespace

bool export_buffer(PyObject* owner, Py_buffer* view, int flags, const buffer_info& info,
                   buffer_exports* exports) noexcept {
  if (view == nullptr) {  // as PyBuffer_FillInfo: the obsolete "can you export?" probe
    PyErr_SetString(PyExc_BufferError, "getbuffer: view==NULL argument is obsolete");
    return false;
  }
  view->obj = nullptr;
  Py_ssize_t length = 0;
  if (!checked_length(owner, info, length)) {
    return false;
  }
  if (requested(flags, PyBUF_WRITABLE) && info.readonly) {
    PyErr_SetString(PyExc_BufferError, "Object is not writable.");  // PyBuffer_FillInfo's words
    return false;
  }
  // shape and strides must live as long as the view, which outlives this call: they go in
  // one block kept in view->internal (which the protocol preserves, even in copies of the
  // view) until release_exported_buffer.
  const auto ndim = static_cast<int>(info.shape.size());
  Py_ssize_t* block = nullptr;
  if (ndim > 0) {
    block = new (std::nothrow) Py_ssize_t[2 * static_cast<std::size_t>(ndim)];
    if (block == nullptr) {
      PyErr_NoMemory();
      return false;
    }
    Py_ssize_t c_stride = info.itemsize;
    for (int i = ndim - 1; i >= 0; --i) {
      const auto at = static_cast<std::size_t>(i);
      block[i] = info.shape[at];
      block[ndim + i] = info.strides.empty() ? c_stride : info.strides[at];
      c_stride *= info.shape[at];
    }
  }
  view->buf = info.data;
  view->len = length;
  view->itemsize = info.itemsize;
  view->readonly = info.readonly ? 1 : 0;
  view->ndim = ndim;
  view->format = requested(flags, PyBUF_FORMAT) ? const_cast<char*>(info.format) : nullptr;
  view->shape = block;
  view->strides = block != nullptr ? block + ndim : nullptr;
  view->suboffsets = nullptr;
  view->internal = block;

  // Meet the consumer's request the way memoryview's getbuffer does.
  const bool c_contiguous = PyBuffer_IsContiguous(view, 'C') != 0;
  if (requested(flags, PyBUF_C_CONTIGUOUS) && !c_contiguous) {
    return refuse(view, "underlying buffer is not C-contiguous");
  }
  if (requested(flags, PyBUF_F_CONTIGUOUS) && !PyBuffer_IsContiguous(view, 'F')) {
    return refuse(view, "underlying buffer is not Fortran contiguous");
  }
  if (requested(flags, PyBUF_ANY_CONTIGUOUS) && !PyBuffer_IsContiguous(view, 'A')) {
    return refuse(view, "underlying buffer is not contiguous");
  }
  if (!requested(flags, PyBUF_STRIDES)) {  // the consumer assumes C order
    if (!c_contiguous) {
      return refuse(view, "underlying buffer is not C-contiguous");
    }
    view->strides = nullptr;
  }
  if (!requested(flags, PyBUF_ND)) {
    // PyBUF_SIMPLE (and PyBUF_WRITABLE alone): the consumer sees len unsigned bytes, as
    // PyBuffer_FillInfo describes them.
    view->ndim = 1;
    view->shape = nullptr;
    view->itemsize = 1;
    if (view->format != nullptr) {
      view->format = const_cast<char*>("B");
    }
  }
  view->obj = Py_NewRef(owner);
  if (exports != nullptr) {
    exports->count_.fetch_add(1, std::memory_order_acq_rel);
  }
  return true;
}

void release_exported_buffer(Py_buffer* view, buffer_exports* exports) noexcept {
  delete[] static_cast<Py_ssize_t*>(view->internal);
  view->internal = nullptr;
  if (exports != nullptr) {
    exports->count_.fetch_sub(1, std::memory_order_acq_rel);
  }
}

}  // namespace detail

bool buffer_exports::check_resizable() const noexcept {
  if (count() == 0) {
    return true;
  }
  PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
  return false;
}

PYIDL_NAMESPACE_END
