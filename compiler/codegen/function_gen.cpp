// function_gen.cpp: the body every generated wrapper shares, in Argument Clinic's shape:
// one unpack call, one conversion per parameter, one guarded call of the C++ callee.
#include "compiler/codegen/function_gen.h"

#include <vector>

#include "compiler/codegen/convert_gen.h"
#include "compiler/codegen/cxx_types.h"

namespace pyidlc::codegen {

namespace {

// Parameter indices in the order the runtime unpacker wants them: positional ones as
// declared (sema guarantees required before optional there), then the keyword-only ones
// with the required first (Python allows any order after `*`).
std::vector<size_t> unpack_order(const sema::Signature& sig) {
  std::vector<size_t> order;
  for (size_t i = 0; i < sig.params.size(); ++i) {
    if (sig.params[i].kind != sema::ParamKind::KeywordOnly) order.push_back(i);
  }
  for (bool required : {true, false}) {
    for (size_t i = 0; i < sig.params.size(); ++i) {
      const sema::Param& param = sig.params[i];
      if (param.kind == sema::ParamKind::KeywordOnly && required == !param.default_value) {
        order.push_back(i);
      }
    }
  }
  return order;
}

// The C++ local of the parameter at `index` in the Python signature. Numbered, so no
// parameter name (`new`, `class`) can clash with C++ (see sema/generated_names.h).
std::string local_name(const sema::Signature& sig, size_t index) {
  return sema::names::parameter_local(index, sig.params[index].name);
}

// Parameters without a default among the keyword-only ones, or among the others.
size_t count_required(const sema::Signature& sig, bool keyword_only) {
  size_t count = 0;
  for (const sema::Param& param : sig.params) {
    bool is_keyword_only = param.kind == sema::ParamKind::KeywordOnly;
    if (is_keyword_only == keyword_only && !param.default_value) ++count;
  }
  return count;
}

}  // namespace

void emit_signature_constants(Printer& p, const sema::Function& fn,
                              const std::string& c_name) {
  const sema::Signature& sig = fn.signature;
  if (sig.params.empty()) return;  // the wrapper checks "takes no arguments" itself
  size_t positional_only = 0, positional_or_keyword = 0, keyword_only = 0;
  for (const sema::Param& param : sig.params) {
    switch (param.kind) {
      case sema::ParamKind::PositionalOnly: ++positional_only; break;
      case sema::ParamKind::PositionalOrKeyword: ++positional_or_keyword; break;
      case sema::ParamKind::KeywordOnly: ++keyword_only; break;
    }
  }
  // The argument contexts are constant too: built once at compile time rather than on the
  // stack of every call (they only matter when a conversion fails).
  std::string names, contexts;
  for (size_t index : unpack_order(sig)) {
    const sema::Param& param = sig.params[index];
    names += c_string_literal(param.name) + ", ";
    contexts += "pyidl::arg_context::parameter(" + c_string_literal(fn.python_name) + ", " +
                c_string_literal(param.name) + ", " + std::to_string(index + 1) + ", " +
                (param.kind == sema::ParamKind::PositionalOnly ? "true" : "false") + "),\n";
  }
  p.emit({{"names_id", sema::names::signature_names(c_name)},
          {"contexts_id", sema::names::signature_contexts(c_name)},
          {"contexts", contexts},
          {"sig_id", sema::names::signature_constant(c_name)},
          {"python_name", c_string_literal(fn.python_name)},
          {"names", "{" + names + "}"},
          {"po", positional_only},
          {"pk", positional_or_keyword},
          {"ko", keyword_only},
          {"req_pos", count_required(sig, /*keyword_only=*/false)},
          {"req_kw", count_required(sig, /*keyword_only=*/true)}},
         R"cc(
                 constexpr const char* $names_id$[] = $names$;
                 constexpr pyidl::signature $sig_id${
                     $python_name$, $names_id$, /*positional_only=*/$po$,
                     /*positional_or_keyword=*/$pk$, /*keyword_only=*/$ko$,
                     /*required_positional=*/$req_pos$, /*required_keyword_only=*/$req_kw$};
                 static_assert($sig_id$.validate());
                 constexpr pyidl::arg_context $contexts_id$[] = {
                     $contexts$
                 };
               )cc");
}

void for_each_keyword_wrapper(
    const ModuleContext& m,
    const std::function<void(const std::string&, const sema::Function&)>& visit) {
  for (const sema::Function& fn : m.module.functions) {
    if (!fn.signature.params.empty()) visit(sema::names::function_wrapper(m.module, fn), fn);
  }
  for (const sema::Class& cls : m.module.classes) {
    for (const sema::Function& fn : cls.methods) {
      if (!fn.signature.params.empty()) visit(sema::names::method_wrapper(m.module, cls, fn), fn);
    }
    if (cls.constructor && !cls.constructor->signature.params.empty()) {
      visit(sema::names::method_wrapper(m.module, cls, *cls.constructor), *cls.constructor);
    }
  }
}

std::string interned_names_field(const std::string& c_name) { return "kw_" + c_name; }

void emit_unpack_and_convert(Printer& p, const ModuleContext& m, const sema::Function& fn,
                             const std::string& c_name, ArgStyle style,
                             const std::string& on_error, const std::string& owner,
                             const std::string& state_expr) {
  const sema::Signature& sig = fn.signature;
  auto vars = p.with_vars({{"sig_id", sema::names::signature_constant(c_name)}, {"fail", on_error}});
  if (sig.params.empty()) {
    // Reject stray arguments with the words of CPython's METH_NOARGS functions. The sizes
    // are read through pyidl/detail/stable_abi.h: the macros, except under the limited API.
    bool fast = style == ArgStyle::Fastcall;
    p.emit({{"name", fn.kind == sema::FunctionKind::ModuleFunction || owner.empty()
                         ? fn.python_name
                         : owner + "." + fn.python_name},
            {"has_keywords", fast ? "kwnames != nullptr && pyidl::detail::tuple_size(kwnames) != 0"
                                  : "kwargs != nullptr && pyidl::detail::dict_size(kwargs) != 0"},
            {"count", fast ? "PyVectorcall_NARGS(static_cast<size_t>(nargs))"
                           : "pyidl::detail::tuple_size(args)"}},
           R"cc(
             if ($has_keywords$) {
               PyErr_SetString(PyExc_TypeError, "$name$() takes no keyword arguments");
               $fail$
             }
             if ($count$ != 0) {
               PyErr_Format(PyExc_TypeError, "$name$() takes no arguments (%zd given)", $count$);
               $fail$
             }
           )cc");
    return;
  }
  p.emit({{"count", sig.params.size()}}, "PyObject* argv[$count$];\n");
  if (style == ArgStyle::Fastcall && !state_expr.empty()) {
    // The state (and its interned names) only matters when keywords are passed.
    p.emit({{"interned", "kwnames != nullptr ? " + state_expr + "->" + interned_names_field(c_name) +
                             " : nullptr"}},
           "if (!pyidl::unpack_args($sig_id$, args, nargs, kwnames, argv,\n"
           "                        $interned$)) {\n"
           "  $fail$\n"
           "}\n");
  } else {
    p.emit(style == ArgStyle::Fastcall
               ? "if (!pyidl::unpack_args($sig_id$, args, nargs, kwnames, argv)) $fail$\n"
               : "if (!pyidl::unpack_args_tuple($sig_id$, args, kwargs, argv)) $fail$\n");
  }
  std::vector<size_t> order = unpack_order(sig);
  for (size_t slot = 0; slot < order.size(); ++slot) {
    const sema::Param& param = sig.params[order[slot]];
    const sema::Value* initial = param.default_value ? &*param.default_value : nullptr;
    const std::string local = local_name(sig, order[slot]);
    emit_declare_local(p, param.type, local, initial);
    std::string src = "argv[" + std::to_string(slot) + "]";
    std::string context =
        sema::names::signature_contexts(c_name) + "[" + std::to_string(slot) + "]";
    if (initial) {
      p.emit({{"src", src}}, "if ($src$ != nullptr) {\n");
      {
        auto indent = p.indent();
        emit_from_python(p, m, param.type, local, src, context, on_error);
      }
      p.emit("}\n");
    } else {
      emit_from_python(p, m, param.type, local, src, context, on_error);
    }
  }
}

std::string call_arguments(const sema::Function& fn) {
  const sema::Signature& sig = fn.signature;
  std::vector<std::string> args;
  for (size_t i = 0; i < sig.params.size(); ++i) {
    args.push_back(pass_local(sig.params[i].type, local_name(sig, i)));
  }
  if (sig.state_index) {
    args.insert(args.begin() + static_cast<std::ptrdiff_t>(*sig.state_index), "*state->user_state");
  }
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out;
}

void emit_translate_exception(Printer& p, const ModuleContext& m, const std::string& on_error,
                              const std::string& lazy_state) {
  if (!lazy_state.empty() && !m.module.exceptions.empty()) {
    p.emit({{"state_type", m.state_type()}, {"lazy", lazy_state}},
           "$state_type$* state = $lazy$;\n");
  }
  if (has_mapped_exceptions(m.module)) {
    p.emit({{"translate", sema::names::module_translate(m.module)}, {"fail", on_error}},
           "$translate$(state);\n$fail$\n");
    return;
  }
  size_t count = m.module.exceptions.size();
  p.emit({{"domain", m.error_domain()}, {"count", count}, {"fail", on_error}},
         count == 0 ? "pyidl::translate_current_exception();\n$fail$\n"
                    : "pyidl::translate_current_exception($domain$, state->exceptions, $count$);\n"
                      "$fail$\n");
}

bool has_mapped_exceptions(const sema::Module& module) {
  for (const sema::Exception& e : module.exceptions) {
    if (e.cxx_type) return true;
  }
  return false;
}

void emit_exception_translator(Printer& p, const ModuleContext& m) {
  if (!has_mapped_exceptions(m.module)) return;
  p.emit({{"translate", sema::names::module_translate(m.module)},
          {"state_type", m.state_type()}},
         R"cc(
           // Raises the Python exception for the C++ exception being handled; call it only
           // inside a catch block. C++ types mapped with `exception E(...) = cxx::T;` are
           // tried in declaration order, then the runtime's standard translation.
           void $translate$($state_type$* state) noexcept {
             try {
               throw;
         )cc");
  {
    auto indent = p.indent();
    for (const sema::Exception& e : m.module.exceptions) {
      if (!e.cxx_type) continue;
      p.emit({{"type", *e.cxx_type}, {"index", e.index}, {"label", m.label(e.range)}},
             R"cc(
               } catch (const $type$& error) {  // $label$
                 pyidl::ref message = pyidl::ref::steal(
                     PyUnicode_DecodeUTF8(error.what(), std::strlen(error.what()), "replace"));
                 if (message) PyErr_SetObject(state->exceptions[$index$], message.get());
             )cc");
    }
    p.emit({{"domain", m.error_domain()}, {"count", m.module.exceptions.size()}},
           R"cc(
             } catch (...) {
               pyidl::translate_current_exception($domain$, state->exceptions, $count$);
             }
           )cc");
  }
  p.emit("}\n\n");
}

bool needs_state_up_front(const sema::Function& fn) {
  if (fn.signature.state_index || needs_state(fn.signature.result)) return true;
  for (const sema::Param& param : fn.signature.params) {
    if (needs_state(param.type)) return true;
  }
  return false;
}

std::vector<std::string> argument_sources(const sema::Function& fn) {
  const std::vector<size_t> order = unpack_order(fn.signature);
  std::vector<std::string> sources(order.size());
  for (size_t slot = 0; slot < order.size(); ++slot) {
    sources[order[slot]] = "argv[" + std::to_string(slot) + "]";
  }
  return sources;
}

void emit_call_and_return(Printer& p, const ModuleContext& m, const sema::Function& fn,
                          const std::string& callee, const CallGuard& guard,
                          const std::string& lazy_state) {
  const sema::Type& result = fn.signature.result;
  const std::string call = callee + "(" + call_arguments(fn) + ")";
  p.emit("try {\n");
  {
    auto indent = p.indent();
    if (result.kind == sema::Type::Kind::None) {
      emit_guarded_statement(p, guard, "", call);
      p.emit("Py_RETURN_NONE;\n");
    } else {
      // Scalars take the IDL's C++ type, applying the callee's implicit conversions
      // (int → int64_t) in one visible place; containers keep the callee's own type.
      emit_guarded_statement(p, guard, result_declaration(result), call);
      p.emit({{"to_python", to_python_expression(m, result, "std::move(result)")}},
             "return $to_python$;\n");
    }
  }
  p.emit("} catch (...) {\n");
  {
    auto indent = p.indent();
    emit_translate_exception(p, m, "return nullptr;", lazy_state);
  }
  p.emit("}\n");
}

std::string docstring_with_signature(const sema::Function& fn, const std::string& self_name) {
  std::string params = fn.signature.python_parameters(/*annotated=*/false);
  // python_parameters gives "(a, b=1)"; CPython wants the bound parameter first, "$module"
  // or "$self", which inspect drops.
  std::string inner = params.substr(1, params.size() - 2);
  std::string text = fn.python_name + "(" + self_name + (inner.empty() ? "" : ", " + inner) +
                     ")\n--\n\n";
  if (fn.doc) text += clean_docstring(*fn.doc);
  return text;
}

}  // namespace pyidlc::codegen
