// pyidl/std/filesystem.h: std::filesystem::path <-> pathlib.Path (str, bytes and os.PathLike in).
//
// POSIX only, where a path is a byte string: the bytes are exactly those the os module
// would pass to the system for the same argument. Limited API: yes.
#pragma once

#include "pyidl/convert.h"
#include "pyidl/error.h"
#include "pyidl/object.h"
#include "pyidl/std/detail/import.h"

#include <cstring>
#include <filesystem>
#include <string>
#include <type_traits>

static_assert(std::is_same_v<std::filesystem::path::value_type, char>,
              "pyidl/std/filesystem.h supports POSIX paths (byte strings) only");

PYIDL_NAMESPACE_BEGIN

// std::filesystem::path <-> pathlib.Path.
// From Python: what os.open() accepts as a path: a str (encoded with os.fsencode(): the
// filesystem encoding with surrogateescape, so a name read from os.listdir() round-trips
// even if it is not valid UTF-8), bytes (taken as they are), or an os.PathLike whose
// __fspath__ returns either. Anything else is a TypeError "f() argument 'p' must be str,
// bytes or os.PathLike, not int"; a null character (which the system would silently take
// as the end of the path) is a ValueError "f() argument 'p' contains an embedded null
// character".
// To Python: a pathlib.Path of the calling interpreter, its text decoded with os.fsdecode()
// (so bytes that are not valid UTF-8 come back as the same surrogate escapes).
template <>
struct converter<std::filesystem::path> {
  static constexpr const char* python_name = "str, bytes or os.PathLike";

  static bool from_python(PyObject* src, std::filesystem::path& out,
                          const arg_context& ctx) noexcept {
    if (!PyUnicode_Check(src) && !PyBytes_Check(src) &&
        PyObject_HasAttrString(reinterpret_cast<PyObject*>(Py_TYPE(src)), "__fspath__") == 0) {
      return raise_type_error(ctx, python_name, src);
    }
    ref fspath = ref::steal(PyOS_FSPath(src));  // str or bytes (or a TypeError from __fspath__)
    if (!fspath) {
      return false;
    }
    ref encoded = PyUnicode_Check(fspath.get())
                      ? ref::steal(PyUnicode_EncodeFSDefault(fspath.get()))
                      : std::move(fspath);
    char* data = nullptr;
    Py_ssize_t size = 0;
    if (!encoded || PyBytes_AsStringAndSize(encoded.get(), &data, &size) < 0) {
      return false;
    }
    if (std::memchr(data, '\0', static_cast<std::size_t>(size)) != nullptr) {
      return detail::raise_with_context(PyExc_ValueError, ctx,
                                        "contains an embedded null character");
    }
    try {
      out = std::filesystem::path(std::string(data, static_cast<std::size_t>(size)));
    } catch (...) {  // std::bad_alloc
      translate_current_exception();
      return false;
    }
    return true;
  }

  static PyObject* to_python(const std::filesystem::path& value) noexcept {
    const std::string& native = value.native();
    ref text = ref::steal(
        PyUnicode_DecodeFSDefaultAndSize(native.data(), static_cast<Py_ssize_t>(native.size())));
    ref path_class = text ? ref::steal(detail::import_attr("pathlib", "Path")) : ref();
    return path_class ? PyObject_CallFunctionObjArgs(path_class.get(), text.get(), nullptr)
                      : nullptr;
  }
};

PYIDL_NAMESPACE_END
