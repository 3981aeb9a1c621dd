# PyidlAudit.cmake: runs `pyidlc audit` on a module right after it is linked, so that new
# process-wide state in the author's C++ code shows up in the build (docs/subinterpreter-safety.md,
# "Auditing your C++ code").
#
#   pyidl_add_module(<target> <file.pyidl> ... AUDIT [WARNING|ERROR] [AUDIT_ALLOW <glob>...])
#   pyidl_audit_module(<target> [WARNING|ERROR] [ALLOW <glob>...])   # any module target
#   -DPYIDL_AUDIT_MODULES=WARNING|ERROR                              # every pyidl_add_module
#
# WARNING (what a bare AUDIT means) prints the findings and lets the build go on; ERROR fails
# the build on any finding that no ALLOW glob accepts (`pyidlc audit --allow`). A module that
# cannot be audited (stripped at link time with -s) fails the build in both modes. The audit
# only recognizes std::atomic and pyidl::mutex & co. with debug info: use it with
# RelWithDebInfo or Debug builds, or ALLOW such objects by name.

set(PYIDL_AUDIT_MODULES "OFF" CACHE STRING
    "pyidlc audit after linking every pyidl_add_module without AUDIT: OFF, WARNING or ERROR")
set_property(CACHE PYIDL_AUDIT_MODULES PROPERTY STRINGS OFF WARNING ERROR)

function(pyidl_audit_module target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "WARNING;ERROR" "" "ALLOW")
  if(arg_UNPARSED_ARGUMENTS OR (arg_WARNING AND arg_ERROR))
    message(FATAL_ERROR "pyidl_audit_module(${target}): expected [WARNING|ERROR] "
                        "[ALLOW <glob>...], got: ${ARGN}")
  endif()
  _pyidl_compiler(compiler)
  # The target's name, not its file: CMake then also builds pyidlc before this module.
  list(GET compiler 1 compiler_target)
  set(flags "")
  if(NOT arg_ERROR)
    list(APPEND flags --exit-zero)
  endif()
  foreach(glob IN LISTS arg_ALLOW)
    list(APPEND flags "--allow=${glob}")
  endforeach()
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${compiler_target} audit ${flags} $<TARGET_FILE:${target}>
    COMMENT "pyidlc audit: ${target}"
    VERBATIM)
endfunction()

# pyidl_add_module's AUDIT and AUDIT_ALLOW, for each of the module targets it made. `mode` is
# AUDIT's value, `missing` cmake_parse_arguments' KEYWORDS_MISSING_VALUES (a bare AUDIT).
function(_pyidl_audit_added_modules targets mode missing)
  if("AUDIT" IN_LIST missing)
    set(mode WARNING)
  elseif(NOT mode)
    set(mode "${PYIDL_AUDIT_MODULES}")
  endif()
  string(TOUPPER "${mode}" mode)
  if(mode STREQUAL "OFF" OR mode STREQUAL "")
    return()
  endif()
  if(NOT mode STREQUAL "WARNING" AND NOT mode STREQUAL "ERROR")
    message(FATAL_ERROR "pyidl_add_module: AUDIT takes WARNING or ERROR (or PYIDL_AUDIT_MODULES "
                        "OFF, WARNING or ERROR), not '${mode}'")
  endif()
  foreach(target IN LISTS targets)
    pyidl_audit_module(${target} ${mode} ALLOW ${ARGN})
  endforeach()
endfunction()
