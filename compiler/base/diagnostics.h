// diagnostics.h: collects diagnostics from every phase and renders them clang-style.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compiler/base/source_manager.h"

namespace pyidlc {

enum class Severity { Error, Warning, Note };

// One enumerator per PYIDL_DIAG line in diagnostic_kinds.def.
enum class DiagKind : unsigned short {
#define PYIDL_DIAG(kind, severity, format) kind,
#include "compiler/base/diagnostic_kinds.def"
#undef PYIDL_DIAG
};

// Static facts about a kind, straight from the registry.
struct DiagKindInfo {
  const char* name;    // "DuplicateParameter"
  Severity severity;
  const char* format;  // fmt format string with {0}, {1}, ...
};
const DiagKindInfo& info(DiagKind kind);
// Every kind in registry order (for coverage tests and --help-diagnostics style listings).
const std::vector<DiagKind>& all_diag_kinds();

// A finished diagnostic: its message is already formatted. Notes hang off their parent.
struct Diagnostic {
  DiagKind kind;
  Severity severity;
  SourceRange range;  // may be invalid for diagnostics about the command line
  std::string message;
  std::vector<Diagnostic> notes;
};

struct RenderOptions {
  bool color = false;          // ANSI colours; the CLI turns this on only for a terminal
  bool warnings_as_errors = false;
  // Errors shown at most (0: all). A long run of errors is mostly consequences of the
  // first ones, and each prints its source line: clang stops at 20 (-ferror-limit).
  size_t error_limit = 20;
  std::string program_name = "pyidlc";  // prefix for diagnostics without a location
};

// Collects diagnostics; phases never throw on bad input, they report here and carry on so
// that every error in a file is reported in one run. The driver checks has_errors() at each
// phase boundary.
class DiagnosticEngine {
 public:
  // Lets the caller attach notes to the diagnostic just emitted.
  class Builder {
   public:
    template <class... Args>
    Builder& note(DiagKind kind, SourceRange range, const Args&... args) {
      engine_->add_note(index_, kind, range, engine_->format(kind, args...));
      return *this;
    }

   private:
    friend class DiagnosticEngine;
    Builder(DiagnosticEngine* engine, size_t index) : engine_(engine), index_(index) {}
    DiagnosticEngine* engine_;
    size_t index_;
  };

  // Emits a diagnostic of the kind's registered severity (an Error or a Warning).
  template <class... Args>
  Builder report(DiagKind kind, SourceRange range, const Args&... args) {
    return Builder(this, add(kind, range, format(kind, args...)));
  }

  bool has_errors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  size_t warning_count() const { return warning_count_; }
  // All diagnostics in the order they were reported (render() sorts them by location).
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  // Whether the run fails: any error, or any warning when warnings count as errors.
  bool failed(bool warnings_as_errors) const {
    return has_errors() || (warnings_as_errors && warning_count_ > 0);
  }

  // Writes every diagnostic sorted by file and position, each with its source line, a caret
  // and underline under its range and its notes, then a summary line ("2 errors generated.").
  void render(std::ostream& out, const SourceManager& sources, const RenderOptions& options) const;

 private:
  template <class... Args>
  std::string format(DiagKind kind, const Args&... args) const {
    return fmt::format(fmt::runtime(info(kind).format), args...);
  }
  size_t add(DiagKind kind, SourceRange range, std::string message);
  void add_note(size_t parent, DiagKind kind, SourceRange range, std::string message);

  std::vector<Diagnostic> diagnostics_;
  size_t error_count_ = 0;
  size_t warning_count_ = 0;
};

}  // namespace pyidlc
