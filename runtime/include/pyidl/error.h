// pyidl/error.h: C++ <-> Python error translation and the exceptions declared in .pyidl files.
//
// Generated wrappers follow one rule: no C++ exception ever crosses into CPython. Every call
// into author code sits in
//
//     try { ... }
//     catch (...) {
//       pyidl::translate_current_exception(geometry_errors, state->declared_exceptions, 1);
//       return nullptr;
//     }
//
// and translate_current_exception() turns whatever was thrown into a Python exception.
#pragma once

#include "pyidl/config.h"

#include <cstddef>
#include <stdexcept>
#include <string>

PYIDL_NAMESPACE_BEGIN

// Thrown by C++ code that called the C API, got a failure and left the Python exception
// set. translate_current_exception() keeps that exception as it is. If nothing is set when
// it is translated, a SystemError says so (that is a bug in the code that threw).
class python_error : public std::exception {
 public:
  // Returns a static string; the real message is in the Python error indicator.
  const char* what() const noexcept override;
};

// Identifies the .pyidl module whose `exception` declarations a declared_error refers to.
// The generated header defines one per module:
//     inline constexpr pyidl::error_domain geometry_errors{"geometry"};
// Declared exception ids are only meaningful inside their domain.
struct error_domain {
  const char* module_name;  // the Python module name, static storage
};

// A C++ exception standing for an exception type declared in a .pyidl file, such as
//     exception GeometryError(ValueError);
// The Python type object lives in module state (so one per interpreter), which C++ code
// cannot reach; it throws this instead and the generated wrapper, which can reach module
// state, raises the right type. Do not construct it directly; use pyidl::raise<Tag>().
class declared_error : public std::exception {
 public:
  // `domain` must have static storage duration; `id` is the declaration's index within it.
  // May throw std::bad_alloc while copying `message`.
  declared_error(const error_domain& domain, std::size_t id, const std::string& message)
      : domain_(&domain), id_(id), message_(message) {}

  // The module the exception was declared in (static storage).
  const error_domain& domain() const noexcept { return *domain_; }
  // The exception's index among its module's declared exceptions, in declaration order.
  std::size_t id() const noexcept { return id_; }
  // The message, UTF-8; owned by this object.
  const char* what() const noexcept override { return message_.what(); }

 private:
  const error_domain* domain_;
  std::size_t id_;
  std::runtime_error message_;  // a refcounted string: copying an exception must not throw
};

// Base of the tag types the generated header declares, one per declared exception:
//     struct GeometryError : pyidl::declared_error_tag<geometry_errors, 0> {};
// A tag is never instantiated; it only names (domain, id) at compile time.
template <const error_domain& Domain, std::size_t Id>
struct declared_error_tag {
  static constexpr const error_domain& domain = Domain;
  static constexpr std::size_t id = Id;
};

// Returns the C++ exception for declared exception `Tag` with `message` (UTF-8), ready to
// be thrown by author code:
//     throw pyidl::raise<geometry::GeometryError>("degenerate triangle");
// Python then sees geometry.GeometryError("degenerate triangle").
template <class Tag>
[[nodiscard]] declared_error raise(const std::string& message) {
  return declared_error(Tag::domain, Tag::id, message);
}

// Turns the C++ exception being handled into a Python exception. Call it only inside a
// `catch (...)` block; it never throws and always leaves a Python exception set:
//   python_error                         -> the exception already set (kept as is)
//   declared_error                       -> RuntimeError (no table given: see the overload)
//   std::invalid_argument, domain_error  -> ValueError
//   std::range_error                     -> ValueError (a result outside the range the
//                                           C++ type can represent: a bad value, not an
//                                           arithmetic overflow)
//   std::out_of_range                    -> IndexError
//   std::overflow_error                  -> OverflowError
//   std::bad_alloc                       -> MemoryError
//   any other std::exception             -> RuntimeError(what())
//   anything else                        -> RuntimeError("unknown C++ exception")
// Messages are what() decoded as UTF-8 (invalid bytes are replaced, never an error).
void translate_current_exception() noexcept;

// The same, and a declared_error of `domain` with id < count raises declared_types[id], the
// module state's array of the module's exception types (borrowed; the wrapper's module
// state keeps them alive), so the exception is the one of the calling interpreter. A
// declared_error of another domain (a different pyidl module whose C++ code was called from
// here) raises RuntimeError("<module>: <message>"), since that module's types belong to
// that module's state.
void translate_current_exception(const error_domain& domain, PyObject* const* declared_types,
                                 std::size_t count) noexcept;

// Raises `type`(message) with the exception currently set (if any) chained as its
// __cause__, like `raise type(message) from exc` in Python. The generated Py_mod_exec uses
// it when the author's state constructor throws:
//     pyidl::translate_current_exception();
//     pyidl::raise_from(PyExc_ImportError, "geometry: cannot create the module state");
//     return -1;
// `type` is borrowed; `message` is UTF-8. Always leaves an exception set; never throws.
void raise_from(PyObject* type, const char* message) noexcept;

PYIDL_NAMESPACE_END
