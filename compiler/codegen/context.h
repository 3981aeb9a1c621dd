// context.h: what every part of the generator needs to know about the module it emits.
#pragma once

#include <functional>
#include <string>

#include "compiler/base/printer.h"
#include "compiler/base/source_manager.h"
#include "compiler/codegen/generator.h"
#include "compiler/codegen/type_uses.h"
#include "compiler/sema/generated_names.h"
#include "compiler/sema/model.h"

namespace pyidlc::codegen {

// One module being generated. Every C++ identifier of generated code is spelled by
// sema/generated_names.h, which sema also uses to reject IDL names that would collide.
struct ModuleContext {
  const sema::Module& module;
  const SourceManager& sources;
  const GenerateOptions& options;
  std::string prefix;
  TypeUses uses;  // which class and enum helpers the module's code calls

  ModuleContext(const sema::Module& module, const SourceManager& sources,
                const GenerateOptions& options);

  // The module state struct.
  std::string state_type() const { return sema::names::module_state(module); }
  // The PyModuleDef, which slots use to find the state.
  std::string def_name() const { return sema::names::module_def(module); }
  // "<prefix>_pyidl::errors": the pyidl::error_domain of the declared exceptions, defined
  // in the generated header so that C++ code can throw them.
  std::string error_domain() const { return prefix + "_pyidl::errors"; }
  // "<file>:<line>: <first line of the declaration>": the label above each section.
  std::string label(SourceRange range) const;
};

// Calls `f` on `module` and its submodules, depth first (a file's modules, main one first).
void for_each_module(const sema::Module& module, const std::function<void(const sema::Module&)>& f);

// Emits the C string literal for `text` (quotes and escapes included).
std::string c_string_literal(const std::string& text);

// A docstring as CPython shows it: common indentation removed, as inspect.cleandoc does.
std::string clean_docstring(const std::string& doc);

// Emitters, one per part of the generated source; each writes one section through `p`.
void emit_state_struct(Printer& p, const ModuleContext& m);
void emit_enum_helpers(Printer& p, const ModuleContext& m);
void emit_class_helpers(Printer& p, const ModuleContext& m);
void emit_class(Printer& p, const ModuleContext& m, const sema::Class& cls);
void emit_module_functions(Printer& p, const ModuleContext& m);
void emit_module_init(Printer& p, const ModuleContext& m);
// Closes the anonymous namespace and emits PyInit_<name> (the file's main module only).
void emit_module_export(Printer& p, const ModuleContext& m);
// The helper Py_mod_exec uses to create submodules (emitted once, when there are any).
void emit_submodule_helper(Printer& p, const ModuleContext& m);

}  // namespace pyidlc::codegen
