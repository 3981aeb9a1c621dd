// args.cpp: the slow path of argument unpacking, mirroring CPython's _PyArg_UnpackKeywords.
#include "pyidl/args.h"

#include "pyidl/detail/stable_abi.h"
#include "pyidl/object.h"
#include "suggestions.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <vector>

PYIDL_NAMESPACE_BEGIN
namespace detail {
namespace {

// One call being unpacked: where its keyword arguments are.
struct call_keywords {
  const signature& sig;
  PyObject* kwnames;               // tuple of str, or null
  PyObject* const* kwstack;        // values matching kwnames
  PyObject* kwargs;                // dict, or null
  PyObject* const* interned;       // str objects equal to sig.names, or null
};

// True if the str `key` spells `name` (UTF-8). A key that cannot be encoded (a lone
// surrogate) matches nothing.
bool name_equals(PyObject* key, const char* name) noexcept {
  if (!PyUnicode_Check(key)) {
    return false;
  }
  Py_ssize_t size = 0;
  // For the common compact-ASCII str this is a pointer into the object, no allocation.
  const char* utf8 = PyUnicode_AsUTF8AndSize(key, &size);
  if (utf8 == nullptr) {
    PyErr_Clear();
    return false;
  }
  return std::strlen(name) == static_cast<std::size_t>(size) &&
         std::memcmp(utf8, name, static_cast<std::size_t>(size)) == 0;
}

// Looks up `key` in the call's kwargs dict. Returns false with an error set on failure;
// *result is a borrowed reference or null. The dict was built for this call and is not
// shared, so the borrowed value stays alive while the caller's dict does.
bool dict_lookup(PyObject* dict, PyObject* key, PyObject** result) noexcept {
#if PYIDL_API_VERSION_HEX >= 0x030D0000
  PyObject* value = nullptr;
  if (PyDict_GetItemRef(dict, key, &value) < 0) {
    return false;
  }
  Py_XDECREF(value);  // the dict still holds it
  *result = value;
  return true;
#else
  *result = PyDict_GetItemWithError(dict, key);
  return *result != nullptr || !PyErr_Occurred();
#endif
}

// Finds the value passed by keyword for parameter i. Returns false with an error set on
// failure; *result is borrowed or null.
bool find_keyword(const call_keywords& c, int i, PyObject** result) noexcept {
  *result = nullptr;
  const char* name = c.sig.names[i];
  if (c.kwargs != nullptr) {
    if (c.interned != nullptr) {
      return dict_lookup(c.kwargs, c.interned[i], result);
    }
    ref key = ref::steal(PyUnicode_FromString(name));
    return key && dict_lookup(c.kwargs, key.get(), result);
  }
  const Py_ssize_t n = tuple_size(c.kwnames);
  // Keyword names in calls are normally interned, so identity finds them first (as in
  // CPython's find_keyword); then compare by content.
  if (c.interned != nullptr) {
    for (Py_ssize_t j = 0; j < n; ++j) {
      if (tuple_item(c.kwnames, j) == c.interned[i]) {
        *result = c.kwstack[j];
        return true;
      }
    }
  }
  for (Py_ssize_t j = 0; j < n; ++j) {
    if (name_equals(tuple_item(c.kwnames, j), name)) {
      *result = c.kwstack[j];
      return true;
    }
  }
  return true;
}

// True if `key` names a parameter that may be passed by keyword.
bool is_keyword_parameter(const signature& sig, PyObject* key) noexcept {
  for (int i = sig.positional_only; i < sig.total(); ++i) {
    if (name_equals(key, sig.names[i])) {
      return true;
    }
  }
  return false;
}

// Sets the error for the first keyword that names no keyword parameter, in the words of
// getargs.c's error_unexpected_keyword_arg for this Python version.
void error_unexpected_keyword(const call_keywords& c) noexcept {
  ref bad;
  bool not_str = false;
  if (c.kwargs != nullptr) {
    // The dict is private to this call, but PyDict_Next still wants the critical section
    // on a free-threaded build; only a strong reference leaves it.
    PYIDL_BEGIN_CRITICAL_SECTION(c.kwargs);
    Py_ssize_t pos = 0;
    PyObject* key = nullptr;
    while (PyDict_Next(c.kwargs, &pos, &key, nullptr)) {
      if (!PyUnicode_Check(key) || !is_keyword_parameter(c.sig, key)) {
        not_str = !PyUnicode_Check(key);
        bad = ref::borrow(key);
        break;
      }
    }
    PYIDL_END_CRITICAL_SECTION();
  } else {
    for (Py_ssize_t j = 0; j < tuple_size(c.kwnames); ++j) {
      PyObject* key = tuple_item(c.kwnames, j);
      if (!PyUnicode_Check(key) || !is_keyword_parameter(c.sig, key)) {
        not_str = !PyUnicode_Check(key);
        bad = ref::borrow(key);
        break;
      }
    }
  }
  const char* fname = c.sig.function;
  if (!bad) {
    // Cannot happen with a consistent call: every unmatched keyword was looked for.
    PyErr_Format(PyExc_SystemError, "%.200s(): keyword arguments left after unpacking", fname);
    return;
  }
  if (not_str) {
    PyErr_SetString(PyExc_TypeError, "keywords must be strings");
    return;
  }
  // 3.13 reworded this error. A module built for one version says what that version says;
  // an abi3 module, built once for all of them, asks the interpreter it runs in.
#ifdef Py_LIMITED_API
  const bool wording_313 = Py_Version >= 0x030D0000;
#else
  constexpr bool wording_313 = PY_VERSION_HEX >= 0x030D0000;
#endif
  if (!wording_313) {
    PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %.200s%s", bad.get(),
                 fname, "()");
    return;
  }
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(bad.get(), &size);
  if (utf8 == nullptr) {
    return;  // as CPython: the encoding error replaces the message
  }
  const int k = c.sig.positional_only;
  const int best = closest_name(utf8, static_cast<std::size_t>(size), c.sig.names + k,
                                c.sig.total() - k);
  if (best >= 0) {
    PyErr_Format(PyExc_TypeError,
                 "%.200s%s got an unexpected keyword argument '%S'. Did you mean '%s'?", fname,
                 "()", bad.get(), c.sig.names[k + best]);
  } else {
    PyErr_Format(PyExc_TypeError, "%.200s%s got an unexpected keyword argument '%S'", fname,
                 "()", bad.get());
  }
}

}  // namespace

