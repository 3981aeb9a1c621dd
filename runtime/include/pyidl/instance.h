// pyidl/instance.h: heap-type instances that hold a C++ object inline, and their slots.
//
// A bound class `class Vec2 = geo::Vec2` becomes a heap type whose instances are
// pyidl::instance<geo::Vec2>: the Python object header followed by storage for one
// geo::Vec2, constructed by __init__ (or by C++ returning a Vec2) and destroyed exactly once
// in tp_dealloc. The generator then only emits:
//     {Py_tp_dealloc, (void*)pyidl::instance_dealloc<geo::Vec2>},
//     {Py_tp_traverse, (void*)pyidl::instance_traverse},
//     .basicsize = sizeof(pyidl::instance<geo::Vec2>),
//     .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE | ...
// and keeps tp_alloc/tp_free at their defaults (PyType_GenericAlloc / PyObject_GC_Del).
#pragma once

#include "pyidl/config.h"
#include "pyidl/detail/stable_abi.h"

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

PYIDL_NAMESPACE_BEGIN

// The memory layout of an instance holding a T. Standard layout, so the header is at
// offset 0 and a PyObject* to it may be cast to instance<T>*.
template <class T>
struct instance {
  PyObject_HEAD
  // Python's allocators align objects to 16 bytes (alignof(max_align_t)); a T needing more
  // could not be placed here.
  static_assert(alignof(T) <= alignof(std::max_align_t), "over-aligned types cannot be bound inline");
  alignas(T) unsigned char storage[sizeof(T)];
  // Whether storage holds a live T. tp_alloc zero-fills the object, so a fresh instance is
  // "not constructed" until __init__ (or a factory) succeeds.
  bool constructed;
};

// Returns the instance layout of `self` (borrowed; must be an instance of a type whose
// basicsize came from instance<T>).
template <class T>
[[nodiscard]] inline instance<T>* as_instance(PyObject* self) noexcept {
  return reinterpret_cast<instance<T>*>(self);
}

// Returns the C++ object inside `self` (owned by self; valid while self lives), or nullptr
// if it has not been constructed (for example __init__ was never called, because a
// subclass's __init__ forgot super().__init__()).
template <class T>
[[nodiscard]] inline T* instance_value(PyObject* self) noexcept {
  instance<T>* inst = as_instance<T>(self);
  return inst->constructed ? std::launder(reinterpret_cast<T*>(inst->storage)) : nullptr;
}

// As instance_value, but sets RuntimeError("<type name> object is not initialized") and
// returns nullptr when there is no C++ object, for wrappers that then return nullptr.
template <class T>
[[nodiscard]] inline T* instance_value_or_raise(PyObject* self) noexcept {
  if (T* value = instance_value<T>(self)) {
    return value;
  }
  PyErr_Format(PyExc_RuntimeError, "%s object is not initialized",
               detail::type_name(self).c_str());
  return nullptr;
}

// Destroys the C++ object in `self` if there is one; afterwards it is not constructed.
// T's destructor must not throw (destructors are noexcept by default).
template <class T>
inline void instance_destroy(PyObject* self) noexcept {
  instance<T>* inst = as_instance<T>(self);
  if (inst->constructed) {
    inst->constructed = false;  // first, so a re-entrant call cannot destroy twice
    std::launder(reinterpret_cast<T*>(inst->storage))->~T();
  }
}

// Constructs the C++ object in `self` from `args` and returns it (owned by self). An object
// already there (a second __init__ call) is destroyed first, as re-running __init__ resets
// a Python object. Exceptions from T's constructor propagate (the wrapper's catch (...)
// translates them); self is then left not constructed. On a free-threaded build the
// caller must hold a critical section on self if other threads can see it.
template <class T, class... Args>
T* instance_construct(PyObject* self, Args&&... args) {
  instance_destroy<T>(self);
  instance<T>* inst = as_instance<T>(self);
  T* value = ::new (static_cast<void*>(inst->storage)) T(std::forward<Args>(args)...);
  inst->constructed = true;
  return value;
}

// tp_dealloc for instance<T> types, in the order CPython requires for GC heap types:
// untrack before anything can run a finaliser or the GC can see a half-destroyed object,
// destroy the C++ object, free the memory through the type's tp_free, and only then drop
// the instance's reference to its heap type (which may be the last one).
template <class T>
void instance_dealloc(PyObject* self) noexcept {
  PyTypeObject* type = Py_TYPE(self);
  PyObject_GC_UnTrack(self);
  instance_destroy<T>(self);
  auto free_fn = reinterpret_cast<freefunc>(PyType_GetSlot(type, Py_tp_free));
  free_fn(self);
  Py_DECREF(type);
}

// tp_traverse for instance types whose C++ object holds no Python references: heap-type
// instances must still visit their type (isolation checklist, item 6).
inline int instance_traverse(PyObject* self, visitproc visit, void* arg) noexcept {
  Py_VISIT(Py_TYPE(self));
  return 0;
}

PYIDL_NAMESPACE_END
