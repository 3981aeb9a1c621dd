// options.cpp: the pyidlc command line: parsing, usage errors and --help.
#include <ostream>
#include <string_view>

#include "compiler/driver.h"
#include "compiler/loader.h"

namespace pyidlc {

namespace {

constexpr std::string_view kUsage =
    "usage: pyidlc FILE.pyidl [-o DIR] [-I DIR]... [--emit cpp,pyi] [--check] [-Werror]\n"
    "              [-MF FILE [-MT TARGET]] [--limited-api]\n"
    "              [--error-limit N] [--color|--no-color] [--version] [--help]\n";

constexpr std::string_view kHelp =
    "pyidlc: compiles a .pyidl interface into a C++ CPython extension module that is safe\n"
    "in isolated sub-interpreters.\n"
    "\n"
    "usage: pyidlc FILE.pyidl [-o DIR] [-I DIR]... [--emit cpp,pyi] [--check] [-Werror]\n"
    "              [-MF FILE [-MT TARGET]] [--limited-api]\n"
    "              [--error-limit N] [--color|--no-color] [--version] [--help]\n"
    "       pyidlc new NAME [DIR]   lay out a new project in DIR (default ./NAME): a module,\n"
    "                               its C++, CMake, pip and a test (docs/packaging.md)\n"
    "       pyidlc audit MODULE.so... list the process-wide writable data in a built\n"
    "                               module's own C++ code (pyidlc audit --help)\n"
    "\n"
    "options:\n"
    "  -o DIR, -oDIR       write the generated files into DIR (default: the current directory)\n"
    "  -I DIR, -IDIR       also look for imported files in DIR: `import a.b;` finds a/b.pyidl\n"
    "                      next to the importing file first, then in each -I DIR in order\n"
    "  --stdlib-dir DIR    where `import std.x;` finds pyidl's standard bindings, std/x.pyidl\n"
    "                      (default: ../share/pyidl/stdlib_bindings beside pyidlc)\n"
    "  --emit KINDS        which outputs to write, comma separated (default: cpp,pyi):\n"
    "                        cpp  <module>.pyidl.cpp and <module>.pyidl.h\n"
    "                        pyi  <module>.pyi, the type stub\n"
    "  --check             check the input and its imports, write nothing\n"
    "  -Werror             treat warnings as errors\n"
    "  -MF FILE            also write FILE, a Make-syntax dependency file (as GCC's -MF)\n"
    "                      naming the input and every file it imports, for Ninja and Make\n"
    "  -MT TARGET          the target the dependency file names (default: every file\n"
    "                      written); needed with --check, which writes none\n"
    "  --limited-api       generate code for the limited API (Py_LIMITED_API=0x030C0000,\n"
    "                      the stable ABI abi3) and reject what it cannot express\n"
    "  --error-limit N     show at most N errors (default 20; 0 shows all), as clang's\n"
    "                      -ferror-limit; all of them still count\n"
    "  --color, --no-color colour the diagnostics, or not (default: only on a terminal)\n"
    "  --version           print the version and exit\n"
    "  --help, -h          print this help and exit\n"
    "\n"
    "exit status: 0 success, 1 the input has errors, 2 the command line is wrong\n";

// Writes a command-line error the way every usage error looks, then the usage line.
void usage_error(std::ostream& err, std::string_view message) {
  err << "pyidlc: error: " << message << '\n' << kUsage;
}

// Applies `--emit a,b`; returns the first kind it does not know, if any.
std::optional<std::string_view> parse_emit(std::string_view list, EmitSet& emit) {
  emit = EmitSet{false, false};
  while (true) {
    const size_t comma = list.find(',');
    const std::string_view kind = list.substr(0, comma);
    if (kind == "cpp") {
      emit.cpp = true;
    } else if (kind == "pyi") {
      emit.pyi = true;
    } else {
      return kind;  // "" too, from "--emit=" or "cpp,,pyi"
    }
    if (comma == std::string_view::npos) return std::nullopt;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace

std::string_view help_text() { return kHelp; }

std::optional<Options> parse_command_line(const std::vector<std::string>& args,
                                          std::ostream& err) {
  Options options;
  options.stdlib_dir = default_stdlib_dir();
  bool have_input = false;
  bool only_inputs = false;  // after "--"
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    // The value of an option written as "-o DIR", "-oDIR" or "--emit=cpp".
    auto value_of = [&](std::string_view option) -> std::optional<std::string> {
      if (arg.size() > option.size()) {
        // "-oDIR" has the value glued on; "--emit=cpp" has an '=' in between.
        std::string_view rest = arg.substr(option.size());
        if (option.starts_with("--")) rest.remove_prefix(1);
        return std::string(rest);
      }
      if (i + 1 < args.size()) return args[++i];
      usage_error(err, "missing argument after '" + std::string(option) + "'");
      return std::nullopt;
    };

    if (only_inputs || arg == "-" || !arg.starts_with('-')) {
      if (have_input) {
        usage_error(err, "more than one input file: '" + options.input + "' and '" +
                             std::string(arg) + "'");
        return std::nullopt;
      }
      options.input = arg;
      have_input = true;
    } else if (arg == "--") {
      only_inputs = true;
    } else if (arg == "--help" || arg == "-h") {
      options.show_help = true;
      return options;
    } else if (arg == "--version") {
      options.show_version = true;
      return options;
    } else if (arg.starts_with("-o") || arg.starts_with("-I")) {
      const std::optional<std::string> dir = value_of(arg.substr(0, 2));
      if (!dir) return std::nullopt;
      if (arg.starts_with("-o")) {
        options.output_dir = *dir;
      } else {
        options.include_dirs.push_back(*dir);
      }
    } else if (arg == "--stdlib-dir" || arg.starts_with("--stdlib-dir=")) {
      const std::optional<std::string> dir = value_of("--stdlib-dir");
      if (!dir) return std::nullopt;
      options.stdlib_dir = *dir;
    } else if (arg == "--emit" || arg.starts_with("--emit=")) {
      const std::optional<std::string> kinds = value_of("--emit");
      if (!kinds) return std::nullopt;
      if (const std::optional<std::string_view> bad = parse_emit(*kinds, options.emit)) {
        usage_error(err, "unknown --emit kind '" + std::string(*bad) +
                             "'; expected 'cpp' or 'pyi'");
        return std::nullopt;
      }
    } else if (arg.starts_with("-MF") || arg.starts_with("-MT")) {
      const std::optional<std::string> value = value_of(arg.substr(0, 3));
      if (!value) return std::nullopt;
      (arg.starts_with("-MF") ? options.depfile : options.depfile_target) = *value;
    } else if (arg == "--limited-api") {
      options.limited_api = true;
    } else if (arg == "--check") {
      options.check_only = true;
    } else if (arg == "-Werror") {
      options.warnings_as_errors = true;
    } else if (arg == "--error-limit" || arg.starts_with("--error-limit=")) {
      const std::optional<std::string> limit = value_of("--error-limit");
      if (!limit) return std::nullopt;
      if (limit->empty() || limit->size() > 9 ||
          limit->find_first_not_of("0123456789") != std::string::npos) {
        usage_error(err, "--error-limit needs a number, not '" + *limit + "'");
        return std::nullopt;
      }
      options.error_limit = std::stoul(*limit);
    } else if (arg == "--color" || arg == "--no-color") {
      options.color = arg == "--color";
    } else {
      usage_error(err, "unknown option '" + std::string(arg) + "'");
      return std::nullopt;
    }
  }
  if (!have_input) {
    usage_error(err, "no input file");
    return std::nullopt;
  }
  if (!options.depfile_target.empty() && options.depfile.empty()) {
    usage_error(err, "-MT names the target of a dependency file; it needs -MF");
    return std::nullopt;
  }
  if (options.check_only && !options.depfile.empty() && options.depfile_target.empty()) {
    usage_error(err, "--check writes no outputs for -MF to name; give the target with -MT");
    return std::nullopt;
  }
  return options;
}

}  // namespace pyidlc
