// check_names.cpp: name rules: Python keywords, C++ reserved words, generated-name clashes,
// shadowed built-ins and unused imports.
#include <set>
#include <unordered_map>

#include "compiler/sema/generated_names.h"
#include "compiler/sema/name_tables.h"
#include "compiler/sema/phases.h"

namespace pyidlc::sema {
namespace {

class NameChecker {
 public:
  explicit NameChecker(Analysis& analysis) : analysis_(analysis) {}

  void check_module_tree(const ModuleScope& scope) {
    size_t child = 0;
    for (const ast::Declaration& declaration : *scope.declarations) {
      if (const auto* sub = std::get_if<std::unique_ptr<ast::Submodule>>(&declaration)) {
        python_name((*sub)->name, "a module");
        check_module_tree(*scope.children[child++]);
        continue;
      }
      std::visit([&](const auto& decl) { check(decl); }, declaration);
    }
    check_unused_imports(scope);
    names::for_each_generated_name(*scope.module, [&](const std::string& identifier,
                                                      std::string_view owner, SourceRange range) {
      check_generated(identifier, owner, range);
    });
  }

  // `module a.b;`: every part is a Python name.
  void check_module_name(const ast::DottedName& name) {
    for (const ast::Name& part : name.parts) python_name(part, "a module");
  }

 private:
  // Python keyword: reported once, and then the C++ check is moot.
  bool python_name(const ast::Name& name, std::string_view what) {
    if (!is_python_keyword(name.text)) return true;
    analysis_.diags.report(DiagKind::PythonKeywordName, name.range, name.text, what);
    return false;
  }

  // A name that also becomes a C++ identifier unless `= cxx_name` overrides it.
  void derived_cxx_name(const ast::Name& name, std::string_view what, bool has_explicit) {
    if (!python_name(name, what) || has_explicit || !is_cxx_keyword(name.text)) return;
    analysis_.diags.report(DiagKind::CxxReservedName, name.range, name.text);
  }

  void module_level(const ast::Name& name) {
    if (!is_python_builtin(name.text)) return;
    analysis_.diags.report(DiagKind::ShadowedBuiltin, name.range, name.text);
  }

  void check(const ast::Exception& decl) {
    python_name(decl.name, "an exception");
    module_level(decl.name);
  }

  void check(const ast::Enum& decl) {
    python_name(decl.name, "an enum");
    module_level(decl.name);
    // Members carry no `= cxx_name` of their own, so a C++ enum's member names are the C++
    // enum's business; only the Python side is checked.
    for (const ast::EnumMember& member : decl.members) python_name(member.name, "an enum member");
  }

  void check(const ast::Const& decl) {
    python_name(decl.name, "a constant");
    module_level(decl.name);
  }

  void check(const ast::Function& decl) {
    derived_cxx_name(decl.name, "a function", decl.cxx_name.has_value());
    module_level(decl.name);
    check_params(decl);
  }

  void check(const ast::Class& decl) {
    derived_cxx_name(decl.name, "a class", decl.cxx_type.has_value());
    module_level(decl.name);
    for (const ast::ClassMember& member : decl.members) {
      std::visit([&](const auto& m) { check_member(m); }, member);
    }
  }

  // A type map's name and parameters exist only in .pyidl files: no C++ or Python identifier
  // is made from them, so only Python keywords (which a stub could not spell) matter.
  void check(const ast::TypeMap& decl) {
    python_name(decl.name, "a type");
    std::unordered_map<std::string, SourceRange> seen;
    for (const ast::Name& param : decl.params) {
      auto [it, inserted] = seen.try_emplace(param.text, param.range);
      if (!inserted) {
        analysis_.diags.report(DiagKind::Redefinition, param.range, param.text)
            .note(DiagKind::PreviousDefinition, it->second, param.text);
      }
      python_name(param, "a type parameter");
    }
  }

  void check(const ast::Import&) {}
  void check(const ast::Include&) {}
  void check(const ast::Namespace&) {}
  void check(const ast::StateDecl&) {}
  void check(const std::unique_ptr<ast::Submodule>&) {}  // handled by check_module_tree

  void check_member(const ast::Function& decl) {
    derived_cxx_name(decl.name, "a method", decl.cxx_name.has_value());
    check_params(decl);
  }

  void check_member(const ast::Attr& decl) {
    derived_cxx_name(decl.name, "an attribute", decl.cxx_name.has_value());
  }

  // Accessors always name their C++ functions explicitly.
  void check_member(const ast::Property& decl) { python_name(decl.name, "a property"); }

  // Parameter names never reach C++: generated code names locals with
  // names::parameter_local, so only Python keywords matter here.
  void check_params(const ast::Function& decl) {
    for (const ast::Param& param : decl.params) {
      if (param.kind == ast::Param::Kind::Named) python_name(param.name, "a parameter");
    }
  }

  void check_unused_imports(const ModuleScope& scope) {
    for (const ImportEntry& entry : scope.imports) {
      // An import the driver could not load was reported there; no second word about it.
      if (entry.target == nullptr) continue;
      const auto& names = entry.decl->names;
      for (size_t i = 0; i < names.size(); ++i) {
        if (entry.name_used[i]) continue;
        analysis_.diags.report(DiagKind::UnusedImport, names[i].local().range, names[i].local().text);
      }
      if (entry.used || !names.empty()) continue;
      analysis_.diags.report(DiagKind::UnusedImport, entry.decl->module.range,
                             entry.decl->module.joined());
    }
  }

  // One report per pair of declarations, at the one later in the file, however many
  // identifiers they share.
  void check_generated(const std::string& identifier, std::string_view owner, SourceRange range) {
    auto [it, inserted] = generated_.try_emplace(identifier, std::string(owner), range);
    if (inserted || it->second.first == owner) return;
    std::pair<std::string, SourceRange> first = it->second;
    std::pair<std::string, SourceRange> later{std::string(owner), range};
    if (later.second.begin < first.second.begin) std::swap(first, later);
    if (!reported_.emplace(first.first, later.first).second) return;
    analysis_.diags.report(DiagKind::GeneratedNameClash, later.second, later.first, identifier,
                           first.first)
        .note(DiagKind::DeclaredHere, first.second, first.first);
  }

  Analysis& analysis_;
  std::unordered_map<std::string, std::pair<std::string, SourceRange>> generated_;
  std::set<std::pair<std::string, std::string>> reported_;
};

}  // namespace

void check_names(Analysis& analysis, const ast::File& file, const ModuleScope& scope) {
  NameChecker checker(analysis);
  checker.check_module_name(file.module_name);
  checker.check_module_tree(scope);
}

}  // namespace pyidlc::sema
