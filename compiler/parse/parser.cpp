// parser.cpp: runs the ANTLR lexer and parser on one file and hands the tree to the AstBuilder.
#include "compiler/parse/parser.h"

#include <memory>

#include <antlr4-runtime.h>
#include <fmt/format.h>

#include "PyidlLexer.h"
#include "PyidlParser.h"
#include "compiler/parse/ast_builder.h"
#include "compiler/parse/code_point_stream.h"
#include "compiler/parse/compact_token.h"
#include "compiler/parse/syntax_errors.h"

namespace pyidlc::parse {
namespace {

using L = pyidl::grammar::PyidlLexer;
using P = pyidl::grammar::PyidlParser;

// What the lexical check found that changes how parsing goes.
struct LexicalCheck {
  // Tokens where a syntax error would only echo a lexical one: the token after an
  // unterminated string or invalid character, the end of file after an unterminated docstring or comment.
  std::vector<size_t> quiet_tokens;
  bool too_deep = false;  // brackets nest beyond kMaxNesting: do not parse at all
};

// How a character the lexer does not know is quoted: itself when printable ASCII, \xHH for a
// control character or an ill-formed byte, U+XXXX for any other code point.
std::string display_character(const CodePointStream& stream, const antlr4::Token* token) {
  size_t index = token->getStartIndex();
  auto first_byte = static_cast<unsigned char>(stream.bytes()[stream.byte_offset(index)]);
  if (stream.is_ill_formed(index) || first_byte < 0x20 || first_byte == 0x7F)
    return fmt::format("\\x{:02X}", first_byte);
  auto code_point = static_cast<uint32_t>(stream.code_point(index));
  if (code_point < 0x80) return std::string(1, static_cast<char>(code_point));
  return fmt::format("U+{:04X}", code_point);
}

// Reports every ill-formed byte inside a string literal or docstring token; elsewhere such a
// byte is an UNKNOWN_CHAR token of its own.
void check_literal_bytes(const TokenLocator& locator, const antlr4::Token* token,
                         DiagnosticEngine& diags) {
  const CodePointStream& stream = locator.stream();
  for (size_t i = token->getStartIndex(); i <= token->getStopIndex(); ++i) {
    if (!stream.is_ill_formed(i)) continue;
    uint32_t offset = stream.byte_offset(i);
    diags.report(DiagKind::InvalidCharacter, SourceRange{SourceLoc{locator.file(), offset}, 1},
                 fmt::format("\\x{:02X}", static_cast<unsigned char>(stream.bytes()[offset])));
  }
}

// Reports the lexer's error tokens with their own kinds and takes them out of the parser's
// way, so that it neither repeats them as "expected X, found Y" nor trips over them: an
// unterminated string is parsed as if closed, the other error tokens are hidden. Also bounds
// the bracket nesting depth.
LexicalCheck check_tokens(antlr4::CommonTokenStream& tokens, const TokenLocator& locator,
                          DiagnosticEngine& diags) {
  LexicalCheck check;
  int depth = 0;
  bool quiet_next = false;
  for (antlr4::Token* token : tokens.getTokens()) {
    auto* writable = dynamic_cast<antlr4::WritableToken*>(token);
    SourceRange where = locator.range(token);
    // The parser's next token after an unterminated string or an invalid character (error
    // tokens get hidden below): a syntax error there is most likely the same mistake.
    if (quiet_next && token->getType() < L::UNTERMINATED_DOCSTRING) {
      check.quiet_tokens.push_back(token->getTokenIndex());
      quiet_next = false;
    }
    switch (token->getType()) {
      case L::UNKNOWN_CHAR:
        diags.report(DiagKind::InvalidCharacter, where, display_character(locator.stream(), token));
        writable->setChannel(antlr4::Token::HIDDEN_CHANNEL);
        quiet_next = true;
        break;
      case L::UNTERMINATED_STRING:
        diags.report(DiagKind::UnterminatedString, where);
        check_literal_bytes(locator, token, diags);
        writable->setType(L::STRING);
        quiet_next = true;
        break;
      case L::UNTERMINATED_DOCSTRING:
      case L::UNTERMINATED_COMMENT: {
        // The range is the opening `"""` or `/*`: the rest of the file is not the problem.
        bool comment = token->getType() == L::UNTERMINATED_COMMENT;
        diags.report(comment ? DiagKind::UnterminatedComment : DiagKind::UnterminatedDocstring,
                     SourceRange{where.begin, comment ? 2u : 3u});
        writable->setChannel(antlr4::Token::HIDDEN_CHANNEL);
        check.quiet_tokens.push_back(tokens.size() - 1);  // the end-of-file token
        break;
      }
      case L::STRING:
      case L::DOCSTRING:
        check_literal_bytes(locator, token, diags);
        break;
      case L::LPAREN: case L::LBRACK: case L::LBRACE: case L::LT:
        if (++depth > kMaxNesting) {
          diags.report(DiagKind::NestingTooDeep, where, kMaxNesting);
          check.too_deep = true;
          return check;
        }
        break;
      case L::RPAREN: case L::RBRACK: case L::RBRACE: case L::GT:
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return check;
}

// Stage one of two-stage parsing: SLL prediction, bailing out at the first error (fast, and
// exact for every input without errors in this grammar). It parses one declaration at a time
// and builds its AST at once, then frees that parse tree: on this kind of machine, touching
// fresh memory costs more than parsing, and a whole file's tree is dozens of megabytes.
// Returns nullopt when the input has a syntax error (or needs full LL prediction).
std::optional<ast::File> parse_fast(P& parser, antlr4::CommonTokenStream& tokens,
                                    AstBuilder& builder) {
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    ast::File file = builder.build_header(parser.moduleHeader());
    while (tokens.LA(1) != antlr4::Token::EOF) {
      file.declarations.push_back(builder.build_declaration(parser.declaration()));
      size_t next = tokens.index();
      parser.reset();  // frees the parse tree so far, and rewinds the tokens
      tokens.seek(next);
    }
    return file;
  } catch (const antlr4::ParseCancellationException&) {
    return std::nullopt;
  }
}

// Stage two, only for input that stage one rejected: the whole file with full LL prediction
// and ANTLR's error recovery, so that every syntax error is reported.
P::FileContext* parse_reporting(P& parser, antlr4::CommonTokenStream& tokens,
                                SyntaxErrorReporter& reporter) {
  tokens.seek(0);
  parser.reset();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::LL);
  parser.setErrorHandler(std::make_shared<ReportingErrorStrategy>(reporter));
  return parser.file();
}

}  // namespace

std::optional<ast::File> parse_file(const SourceManager& sources, FileId file,
                                    DiagnosticEngine& diags) {
  size_t errors_before = diags.error_count();
  CodePointStream input(sources.text(file));
  TokenLocator locator(file, input);
  CompactLexer lexer(&input);
  lexer.removeErrorListeners();  // ANTLR's messages never reach the user
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  LexicalCheck lexical = check_tokens(tokens, locator, diags);
  if (lexical.too_deep) return std::nullopt;

  P parser(&tokens);
  parser.removeErrorListeners();
  auto builder = std::make_unique<AstBuilder>(locator);
  std::optional<ast::File> result = parse_fast(parser, tokens, *builder);
  if (!result) {
    SyntaxErrorReporter reporter(locator, diags);
    for (size_t index : lexical.quiet_tokens) reporter.suppress_errors_at(index);
    P::FileContext* tree = parse_reporting(parser, tokens, reporter);
    if (reporter.had_errors()) return std::nullopt;
    builder = std::make_unique<AstBuilder>(locator);  // forget what the first stage noted
    result = builder->build_file(tree);
  }
  builder->report_problems(diags);
  if (diags.error_count() != errors_before) return std::nullopt;
  return result;
}

}  // namespace pyidlc::parse
