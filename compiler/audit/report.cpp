// report.cpp: the text report and the advice for each kind of finding.
#include "compiler/audit/report.h"

#include <fmt/format.h>

#include <ostream>
#include <set>

namespace pyidlc::audit {

namespace {

struct Advice {
  Category category;
  const char* brief;  // one line, printed once after the findings
  const char* full;   // for --explain
};

constexpr Advice kAdvice[] = {
    {Category::kStaticState,
     "one per process, used by every interpreter's threads at the same time: guard it with "
     "a pyidl::mutex, or use pyidl::per_interpreter<T>, pyidl::shared<T> or @serialized",
     "A global, class static or function-local static exists once per process. Every\n"
     "interpreter that imports the module uses the same object, and since each isolated\n"
     "interpreter has its own GIL (and free-threaded Python has none), their threads use it\n"
     "at the same time: a data race, lost updates, torn reads. A function-local static's\n"
     "initialization is thread-safe (its guard variable), but nothing after it is.\n"
     "What to do, from most to least isolated:\n"
     "  - state that belongs to one interpreter: move it into the module's `state` object,\n"
     "    or make it pyidl::per_interpreter<T> (one T per interpreter, created on first use);\n"
     "  - state that must be shared by all interpreters: pyidl::shared<T> (a T behind a lock),\n"
     "    or guard every access with a pyidl::mutex (it detaches from Python while it waits,\n"
     "    so it cannot deadlock against a GIL); std::atomic for single counters and flags;\n"
     "  - a library you cannot change: mark the module or class @serialized, and pyidl\n"
     "    serializes every call into it with one process-wide lock.\n"
     "Then accept what you have checked with --allow 'pattern'."},
    {Category::kThreadLocal,
     "one per OS thread, not per interpreter: a thread running two interpreters in turn "
     "shares it; per-interpreter state belongs in pyidl::per_interpreter<T>",
     "A thread_local exists once per OS thread. That is not once per interpreter:\n"
     "  - a thread that runs two interpreters in turn (one Python thread switching\n"
     "    interpreters, or a C++ thread calling into several) shares it between them, so one\n"
     "    interpreter sees what the other left behind;\n"
     "  - interpreters running in parallel run on different OS threads, so they do not share\n"
     "    it, but each interpreter's threads also get different copies.\n"
     "thread_local is right for scratch buffers and caches that are correct whoever filled\n"
     "them. Per-interpreter state belongs in the module's `state` object or in\n"
     "pyidl::per_interpreter<T>."},
    {Category::kConstDynamicInit,
     "constructed at run time, so in writable memory: safe to share only if reading it "
     "writes nothing (no mutable members or caches)",
     "A const object whose value is computed at run time (a const std::string, std::map or\n"
     "std::vector with an initializer) cannot be placed in read-only memory: the compiler\n"
     "zero-fills it and runs its constructor when the library is loaded (or, for a\n"
     "function-local static, on first use, under a guard). After that it is only read, so\n"
     "it is safe to share between interpreters if reading it writes nothing: no `mutable`\n"
     "members, no reference counts, no lazily filled caches. If its type does any of that,\n"
     "treat it as static state. Where possible, make it constexpr (std::array,\n"
     "std::string_view) so that it is built at compile time and needs no audit."},
};

std::string plural(size_t n, const char* noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

// "writable global 'ns::x' (4 bytes) at a.cpp:3": what every line says about a variable.
std::string describe(const AuditEntry& entry, std::string_view adjective) {
  const AuditedSymbol& symbol = entry.symbol;
  std::string text = adjective.empty() ? "" : std::string(adjective) + " ";
  text += fmt::format("{} '{}' ({}", kind_of(symbol), symbol.name,
                      plural(symbol.symbol.size, "byte"));
  if (!symbol.guard.empty()) text += ", with guard variable";
  text += ")";
  if (!entry.file.empty()) {
    text += " at " + entry.file;
    if (symbol.debug->line > 0) text += ":" + std::to_string(symbol.debug->line);
  }
  return text;
}

std::string_view finding_adjective(Category category) {
  switch (category) {
    case Category::kStaticState:
      return "writable";
    case Category::kConstDynamicInit:
      return "const";
    case Category::kThreadLocal:
    case Category::kNone:
      break;
  }
  return "";  // "thread_local 'x'" says it all
}

void print_entry(const std::string& path, const AuditEntry& entry, std::ostream& out) {
  const Classification& c = entry.classification;
  if (entry.counts()) {
    out << path << ": warning: " << describe(entry, finding_adjective(c.category)) << " ["
        << category_tag(c.category) << "]\n";
  } else if (c.verdict == Verdict::kFinding) {
    out << path << ": info: " << describe(entry, "allowed") << ": matches --allow '"
        << entry.allowed_by << "' [" << category_tag(c.category) << "]\n";
  } else if (c.verdict == Verdict::kSynchronized) {
    out << path << ": info: " << describe(entry, "synchronized") << ": " << c.reason
        << " [synchronized]\n";
  } else {
    out << path << ": info: " << describe(entry, "excluded") << ": " << c.reason
        << " [excluded]\n";
  }
}

void print_full(const Advice& advice, std::ostream& out) {
  out << "[" << category_tag(advice.category) << "]\n" << advice.full << "\n";
}

}  // namespace

void print_text(const std::vector<FileReport>& reports, const TextOptions& options,
                std::ostream& out) {
  size_t findings = 0;
  std::set<Category> found;
  for (const FileReport& report : reports) {
    if (!report.error.empty()) continue;
    for (const AuditEntry& entry : report.entries) {
      if (entry.counts()) found.insert(entry.classification.category);
      if (entry.counts() || options.verbose) print_entry(report.path, entry, out);
    }
    const size_t count = report.finding_count();
    findings += count;
    if (count > 0 && !report.has_debug_info) {
      out << report.path
          << ": note: no debug info: no source locations, and std::atomic or pyidl "
             "synchronization objects cannot be told apart from plain globals; audit a "
             "build with -g (RelWithDebInfo)\n";
    }
  }
  if (findings == 0) return;
  for (const Advice& advice : kAdvice) {
    if (found.count(advice.category) == 0) continue;
    if (options.explain) {
      out << '\n';
      print_full(advice, out);
    } else {
      out << "  note: [" << category_tag(advice.category) << "] " << advice.brief << "\n";
    }
  }
  out << (options.explain ? "\n" : "") << plural(findings, "finding")
      << (options.explain ? "\n" : " (pyidlc audit --explain says what to do)\n");
}

void print_explanations(std::ostream& out) {
  for (const Advice& advice : kAdvice) {
    if (&advice != &kAdvice[0]) out << '\n';
    print_full(advice, out);
  }
}

}  // namespace pyidlc::audit
