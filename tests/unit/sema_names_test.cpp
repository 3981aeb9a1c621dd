// sema_names_test.cpp: generated identifier spellings (generated_names.h).
#include <catch2/catch.hpp>

#include "compiler/sema/generated_names.h"

namespace pyidlc::sema {
namespace {

TEST_CASE("names: escape keeps identifiers clear of reserved spellings", "[sema][names]") {
  CHECK(names::escape("dot") == "dot");
  CHECK(names::escape("__add__") == "dunder_add");
  CHECK(names::escape("_helper") == "uhelper");
  CHECK(names::escape("from_") == "fromu");
  CHECK(names::escape("a__b") == "a_ub");
  CHECK(names::escape("a___b") == "a_uub");
  CHECK(names::escape("_") == "u");
}

TEST_CASE("names: every generated identifier", "[sema][names]") {
  Module module;
  module.name = "pkg.geometry";
  module.short_name = "geometry";
  Class cls;
  cls.python_name = "Vec2";
  Function dot;
  dot.python_name = "dot";
  Function add;
  add.python_name = "__add__";
  CHECK(names::module_prefix(module) == "pkg_geometry");
  CHECK(names::module_state(module) == "pkg_geometry_module_state");
  CHECK(names::module_exec(module) == "pkg_geometry_module_exec");
  CHECK(names::module_def(module) == "pkg_geometry_module_def");
  CHECK(names::module_init(module) == "PyInit_geometry");
  CHECK(names::function_wrapper(module, dot) == "pkg_geometry_dot");
  CHECK(names::signature_constant(names::function_wrapper(module, dot)) == "pkg_geometry_dot_sig");
  CHECK(names::signature_names(names::function_wrapper(module, dot)) == "pkg_geometry_dot_names");
  CHECK(names::module_make_enum(module) == "pkg_geometry_module_make_enum");
  CHECK(names::class_spec(module, cls) == "pkg_geometry_Vec2_spec");
  CHECK(names::class_wrap(module, cls) == "pkg_geometry_Vec2_wrap");
  CHECK(names::class_unwrap(module, cls) == "pkg_geometry_Vec2_unwrap");
  CHECK(names::class_state(module, cls) == "pkg_geometry_Vec2_state");
  CHECK(names::class_vectorcall(module, cls) == "pkg_geometry_Vec2_vectorcall");
  CHECK(names::class_slot_function(module, cls, "Py_nb_add") == "pkg_geometry_Vec2_slot_nb_add");
  CHECK(names::method_wrapper(module, cls, dot) == "pkg_geometry_Vec2_dot");
  CHECK(names::method_wrapper(module, cls, add) == "pkg_geometry_Vec2_dunder_add");
  CHECK(names::getter(module, cls, "x") == "pkg_geometry_Vec2_get_x");
  CHECK(names::setter(module, cls, "_x") == "pkg_geometry_Vec2_set_ux");
  CHECK(names::parameter_local(0, "new") == "arg_0_new");
  CHECK(names::parameter_local(2, "__x") == "arg_2_uux");
}

}  // namespace
}  // namespace pyidlc::sema
