// build_type.cpp: AstBuilder for Python type expressions and C++ names.
#include "compiler/parse/ast_builder.h"

namespace pyidlc::parse {
namespace {

using P = AstBuilder::P;

void append_cxx_name(std::string& out, P::CxxNameContext* ctx);

// `Vec<float, 3>`: the segment's name, then its template arguments separated by ", ".
void append_cxx_segment(std::string& out, P::CxxSegmentContext* ctx) {
  out += ctx->name()->getText();
  if (ctx->LT() == nullptr) return;
  out += '<';
  bool first = true;
  for (P::CxxTemplateArgContext* arg : ctx->cxxTemplateArg()) {
    if (!first) out += ", ";
    first = false;
    if (arg->cxxName() != nullptr) {
      append_cxx_name(out, arg->cxxName());
    } else {
      out += arg->INTEGER()->getText();
    }
  }
  out += '>';
}

// Rebuilds the name from its tokens, so `geo :: Vec < float >` reads `geo::Vec<float>`.
void append_cxx_name(std::string& out, P::CxxNameContext* ctx) {
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (auto* segment = dynamic_cast<P::CxxSegmentContext*>(child)) {
      append_cxx_segment(out, segment);
    } else {
      out += "::";  // the only terminal a cxxName holds directly
    }
  }
}

}  // namespace

ast::TypeExpr AstBuilder::build_type(P::TypeExprContext* ctx) {
  std::vector<P::TypeTermContext*> terms = ctx->typeTerm();
  if (terms.size() == 1) return build_type_term(terms.front());
  ast::TypeExpr type;
  type.kind = ast::TypeExpr::Kind::Union;
  type.alternatives = build_all<ast::TypeExpr>(terms, &AstBuilder::build_type_term);
  type.range = range(ctx);
  return type;
}

ast::TypeExpr AstBuilder::build_type_term(P::TypeTermContext* ctx) {
  ast::TypeExpr type;
  type.range = range(ctx);
  if (ctx->NONE() != nullptr) {
    type.kind = ast::TypeExpr::Kind::None;
    return type;
  }
  type.kind = ast::TypeExpr::Kind::Named;
  type.name = build_dotted_name(ctx->dottedName());
  type.has_arguments = ctx->LBRACK() != nullptr;
  type.arguments = build_all<ast::TypeArg>(ctx->typeArg(), &AstBuilder::build_type_arg);
  return type;
}

ast::TypeArg AstBuilder::build_type_arg(P::TypeArgContext* ctx) {
  ast::TypeArg arg;
  arg.range = range(ctx);
  if (auto* single = dynamic_cast<P::TypeArgTypeContext*>(ctx)) {
    arg.kind = ast::TypeArg::Kind::Type;
    arg.types.push_back(build_type(single->typeExpr()));
  } else if (auto* list = dynamic_cast<P::TypeArgListContext*>(ctx)) {
    arg.kind = ast::TypeArg::Kind::List;
    arg.types = build_all<ast::TypeExpr>(list->typeExpr(), &AstBuilder::build_type);
  } else if (auto* integer = dynamic_cast<P::TypeArgIntegerContext*>(ctx)) {
    arg.kind = ast::TypeArg::Kind::Integer;
    arg.integer = build_integer(integer->INTEGER(), false, text(integer->INTEGER()));
  } else {
    arg.kind = ast::TypeArg::Kind::Ellipsis;
  }
  return arg;
}

ast::CxxName AstBuilder::build_cxx_name(P::CxxNameContext* ctx) {
  ast::CxxName name;
  append_cxx_name(name.spelling, ctx);
  name.range = range(ctx);
  return name;
}

}  // namespace pyidlc::parse
