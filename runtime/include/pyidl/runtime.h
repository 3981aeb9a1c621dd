// pyidl/runtime.h: umbrella header of the pyidl runtime; generated code includes only this.
#pragma once

// The runtime ABI version generated code was written against. Generated files check
//   #if PYIDL_RUNTIME_VERSION != 1
//   #error ...
// so a generated file and a runtime that disagree fail at compile time, not at import.
// Bump together with the inline namespace below (v1 -> v2) on any incompatible change.
#define PYIDL_RUNTIME_VERSION 1

#include "pyidl/config.h"
#include "pyidl/detail/stable_abi.h"  // the object-size reads of generated argument checks
#include "pyidl/object.h"
#include "pyidl/error.h"
#include "pyidl/convert.h"
#include "pyidl/convert/optional.h"
#include "pyidl/convert/list.h"
#include "pyidl/convert/tuple.h"
#include "pyidl/convert/dict.h"
#include "pyidl/convert/set.h"
#include "pyidl/convert/variant.h"
#include "pyidl/convert/callable.h"
#include "pyidl/buffer.h"
#include "pyidl/buffer_export.h"
#include "pyidl/args.h"
#include "pyidl/module_state.h"
#include "pyidl/instance.h"
