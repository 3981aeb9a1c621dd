// check_sync.cpp: the concurrency attributes seen over a whole module tree: which classes
// get a per-object lock, which attributes lack the `self` they lock, and which ones another
// attribute already covers.
#include <set>
#include <string>

#include "compiler/sema/phases.h"
#include "compiler/sema/special_methods.h"

namespace pyidlc::sema {
namespace {

// A released call runs while other threads of the interpreter run; every object it can see
// must then be locked: `self` of a @release_gil method, and each argument of a bound class
// (an optional one is copied before the call, so only the copy is seen).
void add_released_objects(const Function& fn, std::set<const Class*>& locked) {
  if (!fn.release_gil) return;
  for (const Param& param : fn.signature.params) {
    if (param.type.kind == Type::Kind::Class) locked.insert(param.type.cls);
  }
}

void derive_object_locks(Module& module) {
  std::set<const Class*> locked;
  for (const Function& fn : module.functions) add_released_objects(fn, locked);
  for (const Class& cls : module.classes) {
    if (cls.shareable) locked.insert(&cls);
    for (const Function& fn : cls.methods) {
      add_released_objects(fn, locked);
      if (fn.release_gil && is_instance_call(fn)) locked.insert(&cls);
    }
  }
  for (Class& cls : module.classes) cls.object_lock = locked.count(&cls) != 0;
}

class SyncChecker {
 public:
  explicit SyncChecker(Analysis& analysis) : analysis_(analysis) {}

  void check_module(ModuleScope& scope) {
    derive_object_locks(*scope.module);
    size_t class_index = 0;
    size_t child_index = 0;
    for (const ast::Declaration& declaration : *scope.declarations) {
      if (const auto* decl = std::get_if<ast::Class>(&declaration)) {
        check_class(*decl, scope.module->classes[class_index++]);
      } else if (const auto* sub = std::get_if<std::unique_ptr<ast::Submodule>>(&declaration)) {
        ModuleScope& child = *scope.children[child_index++];
        check_serialized_inside(find_attribute((*sub)->attributes, "serialized"), *scope.module);
        check_module(child);
      }
    }
  }

 private:
  // A @serialized module or class inside a module whose lock covers it already.
  void check_serialized_inside(const ast::Attribute* attribute, const Module& enclosing) {
    const Module* serializing = serializing_module(enclosing);
    if (attribute == nullptr || serializing == nullptr) return;
    analysis_.diags
        .report(DiagKind::RedundantAttribute, attribute->name.range, "serialized",
                "module '" + serializing->name + "' is @serialized already")
        .note(DiagKind::DeclaredHere, serializing->range, serializing->name);
  }

  void check_class(const ast::Class& decl, Class& cls) {
    if (cls.serialized) check_serialized_inside(find_attribute(decl.attributes, "serialized"), *cls.module);
    if (cls.critical_section && !exclusion_reason(cls).empty()) {
      report_redundant(*find_attribute(decl.attributes, "critical_section"), exclusion_reason(cls));
      cls.critical_section = false;
    }
    size_t method_index = 0;
    size_t special_index = 0;
    bool constructor_seen = false;
    for (const ast::ClassMember& member : decl.members) {
      const auto* fn_decl = std::get_if<ast::Function>(&member);
      if (fn_decl == nullptr) continue;
      Function* fn = nullptr;
      if (fn_decl->name.text == "__init__") {
        // A second __init__ was reported as DuplicateConstructor and is not in the model.
        if (!constructor_seen && cls.constructor) fn = &*cls.constructor;
        constructor_seen = true;
      } else {
        fn = is_dunder(fn_decl->name.text) ? &cls.special_methods[special_index++]
                                            : &cls.methods[method_index++];
      }
      if (fn != nullptr) check_method(*fn_decl, *fn, cls);
    }
  }

  // Decides whether the call runs in a critical section, reporting a @critical_section that
  // cannot apply or changes nothing.
  void check_method(const ast::Function& decl, Function& fn, const Class& cls) {
    if (const ast::Attribute* attribute = find_attribute(decl.attributes, "critical_section");
        attribute != nullptr && fn.critical_section) {
      if (fn.kind == FunctionKind::StaticMethod || fn.kind == FunctionKind::ClassMethod) {
        analysis_.diags.report(DiagKind::AttributeNeedsSelf, attribute->name.range,
                               "critical_section",
                               fn.kind == FunctionKind::StaticMethod ? "static method" : "class method",
                               fn.python_name);
      } else if (!exclusion_reason(cls).empty()) {
        report_redundant(*attribute, exclusion_reason(cls));
      } else if (cls.critical_section) {
        report_redundant(*attribute, "class '" + cls.python_name + "' is @critical_section already");
      } else if (fn.kind == FunctionKind::Constructor) {
        report_redundant(*attribute, "'__init__' runs in a critical section already");
      }
    }
    // tp_init has its own critical section; a lock that excludes the call makes one useless.
    fn.critical_section = is_instance_call(fn) && exclusion_reason(cls).empty() &&
                          (fn.critical_section || cls.critical_section);
  }

  // Why calls on instances of `cls` exclude each other without a critical section, or "".
  static std::string exclusion_reason(const Class& cls) {
    if (cls.object_lock) return "calls on '" + cls.python_name + "' take its per-object lock already";
    if (const Module* serializing = serializing_module(*cls.module)) {
      return "calls on '" + cls.python_name + "' take the lock of @serialized module '" +
             serializing->name + "' already";
    }
    if (cls.serialized) return "calls on '" + cls.python_name + "' take its @serialized lock already";
    return "";
  }

  void report_redundant(const ast::Attribute& attribute, const std::string& reason) {
    analysis_.diags.report(DiagKind::RedundantAttribute, attribute.name.range,
                           attribute.name.text, reason);
  }

  Analysis& analysis_;
};

}  // namespace

void check_sync(Analysis& analysis, ModuleScope& scope) { SyncChecker(analysis).check_module(scope); }

}  // namespace pyidlc::sema
