// sync_test_helpers.cpp: the helpers of the pyidl::sync tests.
#include "sync_test_helpers.h"

#include "python_helpers.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <latch>
#include <stdexcept>
#include <vector>

namespace pyidl_test {

deadline::deadline(std::string scenario, std::chrono::seconds limit)
    : watcher_([this, scenario = std::move(scenario), limit] {
        std::unique_lock lock(mutex_);
        if (!finished_.wait_for(lock, limit, [this] { return done_; })) {
          std::fprintf(stderr, "DEADLOCK: '%s' did not finish within %lld s\n", scenario.c_str(),
                       static_cast<long long>(limit.count()));
          std::fflush(stderr);
          std::_Exit(1);
        }
      }) {}

deadline::~deadline() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  finished_.notify_one();
  watcher_.join();
}

attached_thread::attached_thread(PyInterpreterState* interp) {
  PyEval_RestoreThread(PyThreadState_New(interp));
}

attached_thread::~attached_thread() {
  PyThreadState_Clear(PyThreadState_Get());
  PyThreadState_DeleteCurrent();
}

void run_threads(int count, const std::function<void(int)>& body) {
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(count));
  std::vector<std::thread> threads;
  std::latch all_started(count);  // so that the bodies really overlap
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([i, &body, &errors, &all_started] {
      all_started.arrive_and_wait();
      try {
        body(i);
      } catch (...) {
        errors[static_cast<std::size_t>(i)] = std::current_exception();
      }
    });
  }
  {
    pyidl::detach_scope detached;  // the threads may need the caller's GIL
    for (std::thread& t : threads) {
      t.join();
    }
  }
  for (const std::exception_ptr& error : errors) {
    if (error) {
      std::rethrow_exception(error);
    }
  }
}

namespace {

// Runs `code` as `mode` (Py_file_input, Py_eval_input) in the attached interpreter's __main__.
pyidl::ref run_in_main(const char* code, int mode) {
  PyObject* globals = PyModule_GetDict(PyImport_AddModule("__main__"));  // borrowed
  pyidl::ref result = pyidl::ref::steal(PyRun_String(code, mode, globals, globals));
  if (!result) {
    throw std::runtime_error("Python error: " + take_error() + "\nin:\n" + code);
  }
  return result;
}

}  // namespace

void run_python(const char* statements) { run_in_main(statements, Py_file_input); }

long python_long(const char* expression) {
  const long value = PyLong_AsLong(run_in_main(expression, Py_eval_input).get());
  if (PyErr_Occurred()) {
    throw std::runtime_error("Python error: " + take_error() + "\nin: " + expression);
  }
  return value;
}

std::int64_t current_interpreter_id() {
  return PyInterpreterState_GetID(PyInterpreterState_Get());
}

}  // namespace pyidl_test
