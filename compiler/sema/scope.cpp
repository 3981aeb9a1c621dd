// scope.cpp: name lookup through enclosing modules, submodules, enums and imports.
#include "compiler/sema/scope.h"

#include <algorithm>

namespace pyidlc::sema {
namespace {

// Resolves parts[first..] inside one scope, without looking at enclosing ones.
const Symbol* resolve_in(const ModuleScope& scope, std::span<const ast::Name> parts,
                         size_t first) {
  auto it = scope.symbols.find(parts[first].text);
  if (it == scope.symbols.end()) return nullptr;
  const Symbol& symbol = it->second;
  size_t rest = parts.size() - first - 1;
  if (rest == 0) return &symbol;
  if (symbol.kind == Symbol::Kind::Submodule) return resolve_in(*symbol.submodule, parts, first + 1);
  if (symbol.kind == Symbol::Kind::Enum && rest == 1) {
    auto member = scope.symbols.find(parts[first].text + "." + parts[first + 1].text);
    return member == scope.symbols.end() ? nullptr : &member->second;
  }
  return nullptr;
}

// The longest import (from this scope or an enclosing one) whose module name is a prefix of
// parts, with the number of parts it covers.
std::pair<ImportEntry*, size_t> find_import(ModuleScope& scope, std::span<const ast::Name> parts) {
  ImportEntry* best = nullptr;
  size_t best_length = 0;
  for (ModuleScope* s = &scope; s != nullptr; s = s->parent) {
    for (ImportEntry& entry : s->imports) {
      const auto& module_parts = entry.decl->module.parts;
      if (module_parts.size() > parts.size() || module_parts.size() <= best_length) continue;
      bool prefix = true;
      for (size_t i = 0; i < module_parts.size() && prefix; ++i) {
        prefix = module_parts[i].text == parts[i].text;
      }
      if (prefix) {
        best = &entry;
        best_length = module_parts.size();
      }
    }
  }
  return {best, best_length};
}

// Resolves parts through a `from a.b import X [as Y]` of `scope` whose local name is the first
// part, marking that name used; nullptr if there is none (`found` says whether there was).
const Symbol* resolve_from_import(ModuleScope& scope, std::span<const ast::Name> parts, bool& found) {
  for (ImportEntry& entry : scope.imports) {
    const auto& names = entry.decl->names;
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i].local().text != parts.front().text) continue;
      found = true;
      entry.name_used[i] = true;
      if (entry.target == nullptr) return nullptr;
      std::vector<ast::Name> in_target(parts.begin(), parts.end());
      in_target.front() = names[i].name;  // the alias stands for the imported name
      return resolve_in(*entry.target, in_target, 0);
    }
  }
  return nullptr;
}

}  // namespace

std::string_view describe(Symbol::Kind kind) {
  switch (kind) {
    case Symbol::Kind::Class: return "a class";
    case Symbol::Kind::Enum: return "an enum";
    case Symbol::Kind::EnumMember: return "an enum member";
    case Symbol::Kind::Exception: return "an exception";
    case Symbol::Kind::Constant: return "a constant";
    case Symbol::Kind::Function: return "a function";
    case Symbol::Kind::Submodule: return "a module";
    case Symbol::Kind::TypeMap: return "a type";
  }
  return "a name";
}

const Symbol* lookup(ModuleScope& scope, std::span<const ast::Name> parts) {
  if (parts.empty()) return nullptr;
  // Python scoping: the innermost module that declares the first part decides.
  for (ModuleScope* s = &scope; s != nullptr; s = s->parent) {
    if (s->symbols.contains(parts.front().text)) return resolve_in(*s, parts, 0);
    bool found = false;
    const Symbol* imported = resolve_from_import(*s, parts, found);
    if (found) return imported;
  }
  auto [entry, length] = find_import(scope, parts);
  if (entry == nullptr) return nullptr;
  // Used even if the rest is unknown: the unknown name is the error, not the import.
  entry->used = true;
  if (entry->target == nullptr || length == parts.size()) return nullptr;
  return resolve_in(*entry->target, parts, length);
}

std::vector<std::string> visible_names(const ModuleScope& scope,
                                       const std::function<bool(Symbol::Kind)>& accept) {
  std::vector<std::string> names;
  for (const ModuleScope* s = &scope; s != nullptr; s = s->parent) {
    for (const auto& [name, symbol] : s->symbols) {
      if (accept(symbol.kind)) names.push_back(name);
    }
    for (const ImportEntry& entry : s->imports) {
      if (entry.target == nullptr) continue;
      for (const ast::ImportedName& name : entry.decl->names) {
        auto it = entry.target->symbols.find(name.name.text);
        if (it != entry.target->symbols.end() && accept(it->second.kind)) {
          names.push_back(name.local().text);
        }
      }
      if (!entry.decl->names.empty()) continue;
      std::string prefix = entry.decl->module.joined() + ".";
      for (const auto& [name, symbol] : entry.target->symbols) {
        if (accept(symbol.kind)) names.push_back(prefix + name);
      }
    }
  }
  // Hash-map order is arbitrary; sorting makes suggestions stable from run to run.
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace pyidlc::sema
