// function_gen.h: the wrapper around one C++ callable: unpack, convert, call, convert back.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compiler/codegen/call_guard_gen.h"
#include "compiler/codegen/context.h"

namespace pyidlc::codegen {

// How the wrapper receives its arguments from CPython.
enum class ArgStyle {
  Fastcall,  // (args, nargs, kwnames): METH_FASTCALL|METH_KEYWORDS and vectorcall
  Tuple,     // (args, kwargs): tp_init
};

// Emits the signature constants of `fn` at namespace scope: `<c_name>_names` and
// `<c_name>_sig` (a pyidl::signature), ordered as the runtime's unpacker wants.
void emit_signature_constants(Printer& p, const sema::Function& fn,
                              const std::string& c_name);

// Emits the statements of a wrapper body after `state` (the module state pointer) is known:
// unpack the arguments, convert each, then `call` — a callback that emits the call of the
// C++ callee given the argument list text and must leave the Python result in a `return`.
// `on_error` is the statement that leaves the wrapper on failure ("return nullptr;").
// `owner` is the class name for methods ("Point"): CPython names methods that take no
// arguments by their qualified name in errors ("Point.norm() takes no arguments").
// `state_expr` (Fastcall only) finds the module state holding the interned names, looked up
// only when keywords are passed; "" passes none.
void emit_unpack_and_convert(Printer& p, const ModuleContext& m, const sema::Function& fn,
                             const std::string& c_name, ArgStyle style,
                             const std::string& on_error, const std::string& owner = "",
                             const std::string& state_expr = "");

// Calls `visit(wrapper, fn)` for every METH_FASTCALL/vectorcall wrapper of the module that
// takes parameters: module functions, methods, static and class methods, constructors.
// Their parameter names are interned in module state, so that keyword arguments (interned
// by the caller's code object) match by pointer, as in CPython's own functions.
void for_each_keyword_wrapper(const ModuleContext& m,
                              const std::function<void(const std::string&, const sema::Function&)>& visit);

// The module state's array of interned parameter names of wrapper `c_name`.
std::string interned_names_field(const std::string& c_name);

// The C++ argument list of a call of `fn` once emit_unpack_and_convert has run: the
// converted locals in C++ order, with the author's state where `state` stands.
std::string call_arguments(const sema::Function& fn);

// Whether the wrapper of `fn` needs the module state before any error: a parameter or the
// result is a bound class or enum, or `state` is passed to C++. Otherwise the wrapper looks
// the state up only on the error path, where the exception types are (a lookup is a call
// into CPython the C++ compiler cannot remove, paid on every call).
bool needs_state_up_front(const sema::Function& fn);

// The PyObject* each parameter of `fn` was unpacked into by emit_unpack_and_convert
// ("argv[2]"), by parameter index.
std::vector<std::string> argument_sources(const sema::Function& fn);

// Emits `try { <result> = callee(args); return <to Python>; } catch (...) { ... }`, the call
// inside `guard`. `callee` is a C++ expression naming the function to call. `lazy_state` is
// the expression that finds the state on the error path when the wrapper has not looked it
// up before (see needs_state_up_front), or "" when `state` is already there.
void emit_call_and_return(Printer& p, const ModuleContext& m, const sema::Function& fn,
                          const std::string& callee, const CallGuard& guard,
                          const std::string& lazy_state = "");

// Whether any declared exception maps a C++ exception type (`= cxx::T`).
bool has_mapped_exceptions(const sema::Module& module);

// Emits the module's exception translator when it maps C++ exception types; wrappers then
// call it instead of the runtime's translation.
void emit_exception_translator(Printer& p, const ModuleContext& m);

// Emits the catch clause body every wrapper shares: translate the C++ exception (declared
// exceptions through the module state) and run `on_error`.
// `lazy_state`: as for emit_call_and_return.
void emit_translate_exception(Printer& p, const ModuleContext& m, const std::string& on_error,
                              const std::string& lazy_state = "");

// The docstring of `fn` with CPython's __text_signature__ prefix, e.g.
// "norm($module, /, v)\n--\n\nNorm of v." for a module function.
std::string docstring_with_signature(const sema::Function& fn, const std::string& self_name);

}  // namespace pyidlc::codegen
