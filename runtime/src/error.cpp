// error.cpp: translation of C++ exceptions into Python exceptions, and exception chaining.
#include "pyidl/error.h"

#include "pyidl/object.h"

#include <cstring>
#include <new>

PYIDL_NAMESPACE_BEGIN

const char* python_error::what() const noexcept {
  return "a Python exception is set (pyidl::python_error)";
}

namespace detail {
namespace {

// Raises type(message). A Python exception that is already set (C++ code that called the C
// API, saw it fail, then threw a C++ exception of its own) is not dropped: it becomes the
// new exception's __context__, exactly as if the raise happened in an `except` block.
void set_error(PyObject* type, const char* message) noexcept {
  // Keep an exception that was already pending as __context__; the common case has none,
  // and then there is nothing to save and restore.
  PyObject* previous = PyErr_Occurred() ? PyErr_GetRaisedException() : nullptr;
  // "replace": what() of a foreign library need not be UTF-8, and reporting the error must
  // not fail with a UnicodeDecodeError instead.
  ref text = ref::steal(PyUnicode_DecodeUTF8(message, static_cast<Py_ssize_t>(std::strlen(message)),
                                             "replace"));
  if (text) {
    PyErr_SetObject(type, text.get());
  }
  if (previous != nullptr) {
    PyObject* current = PyErr_GetRaisedException();
    if (current != nullptr) {
      PyException_SetContext(current, previous);  // steals `previous`
      PyErr_SetRaisedException(current);          // steals `current`
    } else {
      Py_DECREF(previous);
    }
  }
}

bool same_domain(const error_domain& a, const error_domain& b) noexcept {
  // Each shared object built with -fvisibility=hidden has its own copy of an inline
  // variable, so a domain object reached through another module's code may be a different
  // object for the same module: fall back to comparing the names.
  return &a == &b || std::strcmp(a.module_name, b.module_name) == 0;
}

void set_declared_error(const declared_error& e, const error_domain* domain,
                        PyObject* const* types, std::size_t count) noexcept {
  if (domain != nullptr && same_domain(e.domain(), *domain) && e.id() < count &&
      types != nullptr && types[e.id()] != nullptr) {
    set_error(types[e.id()], e.what());
    return;
  }
  // The exception type belongs to another module's state (or the table is missing): report
  // it as faithfully as possible without a type to raise.
  PyObject* previous = PyErr_GetRaisedException();
  PyErr_Format(PyExc_RuntimeError, "exception %zu declared by pyidl module '%s': %s", e.id(),
               e.domain().module_name, e.what());
  if (previous != nullptr) {
    PyObject* current = PyErr_GetRaisedException();
    PyException_SetContext(current, previous);
    PyErr_SetRaisedException(current);
  }
}

void translate(const error_domain* domain, PyObject* const* types, std::size_t count) noexcept {
  // Rethrowing the in-flight exception is the standard way to inspect it from a function
  // called in a catch (...) block. The handlers are tried in order and each miss costs a
  // type match during unwinding, so the common standard exceptions come first; they are
  // unrelated to pyidl's own types, so the order changes no result (only the final
  // std::exception handler must stay after every class derived from it).
  try {
    throw;
  } catch (const std::invalid_argument& e) {
    set_error(PyExc_ValueError, e.what());
  } catch (const std::out_of_range& e) {
    set_error(PyExc_IndexError, e.what());
  } catch (const std::domain_error& e) {
    set_error(PyExc_ValueError, e.what());
  } catch (const std::overflow_error& e) {
    set_error(PyExc_OverflowError, e.what());
  } catch (const std::range_error& e) {
    set_error(PyExc_ValueError, e.what());
  } catch (const python_error&) {
    if (!PyErr_Occurred()) {
      PyErr_SetString(PyExc_SystemError,
                      "pyidl::python_error was thrown but no Python exception is set");
    }
  } catch (const declared_error& e) {
    set_declared_error(e, domain, types, count);
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (const std::exception& e) {
    set_error(PyExc_RuntimeError, e.what());
  } catch (...) {
    set_error(PyExc_RuntimeError, "unknown C++ exception");
  }
}

}  // namespace
}  // namespace detail

void translate_current_exception() noexcept { detail::translate(nullptr, nullptr, 0); }

void translate_current_exception(const error_domain& domain, PyObject* const* declared_types,
                                 std::size_t count) noexcept {
  detail::translate(&domain, declared_types, count);
}

void raise_from(PyObject* type, const char* message) noexcept {
  ref cause = ref::steal(PyErr_GetRaisedException());
  ref text = ref::steal(
      PyUnicode_DecodeUTF8(message, static_cast<Py_ssize_t>(std::strlen(message)), "replace"));
  if (!text) {
    return;  // MemoryError is set; the cause is lost, but an exception is set
  }
  ref exc = ref::steal(PyObject_CallFunctionObjArgs(type, text.get(), nullptr));
  if (!exc) {
    return;  // constructing the exception failed; that error is set instead
  }
  if (!PyExceptionInstance_Check(exc.get())) {
    PyErr_SetString(PyExc_TypeError, "pyidl::raise_from: type is not an exception class");
    return;
  }
  if (cause) {
    // `raise X from Y` sets both: __cause__ (which also sets __suppress_context__) and
    // __context__, the exception being handled.
    PyException_SetContext(exc.get(), cause.dup().release());  // steals
    PyException_SetCause(exc.get(), cause.release());          // steals
  }
  PyErr_SetRaisedException(exc.release());  // steals
}

PYIDL_NAMESPACE_END
