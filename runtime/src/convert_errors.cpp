// convert_errors.cpp: the wording of conversion errors ("f() argument 'x' must be int, not str").
#include "pyidl/convert.h"
#include "pyidl/convert/tuple.h"
#include "pyidl/detail/stable_abi.h"
#include "pyidl/object.h"

#include <cstdio>
#include <string>

PYIDL_NAMESPACE_BEGIN
namespace detail {

std::string type_name(PyObject* obj) {
#ifdef Py_LIMITED_API
  ref name = ref::steal(PyType_GetName(Py_TYPE(obj)));
  const char* utf8 = name ? PyUnicode_AsUTF8AndSize(name.get(), nullptr) : nullptr;
  if (utf8 == nullptr) {
    PyErr_Clear();  // the error being raised matters more than its wording
    return "object";
  }
  return utf8;
#else
  return Py_TYPE(obj)->tp_name;
#endif
}

namespace {

// repr(key) for "value for key 'a'", shortened like CPython's %.50R-style messages; a key
// whose repr fails is simply not named (the conversion error matters more).
void append_key_repr(std::string& out, PyObject* key) {
  ref text = ref::steal(PyObject_Repr(key));
  const char* utf8 = text ? PyUnicode_AsUTF8AndSize(text.get(), nullptr) : nullptr;
  if (utf8 == nullptr) {
    PyErr_Clear();
    out += "key";
    return;
  }
  std::string repr(utf8);
  if (repr.size() > 50) {
    repr.resize(47);
    repr += "...";
  }
  out += "key ";
  out += repr;
}

// Appends the description of where `ctx` points: "add() argument 'a'", then for nested
// contexts ": item 3", ", item 0", ": key", ": value for key 'k'", ": element".
void describe(std::string& out, const arg_context& ctx) {
  using kind = arg_context::kind;
  if (ctx.what == kind::argument || ctx.what == kind::result) {
    if (ctx.what == kind::result) {
      out += ctx.function != nullptr ? ctx.function : "value";
      return;
    }
    if (ctx.function != nullptr) {
      out += ctx.function;
      out += "() ";
    }
    // Argument Clinic names positional-only parameters by position ("argument 1"), the
    // others by name ("argument 'a'"); see _PyArg_BadArgument.
    if (ctx.name != nullptr && !ctx.positional_only) {
      out += "argument '";
      out += ctx.name;
      out += "'";
    } else if (ctx.position > 0) {
      out += "argument " + std::to_string(ctx.position);
    } else {
      out += "argument";
    }
    return;
  }
  describe(out, *ctx.parent);
  const bool first_level =
      ctx.parent->what == kind::argument || ctx.parent->what == kind::result;
  out += first_level ? ": " : ", ";
  switch (ctx.what) {
    case kind::item:
      out += "item " + std::to_string(ctx.index);
      break;
    case kind::key:
      out += "key";
      break;
    case kind::value:
      out += "value for ";
      append_key_repr(out, ctx.key);
      break;
    case kind::element:
      out += "element";
      break;
    default:
      break;
  }
}

bool raise_message(PyObject* type, const std::string& message) noexcept {
  PyErr_SetString(type, message.c_str());
  return false;
}

}  // namespace
}  // namespace detail

bool raise_type_error(const arg_context& ctx, const char* expected, PyObject* obj) noexcept {
  using detail::describe;
  using detail::raise_message;
  try {
    std::string message;
    describe(message, ctx);
    message += " must be ";
    message += expected;
    if (ctx.or_none) {
      message += " or None";
    }
    message += ", not ";
    // As getargs.c: the type's tp_name, except that None is "None", not "NoneType".
    message += obj == Py_None ? "None" : detail::type_name(obj);
    return raise_message(PyExc_TypeError, message);
  } catch (...) {  // std::bad_alloc while building the text
    PyErr_NoMemory();
    return false;
  }
}

namespace detail {

bool raise_with_context(PyObject* type, const arg_context& ctx, const char* message) noexcept {
  try {
    std::string text;
    describe(text, ctx);
    text += ' ';
    text += message;
    return raise_message(type, text);
  } catch (...) {
    PyErr_NoMemory();
    return false;
  }
}

bool raise_tuple_length_error(const arg_context& ctx, std::size_t expected, Py_ssize_t actual) noexcept {
  char message[96];
  std::snprintf(message, sizeof message, "must be a tuple of length %zu, not %zd", expected, actual);
  return raise_with_context(PyExc_TypeError, ctx, message);
}

}  // namespace detail
PYIDL_NAMESPACE_END
