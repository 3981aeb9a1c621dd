// element_converter_gen.h: converter<T> specialisations for bound classes and enums that
// are converted inside containers, unions and mapped types.
#pragma once

#include "compiler/base/printer.h"
#include "compiler/codegen/context.h"

namespace pyidlc::codegen {

// Emits, after the class and enum helpers, a pyidl::converter<T> for each class and enum in
// m.uses.nested_classes / nested_enums: from_python finds the module state through
// arg_context::module_state(), to_python takes it as its second argument.
void emit_element_converters(Printer& p, const ModuleContext& m);

}  // namespace pyidlc::codegen
