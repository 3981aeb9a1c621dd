// output_set.h: the files one compilation produces, kept in memory until they are written.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace pyidlc::codegen {

// Generators add whole files here; nothing touches the disk until write_all(). Keeping the
// outputs in memory lets tests compare them with golden files and lets the driver write
// nothing at all when a later step fails.
class OutputSet {
 public:
  // Adds (or replaces) the file `name`, a path relative to the output directory.
  void add(const std::string& name, std::string content);

  // The files added so far, by name.
  const std::map<std::string, std::string>& files() const { return files_; }

  // Writes every file under `dir`, creating it if needed. A file whose content on disk is
  // already identical is left untouched, so an unchanged .pyidl rebuilds nothing
  // downstream. On failure returns false and stores the path and the OS's reason in *error.
  bool write_all(const std::filesystem::path& dir, std::string* error) const;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace pyidlc::codegen
