# pyidl_runtime_target(<tag>): makes sure the static runtime library for Python <tag>
# (pyidl_runtime_<tag>) exists, building it from the runtime's sources. The source tree and
# an installed pyidl both provide them (PYIDL_RUNTIME_SOURCE_DIR: the folder holding src/;
# PYIDL_RUNTIME_INCLUDE_DIR: the folder holding pyidl/*.h), so that each project compiles
# the runtime for exactly its own Pythons.

set(PYIDL_RUNTIME_SOURCE_NAMES
  src/args.cpp
  src/convert_errors.cpp
  src/convert_number.cpp
  src/error.cpp
  src/suggestions.cpp
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

function(pyidl_runtime_target tag)
  if(TARGET pyidl_runtime_${tag})
    return()
  endif()
  list(TRANSFORM PYIDL_RUNTIME_SOURCE_NAMES PREPEND "${PYIDL_RUNTIME_SOURCE_DIR}/" OUTPUT_VARIABLE sources)
  add_library(pyidl_runtime_${tag} STATIC ${sources})
  add_library(pyidl::runtime_${tag} ALIAS pyidl_runtime_${tag})
  pyidl_runtime_setup(pyidl_runtime_${tag})
  target_link_libraries(pyidl_runtime_${tag} PUBLIC pyidl_python_${tag})
endfunction()
