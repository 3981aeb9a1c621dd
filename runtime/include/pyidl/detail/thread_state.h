// pyidl/detail/thread_state.h: the calling thread's Python thread state, asked without
// requiring one.
#pragma once

#include "pyidl/config.h"

PYIDL_NAMESPACE_BEGIN
namespace detail {

// The thread state attached on this OS thread, or nullptr when the thread is detached or
// has never seen Python. Unlike PyThreadState_Get() this never aborts, so the runtime can
// use it from C++ threads a library created. 3.13 made the function public under a new name.
//
// The limited API has neither name. There, PyThreadState_GetDict() answers instead: it is
// documented to return NULL, without aborting or raising, exactly when no thread state is
// attached, and PyThreadState_Get() is then safe. Two calls rather than one load, and the
// first call on a thread state makes its (empty) dict: under memory exhaustion that can fail
// and an attached thread is then taken for a detached one (detach_scope does not detach);
// asked after CPython cleared the thread state (a per_interpreter value releasing a
// callback while its interpreter ends), the new dict is never freed.
[[nodiscard]] inline PyThreadState* attached_thread_state() noexcept {
#if defined(Py_LIMITED_API)
  return PyThreadState_GetDict() != nullptr ? PyThreadState_Get() : nullptr;
#elif PY_VERSION_HEX >= 0x030D0000
  return PyThreadState_GetUnchecked();
#else
  return _PyThreadState_UncheckedGet();
#endif
}

}  // namespace detail
PYIDL_NAMESPACE_END
