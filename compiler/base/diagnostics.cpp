// diagnostics.cpp: the diagnostic registry, the engine's bookkeeping and clang-style rendering.
#include "compiler/base/diagnostics.h"

#include <algorithm>
#include <cassert>

#include "compiler/base/utf8.h"

namespace pyidlc {

namespace {

constexpr DiagKindInfo kInfos[] = {
#define PYIDL_DIAG(kind, severity, format) {#kind, Severity::severity, format},
#include "compiler/base/diagnostic_kinds.def"
#undef PYIDL_DIAG
};

// ANSI escapes in clang's choice of colours. Colour only ever decorates: the text with
// colour stripped is byte-for-byte the uncoloured output.
struct Palette {
  const char* bold = "";
  const char* error = "";
  const char* warning = "";
  const char* note = "";
  const char* caret = "";
  const char* reset = "";
};
constexpr Palette kNoColor{};
constexpr Palette kAnsi{"\x1b[1m", "\x1b[1;31m", "\x1b[1;35m", "\x1b[1;36m", "\x1b[1;32m", "\x1b[0m"};

// Source lines longer than this are shown as a window of it around the caret.
constexpr size_t kMaxSnippetBytes = 160;
constexpr size_t kContextBytes = 60;

class Renderer {
 public:
  Renderer(std::ostream& out, const SourceManager& sources, const RenderOptions& options)
      : out_(out), sources_(sources), options_(options),
        palette_(options.color ? kAnsi : kNoColor) {}

  // One diagnostic and then its notes, each with its source snippet.
  void render(const Diagnostic& diagnostic) {
    render_one(diagnostic);
    for (const Diagnostic& note : diagnostic.notes) render_one(note);
  }

 private:
  void render_one(const Diagnostic& diagnostic) {
    const Severity severity = shown_severity(diagnostic.severity);
    out_ << palette_.bold;
    if (diagnostic.range.valid()) {
      const LineColumn lc = sources_.line_column(diagnostic.range.begin);
      out_ << sources_.path(diagnostic.range.begin.file) << ':' << lc.line << ':' << lc.column
           << ": ";
    } else {
      out_ << options_.program_name << ": ";
    }
    out_ << severity_color(severity) << severity_label(severity) << palette_.reset;
    // Like clang, a note's message is plain so that the errors stand out.
    if (severity != Severity::Note) out_ << palette_.bold;
    out_ << diagnostic.message << " [" << info(diagnostic.kind).name << ']' << palette_.reset
         << '\n';
    if (diagnostic.range.valid()) render_snippet(diagnostic.range);
  }

  // The source line, then a caret under the range's first character and '~' under the rest
  // of the range on that line.
  void render_snippet(SourceRange range) {
    const FileId file = range.begin.file;
    const LineColumn lc = sources_.line_column(range.begin);
    const std::string_view line = sources_.line_text(file, lc.line);
    const size_t line_begin = static_cast<size_t>(line.data() - sources_.text(file).data());
    size_t caret_at = std::min<size_t>(range.begin.offset - line_begin, line.size());
    size_t range_end =
        std::clamp<size_t>(range.end_offset() - line_begin, caret_at, line.size());

    // A very long line (generated input, a minified file) is shown as a window around the
    // caret, as clang does, so that the output stays readable and bounded.
    std::string_view shown = line;
    std::string_view prefix;
    if (line.size() > kMaxSnippetBytes) {
      size_t start = caret_at > kContextBytes ? caret_at - kContextBytes : 0;
      while (start > 0 && utf8::is_continuation(line[start])) --start;
      size_t end = std::min(line.size(), start + kMaxSnippetBytes);
      while (end < line.size() && utf8::is_continuation(line[end])) ++end;
      shown = line.substr(start, end - start);
      prefix = start > 0 ? "..." : "";
      caret_at -= start;
      range_end = std::min(range_end - start, shown.size());
      out_ << prefix << shown << (end < line.size() ? "..." : "") << '\n';
    } else {
      out_ << line << '\n';
    }
    // Copy the tabs before the caret so that the caret lands under the same character
    // whatever tab width the terminal uses; everything else is one column per code point.
    std::string lead(prefix.size(), ' ');
    for (size_t i = 0; i < caret_at; ++i) {
      if (shown[i] == '\t') {
        lead += '\t';
      } else if (!utf8::is_continuation(shown[i])) {
        lead += ' ';
      }
    }
    const size_t covered = utf8::count_code_points(shown.substr(caret_at, range_end - caret_at));
    const std::string underline(covered > 1 ? covered - 1 : 0, '~');
    out_ << lead << palette_.caret << '^' << underline << palette_.reset << '\n';
  }

