// pyidl/module_state.h: typed access to a module object's per-module state (PEP 489/573).
//
// All of a generated module's Python objects (its types, exceptions, interned names) live in
// module state, one per module object and so one per interpreter. These one-liners are the
// only ways generated code reaches it; which one depends on what the C entry point was given
// (the isolation checklist, item 7):
//   module-level function (gets the module)    -> state_from_module
//   METH_METHOD method (gets defining_class)   -> state_from_defining_class
//   slot, getter or setter (gets only self)    -> state_from_type_by_def(Py_TYPE(self), &def)
// Never Py_TYPE(self)'s own module: self may be an instance of a subclass from elsewhere.
#pragma once

#include "pyidl/config.h"

#include <cassert>

PYIDL_NAMESPACE_BEGIN

// Returns the state of `module` (borrowed; must be a module created from a PyModuleDef with
// m_size >= sizeof(State)), owned by the module object and valid while it lives.
template <class State>
[[nodiscard]] inline State* state_from_module(PyObject* module) noexcept {
  void* state = PyModule_GetState(module);
  assert(state != nullptr && "module has no state (m_size == 0, or not a module)");
  return static_cast<State*>(state);
}

// Returns the state of the module that defined `defining_class` (borrowed; a heap type
// made with PyType_FromModuleAndSpec), as METH_METHOD methods receive it. Owned by that
// module; valid while it lives (the type holds a reference to it).
template <class State>
[[nodiscard]] inline State* state_from_defining_class(PyTypeObject* defining_class) noexcept {
  void* state = PyType_GetModuleState(defining_class);
  assert(state != nullptr && "defining class has no module, or its module has no state");
  return static_cast<State*>(state);
}

// Returns the state of the module created from `def` found on `type`'s MRO (borrowed;
// typically Py_TYPE(self) in a slot), or nullptr with TypeError set if no class in the MRO
// was defined by such a module: unlike the two above, this can legitimately fail, so the
// result must be checked. Owned by that module.
// (PyType_GetModuleByDef is in the limited API from 3.13 on; --limited-api refuses the
// class slots that need it.)
#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030D0000
template <class State>
[[nodiscard]] inline State* state_from_type_by_def(PyTypeObject* type, PyModuleDef* def) noexcept {
  PyObject* module = PyType_GetModuleByDef(type, def);  // borrowed; null with TypeError set
  if (module == nullptr) {
    return nullptr;
  }
  return state_from_module<State>(module);
}
#endif

PYIDL_NAMESPACE_END
