// type_uses.h: which conversion helpers a module's generated code calls, so that only
// those are emitted (an unused static helper would also warn under -Wall).
#pragma once

#include <set>

#include "compiler/sema/model.h"

namespace pyidlc::codegen {

struct TypeUses {
  std::set<const sema::Class*> unwrapped;  // Python → C++ (parameters, setters)
  std::set<const sema::Class*> wrapped;    // C++ → Python (results, getters, constants)
  std::set<const sema::Enum*> enums_in;
  std::set<const sema::Enum*> enums_out;
};

// Every bound class and enum that crosses the boundary in `module`, by direction.
TypeUses collect_type_uses(const sema::Module& module);

}  // namespace pyidlc::codegen
