// instance_test.cpp: a heap type holding a C++ object inline, built from the instance helpers.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include <stdexcept>
#include <string>

using pyidl::ref;

namespace {

int live = 0;  // live `counted` objects (test-only global; the runtime itself has none)

struct counted {
  std::string name;
  explicit counted(std::string n) : name(std::move(n)) {
    if (name == "throw") {
      throw std::invalid_argument("bad name");
    }
    ++live;
  }
  ~counted() { --live; }
};

// What the generator would emit for `class Counted = counted { def __init__(self, name: str); }`.
int counted_init(PyObject* self, PyObject* args, PyObject* kwargs) {
  static constexpr const char* names[] = {"name"};
  static constexpr pyidl::signature sig{"Counted", names, 0, 1, 0, 1, 0};
  PyObject* argv[1];
  if (!pyidl::unpack_args_tuple(sig, args, kwargs, argv)) {
    return -1;
  }
  std::string name;
  if (!pyidl::from_python(argv[0], name, pyidl::arg_context::parameter("Counted", "name", 1))) {
    return -1;
  }
  try {
    pyidl::instance_construct<counted>(self, std::move(name));
  } catch (...) {
    pyidl::translate_current_exception();
    return -1;
  }
  return 0;
}

PyObject* counted_name(PyObject* self, PyObject*) {
  counted* c = pyidl::instance_value_or_raise<counted>(self);
  return c ? pyidl::to_python(c->name) : nullptr;
}

PyMethodDef counted_methods[] = {{"name", counted_name, METH_NOARGS, nullptr}, {nullptr, nullptr, 0, nullptr}};

PyType_Slot counted_slots[] = {
    {Py_tp_init, reinterpret_cast<void*>(counted_init)},
    {Py_tp_dealloc, reinterpret_cast<void*>(pyidl::instance_dealloc<counted>)},
    {Py_tp_traverse, reinterpret_cast<void*>(pyidl::instance_traverse)},
    {Py_tp_methods, counted_methods},
    {0, nullptr}};

PyType_Spec counted_spec = {"test.Counted", sizeof(pyidl::instance<counted>), 0,
                            Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE, counted_slots};

}  // namespace

TEST_CASE("instances construct and destroy the C++ object exactly once", "[instance]") {
  ref type = ref::steal(PyType_FromSpec(&counted_spec));
  REQUIRE(type);
  const Py_ssize_t type_refs = Py_REFCNT(type.get());
  ref ns = pyidl_test::exec("");
  REQUIRE(PyDict_SetItemString(ns.get(), "Counted", type.get()) == 0);
  auto run = [&](const char* code) {
    ref r = ref::steal(PyRun_String(code, Py_eval_input, ns.get(), ns.get()));
    return r;
  };

  {
    ref obj = run("Counted('a')");
    REQUIRE(obj);
    CHECK(live == 1);
    CHECK(pyidl::instance_value<counted>(obj.get())->name == "a");
    // Re-running __init__ replaces the object: still exactly one alive.
    ref again = run("Counted.__init__(Counted('b'), name='c') or None");
    REQUIRE(again);
    CHECK(live == 1);
  }
  CHECK(live == 0);

  // A throwing constructor leaves the instance unconstructed, and methods report it.
  ref failed = run("Counted('throw')");
  CHECK_FALSE(failed);
  CHECK(pyidl_test::take_error() == "ValueError: bad name");
  ref uninit = run("Counted.__new__(Counted).name()");
  CHECK_FALSE(uninit);
  CHECK(pyidl_test::take_error() == "RuntimeError: test.Counted object is not initialized");
  CHECK(live == 0);

  // Argument errors come from unpack_args / the converters.
  CHECK_FALSE(run("Counted()"));
  CHECK(pyidl_test::take_error() == "TypeError: Counted() missing required argument 'name' (pos 1)");
  CHECK_FALSE(run("Counted(1)"));
  CHECK(pyidl_test::take_error() == "TypeError: Counted() argument 'name' must be str, not int");

  // Instances hold a reference to their heap type and give it back in tp_dealloc.
  PyRun_String("import gc; gc.collect()", Py_file_input, ns.get(), ns.get());
  CHECK(Py_REFCNT(type.get()) == type_refs + 1);  // +1: the namespace entry
}
