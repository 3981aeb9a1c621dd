// pyidl/detail/exception_text.h: the pending Python exception as C++ text, for errors that
// must leave their interpreter (a traceback from pyidl::interpreter::run, a callback's
// failure reported to a C++ thread).
#pragma once

#include "pyidl/config.h"

#include <string>

PYIDL_NAMESPACE_BEGIN
namespace detail {

// Takes (clears) the pending exception and returns "<Type>: <message>", or the whole
// formatted traceback when `with_traceback`. Never throws; "unknown error" when there is
// no exception or it cannot be formatted. Requires an attached thread state.
[[nodiscard]] std::string take_exception_text(bool with_traceback) noexcept;

}  // namespace detail
PYIDL_NAMESPACE_END
