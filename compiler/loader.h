// loader.h: reads source files and follows `import a.b;` to every file a program needs.
#pragma once

#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/base/diagnostics.h"
#include "compiler/base/source_manager.h"

namespace pyidlc {

// Reads `path` into `sources` and checks that it is UTF-8. On failure reports
// FileNotReadable at `requested_at` (an invalid range for the file named on the command
// line, the import for an imported one), or InvalidUtf8, and returns nullopt.
std::optional<FileId> load_source(const std::filesystem::path& path, SourceRange requested_at,
                                  SourceManager& sources, DiagnosticEngine& diags);

// Returns whether `file` is well-formed UTF-8; if not, reports InvalidUtf8 at its first bad
// byte (the lexer and every column count assume UTF-8).
bool check_utf8(FileId file, const SourceManager& sources, DiagnosticEngine& diags);

// The main file and every file it imports, directly or not, each parsed once.
struct ParsedFiles {
  std::deque<ast::File> files;  // owns the ASTs; a deque, so the pointers below stay valid
  // Imports before the files that import them, the main file last: the order sema wants.
  std::vector<const ast::File*> in_dependency_order;
};

// Takes the parsed main file and loads and parses, depth first, every file it imports.
// `import a.b;` names a/b.pyidl, looked for in the importing file's directory and then in
// each of `include_dirs` in order; `import std.x;` names x.pyidl in `stdlib_dir`'s std/
// folder and nowhere else. Reports ImportNotFound (with an ImportSearchPath note per
// place searched), ImportCycle (with an ImportedHere note per import on the cycle), and
// whatever loading and parsing an imported file reports; the files that did load are
// returned either way.
ParsedFiles load_imports(ast::File main, const std::vector<std::string>& include_dirs,
                         const std::string& stdlib_dir, SourceManager& sources,
                         DiagnosticEngine& diags);

// Where pyidl's standard bindings (std/*.pyidl) are: ../share/pyidl/stdlib_bindings from the
// running executable's folder, in an installed tree as in the build tree (which links it to
// the sources).
std::string default_stdlib_dir();

}  // namespace pyidlc
