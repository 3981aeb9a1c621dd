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
//   module_make_enum    geometry_module_make_enum  creates the enum classes in exec
//   module_translate    geometry_module_translate  C++ exception → Python (mapped types)
//   module_add_submodule geometry_module_add_submodule  creates a submodule in exec
//   module_init         PyInit_geometry            the export CPython looks up (never escaped)
//   module_serialized_lock geometry_module_serialized_lock  the lock of a @serialized module
//   function_wrapper    geometry_norm              METH_FASTCALL wrapper of `norm`
//   signature_names     geometry_norm_names        its parameter names (const char*[])
//   signature_constant  geometry_norm_sig          its pyidl::signature
//   signature_contexts  geometry_norm_contexts     its parameters' pyidl::arg_context[]
//   class_spec          geometry_Vec2_spec         PyType_Spec
//   class_slots         geometry_Vec2_slots        PyType_Slot[]
//   class_methods       geometry_Vec2_methods      PyMethodDef[] (METH_METHOD methods)
//   class_static_methods geometry_Vec2_static_methods  PyMethodDef[] installed by exec
//   class_getset        geometry_Vec2_getset       PyGetSetDef[]
//   class_state         geometry_Vec2_state        module state of an instance (slots)
//   class_unwrap        geometry_Vec2_unwrap       PyObject* → C++ object, type-checked
//   class_wrap          geometry_Vec2_wrap         C++ value → new instance
//   class_tp_init       geometry_Vec2_tp_init      tp_init
//   class_vectorcall    geometry_Vec2_vectorcall   the type's tp_vectorcall (construction)
//   class_slot_function geometry_Vec2_slot_nb_add  the function of one type slot
//   class_serialized_lock geometry_Vec2_serialized_lock  the lock of a @serialized class
//   class_reduce        geometry_Vec2_dunder_reduce   __reduce__ of a @shareable class
//   class_adopt         geometry_Vec2_dunder_pyidl_adopt  its unpickling class method
//   method_wrapper      geometry_Vec2_dot          METH_METHOD wrapper of `dot`
//                       geometry_Vec2_dunder_init  the constructor's signature stem
//   getter / setter     geometry_Vec2_get_x, geometry_Vec2_set_x   (attrs and properties)
//   enum_from_python    geometry_Axis_from_python  Python member → C++ enum value
//   enum_to_python      geometry_Axis_to_python    C++ enum value → Python member
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
std::string module_make_enum(const Module& module);
std::string module_translate(const Module& module);
std::string module_add_submodule(const Module& module);
std::string module_init(const Module& module);
// The process-wide lock of a @serialized module (the one kind of static data generated code
// has: a constant-initialized pyidl::call_lock).
std::string module_serialized_lock(const Module& module);

std::string function_wrapper(const Module& module, const Function& function);
// The constants emitted beside a wrapper that takes parameters.
std::string signature_names(const std::string& wrapper);
std::string signature_constant(const std::string& wrapper);
std::string signature_contexts(const std::string& wrapper);

std::string class_spec(const Module& module, const Class& cls);
std::string class_slots(const Module& module, const Class& cls);
std::string class_methods(const Module& module, const Class& cls);
std::string class_static_methods(const Module& module, const Class& cls);
std::string class_getset(const Module& module, const Class& cls);
std::string class_state(const Module& module, const Class& cls);
std::string class_unwrap(const Module& module, const Class& cls);
std::string class_wrap(const Module& module, const Class& cls);
std::string class_tp_init(const Module& module, const Class& cls);
std::string class_vectorcall(const Module& module, const Class& cls);
// The function filling type slot `slot` ("Py_nb_add") of the class.
std::string class_slot_function(const Module& module, const Class& cls, std::string_view slot);
// The process-wide lock of a @serialized class.
std::string class_serialized_lock(const Module& module, const Class& cls);
// __reduce__ of a @shareable class and the class method that unpickles its transfer token.
std::string class_reduce(const Module& module, const Class& cls);
std::string class_adopt(const Module& module, const Class& cls);

std::string enum_from_python(const Module& module, const Enum& e);
std::string enum_to_python(const Module& module, const Enum& e);

// Wrappers of methods, static and class methods, special methods and the constructor.
std::string method_wrapper(const Module& module, const Class& cls, const Function& method);

// Getter and setter of an `attr` or a `property` named python_name.
std::string getter(const Module& module, const Class& cls, std::string_view python_name);
std::string setter(const Module& module, const Class& cls, std::string_view python_name);

std::string parameter_local(size_t index, std::string_view python_name);

// The Python names of the methods a @shareable class gets for pickling.
inline constexpr std::string_view kReduceMethod = "__reduce__";
inline constexpr std::string_view kAdoptMethod = "__pyidl_adopt__";

// Every global identifier a module (not its submodules) generates, in declaration order:
// calls visit(identifier, python_name_of_the_declaration, range_of_the_declaration). The
// module's own identifiers come first with the module's name and range.
using NameVisitor =
    std::function<void(const std::string& identifier, std::string_view owner, SourceRange)>;
void for_each_generated_name(const Module& module, const NameVisitor& visit);

}  // namespace pyidlc::sema::names
