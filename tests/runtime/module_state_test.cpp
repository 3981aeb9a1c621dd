// module_state_test.cpp: typed state access from a module, a defining class and a type's MRO.
#include <catch2/catch.hpp>

#include "python_helpers.h"

using pyidl::ref;

namespace {

struct test_state {
  int marker;
};

PyModuleDef state_def = {PyModuleDef_HEAD_INIT, "state_test", nullptr, sizeof(test_state),
                         nullptr, nullptr, nullptr, nullptr, nullptr};
PyModuleDef other_def = {PyModuleDef_HEAD_INIT, "other", nullptr, 0,
                         nullptr, nullptr, nullptr, nullptr, nullptr};

PyType_Slot empty_slots[] = {{0, nullptr}};
PyType_Spec thing_spec = {"state_test.Thing", sizeof(PyObject), 0,
                          Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, empty_slots};

}  // namespace

TEST_CASE("state is reachable from the module, the defining class and a subclass", "[module_state]") {
  ref module = ref::steal(PyModule_FromDefAndSpec2(
      &state_def, pyidl_test::eval("__import__('types').SimpleNamespace(name='state_test')").get(),
      PYTHON_API_VERSION));
  REQUIRE(module);
  REQUIRE(PyModule_ExecDef(module.get(), &state_def) == 0);
  test_state* s = pyidl::state_from_module<test_state>(module.get());
  REQUIRE(s != nullptr);
  s->marker = 42;

  ref type = ref::steal(PyType_FromModuleAndSpec(module.get(), &thing_spec, nullptr));
  REQUIRE(type);
  auto* tp = reinterpret_cast<PyTypeObject*>(type.get());
  CHECK(pyidl::state_from_defining_class<test_state>(tp)->marker == 42);
  CHECK(pyidl::state_from_type_by_def<test_state>(tp, &state_def)->marker == 42);

  // A Python subclass (possibly from another module) still finds the state through its MRO.
  ref ns = pyidl_test::exec("");
  REQUIRE(PyDict_SetItemString(ns.get(), "Thing", type.get()) == 0);
  ref sub = ref::steal(PyRun_String("type('Sub', (Thing,), {})", Py_eval_input, ns.get(), ns.get()));
  REQUIRE(sub);
  CHECK(pyidl::state_from_type_by_def<test_state>(reinterpret_cast<PyTypeObject*>(sub.get()), &state_def)
            ->marker == 42);

  // A type from no such module: nullptr and a TypeError, not a crash.
  CHECK(pyidl::state_from_type_by_def<test_state>(&PyLong_Type, &other_def) == nullptr);
  CHECK(pyidl_test::take_error().rfind("TypeError: ", 0) == 0);
}
