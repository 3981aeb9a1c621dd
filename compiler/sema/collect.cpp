// collect.cpp: declares every name per scope and creates the model objects names point to.
#include <unordered_map>

#include "compiler/sema/phases.h"

namespace pyidlc::sema {
namespace {

std::optional<std::string> doc_text(const std::optional<ast::Docstring>& doc) {
  if (!doc) return std::nullopt;
  return doc->text;
}

// Names in one namespace of declarations (a module, a class, an enum), first one wins.
class NameTable {
 public:
  explicit NameTable(Analysis& analysis) : analysis_(analysis) {}

  // Records a name; on a repeat reports Redefinition with a note at the first one and
  // returns false.
  bool declare(const ast::Name& name) { return declare(name, DiagKind::Redefinition, name.text); }

  // The same with another diagnostic kind and its argument.
  bool declare(const ast::Name& name, DiagKind kind, std::string_view argument) {
    auto [it, inserted] = first_.try_emplace(name.text, name.range);
    if (!inserted) {
      analysis_.diags.report(kind, name.range, argument)
          .note(DiagKind::PreviousDefinition, it->second, name.text);
    }
    return inserted;
  }

 private:
  Analysis& analysis_;
  std::unordered_map<std::string, SourceRange> first_;
};

class Collector {
 public:
  explicit Collector(Analysis& analysis) : analysis_(analysis) {}

  ModuleScope& collect(Module& module, ModuleScope* parent,
                       const std::vector<ast::Declaration>& declarations) {
    ModuleScope& scope = analysis_.scopes.emplace_back();
    scope.module = &module;
    scope.parent = parent;
    scope.declarations = &declarations;
    analysis_.modules_by_name.emplace(module.name, &scope);
    if (parent != nullptr) module.cxx_namespace = parent->module->cxx_namespace;

    std::vector<const ast::Submodule*> submodules;
    for (const ast::Declaration& declaration : declarations) {
      std::visit([&](const auto& decl) { collect_decl(scope, decl, submodules); }, declaration);
    }
    check_imports_against_locals(scope);
    // After the loop, so that `namespace` may follow `state` in the file.
    if (auto it = state_decls_.find(&scope); it != state_decls_.end()) {
      module.state_type = qualify_cxx_name(module.cxx_namespace, it->second->type.spelling);
    }
    // After the loop: a submodule inherits the namespace even if it is declared later.
    for (const ast::Submodule* decl : submodules) {
      Module& sub = module.submodules.emplace_back();
      sub.name = module.name + "." + decl->name.text;
      sub.short_name = decl->name.text;
      sub.doc = doc_text(decl->doc);
      sub.parent = &module;
      sub.file = module.file;
      sub.range = decl->range;
      ModuleScope& child = collect(sub, &scope, decl->declarations);
      scope.symbols.at(decl->name.text).submodule = &child;
      scope.children.push_back(&child);
    }
    return scope;
  }

 private:
  void declare(ModuleScope& scope, const ast::Name& name, Symbol symbol) {
    symbol.range = name.range;
    auto [it, inserted] = scope.symbols.try_emplace(name.text, symbol);
    if (!inserted) {
      analysis_.diags.report(DiagKind::Redefinition, name.range, name.text)
          .note(DiagKind::PreviousDefinition, it->second.range, name.text);
    }
  }

  // A name both imported with `from` and declared: which one a use means would be unclear.
  void check_imports_against_locals(const ModuleScope& scope) {
    for (const auto& [name, range] : imported_names_[&scope]) {
      auto it = scope.symbols.find(name);
      if (it == scope.symbols.end()) continue;
      analysis_.diags.report(DiagKind::Redefinition, it->second.range, name)
          .note(DiagKind::PreviousDefinition, range, name);
    }
  }

  void collect_decl(ModuleScope& scope, const ast::Import& decl, auto&) {
    std::string name = decl.module.joined();
    // `import a.b;` twice is a mistake; `from a.b import X;` beside it, or twice with other
    // names, is not (a name imported twice is reported by check_imported_name).
    for (const ImportEntry& entry : scope.imports) {
      if (decl.names.empty() && entry.decl->names.empty() && entry.decl->module.joined() == name) {
        analysis_.diags.report(DiagKind::Redefinition, decl.module.range, name)
            .note(DiagKind::PreviousDefinition, entry.decl->module.range, name);
        return;
      }
    }
    // The driver loads imported files first and reports those it cannot find.
    auto it = analysis_.modules_by_name.find(name);
    ModuleScope* target = it == analysis_.modules_by_name.end() ? nullptr : it->second;
    scope.imports.push_back(
        {.decl = &decl, .target = target, .name_used = std::vector<bool>(decl.names.size())});
    if (target != nullptr) scope.module->imports.push_back(target->module);
    for (size_t i = 0; i < decl.names.size(); ++i) {
      // An unknown name was reported as such; "never used" would only repeat it.
      if (!check_imported_name(scope, decl.names[i], target, name)) scope.imports.back().name_used[i] = true;
    }
  }

  // `from a.b import X as Y`: X must exist in a.b, and Y must not clash with a local name or
  // an earlier imported one (reported where it is imported: the import is the newcomer when
  // it comes first, as imports do).
  // Returns false if `target` does not declare the name.
  bool check_imported_name(ModuleScope& scope, const ast::ImportedName& name, const ModuleScope* target,
                           std::string_view module_name) {
    const bool known = target == nullptr || target->symbols.contains(name.name.text);
    if (!known) {
      analysis_.diags.report(DiagKind::UnknownImportedName, name.name.range, module_name, name.name.text);
    }
    const ast::Name& local = name.local();
    auto [it, inserted] = imported_names_[&scope].try_emplace(local.text, local.range);
    if (!inserted) {
      analysis_.diags.report(DiagKind::Redefinition, local.range, local.text)
          .note(DiagKind::PreviousDefinition, it->second, local.text);
    }
    return known;
  }

