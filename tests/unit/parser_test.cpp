// parser_test.cpp: exact "line:col: message" output of the parser for broken and valid input.
#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "compiler/parse/parser.h"

namespace pyidlc {
namespace {

// Parses `text` and returns its diagnostics sorted by position, one "L:C: message" line each
// (protobuf parser_unittest style). Also checks the contract that errors mean no AST.
std::string parse_errors(const std::string& text) {
  SourceManager sources;
  FileId file = sources.add_buffer("test.pyidl", text);
  DiagnosticEngine diags;
  std::optional<ast::File> result = parse::parse_file(sources, file, diags);
  CHECK(result.has_value() == !diags.has_errors());
  std::vector<Diagnostic> sorted = diags.diagnostics();
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.range.begin.offset < b.range.begin.offset;
  });
  std::string out;
  for (const Diagnostic& d : sorted) {
    LineColumn lc = sources.line_column(d.range.begin);
    out += std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + d.message + "\n";
  }
  return out;
}

// The byte length of the first diagnostic's range.
uint32_t first_error_length(const std::string& text) {
  SourceManager sources;
  DiagnosticEngine diags;
  parse::parse_file(sources, sources.add_buffer("test.pyidl", text), diags);
  REQUIRE(!diags.diagnostics().empty());
  return diags.diagnostics().front().range.length;
}

TEST_CASE("parser: missing semicolons", "[parser]") {
  CHECK(parse_errors("module m;\ndef f() -> int\ndef g();\n") ==
        "3:1: expected ';' after declaration, found 'def'\n");
  CHECK(parse_errors("module m\ndef f();\n") == "2:1: expected ';' after declaration, found 'def'\n");
  CHECK(parse_errors("module m;\ninclude \"a.hpp\"\nnamespace geo;\n") ==
        "3:1: expected ';' after declaration, found 'namespace'\n");
  CHECK(parse_errors("module m;\nclass A { attr x: int }\n") ==
        "2:23: expected ';' after declaration, found '}'\n");
}

TEST_CASE("parser: bad parameters and types", "[parser]") {
  CHECK(parse_errors("module m;\ndef f(5);\n") == "2:7: expected a parameter name, found '5'\n");
  CHECK(parse_errors("module m;\ndef f(x: );\n") == "2:10: expected a type, found ')'\n");
  CHECK(parse_errors("module m;\ndef f(x: int y: int);\n") ==
        "2:14: expected ')', found identifier 'y'\n");
  CHECK(parse_errors("module m;\ndef f(x int);\n") == "2:9: expected ':', found identifier 'int'\n");
  CHECK(parse_errors("module m;\ndef f() -> ;\n") == "2:12: expected a type, found ';'\n");
  CHECK(parse_errors("module m;\nconst X: int = ;\n") == "2:16: expected a value, found ';'\n");
  CHECK(parse_errors("module m;\ndef (x: int);\n") == "2:5: expected a function name, found '('\n");
}

TEST_CASE("parser: unterminated things and invalid characters", "[parser]") {
  CHECK(parse_errors("module m;\ninclude \"abc;\ndef f();\n") == "2:9: unterminated string literal\n");
  CHECK(parse_errors("module m;\n\"\"\"never closed\ndef f();\n") == "2:1: unterminated docstring\n");
  CHECK(parse_errors("module m;\n/* never closed\ndef f();\n") == "2:1: unterminated block comment\n");
  CHECK(parse_errors("module m;\ndef f(x: int$);\n") == "2:13: invalid character '$' in source\n");
  CHECK(parse_errors("module m;\ndef f\x01();\n") == "2:6: invalid character '\\x01' in source\n");
  CHECK(parse_errors("module m;\ndef f\xff();\n") == "2:6: invalid character '\\xFF' in source\n");
  CHECK(parse_errors("module m;\ndef f\xc3\xa9();\n") == "2:6: invalid character 'U+00E9' in source\n");
  CHECK(parse_errors("module m;\nconst S: str = \"a\xff\";\n") ==
        "2:18: invalid character '\\xFF' in source\n");
  CHECK(first_error_length("module m;\ninclude \"abc;\n") == 5);
  CHECK(first_error_length("module m;\n\"\"\"doc\n") == 3);
  CHECK(first_error_length("module m;\ndef f\xc3\xa9();\n") == 2);
}

