// build_decl.cpp: AstBuilder for each kind of declaration and class member.
#include "compiler/parse/ast_builder.h"

namespace pyidlc::parse {

ast::Import AstBuilder::build_import(P::ImportDeclContext* ctx) {
  ast::Import import{.module = build_dotted_name(ctx->dottedName()), .range = range(ctx)};
  for (P::ImportedNameContext* name : ctx->importedName()) {
    ast::ImportedName& imported = import.names.emplace_back();
    imported.name = build_name(name->name(0));
    if (name->AS() != nullptr) imported.alias = build_name(name->name(1));
  }
  return import;
}

ast::TypeMap AstBuilder::build_type_map(P::TypeDeclContext* ctx) {
  ast::TypeMap map;
  map.name = build_name(ctx->name());
  if (ctx->typeParams() != nullptr) {
    for (P::NameContext* param : ctx->typeParams()->name()) map.params.push_back(build_name(param));
  }
  map.cxx_type = build_cxx_name(ctx->cxxName());
  map.accepts = build_python_spelling(ctx->pythonSpelling(0));
  if (ctx->ARROW() != nullptr) map.returns = build_python_spelling(ctx->pythonSpelling(1));
  map.doc = build_docstring(ctx->DOCSTRING());
  map.range = range(ctx);
  return map;
}

ast::PythonSpelling AstBuilder::build_python_spelling(P::PythonSpellingContext* ctx) {
  ast::PythonSpelling spelling{.range = range(ctx)};
  if (ctx->typeExpr() != nullptr) {
    spelling.type = build_type(ctx->typeExpr());
  } else {
    spelling.text = build_string(ctx->STRING());
  }
  return spelling;
}

ast::Include AstBuilder::build_include(P::IncludeDeclContext* ctx) {
  return ast::Include{build_string(ctx->STRING()), range(ctx)};
}

ast::Namespace AstBuilder::build_namespace(P::NamespaceDeclContext* ctx) {
  return ast::Namespace{build_cxx_name(ctx->cxxName()), range(ctx)};
}

ast::StateDecl AstBuilder::build_state(P::StateDeclContext* ctx) {
  return ast::StateDecl{build_attributes(ctx->attribute()), build_cxx_name(ctx->cxxName()),
                        range(ctx)};
}

ast::Exception AstBuilder::build_exception(P::ExceptionDeclContext* ctx) {
  ast::Exception exception;
  exception.attributes = build_attributes(ctx->attribute());
  exception.name = build_name(ctx->name());
  if (ctx->dottedName() != nullptr) exception.base = build_dotted_name(ctx->dottedName());
  if (ctx->cxxName() != nullptr) exception.cxx_type = build_cxx_name(ctx->cxxName());
  exception.doc = build_docstring(ctx->DOCSTRING());
  exception.range = range(ctx);
  return exception;
}

ast::Enum AstBuilder::build_enum(P::EnumDeclContext* ctx) {
  ast::Enum enumeration;
  enumeration.attributes = build_attributes(ctx->attribute());
  enumeration.is_flag = ctx->FLAG() != nullptr;
  enumeration.name = build_name(ctx->name());
  if (ctx->cxxName() != nullptr) enumeration.cxx_type = build_cxx_name(ctx->cxxName());
  enumeration.doc = build_docstring(ctx->DOCSTRING());
  enumeration.members =
      build_all<ast::EnumMember>(ctx->enumMember(), &AstBuilder::build_enum_member);
  enumeration.range = range(ctx);
  return enumeration;
}

ast::EnumMember AstBuilder::build_enum_member(P::EnumMemberContext* ctx) {
  ast::EnumMember member;
  member.name = build_name(ctx->name());
  if (ctx->constExpr() != nullptr) member.value = build_const_expr(ctx->constExpr());
  member.doc = build_docstring(ctx->DOCSTRING());
  member.range = range(ctx);
  return member;
}

ast::Const AstBuilder::build_const(P::ConstDeclContext* ctx) {
  ast::Const constant;
  constant.attributes = build_attributes(ctx->attribute());
  constant.name = build_name(ctx->name());
  constant.type = build_type(ctx->typeExpr());
  constant.value = build_const_expr(ctx->constExpr());
  constant.doc = build_docstring(ctx->DOCSTRING());
  constant.range = range(ctx);
  return constant;
}

ast::Function AstBuilder::build_function(P::FunctionDeclContext* ctx) {
  ast::Function function;
  function.attributes = build_attributes(ctx->attribute());
  function.name = build_name(ctx->name());
  if (ctx->paramList() != nullptr)
    function.params = build_all<ast::Param>(ctx->paramList()->param(), &AstBuilder::build_param);
  if (ctx->typeExpr() != nullptr) function.result = build_type(ctx->typeExpr());
  if (ctx->cxxName() != nullptr) function.cxx_name = build_cxx_name(ctx->cxxName());
  function.doc = build_docstring(ctx->DOCSTRING());
  function.range = range(ctx);
  return function;
}

ast::Param AstBuilder::build_param(P::ParamContext* ctx) {
  ast::Param param;
  param.range = range(ctx);
  if (auto* named = dynamic_cast<P::NamedParamContext*>(ctx)) {
    param.kind = ast::Param::Kind::Named;
    param.name = build_name(named->name());
    param.type = build_type(named->typeExpr());
    if (named->constExpr() != nullptr) param.default_value = build_const_expr(named->constExpr());
    return param;
  }
  // The other alternatives are a single keyword or marker; the name records its spelling.
  auto* keyword = dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children.front());
  param.name = build_keyword_name(keyword);
  switch (keyword->getSymbol()->getType()) {
    case P::SELF: param.kind = ast::Param::Kind::Self; break;
    case P::CLS: param.kind = ast::Param::Kind::Cls; break;
    case P::STATE: param.kind = ast::Param::Kind::State; break;
    case P::SLASH: param.kind = ast::Param::Kind::PositionalOnlyMarker; break;
    default: param.kind = ast::Param::Kind::KeywordOnlyMarker; break;
  }
  return param;
}

