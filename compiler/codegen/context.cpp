// context.cpp: naming and text helpers shared by every emitter.
#include "compiler/codegen/context.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>


namespace pyidlc::codegen {

ModuleContext::ModuleContext(const sema::Module& module, const SourceManager& sources,
                             const GenerateOptions& options)
    : module(module), sources(sources), options(options),
      prefix(sema::names::module_prefix(module)), uses(collect_type_uses(module)) {}

std::string ModuleContext::label(SourceRange range) const {
  if (!range.valid()) return options.source_path;
  LineColumn lc = sources.line_column(range.begin);
  std::string text(sources.line_text(range.begin.file, lc.line));
  // Labels are comments: trim, and keep a stray "*/" or backslash-newline from mattering.
  text.erase(0, text.find_first_not_of(" \t"));
  while (!text.empty() && (text.back() == '\\' || text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
  if (text.size() > 100) text = text.substr(0, 97) + "...";
  std::string name(sources.path(range.begin.file));
  name = name.substr(name.find_last_of('/') + 1);
  return name + ":" + std::to_string(lc.line) + ": " + text;
}

void for_each_module(const sema::Module& module, const std::function<void(const sema::Module&)>& f) {
  f(module);
  for (const sema::Module& child : module.submodules) for_each_module(child, f);
}

std::string c_string_literal(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '?': out += "\\?"; break;  // no trigraphs, whatever the compiler's mode
      default:
        if (c < 0x20 || c == 0x7f) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\%03o", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);  // UTF-8 bytes pass through: sources are UTF-8
        }
    }
  }
  return out + "\"";
}

std::string clean_docstring(const std::string& doc) {
  // inspect.cleandoc: the first line loses its leading white space, the rest their common
  // indentation, and leading and trailing blank lines go.
  std::vector<std::string> lines;
  std::istringstream in(doc);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.empty()) return "";
  size_t margin = std::string::npos;
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t first = lines[i].find_first_not_of(" \t");
    if (first != std::string::npos) margin = std::min(margin, first);
  }
  lines[0].erase(0, lines[0].find_first_not_of(" \t") == std::string::npos
                        ? lines[0].size()
                        : lines[0].find_first_not_of(" \t"));
  for (size_t i = 1; i < lines.size(); ++i) {
    if (margin != std::string::npos && lines[i].size() >= margin) lines[i].erase(0, margin);
    lines[i].erase(lines[i].find_last_not_of(" \t") + 1);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  while (!lines.empty() && lines.front().empty()) lines.erase(lines.begin());
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

}  // namespace pyidlc::codegen
