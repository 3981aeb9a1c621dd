// convert_gen.cpp: conversions in generated code: the runtime's converter<T> for plain
// types, and module-specific helpers for bound classes and enums, whose Python types live
// in module state.
#include "compiler/codegen/convert_gen.h"

#include <cassert>
#include <cstdio>

#include <fmt/format.h>

#include "compiler/codegen/cxx_types.h"
#include "compiler/codegen/instance_layout.h"

namespace pyidlc::codegen {

namespace {

using Kind = sema::Type::Kind;

std::string double_literal(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  std::string text = buffer;
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

// `P | None` of a class with a per-object lock: held as a pointer to the instance's object
// (null for None) and copied into the std::optional only inside the call's guard, under
// the object's lock, rather than while converting.
const sema::Class* locked_optional_class(const sema::Type& type) {
  if (type.kind != Kind::Optional || type.args[0].kind != Kind::Class) return nullptr;
  return type.args[0].cls->object_lock ? type.args[0].cls : nullptr;
}

}  // namespace

bool keeps_cxx_result_type(const sema::Type& type) {
  switch (type.kind) {
    case Kind::List:
    case Kind::Set:
    case Kind::Dict:
    case Kind::Tuple:
    case Kind::Optional:
    case Kind::Mapped:
    case Kind::Union:
      return uses_generic_converter(type) || converts_with_state(type);
    default:
      return false;
  }
}

std::string result_declaration(const sema::Type& type) {
  return keeps_cxx_result_type(type) ? "auto&& result" : cxx_type(type) + " result";
}

bool needs_state(const sema::Type& type) {
  return !uses_generic_converter(type);
}

// Whether `value` is a default for `alternative` of a union: sema picked the first
// alternative it converts to, and the value's kind records which kind that was.
bool is_value_of(const sema::Type& alternative, const sema::Value& value) {
  using VK = sema::Value::Kind;
  switch (value.kind) {
    case VK::Int: return alternative.kind == Kind::Int;
    case VK::Float: return alternative.kind == Kind::Float;
    case VK::Str: return alternative.kind == Kind::Str;
    case VK::Bool: return alternative.kind == Kind::Bool;
    case VK::EnumMember: return alternative.kind == Kind::Enum && alternative.enumeration == value.enumeration;
    case VK::None: return false;  // a union never holds None: `A | B | None` is optional
  }
  return false;
}

std::string cxx_value(const sema::Type& type, const sema::Value& value) {
  using VK = sema::Value::Kind;
  if (type.kind == Kind::Optional && value.kind != VK::None && type.args[0].kind == Kind::Union) {
    return cxx_type(type) + "(" + cxx_value(type.args[0], value) + ")";
  }
  if (type.kind == Kind::Union) {
    // Constructed in place at the chosen alternative: a converting constructor could pick
    // another one (3 for `float | int` is the float 3.0, as sema decided).
    for (size_t i = 0; i < type.args.size(); ++i) {
      if (!is_value_of(type.args[i], value)) continue;
      return fmt::format("{}(std::in_place_index<{}>, {})", cxx_type(type), i, cxx_value(type.args[i], value));
    }
    assert(false && "sema gave a union a default of none of its alternatives");
  }
  switch (value.kind) {
    case VK::None:
      return type.kind == Kind::Optional ? "std::nullopt" : "pyidl::none{}";
    case VK::Bool:
      return value.boolean ? "true" : "false";
    case VK::Float:
      return double_literal(value.floating);
    case VK::Str:
      return "std::string(" + c_string_literal(value.string) + ", " +
             std::to_string(value.string.size()) + ")";
    case VK::Int:
      if (type.kind == Kind::Float) return double_literal(static_cast<double>(value.integer));
      // Through unsigned long long so that the full uint64 range spells as a literal.
      if (value.integer < 0) {
        return "static_cast<" + cxx_type(type) + ">(" + sema::int128_to_string(value.integer + 1) +
               "LL - 1)";
      }
      return "static_cast<" + cxx_type(type) + ">(" + sema::int128_to_string(value.integer) + "ULL)";
    case VK::EnumMember: {
      const sema::Type* target = type.kind == Kind::Optional ? &type.args[0] : &type;
      return "static_cast<" + cxx_type(*target) + ">(" + sema::int128_to_string(value.integer) + "LL)";
    }
  }
  assert(false && "unhandled value kind");
  return "{}";
}

void emit_declare_local(Printer& p, const sema::Type& type, const std::string& var,
                        const sema::Value* initial) {
  const sema::Class* cls = type.kind == Kind::Class ? type.cls : locked_optional_class(type);
  if (cls != nullptr) {
    p.emit({{"type", object_type(*cls)}, {"var", var}}, "$type$* $var$ = nullptr;\n");
    return;
  }
  std::string init = initial ? " = " + cxx_value(type, *initial) : std::string("{}");
  p.emit({{"type", cxx_type(type)}, {"var", var}, {"init", init}}, "$type$ $var$$init$;\n");
}

void emit_from_python(Printer& p, const ModuleContext& m, const sema::Type& type,
                      const std::string& var, const std::string& src, const std::string& context,
                      const std::string& on_error) {
  auto vars = p.with_vars({{"var", var}, {"src", src}, {"ctx", context}, {"fail", on_error}});
  if (uses_generic_converter(type)) {
    p.emit({{"type", cxx_type(type)}},
           "if (!pyidl::from_python<$type$>($src$, $var$, $ctx$)) $fail$\n");
    return;
  }
  if (converts_with_state(type)) {
    p.emit({{"type", cxx_type(type)}},
           "if (!pyidl::from_python<$type$>($src$, $var$, ($ctx$).with_state(state))) $fail$\n");
    return;
  }
  switch (type.kind) {
    case Kind::Class:
      p.emit({{"unwrap", sema::names::class_unwrap(m.module, *type.cls)}},
             "$var$ = $unwrap$(state, $src$, $ctx$);\n"
             "if ($var$ == nullptr) $fail$\n");
      return;
    case Kind::Enum:
      p.emit({{"from", sema::names::enum_from_python(m.module, *type.enumeration)}},
             "if (!$from$(state, $src$, $var$, $ctx$)) $fail$\n");
      return;
    case Kind::Optional: {
      // `T | None` of a class or enum: None leaves the optional empty.
      const sema::Type& inner = type.args[0];
      if (locked_optional_class(type) != nullptr) {
        p.emit("if ($src$ != Py_None) {\n");
        {
          auto indent = p.indent();
          emit_from_python(p, m, inner, var, src, "(" + context + ").accepting_none()", on_error);
        }
        p.emit("}\n");
        return;
      }
      p.emit("if ($src$ != Py_None) {\n");
      {
        auto indent = p.indent();
        emit_declare_local(p, inner, var + "_value", nullptr);
        emit_from_python(p, m, inner, var + "_value", src, "(" + context + ").accepting_none()",
                         on_error);
        p.emit({{"value", pass_local(inner, var + "_value")}}, "$var$.emplace($value$);\n");
      }
      p.emit("}\n");
      return;
    }
    default:
      assert(false && "no conversion for this type");
  }
}

std::string pass_local(const sema::Type& type, const std::string& var) {
  if (type.kind == Kind::Class) return value_of(*type.cls, var);
  if (const sema::Class* cls = locked_optional_class(type)) {
    return "(" + var + " ? " + cxx_type(type) + "(" + value_of(*cls, var) + ") : std::nullopt)";
  }
  // A buffer goes as an lvalue, so that a C++ function may take it as a std::span over
  // writable memory (a span is made from an rvalue range only if it is a borrowed range).
  if (type.kind == Kind::Buffer || type.kind == Kind::MutableBuffer) return var;
  return "std::move(" + var + ")";
}

std::string to_python_expression(const ModuleContext& m, const sema::Type& type,
                                 const std::string& value) {
  if (converts_with_state(type)) return fmt::format("pyidl::to_python({}, state)", value);
  if (keeps_cxx_result_type(type)) return fmt::format("pyidl::to_python({})", value);
  if (uses_generic_converter(type)) {
    return fmt::format("pyidl::to_python<{}>({})", cxx_type(type), value);
  }
  switch (type.kind) {
    case Kind::Class:
      return fmt::format("{}(state, {})", sema::names::class_wrap(m.module, *type.cls), value);
    case Kind::Enum:
      return fmt::format("{}(state, {})", sema::names::enum_to_python(m.module, *type.enumeration),
                         value);
    case Kind::Optional:
      return fmt::format("({0} ? {1} : Py_NewRef(Py_None))", value,
                         to_python_expression(m, type.args[0], "*" + value));
    default:
      assert(false && "no conversion for this type");
      return "nullptr";
  }
}

}  // namespace pyidlc::codegen
