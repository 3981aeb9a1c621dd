// pyidl/shareable.h: instances of @shareable classes, which hold their C++ object in a
// pyidl::shared<T> and cross interpreters by pickling a transfer token.
//
// Sending an instance to another interpreter: `pickle.dumps(obj)` calls __reduce__, which
// registers a handle of the shared object (one more owner) under a fresh 64-bit token in a
// process-wide registry and returns (Class.__pyidl_adopt__, (token,)). `pickle.loads` in the
// receiving interpreter imports the module there and calls that interpreter's own
// Class.__pyidl_adopt__(token), which takes the handle out of the registry and wraps it in a
// new instance of the receiver's type: the same C++ object, no copy. A token is adopted at
// most once; an unknown, forged or replayed one is a ValueError, never a pointer. A pickle
// that is never loaded keeps its object alive until the process exits.
#pragma once

#include "pyidl/call_lock.h"
#include "pyidl/config.h"
#include "pyidl/instance.h"
#include "pyidl/sync/shared.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

PYIDL_NAMESPACE_BEGIN

namespace detail {

// Registers `handle` (which owns one reference) under a new token and returns it. `type_key`
// names the class ("module.Class"); only that class may adopt it. Throws std::bad_alloc.
std::uint64_t register_transfer(std::string_view type_key, std::uintptr_t handle);

// Removes the handle registered under `token` for `type_key` and returns it; the caller
// owns its reference. nullopt if the token is unknown, was adopted already, or was
// registered for another class (which keeps its registration). Never touches Python.
std::optional<std::uintptr_t> take_transfer(std::uint64_t token, std::string_view type_key);

// Sets ValueError for a token take_transfer() did not know.
void raise_unknown_transfer(std::uint64_t token, std::string_view type_key);

// False with TypeError unless __reduce__ was called without arguments.
bool check_reduce_arguments(Py_ssize_t nargs, PyObject* kwnames);

// The token passed to __pyidl_adopt__(token) (METH_FASTCALL | METH_KEYWORDS arguments), or
// nullopt with TypeError or OverflowError set.
std::optional<std::uint64_t> parse_token(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);

// (getattr(type, adopt_method), (token,)): what __reduce__ returns. nullptr with an
// exception set on failure.
PyObject* reduce_value(PyTypeObject* type, const char* adopt_method, std::uint64_t token);

}  // namespace detail

// The C++ object (and its lock) inside an instance of a @shareable class, or nullptr with
// RuntimeError if it has none. Valid while `self` lives: an instance never replaces its
// shared<T> (refuse_reinitialization), so it owns the object for its whole life.
template <class T>
[[nodiscard]] guarded<T>* shared_instance_or_raise(PyObject* self) noexcept {
  shared<guarded<T>>* handle = instance_value_or_raise<shared<guarded<T>>>(self);
  return handle == nullptr ? nullptr : &handle->unsafe_get();
}

// Constructs the C++ object of a @shareable instance from `args`, as the sole owner so far.
template <class T, class... Args>
void construct_shared_instance(PyObject* self, Args&&... args) {
  refuse_reinitialization<shared<guarded<T>>>(self);
  instance_construct<shared<guarded<T>>>(self,
                                          shared<guarded<T>>::make(std::forward<Args>(args)...));
}

// __reduce__ of a @shareable class (METH_METHOD | METH_FASTCALL | METH_KEYWORDS): registers one more owner of the object
// under a new token. `type_key` is the class's qualified name; `adopt_method` the name of
// its adopt_shared_instance class method.
template <class T>
PyObject* reduce_shared_instance(PyObject* self, PyTypeObject* defining_class, Py_ssize_t nargs,
                                 PyObject* kwnames, std::string_view type_key,
                                 const char* adopt_method) noexcept {
  if (!detail::check_reduce_arguments(nargs, kwnames)) {
    return nullptr;
  }
  shared<guarded<T>>* handle = instance_value_or_raise<shared<guarded<T>>>(self);
  if (handle == nullptr) {
    return nullptr;
  }
  std::uint64_t token = 0;
  try {
    token = detail::register_transfer(type_key, handle->to_handle());
  } catch (...) {  // std::bad_alloc; to_handle() itself cannot fail
    PyErr_NoMemory();
    return nullptr;
  }
  PyObject* reduced = detail::reduce_value(defining_class, adopt_method, token);
  if (reduced == nullptr) {
    // Nobody will ever see the token: drop the owner it holds (self still owns the object).
    if (std::optional<std::uintptr_t> orphan = detail::take_transfer(token, type_key)) {
      shared<guarded<T>> dropped = shared<guarded<T>>::from_handle(*orphan);
    }
  }
  return reduced;
}

// The adopt class method of a @shareable class (METH_CLASS, `__pyidl_adopt__(token)`): a new
// instance of `cls` (the calling interpreter's class) around the object registered under
// the token.
template <class T>
PyObject* adopt_shared_instance(PyObject* cls, PyObject* const* args, Py_ssize_t nargs,
                                PyObject* kwnames, std::string_view type_key) noexcept {
  std::optional<std::uint64_t> token = detail::parse_token(args, nargs, kwnames);
  if (!token) {
    return nullptr;
  }
  PyTypeObject* type = reinterpret_cast<PyTypeObject*>(cls);
  // Allocated before the token is taken, so that no failure can drop the adopted owner
  // outside a tp_dealloc (which may have to take a @serialized library's lock).
  // pyidl types keep tp_alloc at PyType_GenericAlloc (pyidl/instance.h), and Python
  // subclasses inherit it; called directly, it needs no type field the limited API hides.
  PyObject* self = PyType_GenericAlloc(type, 0);
  if (self == nullptr) {
    return nullptr;
  }
  std::optional<std::uintptr_t> handle = detail::take_transfer(*token, type_key);
  if (!handle) {
    Py_DECREF(self);  // not constructed: its dealloc destroys nothing
    detail::raise_unknown_transfer(*token, type_key);
    return nullptr;
  }
  instance_construct<shared<guarded<T>>>(self, shared<guarded<T>>::from_handle(*handle));
  return self;
}

PYIDL_NAMESPACE_END
