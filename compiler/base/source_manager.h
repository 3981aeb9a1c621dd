// source_manager.h: owns the text of every file the compiler reads and maps offsets to lines.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pyidlc {

// Identifies one buffer in a SourceManager. Id 0 means "no file" (a diagnostic about the
// command line, say); real files start at 1.
struct FileId {
  uint32_t value = 0;
  bool valid() const { return value != 0; }
  friend bool operator==(FileId, FileId) = default;
  friend auto operator<=>(FileId, FileId) = default;
};

// A byte offset into one file.
struct SourceLoc {
  FileId file;
  uint32_t offset = 0;
  bool valid() const { return file.valid(); }
  friend bool operator==(SourceLoc, SourceLoc) = default;
  friend auto operator<=>(SourceLoc, SourceLoc) = default;
};

// A half-open span [begin, begin + length) in one file; length 0 is a point.
struct SourceRange {
  SourceLoc begin;
  uint32_t length = 0;
  bool valid() const { return begin.valid(); }
  uint32_t end_offset() const { return begin.offset + length; }
  // The smallest range that covers both (which must be in the same file).
  static SourceRange cover(SourceRange a, SourceRange b);
  friend bool operator==(SourceRange, SourceRange) = default;
};

// 1-based line and column. Columns count Unicode code points, so a caret lines up under
// the character a terminal shows (tabs count as one, as in clang).
struct LineColumn {
  uint32_t line = 0;
  uint32_t column = 0;
};

// Holds every source buffer for the whole compilation. Buffers never move once added, so
// string_views into them stay valid for the manager's lifetime.
class SourceManager {
 public:
  SourceManager();
  ~SourceManager();
  SourceManager(const SourceManager&) = delete;
  SourceManager& operator=(const SourceManager&) = delete;

  // Adds an in-memory buffer under a display path (used by tests and by load_file).
  FileId add_buffer(std::string path, std::string text);

  // Reads a file from disk. On failure returns nullopt and stores the OS's reason
  // ("No such file or directory") in *error.
  std::optional<FileId> load_file(const std::filesystem::path& path, std::string* error);

  // The path as given when the buffer was added.
  std::string_view path(FileId file) const;
  std::string_view text(FileId file) const;

  // Line and column of a location (1-based). An offset at the end of the text is valid.
  LineColumn line_column(SourceLoc loc) const;

  // The text of one line (1-based), without its line terminator.
  std::string_view line_text(FileId file, uint32_t line) const;

  // Number of files added so far.
  size_t file_count() const;

 private:
  struct File;
  const File& file(FileId id) const;
  std::vector<std::unique_ptr<File>> files_;
};

}  // namespace pyidlc
