# pyidl_add_module: builds a CPython extension module from a .pyidl file and C++ sources.
#
#   pyidl_add_module(<target> <file.pyidl>
#                    [SOURCES <impl.cpp>...]      # the C++ library code the module binds
#                    [LINK_LIBRARIES <lib>...]    # libraries the sources need
#                    [INCLUDE_DIRS <dir>...]      # where the .pyidl's `include "..."` headers are
#                    [IMPORT_DIRS <dir>...]       # -I for pyidlc: where `import a.b;` looks
#                    [ALL_PYTHONS | STABLE_ABI]
#                    [AUDIT [WARNING|ERROR|OFF]]  # `pyidlc audit` after linking: cmake/PyidlAudit.cmake
#                    [AUDIT_ALLOW <glob>...])     # findings the audit accepts (--allow)
#
# Without ALL_PYTHONS it builds <target> for one Python: the one named with
# -DPython_EXECUTABLE, or else the newest found (PYIDL_PYTHON_NEWEST). With ALL_PYTHONS it
# builds <target>_<tag> for every Python found (PYIDL_PYTHON_TAGS, e.g. _313 and _312);
# pyidl_add_wheel(MODULES <target>) then means all of them. With STABLE_ABI it builds one
# <target> against the limited API (Py_LIMITED_API=0x030C0000, pyidlc --limited-api) with
# the oldest Python found that is not free-threaded, loadable by every CPython >= 3.12 with a
# GIL (<module>.abi3.so), linked to the runtime's abi3 flavour (pyidl_runtime_<tag>_abi3).
# Each module lands in ${CMAKE_CURRENT_BINARY_DIR}/py<tag>/ as <module><EXT_SUFFIX>, with its
# .pyi stub beside it. Target properties: PYIDL_MODULE_DIR (that folder), PYIDL_PYTHON_TAG,
# PYIDL_MODULE_NAME (the dotted Python name), PYIDL_STUB (the generated .pyi), PYIDL_STABLE_ABI.
#
# pyidlc runs at build time (the generated code is a build output, like protoc's). It is
# rerun when pyidlc, the .pyidl or any file that imports reaches changes (pyidlc -MF writes
# the list into a depfile); files it would write unchanged keep their timestamps, so the
# module is not recompiled.

# Ninja reads the depfile's paths relative to the build directory (CMP0116); policies are
# recorded when the functions below are defined, so this holds for every caller.
cmake_policy(SET CMP0116 NEW)

# AUDIT: `pyidlc audit` after linking (pyidl_audit_module, PYIDL_AUDIT_MODULES).
include("${CMAKE_CURRENT_LIST_DIR}/PyidlAudit.cmake")

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
# LIMITED_API passes --limited-api: pyidlc then refuses what the limited API lacks.
function(pyidl_generate out_var idl out_dir module_name)
  cmake_parse_arguments(PARSE_ARGV 4 arg "LIMITED_API" "" "IMPORT_DIRS")
  _pyidl_compiler(compiler)
  list(GET compiler 0 compiler_exe)
  list(GET compiler 1 compiler_target)
  set(import_flags "")
  foreach(dir IN LISTS arg_IMPORT_DIRS)
    list(APPEND import_flags -I "${dir}")
  endforeach()
  if(arg_LIMITED_API)
    list(APPEND import_flags --limited-api)
  endif()
  set(outputs "${out_dir}/${module_name}.pyidl.cpp" "${out_dir}/${module_name}.pyidl.h"
              "${out_dir}/${module_name}.pyi")
  # Ninja wants the depfile to name the rule's first output, so -MT names just that one.
  set(depfile "${out_dir}/${module_name}.pyidl.d")
  list(GET outputs 0 first_output)
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND "${compiler_exe}" "${idl}" -o "${out_dir}" ${import_flags}
            -MF "${depfile}" -MT "${first_output}"
    DEPENDS "${idl}" ${compiler_target}
    DEPFILE "${depfile}"
    COMMENT "pyidlc: ${idl}"
    VERBATIM)
  set(${out_var} "${out_dir}/${module_name}.pyidl.cpp" PARENT_SCOPE)
endfunction()

# The tag of the Python STABLE_ABI modules are compiled with, "" if none: the oldest found
# that has a limited API. Any headers >= 3.12 would do (Py_LIMITED_API=0x030C0000 picks the
# API, not the headers); free-threaded builds (tag ...t) have no limited API in 3.13, and
# cannot load abi3 modules either.
function(pyidl_stable_abi_python out)
  set(candidates ${PYIDL_PYTHON_TAGS})
  list(FILTER candidates EXCLUDE REGEX "t$")
  set(${out} "" PARENT_SCOPE)
  if(candidates)
    list(GET candidates -1 oldest)
    set(${out} ${oldest} PARENT_SCOPE)
  endif()
endfunction()

