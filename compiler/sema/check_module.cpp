// check_module.cpp: module-level rules: enum values, exception bases, declaration order.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "compiler/sema/did_you_mean.h"
#include "compiler/sema/name_tables.h"
#include "compiler/sema/phases.h"

namespace pyidlc::sema {
namespace {

constexpr Int128 kMinValue = -(Int128(1) << 63);       // int64 min
constexpr Int128 kMaxValue = (Int128(1) << 64) - 1;    // uint64 max

bool is_power_of_two(Int128 value) { return value > 0 && (value & (value - 1)) == 0; }

// The smallest power of two above every value so far (Python's enum.auto() for flags).
Int128 next_power_of_two(Int128 highest) {
  Int128 power = 1;
  while (power <= highest) power <<= 1;
  return power;
}

void report_empty(Analysis& analysis, const ast::Enum& decl) {
  analysis.diags.report(DiagKind::EmptyEnum, decl.name.range, decl.is_flag ? "flag" : "enum",
                        decl.name.text);
}

// An explicit value: an integer literal in range, or nullopt after a report.
std::optional<Int128> explicit_value(Analysis& analysis, const ast::EnumMember& member) {
  const ast::ConstExpr& value = *member.value;
  if (value.kind != ast::ConstExpr::Kind::Integer) {
    analysis.diags.report(DiagKind::EnumValueNotInteger, value.range, member.name.text,
                          value.spelling);
    return std::nullopt;
  }
  return value.integer;
}

bool check_range(Analysis& analysis, const ast::EnumMember& member, Int128 value) {
  if (value >= kMinValue && value <= kMaxValue) return true;
  SourceRange where = member.value ? member.value->range : member.name.range;
  analysis.diags.report(DiagKind::EnumValueOutOfRange, where, int128_to_string(value),
                        member.name.text);
  return false;
}

// A flag member should be a single bit, 0 (no flags), or a mask of earlier members.
void check_flag_value(Analysis& analysis, const ast::EnumMember& member, Int128 value,
                      Int128 earlier_bits) {
  if (value == 0 || is_power_of_two(value) || (value > 0 && (value & ~earlier_bits) == 0)) return;
  analysis.diags.report(DiagKind::FlagValueNotPowerOfTwo, member.value->range, member.name.text,
                        int128_to_string(value));
}

void report_base_unknown(Analysis& analysis, ModuleScope& scope, const ast::DottedName& base) {
  std::string name = base.joined();
  auto report = analysis.diags.report(DiagKind::UnknownName, base.range, name);
  auto candidates = visible_names(scope, [](Symbol::Kind kind) {
    return kind == Symbol::Kind::Exception;
  });
  for (std::string_view builtin : builtin_exception_names()) candidates.emplace_back(builtin);
  if (auto suggestion = closest_name(name, candidates)) {
    report.note(DiagKind::DidYouMean, base.range, *suggestion);
  }
}

}  // namespace

void compute_enum_values(Analysis& analysis, const ast::Enum& decl, Enum& enumeration) {
  if (decl.members.empty()) {
    report_empty(analysis, decl);
    return;
  }
  // std::map: libstdc++ has no std::hash<__int128> in strict ISO mode.
  std::map<Int128, size_t> first_with_value;
  Int128 next = 0;          // enum: previous + 1, starting at 0 like a C++ enum
  Int128 highest = 0;       // flag: auto values go above it
  Int128 earlier_bits = 0;  // flag: union of earlier members
  for (size_t i = 0; i < decl.members.size(); ++i) {
    const ast::EnumMember& member = decl.members[i];
    std::optional<Int128> value = member.value ? explicit_value(analysis, member)
                                 : decl.is_flag  ? next_power_of_two(highest)
                                                 : next;
    if (!value || !check_range(analysis, member, *value)) continue;
    enumeration.members[i].value = *value;
    if (decl.is_flag && member.value) check_flag_value(analysis, member, *value, earlier_bits);
    auto [it, inserted] = first_with_value.try_emplace(*value, i);
    if (!inserted) {
      const ast::EnumMember& first = decl.members[it->second];
      analysis.diags.report(DiagKind::DuplicateEnumValue, member.name.range, member.name.text,
                            int128_to_string(*value), first.name.text)
          .note(DiagKind::PreviousEnumerator, first.name.range, first.name.text);
    }
    next = *value + 1;
    highest = std::max(highest, *value);
    if (*value > 0) earlier_bits |= *value;
  }
}

bool check_base_order(Analysis& analysis, const ast::DottedName& base, SourceRange base_decl,
                      const ast::Name& derived) {
  // Types are created in declaration order in Py_mod_exec; this also rules out cycles.
  bool same_file = base_decl.begin.file == derived.range.begin.file;
  if (!same_file || base_decl.begin < derived.range.begin) return true;
  analysis.diags.report(DiagKind::BaseDeclaredLater, base.range, base.joined(), derived.text)
      .note(DiagKind::DeclaredHere, base_decl, base.joined());
  return false;
}

void resolve_exception_base(Analysis& analysis, ModuleScope& scope, const ast::Exception& decl,
                            Exception& exception) {
  exception.builtin_base = "Exception";
  if (!decl.base) return;
  const ast::DottedName& base = *decl.base;
  std::string name = base.joined();
  if (const Symbol* symbol = lookup(scope, base.parts)) {
    if (symbol->kind != Symbol::Kind::Exception) {
      analysis.diags.report(DiagKind::ExceptionBaseNotException, base.range, name)
          .note(DiagKind::DeclaredHere, symbol->range, name);
    } else if (check_base_order(analysis, base, symbol->range, decl.name)) {
      exception.builtin_base.clear();
      exception.base = symbol->exception;
    }
    return;
  }
  if (base.parts.size() == 1 && is_builtin_exception(name)) {
    exception.builtin_base = name;
  } else if (base.parts.size() == 1 && is_python_builtin(name)) {
    analysis.diags.report(DiagKind::ExceptionBaseNotException, base.range, name);
  } else {
    report_base_unknown(analysis, scope, base);
  }
}

}  // namespace pyidlc::sema
