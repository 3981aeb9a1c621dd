// printer.cpp: template dedenting, `$var$` substitution and automatic indentation.
#include "compiler/base/printer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace pyidlc {

namespace {

constexpr size_t kIndentStep = 2;

[[noreturn]] void template_bug(std::string_view what, std::string_view line) {
  // Not a diagnostic: the template is pyidlc's own code, so this is a pyidlc bug.
  std::fprintf(stderr, "pyidlc: internal error: printer: %.*s in template line '%.*s'\n",
               static_cast<int>(what.size()), what.data(), static_cast<int>(line.size()),
               line.data());
  std::abort();
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// A raw-string block without its first newline, its closing white-space-only line and its
// common indentation, so that templates can be indented like the code around them.
std::string dedent(std::string_view text) {
  text.remove_prefix(1);
  const size_t last_newline = text.rfind('\n');
  if (last_newline != std::string_view::npos && is_blank(text.substr(last_newline + 1))) {
    text = text.substr(0, last_newline + 1);
  }
  std::vector<std::string_view> lines;
  size_t common = std::string_view::npos;
  for (size_t begin = 0; begin < text.size();) {
    const size_t end = std::min(text.find('\n', begin), text.size());
    const std::string_view line = text.substr(begin, end - begin);
    if (!is_blank(line)) common = std::min(common, line.find_first_not_of(' '));
    lines.push_back(line);
    begin = end + 1;
  }
  std::string result;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!is_blank(lines[i])) result += lines[i].substr(common);
    // Every line but an unterminated last one had a newline.
    if (i + 1 < lines.size() || text.ends_with('\n')) result += '\n';
  }
  return result;
}

}  // namespace

Printer::Indent::~Indent() {
  if (printer_ != nullptr) printer_->indent_ -= kIndentStep;
}

Printer::VarScope::~VarScope() {
  if (printer_ != nullptr) printer_->scopes_.pop_back();
}

Printer::Indent Printer::indent() {
  indent_ += kIndentStep;
  return Indent(this);
}

Printer::VarScope Printer::with_vars(std::initializer_list<Var> vars) { return push_scope(vars); }

Printer::VarScope Printer::push_scope(std::initializer_list<Var> vars) {
  scopes_.emplace_back(vars);
  return VarScope(this);
}

void Printer::emit(std::initializer_list<Var> vars, std::string_view text) {
  const VarScope scope = push_scope(vars);
  const std::string block = text.starts_with('\n') ? dedent(text) : std::string(text);
  const std::string_view rest(block);
  for (size_t begin = 0; begin < rest.size();) {
    const size_t newline = rest.find('\n', begin);
    const size_t end = newline == std::string_view::npos ? rest.size() : newline;
    emit_line(rest.substr(begin, end - begin), newline != std::string_view::npos);
    begin = end + 1;
  }
}

void Printer::emit_line(std::string_view line, bool has_newline) {
  // A template line's own leading spaces become extra indentation for the rest of the line,
  // so that the later lines of a multi-line value or callback output line up under it. In
  // the middle of an output line they are just spaces.
  size_t line_indent = 0;
  if (at_line_start_) {
    line_indent = std::min(line.find_first_not_of(' '), line.size());
    line.remove_prefix(line_indent);
  }
  indent_ += line_indent;

  const bool lone_var = line.size() >= 3 && line.front() == '$' &&
                        line.find('$', 1) == line.size() - 1;
  for (size_t pos = 0; pos < line.size();) {
    const size_t open = line.find('$', pos);
    if (open == std::string_view::npos) {
      write(line.substr(pos));
      break;
    }
    write(line.substr(pos, open - pos));
    const size_t close = line.find('$', open + 1);
    if (close == std::string_view::npos) template_bug("unterminated '$'", line);
    if (close == open + 1) {
      write("$");
    } else {
      substitute(line.substr(open + 1, close - open - 1), line);
    }
    pos = close + 1;
  }
  indent_ -= line_indent;

  if (has_newline && !(lone_var && at_line_start_)) write("\n");
}

void Printer::substitute(std::string_view name, std::string_view line) {
  const Var& var = lookup(name, line);
  if (const auto* text = std::get_if<std::string>(&var.value)) {
    write(*text);
  } else {
    std::get<std::function<void()>>(var.value)();
  }
}

const Printer::Var& Printer::lookup(std::string_view name, std::string_view line) const {
  for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
    for (const Var& var : *scope) {
      if (var.name == name) return var;
    }
  }
  template_bug("unknown variable '$" + std::string(name) + "$'", line);
}

void Printer::write(std::string_view text) {
  for (char c : text) {
    if (c == '\n') {
      at_line_start_ = true;
    } else if (at_line_start_) {
      out_.append(indent_, ' ');
      at_line_start_ = false;
    }
    out_ += c;
  }
}

}  // namespace pyidlc
