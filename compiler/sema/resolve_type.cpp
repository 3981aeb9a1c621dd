// resolve_type.cpp: TypeExpr → Type, with the built-in table, user types and imports.
#include <algorithm>
#include <string>

#include "compiler/sema/builtin_types.h"
#include "compiler/sema/did_you_mean.h"
#include "compiler/sema/resolve.h"

namespace pyidlc::sema {
namespace {

class TypeResolver {
 public:
  TypeResolver(Analysis& analysis, ModuleScope& scope) : analysis_(analysis), scope_(scope) {}

  std::optional<Type> resolve(const ast::TypeExpr& expr) {
    switch (expr.kind) {
      case ast::TypeExpr::Kind::None: return Type{.kind = Type::Kind::None};
      case ast::TypeExpr::Kind::Named: return resolve_named(expr);
      case ast::TypeExpr::Kind::Union: return resolve_union(expr);
    }
    return std::nullopt;
  }

 private:
  std::optional<Type> resolve_named(const ast::TypeExpr& expr) {
    const auto& parts = expr.name.parts;
    const std::string name = expr.name.joined();
    // A user declaration shadows a built-in of the same name, as in Python.
    if (const Symbol* symbol = lookup(scope_, parts)) return resolve_symbol(expr, name, *symbol);
    if (parts.size() == 1) {
      if (const BuiltinType* builtin = find_builtin_type(name)) return resolve_builtin(expr, *builtin);
    }
    auto report = analysis_.diags.report(DiagKind::UnknownType, expr.name.range, name);
    if (auto suggestion = closest_name(name, type_candidates())) {
      report.note(DiagKind::DidYouMean, expr.name.range, *suggestion);
    }
    return std::nullopt;
  }

  std::optional<Type> resolve_symbol(const ast::TypeExpr& expr, const std::string& name,
                                     const Symbol& symbol) {
    Type type;
    if (symbol.kind == Symbol::Kind::Class) {
      type = {.kind = Type::Kind::Class, .cls = symbol.cls};
    } else if (symbol.kind == Symbol::Kind::Enum) {
      type = {.kind = Type::Kind::Enum, .enumeration = symbol.enumeration};
    } else {
      analysis_.diags.report(DiagKind::NotAType, expr.name.range, name, describe(symbol.kind))
          .note(DiagKind::DeclaredHere, symbol.range, name);
      return std::nullopt;
    }
    if (expr.has_arguments) analysis_.diags.report(DiagKind::TypeNotGeneric, expr.range, name);
    return type;
  }

  std::optional<Type> resolve_builtin(const ast::TypeExpr& expr, const BuiltinType& builtin) {
    Type type{.kind = builtin.kind};
    const auto& args = expr.arguments;
    switch (builtin.params) {
      case TypeParams::None:
        if (expr.has_arguments) analysis_.diags.report(DiagKind::TypeNotGeneric, expr.range, builtin.name);
        return type;
      case TypeParams::IntWidth:
        if (!expr.has_arguments) return type;
        if (!check_count(expr, builtin, args.size() == 1, "1 type argument")) return std::nullopt;
        return resolve_int_width(args[0]);
      case TypeParams::One:
        if (!check_count(expr, builtin, args.size() == 1, "1 type argument")) return std::nullopt;
        return resolve_args(builtin.name, args, type);
      case TypeParams::Two:
        if (!check_count(expr, builtin, args.size() == 2, "2 type arguments")) return std::nullopt;
        return resolve_args(builtin.name, args, type);
      case TypeParams::AtLeastOne:
        if (!check_count(expr, builtin, !args.empty(), "at least 1 type argument")) return std::nullopt;
        return resolve_args(builtin.name, args, type);
      case TypeParams::Callable:
        if (!check_count(expr, builtin, args.size() == 2, "2 type arguments")) return std::nullopt;
        return resolve_callable(builtin.name, args, type);
    }
    return std::nullopt;
  }

  bool check_count(const ast::TypeExpr& expr, const BuiltinType& builtin, bool ok,
                   std::string_view expected) {
    if (!ok) {
      analysis_.diags.report(DiagKind::TypeArgumentCount, expr.range, builtin.name, expected,
                             expr.arguments.size());
    }
    return ok;
  }

