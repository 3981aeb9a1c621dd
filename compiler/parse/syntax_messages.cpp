// syntax_messages.cpp: turns ANTLR's expected-token sets into messages a user can act on.
#include "compiler/parse/syntax_messages.h"

#include <algorithm>
#include <bitset>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "PyidlParser.h"

namespace pyidlc::parse {
namespace {

using P = pyidl::grammar::PyidlParser;
using RuleSet = std::bitset<64>;

// The rules that can be entered from `state` before any token is consumed, following rule
// ends back into the callers on the context stack. This says what the parser was about to
// read ("a type", "a parameter") far better than the union of those rules' first tokens.
RuleSet entered_rules(antlr4::Parser& parser, size_t state, antlr4::RuleContext* ctx) {
  const antlr4::atn::ATN& atn = parser.getATN();
  RuleSet entered;
  std::vector<std::pair<antlr4::atn::ATNState*, antlr4::RuleContext*>> work;
  std::set<std::pair<size_t, const void*>> seen;
  if (state < atn.states.size()) work.emplace_back(atn.states[state], ctx);
  while (!work.empty()) {
    auto [s, c] = work.back();
    work.pop_back();
    if (!seen.emplace(s->stateNumber, c).second) continue;
    if (s->getStateType() == antlr4::atn::ATNState::RULE_STOP) {
      if (c != nullptr && !c->isEmpty()) {
        auto* call = static_cast<antlr4::atn::RuleTransition*>(
            atn.states[c->invokingState]->transitions[0]);
        work.emplace_back(call->followState, static_cast<antlr4::RuleContext*>(c->parent));
      }
      continue;
    }
    for (antlr4::atn::Transition* t : s->transitions) {
      if (t->getSerializationType() == antlr4::atn::Transition::RULE) {
        entered.set(t->target->ruleIndex);
      } else if (t->isEpsilon()) {
        work.emplace_back(t->target, c);
      }
    }
  }
  return entered;
}

// "class 'Vec2'": the innermost construct with braces around `ctx`, for "'}' at end of ...".
std::string enclosing_block(antlr4::RuleContext* ctx) {
  for (; ctx != nullptr; ctx = static_cast<antlr4::RuleContext*>(ctx->parent)) {
    auto named = [](const char* what, P::NameContext* name) {
      return name ? fmt::format("{} '{}'", what, name->getText()) : std::string(what);
    };
    switch (ctx->getRuleIndex()) {
      case P::RuleClassDecl: return named("class", static_cast<P::ClassDeclContext*>(ctx)->name());
      case P::RuleEnumDecl: {
        auto* e = static_cast<P::EnumDeclContext*>(ctx);
        return named(e->FLAG() ? "flag" : "enum", e->name());
      }
      case P::RulePropertyDecl:
        return named("property", static_cast<P::PropertyDeclContext*>(ctx)->name());
      case P::RuleSubmoduleDecl:
        return named("module", static_cast<P::SubmoduleDeclContext*>(ctx)->name());
      default: break;
    }
  }
  return "block";
}

// What a bare name read in `ctx` names: "a function name" after 'def', and so on.
std::string name_noun(antlr4::RuleContext* ctx) {
  switch (ctx ? ctx->getRuleIndex() : size_t{P::RuleFile}) {
    case P::RuleModuleHeader:
    case P::RuleImportDecl:
    case P::RuleSubmoduleDecl: return "a module name";
    case P::RuleImportedName: return "a name to import";
    case P::RuleTypeDecl: return "a type name";
    case P::RuleTypeParams: return "a type parameter name";
    case P::RulePythonSpelling: return "a type or a string";
    case P::RuleExceptionDecl: return "an exception name";
    case P::RuleEnumDecl: return "an enum name";
    case P::RuleEnumMember: return "an enumerator name";
    case P::RuleConstDecl: return "a constant name";
    case P::RuleFunctionDecl: return "a function name";
    case P::RuleParam: return "a parameter name";
    case P::RuleClassDecl: return "a class name";
    case P::RuleAttrDecl: return "an attribute name";
    case P::RulePropertyDecl: return "a property name";
    case P::RuleAccessor: return "an accessor name";
    case P::RuleAttribute: return "a name after '@'";
    case P::RuleDottedName: return "a name after '.'";
    case P::RuleCxxName:
    case P::RuleCxxSegment: return "a C++ name";
    case P::RuleTypeExpr:
    case P::RuleTypeTerm:
    case P::RuleTypeArg: return "a type";
    case P::RuleConstExpr:
    case P::RuleAttributeArg: return "a value";
    default: return "a name";
  }
}

// How one expected token reads: "';'", "an identifier", "end of file".
std::string expected_token(const antlr4::Parser& parser, size_t type) {
  switch (type) {
    case antlr4::Token::EOF: return "end of file";
    case P::IDENT: return "an identifier";
    case P::STRING: return "a string literal";
    case P::DOCSTRING: return "a docstring";
    case P::INTEGER: return "an integer";
    case P::FLOAT: return "a number";
    case P::TRUE: return "'True'";
    case P::FALSE: return "'False'";
    default: return parser.getVocabulary().getLiteralName(type);  // already quoted: 'def'
  }
}

// Tokens that only continue what came before (a longer dotted name, a union, an optional
// docstring or `= cxx_name`); naming them in "expected" lists is noise.
bool is_continuation(size_t type) {
  switch (type) {
    case P::DOT: case P::LBRACK: case P::PIPE: case P::LT: case P::SCOPE: case P::ASSIGN:
    case P::DOCSTRING: case P::ARROW:
      return true;
    default:
      return false;
  }
}

// "';', ',' or ')'" from the expected set, continuations left out when something remains.
std::string list_tokens(const antlr4::Parser& parser, const antlr4::misc::IntervalSet& expected) {
  std::vector<ssize_t> all = expected.toList();
  // Closing tokens last, as people say it: "',' or '}'".
  std::stable_partition(all.begin(), all.end(), [](ssize_t type) {
    return type != P::RPAREN && type != P::RBRACE && type != P::RBRACK && type != P::GT;
  });
  std::vector<std::string> wanted;
  for (bool skip_continuations : {true, false}) {
    for (ssize_t type : all) {
      // "a number" already says that an integer will do.
      if (type == P::INTEGER && expected.contains(size_t{P::FLOAT})) continue;
      if (!skip_continuations || !is_continuation(static_cast<size_t>(type)))
        wanted.push_back(expected_token(parser, static_cast<size_t>(type)));
    }
    if (!wanted.empty()) break;
  }
  if (wanted.empty()) return "something else";
  std::string text = wanted.front();
  for (size_t i = 1; i < wanted.size(); ++i)
    text += (i + 1 == wanted.size() ? " or " : ", ") + wanted[i];
  return text;
}

// The construct the parser was about to read, if the entered rules name one.
std::string construct_noun(const RuleSet& rules, antlr4::RuleContext* ctx, bool closes_block) {
  auto has = [&](std::initializer_list<size_t> any) {
    for (size_t r : any) if (rules.test(r)) return true;
    return false;
  };
  std::string block = closes_block ? " or '}'" : "";
  if (has({P::RuleParamList, P::RuleParam})) return "a parameter name";
  if (has({P::RuleTypeExpr, P::RuleTypeTerm, P::RuleTypeArg})) return "a type";
  if (has({P::RuleConstExpr, P::RuleAttributeArg})) return "a value";
  if (has({P::RuleEnumMember})) return "an enumerator" + block;
  if (has({P::RuleClassMember, P::RuleAttrDecl, P::RulePropertyDecl})) return "a class member" + block;
  if (has({P::RuleDeclaration, P::RuleImportDecl, P::RuleIncludeDecl, P::RuleNamespaceDecl,
           P::RuleStateDecl, P::RuleExceptionDecl, P::RuleEnumDecl, P::RuleConstDecl,
           P::RuleClassDecl, P::RuleSubmoduleDecl, P::RuleTypeDecl}))
    return "a declaration" + block;
  if (has({P::RuleAccessor})) return "an accessor" + block;
  if (has({P::RuleCxxName, P::RuleCxxSegment, P::RuleCxxTemplateArg})) return "a C++ name";
  if (has({P::RuleName, P::RuleDottedName})) return name_noun(ctx);
  // Inside `name` itself (its alternatives are tokens): what the name was for.
  if (ctx != nullptr && ctx->getRuleIndex() == P::RuleName) {
    do {
      ctx = static_cast<antlr4::RuleContext*>(ctx->parent);
    } while (ctx != nullptr && ctx->getRuleIndex() == P::RuleDottedName);
    return name_noun(ctx);
  }
  return "";
}

std::string semicolon_after(antlr4::RuleContext* ctx) {
  bool accessor = ctx != nullptr && ctx->getRuleIndex() == P::RuleAccessor;
  return accessor ? "';' after accessor" : "';' after declaration";
}

}  // namespace

std::string describe_found(const antlr4::Token& token, std::string_view text) {
  switch (token.getType()) {
    case antlr4::Token::EOF: return "end of file";
    case P::IDENT: return fmt::format("identifier '{}'", text);
    case P::STRING: return "string literal";
    case P::DOCSTRING: return "docstring";
    default: return fmt::format("'{}'", text);
  }
}

std::string describe_expected(antlr4::Parser& parser, size_t state, antlr4::RuleContext* ctx,
                              const antlr4::misc::IntervalSet& expected, bool at_eof) {
  if (at_eof) {
    // The file ended early: the closing token the user forgot is the useful thing to name.
    if (expected.contains(size_t{P::RBRACE})) return "'}' at end of " + enclosing_block(ctx);
    for (size_t closer : {size_t{P::RPAREN}, size_t{P::RBRACK}, size_t{P::GT}}) {
      if (expected.contains(closer)) return expected_token(parser, closer);
    }
    if (expected.contains(size_t{P::SEMI})) return semicolon_after(ctx);
  }
  if (ctx != nullptr && ctx->getRuleIndex() == P::RuleModuleHeader &&
      expected.contains(size_t{P::MODULE}))
    return "a 'module' declaration";  // rather than "'module' or '@'" at the top of a file
  std::string noun = construct_noun(entered_rules(parser, state, ctx), ctx,
                                    expected.contains(size_t{P::RBRACE}));
  if (!noun.empty()) return noun;
  if (expected.contains(size_t{P::SEMI})) return semicolon_after(ctx);
  return list_tokens(parser, expected);
}

}  // namespace pyidlc::parse
