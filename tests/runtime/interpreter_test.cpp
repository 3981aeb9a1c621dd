// interpreter_test.cpp: embedded sub-interpreters (pyidl::interpreter), interpreter-bound
// references and callbacks invoked from C++ threads.
//
// Worker threads run through pyidl_test::run_threads (sync_test_helpers.h): Catch2 v2
// assertions are not thread-safe, so workers only record what they saw and the test thread
// checks it after joining (detached: workers may need the main interpreter's GIL).
#include "python_helpers.h"
#include "sync_test_helpers.h"

#include "pyidl/bound_ref.h"
#include "pyidl/callback.h"
#include "pyidl/interpreter.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

namespace {

using pyidl::ref;

// current_interpreter_id(): the id of the interpreter running the caller, from the C API,
// so that Python code can report where it really runs.
PyObject* current_interpreter_id(PyObject*, PyObject*) {
  return PyLong_FromLongLong(PyInterpreterState_GetID(PyInterpreterState_Get()));
}
PyMethodDef current_interpreter_id_def = {"current_interpreter_id", current_interpreter_id,
                                          METH_NOARGS, nullptr};

// Runs in an attached interpreter: puts current_interpreter_id into __main__.
void install_id_function() {
  ref fn = ref::steal(PyCFunction_New(&current_interpreter_id_def, nullptr));
  PyObject* main_dict = PyModule_GetDict(PyImport_AddModule("__main__"));
  if (!fn || PyDict_SetItemString(main_dict, "current_interpreter_id", fn.get()) != 0) {
    throw pyidl::python_error();
  }
}

// Captures __main__.<name> of the attached interpreter as a callback.
template <class Signature>
pyidl::callback<Signature> main_callback(const char* name) {
  PyObject* fn = PyDict_GetItemString(PyModule_GetDict(PyImport_AddModule("__main__")), name);
  auto cb = pyidl::callback<Signature>::capture(fn);
  if (!cb) {
    throw pyidl::python_error();
  }
  return cb;
}

}  // namespace

TEST_CASE("an interpreter runs code in its own __main__ and reports its id", "[interpreter]") {
  pyidl::interpreter interp = pyidl::interpreter::create();
  const std::int64_t main_id = PyInterpreterState_GetID(PyInterpreterState_Get());
  CHECK(interp.id() != main_id);
  interp.run("x = 6 * 7");
  interp.call(install_id_function);
  CHECK(interp.call([] { return pyidl_test::python_long("x"); }) == 42);
  CHECK(interp.call([] { return pyidl_test::python_long("current_interpreter_id()"); }) == interp.id());
  // The caller is back in the main interpreter, untouched.
  CHECK(PyInterpreterState_GetID(PyInterpreterState_Get()) == main_id);
  CHECK(pyidl_test::exec("y = 1").get() != nullptr);
}

TEST_CASE("a failing run throws interpreter_error with the traceback", "[interpreter]") {
  pyidl::interpreter interp = pyidl::interpreter::create();
  try {
    interp.run("def f():\n    return 1 / 0\nf()");
    FAIL("no exception");
  } catch (const pyidl::interpreter_error& e) {
    const std::string text = e.what();
    CHECK_THAT(text, Catch::Contains("Traceback"));
    CHECK_THAT(text, Catch::Contains("ZeroDivisionError: division by zero"));
    CHECK_THAT(text, Catch::Contains("in f"));
  }
  CHECK_FALSE(PyErr_Occurred());
  interp.run("ok = True");  // still usable
}

TEST_CASE("a closed interpreter refuses work; closing twice is harmless", "[interpreter]") {
  pyidl::interpreter interp = pyidl::interpreter::create();
  interp.close();
  interp.close();
  CHECK_THROWS_AS(interp.run("x = 1"), pyidl::interpreter_gone_error);
}

TEST_CASE("8 threads without thread states each run their own interpreter in parallel",
          "[interpreter]") {
  constexpr int threads_count = 8;
  std::vector<long long> results(threads_count, -1);
  pyidl_test::run_threads(threads_count, [&results](int i) {
    pyidl::interpreter interp = pyidl::interpreter::create();
    interp.run("total = sum(k * k for k in range(" + std::to_string(10000 + i) + "))");
    results[i] = interp.call([] { return pyidl_test::python_long("total"); });
  });
  for (int i = 0; i < threads_count; ++i) {
    INFO("thread " << i);
    const long long n = 10000 + i;
    CHECK(results[i] == (n - 1) * n * (2 * n - 1) / 6);
  }
}