  void collect_decl(ModuleScope& scope, const ast::Include& decl, auto&) {
    scope.module->includes.push_back(decl.path);
  }

  void collect_decl(ModuleScope& scope, const ast::Namespace& decl, auto&) {
    auto [it, inserted] = namespace_decls_.try_emplace(&scope, &decl);
    if (!inserted) {
      analysis_.diags.report(DiagKind::Redefinition, decl.range, "namespace")
          .note(DiagKind::PreviousDefinition, it->second->range, "namespace");
      return;
    }
    scope.module->cxx_namespace = decl.name.spelling;
  }

  void collect_decl(ModuleScope& scope, const ast::StateDecl& decl, auto&) {
    auto [it, inserted] = state_decls_.try_emplace(&scope, &decl);
    if (!inserted) {
      analysis_.diags.report(DiagKind::DuplicateStateDeclaration, decl.range)
          .note(DiagKind::PreviousDefinition, it->second->range, "state");
    }
  }

  void collect_decl(ModuleScope& scope, const ast::Exception& decl, auto&) {
    Exception& exception = scope.module->exceptions.emplace_back();
    exception.python_name = decl.name.text;
    exception.index = scope.module->exceptions.size() - 1;
    exception.doc = doc_text(decl.doc);
    exception.module = scope.module;
    exception.range = decl.range;
    declare(scope, decl.name, {.kind = Symbol::Kind::Exception, .exception = &exception});
  }

  void collect_decl(ModuleScope& scope, const ast::Enum& decl, auto&) {
    Enum& enumeration = scope.module->enums.emplace_back();
    enumeration.python_name = decl.name.text;
    enumeration.is_flag = decl.is_flag;
    enumeration.doc = doc_text(decl.doc);
    enumeration.module = scope.module;
    enumeration.range = decl.range;
    declare(scope, decl.name, {.kind = Symbol::Kind::Enum, .enumeration = &enumeration});
    NameTable members(analysis_);
    for (const ast::EnumMember& member : decl.members) {
      enumeration.members.push_back({.python_name = member.name.text,
                                     .doc = doc_text(member.doc),
                                     .range = member.range});
      if (!members.declare(member.name)) continue;
      // Members live next to their enum as "Enum.Member" (see scope.h).
      scope.symbols.try_emplace(decl.name.text + "." + member.name.text,
                                Symbol{.kind = Symbol::Kind::EnumMember,
                                       .range = member.name.range,
                                       .enumeration = &enumeration,
                                       .member_index = enumeration.members.size() - 1});
    }
  }

  void collect_decl(ModuleScope& scope, const ast::TypeMap& decl, auto&) {
    TypeMap& map = scope.module->type_maps.emplace_back();
    map.name = decl.name.text;
    for (const ast::Name& param : decl.params) map.params.push_back(param.text);
    map.doc = doc_text(decl.doc);
    map.module = scope.module;
    map.range = decl.range;
    declare(scope, decl.name, {.kind = Symbol::Kind::TypeMap, .type_map = &map,
                               .type_map_decl = &decl, .declared_in = &scope});
  }

  void collect_decl(ModuleScope& scope, const ast::Const& decl, auto&) {
    declare(scope, decl.name, {.kind = Symbol::Kind::Constant});
  }

  void collect_decl(ModuleScope& scope, const ast::Function& decl, auto&) {
    declare(scope, decl.name, {.kind = Symbol::Kind::Function});
  }

  void collect_decl(ModuleScope& scope, const ast::Class& decl, auto&) {
    Class& cls = scope.module->classes.emplace_back();
    cls.python_name = decl.name.text;
    cls.doc = doc_text(decl.doc);
    cls.module = scope.module;
    cls.range = decl.range;
    cls.name_range = decl.name.range;
    declare(scope, decl.name, {.kind = Symbol::Kind::Class, .cls = &cls});
    NameTable members(analysis_);
    for (const ast::ClassMember& member : decl.members) {
      std::visit([&](const auto& m) {
        // Overloads are a later feature; a second __init__ says so instead of "redefinition".
        if (m.name.text == "__init__") {
          members.declare(m.name, DiagKind::DuplicateConstructor, decl.name.text);
        } else {
          members.declare(m.name);
        }
      }, member);
    }
  }

  void collect_decl(ModuleScope& scope, const std::unique_ptr<ast::Submodule>& decl,
                    std::vector<const ast::Submodule*>& submodules) {
    declare(scope, decl->name, {.kind = Symbol::Kind::Submodule});
    submodules.push_back(decl.get());
  }

  Analysis& analysis_;
  // At most one of each per module (not per file: a submodule may declare its own).
  std::unordered_map<const ModuleScope*, const ast::Namespace*> namespace_decls_;
  std::unordered_map<const ModuleScope*, const ast::StateDecl*> state_decls_;
  // Local names that `from ... import` brought into each scope, with where.
  std::unordered_map<const ModuleScope*, std::unordered_map<std::string, SourceRange>> imported_names_;
};

}  // namespace

ModuleScope& collect_file(Analysis& analysis, const ast::File& file, Module& module) {
  module.doc = doc_text(file.doc);
  module.file = file.file;
  module.range = file.header_range;
  return Collector(analysis).collect(module, nullptr, file.declarations);
}

}  // namespace pyidlc::sema
