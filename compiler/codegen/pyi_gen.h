// pyi_gen.h: the .pyi type stub of a module, agreeing with its __text_signature__s.
#pragma once

#include <string>

#include "compiler/sema/model.h"

namespace pyidlc::codegen {

// The stub for `module`: classes, functions, enums, exceptions and constants with the
// same parameters (names, kinds, defaults) that inspect.signature reports at run time.
std::string stub_file(const sema::Module& module);

}  // namespace pyidlc::codegen
