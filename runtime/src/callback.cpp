// callback.cpp: the error paths of pyidl::callback.
#include "pyidl/callback.h"

#include "pyidl/detail/exception_text.h"
#include "pyidl/detail/stable_abi.h"
#include "pyidl/interpreter_errors.h"

#include <new>

PYIDL_NAMESPACE_BEGIN
namespace detail {

void throw_callback_failure(const attach_scope& scope) {
  if (!scope.foreign()) {
    throw python_error();
  }
  throw callback_error(take_exception_text(false));
}

void raise_not_callable(PyObject* fn) noexcept {
  try {
    PyErr_Format(PyExc_TypeError, "'%s' object is not callable", type_name(fn).c_str());
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  }
}

}  // namespace detail
PYIDL_NAMESPACE_END
