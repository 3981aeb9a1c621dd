# smoke_tests.cmake: registers the per-call benchmark's CTests; included from
# tests/bench_smoke/CMakeLists.txt, after bench/calls/ has defined the module targets.
#   bench_smoke.calls.<tag>        run_calls.py --quick: correctness check + one short round
#   bench_smoke.handwritten.<tag>  the yardstick is isolation-correct (4 own-GIL interpreters)
#   bench_smoke.pyidl.<tag>        the same isolation checks on the generated bench_pyidl
# bench_smoke.calls.<tag> requires bench_pyidl when it is built, so its correctness check
# (results, exception types) always covers the generated module.

set(_bench_calls_dir "${CMAKE_CURRENT_LIST_DIR}")

# Under PYIDL_SANITIZERS the modules are instrumented, and an uninstrumented python can only
# load them with the ASan runtime preloaded.
set(_bench_env "")
if(PYIDL_SANITIZERS)
  execute_process(COMMAND "${CMAKE_CXX_COMPILER}" -print-file-name=libasan.so
                  OUTPUT_VARIABLE _bench_libasan OUTPUT_STRIP_TRAILING_WHITESPACE)
  list(APPEND _bench_env "LD_PRELOAD=${_bench_libasan}" "ASAN_OPTIONS=detect_leaks=0")
endif()

foreach(tag IN LISTS PYIDL_PYTHON_TAGS)
  if(NOT TARGET bench_handwritten_${tag})
    continue()
  endif()
  set(python "${PYIDL_PYTHON_${tag}_EXECUTABLE}")
  set(module_dir "$<TARGET_FILE_DIR:bench_handwritten_${tag}>")
  set(require "")
  set(tests bench_smoke.calls.${tag} bench_smoke.handwritten.${tag})
  if(TARGET bench_pyidl_${tag})
    set(require --require bench_pyidl)
    add_test(NAME bench_smoke.pyidl.${tag}
             COMMAND "${python}" "${_bench_calls_dir}/test_handwritten.py" -v)
    set_tests_properties(bench_smoke.pyidl.${tag} PROPERTIES
      ENVIRONMENT "BENCH_MODULE_DIR=${module_dir};BENCH_MODULE_NAME=bench_pyidl;${_bench_env}"
      LABELS bench_smoke
      TIMEOUT 120)
  endif()
  add_test(NAME bench_smoke.calls.${tag}
           COMMAND "${python}" "${_bench_calls_dir}/run_calls.py" --quick ${require} "${module_dir}")
  add_test(NAME bench_smoke.handwritten.${tag}
           COMMAND "${python}" "${_bench_calls_dir}/test_handwritten.py" -v)
  set_tests_properties(${tests} PROPERTIES
    ENVIRONMENT "BENCH_MODULE_DIR=${module_dir};${_bench_env}"
    LABELS bench_smoke
    TIMEOUT 120)
endforeach()
