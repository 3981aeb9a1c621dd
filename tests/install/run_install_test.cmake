# run_install_test.cmake: installs this build of pyidl into a fresh prefix, builds the
# consumer project against it with find_package(pyidl), and imports the module.
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
