// check_class.cpp: class rules: special methods, property accessors, base classes.
#include <string>
#include <vector>

#include "compiler/sema/did_you_mean.h"
#include "compiler/sema/phases.h"
#include "compiler/sema/special_methods.h"

namespace pyidlc::sema {
namespace {

std::string count_parameters(int count) {
  if (count == 0) return "no parameters";
  return count == 1 ? "1 parameter" : std::to_string(count) + " parameters";
}

void report_unknown_dunder(Analysis& analysis, const ast::Function& decl) {
  auto report = analysis.diags.report(DiagKind::UnknownSpecialMethod, decl.name.range,
                                      decl.name.text);
  std::vector<std::string> candidates;
  for (const SpecialMethod& entry : special_methods()) candidates.emplace_back(entry.name);
  if (auto suggestion = closest_name(decl.name.text, candidates)) {
    report.note(DiagKind::DidYouMean, decl.name.range, *suggestion);
  }
}

// Where the return type is written, or the name when it is left out (returns None).
SourceRange result_range(const ast::Function& decl) {
  return decl.result ? decl.result->range : decl.name.range;
}

}  // namespace

const SpecialMethod* check_special_method(Analysis& analysis, const ast::Function& decl,
                                          const Function& function, bool result_resolved) {
  const SpecialMethod* entry = find_special_method(decl.name.text);
  if (entry == nullptr) {
    report_unknown_dunder(analysis, decl);
    return nullptr;
  }
  int arity = static_cast<int>(function.signature.params.size());
  if (entry->arity != kAnyArity && arity != entry->arity) {
    analysis.diags.report(DiagKind::DunderArity, decl.name.range, decl.name.text,
                          count_parameters(entry->arity), arity);
  }
  // A result that failed to resolve was reported already; its stand-in proves nothing.
  if (entry->result && result_resolved && function.signature.result.kind != *entry->result) {
    Type required{.kind = *entry->result};
    analysis.diags.report(DiagKind::DunderReturnType, result_range(decl), decl.name.text,
                          required.idl_spelling(), function.signature.result.idl_spelling());
  }
  if (entry->cxx_default.empty() && entry->form != SpecialForm::Constructor && !decl.cxx_name) {
    analysis.diags.report(DiagKind::SpecialMethodNeedsCxxName, decl.name.range, decl.name.text);
  }
  return entry;
}

const Class* resolve_class_base(Analysis& analysis, ModuleScope& scope, const ast::Class& decl) {
  const ast::DottedName& base = *decl.base;
  std::string name = base.joined();
  const Symbol* symbol = lookup(scope, base.parts);
  if (symbol == nullptr) {
    auto report = analysis.diags.report(DiagKind::UnknownType, base.range, name);
    auto candidates = visible_names(scope, [](Symbol::Kind kind) { return kind == Symbol::Kind::Class; });
    if (auto suggestion = closest_name(name, candidates)) {
      report.note(DiagKind::DidYouMean, base.range, *suggestion);
    }
    return nullptr;
  }
  if (symbol->kind != Symbol::Kind::Class) {
    analysis.diags.report(DiagKind::BaseNotClass, base.range, name, describe(symbol->kind))
        .note(DiagKind::DeclaredHere, symbol->range, name);
    return nullptr;
  }
  if (!check_base_order(analysis, base, symbol->range, decl.name)) return nullptr;
  // The instance layout holds one C++ object inline; a base class's methods would need the
  // base subobject of a derived object, which the generator cannot find yet.
  analysis.diags.report(DiagKind::BoundBaseNotSupported, base.range, name);
  return nullptr;
}

void check_accessors(Analysis& analysis, const ast::Property& decl, Property& property) {
  const ast::Accessor* getter = nullptr;
  const ast::Accessor* setter = nullptr;
  for (const ast::Accessor& accessor : decl.accessors) {
    const std::string& name = accessor.name.text;
    const ast::Accessor** slot = name == "get" ? &getter : name == "set" ? &setter : nullptr;
    if (slot == nullptr) {
      auto report = analysis.diags.report(DiagKind::UnknownAccessor, accessor.name.range, name);
      if (auto suggestion = closest_name(name, {"get", "set"})) {
        report.note(DiagKind::DidYouMean, accessor.name.range, *suggestion);
      }
      continue;
    }
    if (*slot != nullptr) {
      analysis.diags.report(DiagKind::DuplicateAccessor, accessor.name.range, name)
          .note(DiagKind::PreviousDefinition, (*slot)->name.range, name);
      continue;
    }
    *slot = &accessor;
  }
  if (getter == nullptr) {
    analysis.diags.report(DiagKind::PropertyWithoutGetter, decl.name.range, decl.name.text);
  } else {
    property.getter = getter->target.spelling;
  }
  if (setter != nullptr) property.setter = setter->target.spelling;
}

}  // namespace pyidlc::sema
