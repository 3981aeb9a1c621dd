// loader.cpp: source loading, UTF-8 checking and the depth-first walk over imports.
#include "compiler/loader.h"

#include <map>
#include <system_error>
#include <type_traits>
#include <variant>

#include "compiler/base/utf8.h"
#include "compiler/parse/parser.h"

namespace pyidlc {

namespace fs = std::filesystem;

namespace {

// The `import` declarations of a file, including those inside `module x { ... }` blocks,
// in source order.
void collect_imports(const std::vector<ast::Declaration>& declarations,
                     std::vector<const ast::Import*>& imports) {
  for (const ast::Declaration& declaration : declarations) {
    if (const auto* import = std::get_if<ast::Import>(&declaration)) {
      imports.push_back(import);
    } else if (const auto* sub = std::get_if<std::unique_ptr<ast::Submodule>>(&declaration)) {
      collect_imports((*sub)->declarations, imports);
    }
  }
}

// The identity of a file for "already loaded?" and "is this a cycle?": the same file
// reached through two spellings (a/../b.pyidl, a symlink) is still one file.
fs::path identity(const fs::path& path) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(path, error);
  return error ? fs::absolute(path).lexically_normal() : canonical;
}

class ImportLoader {
 public:
  ImportLoader(const std::vector<std::string>& include_dirs, const std::string& stdlib_dir,
               SourceManager& sources,
               DiagnosticEngine& diags)
      : include_dirs_(include_dirs), stdlib_dir_(stdlib_dir), sources_(sources), diags_(diags) {}

  ParsedFiles run(ast::File main) {
    const fs::path key = identity(std::string(sources_.path(main.file)));
    result_.files.push_back(std::move(main));
    visit(result_.files.back(), key, nullptr);
    return std::move(result_);
  }

 private:
  enum class State { Loading, Done };

  // A file whose imports are being loaded, and the import that led to it (none for main).
  struct Frame {
    fs::path key;
    const ast::Import* entered_by;
  };

  // Loads everything `file` imports, then appends `file` after them: a post-order walk.
  void visit(const ast::File& file, const fs::path& key, const ast::Import* entered_by) {
    state_[key] = State::Loading;
    stack_.push_back(Frame{key, entered_by});
    std::vector<const ast::Import*> imports;
    collect_imports(file.declarations, imports);
    for (const ast::Import* import : imports) load_import(file, *import);
    stack_.pop_back();
    state_[key] = State::Done;
    result_.in_dependency_order.push_back(&file);
  }

  void load_import(const ast::File& importer, const ast::Import& import) {
    const std::optional<fs::path> path = find(importer, import);
    if (!path) return;
    const fs::path key = identity(*path);
    if (const auto seen = state_.find(key); seen != state_.end()) {
      if (seen->second == State::Loading) report_cycle(import, key);
      return;  // parsed already (or failed to load, which was reported then)
    }
    // Marked before loading so that a file that fails to load is reported only once.
    state_[key] = State::Done;
    const std::optional<FileId> file = load_source(*path, import.module.range, sources_, diags_);
    if (!file) return;
    std::optional<ast::File> parsed = parse::parse_file(sources_, *file, diags_);
    if (!parsed) return;
    result_.files.push_back(std::move(*parsed));
    visit(result_.files.back(), key, &import);
  }

  // Where `import a.b;` finds a/b.pyidl: beside the importer, then in each -I directory.
  // `std.*` is pyidl's own bindings and is found only in the stdlib_bindings directory, so
  // that no project file can stand in for it by accident.
  std::optional<fs::path> find(const ast::File& importer, const ast::Import& import) {
    fs::path relative;
    for (const ast::Name& part : import.module.parts) relative /= part.text;
    relative += ".pyidl";

    std::vector<fs::path> searched;
    if (import.module.parts.front().text == "std") {
      searched.push_back(fs::path(stdlib_dir_) / relative);
    } else {
      searched.push_back(fs::path(sources_.path(importer.file)).parent_path() / relative);
      for (const std::string& dir : include_dirs_) searched.push_back(fs::path(dir) / relative);
    }
    for (fs::path& candidate : searched) {
      candidate = candidate.lexically_normal();
      std::error_code error;
      // Any existing path counts, even a directory: "cannot read" says more than "not found".
      if (fs::exists(candidate, error)) return candidate;
    }
    auto report = diags_.report(DiagKind::ImportNotFound, import.module.range,
                                import.module.joined());
    for (const fs::path& candidate : searched) {
      report.note(DiagKind::ImportSearchPath, SourceRange{}, candidate.generic_string());
    }
    return std::nullopt;
  }

  // `import` closes a cycle back to the file `key`, which is still on the stack: name the
  // imports that make up the cycle, from that file's import onwards.
  void report_cycle(const ast::Import& import, const fs::path& key) {
    auto report = diags_.report(DiagKind::ImportCycle, import.module.range,
                                import.module.joined());
    bool on_cycle = false;
    for (const Frame& frame : stack_) {
      if (on_cycle) {
        report.note(DiagKind::ImportedHere, frame.entered_by->module.range,
                    frame.entered_by->module.joined());
      }
      on_cycle = on_cycle || frame.key == key;
    }
  }

  const std::vector<std::string>& include_dirs_;
  const std::string& stdlib_dir_;
  SourceManager& sources_;
  DiagnosticEngine& diags_;
  ParsedFiles result_;
  std::map<fs::path, State> state_;
  std::vector<Frame> stack_;
};

}  // namespace

std::optional<FileId> load_source(const fs::path& path, SourceRange requested_at,
                                  SourceManager& sources, DiagnosticEngine& diags) {
  std::string reason;
  const std::optional<FileId> file = sources.load_file(path, &reason);
  if (!file) {
    diags.report(DiagKind::FileNotReadable, requested_at, path.string(), reason);
    return std::nullopt;
  }
  if (!check_utf8(*file, sources, diags)) return std::nullopt;
  return file;
}

bool check_utf8(FileId file, const SourceManager& sources, DiagnosticEngine& diags) {
  const std::string_view text = sources.text(file);
  const std::optional<size_t> bad = utf8::first_invalid_byte(text);
  if (!bad) return true;
  const SourceRange at{SourceLoc{file, static_cast<uint32_t>(*bad)}, 1};
  const auto byte = static_cast<unsigned char>(text[*bad]);
  diags.report(DiagKind::InvalidUtf8, at, static_cast<unsigned>(byte));
  return false;
}

ParsedFiles load_imports(ast::File main, const std::vector<std::string>& include_dirs,
                         const std::string& stdlib_dir, SourceManager& sources,
                         DiagnosticEngine& diags) {
  return ImportLoader(include_dirs, stdlib_dir, sources, diags).run(std::move(main));
}

std::string default_stdlib_dir() {
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  return (exe.parent_path().parent_path() / "share" / "pyidl" / "stdlib_bindings").string();
}

}  // namespace pyidlc
