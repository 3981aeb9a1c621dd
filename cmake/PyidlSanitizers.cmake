# Sanitizer builds; each applies to every target in the tree.
#   PYIDL_SANITIZERS=ON  AddressSanitizer + UBSan; UBSan findings abort, so a test that trips
#                        one fails instead of printing and passing.
#   PYIDL_TSAN=ON        ThreadSanitizer, for the runtime's synchronization and the tests
#                        that hammer it from many threads and interpreters. CPython itself is
#                        not instrumented: tests/runtime/tsan.supp lists what that hides.
# The two cannot be combined (the compilers refuse -fsanitize=address,thread).
if(PYIDL_SANITIZERS AND PYIDL_TSAN)
  message(FATAL_ERROR "PYIDL_SANITIZERS and PYIDL_TSAN cannot be combined; use two build trees")
endif()
if(PYIDL_SANITIZERS)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
if(PYIDL_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
