// check_signature.cpp: parameter-list rules, one function each (Python's rules where it has them).
#include <unordered_map>

#include "compiler/sema/phases.h"

namespace pyidlc::sema {
namespace {

using PK = ast::Param::Kind;

// The receiver a function kind takes first: "self", "cls" or none.
std::string_view expected_receiver(FunctionKind kind) {
  switch (kind) {
    case FunctionKind::Method:
    case FunctionKind::Constructor:
    case FunctionKind::SpecialMethod: return "self";
    case FunctionKind::ClassMethod: return "cls";
    case FunctionKind::ModuleFunction:
    case FunctionKind::StaticMethod: return "";
  }
  return "";
}

std::string_view describe(FunctionKind kind) {
  switch (kind) {
    case FunctionKind::ModuleFunction: return "a module function";
    case FunctionKind::Method: return "a method";
    case FunctionKind::StaticMethod: return "a static method";
    case FunctionKind::ClassMethod: return "a class method";
    case FunctionKind::Constructor: return "a constructor";
    case FunctionKind::SpecialMethod: return "a special method";
  }
  return "a function";
}

std::string_view receiver_name(const ast::Param& param) {
  return param.kind == PK::Self ? "self" : "cls";
}

// self/cls: only the kind's own receiver, only first. A missing one is reported at the
// function's name, unless one was written elsewhere (then "must be first" says it all).
void check_receiver(Analysis& analysis, const ast::Function& decl, FunctionKind kind) {
  std::string_view expected = expected_receiver(kind);
  bool written = false;
  for (size_t i = 0; i < decl.params.size(); ++i) {
    const ast::Param& param = decl.params[i];
    if (param.kind != PK::Self && param.kind != PK::Cls) continue;
    std::string_view name = receiver_name(param);
    if (name != expected) {
      analysis.diags.report(DiagKind::ReceiverNotAllowed, param.range, name, describe(kind));
      continue;
    }
    if (i != 0 && !written) analysis.diags.report(DiagKind::MisplacedReceiver, param.range, name);
    written = true;
  }
  if (!expected.empty() && !written) {
    std::string_view what = kind == FunctionKind::ClassMethod ? "class method" : "method";
    analysis.diags.report(DiagKind::MissingReceiver, decl.name.range, what, decl.name.text, expected);
  }
}

// '/' may not come first, appears at most once, and comes before '*'; '*' appears at most
// once and must be followed by a named parameter.
void check_markers(Analysis& analysis, const ast::Function& decl) {
  const ast::Param* slash = nullptr;
  const ast::Param* star = nullptr;
  bool named_after_star = false;
  for (size_t i = 0; i < decl.params.size(); ++i) {
    const ast::Param& param = decl.params[i];
    if (param.kind == PK::PositionalOnlyMarker) {
      if (i == 0) {
        analysis.diags.report(DiagKind::MisplacedPositionalOnlyMarker, param.range,
                              "must follow at least one parameter");
      } else if (slash != nullptr) {
        analysis.diags.report(DiagKind::MisplacedPositionalOnlyMarker, param.range,
                              "may appear only once");
      } else if (star != nullptr) {
        analysis.diags.report(DiagKind::MisplacedPositionalOnlyMarker, param.range,
                              "must come before '*'");
      }
      if (slash == nullptr) slash = &param;
    } else if (param.kind == PK::KeywordOnlyMarker) {
      if (star != nullptr) {
        analysis.diags.report(DiagKind::MisplacedKeywordOnlyMarker, param.range,
                              "may appear only once");
        continue;
      }
      star = &param;
    } else if (param.kind == PK::Named && star != nullptr) {
      named_after_star = true;
    }
  }
  if (star != nullptr && !named_after_star) {
    analysis.diags.report(DiagKind::MisplacedKeywordOnlyMarker, star->range,
                          "must be followed by a named parameter");
  }
}

// The name a parameter binds: its own for named ones, the keyword for self/cls/state.
const ast::Name* bound_name(const ast::Param& param) {
  if (param.kind == PK::PositionalOnlyMarker || param.kind == PK::KeywordOnlyMarker) return nullptr;
  return &param.name;
}

SourceRange name_range(const ast::Param& param) {
  return param.kind == PK::Named ? param.name.range : param.range;
}

void check_duplicates(Analysis& analysis, const ast::Function& decl) {
  std::unordered_map<std::string_view, const ast::Param*> seen;
  for (const ast::Param& param : decl.params) {
    const ast::Name* name = bound_name(param);
    if (name == nullptr) continue;
    auto [it, inserted] = seen.try_emplace(name->text, &param);
    if (!inserted) {
      analysis.diags.report(DiagKind::DuplicateParameter, name_range(param), name->text)
          .note(DiagKind::PreviousParameter, name_range(*it->second), name->text);
    }
  }
}

// Like Python: among positional parameters a default makes the following ones need one
// too; keyword-only parameters (after '*') may come in any order.
void check_default_order(Analysis& analysis, const ast::Function& decl) {
  const ast::Param* last_default = nullptr;
  for (const ast::Param& param : decl.params) {
    if (param.kind == PK::KeywordOnlyMarker) return;
    if (param.kind != PK::Named) continue;
    if (param.default_value) {
      last_default = &param;
    } else if (last_default != nullptr) {
      analysis.diags.report(DiagKind::NonDefaultAfterDefault, param.name.range)
          .note(DiagKind::DefaultParameterHere, last_default->name.range, last_default->name.text);
    }
  }
}

// `state` reaches the module's state object, so the module must declare one.
void check_state_parameter(Analysis& analysis, const ModuleScope& scope, const ast::Function& decl) {
  if (scope.module->state_type) return;
  for (const ast::Param& param : decl.params) {
    if (param.kind == PK::State) {
      analysis.diags.report(DiagKind::StateWithoutDeclaration, param.range);
      return;  // once per function: a second `state` is already a duplicate
    }
  }
}

}  // namespace

void check_signature(Analysis& analysis, const ModuleScope& scope, const ast::Function& decl,
                     FunctionKind kind) {
  check_receiver(analysis, decl, kind);
  check_markers(analysis, decl);
  check_duplicates(analysis, decl);
  check_default_order(analysis, decl);
  check_state_parameter(analysis, scope, decl);
}

}  // namespace pyidlc::sema
