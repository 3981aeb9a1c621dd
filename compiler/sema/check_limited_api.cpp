// check_limited_api.cpp: refuses, declaration by declaration, what the limited API cannot
// express in the generated code (pyidlc --limited-api, pyidl_add_module(... STABLE_ABI)).
#include "compiler/sema/check_limited_api.h"

namespace pyidlc::sema {
namespace {

// Each reason names the CPython API the generated code needs and the limited API of 3.12
// lacks, so that the message says what would have to change.
constexpr const char* kClassReason =
    "its instances are allocated through the type's tp_alloc, and the type is finished by "
    "setting tp_vectorcall and Py_TPFLAGS_IMMUTABLETYPE after PyType_FromModuleAndSpec; "
    "its slots find their module with PyType_GetModuleByDef (limited API from 3.13 only)";
constexpr const char* kEnumReason =
    "its members are converted to Python by PyObject_CallOneArg on the enum class";

void check_module(const Module& module, DiagnosticEngine& diags) {
  for (const Class& cls : module.classes) {
    diags.report(DiagKind::LimitedApiUnsupported, cls.name_range,
                 "class '" + cls.python_name + "'", kClassReason);
  }
  for (const Enum& enumeration : module.enums) {
    diags.report(DiagKind::LimitedApiUnsupported, enumeration.range,
                 "enum '" + enumeration.python_name + "'", kEnumReason);
  }
  for (const Module& child : module.submodules) check_module(child, diags);
}

}  // namespace

void check_limited_api(const Program& program, DiagnosticEngine& diags) {
  check_module(program.main, diags);
}

}  // namespace pyidlc::sema
