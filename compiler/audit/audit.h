// audit.h: auditing one module file: its symbols, their debug info, the rules, --allow.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "compiler/audit/classify.h"

namespace pyidlc::audit {

// One variable of the module and what the rules made of it.
struct AuditEntry {
  AuditedSymbol symbol;
  Classification classification;
  std::string allowed_by;  // the --allow pattern that accepted this finding, if any
  // The declaring source file from DWARF ("src/cache.cpp"), relative to the working
  // directory when it lies under it; "" when unknown. The line is symbol.debug->line.
  std::string file;

  // A finding that no --allow pattern accepted: what makes the audit fail.
  bool counts() const {
    return classification.verdict == Verdict::kFinding && allowed_by.empty();
  }
};

// The audit of one file.
struct FileReport {
  std::string path;          // as given on the command line
  std::string error;         // why the file could not be audited; empty on success
  bool has_debug_info = false;
  // Findings first, then allowed findings, synchronized and excluded variables; within
  // each, by source location (unknown last), then by name.
  std::vector<AuditEntry> entries;

  size_t finding_count() const;
};

// Audits the module at `path`. `allow` holds glob patterns (fnmatch(3)) matched against
// demangled names: a finding they match is reported as allowed and does not count.
// Source locations under `working_dir` are shown relative to it. Never throws on a bad
// file: the reason is in FileReport::error.
FileReport audit_file(const std::string& path, const std::vector<std::string>& allow,
                      const std::filesystem::path& working_dir);

}  // namespace pyidlc::audit
