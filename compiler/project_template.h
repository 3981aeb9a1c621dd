// project_template.h: `pyidlc new NAME [DIR]`, a new project laid out from the template.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace pyidlc {

// Where the project template is: ../share/pyidl/templates/project beside the running
// pyidlc, which is where `cmake --install` puts it (and where the build tree links it).
std::filesystem::path default_template_dir();

// Why `name` cannot name a project, or "" if it can. It names the Python module, the C++
// namespace, the CMake targets and the distribution, so it must be an ASCII Python
// identifier that is no keyword of either language and starts and ends with a letter or
// digit (PEP 508 names cannot start or end with '_').
std::string project_name_problem(std::string_view name);

// Runs `pyidlc new` with the arguments after "new": copies every file under
// `template_dir` into DIR (default ./NAME), replacing @name@ in paths and contents with
// NAME. Refuses, writing nothing, if any of those files exists. Returns an ExitCode:
// 2 for a bad command line, 1 for a bad name or an existing file, 0 once written.
int run_new_project(const std::vector<std::string>& args,
                    const std::filesystem::path& template_dir, std::ostream& out,
                    std::ostream& err);

}  // namespace pyidlc
