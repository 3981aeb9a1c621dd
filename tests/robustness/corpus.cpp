// corpus.cpp: collects .pyidl files and the ```pyidl blocks of Markdown files.
#include "tests/robustness/corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace pyidlc {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Each fenced block that opens with exactly ```pyidl, as written in the design notes.
void add_markdown_blocks(const fs::path& path, std::vector<CorpusInput>& out) {
  std::istringstream lines(read_file(path));
  std::string line;
  std::string block;
  bool inside = false;
  int count = 0;
  while (std::getline(lines, line)) {
    if (!inside && line == "```pyidl") {
      inside = true;
      block.clear();
    } else if (inside && line.starts_with("```")) {
      inside = false;
      ++count;
      out.push_back({path.string() + ": block " + std::to_string(count),
                     path.string() + ".block" + std::to_string(count) + ".pyidl", block});
    } else if (inside) {
      block += line + '\n';
    }
  }
}

}  // namespace

std::vector<CorpusInput> load_corpus(const std::vector<std::string>& paths) {
  std::vector<CorpusInput> corpus;
  for (const std::string& arg : paths) {
    const fs::path path(arg);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::recursive_directory_iterator(path, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".pyidl") files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) corpus.push_back({file.string(), file.string(), read_file(file)});
    } else if (fs::is_regular_file(path, ec)) {
      if (path.extension() == ".md") add_markdown_blocks(path, corpus);
      else corpus.push_back({path.string(), path.string(), read_file(path)});
    } else {
      std::cout << "note: " << arg << " does not exist; skipped\n";
    }
  }
  return corpus;
}

}  // namespace pyidlc
