// analyze.h: sema's entry point, from parsed files to the checked model.
#pragma once

#include <memory>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/base/diagnostics.h"
#include "compiler/base/source_manager.h"
#include "compiler/sema/model.h"

namespace pyidlc::sema {

// Resolves and checks `files_in_dependency_order`: the last file is the one being compiled,
// each earlier one a file it imports (directly or not), after everything it imports in turn.
// Every problem goes to `diags`; nothing is thrown for bad input. Returns the model, which
// is complete when !diags.has_errors() and otherwise partial (fit for nothing but
// inspection). The model does not point into the AST, so the files may be freed afterwards.
std::unique_ptr<Program> analyze(const std::vector<const ast::File*>& files_in_dependency_order,
                                 const SourceManager& sources, DiagnosticEngine& diags);

// Reports, as NotSupportedYet errors, what the language accepts in `program.main` (and its
// submodules) but the code generator cannot emit yet. A separate phase from analyze(): the
// language's rules and the generator's current limits are different things, and tests of
// the first should not depend on the second.
void check_generation_support(const Program& program, const SourceManager& sources,
                              DiagnosticEngine& diags);

}  // namespace pyidlc::sema
