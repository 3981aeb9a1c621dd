// sema_performance_test.cpp: sema stays linear and fast on large files (10,000 declarations).
#include <catch2/catch.hpp>

#include <ctime>

#include "tests/unit/sema_test_util.h"

namespace pyidlc::sema_test {
namespace {

// A module with 4 * blocks top-level declarations plus a method and an attr per class.
std::string big_module(int blocks) {
  std::string text = "module big;\nenum Axis { X, Y, Z }\n";
  for (int i = 0; i < blocks; ++i) {
    std::string n = std::to_string(i);
    text += "class C" + n + " { def m(self, a: C" + n + ", b: int = 1) -> float; attr x: int; }\n";
    text += "def f" + n + "(a: C" + n + ", b: list[int], c: Axis = Axis.Y) -> str;\n";
    text += "const K" + n + ": int = " + n + ";\n";
    text += "exception E" + n + "(ValueError);\n";
  }
  return text;
}

// CPU seconds spent in sema alone (not parsing). CPU time rather than wall time, so that a
// loaded build machine does not make the test flaky.
double sema_seconds(int blocks) {
  SourceManager sources;
  DiagnosticEngine diags;
  auto file = parse::parse_file(sources, sources.add_buffer("big.pyidl", big_module(blocks)), diags);
  REQUIRE(file);
  std::clock_t start = std::clock();
  auto program = sema::analyze({&*file}, sources, diags);
  double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  CHECK_FALSE(diags.has_errors());
  CHECK(program->main.classes.size() == size_t(blocks));
  return seconds;
}

TEST_CASE("performance: 10,000 declarations analyze well under 0.5 s", "[sema][performance]") {
  double small = sema_seconds(1250);
  double large = sema_seconds(2500);  // 10,000 top-level declarations
  INFO("5,000 declarations: " << small << " s; 10,000: " << large << " s");
  CHECK(large < 0.5);
  // Linear: twice the input may not cost much more than twice the time (quadratic is 4x).
  CHECK(large < 3 * small + 0.02);
}

}  // namespace
}  // namespace pyidlc::sema_test
