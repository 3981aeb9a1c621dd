// build_class.cpp: ast::Class → Class: C++ type, base, methods, data members, properties.
#include "compiler/sema/phases.h"
#include "compiler/sema/resolve.h"

namespace pyidlc::sema {
namespace {

std::optional<std::string> doc_text(const std::optional<ast::Docstring>& doc) {
  if (!doc) return std::nullopt;
  return doc->text;
}

void add_function(Analysis& analysis, ModuleScope& scope, const ast::Function& decl, Class& cls) {
  Function function = build_function(analysis, scope, decl, &cls);
  switch (function.kind) {
    case FunctionKind::Constructor:
      // A second __init__ was reported when names were collected; the first one counts.
      if (!cls.constructor) cls.constructor = std::move(function);
      break;
    case FunctionKind::SpecialMethod:
      cls.special_methods.push_back(std::move(function));
      break;
    default:
      cls.methods.push_back(std::move(function));
  }
}

void add_attr(Analysis& analysis, ModuleScope& scope, const ast::Attr& decl, Class& cls) {
  check_attributes(analysis, decl.attributes, AttributeSite::Attr);
  auto type = resolve_type(analysis, scope, decl.type);
  cls.members.push_back({.python_name = decl.name.text,
                         .cxx_member = decl.cxx_name ? decl.cxx_name->spelling : decl.name.text,
                         .type = type.value_or(Type{}),
                         .readonly = decl.readonly,
                         .doc = doc_text(decl.doc),
                         .range = decl.range,
                         .name_range = decl.name.range});
}

void add_property(Analysis& analysis, ModuleScope& scope, const ast::Property& decl, Class& cls) {
  check_attributes(analysis, decl.attributes, AttributeSite::Property);
  Property& property = cls.properties.emplace_back();
  property.python_name = decl.name.text;
  property.type = resolve_type(analysis, scope, decl.type).value_or(Type{});
  property.doc = doc_text(decl.doc);
  property.range = decl.range;
  property.name_range = decl.name.range;
  check_accessors(analysis, decl, property);
}

}  // namespace

void build_class(Analysis& analysis, ModuleScope& scope, const ast::Class& decl, Class& cls) {
  AttributeSet attributes = check_attributes(analysis, decl.attributes, AttributeSite::Class);
  cls.subclassable = attributes.subclassable;
  cls.serialized = attributes.serialized;
  cls.critical_section = attributes.critical_section;
  cls.shareable = attributes.shareable;
  const std::string& cxx_namespace = scope.module->cxx_namespace;
  cls.cxx_type = qualify_cxx_name(cxx_namespace, decl.cxx_type ? decl.cxx_type->spelling
                                                               : decl.name.text);
  if (decl.base) cls.base = resolve_class_base(analysis, scope, decl);
  for (const ast::ClassMember& member : decl.members) {
    std::visit(
        [&](const auto& m) {
          using T = std::decay_t<decltype(m)>;
          if constexpr (std::is_same_v<T, ast::Function>) add_function(analysis, scope, m, cls);
          if constexpr (std::is_same_v<T, ast::Attr>) add_attr(analysis, scope, m, cls);
          if constexpr (std::is_same_v<T, ast::Property>) add_property(analysis, scope, m, cls);
        },
        member);
  }
}

}  // namespace pyidlc::sema
