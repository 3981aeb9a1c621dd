// audit_classify_test.cpp: the rules of `pyidlc audit` (compiler/audit/classify.h) and the
// symbol-name helpers they rely on, one rule per test case.
#include <catch2/catch.hpp>

#include "compiler/audit/classify.h"
#include "compiler/audit/symbol_names.h"

namespace pyidlc::audit {
namespace {

// A writable, initialized global of the author's, without debug info; tests change what
// their rule is about.
AuditedSymbol variable(std::string mangled) {
  AuditedSymbol symbol;
  symbol.symbol.name = mangled;
  symbol.symbol.section = ".data";
  symbol.symbol.size = 8;
  symbol.name = demangle(mangled);
  return symbol;
}

DebugVariable declared(std::string file, std::string type) {
  DebugVariable debug;
  debug.file = std::move(file);
  debug.line = 3;
  debug.type = std::move(type);
  return debug;
}

}  // namespace

TEST_CASE("audit: symbol names are demangled, guards map to their object", "[audit]") {
  CHECK(demangle("_ZN2fx7counterE") == "fx::counter");
  CHECK(demangle("_ZZN2fx7next_idEvE4last") == "fx::next_id()::last");
  CHECK(demangle("_ZN12_GLOBAL__N_15cacheE.lto_priv.0") ==
        "(anonymous namespace)::cache.lto_priv.0");
  CHECK(demangle("plain_c_global") == "plain_c_global");
  CHECK(demangle("_Znot_mangled") == "_Znot_mangled");

  CHECK(guarded_object("_ZGVZN2fx7next_idEvE4last") == "_ZZN2fx7next_idEvE4last");
  CHECK(guarded_object("_ZGVN2fx5tableE") == "_ZN2fx5tableE");
  CHECK_FALSE(guarded_object("_ZN2fx7counterE").has_value());

  CHECK(is_function_local("_ZZN2fx7next_idEvE4last"));
  CHECK_FALSE(is_function_local("_ZN2fx7counterE"));
}

TEST_CASE("audit: synchronized types are recognised by their DWARF name", "[audit]") {
  for (const char* type : {"std::atomic<int>", "std::atomic<long int>", "std::atomic<fx::Node*>",
                           "std::atomic_flag", "std::mutex", "std::shared_mutex", "std::once_flag",
                           "pyidl::v1::mutex", "pyidl::v1::call_lock", "pyidl::v1::once", "pyidl::v1::lazy<fx::Table>",
                           "pyidl::v1::per_interpreter<fx::Cache>",
                           "pyidl::v1::shared<std::map<int, int> >", "pyidl::v2::mutex"}) {
    INFO(type);
    CHECK(is_synchronized_type(type));
  }
  for (const char* type : {"int", "std::string", "std::atomic_ref<int>", "mutex", "fx::mutex",
                           "fx::pyidl::v1::mutex", "pyidl::v1::ref", "pyidl::v1::mutex_guard",
                           "pyidl::v1::detail::per_interpreter_base", "std::vector<std::mutex>"}) {
    INFO(type);
    CHECK_FALSE(is_synchronized_type(type));
  }
}

TEST_CASE("audit: a plain global is static state; its kind comes from name and DWARF", "[audit]") {
  AuditedSymbol global = variable("_ZN2fx7counterE");
  CHECK(classify(global).verdict == Verdict::kFinding);
  CHECK(classify(global).category == Category::kStaticState);
  CHECK(kind_of(global) == "global");

  global.debug = declared("/src/fx.cpp", "int");
  global.debug->class_member = true;
  CHECK(kind_of(global) == "class static");

  const AuditedSymbol local = variable("_ZZN2fx7next_idEvE4last");
  CHECK(classify(local).category == Category::kStaticState);
  CHECK(kind_of(local) == "function-local static");
}

TEST_CASE("audit: thread_local is its own category", "[audit]") {
  AuditedSymbol tls = variable("_ZN2fx7scratchE");
  tls.symbol.storage = Storage::kThreadLocal;
  CHECK(classify(tls).category == Category::kThreadLocal);
  CHECK(kind_of(tls) == "thread_local");
  tls = variable("_ZZN2fx1fEvE7scratch");
  tls.symbol.storage = Storage::kThreadLocal;
  CHECK(kind_of(tls) == "function-local thread_local");
}

TEST_CASE("audit: a const object is a finding only when zero-filled, i.e. built at run time",
          "[audit]") {
  AuditedSymbol greeting = variable("_ZN2fxL8greetingE");
  greeting.debug = declared("/src/fx.cpp", "std::__cxx11::basic_string<char>");
  greeting.debug->is_const = true;
  greeting.symbol.zero_initialized = true;
  CHECK(classify(greeting).category == Category::kConstDynamicInit);

  // Initialized data holding a const object: it has mutable members, so it is plain state.
  greeting.symbol.zero_initialized = false;
  CHECK(classify(greeting).category == Category::kStaticState);

  // Without DWARF nothing says it is const.
  greeting.debug.reset();
  greeting.symbol.zero_initialized = true;
  CHECK(classify(greeting).category == Category::kStaticState);
}

TEST_CASE("audit: a synchronized type needs debug info to be seen", "[audit]") {
  AuditedSymbol hits = variable("_ZN2fx4hitsE");
  CHECK(classify(hits).verdict == Verdict::kFinding);
  hits.debug = declared("/src/fx.cpp", "std::atomic<int>");
  const Classification c = classify(hits);
  CHECK(c.verdict == Verdict::kSynchronized);
  CHECK(c.reason == "type 'std::atomic<int>'");
  hits.symbol.storage = Storage::kThreadLocal;  // the type decides before the storage does
  CHECK(classify(hits).verdict == Verdict::kSynchronized);
}

TEST_CASE("audit: toolchain, loader and runtime data is excluded", "[audit]") {
  for (const char* name : {"__dso_handle", "__TMC_END__", "_GLOBAL_OFFSET_TABLE_", "_DYNAMIC",
                           "completed.0", "DW.ref.__gxx_personality_v0", "_ZTV5Shape",
                           "_ZTI5Shape", "_ZTS5Shape", "_ZTT5Shape"}) {
    INFO(name);
    CHECK(classify(variable(name)).verdict == Verdict::kExcluded);
  }
  // Ordinary C names, even with one leading underscore, are the author's.
  CHECK(classify(variable("_counter")).verdict == Verdict::kFinding);
  CHECK(classify(variable("counter.1")).verdict == Verdict::kFinding);

  AuditedSymbol got = variable("_GLOBAL_OFFSET_TABLE_");
  got.symbol.storage = Storage::kLoaderTable;
  got.symbol.section = ".got.plt";
  CHECK(classify(got).reason == "in '.got.plt', written only by the dynamic loader");

  CHECK(classify(variable("_ZN5pyidl2v16detail8registryE")).verdict == Verdict::kExcluded);
  CHECK(classify(variable("_ZStL8__ioinit")).verdict == Verdict::kExcluded);
  // A guard whose object is not writable data (else it would have been merged into it).
  CHECK(classify(variable("_ZGVZN2fx1fEvE1t")).verdict == Verdict::kExcluded);
}

TEST_CASE("audit: pyidlc's generated tables are excluded, with or without DWARF", "[audit]") {
  AuditedSymbol def = variable("_ZN12_GLOBAL__N_112m_module_defE");
  def.symbol.object_file = "m.pyidl.cpp";
  CHECK(classify(def).verdict == Verdict::kExcluded);

  def.debug = declared("/build/pyidl_generated/m.pyidl.cpp", "PyModuleDef");
  CHECK(classify(def).reason.find("PyModuleDef_Init") != std::string::npos);
  def.debug->type = "PyType_Slot";
  CHECK(classify(def).reason == "generated PyType_Slot table: only read by CPython");

  // A `static` from an author header that the generated file includes: DWARF knows better.
  AuditedSymbol header_static = variable("_ZN12_GLOBAL__N_15cacheE");
  header_static.symbol.object_file = "m.pyidl.cpp";
  header_static.debug = declared("/src/m_impl.hpp", "int");
  CHECK(classify(header_static).verdict == Verdict::kFinding);

  // Without DWARF, only the generated file's anonymous namespace counts.
  AuditedSymbol named = variable("_ZN2fx5cacheE");
  named.symbol.object_file = "m.pyidl.cpp";
  CHECK(classify(named).verdict == Verdict::kFinding);
}

}  // namespace pyidlc::audit
