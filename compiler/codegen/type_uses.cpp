// type_uses.cpp: walks every signature, member and constant of a module for class and enum
// types, by the direction in which they are converted.
#include "compiler/codegen/type_uses.h"

namespace pyidlc::codegen {

namespace {

void add(TypeUses& uses, const sema::Type& type, bool to_cxx) {
  if (type.kind == sema::Type::Kind::Class) {
    (to_cxx ? uses.unwrapped : uses.wrapped).insert(type.cls);
  } else if (type.kind == sema::Type::Kind::Enum) {
    (to_cxx ? uses.enums_in : uses.enums_out).insert(type.enumeration);
  }
  for (const sema::Type& arg : type.args) add(uses, arg, to_cxx);
}

void add_function(TypeUses& uses, const sema::Function& fn) {
  for (const sema::Param& param : fn.signature.params) add(uses, param.type, /*to_cxx=*/true);
  add(uses, fn.signature.result, /*to_cxx=*/false);
}

}  // namespace

TypeUses collect_type_uses(const sema::Module& module) {
  TypeUses uses;
  for (const sema::Function& fn : module.functions) add_function(uses, fn);
  for (const sema::Constant& constant : module.constants) add(uses, constant.type, false);
  for (const sema::Class& cls : module.classes) {
    if (cls.constructor) add_function(uses, *cls.constructor);
    for (const sema::Function& fn : cls.methods) add_function(uses, fn);
    for (const sema::Function& fn : cls.special_methods) add_function(uses, fn);
    for (const sema::DataMember& member : cls.members) {
      add(uses, member.type, false);
      if (!member.readonly) add(uses, member.type, true);
    }
    for (const sema::Property& property : cls.properties) {
      add(uses, property.type, false);
      if (property.setter) add(uses, property.type, true);
    }
  }
  return uses;
}

}  // namespace pyidlc::codegen
