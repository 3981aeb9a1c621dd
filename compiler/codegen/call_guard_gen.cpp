// call_guard_gen.cpp: the protection of calls into C++ (call_guard_gen.h).
#include "compiler/codegen/call_guard_gen.h"

#include <algorithm>

#include "compiler/codegen/instance_layout.h"

namespace pyidlc::codegen {

namespace {

using Kind = sema::Type::Kind;

void add_lock(CallGuard& guard, const std::string& lock) {
  if (std::find(guard.locks.begin(), guard.locks.end(), lock) == guard.locks.end()) {
    guard.locks.push_back(lock);
  }
}

void add_serialized_lock(CallGuard& guard, const std::string& lock) {
  if (!lock.empty()) add_lock(guard, "&" + lock);
}

// The locks a value of `type` brings to a call: its class's @serialized lock (the C++ code
// of a serialized class runs only under it), and the per-object lock of the instance held in
// `local` (a pointer to the object, null for None), if any. `local` is "" for a result.
void add_type_locks(CallGuard& guard, const sema::Type& type, const std::string& local) {
  const bool optional = type.kind == Kind::Optional;
  const sema::Type& inner = optional ? type.args[0] : type;
  if (inner.kind != Kind::Class) return;
  add_serialized_lock(guard, serialized_lock(*inner.cls));
  if (!inner.cls->object_lock || local.empty()) return;
  add_lock(guard, optional ? local + " ? &" + local + "->lock : nullptr" : "&" + local + "->lock");
}

// self, and the one other instance among the parameters if there is exactly one: the
// two-object critical section of binary operators and methods like `dot(self, other)`.
std::vector<std::string> critical_objects(const sema::Function& fn,
                                          const std::vector<std::string>& sources) {
  std::vector<std::string> objects{"self"};
  std::vector<std::string> instances;
  for (size_t i = 0; i < fn.signature.params.size() && i < sources.size(); ++i) {
    if (fn.signature.params[i].type.kind == Kind::Class) instances.push_back(sources[i]);
  }
  if (instances.size() == 1) objects.push_back(instances[0]);
  return objects;
}

// `scope_lock`: the @serialized lock of the function's module or class ("" if none);
// `owner`: the class of a method.
CallGuard guard_for_call(const sema::Function& fn, const std::string& scope_lock,
                         const sema::Class* owner, const std::vector<std::string>& sources) {
  CallGuard guard;
  guard.detach = fn.release_gil;
  if (fn.critical_section) guard.critical_objects = critical_objects(fn, sources);
  add_serialized_lock(guard, scope_lock);
  if (owner != nullptr && owner->object_lock && sema::is_instance_call(fn)) {
    add_lock(guard, "&self_object->lock");
  }
  for (size_t i = 0; i < fn.signature.params.size(); ++i) {
    const sema::Param& param = fn.signature.params[i];
    add_type_locks(guard, param.type, sema::names::parameter_local(i, param.name));
  }
  add_type_locks(guard, fn.signature.result, "");
  return guard;
}

}  // namespace

CallGuard guard_for_function(const sema::Module& module, const sema::Function& fn,
                             const std::vector<std::string>& sources) {
  return guard_for_call(fn, serialized_lock(module), nullptr, sources);
}

CallGuard guard_for_method(const sema::Class& cls, const sema::Function& fn,
                           const std::vector<std::string>& sources) {
  return guard_for_call(fn, serialized_lock(cls), &cls, sources);
}

CallGuard guard_for_accessor(const sema::Class& cls, const sema::Type& type, bool setting) {
  CallGuard guard;
  if (cls.critical_section) guard.critical_objects = {"self"};
  add_serialized_lock(guard, serialized_lock(cls));
  if (cls.object_lock) add_lock(guard, "&self_object->lock");
  add_type_locks(guard, type, setting ? "new_value" : "");
  return guard;
}

CallGuard guard_for_wrap(const sema::Class& cls) {
  CallGuard guard;
  add_serialized_lock(guard, serialized_lock(cls));
  return guard;
}

CallGuard guard_for_state(const sema::Module& module) {
  CallGuard guard;
  add_serialized_lock(guard, serialized_lock(module));
  return guard;
}

void emit_guard(Printer& p, const CallGuard& guard) {
  if (guard.detach) p.emit("pyidl::detach_scope detached;\n");
  if (guard.critical_objects.size() == 1) {
    p.emit({{"object", guard.critical_objects[0]}}, "pyidl::critical_section critical($object$);\n");
  } else if (guard.critical_objects.size() == 2) {
    p.emit({{"a", guard.critical_objects[0]}, {"b", guard.critical_objects[1]}},
           "pyidl::critical_section2 critical($a$, $b$);\n");
  }
  if (!guard.locks.empty()) {
    std::string locks;
    for (const std::string& lock : guard.locks) locks += (locks.empty() ? "" : ", ") + lock;
    p.emit({{"locks", locks}}, "pyidl::call_guard locks($locks$);\n");
  }
}

void emit_guarded_statement(Printer& p, const CallGuard& guard, const std::string& declaration,
                            const std::string& call) {
  const std::string assign = declaration.empty() ? "" : declaration + " = ";
  if (guard.empty()) {
    p.emit({{"assign", assign}, {"call", call}}, "$assign$$call$;\n");
    return;
  }
  // Returned by value (`auto`): a reference into the C++ object is copied while the locks
  // are still held. Without a declaration nothing is returned (an assignment's value would
  // be a needless copy).
  p.emit({{"assign", assign}}, "$assign$[&] {\n");
  {
    auto indent = p.indent();
    emit_guard(p, guard);
    p.emit({{"call", call}, {"return", declaration.empty() ? "" : "return "}}, "$return$$call$;\n");
  }
  p.emit("}();\n");
}

std::string sync_includes(const sema::Module& module) {
  bool detach = false, locks = false, critical = false, shareable = false;
  auto visit_function = [&](const sema::Function& fn) {
    detach |= fn.release_gil;
    critical |= fn.critical_section;
  };
  for_each_module(module, [&](const sema::Module& m) {
    locks |= m.serialized;
    for (const sema::Function& fn : m.functions) visit_function(fn);
    for (const sema::Class& cls : m.classes) {
      locks |= cls.serialized || cls.object_lock;
      critical |= cls.critical_section;
      shareable |= cls.shareable;
      for (const sema::Function& fn : cls.methods) visit_function(fn);
      for (const sema::Function& fn : cls.special_methods) visit_function(fn);
    }
  });
  std::string out;
  if (critical) out += "#include <pyidl/critical_section.h>\n";
  if (locks) out += "#include <pyidl/call_lock.h>\n";
  if (shareable) out += "#include <pyidl/shareable.h>\n";
  if (detach) out += "#include <pyidl/sync/detach.h>\n";
  return out;
}

void emit_serialized_locks(Printer& p, const ModuleContext& m) {
  for_each_module(m.module, [&](const sema::Module& module) {
    if (module.serialized && sema::serializing_module(module) == &module) {
      p.emit({{"lock", sema::names::module_serialized_lock(module)},
              {"label", m.label(module.range)}},
             R"cc(
               // $label$
               // @serialized: one lock for every call into the module's C++ code, from every
               // interpreter, as the GIL once did. Process-wide on purpose, and the only
               // static data here: a lock, constant-initialized, holding no Python object.
               constinit pyidl::call_lock $lock$;

             )cc");
    }
    for (const sema::Class& cls : module.classes) {
      if (!cls.serialized || sema::serializing_module(module) != nullptr) continue;
      p.emit({{"lock", sema::names::class_serialized_lock(module, cls)},
              {"label", m.label(cls.range)}},
             R"cc(
               // $label$
               // @serialized: one lock for every call into the class's C++ code, from every
               // interpreter (process-wide on purpose; constant-initialized, no Python object).
               constinit pyidl::call_lock $lock$;

             )cc");
    }
  });
}

}  // namespace pyidlc::codegen
