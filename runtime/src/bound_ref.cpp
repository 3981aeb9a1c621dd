// bound_ref.cpp: capturing, checking and releasing interpreter-bound references.
#include "pyidl/bound_ref.h"

#include "pyidl/detail/attach.h"
#include "pyidl/detail/thread_state.h"

#include <new>

PYIDL_NAMESPACE_BEGIN

bound_ref bound_ref::capture(PyObject* obj) noexcept {
  std::shared_ptr<detail::interpreter_record> home = detail::current_interpreter_record();
  if (!home) {
    return {};
  }
  bound_ref result;
  try {
    result.holder_ = std::make_shared<holder>(Py_NewRef(obj), std::move(home));
  } catch (const std::bad_alloc&) {
    Py_DECREF(obj);
    PyErr_NoMemory();
  }
  return result;
}

PyObject* bound_ref::get() const noexcept {
  if (holder_->home->is_current()) {
    return holder_->object;
  }
  const std::int64_t here = PyInterpreterState_GetID(PyInterpreterState_Get());
  PyErr_Format(PyExc_RuntimeError,
               "a Python object kept by C++ belongs to interpreter %lld and cannot be used "
               "from interpreter %lld",
               static_cast<long long>(holder_->home->id()), static_cast<long long>(here));
  return nullptr;
}

bound_ref::holder::~holder() {
  try {  // attach_scope does nothing when the thread is already in the home interpreter
    detail::attach_scope scope(*home);
    Py_DECREF(object);
  } catch (...) {
    // The home interpreter has ended (its objects with it) or no thread state could be
    // made: there is nothing left to release, or no safe way to release it.
  }
}

PYIDL_NAMESPACE_END
