// convert_gen.h: emits the code that moves one value between Python and C++.
#pragma once

#include <string>

#include "compiler/codegen/context.h"

namespace pyidlc::codegen {

// Declares the C++ local `var` that receives a value of `type`, initialised to the C++ form
// of `initial` when given (a parameter's default). Bound classes are held by pointer into
// their Python instance (no copy), so `var` is then a `T*`.
void emit_declare_local(Printer& p, const sema::Type& type, const std::string& var,
                        const sema::Value* initial);

// Converts the borrowed PyObject* expression `src` into the local `var` declared by
// emit_declare_local. On failure a Python exception is set and the emitted code runs
// `on_error` (e.g. "return nullptr;"). `context` is a pyidl::arg_context expression naming
// where the value came from, for error messages. The enclosing code must have `state`.
void emit_from_python(Printer& p, const ModuleContext& m, const sema::Type& type,
                      const std::string& var, const std::string& src, const std::string& context,
                      const std::string& on_error);

// How the local `var` is passed on to the C++ callee.
std::string pass_local(const sema::Type& type, const std::string& var);

// An expression that converts the C++ value `value` of `type` to a new reference (nullptr
// with an exception set on failure). The enclosing code must have `state`.
std::string to_python_expression(const ModuleContext& m, const sema::Type& type,
                                 const std::string& value);

// The C++ expression for a default or constant `value` of `type`.
std::string cxx_value(const sema::Type& type, const sema::Value& value);

// Whether a C++ result of `type` keeps the C++ callee's own type (`auto&&`) instead of
// being converted to the IDL's C++ type first. True for containers converted by the
// runtime's templates: a C++ API returning std::vector<std::pair<std::string, size_t>> for
// `list[tuple[str, int]]` converts directly, with no copy into
// std::vector<std::tuple<std::string, std::int64_t>> (which C++ could not do implicitly).
// Mapped types too: a C++ API declared to return std::chrono::seconds for a `timedelta`
// mapped to microseconds converts with the converter of seconds.
bool keeps_cxx_result_type(const sema::Type& type);

// The declaration of the local `result` holding a C++ value of `type`: "auto&& result" or
// "std::int64_t result".
std::string result_declaration(const sema::Type& type);

// Whether converting `type` needs the module state (bound classes and enums do).
bool needs_state(const sema::Type& type);

}  // namespace pyidlc::codegen
