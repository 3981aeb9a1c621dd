// main.cpp: the pyidlc executable: argv in, exit code out; the work is in driver.cpp.
#include <unistd.h>

#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "compiler/driver.h"

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return pyidlc::run_pyidlc(args, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
  } catch (const std::bad_alloc&) {
    // The one failure the compiler cannot report as a diagnostic, and must not crash on.
    std::cerr << "pyidlc: error: out of memory\n";
    return pyidlc::kExitCompileError;
  }
}
