// build_function.cpp: ast::Function → Function: kind, signature, result, C++ name.
#include <algorithm>

#include "compiler/sema/phases.h"
#include "compiler/sema/resolve.h"
#include "compiler/sema/special_methods.h"

namespace pyidlc::sema {
namespace {

using PK = ast::Param::Kind;

// The kind follows from where the function stands, its name and its attributes.
FunctionKind function_kind(const ast::Function& decl, const Class* owner, const AttributeSet& attrs) {
  if (owner == nullptr) return FunctionKind::ModuleFunction;
  if (decl.name.text == "__init__") return FunctionKind::Constructor;
  if (is_dunder(decl.name.text)) return FunctionKind::SpecialMethod;
  if (attrs.staticmethod) return FunctionKind::StaticMethod;
  if (attrs.classmethod) return FunctionKind::ClassMethod;
  return FunctionKind::Method;
}

AttributeSite attribute_site(const ast::Function& decl, const Class* owner) {
  if (owner == nullptr) return AttributeSite::Function;
  return is_dunder(decl.name.text) ? AttributeSite::SpecialMethod : AttributeSite::Method;
}

// Python-visible parameters with their kinds; `state` is remembered by its position in the
// C++ call. Markers were checked already; here the first of each counts.
Signature build_signature(Analysis& analysis, ModuleScope& scope, const ast::Function& decl) {
  Signature signature;
  size_t slash_at = 0;  // named parameters before the first '/'
  for (const ast::Param& param : decl.params) {
    if (param.kind == PK::PositionalOnlyMarker) break;
    slash_at += param.kind == PK::Named;
  }
  bool has_slash = std::any_of(decl.params.begin(), decl.params.end(),
                               [](const ast::Param& p) { return p.kind == PK::PositionalOnlyMarker; });
  bool after_star = false;
  for (const ast::Param& param : decl.params) {
    if (param.kind == PK::KeywordOnlyMarker) after_star = true;
    if (param.kind == PK::State && !signature.state_index) {
      signature.state_index = signature.params.size();
    }
    if (param.kind != PK::Named) continue;
    Param& out = signature.params.emplace_back();
    out.name = param.name.text;
    out.range = param.range;
    out.kind = after_star ? ParamKind::KeywordOnly
               : has_slash && signature.params.size() <= slash_at ? ParamKind::PositionalOnly
                                                                  : ParamKind::PositionalOrKeyword;
    auto type = resolve_type(analysis, scope, param.type);
    if (!type) continue;  // reported; no default check against an unknown type
    out.type = std::move(*type);
    if (param.default_value) {
      out.default_value = resolve_value(analysis, scope, *param.default_value, out.type,
                                        ValueUse::Default);
    }
  }
  return signature;
}

std::string default_cxx_name(const ast::Function& decl, FunctionKind kind,
                             const SpecialMethod* special, const Class* owner,
                             const std::string& cxx_namespace) {
  switch (kind) {
    case FunctionKind::ModuleFunction: return qualify_cxx_name(cxx_namespace, decl.name.text);
    case FunctionKind::StaticMethod:
    case FunctionKind::ClassMethod: return owner->cxx_type + "::" + decl.name.text;
    case FunctionKind::Constructor: return owner->cxx_type;
    case FunctionKind::SpecialMethod: return special ? std::string(special->cxx_default) : "";
    case FunctionKind::Method: return decl.name.text;
  }
  return decl.name.text;
}

// An explicit `= name`: members stay as written (a '::' makes a free function, see model.h);
// functions that are not members resolve in the namespace or the class.
std::string explicit_cxx_name(const std::string& spelling, FunctionKind kind, const Class* owner,
                              const std::string& cxx_namespace) {
  bool qualified = spelling.find("::") != std::string::npos;
  switch (kind) {
    case FunctionKind::Method:
    case FunctionKind::SpecialMethod: return spelling;
    case FunctionKind::StaticMethod:
    case FunctionKind::ClassMethod: return qualified ? spelling : owner->cxx_type + "::" + spelling;
    case FunctionKind::ModuleFunction:
    case FunctionKind::Constructor: return qualify_cxx_name(cxx_namespace, spelling);
  }
  return spelling;
}

}  // namespace

std::string qualify_cxx_name(const std::string& cxx_namespace, const std::string& spelling) {
  if (spelling.find("::") != std::string::npos || cxx_namespace.empty()) return spelling;
  return cxx_namespace + "::" + spelling;
}

Function build_function(Analysis& analysis, ModuleScope& scope, const ast::Function& decl,
                        const Class* owner) {
  AttributeSet attrs = check_attributes(analysis, decl.attributes, attribute_site(decl, owner));
  Function function;
  function.python_name = decl.name.text;
  function.kind = function_kind(decl, owner, attrs);
  function.range = decl.range;
  function.name_range = decl.name.range;
  if (decl.doc) function.doc = decl.doc->text;
  function.release_gil = attrs.release_gil;
  function.critical_section = attrs.critical_section;  // check_sync adds the class's
  check_signature(analysis, scope, decl, function.kind);
  function.signature = build_signature(analysis, scope, decl);

  bool result_resolved = true;
  if (decl.result) {
    auto result = resolve_type(analysis, scope, *decl.result);
    result_resolved = result.has_value();
    if (result) function.signature.result = std::move(*result);
  }
  if (function.kind == FunctionKind::SpecialMethod || function.kind == FunctionKind::Constructor) {
    function.special = check_special_method(analysis, decl, function, result_resolved);
  }
  const std::string& cxx_namespace = scope.module->cxx_namespace;
  function.cxx_name = decl.cxx_name
      ? explicit_cxx_name(decl.cxx_name->spelling, function.kind, owner, cxx_namespace)
      : default_cxx_name(decl, function.kind, function.special, owner, cxx_namespace);
  return function;
}

}  // namespace pyidlc::sema
