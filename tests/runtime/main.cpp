// main.cpp: runs the Catch2 runtime tests inside one embedded, isolated interpreter.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "pyidl/runtime.h"

#include <cstdio>

int main(int argc, char* argv[]) {
  // Isolated config: no environment variables, no user site, no cwd on sys.path, so the
  // tests see the same interpreter wherever they run.
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  PyStatus status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) {
    std::fprintf(stderr, "cannot initialise Python: %s\n", status.err_msg ? status.err_msg : "?");
    return 2;
  }
  const int failed = Catch::Session().run(argc, argv);
  if (Py_FinalizeEx() < 0) {
    return 3;
  }
  return failed;
}
