// driver.h: the compiler pipeline, from a command line to files on disk and an exit code.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pyidlc {

// Process exit codes; the CLI contract that build systems rely on.
enum ExitCode : int {
  kExitSuccess = 0,       // no errors (warnings allowed unless -Werror)
  kExitCompileError = 1,  // the input has errors; diagnostics were printed
  kExitUsageError = 2,    // the command line is wrong; usage was printed
};

// Which outputs to write (--emit cpp,pyi).
struct EmitSet {
  bool cpp = true;  // <module>.pyidl.cpp and <module>.pyidl.h
  bool pyi = true;  // <module>.pyi
};

struct Options {
  std::string input;                      // the .pyidl file
  std::string output_dir = ".";           // -o DIR
  std::vector<std::string> include_dirs;  // -I DIR: where `import a.b;` looks for a/b.pyidl
  std::string stdlib_dir;                 // --stdlib-dir DIR: where `import std.x;` looks
                                          // (default: default_stdlib_dir())
  EmitSet emit;
  bool check_only = false;                // --check: stop after sema, write nothing
  bool warnings_as_errors = false;        // -Werror
  size_t error_limit = 20;                // --error-limit: errors shown (0: all)
  std::optional<bool> color;              // --color / --no-color; unset: only on a terminal
  std::string depfile;                    // -MF FILE: write the files read, for Ninja and Make
  std::string depfile_target;             // -MT TARGET: the depfile's target (default: outputs)
  bool limited_api = false;               // --limited-api: refuse what Py_LIMITED_API lacks
  bool show_help = false;                 // --help: print help_text() and do nothing else
  bool show_version = false;              // --version: print "pyidlc <version>" and stop
};

// Parses the arguments after argv[0]. On a bad command line writes the problem and a usage
// line to `err` and returns nullopt. --help or --version end the parse (no input needed);
// run_pyidlc acts on them.
std::optional<Options> parse_command_line(const std::vector<std::string>& args, std::ostream& err);

// The --help text: the usage line and every option explained.
std::string_view help_text();

// The whole pipeline for one input: load → parse → load imports → sema → codegen → write.
// Diagnostics go to `err`; returns an ExitCode. Never throws on bad input.
int compile(const Options& options, std::ostream& err, bool err_is_terminal);

// The same pipeline on an in-memory source (tests, the robustness suite). Imports are still
// looked up on disk relative to `path` and options.include_dirs. Nothing is written when
// options.check_only is set.
int compile_source(const std::string& path, const std::string& text, const Options& options,
                   std::ostream& err);

// main(): --help, --version, then parse_command_line and compile.
int run_pyidlc(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               bool err_is_terminal);

}  // namespace pyidlc
