// build_module.cpp: AstBuilder for the file, its declarations, submodules and decorations.
#include "compiler/parse/ast_builder.h"

namespace pyidlc::parse {

bool AstBuilder::report_problems(DiagnosticEngine& diags) const {
  for (const Problem& problem : problems_) diags.report(problem.kind, problem.range, problem.argument);
  return !problems_.empty();
}

ast::File AstBuilder::build_file(P::FileContext* ctx) {
  ast::File file = build_header(ctx->moduleHeader());
  file.declarations = build_all<ast::Declaration>(ctx->declaration(), &AstBuilder::build_declaration);
  return file;
}

ast::File AstBuilder::build_header(P::ModuleHeaderContext* header) {
  ast::File file;
  file.file = locator_.file();
  file.attributes = build_attributes(header->attribute());
  file.module_name = build_dotted_name(header->dottedName());
  // `module a.b;` without its attributes and docstring, which have ranges of their own.
  file.header_range = SourceRange::cover(range(header->MODULE()), range(header->SEMI()));
  file.doc = build_docstring(header->DOCSTRING());
  return file;
}

ast::Declaration AstBuilder::build_declaration(P::DeclarationContext* ctx) {
  if (auto* d = ctx->importDecl()) return build_import(d);
  if (auto* d = ctx->typeDecl()) return build_type_map(d);
  if (auto* d = ctx->includeDecl()) return build_include(d);
  if (auto* d = ctx->namespaceDecl()) return build_namespace(d);
  if (auto* d = ctx->stateDecl()) return build_state(d);
  if (auto* d = ctx->exceptionDecl()) return build_exception(d);
  if (auto* d = ctx->enumDecl()) return build_enum(d);
  if (auto* d = ctx->constDecl()) return build_const(d);
  if (auto* d = ctx->functionDecl()) return build_function(d);
  if (auto* d = ctx->classDecl()) return build_class(d);
  return build_submodule(ctx->submoduleDecl());  // the grammar's last alternative
}

std::unique_ptr<ast::Submodule> AstBuilder::build_submodule(P::SubmoduleDeclContext* ctx) {
  auto sub = std::make_unique<ast::Submodule>();
  sub->attributes = build_attributes(ctx->attribute());
  sub->name = build_name(ctx->name());
  sub->doc = build_docstring(ctx->DOCSTRING());
  sub->declarations =
      build_all<ast::Declaration>(ctx->declaration(), &AstBuilder::build_declaration);
  sub->range = range(ctx);
  return sub;
}

std::vector<ast::Attribute> AstBuilder::build_attributes(
    const std::vector<P::AttributeContext*>& ctxs) {
  return build_all<ast::Attribute>(ctxs, &AstBuilder::build_attribute);
}

ast::Attribute AstBuilder::build_attribute(P::AttributeContext* ctx) {
  ast::Attribute attribute;
  attribute.name = build_name(ctx->name());
  for (P::AttributeArgContext* arg : ctx->attributeArg()) {
    ast::AttributeArg built;
    if (arg->name() != nullptr) built.key = build_name(arg->name());
    built.value = build_const_expr(arg->constExpr());
    attribute.arguments.push_back(std::move(built));
  }
  attribute.range = range(ctx);
  return attribute;
}

std::optional<ast::Docstring> AstBuilder::build_docstring(antlr4::tree::TerminalNode* node) {
  if (node == nullptr) return std::nullopt;
  std::string quoted = text(node);
  // Between the triple quotes, untouched: dedenting is codegen's business.
  return ast::Docstring{quoted.substr(3, quoted.size() - 6), range(node)};
}

}  // namespace pyidlc::parse
