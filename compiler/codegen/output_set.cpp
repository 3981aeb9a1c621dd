// output_set.cpp: writes generated files, touching only those whose content changed.
#include "compiler/codegen/output_set.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace pyidlc::codegen {

void OutputSet::add(const std::string& name, std::string content) {
  files_[name] = std::move(content);
}

namespace {

bool same_content(const std::filesystem::path& path, const std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream existing;
  existing << in.rdbuf();
  return existing.str() == content;
}

}  // namespace

bool OutputSet::write_all(const std::filesystem::path& dir, std::string* error) const {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *error = "'" + dir.string() + "': " + ec.message();
    return false;
  }
  for (const auto& [name, content] : files_) {
    std::filesystem::path path = dir / name;
    if (same_content(path, content)) continue;
    // Write to a temporary file and rename it into place, so that a build interrupted
    // half-way never leaves a truncated source file behind that looks up to date.
    std::filesystem::path temp = path;
    temp += ".tmp";
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      out << content;
      if (!out.flush()) {
        *error = "'" + temp.string() + "': " + std::strerror(errno);
        return false;
      }
    }
    std::filesystem::rename(temp, path, ec);
    if (ec) {
      *error = "'" + path.string() + "': " + ec.message();
      return false;
    }
  }
  return true;
}

}  // namespace pyidlc::codegen
