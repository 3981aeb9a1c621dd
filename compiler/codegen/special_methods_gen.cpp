// special_methods_gen.cpp: slot functions for dunder methods (__repr__, __eq__, __add__, ...),
// one per type slot, mapped through sema's special-method table.
#include <map>

#include "compiler/codegen/class_gen.h"
#include "compiler/codegen/convert_gen.h"
#include "compiler/codegen/cxx_types.h"
#include "compiler/codegen/function_gen.h"
#include "compiler/sema/special_methods.h"

namespace pyidlc::codegen {

namespace {

using sema::SpecialForm;

// On a conversion failure in an operator, give Python the chance to try the other
// operand: a TypeError becomes NotImplemented, anything else stays an error.
constexpr const char* kNotImplementedOnTypeError =
    "{ if (!PyErr_ExceptionMatches(PyExc_TypeError)) return nullptr; PyErr_Clear(); "
    "Py_RETURN_NOTIMPLEMENTED; }";

// The C++ expression that calls the dunder's C++ side: an operator on the object, a cast
// (operator bool / operator double), or a member function.
std::string cxx_call(const sema::Function& fn, SpecialForm form, const std::string& args) {
  const std::string& name = fn.cxx_name;
  const std::string self = "(*self_value)";
  if (name.rfind("operator", 0) != 0) return "self_value->" + name + "(" + args + ")";
  std::string op = name.substr(8);
  if (op == "[]") return self + "[" + args + "]";
  if (op == "()") return self + "(" + args + ")";
  if (!op.empty() && op[0] == ' ') return "static_cast<" + op.substr(1) + ">" + "(" + self + ")";
  if (args.empty()) return op + self;
  if (form == SpecialForm::Reflected) return "(" + args + ") " + op + " " + self;
  return self + " " + op + " (" + args + ")";
}

// Converts the slot's operands into the parameter locals of `fn`, from `sources` in order.
void emit_operands(Printer& p, const ModuleContext& m, const sema::Function& fn,
                   const std::vector<std::string>& sources, const std::string& on_error) {
  for (size_t i = 0; i < fn.signature.params.size() && i < sources.size(); ++i) {
    const sema::Param& param = fn.signature.params[i];
    std::string local = sema::names::parameter_local(i, param.name);
    emit_declare_local(p, param.type, local, nullptr);
    emit_from_python(p, m, param.type, local, sources[i],
                     "pyidl::arg_context::parameter(" + c_string_literal(fn.python_name) + ", " +
                         c_string_literal(param.name) + ", " + std::to_string(i + 1) + ")",
                     on_error);
  }
}

// try { <result> = <call>; <return converted> } catch (...) { translate; <fail> }, the call
// inside the guard of `fn` (see call_guard_gen.h). `convert` turns the C++ `result` into the
// slot's return statement; `operands` are the PyObject* the parameters came from.
void emit_guarded_call(Printer& p, const ModuleContext& m, const sema::Class& cls,
                       const sema::Function& fn, const std::vector<std::string>& operands,
                       const std::string& call, const std::string& convert,
                       const std::string& on_error) {
  const CallGuard guard = guard_for_method(cls, fn, operands);
  p.emit("try {\n");
  {
    auto indent = p.indent();
    const bool none = fn.signature.result.kind == sema::Type::Kind::None;
    emit_guarded_statement(p, guard, none ? "" : result_declaration(fn.signature.result), call);
    p.emit({{"convert", convert}}, "$convert$\n");
  }
  p.emit("} catch (...) {\n");
  {
    auto indent = p.indent();
    emit_translate_exception(p, m, on_error);
  }
  p.emit("}\n");
}

std::string call_args(const sema::Function& fn) {
  std::string out;
  const std::vector<sema::Param>& params = fn.signature.params;
  for (size_t i = 0; i < params.size(); ++i) {
    out += (out.empty() ? "" : ", ") +
           pass_local(params[i].type, sema::names::parameter_local(i, params[i].name));
  }
  return out;
}

struct SlotWriter {
  Printer& p;
  const ModuleContext& m;
  const sema::Class& cls;

  // Opens a slot function: state and self_value are ready inside.
  void open(const std::string& signature, const std::string& on_error) {
    p.emit(signature + " {\n");  // the signature names the function as $f$
    indent_.emplace_back(p.indent());
    emit_slot_state(p, m, cls, "self", on_error);
    emit_self_value(p, cls, on_error);
  }
  void close() {
    indent_.pop_back();
    p.emit("}\n\n");
  }