ast::Class AstBuilder::build_class(P::ClassDeclContext* ctx) {
  ast::Class cls;
  cls.attributes = build_attributes(ctx->attribute());
  cls.name = build_name(ctx->name());
  if (ctx->dottedName() != nullptr) cls.base = build_dotted_name(ctx->dottedName());
  if (ctx->cxxName() != nullptr) cls.cxx_type = build_cxx_name(ctx->cxxName());
  cls.doc = build_docstring(ctx->DOCSTRING());
  cls.members = build_all<ast::ClassMember>(ctx->classMember(), &AstBuilder::build_class_member);
  cls.range = range(ctx);
  return cls;
}

ast::ClassMember AstBuilder::build_class_member(P::ClassMemberContext* ctx) {
  if (auto* f = ctx->functionDecl()) return build_function(f);
  if (auto* a = ctx->attrDecl()) return build_attr(a);
  return build_property(ctx->propertyDecl());  // the grammar's last alternative
}

ast::Attr AstBuilder::build_attr(P::AttrDeclContext* ctx) {
  ast::Attr attr;
  attr.attributes = build_attributes(ctx->attribute());
  attr.readonly = ctx->READONLY() != nullptr;
  attr.name = build_name(ctx->name());
  attr.type = build_type(ctx->typeExpr());
  if (ctx->cxxName() != nullptr) attr.cxx_name = build_cxx_name(ctx->cxxName());
  attr.doc = build_docstring(ctx->DOCSTRING());
  attr.range = range(ctx);
  return attr;
}

ast::Property AstBuilder::build_property(P::PropertyDeclContext* ctx) {
  ast::Property property;
  property.attributes = build_attributes(ctx->attribute());
  property.name = build_name(ctx->name());
  property.type = build_type(ctx->typeExpr());
  property.doc = build_docstring(ctx->DOCSTRING());
  property.accessors = build_all<ast::Accessor>(ctx->accessor(), &AstBuilder::build_accessor);
  property.range = range(ctx);
  return property;
}

ast::Accessor AstBuilder::build_accessor(P::AccessorContext* ctx) {
  return ast::Accessor{build_name(ctx->name()), build_cxx_name(ctx->cxxName()), range(ctx)};
}

}  // namespace pyidlc::parse
