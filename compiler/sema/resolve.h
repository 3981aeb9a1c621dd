// resolve.h: type expressions to Types and constant expressions to Values.
#pragma once

#include <optional>

#include "compiler/ast/ast.h"
#include "compiler/sema/model.h"
#include "compiler/sema/scope.h"

namespace pyidlc::sema {

// Resolves a type as written, from inside `scope`. Reports every problem it finds and
// returns nullopt if the type cannot be used, so that callers skip checks that depend on it
// (a default for a parameter of unknown type is not checked).
std::optional<Type> resolve_type(Analysis& analysis, ModuleScope& scope,
                                 const ast::TypeExpr& expr);

// Checks the Python spellings of a `type` declaration once, each parameter standing for
// some type, so that their mistakes are reported at the declaration rather than at every
// use. Returns false if there were any.
bool check_type_map_spellings(Analysis& analysis, ModuleScope& scope, const ast::TypeMap& decl);

// Where a value stands, which picks the mismatch diagnostic.
enum class ValueUse { Default, Constant };

// Converts a literal or an enum member name to a Value of `target`: ints must fit the
// width, a float accepts an int literal, None fits only None and Optional types, an enum
// member only its own enum. Reports and returns nullopt on failure.
std::optional<Value> resolve_value(Analysis& analysis, ModuleScope& scope,
                                   const ast::ConstExpr& expr, const Type& target,
                                   ValueUse use);

}  // namespace pyidlc::sema
