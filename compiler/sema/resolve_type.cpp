// resolve_type.cpp: TypeExpr → Type, with the built-in table, user types and imports.
#include <algorithm>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "compiler/base/identifiers.h"
#include "compiler/sema/builtin_types.h"
#include "compiler/sema/did_you_mean.h"
#include "compiler/sema/resolve.h"

namespace pyidlc::sema {
namespace {

// What a type map's parameter stands for while one use of the map is resolved: a type, or
// an integer (`array[float, 3]`), with where the argument was written.
struct Binding {
  std::optional<Type> type;
  std::string integer;        // when `type` is empty: the integer's decimal text
  SourceRange range;
  size_t position = 0;        // 1-based, for messages
  std::string generic;        // the type map's name as written at the use
};
using Bindings = std::unordered_map<std::string, Binding>;

// "first type argument", "type argument 3".
std::string ordinal_argument(size_t position) {
  return position == 1 ? "first type argument" : fmt::format("type argument {}", position);
}

class TypeResolver {
 public:
  // `bindings`: the parameters of the type map whose Python spelling is being resolved.
  TypeResolver(Analysis& analysis, ModuleScope& scope, const Bindings* bindings = nullptr)
      : analysis_(analysis), scope_(scope), bindings_(bindings) {}

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
    if (bindings_ != nullptr && parts.size() == 1) {
      if (auto it = bindings_->find(name); it != bindings_->end()) return resolve_parameter(expr, it->second);
    }
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
    if (symbol.kind == Symbol::Kind::TypeMap) return resolve_mapped(expr, name, symbol);
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
      case TypeParams::Element:
        if (!expr.has_arguments) return type;
        if (!check_count(expr, builtin, args.size() == 1, "1 type argument")) return std::nullopt;
        return resolve_element(builtin.name, args[0], type);
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