TEST_CASE("parser: literal values", "[parser]") {
  CHECK(parse_errors("module m;\nconst X: int = 170141183460469231731687303715884105728;\n") ==
        "2:16: integer literal '170141183460469231731687303715884105728' is too large\n");
  CHECK(parse_errors("module m;\nconst X: int = -170141183460469231731687303715884105728;\n").empty());
  CHECK(parse_errors("module m;\nconst S: str = \"a\\qb\\x4\";\n") ==
        "2:18: invalid escape sequence '\\q' in string literal\n"
        "2:21: invalid escape sequence '\\x4' in string literal\n");
  CHECK(parse_errors("module m;\nconst S: str = \"\\uD800\";\n") ==
        "2:17: invalid escape sequence '\\uD800' in string literal\n");
}

TEST_CASE("parser: several errors in one file are all reported", "[parser]") {
  CHECK(parse_errors("module m;\n"
                     "def f(x: );\n"
                     "def g(5);\n"
                     "class C { def h(self) }\n"
                     "const X: int = ;\n") ==
        "2:10: expected a type, found ')'\n"
        "3:7: expected a parameter name, found '5'\n"
        "4:23: expected ';' after declaration, found '}'\n"
        "5:16: expected a value, found ';'\n");
}

TEST_CASE("parser: errors at the end of file", "[parser]") {
  CHECK(parse_errors("module m;\nclass Vec2 {\n  def f(self);\n") ==
        "4:1: expected '}' at end of class 'Vec2', found end of file\n");
  CHECK(parse_errors("module m;\nflag Perm { R = 4") ==
        "2:18: expected '}' at end of flag 'Perm', found end of file\n");
  CHECK(parse_errors("module m;\ndef f(x: int") == "2:13: expected ')', found end of file\n");
  CHECK(parse_errors("module m;\ndef f()") == "2:8: expected ';' after declaration, found end of file\n");
}

TEST_CASE("parser: empty files and files with only comments", "[parser]") {
  CHECK(parse_errors("") == "1:1: expected a 'module' declaration, found end of file\n");
  CHECK(parse_errors("// only\n/* comments */\n") ==
        "3:1: expected a 'module' declaration, found end of file\n");
  CHECK(parse_errors("def f();\n") == "1:1: expected a 'module' declaration, found 'def'\n");
  CHECK(parse_errors("module m; // nothing else\n").empty());
}

TEST_CASE("parser: too deep nesting is an error, not a crash", "[parser]") {
  std::string deep = "module m;\ndef f(x: " + std::string(10000, '[') + ");\n";
  CHECK(parse_errors(deep) == "2:265: brackets nested more than 256 levels deep\n");
  std::string fine = "module m;\ndef f(x: list[list[list[int]]]);\n";
  CHECK(parse_errors(fine).empty());
}

// The whole-file example of docs' language sketch (language.md), verbatim.
const char* const kLanguageExample = R"pyidl(// geometry.pyidl: bindings for a small C++ geometry library
module geometry;

"""Vectors and shapes, safe in every sub-interpreter."""

include "geometry/vec.hpp";        // C++ headers the generated code includes
namespace geo;                     // default C++ namespace that names resolve in

state geo::Registry;               // C++ type: one instance per module object (so per
                                   // interpreter), built in Py_mod_exec, destroyed in m_free

exception GeometryError(ValueError) """Raised on degenerate shapes.""";

enum Axis { X = 0, Y = 1, Z = 2 }  // a real enum.IntEnum subclass, per module object
flag Perm { R = 4, W = 2, X = 1 }  // enum.IntFlag

const ORIGIN_NAME: str = "origin";

def norm(v: Vec2) -> float;                        // binds geo::norm
def dot(a: Vec2, b: Vec2, /) -> float;             // positional-only
def scale(v: Vec2, k: float = 1.0, *, clamp: bool = false) -> Vec2;
def lookup(state, key: str) -> Vec2 | None = find_point;   // C++ gets geo::Registry&
def total(xs: list[float]) -> float = sum;         // C++ name differs from Python name

class Vec2 = geo::Vec2 {
    """A 2-D vector."""
    def __init__(self, x: float = 0.0, y: float = 0.0);   // C++ constructor
    attr x: float;                                        // C++ data member, read-write
    readonly attr y: float;
    property length: float { get = length; }              // C++ getter method
    def dot(self, other: Vec2) -> float;
    @staticmethod def unit(axis: Axis) -> Vec2;
    def __add__(self, other: Vec2) -> Vec2;               // C++ operator+
    def __eq__(self, other: Vec2) -> bool;
    def __repr__(self) -> str = repr;
}
)pyidl";

TEST_CASE("parser: the language sketch's example parses", "[parser]") {
  CHECK(parse_errors(kLanguageExample).empty());
}

}  // namespace
}  // namespace pyidlc
