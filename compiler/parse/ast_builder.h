// ast_builder.h: the typed translation of a syntax-error-free parse tree into the AST.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "PyidlParser.h"
#include "compiler/ast/ast.h"
#include "compiler/base/diagnostics.h"
#include "compiler/parse/code_point_stream.h"

namespace pyidlc::parse {

// Builds AST nodes from parse-tree contexts, one typed function per grammar rule (no
// std::any, no visitor), split across build_{module,decl,type,expr}.cpp by grammar area.
// Runs only on trees without syntax errors, so every child the grammar requires is present.
// Lexical problems found only now (integers beyond 128 bits, invalid escapes) are kept until
// report_problems() (the parser may throw a partly built AST away and build it again); the
// node then holds a harmless placeholder value. Every node gets the exact source range of its
// text. The builder keeps a reference to `locator`; the returned AST owns all its data and
// outlives the parse tree.
class AstBuilder {
 public:
  using P = pyidl::grammar::PyidlParser;

  explicit AstBuilder(const TokenLocator& locator) : locator_(locator) {}

  // Reports the problems found while building to `diags`; returns whether there were any.
  bool report_problems(DiagnosticEngine& diags) const;

  // build_module.cpp: the file, declarations, submodules, attributes and docstrings.
  ast::File build_file(P::FileContext* ctx);
  // The file's header only: module name, attributes, docstring; no declarations yet.
  ast::File build_header(P::ModuleHeaderContext* ctx);
  ast::Declaration build_declaration(P::DeclarationContext* ctx);
  std::unique_ptr<ast::Submodule> build_submodule(P::SubmoduleDeclContext* ctx);
  std::vector<ast::Attribute> build_attributes(const std::vector<P::AttributeContext*>& ctxs);
  ast::Attribute build_attribute(P::AttributeContext* ctx);
  // nullopt when the optional DOCSTRING was not written (`node` is null).
  std::optional<ast::Docstring> build_docstring(antlr4::tree::TerminalNode* node);

  // build_decl.cpp: one function per declaration kind.
  ast::Import build_import(P::ImportDeclContext* ctx);
  ast::TypeMap build_type_map(P::TypeDeclContext* ctx);
  ast::PythonSpelling build_python_spelling(P::PythonSpellingContext* ctx);
  ast::Include build_include(P::IncludeDeclContext* ctx);
  ast::Namespace build_namespace(P::NamespaceDeclContext* ctx);
  ast::StateDecl build_state(P::StateDeclContext* ctx);
  ast::Exception build_exception(P::ExceptionDeclContext* ctx);
  ast::Enum build_enum(P::EnumDeclContext* ctx);
  ast::EnumMember build_enum_member(P::EnumMemberContext* ctx);
  ast::Const build_const(P::ConstDeclContext* ctx);
  ast::Function build_function(P::FunctionDeclContext* ctx);
  ast::Param build_param(P::ParamContext* ctx);
  ast::Class build_class(P::ClassDeclContext* ctx);
  ast::ClassMember build_class_member(P::ClassMemberContext* ctx);
  ast::Attr build_attr(P::AttrDeclContext* ctx);
  ast::Property build_property(P::PropertyDeclContext* ctx);
  ast::Accessor build_accessor(P::AccessorContext* ctx);

  // build_type.cpp: Python type expressions and C++ names.
  ast::TypeExpr build_type(P::TypeExprContext* ctx);
  ast::TypeExpr build_type_term(P::TypeTermContext* ctx);
  ast::TypeArg build_type_arg(P::TypeArgContext* ctx);
  ast::CxxName build_cxx_name(P::CxxNameContext* ctx);

  // build_expr.cpp: values, names and literal tokens.
  ast::ConstExpr build_const_expr(P::ConstExprContext* ctx);
  ast::Name build_name(P::NameContext* ctx);
  ast::Name build_keyword_name(antlr4::tree::TerminalNode* node);
  ast::DottedName build_dotted_name(P::DottedNameContext* ctx);
  // The value of an INTEGER token (negated when `negative`); notes IntegerLiteralTooLarge
  // and gives 0 when it does not fit. `spelling` is what the message quotes.
  ast::Int128 build_integer(antlr4::tree::TerminalNode* node, bool negative,
                            const std::string& spelling);
  // The decoded value of a STRING token; notes InvalidEscape for each bad escape.
  std::string build_string(antlr4::tree::TerminalNode* node);

 private:
  SourceRange range(antlr4::tree::TerminalNode* node) const {
    return locator_.range(node->getSymbol());
  }
  SourceRange range(antlr4::ParserRuleContext* ctx) const { return locator_.range(ctx); }
  std::string text(antlr4::tree::TerminalNode* node) const {
    return std::string(locator_.text(node->getSymbol()));
  }
  // `T(x)` for every context in `ctxs`, in order.
  template <class T, class Ctx, class Fn>
  std::vector<T> build_all(const std::vector<Ctx*>& ctxs, Fn fn) {
    std::vector<T> out;
    out.reserve(ctxs.size());
    for (Ctx* ctx : ctxs) out.push_back((this->*fn)(ctx));
    return out;
  }

  // A lexical problem found while building; every such kind takes one argument.
  struct Problem {
    DiagKind kind;
    SourceRange range;
    std::string argument;
  };

  const TokenLocator& locator_;
  std::vector<Problem> problems_;
};

}  // namespace pyidlc::parse
