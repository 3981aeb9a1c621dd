// syntax_errors.cpp: the parser's error hooks, turned into UnexpectedToken diagnostics.
#include "compiler/parse/syntax_errors.h"

#include "PyidlParser.h"
#include "compiler/parse/syntax_messages.h"

namespace pyidlc::parse {

void SyntaxErrorReporter::report(antlr4::Parser& parser, antlr4::Token* found, size_t state,
                                 antlr4::RuleContext* ctx,
                                 const antlr4::misc::IntervalSet& expected) {
  had_errors_ = true;
  // Recovery can stop on the same token twice (a failed match, then a failed loop sync);
  // the second message would only repeat the first in other words.
  if (!reported_tokens_.insert(found->getTokenIndex()).second) return;
  diags_.report(DiagKind::UnexpectedToken, locator_.range(found),
                describe_expected(parser, state, ctx, expected,
                                  found->getType() == antlr4::Token::EOF),
                describe_found(*found, locator_.text(found)));
}

antlr4::Token* ReportingErrorStrategy::singleTokenDeletion(antlr4::Parser* parser) {
  using P = pyidl::grammar::PyidlParser;
  switch (parser->getCurrentToken()->getType()) {
    case P::SEMI: case P::LPAREN: case P::RPAREN: case P::LBRACE: case P::RBRACE:
    case P::LBRACK: case P::RBRACK:
      return nullptr;
    default:
      return DefaultErrorStrategy::singleTokenDeletion(parser);
  }
}

void ReportingErrorStrategy::report_exception(antlr4::Parser* parser,
                                              const antlr4::RecognitionException& e) {
  reporter_.report(*parser, e.getOffendingToken(), e.getOffendingState(), e.getCtx(),
                   e.getExpectedTokens());
}

void ReportingErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                                       const antlr4::NoViableAltException& e) {
  report_exception(parser, e);
}

void ReportingErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                                 const antlr4::InputMismatchException& e) {
  report_exception(parser, e);
}

void ReportingErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                                   const antlr4::FailedPredicateException& e) {
  report_exception(parser, e);
}

// The single-token repairs (deleting an extra token, inserting a missing one) run outside
// reportError, so they repeat its check and enter error mode themselves, as the
// DefaultErrorStrategy versions do.
void ReportingErrorStrategy::report_current_token(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  reporter_.report(*parser, parser->getCurrentToken(), parser->getState(), parser->getContext(),
                   getExpectedTokens(parser));
}

void ReportingErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  report_current_token(parser);
}

void ReportingErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  report_current_token(parser);
}

}  // namespace pyidlc::parse