TEST_CASE("a bound_ref works only in its home interpreter", "[interpreter]") {
  pyidl::interpreter other = pyidl::interpreter::create();
  ref obj = pyidl_test::eval("['home']");
  pyidl::bound_ref kept = pyidl::bound_ref::capture(obj.get());
  REQUIRE(kept);
  CHECK(kept.get() == obj.get());
  CHECK(kept.in_home_interpreter());
  const std::string error = other.call([&] {
    CHECK(kept.get() == nullptr);  // only Catch calls on this thread: safe
    return pyidl_test::take_error();
  });
  CHECK_THAT(error, Catch::StartsWith("RuntimeError: a Python object kept by C++ belongs to interpreter "));
  CHECK_THAT(error, Catch::EndsWith("cannot be used from interpreter " + std::to_string(other.id())));
}

TEST_CASE("the last bound_ref released on a foreign thread releases inside its interpreter",
          "[interpreter]") {
  pyidl::interpreter interp = pyidl::interpreter::create();
  interp.run(
      "import weakref\n"
      "class Probe: pass\n"
      "probe = Probe()\n"
      "alive = weakref.ref(probe)\n");
  pyidl::bound_ref kept = interp.call([] {
    PyObject* probe = PyDict_GetItemString(PyModule_GetDict(PyImport_AddModule("__main__")), "probe");
    return pyidl::bound_ref::capture(probe);
  });
  interp.run("del probe");
  CHECK(interp.call([] { return pyidl_test::python_long("alive() is not None"); }) == 1);
  pyidl_test::run_threads(1, [&kept](int) { kept = pyidl::bound_ref(); });  // the last copy
  CHECK(interp.call([] { return pyidl_test::python_long("alive() is None"); }) == 1);
}

TEST_CASE("a bound_ref outliving its interpreter is dropped without touching it",
          "[interpreter]") {
  pyidl::bound_ref kept;
  {
    pyidl::interpreter interp = pyidl::interpreter::create();
    interp.run("thing = object()");
    kept = interp.call([] {
      return pyidl::bound_ref::capture(
          PyDict_GetItemString(PyModule_GetDict(PyImport_AddModule("__main__")), "thing"));
    });
  }
  kept = pyidl::bound_ref();  // must neither crash nor touch freed memory (ASan checks)
  SUCCEED();
}

TEST_CASE("callbacks invoked from C++ threads run in the interpreter they came from",
          "[interpreter]") {
  constexpr int interpreters_count = 4;
  constexpr int calls_per_thread = 200;
  std::vector<pyidl::interpreter> interps;
  std::vector<pyidl::callback<long long(long long)>> callbacks;
  for (int i = 0; i < interpreters_count; ++i) {
    interps.push_back(pyidl::interpreter::create());
    interps.back().call(install_id_function);
    interps.back().run(
        "seen = []\n"
        "def record(x):\n"
        "    seen.append(current_interpreter_id())\n"
        "    return x + 1\n");
    callbacks.push_back(interps.back().call([] { return main_callback<long long(long long)>("record"); }));
  }
  // Two plain C++ threads per interpreter, none of which ever had a thread state; a failed
  // call throws, and run_threads rethrows it here.
  std::atomic<long long> wrong_results{0};
  pyidl_test::run_threads(2 * interpreters_count, [&](int t) {
    for (int k = 0; k < calls_per_thread; ++k) {
      if (callbacks[t % interpreters_count](k) != k + 1) {
        ++wrong_results;
      }
    }
  });
  CHECK(wrong_results == 0);
  for (int i = 0; i < interpreters_count; ++i) {
    const std::int64_t id = interps[i].id();
    CHECK(interps[i].call([] { return pyidl_test::python_long("len(seen)"); }) == 2 * calls_per_thread);
    CHECK(interps[i].call([&] {
      return pyidl_test::python_long(("sum(1 for s in seen if s != " + std::to_string(id) + ")").c_str());
    }) == 0);
  }
}

