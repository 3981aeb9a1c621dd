// pyidl/convert/sequence_items.h: safe iteration over the items of a list or tuple being converted.
#pragma once

#include "pyidl/object.h"
#include "pyidl/detail/stable_abi.h"

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Calls f(item, index) for each item of `seq` (a list or tuple; borrowed) until f returns
// false; returns false if f did or a Python error occurred. `item` is borrowed but kept
// alive for the duration of the call. f may throw; the exception propagates.
//
// Why not simply PyList_GET_ITEM in a loop: converting an item can run Python code
// (__index__, __float__), and that code (or, on a free-threaded build, any other thread)
// can mutate the list, freeing the item under our feet or shrinking the list.
//   - tuple: immutable, so its items live as long as the tuple; plain indexing.
//   - list, GIL build: only our own conversions can run Python code, so re-read the size on
//     every step and hold a strong reference to the item while converting it. No
//     allocation, no lock: the fast path stays fast.
//   - list, free-threaded build: take a snapshot with PyList_AsTuple, which copies under
//     the list's lock (one allocation), and convert the snapshot: the result is the list as
//     it was at one instant, never a torn mixture. (A critical section around the whole
//     conversion would not do: it is suspended whenever item conversion blocks.)
template <class F>
bool for_each_sequence_item(PyObject* seq, F&& f) {
  if (PyTuple_Check(seq)) {
    const Py_ssize_t n = tuple_size(seq);
    for (Py_ssize_t i = 0; i < n; ++i) {
      if (!f(tuple_item(seq, i), i)) {
        return false;
      }
    }
    return true;
  }
#if PYIDL_FREE_THREADED
  ref snapshot = ref::steal(PyList_AsTuple(seq));
  if (!snapshot) {
    return false;
  }
  return for_each_sequence_item(snapshot.get(), f);
#else
  for (Py_ssize_t i = 0; i < list_size(seq); ++i) {
    ref item = ref::borrow(list_item(seq, i));
    if (!f(item.get(), i)) {
      return false;
    }
  }
  return true;
#endif
}

// The number of items of a list or tuple, as a capacity hint (it may change by the time
// the items are read).
inline Py_ssize_t sequence_size_hint(PyObject* seq) noexcept {
  return PyTuple_Check(seq) ? tuple_size(seq) : list_size(seq);
}

}  // namespace detail
PYIDL_NAMESPACE_END
