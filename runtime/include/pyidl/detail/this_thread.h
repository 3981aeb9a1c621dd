// pyidl/detail/this_thread.h: a cheap identity of the calling OS thread, for locks and
// once-cells that must recognise their own owner (re-entry and recursion errors).
#pragma once

#include "pyidl/config.h"

#include <cstdint>

#if !defined(_WIN32)
#include <pthread.h>
#endif

PYIDL_NAMESPACE_BEGIN
namespace detail {

// The calling OS thread's id: never 0, unique among live threads, and needs no Python
// thread state. Where there are POSIX threads it is pthread_self() itself:
// PyThread_get_thread_ident returns the same value through two more calls, and a
// thread_local's address costs a __tls_get_addr call in a shared library.
[[nodiscard]] inline std::uintptr_t this_thread_id() noexcept {
#if defined(_WIN32)
  return PyThread_get_thread_ident();
#else
  return (std::uintptr_t)pthread_self();  // pthread_t: an integer or a pointer
#endif
}

}  // namespace detail
PYIDL_NAMESPACE_END
