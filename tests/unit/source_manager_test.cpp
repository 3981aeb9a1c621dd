// source_manager_test.cpp: line/column mapping, line text and file loading.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "compiler/base/source_manager.h"
#include "compiler/base/utf8.h"

namespace pyidlc {
namespace {

LineColumn at(const SourceManager& sources, FileId file, uint32_t offset) {
  return sources.line_column(SourceLoc{file, offset});
}

void check(LineColumn actual, uint32_t line, uint32_t column) {
  CHECK(actual.line == line);
  CHECK(actual.column == column);
}

TEST_CASE("line_column maps offsets to 1-based lines and columns", "[source_manager]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("a.pyidl", "module a;\ndef f();\n");
  check(at(sources, file, 0), 1, 1);
  check(at(sources, file, 7), 1, 8);
  check(at(sources, file, 9), 1, 10);   // the '\n' itself is on line 1
  check(at(sources, file, 10), 2, 1);
  check(at(sources, file, 14), 2, 5);
  check(at(sources, file, 19), 3, 1);   // end of text, after the last newline
  CHECK(sources.line_text(file, 1) == "module a;");
  CHECK(sources.line_text(file, 2) == "def f();");
  CHECK(sources.line_text(file, 3) == "");
  CHECK(sources.line_text(file, 4) == "");  // past the end: empty, not a crash
}

TEST_CASE("CRLF line ends are not part of the line", "[source_manager]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("crlf.pyidl", "module a;\r\ndef f();\r\n");
  check(at(sources, file, 11), 2, 1);
  check(at(sources, file, 15), 2, 5);
  CHECK(sources.line_text(file, 1) == "module a;");
  CHECK(sources.line_text(file, 2) == "def f();");
}

TEST_CASE("a last line without a newline is a line", "[source_manager]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("a.pyidl", "module a;\ndef f();");
  check(at(sources, file, 12), 2, 3);
  check(at(sources, file, 18), 2, 9);  // end of text
  CHECK(sources.line_text(file, 2) == "def f();");
}

TEST_CASE("an empty file has one empty line", "[source_manager]") {
  SourceManager sources;
  const FileId file = sources.add_buffer("empty.pyidl", "");
  check(at(sources, file, 0), 1, 1);
  CHECK(sources.line_text(file, 1) == "");
  CHECK(sources.text(file).empty());
}

TEST_CASE("columns count code points, not bytes", "[source_manager]") {
  SourceManager sources;
  // "é" is 2 bytes, "€" 3 and "𝄞" 4; a tab counts as one column like in clang.
  const FileId file = sources.add_buffer("u.pyidl", "// é€𝄞\tx\n");
  check(at(sources, file, 3), 1, 4);   // é
  check(at(sources, file, 5), 1, 5);   // €
  check(at(sources, file, 8), 1, 6);   // 𝄞
  check(at(sources, file, 12), 1, 7);  // tab
  check(at(sources, file, 13), 1, 8);  // x
}

TEST_CASE("file ids are 1-based and paths are kept as given", "[source_manager]") {
  SourceManager sources;
  CHECK(sources.file_count() == 0);
  const FileId a = sources.add_buffer("dir/a.pyidl", "a");
  const FileId b = sources.add_buffer("b.pyidl", "b");
  CHECK(a.value == 1);
  CHECK(b.value == 2);
  CHECK(sources.path(a) == "dir/a.pyidl");
  CHECK(sources.text(b) == "b");
  CHECK(sources.file_count() == 2);
}

TEST_CASE("SourceRange::cover spans both ranges", "[source_manager]") {
  const FileId file{1};
  const SourceRange a{SourceLoc{file, 4}, 3};
  const SourceRange b{SourceLoc{file, 10}, 2};
  CHECK(SourceRange::cover(a, b) == SourceRange{SourceLoc{file, 4}, 8});
  CHECK(SourceRange::cover(b, a) == SourceRange{SourceLoc{file, 4}, 8});
}

TEST_CASE("load_file reads a file or says why it cannot", "[source_manager]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "pyidlc_source_manager_test";
  fs::create_directories(dir);
  const fs::path path = dir / "ok.pyidl";
  std::ofstream(path, std::ios::binary) << "module ok;\n";

  SourceManager sources;
  std::string error;
  const std::optional<FileId> file = sources.load_file(path, &error);
  REQUIRE(file);
  CHECK(sources.text(*file) == "module ok;\n");
  CHECK(sources.path(*file) == path.string());

  CHECK_FALSE(sources.load_file(dir / "missing.pyidl", &error));
  CHECK(error == "No such file or directory");
  CHECK_FALSE(sources.load_file(dir, &error));
  CHECK(error == "Is a directory");
  CHECK(sources.file_count() == 1);
  fs::remove_all(dir);
}

TEST_CASE("utf8::first_invalid_byte finds the first ill-formed sequence", "[source_manager]") {
  CHECK_FALSE(utf8::first_invalid_byte("plain ascii"));
  CHECK_FALSE(utf8::first_invalid_byte("é€𝄞"));
  CHECK(utf8::first_invalid_byte("ab\xff") == 2u);
  CHECK(utf8::first_invalid_byte("a\xc3") == 1u);          // truncated
  CHECK(utf8::first_invalid_byte("a\xc0\x80") == 1u);      // overlong NUL
  CHECK(utf8::first_invalid_byte("\xed\xa0\x80") == 0u);   // surrogate U+D800
  CHECK(utf8::first_invalid_byte("\xf4\x90\x80\x80") == 0u);  // above U+10FFFF
  CHECK(utf8::first_invalid_byte("\xe2\x82") == 0u);
  CHECK(utf8::count_code_points("a€𝄞") == 3);
}

}  // namespace
}  // namespace pyidlc
