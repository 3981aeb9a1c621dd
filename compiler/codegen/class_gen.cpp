// class_gen.cpp: a bound class: its instance helpers, methods, constructor, attributes and
// properties, and the PyType_Spec that Py_mod_exec turns into a heap type.
#include "compiler/codegen/class_gen.h"

#include "compiler/codegen/convert_gen.h"
#include "compiler/codegen/cxx_types.h"
#include "compiler/codegen/function_gen.h"
#include "compiler/codegen/instance_layout.h"

namespace pyidlc::codegen {

bool has_static_methods(const sema::Class& cls) {
  for (const sema::Function& fn : cls.methods) {
    if (fn.kind == sema::FunctionKind::StaticMethod) return true;
  }
  return false;
}

ClassNames::ClassNames(const ModuleContext& m, const sema::Class& cls)
    : type_field(sema::names::escape(cls.python_name) + "_type"),
      state(sema::names::class_state(m.module, cls)),
      unwrap(sema::names::class_unwrap(m.module, cls)),
      wrap(sema::names::class_wrap(m.module, cls)),
      tp_init(sema::names::class_tp_init(m.module, cls)),
      vectorcall(sema::names::class_vectorcall(m.module, cls)),
      methods(sema::names::class_methods(m.module, cls)),
      static_methods(sema::names::class_static_methods(m.module, cls)),
      getset(sema::names::class_getset(m.module, cls)),
      slots(sema::names::class_slots(m.module, cls)),
      spec(sema::names::class_spec(m.module, cls)) {}

std::string enum_field(const sema::Enum& e) { return sema::names::escape(e.python_name) + "_class"; }

void emit_self_value(Printer& p, const sema::Class& cls, const std::string& on_error) {
  auto vars = p.with_vars({{"type", cls.cxx_type}, {"fail", on_error}});
  if (!cls.object_lock) {
    p.emit("$type$* self_value = pyidl::instance_value_or_raise<$type$>(self);\n"
           "if (self_value == nullptr) $fail$\n");
    return;
  }
  // The object beside its per-object lock, which the call's guard takes.
  p.emit({{"object", object_type(cls)}, {"object_of", object_of(cls, "self")}},
         "$object$* self_object = $object_of$;\n"
         "if (self_object == nullptr) $fail$\n"
         "$type$* self_value = &self_object->value;\n");
}

namespace {

// Constructs the C++ object of the instance `self_expr` from `args` (a C++ argument list,
// possibly empty) inside `guard`, the way the class's instances hold it.
void emit_construct(Printer& p, const sema::Class& cls, const CallGuard& guard,
                    const std::string& self_expr, const std::string& args) {
  emit_guarded_statement(p, guard, "",
                         construct_function(cls) + "(" + self_expr + (args.empty() ? "" : ", ") + args + ")");
}

}  // namespace

void emit_slot_state(Printer& p, const ModuleContext& m, const sema::Class& cls,
                     const std::string& self, const std::string& on_error) {
  p.emit({{"state_type", m.state_type()}, {"class_state", ClassNames(m, cls).state}, {"self", self},
          {"fail", on_error}},
         "[[maybe_unused]] $state_type$* state = $class_state$($self$);\n"
         "if (state == nullptr) $fail$\n");
}

namespace {

// Whether any slot, getter, setter or tp_init of the class needs <class>_state.
bool has_slot_functions(const sema::Class& cls) {
  return cls.constructor || !cls.members.empty() || !cls.properties.empty() ||
         !cls.special_methods.empty();
}

}  // namespace

void emit_class_helpers(Printer& p, const ModuleContext& m) {
  for (const sema::Class& cls : m.module.classes) {
    const ClassNames names(m, cls);
    auto vars = p.with_vars({{"class_state", names.state},
                             {"unwrap", names.unwrap},
                             {"wrap", names.wrap},
                             {"type_field", names.type_field},
                             {"type", cls.cxx_type},
                             {"object", object_type(cls)},
                             {"object_of", object_of(cls, "src")},
                             {"state_type", m.state_type()},
                             {"def", m.def_name()},
                             {"name", c_string_literal(cls.python_name)},
                             {"label", m.label(cls.range)}});
    p.emit("// $label$\n");
    if (!has_slot_functions(cls)) {
      // Only methods: they find the state through their defining class.
    } else if (cls.subclassable) {
      p.emit(R"cc(
        // The module state of an instance's class, for slots, getters and setters, which
        // get only `self` (isolation checklist, item 7).
        $state_type$* $class_state$(PyObject* self) {
          // self may be an instance of a Python subclass defined anywhere: search its MRO
          // for the class this module defined.
          return pyidl::state_from_type_by_def<$state_type$>(Py_TYPE(self), &$def$);
        }
      )cc");
    } else {
      p.emit(R"cc(
        // The module state of an instance's class, for slots, getters and setters, which
        // get only `self` (isolation checklist, item 7).
        $state_type$* $class_state$(PyObject* self) {
          // The class cannot be subclassed, so Py_TYPE(self) is exactly the class this
          // module object created.
          return pyidl::state_from_defining_class<$state_type$>(Py_TYPE(self));
        }
      )cc");
    }
    if (m.uses.unwrapped.count(&cls)) {
      p.emit(R"cc(

      // Returns the C++ object inside `src` (borrowed from it), or nullptr with TypeError if
      // `src` is not an instance of this module object's class (an instance made by another
      // module object, in this or another interpreter, is not).
      $object$* $unwrap$($state_type$* state, PyObject* src, const pyidl::arg_context& ctx) {
        if (!PyObject_TypeCheck(src, state->$type_field$)) {
          pyidl::detail::raise_type_error(ctx, $name$, src);
          return nullptr;
        }
        return $object_of$;
      }
      )cc");
    }
    if (!m.uses.wrapped.count(&cls)) continue;
    auto construct = p.with_vars({{"construct", [&] {
      emit_construct(p, cls, guard_for_wrap(cls), "self.get()", "std::move(value)");
    }}});
    p.emit(R"cc(

      // Returns a new instance holding `value` (moved in), or nullptr with an exception set.
      PyObject* $wrap$($state_type$* state, $type$ value) {
        PyTypeObject* type = state->$type_field$;
        pyidl::ref self = pyidl::ref::steal(type->tp_alloc(type, 0));
        if (!self) return nullptr;
        try {
          $construct$
        } catch (...) {
    )cc");
    {
      auto indent = p.indent();
      auto indent2 = p.indent();
      emit_translate_exception(p, m, "return nullptr;");
    }
    p.emit(R"cc(
        }
        return self.release();
      }

    )cc");
  }
}

namespace {

// Appends the PyMethodDef entry for a generated wrapper to `table`.
void add_method_entry(std::string& table, const sema::Function& fn, const std::string& c_name,
                      const char* flags, const std::string& bound_name) {
  // The void(*)(void) step keeps -Wcast-function-type quiet: PyMethodDef stores every
  // calling convention as PyCFunction, as CPython's own modules do.
  table += "{" + c_string_literal(fn.python_name) + ", (PyCFunction)(void (*)(void))" + c_name +
           ", " + flags + ", " + c_string_literal(docstring_with_signature(fn, bound_name)) +
           "},\n";
}

void emit_method(Printer& p, const ModuleContext& m, const sema::Class& cls,
                 const sema::Function& fn, std::string& table, std::string& static_table) {
  std::string c_name = sema::names::method_wrapper(m.module, cls, fn);
  auto vars = p.with_vars({{"c_name", c_name},
                           {"label", m.label(fn.range)},
                           {"state_type", m.state_type()},
                           {"def", m.def_name()}});
  p.emit("// $label$\n");
  emit_signature_constants(p, fn, c_name);
  std::string callee;
  // Static methods and methods look the state up only where it is used (see
  // needs_state_up_front); class methods always do, since a failed lookup must end the call.
  const bool up_front = needs_state_up_front(fn);
  std::string lazy;
  switch (fn.kind) {
    case sema::FunctionKind::StaticMethod:
      // CPython calls METH_STATIC functions with no self at all, and METH_METHOD cannot be
      // combined with it, so a static method could not find its module. Instead Py_mod_exec
      // binds it to the module object (like a module function) and installs it on the class
      // as a staticmethod; see emit_static_method_install.
      p.emit(R"cc(
        PyObject* $c_name$([[maybe_unused]] PyObject* module, [[maybe_unused]] PyObject* const* args,
                           Py_ssize_t nargs, PyObject* kwnames) {
      )cc");
      lazy = "pyidl::state_from_module<" + m.state_type() + ">(module)";
      add_method_entry(static_table, fn, c_name, "METH_FASTCALL | METH_KEYWORDS", "$module");
      callee = fn.cxx_name;  // sema qualifies static members fully
      break;
    case sema::FunctionKind::ClassMethod:
      // `cls` may be a subclass defined anywhere: find this module through its MRO.
      p.emit(R"cc(
        PyObject* $c_name$(PyObject* cls, [[maybe_unused]] PyObject* const* args, Py_ssize_t nargs,
                           PyObject* kwnames) {
          [[maybe_unused]] $state_type$* state = pyidl::state_from_type_by_def<$state_type$>(
              reinterpret_cast<PyTypeObject*>(cls), &$def$);
          if (state == nullptr) return nullptr;
      )cc");
      add_method_entry(table, fn, c_name, "METH_CLASS | METH_FASTCALL | METH_KEYWORDS", "$type");
      callee = fn.cxx_name;  // sema qualifies static members fully
      break;
    default:
      p.emit(R"cc(
        PyObject* $c_name$(PyObject* self, [[maybe_unused]] PyTypeObject* defining_class,
                           [[maybe_unused]] PyObject* const* args,
                           Py_ssize_t nargs, PyObject* kwnames) {
      )cc");
      lazy = "pyidl::state_from_defining_class<" + m.state_type() + ">(defining_class)";
      {
        auto indent = p.indent();
        emit_self_value(p, cls, "return nullptr;");
      }
      add_method_entry(table, fn, c_name, "METH_METHOD | METH_FASTCALL | METH_KEYWORDS", "$self");
      callee = "self_value->" + fn.cxx_name;
      break;
  }
  {
    auto indent = p.indent();
    if (!lazy.empty() && up_front) {
      p.emit({{"lazy", lazy}}, "$state_type$* state = $lazy$;\n");
      lazy.clear();
    }
    emit_unpack_and_convert(p, m, fn, c_name, ArgStyle::Fastcall, "return nullptr;",
                            cls.python_name, lazy.empty() ? "state" : "(" + lazy + ")");
    emit_call_and_return(p, m, fn, callee, guard_for_method(cls, fn, argument_sources(fn)), lazy);
  }
  p.emit("}\n\n");
}

// __init__: tp_init for Python subclasses and explicit __init__ calls, and a vectorcall
// that calling the class itself takes (tp_vectorcall is never inherited, so a subclass
// falls back to tp_new + tp_init).
void emit_constructor(Printer& p, const ModuleContext& m, const sema::Class& cls,
                      const sema::Function& init) {
  const ClassNames names(m, cls);
  const std::string c_name = sema::names::method_wrapper(m.module, cls, init);
  const std::string args = call_arguments(init);
  const CallGuard guard = guard_for_method(cls, init, {});
  auto vars = p.with_vars({{"tp_init", names.tp_init},
                           {"vectorcall", names.vectorcall},
                           {"label", m.label(init.range)},
                           {"state_type", m.state_type()}});
  p.emit("// $label$\n");
  emit_signature_constants(p, init, c_name);
  p.emit("int $tp_init$(PyObject* self, PyObject* args, PyObject* kwargs) {\n");
  {
    auto indent = p.indent();
    emit_slot_state(p, m, cls, "self", "return -1;");
    emit_unpack_and_convert(p, m, init, c_name, ArgStyle::Tuple, "return -1;",
                            cls.python_name);
    auto construct_self = p.with_vars({{"construct", [&] { emit_construct(p, cls, guard, "self", args); }}});
    p.emit(R"cc(
      int status = 0;
      // On a free-threaded build another thread may already see `self`: replace its C++
      // object under the object's lock.
      PYIDL_BEGIN_CRITICAL_SECTION(self);
      try {
        $construct$
      } catch (...) {
    )cc");
    {
      auto indent2 = p.indent();
      emit_translate_exception(p, m, "status = -1;");
    }
    p.emit(R"cc(
      }
      PYIDL_END_CRITICAL_SECTION();
      return status;
    )cc");
  }
  p.emit(R"cc(
    }

    PyObject* $vectorcall$(PyObject* type_object, [[maybe_unused]] PyObject* const* args,
                           size_t nargsf, PyObject* kwnames) {
      PyTypeObject* type = reinterpret_cast<PyTypeObject*>(type_object);
      [[maybe_unused]] $state_type$* state = pyidl::state_from_defining_class<$state_type$>(type);
      Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  )cc");
  {
    auto indent = p.indent();
    emit_unpack_and_convert(p, m, init, c_name, ArgStyle::Fastcall, "return nullptr;",
                            cls.python_name, "state");
    auto construct_new =
        p.with_vars({{"construct", [&] { emit_construct(p, cls, guard, "self.get()", args); }}});
    p.emit(R"cc(
      pyidl::ref self = pyidl::ref::steal(type->tp_alloc(type, 0));
      if (!self) return nullptr;
      try {
        $construct$
      } catch (...) {
    )cc");
    {
      auto indent2 = p.indent();
      emit_translate_exception(p, m, "return nullptr;");
    }
    p.emit("}\nreturn self.release();\n");
  }
  p.emit("}\n\n");
}

// A getter (and setter unless read-only) for an `attr` data member or a `property`.
void emit_accessors(Printer& p, const ModuleContext& m, const sema::Class& cls,
                    const std::string& python_name, const sema::Type& type,
                    const std::string& get_expr, const std::string* set_stmt,
                    const std::optional<std::string>& doc, const SourceRange& range,
                    std::string& table) {
  const std::string getter = sema::names::getter(m.module, cls, python_name);
  auto vars = p.with_vars({{"getter", getter},
                           {"setter", sema::names::setter(m.module, cls, python_name)},
                           {"label", m.label(range)},
                           {"name", python_name},
                           {"to_python", to_python_expression(m, type, get_expr)}});
  p.emit("// $label$\nPyObject* $getter$(PyObject* self, void* /*closure*/) {\n");
  {
    auto indent = p.indent();
    // The state lookup of a final class cannot fail, so unless the value needs it to
    // convert, it waits for the error path (see needs_state_up_front).
    const bool lazy = !cls.subclassable && !needs_state(type);
    if (!lazy) emit_slot_state(p, m, cls, "self", "return nullptr;");
    emit_self_value(p, cls, "return nullptr;");
    const CallGuard guard = guard_for_accessor(cls, type, /*setting=*/false);
    if (guard.empty()) {
      p.emit("try {\n  return $to_python$;\n} catch (...) {\n");
    } else {
      // Read under the guard; converted from the copy after it.
      p.emit("try {\n");
      {
        auto indent2 = p.indent();
        emit_guarded_statement(p, guard, "auto value", get_expr);
        p.emit({{"to_python", to_python_expression(m, type, "std::move(value)")}}, "return $to_python$;\n");
      }
      p.emit("} catch (...) {\n");
    }
    {
      auto indent2 = p.indent();
      emit_translate_exception(p, m, "return nullptr;",
                               lazy ? ClassNames(m, cls).state + "(self)" : "");
    }
    p.emit("}\n");
  }
  p.emit("}\n\n");
  std::string setter = "nullptr";
  if (set_stmt) {
    setter = sema::names::setter(m.module, cls, python_name);
    p.emit(R"cc(
      int $setter$(PyObject* self, PyObject* value, void* /*closure*/) {
        if (value == nullptr) {
          PyErr_SetString(PyExc_AttributeError, "cannot delete attribute '$name$'");
          return -1;
        }
    )cc");
    {
      auto indent = p.indent();
      emit_slot_state(p, m, cls, "self", "return -1;");
      emit_self_value(p, cls, "return -1;");
      emit_declare_local(p, type, "new_value", nullptr);
      emit_from_python(p, m, type, "new_value", "value",
                       "pyidl::arg_context::result(" + c_string_literal("attribute '" + python_name + "'") + ")",
                       "return -1;");
      p.emit("try {\n");
      {
        auto indent2 = p.indent();
        emit_guarded_statement(p, guard_for_accessor(cls, type, /*setting=*/true), "", *set_stmt);
        p.emit("return 0;\n");
      }
      p.emit("} catch (...) {\n");
      {
        auto indent2 = p.indent();
        emit_translate_exception(p, m, "return -1;");
      }
      p.emit("}\n");
    }
    p.emit("}\n\n");
  }
  table += "{" + c_string_literal(python_name) + ", " + getter + ", " + setter + ", " +
           (doc ? c_string_literal(clean_docstring(*doc)) : std::string("nullptr")) +
           ", nullptr},\n";
}

// A @shareable class's pickle support: __reduce__ and the class method that unpickles it in
// another interpreter (runtime/include/pyidl/shareable.h).
void emit_transfer_methods(Printer& p, const ModuleContext& m, const sema::Class& cls,
                           std::string& table) {
  const std::string reduce = sema::names::class_reduce(m.module, cls);
  const std::string adopt = sema::names::class_adopt(m.module, cls);
  const std::string adopt_name = c_string_literal(std::string(sema::names::kAdoptMethod));
  p.emit({{"reduce", reduce},
          {"adopt", adopt},
          {"type", cls.cxx_type},
          {"key", c_string_literal(m.module.name + "." + cls.python_name)},
          {"adopt_name", adopt_name}},
         R"cc(
           // @shareable: pickling sends this very C++ object to another interpreter, as a
           // transfer token that the receiver's own class adopts.
           PyObject* $reduce$(PyObject* self, PyTypeObject* defining_class,
                              PyObject* const* /*args*/, Py_ssize_t nargs, PyObject* kwnames) {
             return pyidl::reduce_shared_instance<$type$>(self, defining_class, nargs, kwnames, $key$,
                                                          $adopt_name$);
           }

           PyObject* $adopt$(PyObject* cls, PyObject* const* args, Py_ssize_t nargs,
                             PyObject* kwnames) {
             return pyidl::adopt_shared_instance<$type$>(cls, args, nargs, kwnames, $key$);
           }

         )cc");
  table += "{" + c_string_literal(std::string(sema::names::kReduceMethod)) +
           ", (PyCFunction)(void (*)(void))" + reduce +
           ", METH_METHOD | METH_FASTCALL | METH_KEYWORDS, " +
           c_string_literal("__reduce__($self, /)\n--\n\nPickle support: the object travels by "
                            "reference, to be unpickled once, in any interpreter.") +
           "},\n";
  table += "{" + adopt_name + ", (PyCFunction)(void (*)(void))" + adopt +
           ", METH_CLASS | METH_FASTCALL | METH_KEYWORDS, " +
           c_string_literal(std::string(sema::names::kAdoptMethod) +
                            "($type, token, /)\n--\n\nUnpickles an object sent by __reduce__; "
                            "each token works once.") +
           "},\n";
}

}  // namespace

void emit_class(Printer& p, const ModuleContext& m, const sema::Class& cls) {
  const ClassNames names(m, cls);
  std::string methods, static_methods, getset;
  for (const sema::Function& fn : cls.methods) emit_method(p, m, cls, fn, methods, static_methods);
  if (cls.shareable) emit_transfer_methods(p, m, cls, methods);
  if (cls.constructor) emit_constructor(p, m, cls, *cls.constructor);
  for (const sema::DataMember& member : cls.members) {
    std::string access = "self_value->" + member.cxx_member;
    std::string assign = access + " = " + pass_local(member.type, "new_value");
    emit_accessors(p, m, cls, member.python_name, member.type, access,
                   member.readonly ? nullptr : &assign, member.doc, member.range, getset);
  }
  for (const sema::Property& property : cls.properties) {
    std::string get = "self_value->" + property.getter + "()";
    std::string set = property.setter ? "self_value->" + *property.setter + "(" +
                                            pass_local(property.type, "new_value") + ")"
                                      : std::string();
    emit_accessors(p, m, cls, property.python_name, property.type, get,
                   property.setter ? &set : nullptr, property.doc, property.range, getset);
  }
  std::vector<SlotEntry> slots = emit_special_methods(p, m, cls);

  auto vars = p.with_vars({{"methods_table", names.methods},
                           {"static_table", names.static_methods},
                           {"getset_table", names.getset},
                           {"slots_table", names.slots},
                           {"spec", names.spec},
                           {"stored", stored_type(cls)},
                           {"qualified", c_string_literal(m.module.name + "." + cls.python_name)},
                           {"methods", methods},
                           {"getset", getset}});
  if (!methods.empty()) {
    p.emit("PyMethodDef $methods_table$[] = {\n  $methods$\n  {nullptr, nullptr, 0, nullptr},\n};\n\n");
  }
  if (!static_methods.empty()) {
    p.emit({{"static_methods", static_methods}},
           "PyMethodDef $static_table$[] = {\n  $static_methods$\n  {nullptr, nullptr, 0, nullptr},\n};\n\n");
  }
  if (!getset.empty()) {
    p.emit("PyGetSetDef $getset_table$[] = {\n  $getset$\n  {nullptr, nullptr, nullptr, nullptr, nullptr},\n};\n\n");
  }
  std::string slot_lines;
  if (cls.doc) slot_lines += "{Py_tp_doc, (void*)" + c_string_literal(clean_docstring(*cls.doc)) + "},\n";
  slot_lines += "{Py_tp_dealloc, (void*)" + dealloc_function(cls) + "},\n";
  slot_lines += "{Py_tp_traverse, (void*)pyidl::instance_traverse},\n";
  if (cls.constructor) {
    slot_lines += "{Py_tp_new, (void*)PyType_GenericNew},\n";
    slot_lines += "{Py_tp_init, (void*)" + names.tp_init + "},\n";
  }
  if (!methods.empty()) slot_lines += "{Py_tp_methods, " + names.methods + "},\n";
  if (!getset.empty()) slot_lines += "{Py_tp_getset, " + names.getset + "},\n";
  for (const SlotEntry& slot : slots) {
    slot_lines += "{" + slot.slot + ", (void*)" + slot.function + "},\n";
  }
  // Instances reference their heap type, so they take part in GC (checklist item 6). A
  // class is immutable unless the IDL lets Python subclass it; without __init__ Python
  // cannot create instances at all (C++ functions return them).
  std::string flags = "Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC";
  // A class with static methods becomes immutable only after exec has installed them.
  if (cls.subclassable) {
    flags += " | Py_TPFLAGS_BASETYPE";
  } else if (!has_static_methods(cls)) {
    flags += " | Py_TPFLAGS_IMMUTABLETYPE";
  }
  if (!cls.constructor) flags += " | Py_TPFLAGS_DISALLOW_INSTANTIATION";
  p.emit({{"slots", slot_lines}, {"flags", flags}}, R"cc(
    PyType_Slot $slots_table$[] = {
      $slots$
      {0, nullptr},
    };

    PyType_Spec $spec$ = {
      $qualified$,
      sizeof(pyidl::instance<$stored$>),
      0,
      $flags$,
      $slots_table$,
    };

  )cc");
}

}  // namespace pyidlc::codegen
