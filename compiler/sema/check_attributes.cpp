// check_attributes.cpp: the rules for `@name` attributes on declarations.
#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "compiler/sema/did_you_mean.h"
#include "compiler/sema/phases.h"

namespace pyidlc::sema {
namespace {

// A set of AttributeSites, one bit each.
constexpr unsigned sites(std::initializer_list<AttributeSite> list) {
  unsigned mask = 0;
  for (AttributeSite site : list) mask |= 1u << static_cast<unsigned>(site);
  return mask;
}

struct KnownAttribute {
  std::string_view name;
  unsigned allowed_sites;     // sites(...) of the places it may stand
  bool AttributeSet::*flag;   // where check_attributes records it
};

using Site = AttributeSite;
const KnownAttribute kKnownAttributes[] = {
    {"staticmethod", sites({Site::Method}), &AttributeSet::staticmethod},
    {"classmethod", sites({Site::Method}), &AttributeSet::classmethod},
    {"subclassable", sites({Site::Class}), &AttributeSet::subclassable},
    // Concurrency and sharing (docs/language.md, "Concurrency and sharing").
    {"serialized", sites({Site::Module, Site::Class}), &AttributeSet::serialized},
    {"release_gil", sites({Site::Function, Site::Method}), &AttributeSet::release_gil},
    {"critical_section", sites({Site::Class, Site::Method, Site::SpecialMethod}),
     &AttributeSet::critical_section},
    {"shareable", sites({Site::Class}), &AttributeSet::shareable},
};

// Pairs that describe one declaration two incompatible ways; the first written is kept.
struct ConflictingPair {
  std::string_view first, second;
};
const ConflictingPair kConflictingPairs[] = {
    // Two receivers for one method.
    {"staticmethod", "classmethod"},
    // A shareable object arrives in another interpreter as the bound class itself, which
    // cannot rebuild an instance of a Python subclass.
    {"shareable", "subclassable"},
    // A critical section ends when the thread detaches, so it would protect nothing.
    {"release_gil", "critical_section"},
};

bool conflict(std::string_view a, std::string_view b) {
  for (const ConflictingPair& pair : kConflictingPairs) {
    if ((pair.first == a && pair.second == b) || (pair.first == b && pair.second == a)) return true;
  }
  return false;
}

std::string_view describe(AttributeSite site) {
  switch (site) {
    case AttributeSite::Module: return "a module";
    case AttributeSite::Function: return "a module function";
    case AttributeSite::Method: return "a method";
    case AttributeSite::SpecialMethod: return "a special method";
    case AttributeSite::Class: return "a class";
    case AttributeSite::Attr: return "an attribute";
    case AttributeSite::Property: return "a property";
    case AttributeSite::Exception: return "an exception";
    case AttributeSite::Enum: return "an enum";
    case AttributeSite::Const: return "a constant";
    case AttributeSite::State: return "a state declaration";
  }
  return "this declaration";
}

const KnownAttribute* find_known(std::string_view name) {
  for (const KnownAttribute& known : kKnownAttributes) {
    if (known.name == name) return &known;
  }
  return nullptr;
}

void report_unknown(Analysis& analysis, const ast::Attribute& attribute) {
  auto report = analysis.diags.report(DiagKind::UnknownAttribute, attribute.name.range,
                                      attribute.name.text);
  std::vector<std::string> candidates;
  for (const KnownAttribute& known : kKnownAttributes) candidates.emplace_back(known.name);
  if (auto suggestion = closest_name(attribute.name.text, candidates)) {
    report.note(DiagKind::DidYouMean, attribute.name.range, "@" + *suggestion);
  }
}

}  // namespace

AttributeSet check_attributes(Analysis& analysis, const std::vector<ast::Attribute>& attributes,
                              AttributeSite site) {
  AttributeSet set;
  std::vector<const ast::Attribute*> accepted;
  for (const ast::Attribute& attribute : attributes) {
    const KnownAttribute* known = find_known(attribute.name.text);
    if (known == nullptr) {
      report_unknown(analysis, attribute);
      continue;
    }
    if ((known->allowed_sites & sites({site})) == 0) {
      analysis.diags.report(DiagKind::AttributeNotAllowedHere, attribute.name.range,
                            attribute.name.text, describe(site));
      continue;
    }
    if (!attribute.arguments.empty()) {
      analysis.diags.report(DiagKind::AttributeTakesNoArguments, attribute.range,
                            attribute.name.text);
    }
    if (set.*known->flag) {
      analysis.diags.report(DiagKind::DuplicateAttribute, attribute.name.range, attribute.name.text);
      continue;
    }
    // A conflict keeps the first of the two, so later phases see one consistent meaning.
    auto earlier = std::find_if(accepted.begin(), accepted.end(), [&](const ast::Attribute* a) {
      return conflict(a->name.text, attribute.name.text);
    });
    if (earlier != accepted.end()) {
      analysis.diags.report(DiagKind::ConflictingAttributes, attribute.name.range,
                            attribute.name.text, (*earlier)->name.text);
      continue;
    }
    set.*known->flag = true;
    accepted.push_back(&attribute);
  }
  return set;
}

const ast::Attribute* find_attribute(const std::vector<ast::Attribute>& attributes,
                                     std::string_view name) {
  for (const ast::Attribute& attribute : attributes) {
    if (attribute.name.text == name) return &attribute;
  }
  return nullptr;
}

}  // namespace pyidlc::sema
