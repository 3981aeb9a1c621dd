# pyidl_add_wheel: packs pyidl modules into a wheel (PEP 427), one per Python tag.
#
#   pyidl_add_wheel(<target>
#                   NAME <distribution>          # as pip knows it, e.g. geometry
#                   VERSION <version>            # normalised PEP 440, e.g. 1.0.2
#                   MODULES <module>...          # targets of pyidl_add_module
#                   [SUMMARY <one line>]
#                   [LICENSE <text>]             # e.g. MIT
#                   [README <file>]              # the long description (.md, .rst or text)
#                   [OUTPUT_DIR <dir>])          # default ${CMAKE_CURRENT_BINARY_DIR}/wheels
#
# A MODULES entry is a module target, or the <target> of pyidl_add_module(... ALL_PYTHONS),
# which stands for each of its <target>_<tag> modules. The modules are grouped by the Python
# they were built for, and each group becomes one wheel, built by target <target>_<tag> (all
# of them by <target>, and by the default build): <name>-<version>-cp313-cp313-<platform>.whl
# and so on, or <name>-<version>-cp312-abi3-<platform>.whl for STABLE_ABI modules (target
# <target>_abi3). The packer (packaging/pyidl_wheel.py) runs under that Python, which
# supplies the platform tag; it reads a JSON manifest written here, one per wheel, under
# ${CMAKE_BINARY_DIR}/pyidl_wheels/, where pyidl's PEP 517 backend finds the wheels too.

# The module targets a MODULES entry stands for.
function(_pyidl_wheel_module_targets entry out)
  get_property(group GLOBAL PROPERTY PYIDL_ALL_PYTHONS_${entry})
  if(group)
    set(${out} ${group} PARENT_SCOPE)
  elseif(TARGET ${entry})
    get_target_property(tag ${entry} PYIDL_PYTHON_TAG)
    if(NOT tag)
      message(FATAL_ERROR "pyidl_add_wheel: '${entry}' is not a module of pyidl_add_module")
    endif()
    set(${out} ${entry} PARENT_SCOPE)
  else()
    message(FATAL_ERROR "pyidl_add_wheel: no module target '${entry}' (pyidl_add_module first)")
  endif()
endfunction()

# <value> as a JSON string literal, quotes included.
function(_pyidl_json_string value out)
  string(REPLACE "\\" "\\\\" value "${value}")
  string(REPLACE "\"" "\\\"" value "${value}")
  string(REPLACE "\n" "\\n" value "${value}")
  set(${out} "\"${value}\"" PARENT_SCOPE)
endfunction()

# One wheel: the modules of one Python tag (or the abi3 modules), packed by target <target>.
function(_pyidl_wheel_for_tag target abi3 modules)
  cmake_parse_arguments(PARSE_ARGV 3 arg "" "NAME;VERSION;SUMMARY;LICENSE;README;OUTPUT_DIR" "")
  list(GET modules 0 first)
  get_target_property(python_tag ${first} PYIDL_PYTHON_TAG)
  set(python "${PYIDL_PYTHON_${python_tag}_EXECUTABLE}")
  set(abi3_flag "")
  if(abi3)
    set(abi3_flag --abi3)
  endif()
  # The file name needs the interpreter's platform tag: ask the packer now, which also
  # checks the name and version while the error can still point at this call.
  execute_process(
    COMMAND "${python}" "${PYIDL_WHEEL_PACKER}" --print-filename --name "${arg_NAME}"
            --version "${arg_VERSION}" ${abi3_flag}
    OUTPUT_VARIABLE filename ERROR_VARIABLE error RESULT_VARIABLE rc
    OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pyidl_add_wheel(${target}): ${error}")
  endif()

  set(json "{}")
  foreach(field NAME VERSION SUMMARY LICENSE README OUTPUT_DIR)
    string(TOLOWER ${field} key)
    _pyidl_json_string("${arg_${field}}" value)
    string(JSON json SET "${json}" ${key} "${value}")
  endforeach()
  string(JSON json SET "${json}" generator "\"pyidl ${PYIDL_VERSION}\"")
  if(abi3)
    string(JSON json SET "${json}" abi3 true)
  else()
    string(JSON json SET "${json}" abi3 false)
  endif()
  string(JSON json SET "${json}" wheel "\"${filename}\"")
  string(JSON json SET "${json}" modules "[]")
  set(depends "")
  set(index 0)
  foreach(module IN LISTS modules)
    get_target_property(dotted ${module} PYIDL_MODULE_NAME)
    get_target_property(stub ${module} PYIDL_STUB)
    string(JSON json SET "${json}" modules ${index}
           "[\"${dotted}\", \"$<TARGET_FILE:${module}>\", \"${stub}\"]")
    list(APPEND depends ${module} "$<TARGET_FILE:${module}>" "${stub}")
    math(EXPR index "${index} + 1")
  endforeach()
  set(manifest "${CMAKE_BINARY_DIR}/pyidl_wheels/${target}.json")
  file(GENERATE OUTPUT "${manifest}" CONTENT "${json}\n")

  set(wheel "${arg_OUTPUT_DIR}/${filename}")
  add_custom_command(
    OUTPUT "${wheel}"
    COMMAND "${python}" "${PYIDL_WHEEL_PACKER}" --manifest "${manifest}"
    DEPENDS ${depends} "${manifest}" "${PYIDL_WHEEL_PACKER}" ${arg_README}
    COMMENT "pyidl: packing ${filename}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS "${wheel}")
  set_target_properties(${target} PROPERTIES PYIDL_WHEEL "${wheel}")
endfunction()

function(pyidl_add_wheel target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAME;VERSION;SUMMARY;LICENSE;README;OUTPUT_DIR"
                        "MODULES")
  foreach(required NAME VERSION MODULES)
    if(NOT arg_${required})
      message(FATAL_ERROR "pyidl_add_wheel(${target}): ${required} is required")
    endif()
  endforeach()
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/wheels")
  endif()
  get_filename_component(arg_OUTPUT_DIR "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  if(arg_README)
    get_filename_component(arg_README "${arg_README}" ABSOLUTE)
  endif()

  # Group the modules by wheel: by Python tag, or "abi3" for the limited-API ones.
  set(groups "")
  foreach(entry IN LISTS arg_MODULES)
    _pyidl_wheel_module_targets(${entry} targets)
    foreach(module IN LISTS targets)
      get_target_property(stable ${module} PYIDL_STABLE_ABI)
      get_target_property(group ${module} PYIDL_PYTHON_TAG)
      if(stable)
        set(group abi3)
      endif()
      list(APPEND groups ${group})
      list(APPEND group_${group} ${module})
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES groups)
  if("abi3" IN_LIST groups AND NOT groups STREQUAL "abi3")
    message(FATAL_ERROR "pyidl_add_wheel(${target}): a wheel holds either STABLE_ABI modules "
                        "or modules for one Python version, not both")
  endif()

  set(forward NAME "${arg_NAME}" VERSION "${arg_VERSION}" SUMMARY "${arg_SUMMARY}"
              LICENSE "${arg_LICENSE}" README "${arg_README}" OUTPUT_DIR "${arg_OUTPUT_DIR}")
  set(wheel_targets "")
  foreach(group IN LISTS groups)
    set(abi3 OFF)
    if(group STREQUAL "abi3")
      set(abi3 ON)
    endif()
    _pyidl_wheel_for_tag(${target}_${group} ${abi3} "${group_${group}}" ${forward})
    list(APPEND wheel_targets ${target}_${group})
  endforeach()
  add_custom_target(${target} ALL DEPENDS ${wheel_targets})
endfunction()
