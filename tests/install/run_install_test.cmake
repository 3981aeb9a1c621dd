# run_install_test.cmake: installs this build of pyidl into a fresh prefix, builds the
# consumer project against it with find_package(pyidl), imports the module, and checks that
# the AUDIT option fails the build of a module with process-wide state.
#   cmake -DBUILD_DIR=... -DWORK_DIR=... -DSOURCE_DIR=... -DPYTHON=... -P run_install_test.cmake
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/consumer" -B "${WORK_DIR}/build" -G Ninja
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DPython_EXECUTABLE=${PYTHON})
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
file(GLOB module_dir LIST_DIRECTORIES true "${WORK_DIR}/build/py[0-9]*")
run(${CMAKE_COMMAND} -E env PYTHONPATH=${module_dir} ${PYTHON} "${SOURCE_DIR}/check_hello.py")
message(STATUS "installed pyidl builds a consumer module: ${last_output}")
file(GLOB wheel "${WORK_DIR}/build/wheels/hello-0.1.0-cp3*-linux_*.whl")
if(NOT wheel)
  message(FATAL_ERROR "pyidl_add_wheel made no wheel in ${WORK_DIR}/build/wheels")
endif()
message(STATUS "installed pyidl packs a wheel: ${wheel}")

# The installed AUDIT option: the audit fails leaky's build and names its global.
execute_process(COMMAND ${CMAKE_COMMAND} --build "${WORK_DIR}/build" --target leaky
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT out MATCHES "warning: writable global 'leaky::hits'")
  message(FATAL_ERROR "AUDIT ERROR should fail leaky's build on 'leaky::hits' (${rc}):\n${out}\n${err}")
endif()
message(STATUS "AUDIT ERROR stops a module with process-wide state")
