// analyze.cpp: runs sema's phases over each file, imported files first.
#include "compiler/sema/analyze.h"

#include "compiler/sema/phases.h"

namespace pyidlc::sema {
namespace {

// One file, start to end. Imported files were analyzed before, so names reached through
// `import` are complete; within the file, every name is collected before any is resolved so
// that declarations may come in any order.
void analyze_file(Analysis& analysis, const ast::File& file, Module& module) {
  module.name = file.module_name.joined();
  module.short_name = file.module_name.parts.empty() ? module.name : file.module_name.parts.back().text;
  module.serialized = check_attributes(analysis, file.attributes, AttributeSite::Module).serialized;
  ModuleScope& scope = collect_file(analysis, file, module);
  build_type_maps(analysis, scope);
  build_enums(analysis, scope);  // defaults and constants read enum values
  build_declarations(analysis, scope);
  check_sync(analysis, scope);
  check_names(analysis, file, scope);
}

}  // namespace

std::unique_ptr<Program> analyze(const std::vector<const ast::File*>& files_in_dependency_order,
                                 const SourceManager& sources, DiagnosticEngine& diags) {
  auto program = std::make_unique<Program>();
  Analysis analysis{.sources = sources, .diags = diags};
  for (size_t i = 0; i < files_in_dependency_order.size(); ++i) {
    bool is_main = i + 1 == files_in_dependency_order.size();
    Module& module = is_main ? program->main : program->imported.emplace_back();
    analyze_file(analysis, *files_in_dependency_order[i], module);
  }
  return program;
}

void check_generation_support(const Program& program, const SourceManager& sources,
                              DiagnosticEngine& diags) {
  Analysis analysis{.sources = sources, .diags = diags};
  check_generation_support(analysis, program.main);
}

}  // namespace pyidlc::sema
