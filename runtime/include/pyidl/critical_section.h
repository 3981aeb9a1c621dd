// pyidl/critical_section.h: scoped critical sections on one or two objects, for calls of
// @critical_section methods on free-threaded builds.
//
// The same thing as Py_BEGIN_CRITICAL_SECTION(op) / Py_END_CRITICAL_SECTION() (and the "2"
// form), as C++ objects: generated code computes a result inside the section and returns it
// from there, which the brace-pairing macros cannot express. On GIL builds (and on 3.12,
// which has no free-threaded build) they are empty, as CPython's macros are.
#pragma once

#include "pyidl/config.h"

PYIDL_NAMESPACE_BEGIN

#if PYIDL_FREE_THREADED

// Holds `op`'s per-object lock for the scope. Like every critical section it is suspended
// while the thread blocks or detaches and re-acquired afterwards, so it cannot deadlock.
class critical_section {
 public:
  explicit critical_section(PyObject* op) noexcept { PyCriticalSection_Begin(&section_, op); }
  ~critical_section() { PyCriticalSection_End(&section_); }
  critical_section(const critical_section&) = delete;
  critical_section& operator=(const critical_section&) = delete;

 private:
  PyCriticalSection section_;
};

// Holds the locks of `a` and `b` together (in CPython's order, so it never deadlocks against
// another section on the same pair; `a` may be `b`).
class critical_section2 {
 public:
  critical_section2(PyObject* a, PyObject* b) noexcept { PyCriticalSection2_Begin(&section_, a, b); }
  ~critical_section2() { PyCriticalSection2_End(&section_); }
  critical_section2(const critical_section2&) = delete;
  critical_section2& operator=(const critical_section2&) = delete;

 private:
  PyCriticalSection2 section_;
};

#else

class critical_section {
 public:
  explicit critical_section(PyObject*) noexcept {}
};

class critical_section2 {
 public:
  critical_section2(PyObject*, PyObject*) noexcept {}
};

#endif

PYIDL_NAMESPACE_END
