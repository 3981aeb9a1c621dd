// convert_std_subinterpreter_test.cpp: the stdlib_bindings converters in isolated
// sub-interpreters running in parallel: each conversion uses the classes of the interpreter it
// runs in, and nothing of one interpreter leaks into another.
//
// Workers report failures by throwing (Catch2 v2 is not thread-safe); run_threads rethrows
// the first on the test thread.
#include <catch2/catch.hpp>

#include "python_helpers.h"
#include "sync_test_helpers.h"

#include "pyidl/interpreter.h"
#include "pyidl/std/chrono.h"
#include "pyidl/std/filesystem.h"

#include <chrono>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace std::chrono;

// __main__'s namespace in the attached interpreter (borrowed).
PyObject* main_dict() { return PyModule_GetDict(PyImport_AddModule("__main__")); }

// Stores `obj` (a new reference from a converter, or null) as __main__.<name>.
void publish(const char* name, PyObject* obj) {
  pyidl::ref owned = pyidl::ref::steal(obj);
  if (!owned || PyDict_SetItemString(main_dict(), name, owned.get()) != 0) {
    throw pyidl::python_error();
  }
}

// Converts __main__.<name> to T; throws if that fails.
template <class T>
T take(const char* name) {
  T out{};
  if (!pyidl::from_python(PyDict_GetItemString(main_dict(), name), out,
                          pyidl::arg_context::parameter("f", name, 1))) {
    throw std::runtime_error(pyidl_test::take_error());
  }
  return out;
}

void expect(bool ok, const std::string& what) {
  if (!ok) {
    throw std::runtime_error(what);
  }
}

}  // namespace

TEST_CASE("std converters in parallel sub-interpreters use each interpreter's own classes",
          "[std]") {
  constexpr int interpreters_count = 4;
  constexpr int rounds = 50;
  std::vector<long long> path_class_ids(interpreters_count);
  pyidl_test::run_threads(interpreters_count, [&](int i) {
    pyidl::interpreter interp = pyidl::interpreter::create();
    interp.run("import datetime, os, pathlib\n");
    interp.call([&] {
      for (int r = 0; r < rounds; ++r) {
        const long long n = i * 1000 + r;
        const std::string tag = std::to_string(n);
        publish("n", PyLong_FromLongLong(n));
        publish("td", pyidl::to_python(seconds(n)));
        publish("when", pyidl::to_python(sys_seconds(seconds(n))));
        publish("p", pyidl::to_python(std::filesystem::path("/tmp/\xc3\xa9/" + tag)));
        // Each result is an instance of this interpreter's class (on 3.12 the isolated
        // interpreter's datetime is even the pure-Python one: _datetime cannot load there).
        pyidl_test::run_python(
            "assert type(td) is datetime.timedelta and td == datetime.timedelta(seconds=n), td\n"
            "assert type(when) is datetime.datetime, type(when)\n"
            "assert when.tzinfo is datetime.timezone.utc, when.tzinfo\n"
            "assert when == datetime.datetime.fromtimestamp(n, datetime.timezone.utc), when\n"
            "assert isinstance(p, pathlib.Path) and type(p) is type(pathlib.Path()), type(p)\n"
            "assert str(p) == os.fsdecode(b'/tmp/\\xc3\\xa9/%d' % n), ascii(p)\n"
            "td2 = datetime.timedelta(milliseconds=n)\n"
            "when2 = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc) + td2\n"
            "p2 = pathlib.PurePosixPath('/x') / str(n)\n");
        // And objects made here convert back.
        expect(take<milliseconds>("td2") == milliseconds(n), "timedelta " + tag);
        expect(take<sys_time<milliseconds>>("when2") ==
                   sys_days{year{2000} / 1 / 1} + milliseconds(n),
               "datetime " + tag);
        expect(take<std::filesystem::path>("p2") == std::filesystem::path("/x/" + tag), "path " + tag);
      }
      path_class_ids[i] = pyidl_test::python_long("id(pathlib.Path)");
    });
  });
  // pathlib is pure Python: a class per interpreter, so had any converter kept a class from
  // one interpreter, another's asserts above would have failed.
  const std::set<long long> distinct(path_class_ids.begin(), path_class_ids.end());
  CHECK(distinct.size() == interpreters_count);
  CHECK(distinct.count(pyidl_test::python_long("id(__import__('pathlib').Path)")) == 0);
}
