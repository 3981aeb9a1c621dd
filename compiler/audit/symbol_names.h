// symbol_names.h: reading Itanium C++ ABI symbol names: demangling, guard variables and
// function-local statics.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pyidlc::audit {

// The readable name of a symbol: "_ZN2fx7counterE" → "fx::counter". A suffix the compiler
// appended after a '.' ("_ZN2fx1xE.lto_priv.0") is kept as written: "fx::x.lto_priv.0".
// Names that are not mangled (C symbols) come back unchanged.
std::string demangle(const std::string& symbol);

// For a guard variable ("_ZGV<name>", which records whether the static <name> has been
// dynamically initialized), the mangled name of that static ("_Z<name>"); otherwise nullopt.
std::optional<std::string> guarded_object(std::string_view symbol);

// True for a static declared inside a function ("_ZZ<function>E<name>").
bool is_function_local(std::string_view symbol);

}  // namespace pyidlc::audit
