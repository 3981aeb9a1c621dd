// callback.cpp: the error path of pyidl::callback.
#include "pyidl/callback.h"

#include "pyidl/detail/exception_text.h"
#include "pyidl/interpreter_errors.h"

PYIDL_NAMESPACE_BEGIN
namespace detail {

void throw_callback_failure(const attach_scope& scope) {
  if (!scope.foreign()) {
    throw python_error();
  }
  throw callback_error(take_exception_text(false));
}

}  // namespace detail
PYIDL_NAMESPACE_END
