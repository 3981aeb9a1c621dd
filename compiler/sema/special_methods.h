// special_methods.h: the dunder methods pyidl can bind, with their type slots and C++ defaults.
//
// sema checks declared dunders against this table and codegen maps them to PyType_Slot
// entries with the same table, so the two can never disagree.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "compiler/sema/model.h"

namespace pyidlc::sema {

// How the dunder's operands reach its slot; codegen needs it to write the slot function.
enum class SpecialForm {
  Constructor,  // __init__
  Unary,        // self only: __repr__, __len__, __neg__, ...
  Binary,       // self op other: __add__, __getitem__, __contains__, ...
  Reflected,    // other op self: __radd__ shares Py_nb_add with __add__
  InPlace,      // self op= other: __iadd__
  Compare,      // Py_tp_richcompare with compare_op
  SetItem,      // __setitem__ and __delitem__ share Py_mp_ass_subscript
  Call,         // __call__: any parameters
};

inline constexpr int kAnyArity = -1;

struct SpecialMethod {
  std::string_view name;                   // "__add__"
  SpecialForm form;
  int arity;                               // Python parameters besides self, or kAnyArity
  std::optional<Type::Kind> result;        // the required return type, where CPython fixes it
  std::string_view slot;                   // "Py_nb_add"
  std::string_view sequence_slot;          // a second slot filled too ("Py_sq_length"), or ""
  std::string_view compare_op;             // Compare: "Py_EQ", ...; otherwise ""
  // The C++ function the dunder binds when the IDL names none: an operator ("operator+",
  // "operator==", "operator[]", "operator bool") or a conventional member ("size"). Empty
  // when there is no natural default and the IDL must name one with `= name`.
  std::string_view cxx_default;
};

// The entry for a dunder name, or nullptr if pyidl cannot bind it.
const SpecialMethod* find_special_method(std::string_view name);

// Every entry, in a stable order (for suggestions and documentation).
const std::vector<SpecialMethod>& special_methods();

// Whether a name has the dunder shape `__x__` (and so must be in the table).
bool is_dunder(std::string_view name);

}  // namespace pyidlc::sema
