// printer_test.cpp: `$var$` substitution, raw-string dedenting, indentation and callbacks.
#include <catch2/catch.hpp>

#include "compiler/base/printer.h"

namespace pyidlc {
namespace {

TEST_CASE("variables are substituted and $$ is a dollar", "[printer]") {
  std::string out;
  Printer p(out);
  p.emit({{"name", "x"}, {"type", "int"}, {"n", 3}}, "$type$ $name$ = $n$; // $$5\n");
  CHECK(out == "int x = 3; // $5\n");
}

TEST_CASE("a raw-string template is dedented without its first and last lines",
          "[printer]") {
  std::string out;
  Printer p(out);
  p.emit({{"name", "f"}}, R"cc(
      void $name$() {

        return;
      }
    )cc");
  CHECK(out == "void f() {\n\n  return;\n}\n");
}

TEST_CASE("a template without a leading newline is taken as is", "[printer]") {
  std::string out;
  Printer p(out);
  p.emit("a");
  p.emit("  + b");
  p.emit({{"x", "c"}}, " + $x$");
  CHECK(out == "a  + b + c");
}

TEST_CASE("indent() indents every line until it is destroyed", "[printer]") {
  std::string out;
  Printer p(out);
  p.emit("namespace {\n");
  {
    auto indent = p.indent();
    p.emit("int a;\n\nint b;\n");
    auto more = p.indent();
    p.emit("int c;\n");
  }
  p.emit("}\n");
  CHECK(out == "namespace {\n  int a;\n\n  int b;\n    int c;\n}\n");
}

TEST_CASE("a multi-line value keeps the indentation of its line", "[printer]") {
  std::string out;
  Printer p(out);
  auto indent = p.indent();
  p.emit({{"body", "a();\nb();"}}, R"cc(
    if (x) {
      $body$
    }
  )cc");
  CHECK(out == "  if (x) {\n    a();\n    b();\n  }\n");
}

TEST_CASE("with_vars makes variables visible until destroyed; inner scopes shadow",
          "[printer]") {
  std::string out;
  Printer p(out);
  auto outer = p.with_vars({{"mod", "geometry"}, {"x", "outer"}});
  {
    auto inner = p.with_vars({{"x", "inner"}});
    p.emit("$mod$ $x$\n");
    p.emit({{"x", "call"}}, "$mod$ $x$\n");
  }
  p.emit("$mod$ $x$\n");
  CHECK(out == "geometry inner\ngeometry call\ngeometry outer\n");
}

TEST_CASE("a callback emits in place with the indentation of its line", "[printer]") {
  std::string out;
  Printer p(out);
  p.emit({{"mod", "geometry"},
          {"body", [&] { p.emit("int a;\nint b;\n"); }},
          {"value", [&] { p.emit({{"v", "42"}}, "$v$"); }}},
         R"cc(
           struct $mod$_state {
             $body$
             int c = $value$;
           };
         )cc");
  CHECK(out ==
        "struct geometry_state {\n"
        "  int a;\n"
        "  int b;\n"
        "  int c = 42;\n"
        "};\n");
}

TEST_CASE("a lone variable that writes nothing leaves no blank line", "[printer]") {
  std::string out;
  Printer p(out);
  p.emit({{"empty", ""}, {"nothing", [] {}}}, R"cc(
    a;
    $empty$
    $nothing$
    b;
  )cc");
  CHECK(out == "a;\nb;\n");
}

TEST_CASE("callbacks can nest and use the outer variables", "[printer]") {
  std::string out;
  Printer p(out);
  auto vars = p.with_vars({{"ns", "geo"}});
  p.emit({{"outer",
           [&] {
             p.emit({{"inner", [&] { p.emit("$ns$::f();\n"); }}}, R"cc(
               {
                 $inner$
               }
             )cc");
           }}},
         R"cc(
           void g() {
             $outer$
           }
         )cc");
  CHECK(out == "void g() {\n  {\n    geo::f();\n  }\n}\n");
}

}  // namespace
}  // namespace pyidlc
