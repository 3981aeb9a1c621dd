// cxx_types.h: the C++ type each IDL type becomes on the C++ side of a binding.
#pragma once

#include <string>

#include "compiler/sema/model.h"

namespace pyidlc::codegen {

// The C++ value type for `type`, e.g. "std::int64_t", "std::vector<std::string>",
// "std::optional<geo::Vec2>". This is what C++ functions take and return (by value or by
// reference to it) and what the runtime's converter<T> is specialised for.
std::string cxx_type(const sema::Type& type);

// True when values of `type` convert through the runtime's generic converter<T> (scalars,
// strings, containers of those). Bound classes and enums need the module state to convert
// (their Python types live there), so the generator emits module-specific code for them.
bool uses_generic_converter(const sema::Type& type);

// True for a composite type (a container, union or mapped type, or an optional of one) with
// a bound class or enum somewhere inside. The runtime's converter templates convert it,
// given the module state (arg_context::with_state, to_python(value, state)), and reach the
// classes and enums through the converter<T> the module generates for each of them
// (element_converter_gen.h). `T | None` of a class or enum itself is converted inline.
bool converts_with_state(const sema::Type& type);

}  // namespace pyidlc::codegen
