// command.h: `pyidlc audit`: its command line, the run and the exit code.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace pyidlc::audit {

// Exit codes of `pyidlc audit`, the contract CI jobs and the CMake AUDIT option rely on.
enum AuditExit : int {
  kAuditClean = 0,     // no module has findings (or --exit-zero)
  kAuditFindings = 1,  // some module has findings that no --allow accepted
  kAuditError = 2,     // a usage error, or a file that could not be audited
};

// Runs `pyidlc audit ARGS...`, ARGS being what follows "audit" on the command line.
// Reports go to `out`; usage errors and files that cannot be audited go to `err`.
// Returns an AuditExit. Never throws on bad input.
int run_audit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The `pyidlc audit --help` text.
std::string_view audit_help_text();

}  // namespace pyidlc::audit
