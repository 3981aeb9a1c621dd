// parser.h: reads one .pyidl file into its AST, reporting every lexical and syntax error.
#pragma once

#include <optional>

#include "compiler/ast/ast.h"
#include "compiler/base/diagnostics.h"
#include "compiler/base/source_manager.h"

namespace pyidlc::parse {

// Brackets ((, [, {, <) may nest this deep; deeper input is rejected with NestingTooDeep
// before parsing, so that no input can exhaust the stack of the recursive-descent parser.
inline constexpr int kMaxNesting = 256;

// Lexes and parses the buffer `file` of `sources` and builds its AST. Every problem goes to
// `diags`: all syntax errors of the file in one run (ANTLR's recovery continues after each),
// lexical errors with their own kinds and exact byte ranges. Returns nullopt when any error
// was reported; the AST is then incomplete and sema must not see it. Never throws on bad
// input, whatever its bytes. The returned AST owns all its data.
std::optional<ast::File> parse_file(const SourceManager& sources, FileId file,
                                    DiagnosticEngine& diags);

}  // namespace pyidlc::parse
