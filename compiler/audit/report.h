// report.h: printing audit results, as compiler-like text or as JSON.
#pragma once

#include <iosfwd>
#include <vector>

#include "compiler/audit/audit.h"

namespace pyidlc::audit {

struct TextOptions {
  bool verbose = false;  // also list allowed, synchronized and excluded variables
  bool explain = false;  // the full advice for each category, instead of one line
};

// One line per finding ("m.so: warning: writable global 'ns::x' (4 bytes) at a.cpp:3
// [static-state]"), then the advice for each category found, once, then the count.
// Prints nothing for modules without findings unless `verbose`. Files that could not be
// audited are skipped: the caller reports their errors.
void print_text(const std::vector<FileReport>& reports, const TextOptions& options,
                std::ostream& out);

// Every variable of every file (findings, allowed, synchronized, excluded), the files'
// errors and the total finding count, as one JSON object (docs/subinterpreter-safety.md).
void print_json(const std::vector<FileReport>& reports, std::ostream& out);

// The full advice for every category: `pyidlc audit --explain` without a module.
void print_explanations(std::ostream& out);

}  // namespace pyidlc::audit
