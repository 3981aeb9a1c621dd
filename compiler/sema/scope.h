// scope.h: the names each module declares and how a (dotted) name is looked up among them.
//
// Lookup follows Python: a module sees its own names, then those of its enclosing modules;
// another file's names are reached only through its module name after `import a.b;`, as
// `a.b.Name` (never bare, so where a name comes from is always visible in the IDL). Enum
// members are looked up as `Enum.Member`.
#pragma once

#include <deque>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/base/diagnostics.h"
#include "compiler/sema/model.h"

namespace pyidlc::sema {

struct ModuleScope;

// One declared name. Model objects that other declarations may point to (classes, enums,
// exceptions) are created when the name is collected, so a use can come before the
// declaration in the file.
struct Symbol {
  enum class Kind { Class, Enum, EnumMember, Exception, Constant, Function, Submodule, TypeMap };
  Kind kind = Kind::Constant;
  SourceRange range;                // the declaring name
  Class* cls = nullptr;             // Class
  Enum* enumeration = nullptr;      // Enum, EnumMember
  size_t member_index = 0;          // EnumMember: index into enumeration->members
  Exception* exception = nullptr;   // Exception
  ModuleScope* submodule = nullptr; // Submodule
  TypeMap* type_map = nullptr;      // TypeMap
  const ast::TypeMap* type_map_decl = nullptr;  // TypeMap: resolved afresh at each use
  ModuleScope* declared_in = nullptr;  // TypeMap: where its spellings' names resolve
};

// The kind with an article, for messages: "a class", "an enum member".
std::string_view describe(Symbol::Kind kind);

// An `import a.b;` or `from a.b import X, Y;` and whether any name was looked up through it
// (for `from`, each name separately).
struct ImportEntry {
  const ast::Import* decl = nullptr;
  ModuleScope* target = nullptr;    // nullptr if no earlier file declares that module
  bool used = false;                // `import a.b;`
  std::vector<bool> name_used;      // `from`: parallel to decl->names
};

struct ModuleScope {
  Module* module = nullptr;
  ModuleScope* parent = nullptr;    // the enclosing module's scope, for submodules
  std::vector<ModuleScope*> children;  // submodules' scopes, in source order
  const std::vector<ast::Declaration>* declarations = nullptr;  // the module's body
  // Keys are names; enum members are stored as "Enum.Member" next to their enum.
  std::unordered_map<std::string, Symbol> symbols;
  std::vector<ImportEntry> imports;
};

// State shared by all phases of one analyze() call. Scopes live in a deque, so pointers to
// them stay valid as files and submodules are added.
struct Analysis {
  const SourceManager& sources;
  DiagnosticEngine& diags;
  std::deque<ModuleScope> scopes;
  std::unordered_map<std::string, ModuleScope*> modules_by_name;  // every module, by full name
  // Type maps whose declaration had errors: their uses are not resolved (nor reported again).
  std::set<const TypeMap*> broken_type_maps;
};

// Resolves a dotted name from inside `scope`, or returns nullptr if any part is unknown or
// the name denotes a module. Marks the import it goes through as used.
const Symbol* lookup(ModuleScope& scope, std::span<const ast::Name> parts);

// Every name visible from `scope` whose kind passes `accept`: local ones bare, imported
// ones qualified ("geometry.Vec2"). Only called on errors, for "did you mean" notes.
std::vector<std::string> visible_names(const ModuleScope& scope,
                                       const std::function<bool(Symbol::Kind)>& accept);

}  // namespace pyidlc::sema
