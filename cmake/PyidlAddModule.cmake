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
# the oldest Python found, loadable by every CPython >= 3.12 (<module>.abi3.so).
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

# STABLE_ABI links a runtime compiled with Py_LIMITED_API. Whether the runtime compiles
# that way is checked once per build tree, so that when it does not, the configure step
# stops with the compiler's errors (what blocks abi3) rather than the build failing later.
function(_pyidl_require_limited_api_runtime target tag)
  if(PYIDL_LIMITED_API_RUNTIME_OK)
    return()
  endif()
  list(TRANSFORM PYIDL_RUNTIME_SOURCE_NAMES PREPEND "${PYIDL_RUNTIME_SOURCE_DIR}/" OUTPUT_VARIABLE sources)
  set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
  try_compile(compiles "${CMAKE_BINARY_DIR}/pyidl_limited_api_check"
    SOURCES ${sources}
    COMPILE_DEFINITIONS -DPy_LIMITED_API=0x030C0000
    CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${PYIDL_RUNTIME_INCLUDE_DIR};${PYIDL_PYTHON_${tag}_INCLUDE_DIR}"
    CXX_STANDARD 20
    OUTPUT_VARIABLE output)
  if(compiles)
    set(PYIDL_LIMITED_API_RUNTIME_OK ON CACHE INTERNAL "")
    return()
  endif()
  string(REGEX MATCHALL "[^\n]*(src|include)/[^:\n]+:[0-9]+:[0-9]+: error: [^\n]*" errors "${output}")
  list(REMOVE_DUPLICATES errors)
  list(JOIN errors "\n" errors)
  # The build stops at the first source that fails, so this is where abi3 is blocked first.
  message(FATAL_ERROR "pyidl_add_module(${target} STABLE_ABI): pyidl's runtime does not compile "
    "against the limited API (Py_LIMITED_API=0x030C0000) yet, so no abi3 module can link it. "
    "The first source that fails:\n${errors}\n(docs/packaging.md, \"abi3 status\")")
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
  target_link_libraries(${target} PRIVATE ${runtime} ${arg_LINK_LIBRARIES})
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
    # Built with the oldest Python's headers: the limited API promises forward compatibility.
    list(GET PYIDL_PYTHON_TAGS -1 oldest)
    _pyidl_require_limited_api_runtime(${target} ${oldest})
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
