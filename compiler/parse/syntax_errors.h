// syntax_errors.h: ANTLR error recovery that reports to the DiagnosticEngine, never the console.
#pragma once

#include <set>

#include <antlr4-runtime.h>

#include "compiler/base/diagnostics.h"
#include "compiler/parse/code_point_stream.h"

namespace pyidlc::parse {

// Receives every syntax error of one parse and reports it as an UnexpectedToken diagnostic
// ("expected ';' after declaration, found 'def'"), at most one per offending token.
class SyntaxErrorReporter {
 public:
  SyntaxErrorReporter(const TokenLocator& locator, DiagnosticEngine& diags)
      : locator_(locator), diags_(diags) {}

  // Keeps quiet about errors found at the token with index `token_index`: the lexical check
  // has already reported what really went wrong there (an unterminated string that swallowed
  // the ';' after it, an unterminated docstring or comment that swallowed the rest of the file).
  void suppress_errors_at(size_t token_index) { reported_tokens_.insert(token_index); }

  // Reports `found` where the parser, in `state` of rule `ctx`, expected `expected`.
  void report(antlr4::Parser& parser, antlr4::Token* found, size_t state,
              antlr4::RuleContext* ctx, const antlr4::misc::IntervalSet& expected);

  // Whether any syntax error was seen, reported or suppressed as a duplicate.
  bool had_errors() const { return had_errors_; }

 private:
  const TokenLocator& locator_;
  DiagnosticEngine& diags_;
  std::set<size_t> reported_tokens_;  // indices of tokens already named in a diagnostic
  bool had_errors_ = false;
};

// ANTLR's default recovery (so that parsing continues and every error of the file is found;
// errors are already muted while it is recovering) with its four reporting hooks sending
// the offending token, the ATN state and the expected set to a SyntaxErrorReporter.
class ReportingErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit ReportingErrorStrategy(SyntaxErrorReporter& reporter) : reporter_(reporter) {}

  // Deletes a stray token as ANTLR does, except ';' and brackets: they give a declaration its
  // shape, and deleting one makes the parser read what follows as part of the broken part
  // (`def (x: int)` would name the function 'x'); inserting the missing token works better.
  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override;

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser, const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;

 private:
  void report_exception(antlr4::Parser* parser, const antlr4::RecognitionException& e);
  void report_current_token(antlr4::Parser* parser);
  SyntaxErrorReporter& reporter_;
};

}  // namespace pyidlc::parse
