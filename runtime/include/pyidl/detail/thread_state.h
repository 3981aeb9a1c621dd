// pyidl/detail/thread_state.h: the calling thread's Python thread state, asked without
// requiring one.
#pragma once

#include "pyidl/config.h"

PYIDL_NAMESPACE_BEGIN
namespace detail {

// The thread state attached on this OS thread, or nullptr when the thread is detached or
// has never seen Python. Unlike PyThreadState_Get() this never aborts, so the runtime can
// use it from C++ threads a library created. 3.13 made the function public under a new name.
[[nodiscard]] inline PyThreadState* attached_thread_state() noexcept {
#if PY_VERSION_HEX >= 0x030D0000
  return PyThreadState_GetUnchecked();
#else
  return _PyThreadState_UncheckedGet();
#endif
}

}  // namespace detail
PYIDL_NAMESPACE_END
