// project_template.cpp: lays out a new project from the template files.
#include "compiler/project_template.h"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>
#include <system_error>

#include "compiler/driver.h"
#include "compiler/sema/name_tables.h"

namespace pyidlc {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPlaceholder = "@name@";
constexpr std::string_view kUsage = "usage: pyidlc new NAME [DIR]\n";

std::string substituted(std::string text, std::string_view name) {
  for (size_t at = text.find(kPlaceholder); at != std::string::npos;
       at = text.find(kPlaceholder, at + name.size())) {
    text.replace(at, kPlaceholder.size(), name);
  }
  return text;
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// One file of the new project: where it goes and what it holds.
struct ProjectFile {
  fs::path path;
  std::string content;
};

// Every template file, with the name filled in; sorted, so the output order is stable.
std::vector<ProjectFile> instantiate(const fs::path& template_dir, const fs::path& dir,
                                     std::string_view name, std::string* error) {
  std::vector<ProjectFile> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(template_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string relative = fs::relative(it->path(), template_dir).generic_string();
    files.push_back(ProjectFile{dir / substituted(relative, name),
                                substituted(text.str(), name)});
  }
  if (ec || files.empty()) {
    *error = "cannot read the project template in '" + template_dir.string() + "'" +
             (ec ? ": " + ec.message() : "");
  }
  std::sort(files.begin(), files.end(),
            [](const ProjectFile& a, const ProjectFile& b) { return a.path < b.path; });
  return files;
}

bool write_file(const ProjectFile& file, std::string* error) {
  std::error_code ec;
  fs::create_directories(file.path.parent_path(), ec);
  std::ofstream out(file.path, std::ios::binary);
  out << file.content;
  if (ec || !out.flush()) {
    *error = "cannot write '" + file.path.string() + "'";
    return false;
  }
  return true;
}

}  // namespace

fs::path default_template_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return exe.parent_path().parent_path() / "share" / "pyidl" / "templates" / "project";
}

std::string project_name_problem(std::string_view name) {
  const std::string quoted = "'" + std::string(name) + "'";
  if (name.empty() || !is_ascii_alnum(name.front()) || !is_ascii_alnum(name.back()) ||
      (name.front() >= '0' && name.front() <= '9')) {
    return quoted + " cannot name a project: use letters, digits and '_', starting with a "
                    "letter and ending with a letter or digit";
  }
  for (const char c : name) {
    if (!is_ascii_alnum(c) && c != '_') {
      return quoted + " cannot name a project: '" + std::string(1, c) +
             "' is not allowed in a Python module name";
    }
  }
  if (sema::is_python_keyword(name)) {
    return quoted + " is a Python keyword and cannot name a module";
  }
  if (sema::is_cxx_keyword(name)) {
    return quoted + " is a C++ keyword and cannot name the project's C++ namespace";
  }
  return "";
}

int run_new_project(const std::vector<std::string>& args, const fs::path& template_dir,
                    std::ostream& out, std::ostream& err) {
  if (args.empty() || args.size() > 2) {
    err << "pyidlc: error: " << (args.empty() ? "new needs a project name" : "too many arguments")
        << '\n'
        << kUsage;
    return kExitUsageError;
  }
  const std::string& name = args[0];
  if (const std::string problem = project_name_problem(name); !problem.empty()) {
    err << "pyidlc: error: " << problem << '\n';
    return kExitCompileError;
  }
  const fs::path dir = args.size() == 2 ? fs::path(args[1]) : fs::path(name);
  std::string error;
  const std::vector<ProjectFile> files = instantiate(template_dir, dir, name, &error);
  if (!error.empty()) {
    err << "pyidlc: error: " << error << '\n';
    return kExitCompileError;
  }
  for (const ProjectFile& file : files) {
    std::error_code ec;
    if (fs::exists(file.path, ec)) {
      err << "pyidlc: error: '" << file.path.string()
          << "' already exists; nothing was written (pick an empty or new DIR)\n";
      return kExitCompileError;
    }
  }
  for (const ProjectFile& file : files) {
    if (!write_file(file, &error)) {
      err << "pyidlc: error: " << error << '\n';
      return kExitCompileError;
    }
    out << "created " << file.path.string() << '\n';
  }
  out << "\nnext: cd " << dir.string() << " && pip install . && python -c 'import " << name
      << "'\n";
  return kExitSuccess;
}

}  // namespace pyidlc
