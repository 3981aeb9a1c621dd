// sema_test_util.h: parses .pyidl text and runs sema on it, for the sema_*_test.cpp files.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "compiler/ast/ast.h"
#include "compiler/base/diagnostics.h"
#include "compiler/base/source_manager.h"
#include "compiler/parse/parser.h"
#include "compiler/sema/analyze.h"

namespace pyidlc::sema_test {

// Everything one analysis produced; the model points into nothing but itself.
struct Analyzed {
  SourceManager sources;
  DiagnosticEngine diags;
  std::unique_ptr<sema::Program> program;
  bool parsed = true;

  // Each diagnostic as "line:col: severity: message [Kind]", sorted by position, each note
  // right after its diagnostic as "  note line:col: message [Kind]".
  std::vector<std::string> messages() const {
    std::vector<const Diagnostic*> sorted;
    for (const Diagnostic& d : diags.diagnostics()) sorted.push_back(&d);
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
      return a->range.begin < b->range.begin;
    });
    std::vector<std::string> out;
    for (const Diagnostic* d : sorted) {
      out.push_back(fmt::format("{}: {}: {} [{}]", where(d->range),
                                d->severity == Severity::Error ? "error" : "warning", d->message,
                                info(d->kind).name));
      for (const Diagnostic& n : d->notes) {
        out.push_back(fmt::format("  note {}: {} [{}]", where(n.range), n.message, info(n.kind).name));
      }
    }
    return out;
  }

  const sema::Module& main() const { return program->main; }

 private:
  std::string where(SourceRange range) const {
    LineColumn lc = sources.line_column(range.begin);
    return fmt::format("{}:{}", lc.line, lc.column);
  }
};

// Parses each (path, text) in order, the last being the main file, then analyzes them all.
// A syntax error leaves `parsed` false and no program: tests must not depend on it.
inline std::unique_ptr<Analyzed> analyze_files(
    const std::vector<std::pair<std::string, std::string>>& files) {
  auto result = std::make_unique<Analyzed>();
  std::vector<ast::File> asts;
  asts.reserve(files.size());
  for (const auto& [path, text] : files) {
    FileId id = result->sources.add_buffer(path, text);
    auto file = parse::parse_file(result->sources, id, result->diags);
    if (!file) {
      result->parsed = false;
      return result;
    }
    asts.push_back(std::move(*file));
  }
  std::vector<const ast::File*> order;
  for (const ast::File& file : asts) order.push_back(&file);
  result->program = sema::analyze(order, result->sources, result->diags);
  return result;
}

inline std::unique_ptr<Analyzed> analyze_text(const std::string& text) {
  return analyze_files({{"test.pyidl", text}});
}

// The diagnostics of a snippet that is expected to parse.
inline std::vector<std::string> diagnostics_of(const std::string& text) {
  auto analyzed = analyze_text(text);
  if (!analyzed->parsed) return {"<syntax error>: " + analyzed->messages().front()};
  return analyzed->messages();
}

}  // namespace pyidlc::sema_test
