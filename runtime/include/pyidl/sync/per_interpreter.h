// pyidl/sync/per_interpreter.h: per_interpreter<T>, one T per interpreter for code that has no module object at hand.
#pragma once

#include "pyidl/config.h"

#include <concepts>
#include <cstdint>

PYIDL_NAMESPACE_BEGIN

namespace detail {

// The type-independent part of per_interpreter<T> (runtime/src/sync/per_interpreter.cpp).
class per_interpreter_base {
 protected:
  // Builds the value for the calling thread's interpreter; returns a pointer that `destroy`
  // will delete.
  using create_function = void* (*)(const per_interpreter_base& self);
  using destroy_function = void (*)(void* value) noexcept;

  constexpr per_interpreter_base() noexcept = default;

  // The value of the interpreter the calling thread is attached to, made with `create` on
  // the first call in that interpreter, and destroyed with `destroy` when that interpreter's
  // dictionary (PyInterpreterState_GetDict) is cleared as it finalizes.
  void* get_or_create(create_function create, destroy_function destroy);

 private:
  // Identifies this object to the runtime's registry of values; 0 until the first get().
  // A number rather than the object's address, so that a per_interpreter made later at the
  // same address (a local one) can never find this one's values. Guarded by the registry's
  // mutex.
  std::uint64_t serial_ = 0;
};

}  // namespace detail

// One T per interpreter, for state that C++ code must reach without a module object at
// hand, such as a callback from a C++ library or a function called from several modules.
// (Code that has its module state should keep such data there instead.) Typically a
// namespace-scope object:
//
//     constinit pyidl::per_interpreter<Registry> registry;
//     void on_event(const Event& e) {  // called by the library, with a thread state attached
//       registry.get().record(e);
//     }
//
// get() needs a thread state attached to the interpreter whose T it returns. The first
// get() in an interpreter builds its T (default-constructed, or by the factory given to the
// constructor), exactly once even under races, with the guarantees of pyidl::once; the T
// stays the same object until the interpreter finalizes, when it is destroyed (with that
// interpreter's thread state attached, so T may hold Python objects of its interpreter).
// Different interpreters never see each other's T; threads of one interpreter share it, and
// a mutable T they use concurrently needs a lock of its own.
//
// The object is constant-initialized, internally synchronized, and trivially destructible:
// destroying it (at process exit, possibly after or before interpreters end) destroys no T;
// each T still belongs to its interpreter and dies when that interpreter finalizes. Each
// copy of the runtime (every extension module has its own) keeps its values under its own
// keys, so two modules never share a T by accident.
template <class T>
class per_interpreter : private detail::per_interpreter_base {
 public:
  // Values are default-constructed.
  constexpr per_interpreter() noexcept
    requires std::default_initializable<T>
      : factory_(&make_default) {}
  // Values are `factory()`'s results, built in the interpreter they belong to (the factory
  // may use the C API).
  constexpr explicit per_interpreter(T (*factory)()) noexcept : factory_(factory) {}
  per_interpreter(const per_interpreter&) = delete;
  per_interpreter& operator=(const per_interpreter&) = delete;

  // The calling thread's interpreter's T, built on first use. Requires an attached thread
  // state (CPython aborts with a fatal error otherwise). Rethrows what building T throws,
  // and throws pyidl::python_error if the interpreter's dictionary cannot be updated.
  T& get() { return *static_cast<T*>(get_or_create(&create, &destroy)); }

 private:
  static T make_default() { return T(); }
  static void* create(const per_interpreter_base& base) {
    return new T(static_cast<const per_interpreter&>(base).factory_());
  }
  static void destroy(void* value) noexcept { delete static_cast<T*>(value); }

  T (*factory_)();
};

PYIDL_NAMESPACE_END
