// audit_report_test.cpp: `pyidlc audit`'s JSON report stays valid JSON whatever bytes a
// (corrupt or hostile) module's symbol names hold.
#include <catch2/catch.hpp>

#include <sstream>

#include "compiler/audit/report.h"

namespace pyidlc::audit {

TEST_CASE("audit: the JSON report escapes quotes, backslashes and non-ASCII bytes", "[audit]") {
  FileReport report;
  report.path = "dir/m\"od.so";
  AuditEntry entry;
  entry.symbol.name = std::string("a\x1a\\b\xc3", 5);
  entry.symbol.symbol.name = "_Z1a";
  entry.symbol.symbol.section = ".bss";
  entry.symbol.symbol.size = 4;
  entry.classification = {Verdict::kFinding, Category::kStaticState, ""};
  report.entries.push_back(entry);
  std::ostringstream out;
  print_json({report}, out);
  const std::string json = out.str();
  CHECK(json.find(R"("path": "dir/m\"od.so")") != std::string::npos);
  CHECK(json.find(R"({"name": "a\u001a\\b\u00c3", "symbol": "_Z1a", "kind": "global", )"
                  R"("verdict": "finding", "category": "static-state", "size": 4, )"
                  R"("section": ".bss", "file": null, "line": null, "type": null, )"
                  R"("guard": null, "reason": null, "allowed_by": null})") != std::string::npos);
  CHECK(json.ends_with("], \"findings\": 1}\n"));
}

}  // namespace pyidlc::audit
