// name_tables.h: fixed word lists sema checks names against (Python and C++ vocabularies).
#pragma once

#include <string_view>
#include <vector>

namespace pyidlc::sema {

// Python's hard keywords (`keyword.kwlist`): none of them can name anything Python sees.
bool is_python_keyword(std::string_view name);

// Names in Python's `builtins` module (functions, types, constants, exceptions).
bool is_python_builtin(std::string_view name);

// Built-in exception classes (BaseException and its subclasses in `builtins`), which an
// `exception` declaration may derive from.
bool is_builtin_exception(std::string_view name);
// The same list, for "did you mean" suggestions.
const std::vector<std::string_view>& builtin_exception_names();

// C++20 keywords and alternative tokens (`and`, `bitor`, ...): a C++ identifier can be none
// of them.
bool is_cxx_keyword(std::string_view name);

}  // namespace pyidlc::sema
