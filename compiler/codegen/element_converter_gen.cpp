// element_converter_gen.cpp: the converter<T> a module generates for each bound class and
// enum it converts inside containers, unions and mapped types.
//
// The runtime's container converters convert their items with converter<Item>, which knows
// nothing of module state; a bound class's Python type, though, lives in the state of the
// module object converting it. So the wrapper hands its state down: into arguments through
// the root arg_context (arg_context::with_state), into results as to_python(value, state).
// The specialisations below read it back. They are explicit specialisations at namespace
// scope, so the anonymous namespace the rest of the file lives in is closed around them.
#include "compiler/codegen/element_converter_gen.h"

#include "compiler/codegen/instance_layout.h"

namespace pyidlc::codegen {

namespace {

void emit_class_converter(Printer& p, const ModuleContext& m, const sema::Class& cls) {
  auto vars = p.with_vars({{"type", cls.cxx_type},
                           {"state_type", m.state_type()},
                           {"unwrap", sema::names::class_unwrap(m.module, cls)},
                           {"wrap", sema::names::class_wrap(m.module, cls)},
                           {"value", value_of(cls, "object")},
                           {"name", c_string_literal(cls.python_name)},
                           {"label", m.label(cls.range)}});
  p.emit("// $label$: inside containers\n");
  p.emit("template <>\nstruct pyidl::converter<$type$> {\n");
  p.emit("  static constexpr const char* python_name = $name$;\n");
  if (m.uses.unwrapped.count(&cls)) {
    p.emit(R"cc(
      // A copy of the value inside an instance of this module object's class.
      static bool from_python(PyObject* src, $type$& out, const pyidl::arg_context& ctx) noexcept {
        auto* state = static_cast<$state_type$*>(const_cast<void*>(ctx.module_state()));
        auto* object = $unwrap$(state, src, ctx);
        if (object == nullptr) return false;
        try {
          out = $value$;
          return true;
        } catch (...) {
          pyidl::translate_current_exception();
          return false;
        }
      }
    )cc");
  }
  if (m.uses.wrapped.count(&cls)) {
    p.emit(R"cc(
      // A new instance of this module object's class holding a copy of `value`.
      static PyObject* to_python(const $type$& value, const void* state) noexcept {
        try {
          return $wrap$(static_cast<$state_type$*>(const_cast<void*>(state)), value);
        } catch (...) {  // the copy
          pyidl::translate_current_exception();
          return nullptr;
        }
      }
    )cc");
  }
  p.emit("};\n\n");
}

void emit_enum_converter(Printer& p, const ModuleContext& m, const sema::Enum& e) {
  auto vars = p.with_vars({{"type", e.cxx_type},
                           {"state_type", m.state_type()},
                           {"from_python", sema::names::enum_from_python(m.module, e)},
                           {"to_python", sema::names::enum_to_python(m.module, e)},
                           {"name", c_string_literal(e.python_name)},
                           {"label", m.label(e.range)}});
  p.emit("// $label$: inside containers\n");
  p.emit("template <>\nstruct pyidl::converter<$type$> {\n");
  p.emit("  static constexpr const char* python_name = $name$;\n");
  if (m.uses.enums_in.count(&e)) {
    p.emit(R"cc(
      static bool from_python(PyObject* src, $type$& out, const pyidl::arg_context& ctx) noexcept {
        return $from_python$(static_cast<$state_type$*>(const_cast<void*>(ctx.module_state())), src, out, ctx);
      }
    )cc");
  }
  if (m.uses.enums_out.count(&e)) {
    p.emit(R"cc(
      static PyObject* to_python(const $type$& value, const void* state) noexcept {
        return $to_python$(static_cast<$state_type$*>(const_cast<void*>(state)), value);
      }
    )cc");
  }
  p.emit("};\n\n");
}

}  // namespace

void emit_element_converters(Printer& p, const ModuleContext& m) {
  if (m.uses.nested_classes.empty() && m.uses.nested_enums.empty()) return;
  p.emit("}  // namespace\n\n");
  // In declaration order, not the sets' pointer order: the output must be reproducible.
  for (const sema::Enum& e : m.module.enums) {
    if (m.uses.nested_enums.count(&e)) emit_enum_converter(p, m, e);
  }
  for (const sema::Class& cls : m.module.classes) {
    if (m.uses.nested_classes.count(&cls)) emit_class_converter(p, m, cls);
  }
  p.emit("namespace {\n\n");
}

}  // namespace pyidlc::codegen
