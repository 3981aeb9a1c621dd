// command.cpp: the `pyidlc audit` command line.
#include "compiler/audit/command.h"

#include <filesystem>
#include <optional>
#include <ostream>

#include "compiler/audit/report.h"

namespace pyidlc::audit {

namespace {

constexpr std::string_view kUsage =
    "usage: pyidlc audit MODULE.so... [--allow GLOB]... [--verbose] [--json] [--explain]\n"
    "                    [--exit-zero] [--help]\n";

constexpr std::string_view kHelp =
    "pyidlc audit: lists the process-wide writable data in a built extension module's own\n"
    "C++ code (globals, class statics, function-local statics, thread_locals), which every\n"
    "sub-interpreter shares. The pyidl runtime, the generated code, the C++ standard library\n"
    "and the toolchain's own data are left out; objects whose type synchronizes them\n"
    "(std::atomic, pyidl::mutex...) are not findings. Needs the symbol table; with debug\n"
    "info (-g) it also shows file:line and recognizes synchronized types.\n"
    "\n"
    "usage: pyidlc audit MODULE.so... [--allow GLOB]... [--verbose] [--json] [--explain]\n"
    "                    [--exit-zero] [--help]\n"
    "\n"
    "options:\n"
    "  --allow GLOB   accept findings whose demangled name matches GLOB (fnmatch: '*' also\n"
    "                 matches '::'), e.g. --allow 'mylib::registry' --allow 'mylib::*::cache'\n"
    "  --verbose, -v  also list allowed, synchronized and excluded variables, with the reason\n"
    "  --json         print every variable of every module as one JSON object instead\n"
    "  --explain      explain each kind of finding in full; alone, explain all of them\n"
    "  --exit-zero    exit with 0 even when there are findings (errors still give 2)\n"
    "  --help, -h     print this help and exit\n"
    "\n"
    "exit status: 0 no findings, 1 findings, 2 a usage error or a file that cannot be audited\n"
    "(missing, not ELF, stripped)\n";

struct AuditOptions {
  std::vector<std::string> modules;
  std::vector<std::string> allow;
  TextOptions text;
  bool json = false;
  bool exit_zero = false;
  bool help = false;
};

void usage_error(std::ostream& err, std::string_view message) {
  err << "pyidlc audit: error: " << message << '\n' << kUsage;
}

std::optional<AuditOptions> parse(const std::vector<std::string>& args, std::ostream& err) {
  AuditOptions options;
  bool only_modules = false;  // after "--"
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (only_modules || !arg.starts_with('-')) {
      options.modules.emplace_back(arg);
    } else if (arg == "--") {
      only_modules = true;
    } else if (arg == "--help" || arg == "-h") {
      options.help = true;
      return options;
    } else if (arg == "--allow") {
      if (i + 1 == args.size()) {
        usage_error(err, "missing argument after '--allow'");
        return std::nullopt;
      }
      options.allow.push_back(args[++i]);
    } else if (arg.starts_with("--allow=")) {
      options.allow.emplace_back(arg.substr(8));
    } else if (arg == "--verbose" || arg == "-v") {
      options.text.verbose = true;
    } else if (arg == "--explain") {
      options.text.explain = true;
    } else if (arg == "--json") {
      options.json = true;
    } else if (arg == "--exit-zero") {
      options.exit_zero = true;
    } else {
      usage_error(err, "unknown option '" + std::string(arg) + "'");
      return std::nullopt;
    }
  }
  if (options.modules.empty() && !options.text.explain) {
    usage_error(err, "no module to audit");
    return std::nullopt;
  }
  return options;
}

}  // namespace

std::string_view audit_help_text() { return kHelp; }

int run_audit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::optional<AuditOptions> options = parse(args, err);
  if (!options) return kAuditError;
  if (options->help) {
    out << kHelp;
    return kAuditClean;
  }
  if (options->modules.empty()) {  // `pyidlc audit --explain`
    print_explanations(out);
    return kAuditClean;
  }
  std::error_code ignored;  // without a working directory, paths are shown as recorded
  const std::filesystem::path working_dir = std::filesystem::current_path(ignored);
  std::vector<FileReport> reports;
  bool failed = false;
  size_t findings = 0;
  for (const std::string& module : options->modules) {
    reports.push_back(audit_file(module, options->allow, working_dir));
    if (!reports.back().error.empty()) {
      err << module << ": error: " << reports.back().error << '\n';
      failed = true;
    }
    findings += reports.back().finding_count();
  }
  if (options->json) {
    print_json(reports, out);
  } else {
    print_text(reports, options->text, out);
  }
  if (failed) return kAuditError;
  return findings > 0 && !options->exit_zero ? kAuditFindings : kAuditClean;
}

}  // namespace pyidlc::audit
