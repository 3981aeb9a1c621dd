// pyidl/interpreter.h: isolated sub-interpreters for C++ programs that embed Python.
//
//     pyidl::interpreter interp = pyidl::interpreter::create();   // own GIL, isolated
//     interp.run("import textstats\nresult = textstats.count('a b')");
//     long n = interp.call([] { ... C API calls, attached to interp ... });
//     // ~interpreter ends it
//
// Everything works from any thread: one with a thread state of another interpreter, or one
// that never saw Python. Each call attaches a fresh thread state of the target interpreter
// for its duration (see detail/attach.h), so two threads can use two interpreters truly in
// parallel, and several threads can take turns on one interpreter (its GIL serializes them).
// Python must be initialized (Py_InitializeFromConfig) first; a thread that holds the main
// interpreter's GIL while waiting for threads that use the main interpreter must detach
// (Py_BEGIN_ALLOW_THREADS / pyidl::detach_scope) while it waits, as with any GIL.
#pragma once

#include "pyidl/config.h"

// Creating an isolated interpreter takes PyInterpreterConfig and Py_NewInterpreterFromConfig,
// which have no stable-ABI equivalent, so the abi3 runtime leaves this class out.
#ifdef Py_LIMITED_API
#error "pyidl::interpreter needs the full C API (Py_NewInterpreterFromConfig); it is not available to STABLE_ABI (Py_LIMITED_API) code"
#endif

#include "pyidl/detail/attach.h"
#include "pyidl/detail/interpreter_record.h"
#include "pyidl/interpreter_errors.h"

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>

PYIDL_NAMESPACE_BEGIN

class interpreter {
 public:
  // Creates an isolated sub-interpreter with its own GIL and object allocator, which only
  // loads extension modules that support sub-interpreters (multi-phase init), and forbids
  // fork, exec and daemon threads (CPython's "isolated" configuration). Throws
  // interpreter_error if CPython refuses.
  [[nodiscard]] static interpreter create();

  interpreter(interpreter&& other) noexcept
      : record_(std::move(other.record_)), parked_(std::exchange(other.parked_, nullptr)) {}
  interpreter& operator=(interpreter&& other) noexcept;
  interpreter(const interpreter&) = delete;
  interpreter& operator=(const interpreter&) = delete;
  // Ends the interpreter (see close()).
  ~interpreter();

  // The interpreter's id, as interpreters.get_current().id reports it inside.
  [[nodiscard]] std::int64_t id() const noexcept { return record_->id(); }

  // Runs Python statements in the interpreter's __main__ namespace. Throws interpreter_error
  // carrying the formatted traceback if they raise, interpreter_gone_error if the
  // interpreter has ended.
  void run(std::string_view code);

  // Calls f() on the calling thread while attached to this interpreter and returns its
  // result. f may use the C API; it must not let Python objects escape (they belong to this
  // interpreter) or leave a Python exception pending (it is dropped). Throws
  // interpreter_gone_error if the interpreter has ended, and whatever f throws.
  template <class F>
  decltype(auto) call(F&& f) {
    detail::attach_scope scope(*record_);
    return std::forward<F>(f)();
  }

  // Ends the interpreter: from now on nothing can enter it (callables bound to it raise
  // interpreter_gone_error), the threads inside are waited for, its atexit handlers run and
  // it is finalized. Idempotent. Must not be called by a thread attached to this very
  // interpreter (std::logic_error).
  void close();

  // The interpreter's record, for binding references to it.
  [[nodiscard]] const std::shared_ptr<detail::interpreter_record>& record() const noexcept { return record_; }

 private:
  interpreter(std::shared_ptr<detail::interpreter_record> record, PyThreadState* parked) noexcept
      : record_(std::move(record)), parked_(parked) {}

  std::shared_ptr<detail::interpreter_record> record_;  // null once closed or moved from
  // The interpreter's first thread state, kept detached for its whole life: with it alive,
  // CPython never recycles it for a concurrent entry (see interpreter_record), and it is
  // the thread state Py_EndInterpreter finally runs on.
  PyThreadState* parked_ = nullptr;
};

PYIDL_NAMESPACE_END
