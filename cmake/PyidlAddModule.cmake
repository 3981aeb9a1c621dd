# pyidl_add_module: builds a CPython extension module from a .pyidl file and C++ sources.
#
#   pyidl_add_module(<target> <file.pyidl>
#                    [SOURCES <impl.cpp>...]      # the C++ library code the module binds
#                    [LINK_LIBRARIES <lib>...]    # libraries the sources need
#                    [INCLUDE_DIRS <dir>...]      # where the .pyidl's `include "..."` headers are
#                    [IMPORT_DIRS <dir>...]       # -I for pyidlc: where `import a.b;` looks
#                    [ALL_PYTHONS])
#
# Without ALL_PYTHONS it builds <target> for one Python: the one named with
# -DPython_EXECUTABLE, or else the newest found (PYIDL_PYTHON_NEWEST). With ALL_PYTHONS it
# builds <target>_<tag> for every Python found (PYIDL_PYTHON_TAGS, e.g. _313 and _312).
# Each module lands in ${CMAKE_CURRENT_BINARY_DIR}/py<tag>/ as <module><EXT_SUFFIX>, with its
# .pyi stub beside it; the target property PYIDL_MODULE_DIR holds that folder.
#
# pyidlc runs at build time (the generated code is a build output, like protoc's) and is
# rerun when the .pyidl or pyidlc itself changes.

# The pyidlc command: the target built in this tree, or the imported one from an install.
function(_pyidl_compiler out)
  if(TARGET pyidlc)
    set(${out} $<TARGET_FILE:pyidlc> pyidlc PARENT_SCOPE)
  elseif(TARGET pyidl::pyidlc)
    set(${out} $<TARGET_FILE:pyidl::pyidlc> pyidl::pyidlc PARENT_SCOPE)
  else()
    message(FATAL_ERROR "pyidl_add_module: no pyidlc target (find_package(pyidl) first)")
  endif()
endfunction()

# Generates <module>.pyidl.cpp/.h/.pyi into <out_dir> and returns the .cpp in <out_var>.
function(pyidl_generate out_var idl out_dir module_name)
  cmake_parse_arguments(PARSE_ARGV 4 arg "" "" "IMPORT_DIRS")
  _pyidl_compiler(compiler)
  list(GET compiler 0 compiler_exe)
  list(GET compiler 1 compiler_target)
  set(import_flags "")
  foreach(dir IN LISTS arg_IMPORT_DIRS)
    list(APPEND import_flags -I "${dir}")
  endforeach()
  set(outputs "${out_dir}/${module_name}.pyidl.cpp" "${out_dir}/${module_name}.pyidl.h"
              "${out_dir}/${module_name}.pyi")
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND "${compiler_exe}" "${idl}" -o "${out_dir}" ${import_flags}
    DEPENDS "${idl}" ${compiler_target}
    COMMENT "pyidlc: ${idl}"
    VERBATIM)
  set(${out_var} "${out_dir}/${module_name}.pyidl.cpp" PARENT_SCOPE)
endfunction()

function(_pyidl_module_for_python target tag idl module_name generated)
  cmake_parse_arguments(PARSE_ARGV 5 arg "" "" "SOURCES;LINK_LIBRARIES;INCLUDE_DIRS")
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/py${tag}")
  pyidl_runtime_target(${tag})
  add_library(${target} MODULE ${generated} ${arg_SOURCES})
  target_include_directories(${target} PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/pyidl_generated"
                                               ${arg_INCLUDE_DIRS})
  target_link_libraries(${target} PRIVATE pyidl_runtime_${tag} ${arg_LINK_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${module_name}"
    SUFFIX "${PYIDL_PYTHON_${tag}_EXT_SUFFIX}"
    LIBRARY_OUTPUT_DIRECTORY "${out_dir}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    PYIDL_MODULE_DIR "${out_dir}"
    PYIDL_PYTHON_TAG "${tag}")
  # The stub goes beside the module, where type checkers look for it.
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_if_different
            "${CMAKE_CURRENT_BINARY_DIR}/pyidl_generated/${module_name}.pyi" "${out_dir}/"
    VERBATIM)
endfunction()

function(pyidl_add_module target idl)
  cmake_parse_arguments(PARSE_ARGV 2 arg "ALL_PYTHONS" ""
                        "SOURCES;LINK_LIBRARIES;INCLUDE_DIRS;IMPORT_DIRS")
  get_filename_component(idl "${idl}" ABSOLUTE)
  # The module's Python name is its last dotted part, as pyidlc names its outputs.
  file(STRINGS "${idl}" module_line REGEX "^[ \t]*(@[^ \t]+[ \t]+)*module[ \t]+[A-Za-z0-9_.]+[ \t]*;" LIMIT_COUNT 1)
  string(REGEX REPLACE ".*module[ \t]+([A-Za-z0-9_.]+).*" "\\1" dotted "${module_line}")
  string(REGEX REPLACE ".*\\." "" module_name "${dotted}")
  if(NOT module_name)
    message(FATAL_ERROR "pyidl_add_module: no `module name;` line found in ${idl}")
  endif()
  pyidl_generate(generated "${idl}" "${CMAKE_CURRENT_BINARY_DIR}/pyidl_generated" "${module_name}"
                 IMPORT_DIRS ${arg_IMPORT_DIRS})
  set(forward SOURCES ${arg_SOURCES} LINK_LIBRARIES ${arg_LINK_LIBRARIES}
              INCLUDE_DIRS ${arg_INCLUDE_DIRS})
  if(arg_ALL_PYTHONS)
    foreach(tag IN LISTS PYIDL_PYTHON_TAGS)
      _pyidl_module_for_python(${target}_${tag} ${tag} "${idl}" ${module_name} "${generated}" ${forward})
    endforeach()
  else()
    _pyidl_module_for_python(${target} ${PYIDL_PYTHON_NEWEST} "${idl}" ${module_name} "${generated}" ${forward})
  endif()
endfunction()
