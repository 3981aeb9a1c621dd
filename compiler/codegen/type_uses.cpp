// type_uses.cpp: walks every signature, member and constant of a module for the types that
// cross the boundary, by the direction in which they are converted.
#include "compiler/codegen/type_uses.h"

#include <algorithm>
#include <functional>

#include "compiler/base/identifiers.h"
#include "compiler/codegen/cxx_types.h"

namespace pyidlc::codegen {

namespace {

// f(type, to_cxx) for every type written in `module` (not its submodules), outermost only;
// `to_cxx`: converted from Python to C++.
using TypeVisitor = std::function<void(const sema::Type&, bool to_cxx)>;

void visit_function(const sema::Function& fn, const TypeVisitor& f) {
  for (const sema::Param& param : fn.signature.params) f(param.type, /*to_cxx=*/true);
  f(fn.signature.result, /*to_cxx=*/false);
}

void visit_types(const sema::Module& module, const TypeVisitor& f) {
  for (const sema::Function& fn : module.functions) visit_function(fn, f);
  for (const sema::Constant& constant : module.constants) f(constant.type, false);
  for (const sema::Class& cls : module.classes) {
    if (cls.constructor) visit_function(*cls.constructor, f);
    for (const sema::Function& fn : cls.methods) visit_function(fn, f);
    for (const sema::Function& fn : cls.special_methods) visit_function(fn, f);
    for (const sema::DataMember& member : cls.members) {
      f(member.type, false);
      if (!member.readonly) f(member.type, true);
    }
    for (const sema::Property& property : cls.properties) {
      f(property.type, false);
      if (property.setter) f(property.type, true);
    }
  }
}

// g(type) for `type` and every type nested in it.
void for_each_nested(const sema::Type& type, const std::function<void(const sema::Type&)>& g) {
  g(type);
  for (const sema::Type& arg : type.args) for_each_nested(arg, g);
}

void visit_tree(const sema::Module& module, const std::function<void(const sema::Type&)>& g) {
  visit_types(module, [&](const sema::Type& type, bool) { for_each_nested(type, g); });
  for (const sema::Module& child : module.submodules) visit_tree(child, g);
}

// "a.b" for each dotted name "a.b.c" in `annotation` (the module that must be imported for
// the name to resolve in a stub).
void add_modules_named(const std::string& annotation, std::set<std::string>& modules) {
  size_t i = 0;
  while (i < annotation.size()) {
    if (!starts_identifier(annotation[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    size_t last_dot = std::string::npos;
    while (end < annotation.size() && (continues_identifier(annotation[end]) || annotation[end] == '.')) {
      if (annotation[end] == '.') last_dot = end;
      ++end;
    }
    if (last_dot != std::string::npos) modules.insert(annotation.substr(i, last_dot - i));
    i = end;
  }
}

}  // namespace

TypeUses collect_type_uses(const sema::Module& module) {
  TypeUses uses;
  visit_types(module, [&](const sema::Type& outer, bool to_cxx) {
    for_each_nested(outer, [&](const sema::Type& type) {
      if (type.kind == sema::Type::Kind::Class) {
        (to_cxx ? uses.unwrapped : uses.wrapped).insert(type.cls);
      } else if (type.kind == sema::Type::Kind::Enum) {
        (to_cxx ? uses.enums_in : uses.enums_out).insert(type.enumeration);
      } else if (converts_with_state(type)) {
        for_each_nested(type, [&](const sema::Type& inner) {
          if (inner.kind == sema::Type::Kind::Class) uses.nested_classes.insert(inner.cls);
          if (inner.kind == sema::Type::Kind::Enum) uses.nested_enums.insert(inner.enumeration);
        });
      }
    });
  });
  return uses;
}

std::vector<const sema::TypeMap*> type_maps_used(const sema::Module& module) {
  std::vector<const sema::TypeMap*> maps;
  visit_tree(module, [&](const sema::Type& type) {
    if (type.kind == sema::Type::Kind::Mapped && std::find(maps.begin(), maps.end(), type.map) == maps.end()) {
      maps.push_back(type.map);
    }
  });
  return maps;
}

std::set<std::string> python_modules_named(const sema::Module& module) {
  std::set<std::string> modules;
  visit_tree(module, [&](const sema::Type& type) {
    if (type.kind != sema::Type::Kind::Mapped) return;
    add_modules_named(type.mapped.accepts, modules);
    add_modules_named(type.mapped.returns, modules);
  });
  return modules;
}

}  // namespace pyidlc::codegen
