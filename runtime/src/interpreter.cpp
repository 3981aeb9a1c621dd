// interpreter.cpp: creating and ending embedded sub-interpreters from any thread.
#include "pyidl/interpreter.h"

#include "pyidl/detail/exception_text.h"
#include "pyidl/object.h"
#include "pyidl/sync/detach.h"

#include <stdexcept>
#include <string>

PYIDL_NAMESPACE_BEGIN
interpreter interpreter::create() {
  if (!Py_IsInitialized()) {
    throw interpreter_error("pyidl::interpreter::create: Python is not initialized");
  }
  // Lifecycle calls start from a thread with no attached thread state.
  detach_scope caller;
  PyInterpreterConfig config{};
  config.use_main_obmalloc = 0;
  config.allow_fork = 0;
  config.allow_exec = 0;
  config.allow_threads = 1;
  config.allow_daemon_threads = 0;
  config.check_multi_interp_extensions = 1;
  config.gil = PyInterpreterConfig_OWN_GIL;
  PyThreadState* initial = nullptr;
  const PyStatus status = Py_NewInterpreterFromConfig(&initial, &config);
  if (PyStatus_Exception(status) || initial == nullptr) {
    throw interpreter_error(std::string("cannot create a sub-interpreter: ") +
                            (status.err_msg != nullptr ? status.err_msg : "out of memory"));
  }
  // Attached to the new interpreter now. Its record is made here so that the close hook is
  // installed before anyone can hold a reference into it.
  std::shared_ptr<detail::interpreter_record> record = detail::current_interpreter_record();
  std::string failure = record ? std::string() : detail::take_exception_text(false);
  if (!record) {
    Py_EndInterpreter(initial);
    throw interpreter_error("cannot set up a sub-interpreter: " + failure);
  }
  // Park the first thread state; every entry makes its own.
  PyEval_SaveThread();
  return interpreter(std::move(record), initial);
}

interpreter& interpreter::operator=(interpreter&& other) noexcept {
  if (this != &other) {
    close();
    record_ = std::move(other.record_);
    parked_ = std::exchange(other.parked_, nullptr);
  }
  return *this;
}

interpreter::~interpreter() {
  close();
}

void interpreter::run(std::string_view code) {
  if (!record_) {
    throw interpreter_gone_error("pyidl::interpreter::run: the interpreter was closed");
  }
  const std::string source(code);
  detail::attach_scope scope(*record_);
  PyObject* main_module = PyImport_AddModule("__main__");  // borrowed
  PyObject* globals = main_module != nullptr ? PyModule_GetDict(main_module) : nullptr;
  ref result = globals != nullptr
                   ? ref::steal(PyRun_String(source.c_str(), Py_file_input, globals, globals))
                   : ref();
  if (!result) {
    throw interpreter_error(detail::take_exception_text(true));
  }
}

void interpreter::close() {
  if (!record_) {
    return;
  }
  std::shared_ptr<detail::interpreter_record> record = std::move(record_);
  if (record->is_current()) {
    record_ = std::move(record);
    throw std::logic_error("pyidl::interpreter::close: called from inside the interpreter");
  }
  detach_scope caller;
  // Stop new entries and wait for the ones in progress, so that Py_EndInterpreter finds no
  // other thread state; the atexit hook then finds the record already closed.
  record->close_and_drain();
  PyThreadState* last = std::exchange(parked_, nullptr);
  PyEval_RestoreThread(last);
  Py_EndInterpreter(last);
}

PYIDL_NAMESPACE_END
