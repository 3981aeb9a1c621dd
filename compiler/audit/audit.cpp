// audit.cpp: from a module file to its sorted, classified variables.
#include "compiler/audit/audit.h"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "compiler/audit/symbol_names.h"

namespace pyidlc::audit {

namespace {

// A source file for display: relative to `working_dir` when it lies under it.
std::string display_file(const std::string& file, const std::filesystem::path& working_dir) {
  const std::filesystem::path path(file);
  if (!working_dir.empty() && path.is_absolute()) {
    const std::filesystem::path relative = path.lexically_relative(working_dir);
    if (!relative.empty() && *relative.begin() != "..") return relative.string();
  }
  return file;
}

// Folds each guard variable into the static it guards, so that the static is reported
// once, mentioning its guard. Guards of objects that are not listed stay as they are.
std::vector<AuditedSymbol> merge_guards(std::vector<DataSymbol> symbols) {
  std::map<std::string, size_t> index_of;
  for (size_t i = 0; i < symbols.size(); ++i) index_of.emplace(symbols[i].name, i);
  std::vector<std::string> guards(symbols.size());
  std::vector<bool> merged(symbols.size(), false);
  for (size_t i = 0; i < symbols.size(); ++i) {
    const std::optional<std::string> object = guarded_object(symbols[i].name);
    const auto found = object ? index_of.find(*object) : index_of.end();
    if (found == index_of.end()) continue;
    guards[found->second] = symbols[i].name;
    merged[i] = true;
  }
  std::vector<AuditedSymbol> result;
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (merged[i]) continue;
    AuditedSymbol audited;
    audited.name = demangle(symbols[i].name);
    audited.guard = std::move(guards[i]);
    audited.symbol = std::move(symbols[i]);
    result.push_back(std::move(audited));
  }
  return result;
}

std::string matching_pattern(const std::string& name, const std::vector<std::string>& allow) {
  for (const std::string& pattern : allow) {
    if (fnmatch(pattern.c_str(), name.c_str(), 0) == 0) return pattern;
  }
  return "";
}

// The order entries are listed in: see FileReport::entries.
bool listed_before(const AuditEntry& a, const AuditEntry& b) {
  auto key = [](const AuditEntry& e) {
    const int group = e.counts() ? 0
                      : e.classification.verdict == Verdict::kFinding ? 1
                      : e.classification.verdict == Verdict::kSynchronized ? 2
                                                                            : 3;
    const DebugVariable unknown;
    const DebugVariable& debug = e.symbol.debug ? *e.symbol.debug : unknown;
    return std::make_tuple(group, debug.file.empty(), debug.file, debug.line, e.symbol.name,
                           e.symbol.symbol.name);
  };
  return key(a) < key(b);
}

}  // namespace

size_t FileReport::finding_count() const {
  return static_cast<size_t>(std::count_if(entries.begin(), entries.end(),
                                           [](const AuditEntry& e) { return e.counts(); }));
}

FileReport audit_file(const std::string& path, const std::vector<std::string>& allow,
                      const std::filesystem::path& working_dir) {
  FileReport report;
  report.path = path;
  const std::unique_ptr<ElfFile> elf = ElfFile::open(path, &report.error);
  if (!elf) return report;
  std::optional<std::vector<DataSymbol>> symbols = elf->data_symbols(&report.error);
  if (!symbols) return report;
  const DebugInfo debug_info(elf->elf());
  report.has_debug_info = debug_info.available();

  for (AuditedSymbol& symbol : merge_guards(std::move(*symbols))) {
    symbol.debug = debug_info.find(symbol.symbol.storage == Storage::kThreadLocal,
                                   symbol.symbol.address);
    AuditEntry entry;
    entry.classification = classify(symbol);
    if (entry.classification.verdict == Verdict::kFinding) {
      entry.allowed_by = matching_pattern(symbol.name, allow);
    }
    if (symbol.debug) entry.file = display_file(symbol.debug->file, working_dir);
    entry.symbol = std::move(symbol);
    report.entries.push_back(std::move(entry));
  }
  std::sort(report.entries.begin(), report.entries.end(), listed_before);
  return report;
}

}  // namespace pyidlc::audit
