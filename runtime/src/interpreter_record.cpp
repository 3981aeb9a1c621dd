// interpreter_record.cpp: interpreter records and the atexit hook that closes them.
#include "pyidl/detail/interpreter_record.h"

#include "pyidl/detail/attach.h"
#include "pyidl/detail/thread_state.h"
#include "pyidl/object.h"

#include <unordered_map>

PYIDL_NAMESPACE_BEGIN
namespace detail {

bool interpreter_record::is_current() const noexcept {
  PyThreadState* tstate = attached_thread_state();
  if (tstate == nullptr) {
    return false;
  }
  PyInterpreterState* interp = PyThreadState_GetInterpreter(tstate);
  // The address alone could belong to a newer interpreter allocated where this one was.
  return interp == state_ && PyInterpreterState_GetID(interp) == id_;
}

bool interpreter_record::enter() noexcept {
  std::lock_guard lock(mutex_);
  if (closing_) {
    return false;
  }
  ++entries_;
  return true;
}

void interpreter_record::leave() noexcept {
  std::lock_guard lock(mutex_);
  --entries_;
  if (closing_) {
    drained_.notify_all();
  }
}

void interpreter_record::close_and_drain() noexcept {
  // Entries the closing thread holds itself (it may be finalizing the interpreter from
  // inside a pyidl entry) would never leave while it waits.
  const int own = foreign_entries_on_this_thread(*this);
  std::unique_lock lock(mutex_);
  closing_ = true;
  if (entries_ == own) {
    return;
  }
  PyThreadState* attached = attached_thread_state();
  if (attached != nullptr) {
    lock.unlock();
    PyEval_SaveThread();
    lock.lock();
  }
  drained_.wait(lock, [this, own] { return entries_ == own; });
  if (attached != nullptr) {
    lock.unlock();
    PyEval_RestoreThread(attached);
  }
}

PyThreadState* interpreter_record::new_thread_state() noexcept {
  std::lock_guard lock(thread_states_mutex_);
  return PyThreadState_New(state_);
}

void interpreter_record::delete_current_thread_state() noexcept {
  std::lock_guard lock(thread_states_mutex_);
#ifdef Py_LIMITED_API
  // The limited API cannot delete the attached thread state; once detached, it can. The
  // thread state stays in the interpreter's list meanwhile, which is harmless: the entry
  // that owns it has not left yet, so the interpreter cannot be finishing.
  PyThreadState_Delete(PyEval_SaveThread());
#else
  PyThreadState_DeleteCurrent();
#endif
}

bool interpreter_record::closing() const noexcept {
  std::lock_guard lock(mutex_);
  return closing_;
}

namespace {

// Records by interpreter id. Process-wide on purpose: C++ threads look records up without
// any interpreter at hand. Entries are weak so that a record lives exactly as long as the
// references, callables and pyidl::interpreter handles that use it.
struct record_table {
  std::mutex mutex;
  std::unordered_map<std::int64_t, std::weak_ptr<interpreter_record>> by_id;
};

record_table& records() noexcept {
  // Leaked on purpose: C++ threads may still release records while static destructors run.
  static record_table* table = new record_table;
  return *table;
}

constexpr const char* capsule_name = "pyidl.interpreter_record";

std::shared_ptr<interpreter_record>* record_in(PyObject* capsule) noexcept {
  return static_cast<std::shared_ptr<interpreter_record>*>(PyCapsule_GetPointer(capsule, capsule_name));
}

// The capsule owns one strong reference to the record. It dies with the atexit registration
// (after the hook ran, or if a program cleared atexit's list); either way the interpreter is
// ending, so the record is closed then at the latest.
void destroy_capsule(PyObject* capsule) noexcept {
  std::shared_ptr<interpreter_record>* record = record_in(capsule);
  (*record)->close_and_drain();
  delete record;
}

PyObject* atexit_hook(PyObject* capsule, PyObject* /*unused*/) noexcept {
  (*record_in(capsule))->close_and_drain();
  Py_RETURN_NONE;
}

// CPython only reads a PyMethodDef, but its API takes a non-const pointer.
PyMethodDef atexit_hook_def = {"_pyidl_close_interpreter_record", atexit_hook, METH_NOARGS,
                               "Stops C++ threads from entering this interpreter (pyidl)."};

// Registers `record`'s hook with the calling interpreter's atexit module, which runs it at
// the start of that interpreter's finalization. False with a Python exception set on failure.
bool install_close_hook(const std::shared_ptr<interpreter_record>& record) noexcept {
  auto* owned = new (std::nothrow) std::shared_ptr<interpreter_record>(record);
  if (owned == nullptr) {
    PyErr_NoMemory();
    return false;
  }
  ref capsule = ref::steal(PyCapsule_New(owned, capsule_name, destroy_capsule));
  if (!capsule) {
    delete owned;
    return false;
  }
  ref hook = ref::steal(PyCFunction_New(&atexit_hook_def, capsule.get()));
  if (!hook) {
    return false;
  }
  ref atexit = ref::steal(PyImport_ImportModule("atexit"));
  if (!atexit) {
    return false;
  }
  ref done = ref::steal(PyObject_CallMethod(atexit.get(), "register", "O", hook.get()));
  return static_cast<bool>(done);
}

}  // namespace

std::shared_ptr<interpreter_record> current_interpreter_record() noexcept {
  PyInterpreterState* interp = PyInterpreterState_Get();
  const std::int64_t id = PyInterpreterState_GetID(interp);
  record_table& table = records();
  try {
    {
      std::lock_guard lock(table.mutex);
      if (auto found = table.by_id[id].lock()) {
        return found;
      }
    }
    // Only threads attached to this interpreter create its record, and they hold its GIL
    // here (or, free-threaded, race benignly: the loser's record is simply not published).
    auto record = std::make_shared<interpreter_record>(interp, id);
    if (!install_close_hook(record)) {
      return nullptr;
    }
    std::lock_guard lock(table.mutex);
    std::weak_ptr<interpreter_record>& slot = table.by_id[id];
    if (auto winner = slot.lock()) {
      return winner;
    }
    slot = record;
    // Forget records of interpreters nobody refers to any more, so the table stays small in
    // processes that create interpreters forever.
    std::erase_if(table.by_id, [](const auto& entry) { return entry.second.expired(); });
    return record;
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
    return nullptr;
  }
}

}  // namespace detail
PYIDL_NAMESPACE_END
