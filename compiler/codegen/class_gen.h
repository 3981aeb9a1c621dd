// class_gen.h: pieces of a bound class's emission shared between class_gen.cpp and
// special_methods_gen.cpp.
#pragma once

#include <string>
#include <vector>

#include "compiler/codegen/context.h"

namespace pyidlc::codegen {

// Every identifier emitted for one class, spelled by sema/generated_names.h.
struct ClassNames {
  ClassNames(const ModuleContext& m, const sema::Class& cls);
  std::string type_field;  // the state struct's member holding the type: "Vec2_type"
  std::string state, unwrap, wrap, tp_init, vectorcall;
  std::string methods, static_methods, getset, slots, spec;
};

// The state struct's member holding an enum class: "Color_class".
std::string enum_field(const sema::Enum& e);

// Whether the class has @staticmethod methods, which Py_mod_exec installs on the class as
// staticmethod objects bound to the module (table "<stem>_static_methods").
bool has_static_methods(const sema::Class& cls);

// A PyType_Slot entry: {slot, function}.
struct SlotEntry {
  std::string slot;      // "Py_tp_repr"
  std::string function;  // the generated C function
};

// Emits the slot functions for the class's special methods (__repr__, __eq__, __add__,
// __len__, ...) and returns the PyType_Slot entries that install them.
std::vector<SlotEntry> emit_special_methods(Printer& p, const ModuleContext& m,
                                            const sema::Class& cls);

// Emits `T* self_value = ...; if (!self_value) <on_error>` for a slot or method body.
void emit_self_value(Printer& p, const sema::Class& cls, const std::string& on_error);

// Emits `<state_type>* state = <stem>_state(self); if (!state) <on_error>`.
void emit_slot_state(Printer& p, const ModuleContext& m, const sema::Class& cls,
                     const std::string& self, const std::string& on_error);

}  // namespace pyidlc::codegen
