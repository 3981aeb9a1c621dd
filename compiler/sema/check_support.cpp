// check_support.cpp: rejects, with a diagnostic, what the language accepts but the code
// generator cannot emit yet, so that no input ever reaches the C++ compiler as code that
// does not compile or silently misbehaves.
#include <string_view>

#include <fmt/format.h>

#include "compiler/sema/phases.h"

namespace pyidlc::sema {
namespace {

// Another class of `cls`'s file that binds the same C++ type, or nullptr. The converter<T>
// generated for a class used inside a container is keyed by its C++ type, so only one
// class per C++ type can have one.
const Class* other_binding(const Class& cls) {
  const Module* root = cls.module;
  while (root->parent != nullptr) root = root->parent;
  const Class* found = nullptr;
  auto search = [&](const Module& module, auto& self) -> void {
    for (const Class& other : module.classes) {
      if (&other != &cls && other.cxx_type == cls.cxx_type && found == nullptr) found = &other;
    }
    for (const Module& child : module.submodules) self(child, self);
  };
  search(*root, search);
  return found;
}

// Why bound class `cls` cannot be converted inside `holder` (a container, union or mapped
// type), or "".
std::string unsupported_nested_class(const Class& cls, std::string_view holder) {
  if (cls.object_lock) {
    // Copying the value out of (or into) a container would bypass the object's lock.
    return fmt::format("a class with a per-object lock ('{}': @shareable, or used by a "
                       "@release_gil call) inside {}", cls.python_name, holder);
  }
  if (const Class* other = other_binding(cls)) {
    return fmt::format("a class inside {} whose C++ type '{}' is also bound as '{}'", holder,
                       cls.cxx_type, other->python_name);
  }
  return "";
}

// Why `type` cannot cross the boundary in `module`'s generated code, or "" if it can.
// `holder`: the innermost container, union or mapped type that holds `type` ("" at the
// top); `in_callable`: whether a 'Callable' holds it at any depth. C++ threads call a
// Callable's std::function with no module state at hand, so classes and enums cannot be
// converted there; buffers cannot be released there.
std::string unsupported_type(const Type& type, const Module& module, std::string_view holder,
                             bool in_callable) {
  switch (type.kind) {
    case Type::Kind::Class:
      if (in_callable) return "a bound class inside a 'Callable'";
      if (type.cls->module != &module) return "a class of another module ('" + type.cls->python_name + "')";
      return holder.empty() ? "" : unsupported_nested_class(*type.cls, holder);
    case Type::Kind::Enum:
      if (in_callable) return "an enum inside a 'Callable'";
      if (type.enumeration->module != &module) {
        return "an enum of another module ('" + type.enumeration->python_name + "')";
      }
      return "";
    case Type::Kind::Optional:
      return unsupported_type(type.args[0], module, holder, in_callable);
    case Type::Kind::Buffer:
    case Type::Kind::MutableBuffer:
      return in_callable ? "a buffer inside a 'Callable'" : "";
    default: {
      const std::string_view inner_holder = type.kind == Type::Kind::Union ? "a union" : "a container";
      const bool inner_in_callable = in_callable || type.kind == Type::Kind::Callable;
      for (const Type& arg : type.args) {
        std::string why = unsupported_type(arg, module, inner_holder, inner_in_callable);
        if (!why.empty()) return why;
      }
      return "";
    }
  }
}

void check_type(Analysis& analysis, const Type& type, const Module& module, SourceRange range) {
  std::string why = unsupported_type(type, module, "", false);
  if (!why.empty()) analysis.diags.report(DiagKind::NotSupportedYet, range, why);
}

// A buffer is a view of another object's memory, valid while the call that received it
// runs; an attribute or a constant would keep that view (and the exporter's lock on
// resizing) for as long as the object lives.
void check_not_buffer(Analysis& analysis, const Type& type, SourceRange range) {
  const Type& held = type.kind == Type::Kind::Optional ? type.args[0] : type;
  if (held.kind == Type::Kind::Buffer || held.kind == Type::Kind::MutableBuffer) {
    analysis.diags.report(DiagKind::NotSupportedYet, range,
                          "a buffer that outlives a call (an attribute, property or constant)");
  }
}

void check_function(Analysis& analysis, const Function& fn, const Class* owner,
                    const Module& module) {
  for (const Param& param : fn.signature.params) check_type(analysis, param.type, module, param.range);
  check_type(analysis, fn.signature.result, module, fn.name_range);
  if (owner == nullptr) return;
  const bool member_call = fn.kind == FunctionKind::Method || fn.kind == FunctionKind::SpecialMethod;
  if (member_call && fn.cxx_name.find("::") != std::string::npos) {
    analysis.diags.report(DiagKind::NotSupportedYet, fn.name_range,
                          "a method bound to a free C++ function ('" + fn.cxx_name + "')");
  }
  if (fn.kind == FunctionKind::Constructor && fn.cxx_name != owner->cxx_type) {
    analysis.diags.report(DiagKind::NotSupportedYet, fn.name_range,
                          "a constructor bound to a factory function ('" + fn.cxx_name + "')");
  }
  // Slot functions other than tp_init and tp_call have no module state to pass on.
  const bool passes_state = fn.kind != FunctionKind::SpecialMethod || fn.python_name == "__call__";
  if (fn.signature.state_index && !passes_state) {
    analysis.diags.report(DiagKind::NotSupportedYet, fn.name_range,
                          "the 'state' parameter in '" + fn.python_name + "'");
  }
}

}  // namespace

void check_generation_support(Analysis& analysis, const Module& module) {
  for (const Function& fn : module.functions) check_function(analysis, fn, nullptr, module);
  for (const Constant& constant : module.constants) {
    check_type(analysis, constant.type, module, constant.range);
    check_not_buffer(analysis, constant.type, constant.range);
  }
  for (const Exception& e : module.exceptions) {
    if (e.base != nullptr && e.base->module != &module) {
      analysis.diags.report(DiagKind::NotSupportedYet, e.range,
                            "deriving from an exception of another module ('" +
                                e.base->python_name + "')");
    }
  }
  for (const Class& cls : module.classes) {
    if (cls.constructor) check_function(analysis, *cls.constructor, &cls, module);
    for (const Function& fn : cls.methods) check_function(analysis, fn, &cls, module);
    for (const Function& fn : cls.special_methods) check_function(analysis, fn, &cls, module);
    for (const DataMember& member : cls.members) {
      check_type(analysis, member.type, module, member.name_range);
      check_not_buffer(analysis, member.type, member.name_range);
    }
    for (const Property& property : cls.properties) {
      check_type(analysis, property.type, module, property.name_range);
      check_not_buffer(analysis, property.type, property.name_range);
    }
  }
  for (const Module& child : module.submodules) check_generation_support(analysis, child);
}

}  // namespace pyidlc::sema
