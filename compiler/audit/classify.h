// classify.h: the audit's rules: which writable data is the author's process-wide state,
// which is safe by its type, and which belongs to the toolchain, the runtime or pyidlc.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "compiler/audit/debug_info.h"
#include "compiler/audit/elf_file.h"

namespace pyidlc::audit {

// One variable of a module as the rules see it.
struct AuditedSymbol {
  DataSymbol symbol;
  std::string name;   // demangled: "fx::next_id()::n"
  std::string guard;  // the mangled name of its guard variable ("_ZGV..."), if it has one
  std::optional<DebugVariable> debug;  // nullopt without DWARF for it
};

enum class Verdict {
  kFinding,       // the author's process-wide state: a warning
  kSynchronized,  // process-wide, but its type makes every access safe
  kExcluded,      // not the author's: the toolchain's, the runtime's or pyidlc's
};

// What kind of finding, with its own advice (report.h) and tag ("[static-state]").
enum class Category {
  kNone,              // not a finding
  kStaticState,       // globals, class statics, function-local statics
  kThreadLocal,       // thread_local: per OS thread, not per interpreter
  kConstDynamicInit,  // a const object constructed at run time, so in writable memory
};

struct Classification {
  Verdict verdict = Verdict::kFinding;
  Category category = Category::kNone;
  std::string reason;  // for kSynchronized and kExcluded: why it is not a finding
};

// Applies the rules in order: loader tables, toolchain artifacts, the pyidl runtime, the
// C++ standard library, pyidlc's generated tables, synchronized types, then the finding
// categories. Never fails: anything no rule explains is a kStaticState finding.
Classification classify(const AuditedSymbol& symbol);

// The noun for what the variable is: "global", "class static", "function-local static",
// "thread_local" or "function-local thread_local".
std::string kind_of(const AuditedSymbol& symbol);

// The tag printed after a finding: "static-state", "thread-local", "const-dynamic-init".
std::string_view category_tag(Category category);

// True for a type (as DebugVariable::type spells it) that makes a shared object safe to
// use from several threads at once: std::atomic<…>, the std:: locks and once_flag, and
// pyidl's synchronization primitives (mutex, per_interpreter<…>, shared<…>, once, lazy<…>).
bool is_synchronized_type(std::string_view type);

}  // namespace pyidlc::audit