  // int[u8]: the width is written as a type argument that is a bare name.
  std::optional<Type> resolve_int_width(const ast::TypeArg& arg) {
    if (arg.kind == ast::TypeArg::Kind::Type && arg.types[0].kind == ast::TypeExpr::Kind::Named &&
        !arg.types[0].has_arguments && arg.types[0].name.parts.size() == 1) {
      if (auto width = find_int_width(arg.types[0].name.parts[0].text)) {
        return Type{.kind = Type::Kind::Int, .int_width = *width};
      }
    }
    std::string spelling(analysis_.sources.text(arg.range.begin.file)
                             .substr(arg.range.begin.offset, arg.range.length));
    analysis_.diags.report(DiagKind::UnknownIntWidth, arg.range, spelling);
    return std::nullopt;
  }

  // Each argument must be a plain type; all are resolved so every error is reported.
  std::optional<Type> resolve_args(std::string_view generic, const std::vector<ast::TypeArg>& args,
                                   Type type) {
    bool ok = true;
    for (const ast::TypeArg& arg : args) {
      auto resolved = resolve_plain_arg(generic, "type argument", "a type", arg);
      ok = ok && resolved;
      if (resolved) type.args.push_back(std::move(*resolved));
    }
    return ok ? std::optional<Type>(std::move(type)) : std::nullopt;
  }

  std::optional<Type> resolve_plain_arg(std::string_view generic, std::string_view position,
                                        std::string_view expected, const ast::TypeArg& arg) {
    if (arg.kind != ast::TypeArg::Kind::Type) {
      analysis_.diags.report(DiagKind::TypeArgumentKind, arg.range, position, generic, expected);
      return std::nullopt;
    }
    return resolve(arg.types[0]);
  }

  // Callable[[A, B], R]: the parameters, then the result last (the model's layout).
  std::optional<Type> resolve_callable(std::string_view generic,
                                       const std::vector<ast::TypeArg>& args, Type type) {
    bool ok = true;
    if (args[0].kind != ast::TypeArg::Kind::List) {
      analysis_.diags.report(DiagKind::TypeArgumentKind, args[0].range, "first type argument",
                             generic, "a list of parameter types, as in 'Callable[[int], str]'");
      ok = false;
    } else {
      for (const ast::TypeExpr& param : args[0].types) {
        auto resolved = resolve(param);
        ok = ok && resolved;
        if (resolved) type.args.push_back(std::move(*resolved));
      }
    }
    auto result = resolve_plain_arg(generic, "second type argument", "the result type", args[1]);
    if (!ok || !result) return std::nullopt;
    type.args.push_back(std::move(*result));
    return type;
  }

  // A | B | None. The grammar keeps unions flat (no parentheses in types), so alternatives
  // are never unions themselves.
  std::optional<Type> resolve_union(const ast::TypeExpr& expr) {
    bool ok = true;
    bool has_none = false;
    std::vector<Type> alternatives;
    for (const ast::TypeExpr& alternative : expr.alternatives) {
      auto resolved = resolve(alternative);
      if (!resolved) {
        ok = false;
        continue;
      }
      bool is_none = resolved->kind == Type::Kind::None;
      if ((is_none && has_none) || std::find(alternatives.begin(), alternatives.end(), *resolved) !=
                                       alternatives.end()) {
        analysis_.diags.report(DiagKind::DuplicateUnionAlternative, alternative.range,
                               resolved->idl_spelling());
        continue;
      }
      if (is_none) {
        has_none = true;
      } else {
        alternatives.push_back(std::move(*resolved));
      }
    }
    if (!ok) return std::nullopt;
    Type type;  // None when nothing but None was written
    if (alternatives.size() == 1) type = std::move(alternatives[0]);
    if (alternatives.size() > 1) type = {.kind = Type::Kind::Union, .args = std::move(alternatives)};
    if (has_none && type.kind != Type::Kind::None) type = {.kind = Type::Kind::Optional, .args = {type}};
    return type;
  }

  std::vector<std::string> type_candidates() const {
    auto names = visible_names(scope_, [](Symbol::Kind kind) {
      return kind == Symbol::Kind::Class || kind == Symbol::Kind::Enum;
    });
    for (const BuiltinType& builtin : builtin_types()) names.emplace_back(builtin.name);
    return names;
  }

  Analysis& analysis_;
  ModuleScope& scope_;
};

}  // namespace

std::optional<Type> resolve_type(Analysis& analysis, ModuleScope& scope, const ast::TypeExpr& expr) {
  return TypeResolver(analysis, scope).resolve(expr);
}

}  // namespace pyidlc::sema
