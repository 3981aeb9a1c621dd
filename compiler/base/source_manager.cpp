// source_manager.cpp: file buffers, lazy line tables and offset → line/column mapping.
#include "compiler/base/source_manager.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "compiler/base/utf8.h"

namespace pyidlc {

struct SourceManager::File {
  std::string path;
  std::string text;
  // Offset of the first byte of each line. Built on first use: most files never have a
  // diagnostic, so most files never need one.
  mutable std::vector<uint32_t> line_starts;

  const std::vector<uint32_t>& lines() const {
    if (line_starts.empty()) {
      line_starts.push_back(0);
      for (size_t i = 0; i < text.size(); ++i) {
        // "\r\n" ends a line at its '\n' too; line_text() trims the '\r'.
        if (text[i] == '\n') line_starts.push_back(static_cast<uint32_t>(i + 1));
      }
    }
    return line_starts;
  }
};

SourceRange SourceRange::cover(SourceRange a, SourceRange b) {
  assert(a.begin.file == b.begin.file && "SourceRange::cover across files");
  const uint32_t begin = std::min(a.begin.offset, b.begin.offset);
  const uint32_t end = std::max(a.end_offset(), b.end_offset());
  return SourceRange{SourceLoc{a.begin.file, begin}, end - begin};
}

SourceManager::SourceManager() = default;
SourceManager::~SourceManager() = default;

FileId SourceManager::add_buffer(std::string path, std::string text) {
  // Offsets are 32-bit; the driver never hands us a 4 GiB interface file, but say why.
  assert(text.size() < UINT32_MAX && "source file too large for 32-bit offsets");
  auto file = std::make_unique<File>();
  file->path = std::move(path);
  file->text = std::move(text);
  files_.push_back(std::move(file));
  return FileId{static_cast<uint32_t>(files_.size())};
}

std::optional<FileId> SourceManager::load_file(const std::filesystem::path& path,
                                               std::string* error) {
  std::FILE* stream = std::fopen(path.c_str(), "rb");
  if (stream == nullptr) {
    *error = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char chunk[64 * 1024];
  size_t count;
  while ((count = std::fread(chunk, 1, sizeof chunk, stream)) > 0) text.append(chunk, count);
  // fopen succeeds on a directory on Linux; the read is what fails (EISDIR).
  const bool failed = std::ferror(stream) != 0;
  const int saved_errno = errno;
  std::fclose(stream);
  if (failed) {
    *error = std::strerror(saved_errno);
    return std::nullopt;
  }
  return add_buffer(path.string(), std::move(text));
}

std::string_view SourceManager::path(FileId file) const { return this->file(file).path; }

std::string_view SourceManager::text(FileId file) const { return this->file(file).text; }

LineColumn SourceManager::line_column(SourceLoc loc) const {
  const File& f = file(loc.file);
  const std::vector<uint32_t>& starts = f.lines();
  const uint32_t offset = std::min<uint32_t>(loc.offset, static_cast<uint32_t>(f.text.size()));
  // The line is the last one that starts at or before the offset.
  const auto next = std::upper_bound(starts.begin(), starts.end(), offset);
  const size_t line_index = static_cast<size_t>(next - starts.begin()) - 1;
  const std::string_view before(f.text.data() + starts[line_index], offset - starts[line_index]);
  return LineColumn{static_cast<uint32_t>(line_index + 1),
                    static_cast<uint32_t>(utf8::count_code_points(before) + 1)};
}

std::string_view SourceManager::line_text(FileId file, uint32_t line) const {
  const File& f = this->file(file);
  const std::vector<uint32_t>& starts = f.lines();
  if (line == 0 || line > starts.size()) return {};
  const size_t begin = starts[line - 1];
  size_t end = line < starts.size() ? starts[line] : f.text.size();
  if (end > begin && f.text[end - 1] == '\n') --end;
  if (end > begin && f.text[end - 1] == '\r') --end;
  return std::string_view(f.text).substr(begin, end - begin);
}

size_t SourceManager::file_count() const { return files_.size(); }

const SourceManager::File& SourceManager::file(FileId id) const {
  assert(id.valid() && id.value <= files_.size() && "FileId from another SourceManager");
  return *files_[id.value - 1];
}

}  // namespace pyidlc
