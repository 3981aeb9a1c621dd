// build_expr.cpp: AstBuilder for values, names and the literal tokens inside them.
#include "compiler/parse/ast_builder.h"
#include "compiler/parse/literals.h"

namespace pyidlc::parse {

ast::ConstExpr AstBuilder::build_const_expr(P::ConstExprContext* ctx) {
  ast::ConstExpr expr;
  expr.range = range(ctx);
  if (auto* number = dynamic_cast<P::NumberLiteralContext*>(ctx)) {
    bool negative = number->MINUS() != nullptr;
    std::string sign = negative ? "-" : number->PLUS() != nullptr ? "+" : "";
    if (number->INTEGER() != nullptr) {
      expr.kind = ast::ConstExpr::Kind::Integer;
      expr.spelling = sign + text(number->INTEGER());
      expr.integer = build_integer(number->INTEGER(), negative, expr.spelling);
    } else {
      expr.kind = ast::ConstExpr::Kind::Float;
      expr.spelling = sign + text(number->FLOAT());
      expr.floating = float_value(text(number->FLOAT()), negative);
    }
  } else if (auto* string = dynamic_cast<P::StringLiteralContext*>(ctx)) {
    expr.kind = ast::ConstExpr::Kind::String;
    expr.spelling = text(string->STRING());
    expr.string = build_string(string->STRING());
  } else if (auto* boolean = dynamic_cast<P::BoolLiteralContext*>(ctx)) {
    expr.kind = ast::ConstExpr::Kind::Bool;
    expr.boolean = boolean->TRUE() != nullptr;
    expr.spelling = text(expr.boolean ? boolean->TRUE() : boolean->FALSE());
  } else if (auto* name = dynamic_cast<P::NameRefContext*>(ctx)) {
    expr.kind = ast::ConstExpr::Kind::Name;
    expr.name = build_dotted_name(name->dottedName());
    expr.spelling = expr.name.joined();
  } else {
    expr.kind = ast::ConstExpr::Kind::None;
    expr.spelling = "None";
  }
  return expr;
}

ast::Name AstBuilder::build_name(P::NameContext* ctx) {
  // A name is exactly one token (an identifier or a contextual keyword).
  return build_keyword_name(dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children.front()));
}

ast::Name AstBuilder::build_keyword_name(antlr4::tree::TerminalNode* node) {
  return ast::Name{text(node), range(node)};
}

ast::DottedName AstBuilder::build_dotted_name(P::DottedNameContext* ctx) {
  return ast::DottedName{build_all<ast::Name>(ctx->name(), &AstBuilder::build_name), range(ctx)};
}

ast::Int128 AstBuilder::build_integer(antlr4::tree::TerminalNode* node, bool negative,
                                      const std::string& spelling) {
  std::optional<ast::Int128> value = integer_value(text(node), negative);
  if (!value) {
    problems_.push_back({DiagKind::IntegerLiteralTooLarge, range(node), spelling});
    return 0;
  }
  return *value;
}

std::string AstBuilder::build_string(antlr4::tree::TerminalNode* node) {
  SourceRange literal = range(node);
  std::string quoted = text(node);
  return decode_string(quoted, [&](size_t offset, size_t length) {
    SourceRange escape{SourceLoc{literal.begin.file, literal.begin.offset + uint32_t(offset)},
                       uint32_t(length)};
    problems_.push_back({DiagKind::InvalidEscape, escape, quoted.substr(offset, length)});
  });
}

}  // namespace pyidlc::parse
