// check_limited_api.h: what `pyidlc --limited-api` refuses, because the code generated for
// it needs CPython API outside the limited API of 3.12 (the stable ABI, abi3).
#pragma once

#include "compiler/base/diagnostics.h"
#include "compiler/sema/model.h"

namespace pyidlc::sema {

// Reports LimitedApiUnsupported at each declaration of `program.main` and its submodules
// that the generator can only emit with the full API. Run after check_generation_support.
void check_limited_api(const Program& program, DiagnosticEngine& diags);

}  // namespace pyidlc::sema
