// pyidl/interpreter_errors.h: the C++ exceptions of the embedding and cross-thread APIs
// (pyidl::interpreter, pyidl::bound_ref, pyidl::callback).
//
// They are C++ exceptions, not Python ones, because they are raised where there may be no
// Python thread state at all (a C++ library's worker thread). When one of them reaches a
// generated wrapper, the usual translation turns it into RuntimeError (they derive from
// std::runtime_error), in the interpreter of the wrapper.
#pragma once

#include "pyidl/config.h"

#include <stdexcept>

PYIDL_NAMESPACE_BEGIN

// Python code run in an interpreter failed; what() is the formatted traceback.
class interpreter_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The interpreter an object or callable belongs to has ended or is finalizing, so nothing
// can run in it any more.
class interpreter_gone_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A Python callable invoked from a thread of another interpreter (or of none) raised;
// what() is "<ExceptionType>: <message>". (Invoked from its own interpreter, the original
// Python exception propagates instead, as pyidl::python_error.)
class callback_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

PYIDL_NAMESPACE_END
