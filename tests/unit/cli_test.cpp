// cli_test.cpp: the pyidlc command line: option parsing, usage errors, --help, --version.
#include <catch2/catch.hpp>

#include <sstream>

#include "compiler/driver.h"

namespace pyidlc {
namespace {

struct Run {
  int exit_code;
  std::string out;
  std::string err;
};

Run run(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  const int exit_code = run_pyidlc(args, out, err, /*err_is_terminal=*/false);
  return Run{exit_code, out.str(), err.str()};
}

constexpr std::string_view kUsageStart = "usage: pyidlc FILE.pyidl [-o DIR]";

void check_usage_error(const std::vector<std::string>& args, const std::string& message) {
  INFO("pyidlc " << Catch::Detail::stringify(args));
  const Run result = run(args);
  CHECK(result.exit_code == kExitUsageError);
  CHECK(result.out.empty());
  CHECK(result.err.starts_with("pyidlc: error: " + message + "\n"));
  CHECK(result.err.find(kUsageStart) != std::string::npos);
}

TEST_CASE("a bad command line is exit code 2 with a message and the usage", "[cli]") {
  check_usage_error({"--frob"}, "unknown option '--frob'");
  check_usage_error({"a.pyidl", "-x"}, "unknown option '-x'");
  check_usage_error({}, "no input file");
  check_usage_error({"--check"}, "no input file");
  check_usage_error({"a.pyidl", "b.pyidl"}, "more than one input file: 'a.pyidl' and 'b.pyidl'");
  check_usage_error({"a.pyidl", "--emit", "cpp,rs"},
                    "unknown --emit kind 'rs'; expected 'cpp' or 'pyi'");
  check_usage_error({"a.pyidl", "--emit="}, "unknown --emit kind ''; expected 'cpp' or 'pyi'");
  check_usage_error({"a.pyidl", "-o"}, "missing argument after '-o'");
  check_usage_error({"a.pyidl", "-I"}, "missing argument after '-I'");
  check_usage_error({"a.pyidl", "--emit"}, "missing argument after '--emit'");
}

TEST_CASE("options take their values in every accepted spelling", "[cli]") {
  std::ostringstream err;
  const std::optional<Options> options = parse_command_line(
      {"-I", "inc1", "-Iinc2", "x.pyidl", "-oout", "--emit=pyi", "--check", "-Werror",
       "--color"},
      err);
  REQUIRE(options);
  CHECK(err.str().empty());
  CHECK(options->input == "x.pyidl");
  CHECK(options->include_dirs == std::vector<std::string>{"inc1", "inc2"});
  CHECK(options->output_dir == "out");
  CHECK_FALSE(options->emit.cpp);
  CHECK(options->emit.pyi);
  CHECK(options->check_only);
  CHECK(options->warnings_as_errors);
  CHECK(options->color == true);

  const std::optional<Options> other =
      parse_command_line({"--no-color", "-o", "dir", "--emit", "cpp,pyi", "--", "-odd.pyidl"},
                         err);
  REQUIRE(other);
  CHECK(other->input == "-odd.pyidl");
  CHECK(other->output_dir == "dir");
  CHECK(other->emit.cpp);
  CHECK(other->emit.pyi);
  CHECK(other->color == false);
}

TEST_CASE("defaults: emit everything into the current directory, colour on a terminal",
          "[cli]") {
  std::ostringstream err;
  const std::optional<Options> options = parse_command_line({"x.pyidl"}, err);
  REQUIRE(options);
  CHECK(options->output_dir == ".");
  CHECK(options->emit.cpp);
  CHECK(options->emit.pyi);
  CHECK_FALSE(options->check_only);
  CHECK_FALSE(options->color.has_value());
}

TEST_CASE("the version flag prints the version and needs no input", "[cli]") {
  const Run result = run({"--version"});
  CHECK(result.exit_code == kExitSuccess);
  CHECK(result.out == std::string("pyidlc ") + PYIDLC_VERSION + "\n");
  CHECK(result.err.empty());
}

TEST_CASE("the help flag explains every option", "[cli]") {
  for (const char* flag : {"--help", "-h"}) {
    const Run result = run({flag});
    CHECK(result.exit_code == kExitSuccess);
    CHECK(result.err.empty());
    for (const char* option : {"-o DIR", "-I DIR", "--emit", "--check", "-Werror", "--color",
                               "--no-color", "--version", "--help"}) {
      INFO(option);
      CHECK(result.out.find(option) != std::string::npos);
    }
  }
}

TEST_CASE("a missing input file is a diagnostic and exit code 1", "[cli]") {
  const Run result = run({"--check", "does_not_exist.pyidl"});
  CHECK(result.exit_code == kExitCompileError);
  CHECK(result.out.empty());
  CHECK(result.err ==
        "pyidlc: error: cannot read 'does_not_exist.pyidl': No such file or directory "
        "[FileNotReadable]\n"
        "1 error generated.\n");
}

TEST_CASE("an input that is not UTF-8 is reported at its first bad byte", "[cli]") {
  Options options;
  options.check_only = true;
  std::ostringstream err;
  const int exit_code = compile_source("bad.pyidl", "module m;\n// caf\xe9\n", options, err);
  CHECK(exit_code == kExitCompileError);
  CHECK(err.str() ==
        "bad.pyidl:2:7: error: invalid UTF-8 byte 0xE9; source files must be UTF-8 "
        "[InvalidUtf8]\n"
        "// caf\xe9\n"
        "      ^\n"
        "1 error generated.\n");
}

}  // namespace
}  // namespace pyidlc