// Follows _PyArg_UnpackKeywords (3.12 and 3.13 agree here) step by step, so that the same
// call fails with the same message as an Argument Clinic function with this signature.
bool unpack_args_slow(const signature& sig, PyObject* const* args, Py_ssize_t nargs,
                      PyObject* kwnames, PyObject* kwargs, PyObject** out,
                      PyObject* const* interned_names) noexcept {
  const int posonly = sig.positional_only;
  const int minpos = sig.required_positional;
  const int maxpos = sig.max_positional();
  const int minkw = sig.required_keyword_only;
  const int maxargs = sig.total();
  const int minposonly = std::min(posonly, minpos);
  const int reqlimit = minkw ? maxpos + minkw : minpos;
  const char* fname = sig.function;

  Py_ssize_t nkwargs = 0;
  if (kwargs != nullptr) {
    nkwargs = dict_size(kwargs);
  } else if (kwnames != nullptr) {
    nkwargs = tuple_size(kwnames);
  }
  const call_keywords kw{sig, kwnames, kwnames != nullptr ? args + nargs : nullptr, kwargs,
                         interned_names};

  for (int i = 0; i < maxargs; ++i) {
    out[i] = i < nargs ? args[i] : nullptr;
  }
  if (nkwargs == 0 && minkw == 0 && minpos <= nargs && nargs <= maxpos) {
    return true;
  }
  if (nargs + nkwargs > maxargs) {
    // "keyword " when nargs == 0 avoids a misleading message (bpo-31229).
    PyErr_Format(PyExc_TypeError, "%.200s%s takes at most %d %sargument%s (%zd given)", fname,
                 "()", maxargs, nargs == 0 ? "keyword " : "", maxargs == 1 ? "" : "s",
                 nargs + nkwargs);
    return false;
  }
  if (nargs > maxpos) {
    if (maxpos == 0) {
      PyErr_Format(PyExc_TypeError, "%.200s%s takes no positional arguments", fname, "()");
    } else {
      PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                   fname, "()", minpos < maxpos ? "at most" : "exactly", maxpos,
                   maxpos == 1 ? "" : "s", nargs);
    }
    return false;
  }
  if (nargs < minposonly) {
    PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                 fname, "()", minposonly < maxpos ? "at least" : "exactly", minposonly,
                 minposonly == 1 ? "" : "s", nargs);
    return false;
  }

  // Fill the rest from keywords, in parameter order; stop early once nothing is left to
  // find and nothing further is required.
  for (int i = std::max(static_cast<int>(nargs), posonly); i < maxargs; ++i) {
    PyObject* current = nullptr;
    if (nkwargs) {
      if (!find_keyword(kw, i, &current)) {
        return false;
      }
    } else if (i >= reqlimit) {
      break;
    }
    out[i] = current;
    if (current != nullptr) {
      --nkwargs;
    } else if (i < minpos || (maxpos <= i && i < reqlimit)) {
      PyErr_Format(PyExc_TypeError, "%.200s%s missing required argument '%s' (pos %d)", fname,
                   "()", sig.names[i], i + 1);
      return false;
    }
  }

  if (nkwargs > 0) {
    // Some keyword was not consumed: either it repeats a positional argument...
    for (int i = posonly; i < nargs; ++i) {
      PyObject* current = nullptr;
      if (!find_keyword(kw, i, &current)) {
        return false;
      }
      if (current != nullptr) {
        PyErr_Format(PyExc_TypeError, "argument for %.200s%s given by name ('%s') and position (%d)",
                     fname, "()", sig.names[i], i + 1);
        return false;
      }
    }
    // ...or it names no keyword parameter at all.
    error_unexpected_keyword(kw);
    return false;
  }
  return true;
}

}  // namespace detail

bool unpack_args_tuple(const signature& sig, PyObject* args, PyObject* kwargs, PyObject** out,
                       PyObject* const* interned_names) noexcept {
  const Py_ssize_t nargs = detail::tuple_size(args);
#ifdef Py_LIMITED_API
  // The limited API has no item array to lend: gather the (borrowed) items.
  std::vector<PyObject*> gathered;
  try {
    gathered.resize(static_cast<size_t>(nargs));
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
    return false;
  }
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    gathered[static_cast<size_t>(i)] = detail::tuple_item(args, i);
  }
  PyObject* const* items = gathered.data();
#else
  // A tuple's item array is stable for the tuple's lifetime: pass it as the vector.
  PyObject* const* items = reinterpret_cast<PyTupleObject*>(args)->ob_item;
#endif
  if (kwargs != nullptr && detail::dict_size(kwargs) == 0) {
    kwargs = nullptr;
  }
  if (kwargs == nullptr) {
    return unpack_args(sig, items, nargs, nullptr, out, interned_names);
  }
  return detail::unpack_args_slow(sig, items, nargs, nullptr, kwargs, out, interned_names);
}

PYIDL_NAMESPACE_END
