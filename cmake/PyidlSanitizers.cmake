# With PYIDL_SANITIZERS=ON every target in the tree is built with ASan + UBSan, and UBSan
# findings abort, so a test that trips one fails instead of printing and passing.
if(PYIDL_SANITIZERS)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
