# pyidl_enable_warnings(target): the warning level every first-party target builds with.
function(pyidl_enable_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
endfunction()
