// depfile_test.cpp: -MF/-MT on the command line, the depfile's syntax, and what it lists.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/depfile.h"
#include "compiler/driver.h"

namespace pyidlc {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A fresh, empty directory for one test case.
fs::path scratch_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("pyidlc_depfile_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST_CASE("the depfile options take their values in both spellings", "[depfile]") {
  std::ostringstream err;
  const std::optional<Options> options =
      parse_command_line({"x.pyidl", "-MF", "out/x.d", "-MTstamp"}, err);
  REQUIRE(options);
  CHECK(err.str().empty());
  CHECK(options->depfile == "out/x.d");
  CHECK(options->depfile_target == "stamp");

  const std::optional<Options> glued = parse_command_line({"-MFx.d", "x.pyidl"}, err);
  REQUIRE(glued);
  CHECK(glued->depfile == "x.d");
  CHECK(glued->depfile_target.empty());
}

TEST_CASE("the depfile options are refused where they cannot work", "[depfile]") {
  const auto usage_error = [](const std::vector<std::string>& args) {
    std::ostringstream err;
    INFO(Catch::Detail::stringify(args));
    CHECK_FALSE(parse_command_line(args, err));
    return err.str().substr(0, err.str().find('\n'));
  };
  CHECK(usage_error({"x.pyidl", "-MF"}) == "pyidlc: error: missing argument after '-MF'");
  CHECK(usage_error({"x.pyidl", "-MT"}) == "pyidlc: error: missing argument after '-MT'");
  CHECK(usage_error({"x.pyidl", "-MT", "t"}) ==
        "pyidlc: error: -MT names the target of a dependency file; it needs -MF");
  CHECK(usage_error({"x.pyidl", "--check", "-MF", "x.d"}) ==
        "pyidlc: error: --check writes no outputs for -MF to name; give the target with -MT");
}

TEST_CASE("the depfile escapes what Make and Ninja would misread", "[depfile]") {
  CHECK(render_depfile({"/out/a b.cpp", "/out/c.h"}, {"/src/x#1.pyidl", "/src/$y.pyidl"}) ==
        "/out/a\\ b.cpp /out/c.h: \\\n"
        "  /src/x\\#1.pyidl \\\n"
        "  /src/$$y.pyidl\n");
}

TEST_CASE("relative paths become absolute, so the build may run pyidlc anywhere", "[depfile]") {
  const std::string rendered = render_depfile({"gen/../out.cpp"}, {"a.pyidl"});
  CHECK(rendered == (fs::current_path() / "out.cpp").string() + ": \\\n  " +
                        (fs::current_path() / "a.pyidl").string() + "\n");
}

TEST_CASE("a compilation's depfile names every output and every file it read", "[depfile]") {
  const fs::path dir = scratch_dir("imports");
  write(dir / "main.pyidl", "module main;\nimport lib.shapes;\ndef f() -> int;\n");
  write(dir / "lib" / "shapes.pyidl", "module shapes;\nimport base;\n");
  write(dir / "inc" / "base.pyidl", "module base;\n");

  std::ostringstream out;
  std::ostringstream err;
  const int exit_code =
      run_pyidlc({(dir / "main.pyidl").string(), "-I", (dir / "inc").string(), "-o",
                  (dir / "gen").string(), "-MF", (dir / "gen" / "main.d").string()},
                 out, err, /*err_is_terminal=*/false);
  INFO(err.str());
  REQUIRE(exit_code == kExitSuccess);
  const fs::path gen = dir / "gen";
  CHECK(read(gen / "main.d") ==
        render_depfile({gen / "main.pyi", gen / "main.pyidl.cpp", gen / "main.pyidl.h"},
                       {dir / "main.pyidl", dir / "lib" / "shapes.pyidl",
                        dir / "inc" / "base.pyidl"}));
}

TEST_CASE("a check-only run writes a depfile for the -MT target only", "[depfile]") {
  const fs::path dir = scratch_dir("check");
  write(dir / "m.pyidl", "module m;\n");
  std::ostringstream out;
  std::ostringstream err;
  const int exit_code = run_pyidlc({(dir / "m.pyidl").string(), "--check", "-MF",
                                    (dir / "m.d").string(), "-MT", (dir / "m.stamp").string()},
                                   out, err, /*err_is_terminal=*/false);
  REQUIRE(exit_code == kExitSuccess);
  CHECK(read(dir / "m.d") == render_depfile({dir / "m.stamp"}, {dir / "m.pyidl"}));
  CHECK_FALSE(fs::exists(dir / "m.pyidl.cpp"));
}

TEST_CASE("no depfile is written when the input has errors", "[depfile]") {
  const fs::path dir = scratch_dir("errors");
  write(dir / "m.pyidl", "module m;\ndef f(x: nope) -> int;\n");
  std::ostringstream out;
  std::ostringstream err;
  const int exit_code = run_pyidlc(
      {(dir / "m.pyidl").string(), "-o", dir.string(), "-MF", (dir / "m.d").string()}, out,
      err, /*err_is_terminal=*/false);
  CHECK(exit_code == kExitCompileError);
  CHECK_FALSE(fs::exists(dir / "m.d"));
}

}  // namespace
}  // namespace pyidlc
