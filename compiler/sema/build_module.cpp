// build_module.cpp: the module-level passes over a module tree (enums first, then the rest).
#include "compiler/sema/name_tables.h"
#include "compiler/sema/phases.h"
#include "compiler/sema/resolve.h"

namespace pyidlc::sema {
namespace {

// Visits the declarations of one module with the model objects collect made for them.
// collect_file created classes, enums and exceptions in source order, so the n-th
// declaration of a kind is the n-th model object of that kind.
class ModuleBuilder {
 public:
  ModuleBuilder(Analysis& analysis, ModuleScope& scope) : analysis_(analysis), scope_(scope) {}

  void build_enums() {
    size_t index = 0;
    for (const ast::Declaration& declaration : *scope_.declarations) {
      if (const auto* decl = std::get_if<ast::Enum>(&declaration)) {
        Enum& enumeration = scope_.module->enums[index++];
        check_attributes(analysis_, decl->attributes, AttributeSite::Enum);
        // Like a class, an enum binds the C++ type of its own name unless it names one.
        enumeration.cxx_type = qualify_cxx_name(
            scope_.module->cxx_namespace, decl->cxx_type ? decl->cxx_type->spelling : decl->name.text);
        compute_enum_values(analysis_, *decl, enumeration);
      }
    }
  }

  void build_type_maps() {
    size_t index = 0;
    for (const ast::Declaration& declaration : *scope_.declarations) {
      if (const auto* decl = std::get_if<ast::TypeMap>(&declaration)) {
        TypeMap& map = scope_.module->type_maps[index++];
        map.cxx_type = type_map_cxx_type(*decl);
        if (!check_type_map_spellings(analysis_, scope_, *decl)) analysis_.broken_type_maps.insert(&map);
      }
    }
  }

  void build_rest() {
    for (const ast::Declaration& declaration : *scope_.declarations) {
      std::visit([&](const auto& decl) { build(decl); }, declaration);
    }
  }

 private:
  void build(const ast::Exception& decl) {
    check_attributes(analysis_, decl.attributes, AttributeSite::Exception);
    Exception& exception = scope_.module->exceptions[exception_index_++];
    resolve_exception_base(analysis_, scope_, decl, exception);
    if (decl.cxx_type) {
      exception.cxx_type = qualify_cxx_name(scope_.module->cxx_namespace, decl.cxx_type->spelling);
    }
  }

  void build(const ast::Const& decl) {
    check_attributes(analysis_, decl.attributes, AttributeSite::Const);
    auto type = resolve_type(analysis_, scope_, decl.type);
    Constant& constant = scope_.module->constants.emplace_back();
    constant.python_name = decl.name.text;
    constant.range = decl.range;
    if (decl.doc) constant.doc = decl.doc->text;
    if (!type) return;
    constant.type = std::move(*type);
    if (auto value = resolve_value(analysis_, scope_, decl.value, constant.type, ValueUse::Constant)) {
      constant.value = std::move(*value);
    }
  }

  void build(const ast::Function& decl) {
    scope_.module->functions.push_back(build_function(analysis_, scope_, decl, nullptr));
  }

  void build(const ast::Class& decl) {
    build_class(analysis_, scope_, decl, scope_.module->classes[class_index_++]);
  }

  void build(const ast::StateDecl& decl) {
    check_attributes(analysis_, decl.attributes, AttributeSite::State);
  }

  void build(const std::unique_ptr<ast::Submodule>& decl) {
    // Before the submodule's own declarations are built (build_declarations recurses after
    // this module), which need to know whether it is serialized.
    Module& submodule = *scope_.children[submodule_index_++]->module;
    submodule.serialized =
        check_attributes(analysis_, decl->attributes, AttributeSite::Module).serialized;
  }

  // The C++ type of a `type` declaration: qualified like any C++ name, except a parameter
  // (`type id[T] = T as T;`) and a built-in type such as `unsigned` or `__int128`.
  std::string type_map_cxx_type(const ast::TypeMap& decl) const {
    const std::string& spelling = decl.cxx_type.spelling;
    for (const ast::Name& param : decl.params) {
      if (param.text == spelling) return spelling;
    }
    std::string first_word = spelling.substr(0, spelling.find_first_of(" <"));
    if (first_word.starts_with("__") || is_cxx_keyword(first_word)) return spelling;
    return qualify_cxx_name(scope_.module->cxx_namespace, spelling);
  }

  // Handled by collect_file (imports, includes, namespace), build_type_maps or build_enums.
  void build(const ast::TypeMap&) {}
  void build(const ast::Import&) {}
  void build(const ast::Include&) {}
  void build(const ast::Namespace&) {}
  void build(const ast::Enum&) {}

  Analysis& analysis_;
  ModuleScope& scope_;
  size_t exception_index_ = 0;
  size_t class_index_ = 0;
  size_t submodule_index_ = 0;
};

}  // namespace

void build_type_maps(Analysis& analysis, ModuleScope& scope) {
  ModuleBuilder(analysis, scope).build_type_maps();
  for (ModuleScope* child : scope.children) build_type_maps(analysis, *child);
}

void build_enums(Analysis& analysis, ModuleScope& scope) {
  ModuleBuilder(analysis, scope).build_enums();
  for (ModuleScope* child : scope.children) build_enums(analysis, *child);
}

void build_declarations(Analysis& analysis, ModuleScope& scope) {
  ModuleBuilder(analysis, scope).build_rest();
  for (ModuleScope* child : scope.children) build_declarations(analysis, *child);
}

}  // namespace pyidlc::sema
