// diagnostics_render_test.cpp: the exact text DiagnosticEngine::render writes.
#include <catch2/catch.hpp>

#include <sstream>

#include "compiler/base/diagnostics.h"

namespace pyidlc {
namespace {

SourceRange range(FileId file, uint32_t offset, uint32_t length) {
  return SourceRange{SourceLoc{file, offset}, length};
}

std::string render(const DiagnosticEngine& diags, const SourceManager& sources,
                   RenderOptions options = {}) {
  std::ostringstream out;
  diags.render(out, sources, options);
  return out.str();
}

constexpr const char* kShapes =
    "module shapes;\n"
    "def area(x: float, x: float) -> float;\n";

TEST_CASE("an error with a note renders like clang", "[diagnostics]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("shapes.pyidl", kShapes);
  DiagnosticEngine diags;
  diags.report(DiagKind::DuplicateParameter, range(file, 34, 8), "x")
      .note(DiagKind::PreviousParameter, range(file, 24, 1), "x");
  CHECK(render(diags, sources) ==
        "shapes.pyidl:2:20: error: duplicate parameter 'x' [DuplicateParameter]\n"
        "def area(x: float, x: float) -> float;\n"
        "                   ^~~~~~~~\n"
        "shapes.pyidl:2:10: note: previous parameter 'x' is here [PreviousParameter]\n"
        "def area(x: float, x: float) -> float;\n"
        "         ^\n"
        "1 error generated.\n");
  CHECK(diags.error_count() == 1);
  CHECK(diags.diagnostics().at(0).notes.size() == 1);
}

TEST_CASE("nothing is rendered when there are no diagnostics", "[diagnostics]") {
  SourceManager sources;
  DiagnosticEngine diags;
  CHECK(render(diags, sources).empty());
  CHECK_FALSE(diags.failed(true));
}

TEST_CASE("tabs before the caret are kept so the caret lines up", "[diagnostics]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("t.pyidl", "\tdef\tf(x: Vec3);\n");
  DiagnosticEngine diags;
  diags.report(DiagKind::UnknownType, range(file, 10, 4), "Vec3");
  CHECK(render(diags, sources) ==
        "t.pyidl:1:11: error: unknown type 'Vec3' [UnknownType]\n"
        "\tdef\tf(x: Vec3);\n"
        "\t   \t     ^~~~\n"
        "1 error generated.\n");
}

TEST_CASE("multi-byte characters count as one column", "[diagnostics]") {
  SourceManager sources;
  // "é" is two bytes and "€" three; the caret must sit under 'q' all the same.
  const FileId file = sources.add_buffer("u.pyidl", "const \xc3\xa9\xe2\x82\xac: qq;\n");
  DiagnosticEngine diags;
  diags.report(DiagKind::UnknownType, range(file, 13, 2), "qq");
  CHECK(render(diags, sources) ==
        "u.pyidl:1:11: error: unknown type 'qq' [UnknownType]\n"
        "const \xc3\xa9\xe2\x82\xac: qq;\n"
        "          ^~\n"
        "1 error generated.\n");
}

TEST_CASE("an underline stops at the end of the first line", "[diagnostics]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("m.pyidl", "class A {\r\n}\r\n");
  DiagnosticEngine diags;
  diags.report(DiagKind::Redefinition, range(file, 6, 7), "A");
  diags.report(DiagKind::UnknownName, range(file, 9, 0), "x");  // a point at the line end
  CHECK(render(diags, sources) ==
        "m.pyidl:1:7: error: redefinition of 'A' [Redefinition]\n"
        "class A {\n"
        "      ^~~\n"
        "m.pyidl:1:10: error: unknown name 'x' [UnknownName]\n"
        "class A {\n"
        "         ^\n"
        "2 errors generated.\n");
}

TEST_CASE("diagnostics are sorted by file and offset, notes stay with their parent",
          "[diagnostics]") {
  SourceManager sources;
  const FileId a = sources.add_buffer("a.pyidl", "aa\nbb\n");
  const FileId b = sources.add_buffer("b.pyidl", "cc\n");
  DiagnosticEngine diags;
  diags.report(DiagKind::UnknownName, range(b, 0, 1), "c");
  diags.report(DiagKind::UnknownName, range(a, 3, 1), "b1");
  diags.report(DiagKind::Redefinition, range(a, 0, 1), "a")
      .note(DiagKind::PreviousDefinition, range(b, 1, 1), "a");
  diags.report(DiagKind::UnknownName, range(a, 3, 1), "b2");  // same spot: reported order
  diags.report(DiagKind::FileNotReadable, SourceRange{}, "x.pyidl", "No such file or directory");
  CHECK(render(diags, sources) ==
        "pyidlc: error: cannot read 'x.pyidl': No such file or directory [FileNotReadable]\n"
        "a.pyidl:1:1: error: redefinition of 'a' [Redefinition]\n"
        "aa\n"
        "^\n"
        "b.pyidl:1:2: note: previous definition of 'a' is here [PreviousDefinition]\n"
        "cc\n"
        " ^\n"
        "a.pyidl:2:1: error: unknown name 'b1' [UnknownName]\n"
        "bb\n"
        "^\n"
        "a.pyidl:2:1: error: unknown name 'b2' [UnknownName]\n"
        "bb\n"
        "^\n"
        "b.pyidl:1:1: error: unknown name 'c' [UnknownName]\n"
        "cc\n"
        "^\n"
        "5 errors generated.\n");
}

TEST_CASE("a note without a location uses the program name", "[diagnostics]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("i.pyidl", "import a.b;\n");
  DiagnosticEngine diags;
  diags.report(DiagKind::ImportNotFound, range(file, 7, 3), "a.b")
      .note(DiagKind::ImportSearchPath, SourceRange{}, "a/b.pyidl");
  RenderOptions options;
  options.program_name = "tool";
  CHECK(render(diags, sources, options) ==
        "i.pyidl:1:8: error: cannot find 'a.b' to import [ImportNotFound]\n"
        "import a.b;\n"
        "       ^~~\n"
        "tool: note: searched 'a/b.pyidl' [ImportSearchPath]\n"
        "1 error generated.\n");
}

TEST_CASE("the summary counts warnings and errors like clang", "[diagnostics]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("w.pyidl", "x\n");
  DiagnosticEngine diags;
  diags.report(DiagKind::UnusedImport, range(file, 0, 1), "x");
  CHECK(render(diags, sources).ends_with("\n1 warning generated.\n"));
  CHECK_FALSE(diags.failed(false));
  CHECK(diags.failed(true));
  diags.report(DiagKind::UnusedImport, range(file, 0, 1), "y");
  CHECK(render(diags, sources).ends_with("\n2 warnings generated.\n"));
  diags.report(DiagKind::UnknownName, range(file, 0, 1), "x");
  CHECK(render(diags, sources).ends_with("\n2 warnings and 1 error generated.\n"));
  diags.report(DiagKind::UnknownName, range(file, 0, 1), "y");
  CHECK(render(diags, sources).ends_with("\n2 warnings and 2 errors generated.\n"));
  CHECK(diags.warning_count() == 2);
  CHECK(diags.error_count() == 2);
}

TEST_CASE("with warnings_as_errors a warning is an error", "[diagnostics]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("w.pyidl", "import x;\n");
  DiagnosticEngine diags;
  diags.report(DiagKind::UnusedImport, range(file, 7, 1), "x");
  RenderOptions options;
  options.warnings_as_errors = true;
  CHECK(render(diags, sources, options) ==
        "w.pyidl:1:8: error: 'x' is imported but never used [UnusedImport]\n"
        "import x;\n"
        "       ^\n"
        "1 error generated.\n");
  CHECK(render(diags, sources).starts_with("w.pyidl:1:8: warning: 'x' is imported"));
}

TEST_CASE("colour uses clang's escapes and only decorates", "[diagnostics]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("c.pyidl", "import x;\n");
  DiagnosticEngine diags;
  diags.report(DiagKind::UnusedImport, range(file, 7, 1), "x")
      .note(DiagKind::ImportedHere, range(file, 0, 6), "x");
  diags.report(DiagKind::ImportNotFound, range(file, 7, 1), "x");
  RenderOptions options;
  options.color = true;
  CHECK(render(diags, sources, options) ==
        "\x1b[1mc.pyidl:1:8: \x1b[1;35mwarning: \x1b[0m"
        "\x1b[1m'x' is imported but never used [UnusedImport]\x1b[0m\n"
        "import x;\n"
        "       \x1b[1;32m^\x1b[0m\n"
        "\x1b[1mc.pyidl:1:1: \x1b[1;36mnote: \x1b[0m'x' is imported here [ImportedHere]\x1b[0m\n"
        "import x;\n"
        "\x1b[1;32m^~~~~~\x1b[0m\n"
        "\x1b[1mc.pyidl:1:8: \x1b[1;31merror: \x1b[0m"
        "\x1b[1mcannot find 'x' to import [ImportNotFound]\x1b[0m\n"
        "import x;\n"
        "       \x1b[1;32m^\x1b[0m\n"
        "1 warning and 1 error generated.\n");
}

TEST_CASE("the registry knows every kind", "[diagnostics]") {
  const std::vector<DiagKind>& kinds = all_diag_kinds();
  REQUIRE_FALSE(kinds.empty());
  CHECK(kinds.size() == static_cast<size_t>(kinds.back()) + 1);
  CHECK(std::string(info(DiagKind::FileNotReadable).name) == "FileNotReadable");
  CHECK(std::string(info(DiagKind::DuplicateParameter).name) == "DuplicateParameter");
  CHECK(info(DiagKind::PreviousParameter).severity == Severity::Note);
  CHECK(info(DiagKind::UnusedImport).severity == Severity::Warning);
  for (DiagKind kind : kinds) {
    const std::string format = info(kind).format;
    INFO(info(kind).name);
    // LLVM's rules: a lowercase start (or a quote/argument) and no final period.
    CHECK_FALSE(format.ends_with("."));
    CHECK_FALSE((format[0] >= 'A' && format[0] <= 'Z'));
  }
}

}  // namespace
}  // namespace pyidlc