  // With -Werror a warning is shown, and counted, as an error (clang's behaviour).
  Severity shown_severity(Severity severity) const {
    if (severity == Severity::Warning && options_.warnings_as_errors) return Severity::Error;
    return severity;
  }

  const char* severity_color(Severity severity) const {
    switch (severity) {
      case Severity::Error: return palette_.error;
      case Severity::Warning: return palette_.warning;
      case Severity::Note: return palette_.note;
    }
    return "";
  }

  static const char* severity_label(Severity severity) {
    switch (severity) {
      case Severity::Error: return "error: ";
      case Severity::Warning: return "warning: ";
      case Severity::Note: return "note: ";
    }
    return "";
  }

  std::ostream& out_;
  const SourceManager& sources_;
  const RenderOptions& options_;
  const Palette& palette_;
};

// "1 error generated.", "2 warnings generated.", "1 warning and 2 errors generated."
std::string summary(size_t warnings, size_t errors) {
  auto count = [](size_t n, const char* noun) {
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
  };
  if (warnings > 0 && errors > 0) {
    return count(warnings, "warning") + " and " + count(errors, "error") + " generated.";
  }
  if (errors > 0) return count(errors, "error") + " generated.";
  return count(warnings, "warning") + " generated.";
}

}  // namespace

const DiagKindInfo& info(DiagKind kind) { return kInfos[static_cast<size_t>(kind)]; }

const std::vector<DiagKind>& all_diag_kinds() {
  static const std::vector<DiagKind> kinds = [] {
    std::vector<DiagKind> all;
    for (size_t i = 0; i < std::size(kInfos); ++i) all.push_back(static_cast<DiagKind>(i));
    return all;
  }();
  return kinds;
}

size_t DiagnosticEngine::add(DiagKind kind, SourceRange range, std::string message) {
  const Severity severity = info(kind).severity;
  assert(severity != Severity::Note && "a Note kind must be attached with Builder::note()");
  if (severity == Severity::Error) ++error_count_;
  if (severity == Severity::Warning) ++warning_count_;
  diagnostics_.push_back(Diagnostic{kind, severity, range, std::move(message), {}});
  return diagnostics_.size() - 1;
}

void DiagnosticEngine::add_note(size_t parent, DiagKind kind, SourceRange range,
                                std::string message) {
  assert(info(kind).severity == Severity::Note && "only Note kinds can be attached as notes");
  diagnostics_[parent].notes.push_back(
      Diagnostic{kind, Severity::Note, range, std::move(message), {}});
}

void DiagnosticEngine::render(std::ostream& out, const SourceManager& sources,
                              const RenderOptions& options) const {
  // Sort by position so the output reads top to bottom whatever order the phases found
  // things in; stable, so two diagnostics at one spot keep the order they were reported.
  // Diagnostics without a location (file id 0) come first, as clang's do.
  std::vector<const Diagnostic*> sorted;
  for (const Diagnostic& diagnostic : diagnostics_) sorted.push_back(&diagnostic);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return a->range.begin < b->range.begin;
  });

  Renderer renderer(out, sources, options);
  size_t errors_shown = 0;
  for (const Diagnostic* diagnostic : sorted) {
    const bool is_error = diagnostic->severity == Severity::Error ||
                          (diagnostic->severity == Severity::Warning && options.warnings_as_errors);
    if (is_error && options.error_limit != 0 && errors_shown == options.error_limit) {
      out << options.program_name << ": note: " << "stopped after " << errors_shown
          << " errors; --error-limit=0 shows all of them\n";
      break;
    }
    errors_shown += is_error ? 1 : 0;
    renderer.render(*diagnostic);
  }

  const size_t warnings = options.warnings_as_errors ? 0 : warning_count_;
  const size_t errors = error_count_ + (options.warnings_as_errors ? warning_count_ : 0);
  if (warnings + errors > 0) out << summary(warnings, errors) << '\n';
}

}  // namespace pyidlc