TEST_CASE("a callback called from a thread of another interpreter switches and comes back",
          "[interpreter]") {
  pyidl::interpreter home = pyidl::interpreter::create();
  pyidl::interpreter caller = pyidl::interpreter::create();
  home.call(install_id_function);
  home.run("def where(x):\n    return current_interpreter_id() * 1000 + x\n");
  auto where = home.call([] { return main_callback<long long(long long)>("where"); });
  caller.call(install_id_function);
  const auto [result, back_in] = caller.call([&] {
    const long long r = where(7);
    return std::pair(r, PyInterpreterState_GetID(PyInterpreterState_Get()));
  });
  CHECK(result == home.id() * 1000 + 7);
  CHECK(back_in == caller.id());
}

TEST_CASE("a raising callback: python_error at home, callback_error from outside",
          "[interpreter]") {
  pyidl_test::exec("");  // the main interpreter is attached here
  ref ns = pyidl_test::exec("def boom(x):\n    raise ValueError(f'bad {x}')\n");
  auto boom = pyidl::callback<void(int)>::capture(PyDict_GetItemString(ns.get(), "boom"));
  REQUIRE(boom);
  CHECK_THROWS_AS(boom(1), pyidl::python_error);
  CHECK(pyidl_test::take_error() == "ValueError: bad 1");

  std::string foreign_error;
  pyidl_test::run_threads(1, [&](int) {
    try {
      boom(2);
    } catch (const pyidl::callback_error& e) {
      foreign_error = e.what();
    }
  });
  CHECK(foreign_error == "ValueError: bad 2");
  CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("a callback result of the wrong type is an error naming the callback result",
          "[interpreter]") {
  ref ns = pyidl_test::exec("def text():\n    return 'not a number'\n");
  auto text = pyidl::callback<int()>::capture(PyDict_GetItemString(ns.get(), "text"));
  CHECK_THROWS_AS(text(), pyidl::python_error);
  CHECK(pyidl_test::take_error() == "TypeError: callback result must be int, not str");
}

TEST_CASE("capturing a non-callable is a TypeError", "[interpreter]") {
  ref three = pyidl_test::eval("3");
  CHECK_FALSE(pyidl::callback<void()>::capture(three.get()));
  CHECK(pyidl_test::take_error() == "TypeError: 'int' object is not callable");
}

TEST_CASE("closing an interpreter waits for callbacks in progress; later calls fail cleanly",
          "[interpreter]") {
  pyidl::interpreter interp = pyidl::interpreter::create();
  interp.run("import time\ncalls = 0\ndef slow():\n    global calls\n    calls += 1\n    time.sleep(0.002)\n");
  auto slow = interp.call([] { return main_callback<void()>("slow"); });
  std::atomic<bool> started{false};
  std::atomic<long> completed{0};
  std::string last_error;
  pyidl_test::run_threads(2, [&](int index) {
    if (index == 0) {  // keeps calling in until the interpreter is gone
      try {
        for (;;) {
          slow();
          ++completed;
          started = true;
        }
      } catch (const pyidl::interpreter_gone_error& e) {
        last_error = e.what();
      }
    } else {  // closes it meanwhile: must not abort ("not the last thread") nor free memory
      while (!started) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      interp.close();
    }
  });
  CHECK(completed > 0);
  CHECK_THAT(last_error, Catch::Contains("has been finalized or is finalizing"));
  CHECK_THROWS_AS(slow(), pyidl::interpreter_gone_error);
}

TEST_CASE("an interpreter ended by CPython itself closes its record", "[interpreter]") {
  // The atexit hook is what closes records when code other than pyidl::interpreter ends an
  // interpreter (interpreters.destroy(), Py_EndInterpreter): simulate that by running the
  // interpreter's atexit handlers, which CPython does first when it finalizes one.
  pyidl::interpreter interp = pyidl::interpreter::create();
  interp.run("def f():\n    return 1\n");
  auto f = interp.call([] { return main_callback<int()>("f"); });
  CHECK(f() == 1);
  interp.run("import atexit\natexit._run_exitfuncs()\n");
  CHECK_THROWS_AS(f(), pyidl::interpreter_gone_error);
}
