// handwritten_support.h: the helpers of the hand-written yardstick (handwritten.cpp), in a
// header of their own only to keep that file readable: version compatibility, C++ exception
// translation, conversions and METH_FASTCALL argument unpacking, all static, so that they
// are part of handwritten.cpp's one translation unit and inline as if written there.
// Include it only from handwritten.cpp, after <Python.h>.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

// ---- Version compatibility ---------------------------------------------------------------

// Critical sections exist from 3.13. Before that there is no free-threaded build, so the GIL
// already serialises access to an object and an empty scope is the correct fallback. (On a
// GIL build of 3.13 the real macros compile to an empty scope too: no cost either way.)
#if PY_VERSION_HEX >= 0x030D0000
#  define BENCH_BEGIN_CRITICAL_SECTION(op) Py_BEGIN_CRITICAL_SECTION(op)
#  define BENCH_END_CRITICAL_SECTION() Py_END_CRITICAL_SECTION()
#else
#  define BENCH_BEGIN_CRITICAL_SECTION(op) {
#  define BENCH_END_CRITICAL_SECTION() }
#endif

// Returns a new reference to list[i], or NULL with IndexError. The item stays alive even if
// another thread removes it from the list meanwhile (PyList_GetItem's borrowed one would not).
static PyObject *list_get_item_ref(PyObject *list, Py_ssize_t i) {
#if PY_VERSION_HEX >= 0x030D0000
    return PyList_GetItemRef(list, i);
#else
    PyObject *item = PyList_GetItem(list, i);
    Py_XINCREF(item);
    return item;
#endif
}

// ---- Errors and conversions ----------------------------------------------------------------

// Sets the Python exception that matches the C++ exception being handled and returns NULL,
// so that a wrapper's catch block can end with `return set_error_from_cxx_exception();`.
// Must be called from inside a catch block.
static PyObject *set_error_from_cxx_exception() noexcept {
    try {
        throw;
    } catch (const std::invalid_argument &e) {
        PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const std::domain_error &e) {
        PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const std::overflow_error &e) {
        PyErr_SetString(PyExc_OverflowError, e.what());
    } catch (const std::out_of_range &e) {
        PyErr_SetString(PyExc_IndexError, e.what());
    } catch (const std::bad_alloc &) {
        PyErr_NoMemory();
    } catch (const std::exception &e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
    } catch (...) {
        PyErr_SetString(PyExc_SystemError, "unknown C++ exception");
    }
    return nullptr;
}

static_assert(sizeof(long long) == sizeof(int64_t), "PyLong_AsLongLong must cover int64_t");

// Converts an int (or any object with __index__) to int64_t. Returns 0, or -1 with
// OverflowError outside [-2**63, 2**63) or TypeError for a non-integer.
static int to_int64(PyObject *obj, int64_t *out) {
    long long value = PyLong_AsLongLong(obj);
    if (value == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = value;
    return 0;
}

// Converts a list of ints element by element. Returns 0, or -1 with an exception set.
// May throw std::bad_alloc.
static int to_int64_vector(const char *fname, const char *param, PyObject *obj,
                           std::vector<int64_t> *out) {
    if (!PyList_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be list, not %.200s", fname,
                     param, Py_TYPE(obj)->tp_name);
        return -1;
    }
    out->reserve(static_cast<size_t>(PyList_GET_SIZE(obj)));
    // The size is read again on every step: converting an item may run Python code
    // (__index__) that changes the list.
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(obj); ++i) {
        PyObject *item = list_get_item_ref(obj, i);
        if (item == nullptr) {
            return -1;
        }
        int64_t value;
        int rc = to_int64(item, &value);
        Py_DECREF(item);
        if (rc < 0) {
            return -1;
        }
        out->push_back(value);
    }
    return 0;
}

