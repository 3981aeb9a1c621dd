// convert_errors.cpp: the wording of conversion errors ("f() argument 'x' must be int, not str").
#include "pyidl/convert.h"
#include "pyidl/detail/stable_abi.h"
#include "pyidl/object.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

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

// The context a variant alternative stands for (itself for any other context): an
// alternative adds nothing to the description.
const arg_context& described(const arg_context& ctx) noexcept {
  const arg_context* c = &ctx;
  while (c->what == arg_context::kind::alternative) {
    c = c->parent;
  }
  return *c;
}

// Appends the description of where `ctx` points: "add() argument 'a'", then for nested
// contexts ": item 3", ", item 0", ": key", ": value for key 'k'", ": element".
void describe(std::string& out, const arg_context& any_ctx) {
  using kind = arg_context::kind;
  const arg_context& ctx = described(any_ctx);
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
  const arg_context& parent = described(*ctx.parent);
  const bool first_level = parent.what == kind::argument || parent.what == kind::result;
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

// Adds the type names listed in `text` ("int", "list or tuple", "str, bytes or
// os.PathLike") to `names`, skipping those already there. Separators inside brackets
// ("Callable[[int, str], int]", "buffer of int8 (format 'b')") do not split.
void add_names(std::vector<std::string_view>& names, std::string_view text) {
  const auto add = [&names](std::string_view name) {
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  };
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    depth += (c == '(' || c == '[' || c == '{') - (c == ')' || c == ']' || c == '}');
    if (depth != 0) {
      continue;
    }
    for (const std::string_view sep : {std::string_view(", "), std::string_view(" or ")}) {
      if (text.substr(i, sep.size()) == sep) {
        add(text.substr(start, i - start));
        start = i + sep.size();
        i = start - 1;
        break;
      }
    }
  }
  add(text.substr(start));
}

// Appends `names` as CPython lists accepted types: "A", "A or B", "A, B or C".
void append_list(std::string& out, const std::vector<std::string_view>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      out += i + 1 == names.size() ? " or " : ", ";
    }
    out += names[i];
  }
}

}  // namespace
}  // namespace detail

bool raise_type_error(const arg_context& ctx, const char* expected, PyObject* obj) noexcept {
  return raise_type_error(ctx, {expected}, obj);
}

bool raise_type_error(const arg_context& ctx, std::initializer_list<const char*> expected,
                      PyObject* obj) noexcept {
  using detail::describe;
  using detail::raise_message;
  if (ctx.what == arg_context::kind::alternative) {
    *ctx.type_mismatch = true;
  }
  try {
    std::vector<std::string_view> names;
    for (const char* text : expected) {
      detail::add_names(names, text);
    }
    if (ctx.or_none) {
      detail::add_names(names, "None");
    }
    // None goes last, as in "int, str or None", wherever an alternative put it.
    std::stable_partition(names.begin(), names.end(),
                          [](std::string_view name) { return name != "None"; });
    std::string message;
    describe(message, ctx);
    message += " must be ";
    detail::append_list(message, names);
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

bool raise_length_error(const arg_context& ctx, const char* what, std::size_t expected,
                        Py_ssize_t actual) noexcept {
  char message[96];
  std::snprintf(message, sizeof message, "must be %s of length %zu, not %zd", what, expected,
                actual);
  return raise_with_context(PyExc_TypeError, ctx, message);
}

}  // namespace detail
PYIDL_NAMESPACE_END
