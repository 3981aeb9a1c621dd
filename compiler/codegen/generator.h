// generator.h: turns a checked module into C++ source, a C++ header and a Python stub.
#pragma once

#include <string>

#include "compiler/base/source_manager.h"
#include "compiler/codegen/output_set.h"
#include "compiler/sema/model.h"

namespace pyidlc::codegen {

struct GenerateOptions {
  std::string source_path;  // the .pyidl as named on the command line, for banners
  std::string source_text;  // its content, hashed into the banner
  bool emit_cpp = true;     // <module>.pyidl.cpp and <module>.pyidl.h
  bool emit_pyi = true;     // <module>.pyi
};

// Adds the outputs for `program.main` to `out`: <name>.pyidl.cpp, <name>.pyidl.h and
// <name>.pyi, where <name> is the module's last name part. `sources` gives the labels
// (file:line) above each generated section. The model has been checked: codegen never
// diagnoses, and any inconsistency it meets is a compiler bug (an assert).
void generate(const sema::Program& program, const SourceManager& sources,
              const GenerateOptions& options, OutputSet& out);

}  // namespace pyidlc::codegen
