// build_module.cpp: the module-level passes over a module tree (enums first, then the rest).
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

  // Handled by collect_file (imports, includes, namespace) or build_enums.
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

void build_enums(Analysis& analysis, ModuleScope& scope) {
  ModuleBuilder(analysis, scope).build_enums();
  for (ModuleScope* child : scope.children) build_enums(analysis, *child);
}

void build_declarations(Analysis& analysis, ModuleScope& scope) {
  ModuleBuilder(analysis, scope).build_rest();
  for (ModuleScope* child : scope.children) build_declarations(analysis, *child);
}

}  // namespace pyidlc::sema
