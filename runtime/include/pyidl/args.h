// pyidl/args.h: argument unpacking for generated METH_FASTCALL|METH_KEYWORDS wrappers.
//
// Generated code describes each function's Python signature as constant data and unpacks
// the call with one line, in the shape of Argument Clinic output but with public API only:
//
//     // geometry.pyidl:12: def scale(v: Vec2, k: float = 1.0, *, clamp: bool = false)
//     static constexpr const char* geometry_scale_names[] = {"v", "k", "clamp"};
//     static constexpr pyidl::signature geometry_scale_sig{
//         "scale", geometry_scale_names, /*positional_only=*/0, /*positional_or_keyword=*/2,
//         /*keyword_only=*/1, /*required_positional=*/1, /*required_keyword_only=*/0};
//     ...
//     PyObject* argv[3];
//     if (!pyidl::unpack_args(geometry_scale_sig, args, nargs, kwnames, argv)) return nullptr;
//     // argv[i] is the borrowed argument for parameter i, or nullptr: use the default.
//
// Errors are CPython's own, word for word (Python/getargs.c, _PyArg_UnpackKeywords), for
// the Python version the runtime is compiled against (the abi3 runtime: the one it runs
// in), e.g.
//     scale() missing required argument 'v' (pos 1)
//     scale() takes at most 2 positional arguments (3 given)
//     argument for scale() given by name ('v') and position (1)
//     'x' is an invalid keyword argument for scale()                      (3.12)
//     scale() got an unexpected keyword argument 'clmap'. Did you mean 'clamp'?   (3.13)
// The test suite checks this against Argument Clinic functions of the running interpreter.
//
// No mutable static data: the signature is constexpr, keyword names are matched by
// content in the slow path. A module that interns its parameter names in module state
// may pass them (same order as `names`) to try pointer equality first, as CPython does.
#pragma once

#include "pyidl/config.h"

#include <cstddef>

PYIDL_NAMESPACE_BEGIN

// The Python-visible parameter list of one function. Parameters are, in order: positional-
// only, positional-or-keyword, keyword-only. Like Argument Clinic (whose error messages we
// reproduce), required parameters come first within the positional group and within the
// keyword-only group; validate() checks it at compile time.
struct signature {
  const char* function;      // Python name, e.g. "scale"; UTF-8, static storage
  const char* const* names;  // total() parameter names; UTF-8, static storage
  int positional_only;       // parameters before `/`
  int positional_or_keyword;
  int keyword_only;          // parameters after `*`
  int required_positional;   // the first N positional parameters have no default
  int required_keyword_only; // the first N keyword-only parameters have no default

  // Parameters that may be passed by position.
  constexpr int max_positional() const noexcept { return positional_only + positional_or_keyword; }
  // All parameters: the size of the `out` array of unpack_args().
  constexpr int total() const noexcept { return max_positional() + keyword_only; }
  // True if the counts are consistent; generated code does static_assert(sig.validate()).
  constexpr bool validate() const noexcept {
    return function != nullptr && positional_only >= 0 && positional_or_keyword >= 0 &&
           keyword_only >= 0 && required_positional >= 0 &&
           required_positional <= max_positional() && required_keyword_only >= 0 &&
           required_keyword_only <= keyword_only && (total() == 0 || names != nullptr);
  }
};

namespace detail {
// The general case of unpack_args (keywords given, or an argument count out of range).
// Exactly one of kwnames (a tuple; values follow the positionals in args) and kwargs (a
// dict) may be non-null.
bool unpack_args_slow(const signature& sig, PyObject* const* args, Py_ssize_t nargs,
                      PyObject* kwnames, PyObject* kwargs, PyObject** out,
                      PyObject* const* interned_names) noexcept;
}  // namespace detail

// Matches a METH_FASTCALL|METH_KEYWORDS call (args, nargs, kwnames: all borrowed, as
// CPython passes them) against `sig`. On success fills out[0 .. sig.total()) with borrowed
// references, nullptr for each optional parameter not passed, and returns true. On
// failure sets TypeError with CPython's message and returns false. `out` must have room
// for sig.total() entries. `interned_names`, if given, holds str objects equal to
// sig.names (borrowed, e.g. from module state). Never throws.
//
// The common call (positional arguments only, count in range) is decided inline without
// touching any Python object; everything else goes to the out-of-line slow path.
[[nodiscard]] inline bool unpack_args(const signature& sig, PyObject* const* args,
                                      Py_ssize_t nargs, PyObject* kwnames, PyObject** out,
                                      PyObject* const* interned_names = nullptr) noexcept {
  // A vectorcall slot may see PY_VECTORCALL_ARGUMENTS_OFFSET in nargs; strip it (a no-op
  // for METH_FASTCALL calls).
  nargs = PyVectorcall_NARGS(static_cast<std::size_t>(nargs));
  if (kwnames == nullptr && sig.required_keyword_only == 0 && nargs >= sig.required_positional &&
      nargs <= sig.max_positional()) {
    Py_ssize_t i = 0;
    for (; i < nargs; ++i) {
      out[i] = args[i];
    }
    for (; i < sig.total(); ++i) {
      out[i] = nullptr;
    }
    return true;
  }
  return detail::unpack_args_slow(sig, args, nargs, kwnames, nullptr, out, interned_names);
}

// The same for a tp_new/tp_init style call: `args` a tuple and `kwargs` a dict or null
// (both borrowed). The dict belongs to this call, so its values stay alive during it.
[[nodiscard]] bool unpack_args_tuple(const signature& sig, PyObject* args, PyObject* kwargs,
                                     PyObject** out,
                                     PyObject* const* interned_names = nullptr) noexcept;

PYIDL_NAMESPACE_END
