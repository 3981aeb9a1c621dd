// phases.h: the steps analyze() runs on each file, and the rule checks they call.
//
// Internal to sema. Each step reads the AST, fills in the model and reports to the
// DiagnosticEngine; none of them stops at the first error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/sema/model.h"
#include "compiler/sema/scope.h"

namespace pyidlc::sema {

// --- collect.cpp ---------------------------------------------------------------------------
// Declares every name of a file's module and its submodules in new scopes, creating the
// model objects that others point to (classes, enums and their members, exceptions,
// submodules) in source order. Reports redefinitions. `module` must already carry its name.
ModuleScope& collect_file(Analysis& analysis, const ast::File& file, Module& module);

// --- build_module.cpp / build_class.cpp / build_function.cpp --------------------------------
// Qualifies the C++ types of a module tree's `type` declarations and checks their Python
// spellings; runs before anything uses a mapped type.
void build_type_maps(Analysis& analysis, ModuleScope& scope);
// Computes enum member values of a module tree; runs before anything reads a value.
void build_enums(Analysis& analysis, ModuleScope& scope);
// Resolves the rest of a module tree: exceptions, constants, functions, classes.
void build_declarations(Analysis& analysis, ModuleScope& scope);
void build_class(Analysis& analysis, ModuleScope& scope, const ast::Class& decl, Class& cls);
// A module function (owner == nullptr) or a member of `owner`.
Function build_function(Analysis& analysis, ModuleScope& scope, const ast::Function& decl,
                        const Class* owner);

// C++ name resolution: a name written with '::' is kept as written (a leading '::' means
// global); a plain one is looked up in `cxx_namespace` ("geo" + "norm" → "geo::norm").
std::string qualify_cxx_name(const std::string& cxx_namespace, const std::string& spelling);

// --- check_attributes.cpp ------------------------------------------------------------------
// Where an attribute list stands; decides which attributes are allowed.
enum class AttributeSite {
  Module, Function, Method, SpecialMethod, Class, Attr, Property, Exception, Enum, Const, State,
};
// The attributes pyidl knows that were (validly) written.
struct AttributeSet {
  bool staticmethod = false;
  bool classmethod = false;
  bool subclassable = false;
  bool serialized = false;
  bool release_gil = false;
  bool critical_section = false;
  bool shareable = false;
};
// Reports unknown, misplaced, duplicate, conflicting attributes and attribute arguments.
AttributeSet check_attributes(Analysis& analysis, const std::vector<ast::Attribute>& attributes,
                              AttributeSite site);
// The first attribute called `name` in `attributes`, or nullptr.
const ast::Attribute* find_attribute(const std::vector<ast::Attribute>& attributes,
                                     std::string_view name);

// --- check_signature.cpp ---------------------------------------------------------------------
// Every parameter-list rule: self/cls placement, '/' and '*', duplicates, defaults order,
// `state` use.
void check_signature(Analysis& analysis, const ModuleScope& scope, const ast::Function& decl,
                     FunctionKind kind);

// --- check_class.cpp -------------------------------------------------------------------------
// Arity and return type of a dunder against the special-method table, and a C++ name
// where the table has no default; reports dunders pyidl cannot bind. Returns the table
// entry, or nullptr. `result_resolved` is false when the written result type had errors.
const SpecialMethod* check_special_method(Analysis& analysis, const ast::Function& decl,
                                          const Function& function, bool result_resolved);
// The base class of `decl` if it is a bound, earlier, @subclassable class; else reports.
const Class* resolve_class_base(Analysis& analysis, ModuleScope& scope, const ast::Class& decl);
// Fills getter and setter from a property's accessors, reporting bad or missing ones.
void check_accessors(Analysis& analysis, const ast::Property& decl, Property& property);

// --- check_module.cpp ------------------------------------------------------------------------
// Values of an enum's members: explicit ones must be integers in int64 ∪ uint64, implicit
// ones follow (previous + 1, or the next power of two for a flag); duplicates and odd flag
// values are reported.
void compute_enum_values(Analysis& analysis, const ast::Enum& decl, Enum& enumeration);
// Sets builtin_base or base of an exception from what is written in parentheses.
void resolve_exception_base(Analysis& analysis, ModuleScope& scope, const ast::Exception& decl,
                            Exception& exception);
// Reports a base that is declared after the declaration deriving from it (same file only:
// imported files are always complete first). Returns whether the order is fine.
bool check_base_order(Analysis& analysis, const ast::DottedName& base, SourceRange base_decl,
                      const ast::Name& derived);

// --- check_names.cpp -------------------------------------------------------------------------
// Name rules over a whole module tree once it is built: Python keywords, C++ reserved
// words in derived C++ names, generated-identifier clashes, shadowed built-ins, unused
// imports.
void check_names(Analysis& analysis, const ast::File& file, const ModuleScope& scope);

// --- check_sync.cpp --------------------------------------------------------------------------
// Once a file's module tree is built: decides which classes give their instances a
// per-object lock (Class::object_lock), then reports concurrency attributes that need a
// `self` they do not have, or that another attribute already makes redundant.
void check_sync(Analysis& analysis, ModuleScope& scope);

// `module` and its submodules: see check_generation_support in analyze.h.
void check_generation_support(Analysis& analysis, const Module& module);

}  // namespace pyidlc::sema
