// module_gen.cpp: the module as a whole, in the shape of CPython's Modules/xxlimited.c: the
// state struct, module functions, Py_mod_exec, traverse/clear/free, slots and PyModuleDef.
#include <algorithm>
#include <functional>

#include "compiler/codegen/class_gen.h"
#include "compiler/codegen/convert_gen.h"
#include "compiler/codegen/cxx_types.h"
#include "compiler/codegen/function_gen.h"
#include "compiler/codegen/instance_layout.h"

namespace pyidlc::codegen {

namespace {

// Bases before the classes and exceptions that derive from them, so that Py_mod_exec can
// create each after its base. Declaration order otherwise.
template <class T>
std::vector<const T*> bases_first(const std::deque<T>& items, const T* (*base_of)(const T&)) {
  std::vector<const T*> order;
  std::function<void(const T&)> visit = [&](const T& item) {
    if (std::find(order.begin(), order.end(), &item) != order.end()) return;
    if (const T* base = base_of(item)) visit(*base);
    order.push_back(&item);
  };
  for (const T& item : items) visit(item);
  return order;
}

const sema::Class* class_base(const sema::Class& cls) { return cls.base; }

// The module of the file, whose generated code holds the helpers every submodule shares.
const sema::Module* root_module(const sema::Module& module) {
  const sema::Module* root = &module;
  while (root->parent != nullptr) root = root->parent;
  return root;
}
const sema::Exception* exception_base(const sema::Exception& e) { return e.base; }

std::string int_literal(sema::Int128 value) {
  // Enum values fit in 64 bits (sema checks); print through long long / unsigned long long.
  if (value < 0) return std::to_string(static_cast<long long>(value)) + "LL";
  return std::to_string(static_cast<unsigned long long>(value)) + "ULL";
}

void emit_exceptions(Printer& p, const ModuleContext& m) {
  for (const sema::Exception* e : bases_first(m.module.exceptions, exception_base)) {
    std::string base = e->base ? "state->exceptions[" + std::to_string(e->base->index) + "]"
                               : "PyExc_" + e->builtin_base;
    p.emit({{"label", m.label(e->range)},
            {"index", e->index},
            {"qualified", c_string_literal(m.module.name + "." + e->python_name)},
            {"name", c_string_literal(e->python_name)},
            {"doc", e->doc ? c_string_literal(clean_docstring(*e->doc)) : std::string("nullptr")},
            {"base", base}},
           R"cc(
             // $label$
             state->exceptions[$index$] = PyErr_NewExceptionWithDoc($qualified$, $doc$, $base$, nullptr);
             if (state->exceptions[$index$] == nullptr) return -1;
             if (PyModule_AddObjectRef(module, $name$, state->exceptions[$index$]) < 0) return -1;
           )cc");
  }
}

void emit_enums(Printer& p, const ModuleContext& m) {
  for (const sema::Enum& e : m.module.enums) {
    std::string format = "[", values;
    for (const sema::EnumMember& member : e.members) {
      bool negative = member.value < 0;
      format += negative ? "(sL)" : "(sK)";
      values += ", " + c_string_literal(member.python_name) + ", " + int_literal(member.value);
    }
    format += "]";
    p.emit({{"label", m.label(e.range)},
            {"field", enum_field(e)},
            {"format", c_string_literal(format)},
            {"values", values},
            {"base", e.is_flag ? "\"IntFlag\"" : "\"IntEnum\""},
            {"name", c_string_literal(e.python_name)},
            {"doc", e.doc ? c_string_literal(clean_docstring(*e.doc)) : std::string("nullptr")}},
           R"cc(
             // $label$
             {
               pyidl::ref members = pyidl::ref::steal(Py_BuildValue($format$$values$));
               if (!members) return -1;
               state->$field$ = $make_enum$(module, $base$, $name$, members.get(), $doc$);
               if (state->$field$ == nullptr) return -1;
               if (PyModule_AddObjectRef(module, $name$, state->$field$) < 0) return -1;
             }
           )cc");
  }
}

void emit_classes(Printer& p, const ModuleContext& m) {
  for (const sema::Class* cls : bases_first(m.module.classes, class_base)) {
    const ClassNames names(m, *cls);
    auto vars = p.with_vars({{"field", names.type_field},
                             {"spec", names.spec},
                             {"vectorcall", names.vectorcall},
                             {"static_table", names.static_methods}});
    p.emit({{"label", m.label(cls->range)},
            {"base", cls->base ? "reinterpret_cast<PyObject*>(state->" +
                                     ClassNames(m, *cls->base).type_field + ")"
                               : std::string("nullptr")}},
           R"cc(
             // $label$
             state->$field$ = reinterpret_cast<PyTypeObject*>(
                 PyType_FromModuleAndSpec(module, &$spec$, $base$));
             if (state->$field$ == nullptr) return -1;
           )cc");
    if (cls->constructor) {
      // There is no type slot for vectorcall before 3.14; setting the field before the type
      // is published (added to the module) is safe, also without a GIL.
      p.emit("state->$field$->tp_vectorcall = $vectorcall$;\n");
    }
    if (has_static_methods(*cls)) {
      p.emit(R"cc(
        for (PyMethodDef* def = $static_table$; def->ml_name != nullptr; ++def) {
          // Bound to the module object like a module function (so it finds the state), and
          // named after it (so __module__ is right).
          pyidl::ref module_name = pyidl::ref::steal(PyModule_GetNameObject(module));
          pyidl::ref function = pyidl::ref::steal(
              module_name ? PyCFunction_NewEx(def, module, module_name.get()) : nullptr);
          pyidl::ref method = pyidl::ref::steal(function ? PyStaticMethod_New(function.get()) : nullptr);
          if (!method || PyObject_SetAttrString(reinterpret_cast<PyObject*>(state->$field$),
                                                def->ml_name, method.get()) < 0) {
            return -1;
          }
        }
      )cc");
      if (!cls->subclassable) {
        p.emit("// Immutable from here on, as if created so (the static methods are in).\n"
               "state->$field$->tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;\n");
      }
    }
    p.emit("if (PyModule_AddType(module, state->$field$) < 0) return -1;\n");
  }
}

void emit_constants(Printer& p, const ModuleContext& m) {
  for (const sema::Constant& c : m.module.constants) {
    p.emit({{"label", m.label(c.range)},
            {"type", cxx_type(c.type)},
            {"value", cxx_value(c.type, c.value)},
            {"to_python", to_python_expression(m, c.type, "value")},
            {"name", c_string_literal(c.python_name)}},
           R"cc(
             // $label$
             {
               $type$ value = $value$;
               pyidl::ref object = pyidl::ref::steal($to_python$);
               if (!object || PyModule_AddObjectRef(module, $name$, object.get()) < 0) return -1;
             }
           )cc");
  }
}

// The Python objects module state holds, as `state->...` expressions.
std::vector<std::string> state_objects(const ModuleContext& m) {
  std::vector<std::string> objects;
  for (const sema::Exception& e : m.module.exceptions) {
    objects.push_back("state->exceptions[" + std::to_string(e.index) + "]");
  }
  for (const sema::Enum& e : m.module.enums) objects.push_back("state->" + enum_field(e));
  for (const sema::Class& cls : m.module.classes) {
    objects.push_back("state->" + ClassNames(m, cls).type_field);
  }
  for_each_keyword_wrapper(m, [&](const std::string& c_name, const sema::Function& fn) {
    for (size_t i = 0; i < fn.signature.params.size(); ++i) {
      objects.push_back("state->" + interned_names_field(c_name) + "[" + std::to_string(i) + "]");
    }
  });
  return objects;
}

}  // namespace

void emit_state_struct(Printer& p, const ModuleContext& m) {
  p.emit({{"label", m.label(m.module.range)}, {"state_type", m.state_type()}}, R"cc(
    // $label$
    // Everything the module owns, one per module object and so one per interpreter: its
    // types, exceptions and enums, and the author's state. CPython zero-fills it before
    // Py_mod_exec runs; m_traverse, m_clear and m_free below keep it in step with the GC.
    struct $state_type$ {
  )cc");
  {
    auto indent = p.indent();
    for (const sema::Class& cls : m.module.classes) {
      p.emit({{"field", ClassNames(m, cls).type_field}, {"name", cls.python_name}},
             "PyTypeObject* $field$;  // class $name$\n");
    }
    if (!m.module.exceptions.empty()) {
      p.emit({{"count", m.module.exceptions.size()}},
             "// Declared exceptions by index: pyidl::declared_error ids point in here.\n"
             "PyObject* exceptions[$count$];\n");
    }
    for (const sema::Enum& e : m.module.enums) {
      p.emit({{"field", enum_field(e)}, {"name", e.python_name}},
             "PyObject* $field$;  // enum $name$\n");
    }
    if (m.module.state_type) {
      p.emit({{"type", *m.module.state_type}},
             "$type$* user_state;  // `state $type$;`: built in exec, deleted in free\n");
    }
    for_each_keyword_wrapper(m, [&](const std::string& c_name, const sema::Function& fn) {
      p.emit({{"field", interned_names_field(c_name)}, {"count", fn.signature.params.size()}},
             "PyObject* $field$[$count$];  // interned parameter names\n");
    });
  }
  p.emit("};\n\n");
  p.emit({{"def", m.def_name()}},
         "// Slots find their module state through the definition (PyType_GetModuleByDef).\n"
         "extern PyModuleDef $def$;\n\n");
}

void emit_enum_helpers(Printer& p, const ModuleContext& m) {
  if (m.module.enums.empty()) return;
  p.emit({{"make_enum", sema::names::module_make_enum(m.module)}}, R"cc(
    // Creates `enum.<base>(name, members)` for this module object: enum classes are Python
    // objects, so each module object (each interpreter) gets its own.
    PyObject* $make_enum$(PyObject* module, const char* base, const char* name,
                                 PyObject* members, const char* doc) {
      pyidl::ref enum_module = pyidl::ref::steal(PyImport_ImportModule("enum"));
      if (!enum_module) return nullptr;
      pyidl::ref base_class = pyidl::ref::steal(PyObject_GetAttrString(enum_module.get(), base));
      pyidl::ref module_name = pyidl::ref::steal(PyModule_GetNameObject(module));
      if (!base_class || !module_name) return nullptr;
      pyidl::ref args = pyidl::ref::steal(Py_BuildValue("(sO)", name, members));
      pyidl::ref kwargs = pyidl::ref::steal(
          Py_BuildValue("{sOss}", "module", module_name.get(), "qualname", name));
      if (!args || !kwargs) return nullptr;
      pyidl::ref cls = pyidl::ref::steal(PyObject_Call(base_class.get(), args.get(), kwargs.get()));
      if (!cls) return nullptr;
      if (doc != nullptr) {
        pyidl::ref text = pyidl::ref::steal(PyUnicode_FromString(doc));
        if (!text || PyObject_SetAttrString(cls.get(), "__doc__", text.get()) < 0) return nullptr;
      }
      return cls.release();
    }

  )cc");
  for (const sema::Enum& e : m.module.enums) {
    auto vars = p.with_vars({{"field", enum_field(e)},
                             {"from_python", sema::names::enum_from_python(m.module, e)},
                             {"to_python", sema::names::enum_to_python(m.module, e)},
                             {"type", e.cxx_type},
                             {"state_type", m.state_type()},
                             {"name", c_string_literal(e.python_name)}});
    p.emit({{"label", m.label(e.range)}}, "// $label$\n");
    if (m.uses.enums_in.count(&e)) {
      p.emit(R"cc(
        // Accepts members of this module object's $name$ only (not plain ints).
        bool $from_python$($state_type$* state, PyObject* src, $type$& out,
                           const pyidl::arg_context& ctx) {
          if (!PyObject_TypeCheck(src, reinterpret_cast<PyTypeObject*>(state->$field$))) {
            return pyidl::detail::raise_type_error(ctx, $name$, src);
          }
          long long value = PyLong_AsLongLong(src);
          if (value == -1 && PyErr_Occurred()) return false;
          out = static_cast<$type$>(value);
          return true;
        }

      )cc");
    }
    if (m.uses.enums_out.count(&e)) {
      p.emit(R"cc(
        // Returns the member of $name$ for `value` (a new reference).
        PyObject* $to_python$($state_type$* state, $type$ value) {
          pyidl::ref number =
              pyidl::ref::steal(PyLong_FromLongLong(static_cast<long long>(value)));
          if (!number) return nullptr;
          return PyObject_CallOneArg(state->$field$, number.get());
        }

      )cc");
    }
  }
}

void emit_module_functions(Printer& p, const ModuleContext& m) {
  std::string table;
  for (const sema::Function& fn : m.module.functions) {
    std::string c_name = sema::names::function_wrapper(m.module, fn);
    p.emit({{"label", m.label(fn.range)}}, "// $label$\n");
    emit_signature_constants(p, fn, c_name);
    const bool up_front = needs_state_up_front(fn);
    const std::string lookup = "pyidl::state_from_module<" + m.state_type() + ">(module)";
    p.emit({{"c_name", c_name}}, R"cc(
      PyObject* $c_name$([[maybe_unused]] PyObject* module, [[maybe_unused]] PyObject* const* args,
                         Py_ssize_t nargs, PyObject* kwnames) {
    )cc");
    {
      auto indent = p.indent();
      if (up_front) p.emit({{"state_type", m.state_type()}, {"lookup", lookup}}, "$state_type$* state = $lookup$;\n");
      emit_unpack_and_convert(p, m, fn, c_name, ArgStyle::Fastcall, "return nullptr;", "",
                              up_front ? "state" : lookup);
      emit_call_and_return(p, m, fn, fn.cxx_name, guard_for_function(m.module, fn, argument_sources(fn)),
                           up_front ? "" : lookup);
    }
    p.emit("}\n\n");
    table += "{" + c_string_literal(fn.python_name) + ", (PyCFunction)(void (*)(void))" + c_name +
             ", METH_FASTCALL | METH_KEYWORDS, " +
             c_string_literal(docstring_with_signature(fn, "$module")) + "},\n";
  }
  p.emit({{"methods", sema::names::module_methods(m.module)}, {"table", table}},
         "PyMethodDef $methods$[] = {\n  $table$\n  {nullptr, nullptr, 0, nullptr},\n};\n\n");
}

void emit_module_init(Printer& p, const ModuleContext& m) {
  const std::vector<std::string> objects = state_objects(m);
  auto vars = p.with_vars({{"exec", sema::names::module_exec(m.module)},
                           {"traverse", sema::names::module_traverse(m.module)},
                           {"clear", sema::names::module_clear(m.module)},
                           {"free", sema::names::module_free(m.module)},
                           {"methods", sema::names::module_methods(m.module)},
                           {"slots", sema::names::module_slots(m.module)},
                           {"make_enum", sema::names::module_make_enum(m.module)},
                           {"init", sema::names::module_init(m.module)},
                           {"state_type", m.state_type()},
                           {"def", m.def_name()},
                           {"name", c_string_literal(m.module.name)}});
  p.emit(R"cc(
    // Py_mod_exec: fills this module object's state. On failure CPython discards the
    // module, and m_free releases whatever was made so far.
    int $exec$(PyObject* module) {
      [[maybe_unused]] $state_type$* state = pyidl::state_from_module<$state_type$>(module);
  )cc");
  {
    auto indent = p.indent();
    if (m.module.state_type) {
      auto create = [&] {
        emit_guarded_statement(p, guard_for_state(m.module), "state->user_state",
                               "new " + *m.module.state_type + "()");
      };
      p.emit({{"create", create},
              {"message", c_string_literal(m.module.name + ": cannot create the module state (" +
                                           *m.module.state_type + ")")}},
             R"cc(
               try {
                 $create$
               } catch (...) {
                 // The import fails with ImportError, the C++ error chained as its cause.
                 pyidl::translate_current_exception();
                 pyidl::raise_from(PyExc_ImportError, $message$);
                 return -1;
               }
             )cc");
    }
    for_each_keyword_wrapper(m, [&](const std::string& c_name, const sema::Function& fn) {
      p.emit({{"field", interned_names_field(c_name)},
              {"names", sema::names::signature_names(c_name)},
              {"count", fn.signature.params.size()}},
             R"cc(
               for (int i = 0; i < $count$; ++i) {
                 state->$field$[i] = PyUnicode_InternFromString($names$[i]);
                 if (state->$field$[i] == nullptr) return -1;
               }
             )cc");
    });
    emit_exceptions(p, m);
    emit_enums(p, m);
    emit_classes(p, m);
    emit_constants(p, m);
    for (const sema::Module& child : m.module.submodules) {
      p.emit({{"label", m.label(child.range)},
              {"add_submodule", sema::names::module_add_submodule(*root_module(m.module))},
              {"def", sema::names::module_def(child)},
              {"name", c_string_literal(child.name)},
              {"attribute", c_string_literal(child.short_name)}},
             "// $label$\n"
             "if ($add_submodule$(module, &$def$, $name$, $attribute$) < 0) return -1;\n");
    }
    p.emit("return 0;\n");
  }
  p.emit("}\n\n");

  std::string visits, clears;
  for (const std::string& object : objects) {
    visits += "Py_VISIT(" + object + ");\n";
    clears += "Py_CLEAR(" + object + ");\n";
  }
  std::string delete_user;
  if (m.module.state_type) {
    delete_user = "delete state->user_state;\nstate->user_state = nullptr;";
    // The author's C++ too: a @serialized module deletes it under its lock.
    if (!serialized_lock(m.module).empty()) {
      delete_user = "pyidl::cleanup_guard library(" + serialized_lock(m.module) + ");\n" + delete_user;
    }
  }
  p.emit({{"visits", visits}, {"clears", clears}, {"delete_user", delete_user}},
         R"cc(
           int $traverse$(PyObject* module, [[maybe_unused]] visitproc visit,
                          [[maybe_unused]] void* arg) {
             [[maybe_unused]] $state_type$* state = pyidl::state_from_module<$state_type$>(module);
             $visits$
             return 0;
           }

           int $clear$(PyObject* module) {
             [[maybe_unused]] $state_type$* state = pyidl::state_from_module<$state_type$>(module);
             $clears$
             return 0;
           }

           void $free$(void* module) {
             $clear$(static_cast<PyObject*>(module));
             [[maybe_unused]] $state_type$* state = pyidl::state_from_module<$state_type$>(static_cast<PyObject*>(module));
             $delete_user$
           }

           PyModuleDef_Slot $slots$[] = {
             {Py_mod_exec, reinterpret_cast<void*>($exec$)},
             // Isolated by construction: no process-wide state, so each interpreter, even one
             // with its own GIL, may load its own copy (PEP 684).
             {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
           #if PYIDL_API_VERSION_HEX >= 0x030D0000
             // Nothing here relies on the GIL (PEP 703): free-threaded builds keep it off.
             // (A STABLE_ABI module targets 3.12, which has no such slot.)
             {Py_mod_gil, Py_MOD_GIL_NOT_USED},
           #endif
             {0, nullptr},
           };

         )cc");
  p.emit({{"doc", m.module.doc ? c_string_literal(clean_docstring(*m.module.doc)) : std::string("nullptr")}},
         R"cc(
           PyModuleDef $def$ = {
             PyModuleDef_HEAD_INIT,
             $name$,
             $doc$,
             sizeof($state_type$),
             $methods$,
             $slots$,
             $traverse$,
             $clear$,
             $free$,
           };

         )cc");
}

void emit_module_export(Printer& p, const ModuleContext& m) {
  p.emit({{"def", m.def_name()},
          {"exec", sema::names::module_exec(m.module)},
          {"init", sema::names::module_init(m.module)}},
         R"cc(
           }  // namespace

           // Multi-phase initialisation (PEP 489): all the work happens in $exec$.
           PyMODINIT_FUNC $init$(void) {
             return PyModuleDef_Init(&$def$);
           }
         )cc");
}

void emit_submodule_helper(Printer& p, const ModuleContext& m) {
  p.emit({{"add_submodule", sema::names::module_add_submodule(m.module)}}, R"cc(
    // Creates submodule `name` from its definition (multi-phase, like any module: it gets
    // its own state), runs its exec slot, makes it attribute `attribute` of `parent` and
    // registers it in this interpreter's sys.modules, so that `import a.b` finds it.
    int $add_submodule$(PyObject* parent, PyModuleDef* def, const char* name,
                        const char* attribute) {
      pyidl::ref machinery = pyidl::ref::steal(PyImport_ImportModule("importlib.machinery"));
      pyidl::ref spec_class =
          pyidl::ref::steal(machinery ? PyObject_GetAttrString(machinery.get(), "ModuleSpec") : nullptr);
      pyidl::ref spec = pyidl::ref::steal(
          spec_class ? PyObject_CallFunction(spec_class.get(), "sO", name, Py_None) : nullptr);
      pyidl::ref child = pyidl::ref::steal(spec ? PyModule_FromDefAndSpec(def, spec.get()) : nullptr);
      if (!child || PyModule_ExecDef(child.get(), def) < 0) return -1;
      if (PyModule_AddObjectRef(parent, attribute, child.get()) < 0) return -1;
      // The interpreter's own sys.modules (borrowed): each interpreter has its own.
      return PyDict_SetItemString(PyImport_GetModuleDict(), name, child.get());
    }

  )cc");
}

}  // namespace pyidlc::codegen