// Returns a str's UTF-8 text, valid as long as the str lives, or nullopt with an exception.
static std::optional<std::string_view> to_string_view(const char *fname, const char *param,
                                                      PyObject *obj) {
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str, not %.200s", fname,
                     param, Py_TYPE(obj)->tp_name);
        return std::nullopt;
    }
    Py_ssize_t size;
    const char *data = PyUnicode_AsUTF8AndSize(obj, &size);
    if (data == nullptr) {
        return std::nullopt;  // e.g. a lone surrogate
    }
    return std::string_view(data, static_cast<size_t>(size));
}

// ---- Argument unpacking --------------------------------------------------------------------
// A function's parameters are numbered 0..nparams-1 in declaration order; `slots[i]`
// receives a borrowed reference to the argument for parameter i, or NULL if none was given.

// Puts `value` into the slot of the parameter called `key`. Returns 0, or -1 with TypeError
// for an unknown or repeated name.
static int bind_keyword(const char *fname, PyObject *key, PyObject *value,
                        const char *const *names, Py_ssize_t nparams, PyObject **slots) {
    for (Py_ssize_t i = 0; i < nparams; ++i) {
        if (PyUnicode_CompareWithASCIIString(key, names[i]) == 0) {
            if (slots[i] != nullptr) {
                PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'",
                             fname, names[i]);
                return -1;
            }
            slots[i] = value;
            return 0;
        }
    }
    PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, key);
    return -1;
}

// Fills the slots of the positional arguments; checks there are at most nparams.
static int bind_positional(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                           Py_ssize_t nparams, PyObject **slots) {
    if (nargs > nparams) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %zd argument%s (%zd given)", fname,
                     nparams, nparams == 1 ? "" : "s", nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nparams; ++i) {
        slots[i] = i < nargs ? args[i] : nullptr;
    }
    return 0;
}

// Checks that the first nrequired parameters got an argument.
static int check_required(const char *fname, const char *const *names, Py_ssize_t nrequired,
                          PyObject *const *slots) {
    for (Py_ssize_t i = 0; i < nrequired; ++i) {
        if (slots[i] == nullptr) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %zd)", fname,
                         names[i], i + 1);
            return -1;
        }
    }
    return 0;
}

// The slow path of a METH_FASTCALL|METH_KEYWORDS function: positional arguments, then the
// keyword arguments, whose names are in the kwnames tuple and values follow args[nargs-1].
static int unpack_fastcall(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames, const char *const *names, Py_ssize_t nparams,
                           Py_ssize_t nrequired, PyObject **slots) {
    if (bind_positional(fname, args, nargs, nparams, slots) < 0) {
        return -1;
    }
    if (kwnames != nullptr) {
        // kwnames is an immutable tuple of str made by the caller: safe to read unlocked.
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(kwnames); ++k) {
            if (bind_keyword(fname, PyTuple_GET_ITEM(kwnames, k), args[nargs + k], names,
                             nparams, slots) < 0) {
                return -1;
            }
        }
    }
    return check_required(fname, names, nrequired, slots);
}

// The same for tp_new, which gets an args tuple and a kwargs dict (or NULL).
static int unpack_tuple_and_dict(const char *fname, PyObject *args, PyObject *kwargs,
                                 const char *const *names, Py_ssize_t nparams,
                                 Py_ssize_t nrequired, PyObject **slots) {
    // A tuple is immutable, so its item array can be read directly.
    if (bind_positional(fname, PySequence_Fast_ITEMS(args), PyTuple_GET_SIZE(args), nparams,
                        slots) < 0) {
        return -1;
    }
    if (kwargs != nullptr && PyDict_GET_SIZE(kwargs) != 0) {
        int rc = 0;
        // PyDict_Next hands out borrowed references: lock the dict while walking it.
        BENCH_BEGIN_CRITICAL_SECTION(kwargs);
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (rc == 0 && PyDict_Next(kwargs, &pos, &key, &value)) {
            if (!PyUnicode_Check(key)) {
                PyErr_Format(PyExc_TypeError, "%s() keywords must be strings", fname);
                rc = -1;
            } else {
                rc = bind_keyword(fname, key, value, names, nparams, slots);
            }
        }
        BENCH_END_CRITICAL_SECTION();
        if (rc < 0) {
            return -1;
        }
    }
    return check_required(fname, names, nrequired, slots);
}
