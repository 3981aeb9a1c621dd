// pyidl/sync/shared.h: shared<T>, C++ data owned jointly by every interpreter of the process, used under its own lock.
#pragma once

#include "pyidl/config.h"
#include "pyidl/sync/mutex.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

PYIDL_NAMESPACE_BEGIN

// A reference-counted T that any thread of any interpreter may hold and use: copying a
// shared<T> shares the same T (an atomic count, like std::shared_ptr), and the last owner
// to go destroys it, on whatever thread that happens. Access goes through a guard that
// holds the object's own pyidl::mutex (so waiting for it never holds a GIL):
//
//     auto counters = pyidl::shared<Counters>::make(/* Counters constructor arguments */);
//     {
//       auto g = counters.lock();
//       g->hits++;
//     }
//
// T must not hold Python objects: it is reached from several interpreters and destroyed on
// any thread, possibly one with no thread state. To give a shared<T> to another
// interpreter, send a handle (an integer, which crosses interpreters as plain data):
//
//     std::uintptr_t h = counters.to_handle();          // in interpreter A
//     auto same = pyidl::shared<Counters>::from_handle(h);  // in interpreter B
//
// The generated code of shareable classes holds instances this way. A default-constructed
// or moved-from shared<T> is empty: only assignment, destruction, operator bool and
// to_handle() (which gives 0) may be used on it.
template <class T>
class shared {
  struct control_block;

 public:
  // Holds the object's lock and gives access to the T; unlocks when destroyed. Must not
  // outlive every shared<T> of the object (it does not own the T). Movable, not copyable.
  class guard {
   public:
    guard(guard&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
    guard& operator=(guard&&) = delete;
    ~guard() {
      if (block_ != nullptr) {
        block_->lock.unlock();
      }
    }

    // True if the lock is held (always, except for a failed try_lock()).
    explicit operator bool() const noexcept { return block_ != nullptr; }
    T* operator->() const noexcept { return &block_->value; }
    T& operator*() const noexcept { return block_->value; }

   private:
    friend class shared;
    explicit guard(control_block* locked) noexcept : block_(locked) {}
    control_block* block_;  // locked by this guard, or null
  };

  // An empty shared<T>.
  constexpr shared() noexcept = default;

  // A new T constructed from `args`, with this shared<T> its only owner.
  template <class... Args>
  [[nodiscard]] static shared make(Args&&... args) {
    return shared(new control_block(std::forward<Args>(args)...));
  }

  shared(const shared& other) noexcept : block_(other.block_) {
    if (block_ != nullptr) {
      // Relaxed: the new owner got the pointer from an existing one, which keeps it alive.
      block_->owners.fetch_add(1, std::memory_order_relaxed);
    }
  }
  shared(shared&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  // Copy-and-swap: the old T (if this was its last owner) is destroyed after the swap.
  shared& operator=(shared other) noexcept {
    std::swap(block_, other.block_);
    return *this;
  }
  ~shared() { drop_reference(); }

  // Blocks until this thread holds the object's lock (detached from its interpreter while
  // it waits, as pyidl::mutex). Not recursive: a thread that already holds a guard of the
  // same object deadlocks.
  [[nodiscard]] guard lock() const {
    block_->lock.lock();
    return guard(block_);
  }

  // The lock if it is free right now (never waits); check the result with `if (g)`.
  [[nodiscard]] guard try_lock() const noexcept {
    return guard(block_->lock.try_lock() ? block_ : nullptr);
  }

  // The T without its lock: only for a T that is internally synchronized (atomics, its own
  // locks) or never modified after make(). Anything else is a data race.
  [[nodiscard]] T& unsafe_get() const noexcept { return block_->value; }

  // How many shared<T> and unadopted handles own the object (0 if empty). Exact only
  // while no other thread copies or drops an owner; for tests and diagnostics.
  [[nodiscard]] std::size_t use_count() const noexcept {
    return block_ == nullptr ? 0 : block_->owners.load(std::memory_order_relaxed);
  }

  explicit operator bool() const noexcept { return block_ != nullptr; }

  // Makes a handle that owns one reference: the T lives at least until the handle is given
  // to from_handle(). A handle is a plain integer that can be sent to another interpreter.
  // Every handle must be adopted exactly once (never adopted: the T leaks; twice: it is
  // destroyed too early), by shared<T> of the same T. An empty shared<T> gives 0.
  [[nodiscard]] std::uintptr_t to_handle() const noexcept {
    return reinterpret_cast<std::uintptr_t>(shared(*this).release_block());
  }

  // Adopts the reference owned by `handle` (from to_handle() of a shared<T>, same T); 0
  // gives an empty shared<T>.
  [[nodiscard]] static shared from_handle(std::uintptr_t handle) noexcept {
    return shared(reinterpret_cast<control_block*>(handle));
  }

 private:
  struct control_block {
    template <class... Args>
    explicit control_block(Args&&... args) : value(std::forward<Args>(args)...) {}

    std::atomic<std::size_t> owners{1};
    mutex lock;
    T value;
  };

  // Takes over one reference of `block` (or is empty).
  explicit shared(control_block* block) noexcept : block_(block) {}

  // Gives up this owner's reference to the caller and becomes empty.
  control_block* release_block() noexcept { return std::exchange(block_, nullptr); }

  void drop_reference() noexcept {
    // acq_rel: the owner that destroys the T must see every write other owners made to it
    // before they let go.
    if (block_ != nullptr && block_->owners.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      delete block_;
    }
  }

  control_block* block_ = nullptr;
};

PYIDL_NAMESPACE_END
