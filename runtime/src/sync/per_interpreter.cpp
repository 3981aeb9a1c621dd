// per_interpreter.cpp: the registry behind per_interpreter<T>, and the capsules that end each value with its interpreter.
#include "pyidl/sync/per_interpreter.h"

#include "pyidl/error.h"
#include "pyidl/object.h"
#include "pyidl/sync/mutex.h"
#include "pyidl/sync/once.h"

#include <map>
#include <memory>
#include <mutex>
#include <utility>

PYIDL_NAMESPACE_BEGIN

namespace detail {
namespace {

// (serial of the per_interpreter object, interpreter id). Interpreter ids are never reused
// while the process runs Python, and serials never while it lives.
using value_key = std::pair<std::uint64_t, std::int64_t>;

// One per_interpreter object's value in one interpreter. Owned by a capsule stored in that
// interpreter's dictionary, whose destructor ends both when the dictionary is cleared.
struct interpreter_value {
  interpreter_value(value_key key, void (*destroy)(void*) noexcept) : key(key), destroy(destroy) {}

  const value_key key;
  void (*const destroy)(void*) noexcept;  // deletes `value`
  once created;           // the value is built under it, exactly once
  void* value = nullptr;  // written by the initializer of `created`, read after it
};

// Finds a value without touching Python objects. One per copy of the runtime (each
// extension module has its own): the capsules in interpreter dictionaries are the owners,
// this only indexes them.
struct value_registry {
  interpreter_value* find(const value_key& key) const {
    auto it = values.find(key);
    return it == values.end() ? nullptr : it->second;
  }

  mutex lock;  // guards everything below and every per_interpreter_base::serial_
  std::uint64_t last_serial = 0;
  std::map<value_key, interpreter_value*> values;
};

value_registry& registry() {
  // Never destroyed: an interpreter may finalize after static destructors have run (in an
  // application that embeds Python and finalizes it late), and its capsules still
  // unregister here.
  static value_registry* const instance = new value_registry();
  return *instance;
}

constexpr const char* kCapsuleName = "pyidl.per_interpreter";

// The capsule destructor: runs while the interpreter's dictionary is cleared at its
// finalization, with its thread state attached, so T's destructor may release Python objects.
void unregister_and_destroy(PyObject* capsule) noexcept {
  auto* entry = static_cast<interpreter_value*>(PyCapsule_GetPointer(capsule, kCapsuleName));
  value_registry& r = registry();
  {
    std::lock_guard guard(r.lock);
    // Only a capsule that won the race to be stored (see add_value) is registered.
    if (r.find(entry->key) == entry) {
      r.values.erase(entry->key);
    }
  }
  if (entry->created.done()) {
    entry->destroy(entry->value);
  }
  delete entry;
}

// dict.setdefault(key, value): the object now stored under `key`.
ref set_default(PyObject* dict, PyObject* key, PyObject* value) {
#if defined(Py_LIMITED_API)
  // No setdefault in the limited API. A stable-ABI module runs on GIL builds only, and the
  // lookup and the insertion of a str key run no Python code, so nothing can come between.
  if (PyObject* stored = PyDict_GetItemWithError(dict, key)) {  // borrowed
    return ref::borrow(stored);
  }
  if (PyErr_Occurred() || PyDict_SetItem(dict, key, value) < 0) {
    throw python_error();
  }
  return ref::borrow(value);
#elif PY_VERSION_HEX >= 0x030D0000
  PyObject* stored = nullptr;
  if (PyDict_SetDefaultRef(dict, key, value, &stored) < 0) {
    throw python_error();
  }
  return ref::steal(stored);
#else
  // Borrowed, but 3.12 has no free-threaded build: the GIL keeps it alive until borrow().
  PyObject* stored = PyDict_SetDefault(dict, key, value);
  if (stored == nullptr) {
    throw python_error();
  }
  return ref::borrow(stored);
#endif
}

// Stores a new, empty value for `key` in the interpreter's dictionary and registers it.
// Python allocations happen outside the registry lock: they may run the garbage collector,
// whose finalizers may call get() again. Two threads of one interpreter may race here; the
// dictionary's setdefault picks one capsule and the other is dropped, unregistered.
interpreter_value* add_value(PyInterpreterState* interp, const value_key& key,
                             void (*destroy)(void*) noexcept) {
  PyObject* dict = PyInterpreterState_GetDict(interp);  // borrowed
  if (dict == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "pyidl::per_interpreter: the interpreter has no state dictionary");
    throw python_error();
  }
  // Unique to this copy of the runtime (the registry's address) and this object (its serial).
  ref name = ref::steal(PyUnicode_FromFormat("pyidl.per_interpreter.%p.%llu",
                                             static_cast<void*>(&registry()),
                                             static_cast<unsigned long long>(key.first)));
  if (!name) {
    throw python_error();
  }
  auto entry = std::make_unique<interpreter_value>(key, destroy);
  // Declared before the lock guard below, so that a capsule that lost the race is dropped
  // (and its destructor takes the registry lock) only after the guard has unlocked.
  ref capsule = ref::steal(PyCapsule_New(entry.get(), kCapsuleName, &unregister_and_destroy));
  if (!capsule) {
    throw python_error();
  }
  entry.release();  // the capsule owns it now
  ref stored = set_default(dict, name.get(), capsule.get());
  auto* winner = static_cast<interpreter_value*>(PyCapsule_GetPointer(stored.get(), kCapsuleName));
  if (winner == nullptr) {
    throw python_error();  // something else is stored under pyidl's key
  }
  value_registry& r = registry();
  std::lock_guard guard(r.lock);
  r.values.emplace(key, winner);  // a no-op if the racing thread registered it first
  return winner;
}

}  // namespace
}  // namespace detail

void* detail::per_interpreter_base::get_or_create(create_function create, destroy_function destroy) {
  PyInterpreterState* interp = PyInterpreterState_Get();
  value_registry& r = registry();
  value_key key;
  interpreter_value* entry = nullptr;
  {
    std::lock_guard guard(r.lock);
    if (serial_ == 0) {
      serial_ = ++r.last_serial;
    }
    key = {serial_, PyInterpreterState_GetID(interp)};
    entry = r.find(key);
  }
  if (entry == nullptr) {
    entry = add_value(interp, key, destroy);
  }
  entry->created.call([&] { entry->value = create(*this); });
  return entry->value;
}

PYIDL_NAMESPACE_END