  // buffer[T]: the memory holds T, a number type the buffer protocol has a format for.
  std::optional<Type> resolve_element(std::string_view generic, const ast::TypeArg& arg, Type type) {
    auto element = resolve_plain_arg(generic, "type argument", "a type", arg);
    if (!element) return std::nullopt;
    const Type::Kind kind = element->kind;
    if (kind != Type::Kind::Int && kind != Type::Kind::Float && kind != Type::Kind::Bool) {
      analysis_.diags.report(DiagKind::BufferElementType, arg.range, element->idl_spelling(), generic);
      return std::nullopt;
    }
    type.args.push_back(std::move(*element));
    return type;
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

  // A type map's parameter inside its Python spelling.
  std::optional<Type> resolve_parameter(const ast::TypeExpr& expr, const Binding& binding) {
    if (expr.has_arguments) {
      analysis_.diags.report(DiagKind::TypeNotGeneric, expr.range, expr.name.joined());
      return std::nullopt;
    }
    if (!binding.type) {  // an integer argument, but the spelling uses it as a type
      analysis_.diags.report(DiagKind::TypeArgumentKind, binding.range,
                             ordinal_argument(binding.position), binding.generic, "a type");
    }
    return binding.type;
  }

  // `name[args]` naming a `type` declaration: binds its parameters to the arguments and
  // spells the use in C++ and Python (model.h, Type::MappedSpelling).
  std::optional<Type> resolve_mapped(const ast::TypeExpr& expr, const std::string& name,
                                     const Symbol& symbol) {
    const TypeMap& map = *symbol.type_map;
    if (analysis_.broken_type_maps.contains(&map)) return std::nullopt;  // reported there
    const auto& args = expr.arguments;
    if (map.params.empty() && expr.has_arguments) {
      analysis_.diags.report(DiagKind::TypeNotGeneric, expr.range, name);
      return std::nullopt;
    }
    if (args.size() != map.params.size()) {
      std::string expected = fmt::format("{} type argument{}", map.params.size(),
                                         map.params.size() == 1 ? "" : "s");
      analysis_.diags.report(DiagKind::TypeArgumentCount, expr.range, name, expected, args.size());
      return std::nullopt;
    }
    Type type{.kind = Type::Kind::Mapped, .map = &map};
    Bindings bindings;
    std::vector<std::string> idl_args;
    bool ok = true;
    for (size_t i = 0; i < args.size(); ++i) {
      Binding binding{.range = args[i].range, .position = i + 1, .generic = name};
      if (args[i].kind == ast::TypeArg::Kind::Integer) {
        binding.integer = int128_to_string(args[i].integer);
        idl_args.push_back(binding.integer);
      } else if (args[i].kind == ast::TypeArg::Kind::Type) {
        binding.type = resolve(args[i].types[0]);
        if (!binding.type) {
          ok = false;
          continue;
        }
        idl_args.push_back(binding.type->idl_spelling());
        type.args.push_back(*binding.type);
      } else {
        analysis_.diags.report(DiagKind::TypeArgumentKind, args[i].range, ordinal_argument(i + 1),
                               name, "a type or an integer");
        ok = false;
        continue;
      }
      type.mapped.integers.push_back(binding.integer);
      bindings.emplace(map.params[i], std::move(binding));
    }
    if (!ok) return std::nullopt;
    type.mapped.idl = name;
    if (!idl_args.empty()) type.mapped.idl += "[" + join(idl_args) + "]";
    const ast::TypeMap& decl = *symbol.type_map_decl;
    auto accepts = spell_python(decl.accepts, *symbol.declared_in, bindings);
    if (!accepts) return std::nullopt;
    type.mapped.accepts = std::move(accepts->first);
    type.mapped.returns = std::move(accepts->second);
    if (decl.returns) {
      auto returns = spell_python(*decl.returns, *symbol.declared_in, bindings);
      if (!returns) return std::nullopt;
      type.mapped.returns = std::move(returns->second);
    }
    return type;
  }

  // A type map's Python spelling with its parameters bound: {as an argument, as a result}.
  std::optional<std::pair<std::string, std::string>> spell_python(const ast::PythonSpelling& spelling,
                                                                  ModuleScope& declared_in,
                                                                  const Bindings& bindings) {
    if (spelling.type) {
      auto type = TypeResolver(analysis_, declared_in, &bindings).resolve(*spelling.type);
      if (!type) return std::nullopt;
      return std::pair{type->python_argument_spelling(), type->python_spelling()};
    }
    auto spell = [&](bool argument) {
      return replace_identifiers(*spelling.text, [&](std::string_view id) -> std::optional<std::string> {
        auto it = bindings.find(std::string(id));
        if (it == bindings.end()) return std::nullopt;
        const Binding& b = it->second;
        if (!b.type) return b.integer;
        return argument ? b.type->python_argument_spelling() : b.type->python_spelling();
      });
    };
    return std::pair{spell(true), spell(false)};
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
    return out;
  }

  std::vector<std::string> type_candidates() const {
    auto names = visible_names(scope_, [](Symbol::Kind kind) {
      return kind == Symbol::Kind::Class || kind == Symbol::Kind::Enum ||
             kind == Symbol::Kind::TypeMap;
    });
    for (const BuiltinType& builtin : builtin_types()) names.emplace_back(builtin.name);
    return names;
  }

  Analysis& analysis_;
  ModuleScope& scope_;
  const Bindings* bindings_;
};

}  // namespace

std::optional<Type> resolve_type(Analysis& analysis, ModuleScope& scope, const ast::TypeExpr& expr) {
  return TypeResolver(analysis, scope).resolve(expr);
}

}  // namespace pyidlc::sema

namespace pyidlc::sema {

bool check_type_map_spellings(Analysis& analysis, ModuleScope& scope, const ast::TypeMap& decl) {
  // Each parameter stands for a type of its own, distinct from every other type (so that
  // `T | U` is not a duplicate): a mapped placeholder that belongs to no declaration.
  Bindings bindings;
  for (size_t i = 0; i < decl.params.size(); ++i) {
    Type placeholder{.kind = Type::Kind::Mapped};
    placeholder.mapped.idl = placeholder.mapped.accepts = placeholder.mapped.returns = decl.params[i].text;
    bindings.emplace(decl.params[i].text, Binding{.type = placeholder, .range = decl.params[i].range,
                                                  .position = i + 1, .generic = decl.name.text});
  }
  bool ok = true;
  for (const ast::PythonSpelling* spelling : {&decl.accepts, decl.returns ? &*decl.returns : nullptr}) {
    if (spelling != nullptr && spelling->type) {
      ok = TypeResolver(analysis, scope, &bindings).resolve(*spelling->type).has_value() && ok;
    }
  }
  return ok;
}

}  // namespace pyidlc::sema
