// pyidl/sync/lazy.h: lazy<T>, a value built on first use, safely under races, GIL releases and exceptions.
#pragma once

#include "pyidl/config.h"
#include "pyidl/sync/once.h"

#include <functional>
#include <memory>
#include <type_traits>

PYIDL_NAMESPACE_BEGIN

// A T that is built the first time someone asks for it, typically a member of a module's
// state (so one per module object) that is expensive to build or needs Python objects that
// do not exist yet when the module is executed:
//
//     struct module_state { pyidl::lazy<Tables> tables; };
//     const Tables& t = state.tables.get([] { return Tables::load(); });
//
// get() has the guarantees of pyidl::once: the factory runs exactly once even when threads
// and interpreters race on first use (the others wait detached), it may call Python code
// that releases the GIL, a throwing factory leaves the lazy empty for the next get() to
// retry, and a get() of the same lazy from inside its own factory throws
// recursive_initialization_error. After the first get(), get() is one acquire load.
//
// get() makes no T thread-safe: once built, concurrent users of a mutable T still need a
// lock. The T is destroyed with the lazy, by whichever thread destroys the lazy: if T holds
// Python objects, that must be a thread attached to their interpreter (m_free of the
// module state is). A namespace-scope lazy is destroyed after Python finalized, so its T
// must not hold Python objects.
template <class T>
class lazy {
 public:
  constexpr lazy() noexcept = default;
  lazy(const lazy&) = delete;
  lazy& operator=(const lazy&) = delete;
  ~lazy() {
    if (once_.done()) {
      std::destroy_at(std::addressof(storage_.value));
    }
  }

  // The value, built by calling `make()` (which returns a T, or something T is constructible
  // from) if no get() has succeeded yet. Every caller gets the same object. Rethrows what
  // `make` throws; throws recursive_initialization_error when called from its own `make`.
  template <class F>
  T& get(F&& make) {
    // Placement new of the prvalue builds the T in place: T need not be copyable or movable.
    once_.call([&] {
      ::new (static_cast<void*>(std::addressof(storage_.value))) T(std::invoke(std::forward<F>(make)));
    });
    return storage_.value;
  }

  // The value if it has been built, otherwise null; never builds it. For code that must not
  // trigger the build, such as m_traverse and m_clear visiting Python objects inside T.
  [[nodiscard]] T* get_if() noexcept { return once_.done() ? std::addressof(storage_.value) : nullptr; }
  [[nodiscard]] const T* get_if() const noexcept { return once_.done() ? std::addressof(storage_.value) : nullptr; }

 private:
  // Room for a T that starts empty. A union rather than a byte array, because a constant
  // initializer (constinit) must leave nothing uninitialized: it initializes `empty`.
  union storage {
    struct nothing {};
    constexpr storage() noexcept : empty() {}
    ~storage() {}  // lazy's destructor ends `value` if it was built
    nothing empty;
    T value;
  };

  once once_;
  storage storage_;  // holds a T once once_ is done
};

PYIDL_NAMESPACE_END
