// project_template_test.cpp: `pyidlc new`: name checks, the files it lays out, no overwrites.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/driver.h"
#include "compiler/project_template.h"

namespace pyidlc {
namespace {

namespace fs = std::filesystem;

struct Run {
  int exit_code;
  std::string out;
  std::string err;
};

Run run_new(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  const int exit_code = run_new_project(args, PYIDL_TEMPLATE_DIR, out, err);
  return Run{exit_code, out.str(), err.str()};
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path scratch_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("pyidlc_new_test_" + name);
  fs::remove_all(dir);
  return dir;
}

TEST_CASE("a project name must be a module, a C++ namespace and a distribution name",
          "[new]") {
  CHECK(project_name_problem("geometry").empty());
  CHECK(project_name_problem("geo_metry2").empty());
  for (const char* bad : {"", "_geo", "geo_", "2geo", "geo-metry", "geo.metry", "caf\xc3\xa9"}) {
    INFO(bad);
    CHECK_FALSE(project_name_problem(bad).empty());
  }
  CHECK(project_name_problem("class") == "'class' is a Python keyword and cannot name a module");
  CHECK(project_name_problem("union") ==
        "'union' is a C++ keyword and cannot name the project's C++ namespace");
}

TEST_CASE("pyidlc new refuses a bad name or command line", "[new]") {
  const Run keyword = run_new({"def"});
  CHECK(keyword.exit_code == kExitCompileError);
  CHECK(keyword.err == "pyidlc: error: 'def' is a Python keyword and cannot name a module\n");

  const Run none = run_new({});
  CHECK(none.exit_code == kExitUsageError);
  CHECK(none.err == "pyidlc: error: new needs a project name\nusage: pyidlc new NAME [DIR]\n");

  CHECK(run_new({"a", "b", "c"}).exit_code == kExitUsageError);
}

TEST_CASE("pyidlc new writes every template file with the name filled in", "[new]") {
  const fs::path dir = scratch_dir("layout");
  const Run result = run_new({"geometry", dir.string()});
  INFO(result.err);
  REQUIRE(result.exit_code == kExitSuccess);
  for (const char* file : {"geometry.pyidl", "src/geometry.hpp", "src/geometry.cpp",
                           "CMakeLists.txt", "pyproject.toml", "build_backend/pyidl_shim.py",
                           "tests/test_geometry.py", "README.md"}) {
    INFO(file);
    CHECK(fs::is_regular_file(dir / file));
    CHECK(read(dir / file).find("@name@") == std::string::npos);
  }
  CHECK(read(dir / "geometry.pyidl").find("module geometry;") != std::string::npos);
  CHECK(result.out.find("created " + (dir / "geometry.pyidl").string()) != std::string::npos);
}

TEST_CASE("pyidlc new overwrites nothing", "[new]") {
  const fs::path dir = scratch_dir("existing");
  fs::create_directories(dir);
  std::ofstream(dir / "CMakeLists.txt") << "mine\n";
  const Run result = run_new({"geometry", dir.string()});
  CHECK(result.exit_code == kExitCompileError);
  CHECK(result.err == "pyidlc: error: '" + (dir / "CMakeLists.txt").string() +
                          "' already exists; nothing was written (pick an empty or new DIR)\n");
  CHECK(read(dir / "CMakeLists.txt") == "mine\n");
  CHECK_FALSE(fs::exists(dir / "geometry.pyidl"));
}

TEST_CASE("a missing template is an error, not an empty project", "[new]") {
  std::ostringstream out;
  std::ostringstream err;
  const fs::path dir = scratch_dir("no_template");
  CHECK(run_new_project({"geometry", dir.string()}, dir / "nowhere", out, err) ==
        kExitCompileError);
  CHECK(err.str().starts_with("pyidlc: error: cannot read the project template in '"));
  CHECK_FALSE(fs::exists(dir));
}

}  // namespace
}  // namespace pyidlc
