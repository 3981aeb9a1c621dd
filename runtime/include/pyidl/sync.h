// pyidl/sync.h: umbrella header of the runtime's synchronization primitives, which wait detached from any GIL.
//
//   detach_scope        run C++ code without the interpreter (sync/detach.h)
//   mutex               lock for C++ state shared by threads and interpreters (sync/mutex.h)
//   once, lazy<T>       initialize on first use, e.g. in module state (sync/once.h, sync/lazy.h)
//   per_interpreter<T>  one T per interpreter, without a module object (sync/per_interpreter.h)
//   shared<T>           a T shared by every interpreter, used under its lock (sync/shared.h)
//
// docs/subinterpreter-safety.md, "Synchronization primitives (runtime)", says which to use when.
#pragma once

#include "pyidl/sync/detach.h"
#include "pyidl/sync/lazy.h"
#include "pyidl/sync/mutex.h"
#include "pyidl/sync/once.h"
#include "pyidl/sync/per_interpreter.h"
#include "pyidl/sync/shared.h"
