// driver.cpp: the pipeline, one line per phase, stopping at the first phase with errors.
#include "compiler/driver.h"

#include <filesystem>
#include <memory>
#include <ostream>

#include "compiler/ast/ast.h"
#include "compiler/base/diagnostics.h"
#include "compiler/base/source_manager.h"
#include "compiler/codegen/generator.h"
#include "compiler/depfile.h"
#include "compiler/loader.h"
#include "compiler/parse/parser.h"
#include "compiler/sema/analyze.h"
#include "compiler/sema/check_limited_api.h"

namespace pyidlc {

namespace {

// What one run of the compiler shares between its phases.
class Session {
 public:
  Session(const Options& options, std::ostream& err, bool color)
      : options_(options), err_(err), color_(color) {}

  const Options& options() const { return options_; }
  SourceManager& sources() { return sources_; }
  DiagnosticEngine& diags() { return diags_; }

  // Prints every diagnostic and returns the exit code they add up to.
  int finish() const {
    RenderOptions render;
    render.color = color_;
    render.warnings_as_errors = options_.warnings_as_errors;
    render.error_limit = options_.error_limit;
    diags_.render(err_, sources_, render);
    return diags_.failed(options_.warnings_as_errors) ? kExitCompileError : kExitSuccess;
  }

 private:
  const Options& options_;
  std::ostream& err_;
  bool color_;
  SourceManager sources_;
  DiagnosticEngine diags_;
};

// The last step of a successful run: with -MF, the dependency file saying that `written`
// (or the -MT target) depends on every file read. Returns the run's exit code.
int write_dependencies(Session& session, const std::vector<std::filesystem::path>& written) {
  const Options& options = session.options();
  std::string error;
  if (!options.depfile.empty() &&
      !write_depfile(options.depfile,
                     options.depfile_target.empty()
                         ? written
                         : std::vector<std::filesystem::path>{options.depfile_target},
                     session.sources(), &error)) {
    session.diags().report(DiagKind::OutputNotWritable, SourceRange{}, error);
  }
  return session.finish();
}

// Parse → imports → sema → codegen, for a main file already in the session's sources.
int compile_main_file(Session& session, FileId main_file) {
  SourceManager& sources = session.sources();
  DiagnosticEngine& diags = session.diags();

  std::optional<ast::File> main_ast = parse::parse_file(sources, main_file, diags);
  if (!main_ast || diags.has_errors()) return session.finish();

  ParsedFiles parsed = load_imports(std::move(*main_ast), session.options().include_dirs,
                                    session.options().stdlib_dir, sources, diags);
  if (diags.has_errors()) return session.finish();

  std::unique_ptr<sema::Program> program =
      sema::analyze(parsed.in_dependency_order, sources, diags);
  if (!program || diags.has_errors()) return session.finish();

  sema::check_generation_support(*program, sources, diags);
  if (session.options().limited_api) sema::check_limited_api(*program, diags);
  if (diags.has_errors()) return session.finish();

  // With -Werror a warning fails the run like an error does, and nothing is written.
  if (diags.failed(session.options().warnings_as_errors)) return session.finish();
  if (session.options().check_only) return write_dependencies(session, {});
  codegen::GenerateOptions generate_options;
  generate_options.source_path = std::string(sources.path(main_file));
  generate_options.source_text = std::string(sources.text(main_file));
  generate_options.emit_cpp = session.options().emit.cpp;
  generate_options.emit_pyi = session.options().emit.pyi;
  codegen::OutputSet outputs;
  codegen::generate(*program, sources, generate_options, outputs);
  std::string error;
  if (!outputs.write_all(session.options().output_dir, &error)) {
    diags.report(DiagKind::OutputNotWritable, SourceRange{}, error);
    return session.finish();
  }
  std::vector<std::filesystem::path> written;
  for (const auto& [name, content] : outputs.files()) {
    written.push_back(std::filesystem::path(session.options().output_dir) / name);
  }
  return write_dependencies(session, written);
}

}  // namespace

int compile(const Options& options, std::ostream& err, bool err_is_terminal) {
  Session session(options, err, options.color.value_or(err_is_terminal));
  const std::optional<FileId> main_file =
      load_source(options.input, SourceRange{}, session.sources(), session.diags());
  if (!main_file) return session.finish();
  return compile_main_file(session, *main_file);
}

int compile_source(const std::string& path, const std::string& text, const Options& options,
                   std::ostream& err) {
  Session session(options, err, options.color.value_or(false));
  const FileId main_file = session.sources().add_buffer(path, text);
  if (!check_utf8(main_file, session.sources(), session.diags())) return session.finish();
  return compile_main_file(session, main_file);
}

int run_pyidlc(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               bool err_is_terminal) {
  const std::optional<Options> options = parse_command_line(args, err);
  if (!options) return kExitUsageError;
  if (options->show_help) {
    out << help_text();
    return kExitSuccess;
  }
  if (options->show_version) {
    out << "pyidlc " << PYIDLC_VERSION << '\n';
    return kExitSuccess;
  }
  return compile(*options, err, err_is_terminal);
}

}  // namespace pyidlc
