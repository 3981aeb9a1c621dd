// report_json.cpp: the machine-readable report (`pyidlc audit --json`).
#include <fmt/format.h>

#include <ostream>

#include "compiler/audit/report.h"

namespace pyidlc::audit {

namespace {

// A JSON string literal. Symbol names and paths are bytes from the file: anything that is
// not printable ASCII is escaped as \u00XX of its byte, so the output is always valid JSON.
// (Not named `quoted`: for a std::string argument, ADL would pick std::quoted instead.)
std::string json_string(std::string_view text) {
  std::string result = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      result += '\\';
      result += c;
    } else if (byte < 0x20 || byte >= 0x7f) {
      result += fmt::format("\\u{:04x}", byte);
    } else {
      result += c;
    }
  }
  return result + "\"";
}

std::string optional_string(std::string_view text) {
  return text.empty() ? "null" : json_string(text);
}

std::string_view verdict_name(const AuditEntry& entry) {
  switch (entry.classification.verdict) {
    case Verdict::kFinding:
      return entry.counts() ? "finding" : "allowed";
    case Verdict::kSynchronized:
      return "synchronized";
    case Verdict::kExcluded:
      break;
  }
  return "excluded";
}

void print_entry(const AuditEntry& entry, std::ostream& out) {
  const AuditedSymbol& symbol = entry.symbol;
  out << "{\"name\": " << json_string(symbol.name)
      << ", \"symbol\": " << json_string(symbol.symbol.name)
      << ", \"kind\": " << json_string(kind_of(symbol))
      << ", \"verdict\": " << json_string(verdict_name(entry))
      << ", \"category\": " << optional_string(category_tag(entry.classification.category))
      << ", \"size\": " << symbol.symbol.size
      << ", \"section\": " << json_string(symbol.symbol.section)
      << ", \"file\": " << optional_string(entry.file) << ", \"line\": "
      << (!entry.file.empty() && symbol.debug->line > 0 ? std::to_string(symbol.debug->line)
                                                        : "null")
      << ", \"type\": " << optional_string(symbol.debug ? symbol.debug->type : "")
      << ", \"guard\": " << optional_string(symbol.guard)
      << ", \"reason\": " << optional_string(entry.classification.reason)
      << ", \"allowed_by\": " << optional_string(entry.allowed_by) << "}";
}

}  // namespace

void print_json(const std::vector<FileReport>& reports, std::ostream& out) {
  size_t findings = 0;
  out << "{\"modules\": [";
  for (size_t i = 0; i < reports.size(); ++i) {
    const FileReport& report = reports[i];
    findings += report.finding_count();
    out << (i == 0 ? "\n  " : ",\n  ") << "{\"path\": " << json_string(report.path)
        << ", \"error\": " << optional_string(report.error)
        << ", \"debug_info\": " << (report.has_debug_info ? "true" : "false")
        << ", \"variables\": [";
    for (size_t j = 0; j < report.entries.size(); ++j) {
      out << (j == 0 ? "\n    " : ",\n    ");
      print_entry(report.entries[j], out);
    }
    out << (report.entries.empty() ? "]}" : "\n  ]}");
  }
  out << (reports.empty() ? "" : "\n") << "], \"findings\": " << findings << "}\n";
}

}  // namespace pyidlc::audit
