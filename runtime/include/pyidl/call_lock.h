// pyidl/call_lock.h: the locks generated code takes around calls into C++: a @serialized
// library's process-wide lock and the per-object lock of instances that released calls see.
#pragma once

#include "pyidl/config.h"
#include "pyidl/detail/stable_abi.h"
#include "pyidl/detail/this_thread.h"
#include "pyidl/instance.h"
#include "pyidl/sync/mutex.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

PYIDL_NAMESPACE_BEGIN

// Thrown when a thread asks for a call_lock it already holds: a C++ call called back into
// Python, which called into the same object (or the same @serialized library) again. The
// wrapper's exception translation makes it a RuntimeError; waiting would deadlock, and
// letting the call in would run the C++ object's code inside itself.
class reentrant_call_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A pyidl::mutex that knows its owner, so that a re-entrant lock() throws instead of
// deadlocking. Waits detached from the interpreter, like pyidl::mutex. Constant-initialized:
// the lock of a @serialized module or class is a namespace-scope `constinit call_lock`, the
// one kind of static data generated code has (docs/subinterpreter-safety.md).
class call_lock {
 public:
  constexpr call_lock() noexcept = default;
  call_lock(const call_lock&) = delete;
  call_lock& operator=(const call_lock&) = delete;

  // Blocks until the calling thread owns the lock (detached while it waits). Throws
  // reentrant_call_error if the calling thread owns it already.
  void lock() {
    const std::uintptr_t me = detail::this_thread_id();
    // A lock that is free is not held by this thread either: the owner needs checking only
    // when the first try fails, so the common case looks the thread id up once, not twice.
    if (!mutex_.try_lock()) {
      if (owner_.load(std::memory_order_relaxed) == me) {
        throw reentrant_call_error(
            "re-entrant call: this thread is already inside a call that holds the lock this "
            "one needs (C++ called back into Python, which called the same object or library "
            "again)");
      }
      mutex_.lock();
    }
    owner_.store(me, std::memory_order_relaxed);
  }

  // Releases the lock, which the calling thread must own.
  void unlock() noexcept {
    owner_.store(0, std::memory_order_relaxed);
    mutex_.unlock();
  }

  // True if the calling thread owns the lock. Only the owner stores its own id, so a thread
  // that reads its own id is the owner, whatever other threads do meanwhile.
  [[nodiscard]] bool held_by_this_thread() const noexcept {
    return owner_.load(std::memory_order_relaxed) == detail::this_thread_id();
  }

 private:
  mutex mutex_;
  std::atomic<std::uintptr_t> owner_{0};
};

// Holds every lock one call needs (null pointers are skipped, repeats taken once), taking
// them in address order so that two calls needing the same locks can never wait for each
// other. If one cannot be taken (re-entrancy), those already taken are released and the
// exception propagates.
//
//     pyidl::call_guard locks(&self_object->lock, arg_0 ? &arg_0->lock : nullptr, &library_lock);
template <std::size_t N>
class call_guard {
 public:
  template <class... Locks>
  explicit call_guard(Locks*... locks) : locks_{locks...} {
    std::sort(locks_.begin(), locks_.end(), std::less<call_lock*>());
    const auto end = std::unique(locks_.begin(), locks_.end());
    try {
      for (auto it = locks_.begin(); it != end; ++it) {
        if (*it == nullptr) continue;
        (*it)->lock();
        taken_[count_++] = *it;
      }
    } catch (...) {
      release();
      throw;
    }
  }
  ~call_guard() { release(); }
  call_guard(const call_guard&) = delete;
  call_guard& operator=(const call_guard&) = delete;

 private:
  void release() noexcept {
    while (count_ > 0) taken_[--count_]->unlock();
  }

  std::array<call_lock*, N> locks_;
  std::array<call_lock*, N> taken_{};
  std::size_t count_ = 0;
};

// The common case, every call of a @serialized library and a method that takes only its own
// object's lock: one lock has no order to keep and nothing to undo if it cannot be taken. The
// general guard would still sort (an out-of-line call) and keep a try block and a list of
// what it took; this one is inlined whole into the wrapper: about 50 instructions less per
// call.
template <>
class call_guard<1> {
 public:
  explicit call_guard(call_lock* lock) : lock_(lock) {
    if (lock_ != nullptr) lock_->lock();
  }
  ~call_guard() {
    if (lock_ != nullptr) lock_->unlock();
  }
  call_guard(const call_guard&) = delete;
  call_guard& operator=(const call_guard&) = delete;

 private:
  call_lock* lock_;
};

template <class... Locks>
call_guard(Locks*...) -> call_guard<sizeof...(Locks)>;

// Holds `lock` for code that must run whatever happens, such as destroying a C++ object in
// tp_dealloc or m_free: if the calling thread holds the lock already (the destruction was
// triggered from inside a locked call), it runs under that hold instead of throwing.
class cleanup_guard {
 public:
  explicit cleanup_guard(call_lock& lock) noexcept
      : lock_(lock.held_by_this_thread() ? nullptr : &lock) {
    if (lock_ != nullptr) lock_->lock();  // cannot throw: not held by this thread
  }
  ~cleanup_guard() {
    if (lock_ != nullptr) lock_->unlock();
  }
  cleanup_guard(const cleanup_guard&) = delete;
  cleanup_guard& operator=(const cleanup_guard&) = delete;

 private:
  call_lock* lock_;
};

// The C++ object of an instance that has a per-object lock, beside that lock. Instances of
// such classes are pyidl::instance<guarded<T>> (or hold a shared<guarded<T>>: shareable.h).
template <class T>
struct guarded {
  template <class... Args>
  explicit guarded(Args&&... args) : value(std::forward<Args>(args)...) {}

  call_lock lock;
  T value;
};

// Throws (a RuntimeError for Python) if `self` holds a C++ object already. Objects with a
// per-object lock are initialized once: re-running __init__ would destroy the object, and
// its lock, while a released call on another thread may be using them.
template <class Stored>
void refuse_reinitialization(PyObject* self) {
  if (instance_value<Stored>(self) != nullptr) {
    throw std::runtime_error(detail::type_name(self) +
                             " object is already initialized; objects with a per-object lock "
                             "cannot be re-initialized");
  }
}

// Constructs the C++ object of an instance with a per-object lock (see guarded<T>).
template <class T, class... Args>
void construct_locked_instance(PyObject* self, Args&&... args) {
  refuse_reinitialization<guarded<T>>(self);
  instance_construct<guarded<T>>(self, std::forward<Args>(args)...);
}

// tp_dealloc for an instance whose C++ object belongs to a @serialized library: destroys it
// under the library's lock, then frees the instance as instance_dealloc does.
template <class Stored, call_lock& Lock>
void serialized_instance_dealloc(PyObject* self) noexcept {
  // Untracked first: waiting for the lock lets other threads run, and the GC must never see
  // an object whose reference count is 0.
  PyObject_GC_UnTrack(self);
  {
    cleanup_guard library(Lock);
    instance_destroy<Stored>(self);
  }
  instance_dealloc<Stored>(self);  // finds nothing left to destroy
}

PYIDL_NAMESPACE_END
