// pyidl/convert/string.h: converters for str (std::string, std::string_view), bytes and None.
#pragma once

#include "pyidl/convert.h"

#include <cstddef>

PYIDL_NAMESPACE_BEGIN

// std::string <-> str, as UTF-8. Only str is accepted (bytes is a TypeError: "must be str,
// not bytes"); embedded NUL characters are kept. A str with lone surrogates cannot be
// UTF-8 and raises UnicodeEncodeError. Going back, bytes that are not valid UTF-8 raise
// UnicodeDecodeError rather than producing mojibake.
template <>
struct converter<std::string> {
  static constexpr const char* python_name = "str";

  static bool from_python(PyObject* src, std::string& out, const arg_context& ctx) noexcept {
    if (!PyUnicode_Check(src)) {
      return detail::raise_type_error(ctx, python_name, src);
    }
    Py_ssize_t size = 0;
    // The UTF-8 buffer is owned and cached by the str object (thread-safe to create on
    // free-threaded 3.13); we copy out of it.
    const char* data = PyUnicode_AsUTF8AndSize(src, &size);
    if (data == nullptr) {
      return false;
    }
    try {
      out.assign(data, static_cast<std::size_t>(size));
    } catch (...) {  // std::bad_alloc
      PyErr_NoMemory();
      return false;
    }
    return true;
  }
  static PyObject* to_python(const std::string& value) noexcept {
    return PyUnicode_DecodeUTF8(value.data(), static_cast<Py_ssize_t>(value.size()), nullptr);
  }
};

// std::string_view <-> str. The view points into the str object's own UTF-8 buffer, so it
// is valid only while that object lives: for an argument, during the call. Never store it.
template <>
struct converter<std::string_view> {
  static constexpr const char* python_name = converter<std::string>::python_name;

  static bool from_python(PyObject* src, std::string_view& out, const arg_context& ctx) noexcept {
    if (!PyUnicode_Check(src)) {
      return detail::raise_type_error(ctx, python_name, src);
    }
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(src, &size);
    if (data == nullptr) {
      return false;
    }
    out = std::string_view(data, static_cast<std::size_t>(size));
    return true;
  }
  static PyObject* to_python(std::string_view value) noexcept {
    return PyUnicode_DecodeUTF8(value.data(), static_cast<Py_ssize_t>(value.size()), nullptr);
  }
};

// pyidl::bytes <-> bytes. Only bytes (and subclasses) are accepted; bytearray and
// memoryview are the IDL's `buffer` type, not this one. The data is copied.
template <>
struct converter<bytes> {
  static constexpr const char* python_name = "bytes";

  static bool from_python(PyObject* src, bytes& out, const arg_context& ctx) noexcept {
    if (!PyBytes_Check(src)) {
      return detail::raise_type_error(ctx, python_name, src);
    }
    char* data = nullptr;
    Py_ssize_t size = 0;
    if (PyBytes_AsStringAndSize(src, &data, &size) < 0) {
      return false;
    }
    try {
      out.data.assign(data, static_cast<std::size_t>(size));
    } catch (...) {  // std::bad_alloc
      PyErr_NoMemory();
      return false;
    }
    return true;
  }
  static PyObject* to_python(const bytes& value) noexcept {
    return PyBytes_FromStringAndSize(value.data.data(), static_cast<Py_ssize_t>(value.data.size()));
  }
};

// pyidl::none <-> None. Anything but None is a TypeError ("must be None, not int").
template <>
struct converter<none> {
  static constexpr const char* python_name = "None";

  static bool from_python(PyObject* src, none&, const arg_context& ctx) noexcept {
    return src == Py_None || detail::raise_type_error(ctx, python_name, src);
  }
  static PyObject* to_python(none) noexcept { return Py_NewRef(Py_None); }
};

// std::nullptr_t <-> None, for C++ code that spells "nothing" as nullptr.
template <>
struct converter<std::nullptr_t> {
  static constexpr const char* python_name = converter<none>::python_name;

  static bool from_python(PyObject* src, std::nullptr_t& out, const arg_context& ctx) noexcept {
    out = nullptr;
    return src == Py_None || detail::raise_type_error(ctx, python_name, src);
  }
  static PyObject* to_python(std::nullptr_t) noexcept { return Py_NewRef(Py_None); }
};

PYIDL_NAMESPACE_END
