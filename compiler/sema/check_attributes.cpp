// check_attributes.cpp: the rules for `@name` attributes on declarations.
#include <string>
#include <vector>

#include "compiler/sema/did_you_mean.h"
#include "compiler/sema/phases.h"

namespace pyidlc::sema {
namespace {

struct KnownAttribute {
  std::string_view name;
  AttributeSite site;         // the one place it may stand
  bool AttributeSet::*flag;   // where check_attributes records it
};

const KnownAttribute kKnownAttributes[] = {
    {"staticmethod", AttributeSite::Method, &AttributeSet::staticmethod},
    {"classmethod", AttributeSite::Method, &AttributeSet::classmethod},
    {"subclassable", AttributeSite::Class, &AttributeSet::subclassable},
};

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

// @staticmethod and @classmethod describe the same receiver two incompatible ways.
void check_conflicts(Analysis& analysis, const std::vector<const ast::Attribute*>& accepted) {
  const ast::Attribute* first_receiver = nullptr;
  for (const ast::Attribute* attribute : accepted) {
    bool receiver = attribute->name.text == "staticmethod" || attribute->name.text == "classmethod";
    if (!receiver) continue;
    if (first_receiver != nullptr && first_receiver->name.text != attribute->name.text) {
      analysis.diags.report(DiagKind::ConflictingAttributes, attribute->name.range,
                            attribute->name.text, first_receiver->name.text);
    }
    if (first_receiver == nullptr) first_receiver = attribute;
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
    if (known->site != site) {
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
    set.*known->flag = true;
    accepted.push_back(&attribute);
  }
  check_conflicts(analysis, accepted);
  // A conflict keeps the first of the two, so later phases see one consistent kind.
  if (set.staticmethod && set.classmethod) {
    (accepted.front()->name.text == "staticmethod" ? set.classmethod : set.staticmethod) = false;
  }
  return set;
}

}  // namespace pyidlc::sema
