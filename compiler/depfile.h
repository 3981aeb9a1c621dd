// depfile.h: the Make-syntax dependency file pyidlc writes with -MF, read by Ninja and Make.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"

namespace pyidlc {

// "target1 target2: dep1 dep2" in the syntax GCC's -MF writes and Ninja's depfile parser
// reads: one rule, each dependency on its own continued line, spaces, '#' and '$' escaped.
// Every path is made absolute, so the build tool may run the compiler from any directory.
std::string render_depfile(const std::vector<std::filesystem::path>& targets,
                           const std::vector<std::filesystem::path>& dependencies);

// Writes the dependency file of a finished compilation to `depfile`: `targets` depend on
// every file `sources` holds (the main file and each file it imported). On failure
// returns false and stores the quoted path and the OS's reason in *error.
bool write_depfile(const std::filesystem::path& depfile,
                   const std::vector<std::filesystem::path>& targets,
                   const SourceManager& sources, std::string* error);

}  // namespace pyidlc