  std::vector<Printer::Indent> indent_;
};

std::string unary_return(const ModuleContext& m, const sema::Function& fn, const std::string& slot) {
  const sema::Type& result = fn.signature.result;
  if (slot == "Py_tp_hash") return "return result == -1 ? -2 : static_cast<Py_hash_t>(result);";
  if (slot == "Py_nb_bool") return "return result ? 1 : 0;";
  if (slot == "Py_mp_length") {
    // What CPython's own slot wrappers do with a negative length.
    return "if (result < 0) {\n"
           "  PyErr_SetString(PyExc_ValueError, \"__len__() should return >= 0\");\n"
           "  return -1;\n"
           "}\n"
           "return static_cast<Py_ssize_t>(result);";
  }
  if (slot == "Py_tp_iter") {
    return "pyidl::ref iterable = pyidl::ref::steal(" +
           to_python_expression(m, result, "std::move(result)") +
           ");\nreturn iterable ? PyObject_GetIter(iterable.get()) : nullptr;";
  }
  if (slot == "Py_tp_iternext" && result.kind == sema::Type::Kind::Optional) {
    // An empty optional ends the iteration: returning NULL with no exception set is
    // StopIteration for tp_iternext.
    return "if (!result) return nullptr;\nreturn " +
           to_python_expression(m, result.args[0], "std::move(*result)") + ";";
  }
  return "return " + to_python_expression(m, result, "std::move(result)") + ";";
}

const char* unary_signature(const std::string& slot) {
  if (slot == "Py_tp_hash") return "Py_hash_t $f$(PyObject* self)";
  if (slot == "Py_nb_bool") return "int $f$(PyObject* self)";
  if (slot == "Py_mp_length") return "Py_ssize_t $f$(PyObject* self)";
  return "PyObject* $f$(PyObject* self)";
}

const char* failure_value(const std::string& slot) {
  if (slot == "Py_nb_bool" || slot == "Py_sq_contains" || slot == "Py_mp_ass_subscript") {
    return "return -1;";
  }
  if (slot == "Py_tp_hash" || slot == "Py_mp_length") return "return -1;";
  return "return nullptr;";
}

}  // namespace

std::vector<SlotEntry> emit_special_methods(Printer& p, const ModuleContext& m,
                                            const sema::Class& cls) {
  // Group the dunders by slot: several share one (__eq__ and __lt__ share richcompare,
  // __add__ and __radd__ share nb_add, __setitem__ and __delitem__ share mp_ass_subscript).
  std::map<std::string, std::vector<std::pair<const sema::Function*, const sema::SpecialMethod*>>>
      by_slot;
  for (const sema::Function& fn : cls.special_methods) {
    const sema::SpecialMethod* entry = sema::find_special_method(fn.python_name);
    if (entry) by_slot[std::string(entry->slot)].push_back({&fn, entry});
  }
  SlotWriter w{p, m, cls, {}};
  std::vector<SlotEntry> slots;
  for (const auto& [slot, members] : by_slot) {
    std::string f = sema::names::class_slot_function(m.module, cls, slot);
    auto vars = p.with_vars({{"f", f}, {"def", m.def_name()}, {"state_type", m.state_type()}});
    const sema::SpecialForm form = members.front().second->form;
    for (const auto& member : members) p.emit({{"label", m.label(member.first->range)}}, "// $label$\n");
    if (form == SpecialForm::Unary) {
      const sema::Function& fn = *members.front().first;
      std::string fail = failure_value(slot);
      w.open(unary_signature(slot), fail);
      emit_guarded_call(p, m, cls, fn, {}, cxx_call(fn, form, ""), unary_return(m, fn, slot), fail);
      w.close();
    } else if (form == SpecialForm::Compare) {
      w.open("PyObject* $f$(PyObject* self, PyObject* other, int op)", "return nullptr;");
      p.emit("switch (op) {\n");
      for (const auto& [fn, entry] : members) {
        p.emit({{"op", std::string(entry->compare_op)}}, "case $op$: {\n");
        auto indent = p.indent();
        emit_operands(p, m, *fn, {"other"}, kNotImplementedOnTypeError);
        emit_guarded_call(p, m, cls, *fn, {"other"}, cxx_call(*fn, form, call_args(*fn)),
                          "return " + to_python_expression(m, fn->signature.result, "result") + ";",
                          "return nullptr;");
        p.emit("}\n");
      }
      p.emit("default:\n  Py_RETURN_NOTIMPLEMENTED;\n}\n");
      w.close();
    } else if (form == SpecialForm::SetItem) {
      w.open("int $f$(PyObject* self, PyObject* key, PyObject* value)", "return -1;");
      for (bool deleting : {false, true}) {
        const sema::Function* fn = nullptr;
        for (const auto& [candidate, entry] : members) {
          if ((entry->name == "__delitem__") == deleting) fn = candidate;
        }
        p.emit(deleting ? "if (value == nullptr) {\n" : "if (value != nullptr) {\n");
        {
          auto indent = p.indent();
          if (fn == nullptr) {
            p.emit({{"what", deleting ? "deletion" : "assignment"}, {"name", cls.python_name}},
                   "PyErr_SetString(PyExc_TypeError, \"'$name$' object does not support item $what$\");\n"
                   "return -1;\n");
          } else {
            emit_operands(p, m, *fn, {"key", "value"}, "return -1;");
            emit_guarded_call(p, m, cls, *fn, {"key", "value"}, cxx_call(*fn, form, call_args(*fn)),
                              "return 0;", "return -1;");
          }
        }
        p.emit("}\n");
      }
      p.emit("return -1;  // unreachable\n");
      w.close();
    } else if (form == SpecialForm::Call) {
      const sema::Function& fn = *members.front().first;
      emit_signature_constants(p, fn, f);
      w.open("PyObject* $f$(PyObject* self, PyObject* args, PyObject* kwargs)", "return nullptr;");
      emit_unpack_and_convert(p, m, fn, f, ArgStyle::Tuple, "return nullptr;");
      emit_guarded_call(p, m, cls, fn, argument_sources(fn), cxx_call(fn, form, call_arguments(fn)),
                        fn.signature.result.kind == sema::Type::Kind::None
                            ? "Py_RETURN_NONE;"
                            : "return " + to_python_expression(m, fn.signature.result, "std::move(result)") + ";",
                        "return nullptr;");
      w.close();
    } else if (slot == "Py_mp_subscript" || slot == "Py_sq_contains") {
      const sema::Function& fn = *members.front().first;
      bool contains = slot == "Py_sq_contains";
      w.open(contains ? "int $f$(PyObject* self, PyObject* operand)"
                      : "PyObject* $f$(PyObject* self, PyObject* operand)",
             failure_value(slot));
      emit_operands(p, m, fn, {"operand"}, failure_value(slot));
      emit_guarded_call(p, m, cls, fn, {"operand"}, cxx_call(fn, form, call_args(fn)),
                        contains ? "return result ? 1 : 0;"
                                 : "return " + to_python_expression(m, fn.signature.result, "std::move(result)") + ";",
                        failure_value(slot));
      w.close();
    } else {
      // Number protocol: `left op right`, where this class may be either operand (the
      // forward method on the left, the reflected one on the right) or neither (another
      // module object's instance): then NotImplemented lets Python raise its TypeError.
      p.emit(R"cc(
        PyObject* $f$(PyObject* left, PyObject* right) {
          PyObject* module = PyType_GetModuleByDef(Py_TYPE(left), &$def$);
          if (module == nullptr) {
            PyErr_Clear();
            module = PyType_GetModuleByDef(Py_TYPE(right), &$def$);
            if (module == nullptr) {
              PyErr_Clear();
              Py_RETURN_NOTIMPLEMENTED;
            }
          }
          $state_type$* state = pyidl::state_from_module<$state_type$>(module);
      )cc");
      {
        auto indent = p.indent();
        for (const auto& [fn, entry] : members) {
          bool reflected = entry->form == SpecialForm::Reflected;
          p.emit({{"self", reflected ? "right" : "left"},
                  {"other", reflected ? "left" : "right"},
                  {"type", ClassNames(m, cls).type_field}},
                 "if (PyObject_TypeCheck($self$, state->$type$)) {\n");
          p.emit({{"self", reflected ? "right" : "left"}}, "  PyObject* self = $self$;\n");
          {
            auto indent2 = p.indent();
            emit_self_value(p, cls, "return nullptr;");
            emit_operands(p, m, *fn, {reflected ? "left" : "right"}, kNotImplementedOnTypeError);
            emit_guarded_call(p, m, cls, *fn, {reflected ? "left" : "right"},
                              cxx_call(*fn, entry->form, call_args(*fn)),
                              "return " + to_python_expression(m, fn->signature.result, "std::move(result)") + ";",
                              "return nullptr;");
          }
          p.emit("}\n");
        }
        p.emit("Py_RETURN_NOTIMPLEMENTED;\n");
      }
      p.emit("}\n\n");
    }
    slots.push_back({slot, f});
    const std::string_view second = members.front().second->sequence_slot;
    if (!second.empty()) slots.push_back({std::string(second), f});
  }
  return slots;
}

}  // namespace pyidlc::codegen
