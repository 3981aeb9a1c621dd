# pyidlConfig.cmake: find_package(pyidl CONFIG) for an installed pyidl.
#
#   find_package(pyidl CONFIG REQUIRED)
#   pyidl_add_module(mymod mymod.pyidl SOURCES impl.cpp)
#
# Finds the Pythons >= 3.12 to build for (see PyidlPython.cmake: -DPython_EXECUTABLE=... or
# -DPYIDL_PYTHONS=...), imports pyidl::pyidlc and compiles the runtime from the installed
# sources for each Python a module is built for.
get_filename_component(_pyidl_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(PYIDL_RUNTIME_SOURCE_DIR "${_pyidl_prefix}/share/pyidl/runtime")
set(PYIDL_RUNTIME_INCLUDE_DIR "${_pyidl_prefix}/include")

include("${CMAKE_CURRENT_LIST_DIR}/pyidlTargets.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PyidlPython.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PyidlRuntime.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PyidlAddModule.cmake")

if(NOT TARGET pyidl_python_${PYIDL_PYTHON_NEWEST})
  pyidl_find_pythons()
endif()
