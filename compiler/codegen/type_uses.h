// type_uses.h: which types a module's generated code converts, so that only the helpers,
// includes and stub imports they need are emitted (an unused static helper would also warn
// under -Wall).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "compiler/sema/model.h"

namespace pyidlc::codegen {

struct TypeUses {
  std::set<const sema::Class*> unwrapped;  // Python → C++ (parameters, setters)
  std::set<const sema::Class*> wrapped;    // C++ → Python (results, getters, constants)
  std::set<const sema::Enum*> enums_in;
  std::set<const sema::Enum*> enums_out;
  // Those converted inside a container, union or mapped type (cxx_types.h,
  // converts_with_state): each gets a converter<T> of its own.
  std::set<const sema::Class*> nested_classes;
  std::set<const sema::Enum*> nested_enums;
};

// Every bound class and enum that crosses the boundary in `module`, by direction.
TypeUses collect_type_uses(const sema::Module& module);

// The `type` declarations that `module` or its submodules use, in order of first use.
std::vector<const sema::TypeMap*> type_maps_used(const sema::Module& module);

// The Python modules that the stub's annotations of mapped types name ("datetime" for
// "datetime.timedelta", "os" for "os.PathLike[str]"), sorted.
std::set<std::string> python_modules_named(const sema::Module& module);

}  // namespace pyidlc::codegen
