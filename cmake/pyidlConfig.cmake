# pyidlConfig.cmake: find_package(pyidl CONFIG) for an installed pyidl.
#
#   find_package(pyidl CONFIG REQUIRED)
#   pyidl_add_module(mymod mymod.pyidl SOURCES impl.cpp)
#   pyidl_add_wheel(mymod_wheel NAME mymod VERSION 1.0 MODULES mymod)
#
# Finds the Pythons >= 3.12 to build for (see PyidlPython.cmake: -DPython_EXECUTABLE=... or
# -DPYIDL_PYTHONS=...), imports pyidl::pyidlc and compiles the runtime from the installed
# sources for each Python a module is built for.
get_filename_component(_pyidl_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(PYIDL_RUNTIME_SOURCE_DIR "${_pyidl_prefix}/share/pyidl/runtime")
set(PYIDL_RUNTIME_INCLUDE_DIR "${_pyidl_prefix}/include")
set(PYIDL_WHEEL_PACKER "${_pyidl_prefix}/share/pyidl/packaging/pyidl_wheel.py")
set(PYIDL_VERSION "${pyidl_VERSION}")

include("${CMAKE_CURRENT_LIST_DIR}/pyidlTargets.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PyidlPython.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PyidlRuntime.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PyidlAddModule.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PyidlAddWheel.cmake")

if(NOT TARGET pyidl_python_${PYIDL_PYTHON_NEWEST})
  pyidl_find_pythons()
endif()
