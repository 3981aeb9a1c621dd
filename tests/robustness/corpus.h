// corpus.h: the seed inputs of the robustness suite, read from files, folders and Markdown.
#pragma once

#include <string>
#include <vector>

namespace pyidlc {

struct CorpusInput {
  std::string origin;  // where it came from, for reports: a path, or "doc.md: block 2"
  std::string path;    // the path to compile it as (imports resolve relative to it)
  std::string text;
};

// Reads every argument: a folder contributes each *.pyidl under it (recursively), a .md file
// each of its ```pyidl blocks, any other file itself. Missing paths are skipped with a note
// on stdout (the design notes beside the repository are optional). Sorted, so every run sees
// the same order.
std::vector<CorpusInput> load_corpus(const std::vector<std::string>& paths);

}  // namespace pyidlc
