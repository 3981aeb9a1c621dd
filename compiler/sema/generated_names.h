// generated_names.h: the spelling of every C++ identifier the generated code declares.
//
// Codegen must spell generated identifiers only through these functions, and sema's
// GeneratedNameClash check enumerates them through for_each_generated_name, so a clash is
// caught in the IDL rather than by the C++ compiler. Examples for `module geometry;` with
// `def norm(...)` and `class Vec2 { def dot(self, ...); def __add__(self, ...); attr x; }`:
//
//   module_state        geometry_module_state      struct held in PyModule_GetState
//   module_exec         geometry_module_exec       Py_mod_exec function
//   module_traverse     geometry_module_traverse   m_traverse
//   module_clear        geometry_module_clear      m_clear
//   module_free         geometry_module_free       m_free
//   module_methods      geometry_module_methods    PyMethodDef[] of module functions
//   module_slots        geometry_module_slots      PyModuleDef_Slot[]
//   module_def          geometry_module_def        PyModuleDef
//   module_doc          geometry_module_doc        module docstring
//   module_init         PyInit_geometry            the export CPython looks up (never escaped)
//   function_wrapper    geometry_norm              METH_FASTCALL wrapper of `norm`
//   function_doc        geometry_norm_doc          its docstring with __text_signature__
//   class_object        geometry_Vec2_object       instance struct holding the C++ value
//   class_spec          geometry_Vec2_spec         PyType_Spec
//   class_slots         geometry_Vec2_slots        PyType_Slot[]
//   class_methods       geometry_Vec2_methods      PyMethodDef[]
//   class_getset        geometry_Vec2_getset       PyGetSetDef[]
//   class_dealloc       geometry_Vec2_dealloc      tp_dealloc
//   class_traverse      geometry_Vec2_traverse     tp_traverse
//   class_doc           geometry_Vec2_doc          class docstring
//   method_wrapper      geometry_Vec2_dot          METH_METHOD wrapper of `dot`
//                       geometry_Vec2_dunder_add   slot function of `__add__`
//   method_doc          geometry_Vec2_dot_doc
//   getter / setter     geometry_Vec2_get_x, geometry_Vec2_set_x   (attrs and properties)
//   parameter_local     arg_0_v                    local holding parameter 0 (`v`)
//
// Module roles carry `module_` so that ordinary function names (`exec`, `free`, `clear`)
// never clash with them. `<mod>` is the dotted module name with '.' → '_' (pkg_geometry).
//
// C++ reserves identifiers containing "__" or starting with '_' and an uppercase letter
// (and, at global scope, any leading '_'). escape() keeps every generated identifier clear
// of those: see its comment. Parameters reach C++ only as parameter_local() names, which
// are numbered, so no parameter name (not even `new` or `class`) can break generated code;
// codegen must keep it that way.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "compiler/sema/model.h"

namespace pyidlc::sema::names {

// A Python name as a safe part of a C++ identifier:
//   "dot" → "dot", "Vec2" → "Vec2",
//   "__add__" → "dunder_add" (a dunder becomes "dunder_" + its stem),
//   "_helper" → "uhelper", "from_" → "fromu", "a__b" → "a_ub" (an underscore at either end,
//   or right after another underscore, becomes 'u').
// The result never starts or ends with '_' and never contains "__", so joining parts with
// one '_' stays clear of reserved identifiers. It is not injective ("_x" and "ux" meet);
// GeneratedNameClash reports the rare collision.
std::string escape(std::string_view python_name);

std::string module_prefix(const Module& module);
std::string module_state(const Module& module);
std::string module_exec(const Module& module);
std::string module_traverse(const Module& module);
std::string module_clear(const Module& module);
std::string module_free(const Module& module);
std::string module_methods(const Module& module);
std::string module_slots(const Module& module);
std::string module_def(const Module& module);
std::string module_doc(const Module& module);
std::string module_init(const Module& module);

std::string function_wrapper(const Module& module, const Function& function);
std::string function_doc(const Module& module, const Function& function);

std::string class_object(const Module& module, const Class& cls);
std::string class_spec(const Module& module, const Class& cls);
std::string class_slots(const Module& module, const Class& cls);
std::string class_methods(const Module& module, const Class& cls);
std::string class_getset(const Module& module, const Class& cls);
std::string class_dealloc(const Module& module, const Class& cls);
std::string class_traverse(const Module& module, const Class& cls);
std::string class_doc(const Module& module, const Class& cls);

// Wrappers of methods, static and class methods, special methods and the constructor.
std::string method_wrapper(const Module& module, const Class& cls, const Function& method);
std::string method_doc(const Module& module, const Class& cls, const Function& method);

// Getter and setter of an `attr` or a `property` named python_name.
std::string getter(const Module& module, const Class& cls, std::string_view python_name);
std::string setter(const Module& module, const Class& cls, std::string_view python_name);

std::string parameter_local(size_t index, std::string_view python_name);

// Every global identifier a module (not its submodules) generates, in declaration order:
// calls visit(identifier, python_name_of_the_declaration, range_of_the_declaration). The
// module's own identifiers come first with the module's name and range.
using NameVisitor =
    std::function<void(const std::string& identifier, std::string_view owner, SourceRange)>;
void for_each_generated_name(const Module& module, const NameVisitor& visit);

}  // namespace pyidlc::sema::names
