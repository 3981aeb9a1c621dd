// depfile.cpp: renders and writes the -MF dependency file.
#include "compiler/depfile.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace pyidlc {

namespace fs = std::filesystem;

namespace {

// One path as Make and Ninja read it: a space would end the name, '#' would start a
// comment and '$' a variable, so each is escaped the way GCC's depfiles do.
std::string escaped(const fs::path& path) {
  const std::string text = fs::absolute(path).lexically_normal().string();
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == ' ' || c == '#') {
      out += '\\';
    } else if (c == '$') {
      out += '$';
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string render_depfile(const std::vector<fs::path>& targets,
                           const std::vector<fs::path>& dependencies) {
  std::string out;
  for (const fs::path& target : targets) {
    if (!out.empty()) out += ' ';
    out += escaped(target);
  }
  out += ':';
  for (const fs::path& dependency : dependencies) {
    out += " \\\n  ";
    out += escaped(dependency);
  }
  out += '\n';
  return out;
}

bool write_depfile(const fs::path& depfile, const std::vector<fs::path>& targets,
                   const SourceManager& sources, std::string* error) {
  std::vector<fs::path> dependencies;
  for (uint32_t id = 1; id <= sources.file_count(); ++id) {
    dependencies.emplace_back(sources.path(FileId{id}));
  }
  std::ofstream out(depfile, std::ios::binary | std::ios::trunc);
  out << render_depfile(targets, dependencies);
  if (!out.flush()) {
    *error = "'" + depfile.string() + "': " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace pyidlc
