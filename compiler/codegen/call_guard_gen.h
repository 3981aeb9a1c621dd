// call_guard_gen.h: what protects one call into C++ (a detached thread state, locks, a
// critical section), derived from the concurrency attributes, and the code that sets it up.
//
// A guarded call, e.g. a @release_gil method of a class with a per-object lock in a
// @serialized module, becomes
//
//     std::int64_t result = [&] {
//       pyidl::detach_scope detached;
//       pyidl::call_guard locks(&self_object->lock, &m_module_serialized_lock);
//       return self_value->wait(std::move(arg_0_seconds));
//     }();
//
// so the protection covers the C++ call and nothing else: arguments are converted before it
// and the result (a copy, returned by value) after it, with the thread attached and no lock
// held. Locks are taken after detaching, in address order (pyidl::call_guard), so a released
// call and an attached one can never wait for each other in a cycle.
#pragma once

#include <string>
#include <vector>

#include "compiler/codegen/context.h"

namespace pyidlc::codegen {

struct CallGuard {
  bool detach = false;                        // @release_gil: pyidl::detach_scope
  std::vector<std::string> critical_objects;  // PyObject* expressions: none, one or two
  std::vector<std::string> locks;             // pyidl::call_lock* expressions (null skipped)

  bool empty() const { return !detach && critical_objects.empty() && locks.empty(); }
};

// The guard of a call of the module function `fn` of `module`, or of the method (static,
// class or special method, constructor) `fn` of `cls`. A method's guard uses `self_object`
// when the class has a per-object lock and `fn` has `self`. `sources[i]` is the PyObject*
// parameter i was converted from, for a critical section on a second object; empty when the
// caller has none to offer.
CallGuard guard_for_function(const sema::Module& module, const sema::Function& fn,
                             const std::vector<std::string>& sources);
CallGuard guard_for_method(const sema::Class& cls, const sema::Function& fn,
                           const std::vector<std::string>& sources);

// The guard of a getter (`setting` false) or setter of an attribute or property of `type`;
// the setter's converted value is the local `new_value`.
CallGuard guard_for_accessor(const sema::Class& cls, const sema::Type& type, bool setting);

// The guard that moves a C++ value into a new instance of `cls` (its @serialized lock).
CallGuard guard_for_wrap(const sema::Class& cls);

// The guard that creates the `state` object of `module` (its @serialized lock).
CallGuard guard_for_state(const sema::Module& module);

// Emits the guard's RAII statements, for a scope that makes the call itself (constructors).
void emit_guard(Printer& p, const CallGuard& guard);

// Emits `<declaration> = <call>;` (or `<call>;` when `declaration` is empty), with the call
// inside the guard: unguarded calls stay plain statements.
void emit_guarded_statement(Printer& p, const CallGuard& guard, const std::string& declaration,
                            const std::string& call);

// The runtime headers the generated code of `module` and its submodules needs for its
// guards and shareable classes, as `#include <...>` lines ("" when it uses none).
std::string sync_includes(const sema::Module& module);

// Emits the namespace-scope `constinit pyidl::call_lock` of every @serialized module and class
// of the file (the one kind of process-wide data generated code has), before any code that
// takes them.
void emit_serialized_locks(Printer& p, const ModuleContext& m);

}  // namespace pyidlc::codegen
