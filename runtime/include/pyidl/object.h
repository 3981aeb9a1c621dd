// pyidl/object.h: owning (ref) and non-owning (borrowed) handles to PyObject*.
#pragma once

#include "pyidl/config.h"

#include <utility>

PYIDL_NAMESPACE_BEGIN

// An owned ("strong") reference to a Python object, or null. Move-only: copying would hide
// an INCREF, and every INCREF in pyidl code should be visible. The destructor DECREFs, so the
// thread must be attached to the interpreter (hold the GIL) wherever a non-null ref dies.
// There are no implicit conversions to or from PyObject*: ownership changes only through
// the named functions below.
class ref {
 public:
  // A null ref.
  constexpr ref() noexcept = default;

  // Takes over `obj`, which must be a new (strong) reference or null; the caller no longer
  // owns it. Typical use: ref::steal(PyLong_FromLong(1)). Null stays null, so check the
  // result (and the Python error indicator) after stealing a fallible call's result.
  [[nodiscard]] static ref steal(PyObject* obj) noexcept { return ref(obj); }

  // Makes a new strong reference to `obj` (a borrowed reference, or null); the caller keeps
  // whatever it owned.
  [[nodiscard]] static ref borrow(PyObject* obj) noexcept { return ref(Py_XNewRef(obj)); }

  ref(ref&& other) noexcept : obj_(std::exchange(other.obj_, nullptr)) {}
  ref& operator=(ref&& other) noexcept {
    // Swap first, then drop the old object: its destructor may run arbitrary Python code
    // that must not see this ref half-assigned.
    PyObject* old = std::exchange(obj_, std::exchange(other.obj_, nullptr));
    Py_XDECREF(old);
    return *this;
  }
  ref(const ref&) = delete;
  ref& operator=(const ref&) = delete;
  ~ref() { Py_XDECREF(obj_); }

  // The object, still owned by this ref (a borrowed reference for the caller), or null.
  [[nodiscard]] PyObject* get() const noexcept { return obj_; }

  // Gives up ownership: returns the strong reference (the caller must DECREF it, usually by
  // returning it to CPython) and leaves this ref null.
  [[nodiscard]] PyObject* release() noexcept { return std::exchange(obj_, nullptr); }

  // Returns a second strong reference to the same object (INCREF), or a null ref.
  [[nodiscard]] ref dup() const noexcept { return borrow(obj_); }

  // DECREFs the object (if any) and becomes null.
  void reset() noexcept {
    PyObject* old = std::exchange(obj_, nullptr);
    Py_XDECREF(old);
  }

  explicit operator bool() const noexcept { return obj_ != nullptr; }

 private:
  explicit ref(PyObject* obj) noexcept : obj_(obj) {}
  PyObject* obj_ = nullptr;
};

// A borrowed reference: a PyObject* someone else keeps alive for as long as this handle is
// used (for example an argument during a call). It owns nothing and never touches the
// refcount; turning it into a ref with to_ref() makes the one INCREF explicit.
class borrowed {
 public:
  constexpr borrowed() noexcept = default;
  constexpr explicit borrowed(PyObject* obj) noexcept : obj_(obj) {}

  // The object, owned elsewhere, or null.
  [[nodiscard]] constexpr PyObject* get() const noexcept { return obj_; }

  // A new strong reference to the same object (INCREF), or a null ref.
  [[nodiscard]] ref to_ref() const noexcept { return ref::borrow(obj_); }

  constexpr explicit operator bool() const noexcept { return obj_ != nullptr; }

 private:
  PyObject* obj_ = nullptr;
};

PYIDL_NAMESPACE_END
