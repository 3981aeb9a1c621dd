// resolve_value.cpp: ConstExpr → Value against a target type (defaults and constants).
#include <string>

#include "compiler/sema/builtin_types.h"
#include "compiler/sema/did_you_mean.h"
#include "compiler/sema/resolve.h"

namespace pyidlc::sema {
namespace {

// The conversion itself, without diagnostics, so that a union can try each alternative.
// `member` is the enum member a Name expression denotes (nullptr for literals).
std::optional<Value> convert(const ast::ConstExpr& expr, const Type& target, const Symbol* member) {
  using E = ast::ConstExpr::Kind;
  switch (target.kind) {
    case Type::Kind::Int: {
      auto [min, max] = int_width_range(target.int_width);
      if (expr.kind != E::Integer || expr.integer < min || expr.integer > max) return std::nullopt;
      return Value{.kind = Value::Kind::Int, .integer = expr.integer};
    }
    case Type::Kind::Float:
      // Python accepts an int wherever a float is expected; so does the IDL.
      if (expr.kind == E::Integer) {
        return Value{.kind = Value::Kind::Float, .floating = static_cast<double>(expr.integer)};
      }
      if (expr.kind != E::Float) return std::nullopt;
      return Value{.kind = Value::Kind::Float, .floating = expr.floating};
    case Type::Kind::Bool:
      if (expr.kind != E::Bool) return std::nullopt;
      return Value{.kind = Value::Kind::Bool, .boolean = expr.boolean};
    case Type::Kind::Str:
      if (expr.kind != E::String) return std::nullopt;
      return Value{.kind = Value::Kind::Str, .string = expr.string};
    case Type::Kind::None:
      if (expr.kind != E::None) return std::nullopt;
      return Value{.kind = Value::Kind::None};
    case Type::Kind::Optional:
      if (expr.kind == E::None) return Value{.kind = Value::Kind::None};
      return convert(expr, target.args[0], member);
    case Type::Kind::Union:
      // An integer literal is the int it looks like when the union has an int (`2` for
      // `float | int` is 2, as Python would keep it), else the first alternative that
      // takes it (a float).
      if (expr.kind == E::Integer) {
        for (const Type& alternative : target.args) {
          if (alternative.kind != Type::Kind::Int) continue;
          if (auto value = convert(expr, alternative, member)) return value;
        }
      }
      for (const Type& alternative : target.args) {
        if (auto value = convert(expr, alternative, member)) return value;
      }
      return std::nullopt;
    case Type::Kind::Enum: {
      if (member == nullptr || member->enumeration != target.enumeration) return std::nullopt;
      const EnumMember& m = member->enumeration->members[member->member_index];
      return Value{.kind = Value::Kind::EnumMember, .integer = m.value,
                   .enumeration = member->enumeration, .member = m.python_name};
    }
    default:
      // Containers, bytes, buffers, callables and classes have no literal form.
      return std::nullopt;
  }
}

// The first Int type a value could have been meant for, to explain a range error.
const Type* int_alternative(const Type& target) {
  if (target.kind == Type::Kind::Int) return &target;
  if (target.kind == Type::Kind::Optional || target.kind == Type::Kind::Union) {
    for (const Type& arg : target.args) {
      if (const Type* found = int_alternative(arg)) return found;
    }
  }
  return nullptr;
}

void report_unknown_member(Analysis& analysis, ModuleScope& scope, const ast::ConstExpr& expr) {
  std::string name = expr.name.joined();
  auto report = analysis.diags.report(DiagKind::UnknownName, expr.name.range, name);
  auto candidates = visible_names(scope, [](Symbol::Kind kind) {
    return kind == Symbol::Kind::EnumMember;
  });
  if (auto suggestion = closest_name(name, candidates)) {
    report.note(DiagKind::DidYouMean, expr.name.range, *suggestion);
  }
}

}  // namespace

std::optional<Value> resolve_value(Analysis& analysis, ModuleScope& scope,
                                   const ast::ConstExpr& expr, const Type& target, ValueUse use) {
  const Symbol* member = nullptr;
  if (expr.kind == ast::ConstExpr::Kind::Name) {
    member = lookup(scope, expr.name.parts);
    if (member == nullptr) {
      report_unknown_member(analysis, scope, expr);
      return std::nullopt;
    }
  }
  if (member == nullptr || member->kind == Symbol::Kind::EnumMember) {
    if (auto value = convert(expr, target, member)) return value;
  }
  const Type* int_type = int_alternative(target);
  if (expr.kind == ast::ConstExpr::Kind::Integer && int_type != nullptr) {
    auto [min, max] = int_width_range(int_type->int_width);
    analysis.diags.report(DiagKind::IntegerOutOfRange, expr.range, expr.spelling,
                          int_type->idl_spelling(), int128_to_string(min), int128_to_string(max));
    return std::nullopt;
  }
  DiagKind kind = use == ValueUse::Default ? DiagKind::DefaultTypeMismatch : DiagKind::ConstTypeMismatch;
  analysis.diags.report(kind, expr.range, expr.spelling, target.idl_spelling());
  return std::nullopt;
}

}  // namespace pyidlc::sema
