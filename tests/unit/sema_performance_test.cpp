// sema_performance_test.cpp: sema stays linear on a large file (10,000 declarations).
#include <catch2/catch.hpp>

#include <chrono>

#include "tests/unit/sema_test_util.h"

namespace pyidlc::sema_test {
namespace {

TEST_CASE("performance: 10,000 declarations analyze well under 0.5 s", "[sema][performance]") {
  std::string text = "module big;\nenum Axis { X, Y, Z }\n";
  for (int i = 0; i < 2500; ++i) {
    std::string n = std::to_string(i);
    text += "class C" + n + " { def m(self, a: C" + n + ", b: int = 1) -> float; attr x: int; }\n";
    text += "def f" + n + "(a: C" + n + ", b: list[int], c: Axis = Axis.Y) -> str;\n";
    text += "const K" + n + ": int = " + n + ";\n";
    text += "exception E" + n + "(ValueError);\n";
  }
  SourceManager sources;
  DiagnosticEngine diags;
  auto file = parse::parse_file(sources, sources.add_buffer("big.pyidl", text), diags);
  REQUIRE(file);
  auto start = std::chrono::steady_clock::now();
  auto program = sema::analyze({&*file}, sources, diags);
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(diags.has_errors());
  CHECK(program->main.classes.size() == 2500);
  CHECK(std::chrono::duration<double>(elapsed).count() < 0.5);
}

}  // namespace
}  // namespace pyidlc::sema_test
