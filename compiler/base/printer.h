// printer.h: a small `$var$` template printer for generating C++ (a protobuf io::Printer subset).
#pragma once

#include <concepts>
#include <deque>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace pyidlc {

// Appends generated text to a string, filling in `$name$` variables and keeping indentation.
//
//   std::string out;
//   Printer p(out);
//   auto vars = p.with_vars({{"mod", "geometry"}});
//   p.emit({{"name", "norm"},
//           {"body", [&] { p.emit("return nullptr;\n"); }}},
//          R"cc(
//            PyObject* $mod$_$name$(PyObject* module) {
//              $body$
//            }
//          )cc");
//
// appends
//
//   PyObject* geometry_norm(PyObject* module) {
//     return nullptr;
//   }
//
// Rules:
//  - A template that starts with a newline is a raw-string block: the newline is dropped,
//    the common leading indentation of its non-blank lines is removed, and a last line of
//    only white space (the one holding `)cc"`) is dropped. Other templates are used as is.
//  - Every line written starts with the printer's indentation (see indent()); blank lines
//    stay empty, so the output never has trailing white space from indentation.
//  - A value that spans several lines keeps the indentation of the line `$var$` is on, and so
//    does everything a callback emits.
//  - A `$var$` (value or callback) that stands alone on its line and leaves the output at the
//    start of a line (it ended in a newline, or wrote nothing) swallows the template's own
//    newline, so callbacks that emit whole lines, or nothing, leave no blank line behind.
//  - `$$` writes a literal `$`.
//  - An unknown variable or an unterminated `$` is a bug in the generator, not in the user's
//    input: the printer reports it on stderr and aborts.
class Printer {
 public:
  // A variable's value: text, or a callback that emits text in its place.
  struct Var {
    Var(std::string_view name, std::string_view text) : name(name), value(std::string(text)) {}
    Var(std::string_view name, const char* text) : name(name), value(std::string(text)) {}
    Var(std::string_view name, std::string text) : name(name), value(std::move(text)) {}
    // Numbers are spelled in decimal; bool and char are not numbers here (use text).
    template <std::integral Int>
      requires(!std::same_as<Int, bool> && !std::same_as<Int, char>)
    Var(std::string_view name, Int number) : name(name), value(std::to_string(number)) {}
    Var(std::string_view name, std::function<void()> callback)
        : name(name), value(std::move(callback)) {}
    template <std::invocable Callback>
    Var(std::string_view name, Callback callback)
        : name(name), value(std::function<void()>(std::move(callback))) {}

    std::string name;
    std::variant<std::string, std::function<void()>> value;
  };

  // Ends an indentation level on destruction (see indent()).
  class [[nodiscard]] Indent {
   public:
    Indent(Indent&& other) noexcept : printer_(std::exchange(other.printer_, nullptr)) {}
    Indent& operator=(Indent&&) = delete;
    ~Indent();

   private:
    friend class Printer;
    explicit Indent(Printer* printer) : printer_(printer) {}
    Printer* printer_;
  };

  // Drops a set of variables on destruction (see with_vars()).
  class [[nodiscard]] VarScope {
   public:
    VarScope(VarScope&& other) noexcept : printer_(std::exchange(other.printer_, nullptr)) {}
    VarScope& operator=(VarScope&&) = delete;
    ~VarScope();

   private:
    friend class Printer;
    explicit VarScope(Printer* printer) : printer_(printer) {}
    Printer* printer_;
  };

  // Appends to `out`, which must outlive the printer.
  explicit Printer(std::string& out) : out_(out) {}
  Printer(const Printer&) = delete;
  Printer& operator=(const Printer&) = delete;

  // Writes `text` with `vars` (which shadow any with_vars() variables) substituted.
  void emit(std::initializer_list<Var> vars, std::string_view text);
  void emit(std::string_view text) { emit({}, text); }

  // Indents every line written until the returned object is destroyed by two more spaces.
  Indent indent();

  // Makes `vars` visible to every emit() until the returned object is destroyed. Inner
  // scopes shadow outer ones.
  VarScope with_vars(std::initializer_list<Var> vars);

 private:
  using Scope = std::vector<Var>;

  VarScope push_scope(std::initializer_list<Var> vars);
  void emit_line(std::string_view line, bool has_newline);
  void substitute(std::string_view name, std::string_view line);
  const Var& lookup(std::string_view name, std::string_view line) const;
  void write(std::string_view text);

  std::string& out_;
  std::deque<Scope> scopes_;  // a deque: a running callback's Var must not move
  size_t indent_ = 0;
  bool at_line_start_ = true;
};

}  // namespace pyidlc
