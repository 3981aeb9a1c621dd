# pyidl_runtime_target(<tag>): makes sure the static runtime library for Python <tag>
# (pyidl_runtime_<tag>) exists, building it from the runtime's sources. The source tree and
# an installed pyidl both provide them (PYIDL_RUNTIME_SOURCE_DIR: the folder holding src/;
# PYIDL_RUNTIME_INCLUDE_DIR: the folder holding pyidl/*.h), so that each project compiles
# the runtime for exactly its own Pythons.

set(PYIDL_RUNTIME_SOURCE_NAMES
  src/args.cpp
  src/attach.cpp
  src/bound_ref.cpp
  src/buffer.cpp
  src/buffer_export.cpp
  src/callback.cpp
  src/convert_errors.cpp
  src/convert_number.cpp
  src/error.cpp
  src/exception_text.cpp
  src/interpreter.cpp
  src/interpreter_record.cpp
  src/suggestions.cpp
  src/sync/mutex.cpp
  src/sync/once.cpp
  src/sync/per_interpreter.cpp
  src/transfer_registry.cpp
)

# The sources the abi3 flavour leaves out, because they need API the limited API (3.12)
# lacks: pyidl::interpreter creates isolated sub-interpreters (PyInterpreterConfig,
# Py_NewInterpreterFromConfig). Its header refuses Py_LIMITED_API code with an #error.
set(PYIDL_RUNTIME_FULL_API_SOURCE_NAMES
  src/interpreter.cpp
)

# Settings shared by every flavour of the runtime: C++20, hidden symbols (each extension
# module gets a private copy, so two modules built against different runtime versions can
# never resolve to each other's functions), position-independent code.
function(pyidl_runtime_setup target)
  target_include_directories(${target} PUBLIC "${PYIDL_RUNTIME_INCLUDE_DIR}")
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_compile_features(${target} PUBLIC cxx_std_20)
endfunction()

# pyidl_runtime_target(<tag> [ABI3]): with ABI3, pyidl_runtime_<tag>_abi3, the runtime
# compiled against the limited API (Py_LIMITED_API=0x030C0000) for STABLE_ABI modules,
# without PYIDL_RUNTIME_FULL_API_SOURCE_NAMES.
function(pyidl_runtime_target tag)
  cmake_parse_arguments(PARSE_ARGV 1 arg "ABI3" "" "")
  set(name pyidl_runtime_${tag})
  if(arg_ABI3)
    string(APPEND name _abi3)
  endif()
  if(TARGET ${name})
    return()
  endif()
  set(sources ${PYIDL_RUNTIME_SOURCE_NAMES})
  if(arg_ABI3)
    list(REMOVE_ITEM sources ${PYIDL_RUNTIME_FULL_API_SOURCE_NAMES})
  endif()
  list(TRANSFORM sources PREPEND "${PYIDL_RUNTIME_SOURCE_DIR}/")
  add_library(${name} STATIC ${sources})
  string(REPLACE "pyidl_" "pyidl::" alias ${name})
  add_library(${alias} ALIAS ${name})
  pyidl_runtime_setup(${name})
  target_link_libraries(${name} PUBLIC pyidl_python_${tag})
  if(arg_ABI3)
    target_compile_definitions(${name} PUBLIC Py_LIMITED_API=0x030C0000)
  endif()
endfunction()