function(_pyidl_module_for_python target tag idl dotted_name generated)
  cmake_parse_arguments(PARSE_ARGV 5 arg "STABLE_ABI" "" "SOURCES;LINK_LIBRARIES;INCLUDE_DIRS")
  string(REGEX REPLACE ".*\\." "" module_name "${dotted_name}")
  if(arg_STABLE_ABI)
    set(abi3 ABI3)
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/abi3")
    set(runtime pyidl_runtime_${tag}_abi3)
    set(suffix "${PYIDL_PYTHON_${tag}_ABI3_SUFFIX}")
  else()
    set(abi3 "")
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/py${tag}")
    set(runtime pyidl_runtime_${tag})
    set(suffix "${PYIDL_PYTHON_${tag}_EXT_SUFFIX}")
  endif()
  pyidl_runtime_target(${tag} ${abi3})
  add_library(${target} MODULE ${generated} ${arg_SOURCES})
  target_include_directories(${target} PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/pyidl_generated"
                                               ${arg_INCLUDE_DIRS})
  # The standard bindings (std.*) are header-only: any module may import them.
  target_link_libraries(${target} PRIVATE ${runtime} pyidl::std ${arg_LINK_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${module_name}"
    SUFFIX "${suffix}"
    LIBRARY_OUTPUT_DIRECTORY "${out_dir}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    PYIDL_MODULE_DIR "${out_dir}"
    PYIDL_PYTHON_TAG "${tag}"
    PYIDL_MODULE_NAME "${dotted_name}"
    PYIDL_STUB "${CMAKE_CURRENT_BINARY_DIR}/pyidl_generated/${module_name}.pyi"
    PYIDL_STABLE_ABI "${arg_STABLE_ABI}")
  # The stub goes beside the module, where type checkers look for it.
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_if_different
            "${CMAKE_CURRENT_BINARY_DIR}/pyidl_generated/${module_name}.pyi" "${out_dir}/"
    VERBATIM)
endfunction()

function(pyidl_add_module target idl)
  cmake_parse_arguments(PARSE_ARGV 2 arg "ALL_PYTHONS;STABLE_ABI" "AUDIT"
                        "SOURCES;LINK_LIBRARIES;INCLUDE_DIRS;IMPORT_DIRS;AUDIT_ALLOW")
  if(arg_ALL_PYTHONS AND arg_STABLE_ABI)
    message(FATAL_ERROR "pyidl_add_module(${target}): STABLE_ABI builds one module for every "
                        "Python >= 3.12; drop ALL_PYTHONS")
  endif()
  get_filename_component(idl "${idl}" ABSOLUTE)
  # The module's Python name is its last dotted part, as pyidlc names its outputs.
  file(STRINGS "${idl}" module_line REGEX "^[ \t]*(@[^ \t]+[ \t]+)*module[ \t]+[A-Za-z0-9_.]+[ \t]*;" LIMIT_COUNT 1)
  string(REGEX REPLACE ".*module[ \t]+([A-Za-z0-9_.]+).*" "\\1" dotted "${module_line}")
  string(REGEX REPLACE ".*\\." "" module_name "${dotted}")
  if(NOT module_name)
    message(FATAL_ERROR "pyidl_add_module: no `module name;` line found in ${idl}")
  endif()
  set(limited "")
  if(arg_STABLE_ABI)
    set(limited LIMITED_API)
  endif()
  pyidl_generate(generated "${idl}" "${CMAKE_CURRENT_BINARY_DIR}/pyidl_generated" "${module_name}"
                 IMPORT_DIRS ${arg_IMPORT_DIRS} ${limited})
  set(forward SOURCES ${arg_SOURCES} LINK_LIBRARIES ${arg_LINK_LIBRARIES}
              INCLUDE_DIRS ${arg_INCLUDE_DIRS})
  if(arg_ALL_PYTHONS)
    set(targets "")
    foreach(tag IN LISTS PYIDL_PYTHON_TAGS)
      _pyidl_module_for_python(${target}_${tag} ${tag} "${idl}" ${dotted} "${generated}" ${forward})
      list(APPEND targets ${target}_${tag})
    endforeach()
    # What pyidl_add_wheel(MODULES ${target}) stands for.
    set_property(GLOBAL PROPERTY PYIDL_ALL_PYTHONS_${target} ${targets})
  elseif(arg_STABLE_ABI)
    pyidl_stable_abi_python(oldest)
    if(NOT oldest)
      message(FATAL_ERROR "pyidl_add_module(${target} STABLE_ABI): no Python with a limited API "
                          "found (${PYIDL_PYTHON_TAGS}); free-threaded builds have none")
    endif()
    _pyidl_module_for_python(${target} ${oldest} "${idl}" ${dotted} "${generated}" ${forward}
                             STABLE_ABI)
  else()
    _pyidl_module_for_python(${target} ${PYIDL_PYTHON_NEWEST} "${idl}" ${dotted} "${generated}" ${forward})
  endif()
  # AUDIT [WARNING|ERROR] / AUDIT_ALLOW: `pyidlc audit` after linking each module made.
  set(audited ${target})
  if(arg_ALL_PYTHONS)
    list(TRANSFORM PYIDL_PYTHON_TAGS PREPEND "${target}_" OUTPUT_VARIABLE audited)
  endif()
  _pyidl_audit_added_modules("${audited}" "${arg_AUDIT}" "${arg_KEYWORDS_MISSING_VALUES}"
                             ${arg_AUDIT_ALLOW})
endfunction()
