// main.cpp: the pyidlc executable: argv in, exit code out; the work is in driver.cpp.
#include <unistd.h>

#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "compiler/audit/command.h"
#include "compiler/driver.h"
#include "compiler/project_template.h"

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    // `pyidlc audit MODULE.so...` inspects a built module rather than compiling a .pyidl.
    if (!args.empty() && args[0] == "audit") {
      return pyidlc::audit::run_audit({args.begin() + 1, args.end()}, std::cout, std::cerr);
    }
    // `pyidlc new NAME [DIR]` lays out a project from the installed template.
    if (!args.empty() && args[0] == "new") {
      return pyidlc::run_new_project({args.begin() + 1, args.end()},
                                     pyidlc::default_template_dir(), std::cout, std::cerr);
    }
    return pyidlc::run_pyidlc(args, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
  } catch (const std::bad_alloc&) {
    // The one failure the compiler cannot report as a diagnostic, and must not crash on.
    std::cerr << "pyidlc: error: out of memory\n";
    return pyidlc::kExitCompileError;
  }
}
