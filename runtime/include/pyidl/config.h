// pyidl/config.h: includes Python.h the one right way and opens the versioned namespace.
#pragma once

// PY_SSIZE_T_CLEAN is the default since 3.13 but must be spelled out for 3.12; it has to be
// defined before the first inclusion of Python.h anywhere in the translation unit.
#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>

#if PY_VERSION_HEX < 0x030C0000
#error "pyidl needs CPython 3.12 or newer (per-interpreter GIL, PEP 684)"
#endif

// Every public name lives in pyidl::v1 (an inline namespace, as cxx's cxxbridge1): user code
// says pyidl::ref, but the mangled symbol carries v1, so two runtime versions linked into one
// process can never be confused with each other.
#define PYIDL_NAMESPACE_BEGIN namespace pyidl { inline namespace v1 {
#define PYIDL_NAMESPACE_END } }

// True when compiled for a free-threaded (PEP 703) CPython.
#ifdef Py_GIL_DISABLED
#define PYIDL_FREE_THREADED 1
#else
#define PYIDL_FREE_THREADED 0
#endif

// The newest C API the code may call: the headers' version, or for a STABLE_ABI module
// (Py_LIMITED_API) the limited API version it targets, whichever headers build it.
#ifdef Py_LIMITED_API
#define PYIDL_API_VERSION_HEX Py_LIMITED_API
#else
#define PYIDL_API_VERSION_HEX PY_VERSION_HEX
#endif

// Critical sections exist from 3.13. On a GIL build they compile to plain braces, so code
// wrapped in them costs nothing there; on 3.12 (which has no free-threaded build) likewise,
// and under the limited API, which has no critical sections and no free-threaded build.
#if PY_VERSION_HEX >= 0x030D0000 && !defined(Py_LIMITED_API)
#define PYIDL_BEGIN_CRITICAL_SECTION(op) Py_BEGIN_CRITICAL_SECTION(op)
#define PYIDL_END_CRITICAL_SECTION() Py_END_CRITICAL_SECTION()
#else
#define PYIDL_BEGIN_CRITICAL_SECTION(op) {
#define PYIDL_END_CRITICAL_SECTION() }
#endif
