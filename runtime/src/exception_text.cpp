// exception_text.cpp: formatting the pending Python exception for C++.
#include "pyidl/detail/exception_text.h"

#include "pyidl/detail/stable_abi.h"
#include "pyidl/object.h"

PYIDL_NAMESPACE_BEGIN
namespace detail {
namespace {

// str(obj) as UTF-8; false with the error cleared if it cannot be had.
bool utf8_of(PyObject* obj, std::string& out) noexcept {
  ref text = ref::steal(PyObject_Str(obj));
  Py_ssize_t size = 0;
  const char* data = text ? PyUnicode_AsUTF8AndSize(text.get(), &size) : nullptr;
  if (data == nullptr) {
    PyErr_Clear();
    return false;
  }
  try {
    out.assign(data, static_cast<std::size_t>(size));
  } catch (...) {
    return false;
  }
  return true;
}

// "".join(traceback.format_exception(exc))
bool traceback_of(PyObject* exc, std::string& out) noexcept {
  ref traceback = ref::steal(PyImport_ImportModule("traceback"));
  ref lines = traceback ? ref::steal(PyObject_CallMethod(traceback.get(), "format_exception", "O", exc)) : ref();
  ref empty = ref::steal(PyUnicode_FromString(""));
  ref joined = lines && empty ? ref::steal(PyUnicode_Join(empty.get(), lines.get())) : ref();
  if (!joined) {
    PyErr_Clear();
    return false;
  }
  return utf8_of(joined.get(), out);
}

}  // namespace

std::string take_exception_text(bool with_traceback) noexcept {
  ref exc = ref::steal(PyErr_GetRaisedException());
  std::string text;
  if (!exc) {
    return "unknown error";
  }
  if (with_traceback && traceback_of(exc.get(), text)) {
    return text;
  }
  std::string message;
  try {
    text = type_name(exc.get());
    if (utf8_of(exc.get(), message) && !message.empty()) {
      text += ": " + message;
    }
  } catch (...) {
    return "unknown error";
  }
  return text;
}

}  // namespace detail
PYIDL_NAMESPACE_END
