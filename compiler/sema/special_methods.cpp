// special_methods.cpp: the table of bindable dunders behind special_methods.h.
#include "compiler/sema/special_methods.h"

#include <deque>
#include <string>
#include <unordered_map>

namespace pyidlc::sema {
namespace {

using K = Type::Kind;

// A binary operator and the three dunders it yields: __op__, __rop__ and __iop__.
struct BinaryOperator {
  std::string_view stem;       // "add"
  std::string_view slot_stem;  // "add" → Py_nb_add, Py_nb_inplace_add
  std::string_view cxx;        // "+", or "" when C++ has no such operator
};

constexpr BinaryOperator kBinaryOperators[] = {
    {"add", "add", "+"},          {"sub", "subtract", "-"},
    {"mul", "multiply", "*"},     {"truediv", "true_divide", "/"},
    {"floordiv", "floor_divide", ""}, {"mod", "remainder", "%"},
    {"and", "and", "&"},          {"or", "or", "|"},
    {"xor", "xor", "^"},          {"lshift", "lshift", "<<"},
    {"rshift", "rshift", ">>"},   {"matmul", "matrix_multiply", ""},
};

// Strings built for the binary operators must outlive the table's string_views; a deque
// never moves its elements, so the views stay valid.
std::string_view own(std::string text) {
  static std::deque<std::string> strings;
  return strings.emplace_back(std::move(text));
}

void add_binary_operators(std::vector<SpecialMethod>& table) {
  for (const BinaryOperator& op : kBinaryOperators) {
    std::string stem(op.stem);
    std::string_view slot = own("Py_nb_" + std::string(op.slot_stem));
    std::string_view inplace_slot = own("Py_nb_inplace_" + std::string(op.slot_stem));
    std::string_view cxx = op.cxx.empty() ? "" : own("operator" + std::string(op.cxx));
    std::string_view inplace_cxx = op.cxx.empty() ? "" : own("operator" + std::string(op.cxx) + "=");
    table.push_back({own("__" + stem + "__"), SpecialForm::Binary, 1, {}, slot, "", "", cxx});
    table.push_back({own("__r" + stem + "__"), SpecialForm::Reflected, 1, {}, slot, "", "", cxx});
    table.push_back({own("__i" + stem + "__"), SpecialForm::InPlace, 1, {}, inplace_slot, "", "",
                     inplace_cxx});
  }
}

std::vector<SpecialMethod> build_table() {
  using F = SpecialForm;
  std::vector<SpecialMethod> table = {
      {"__init__", F::Constructor, kAnyArity, K::None, "Py_tp_init", "", "", ""},
      {"__repr__", F::Unary, 0, K::Str, "Py_tp_repr", "", "", ""},
      {"__str__", F::Unary, 0, K::Str, "Py_tp_str", "", "", ""},
      {"__hash__", F::Unary, 0, K::Int, "Py_tp_hash", "", "", ""},
      {"__bool__", F::Unary, 0, K::Bool, "Py_nb_bool", "", "", "operator bool"},
      {"__len__", F::Unary, 0, K::Int, "Py_mp_length", "Py_sq_length", "", "size"},
      {"__int__", F::Unary, 0, K::Int, "Py_nb_int", "", "", "operator std::int64_t"},
      {"__index__", F::Unary, 0, K::Int, "Py_nb_index", "", "", "operator std::int64_t"},
      {"__float__", F::Unary, 0, K::Float, "Py_nb_float", "", "", "operator double"},
      {"__neg__", F::Unary, 0, {}, "Py_nb_negative", "", "", "operator-"},
      {"__pos__", F::Unary, 0, {}, "Py_nb_positive", "", "", "operator+"},
      {"__abs__", F::Unary, 0, {}, "Py_nb_absolute", "", "", ""},
      {"__invert__", F::Unary, 0, {}, "Py_nb_invert", "", "", "operator~"},
      {"__iter__", F::Unary, 0, {}, "Py_tp_iter", "", "", ""},
      {"__next__", F::Unary, 0, {}, "Py_tp_iternext", "", "", ""},
      {"__eq__", F::Compare, 1, K::Bool, "Py_tp_richcompare", "", "Py_EQ", "operator=="},
      {"__ne__", F::Compare, 1, K::Bool, "Py_tp_richcompare", "", "Py_NE", "operator!="},
      {"__lt__", F::Compare, 1, K::Bool, "Py_tp_richcompare", "", "Py_LT", "operator<"},
      {"__le__", F::Compare, 1, K::Bool, "Py_tp_richcompare", "", "Py_LE", "operator<="},
      {"__gt__", F::Compare, 1, K::Bool, "Py_tp_richcompare", "", "Py_GT", "operator>"},
      {"__ge__", F::Compare, 1, K::Bool, "Py_tp_richcompare", "", "Py_GE", "operator>="},
      {"__getitem__", F::Binary, 1, {}, "Py_mp_subscript", "", "", "operator[]"},
      {"__setitem__", F::SetItem, 2, K::None, "Py_mp_ass_subscript", "", "", ""},
      {"__delitem__", F::SetItem, 1, K::None, "Py_mp_ass_subscript", "", "", ""},
      {"__contains__", F::Binary, 1, K::Bool, "Py_sq_contains", "", "", "contains"},
      {"__call__", F::Call, kAnyArity, {}, "Py_tp_call", "", "", "operator()"},
  };
  add_binary_operators(table);
  return table;
}

const std::unordered_map<std::string_view, size_t>& index_by_name() {
  static const std::unordered_map<std::string_view, size_t> index = [] {
    std::unordered_map<std::string_view, size_t> map;
    const auto& table = special_methods();
    for (size_t i = 0; i < table.size(); ++i) map.emplace(table[i].name, i);
    return map;
  }();
  return index;
}

}  // namespace

const std::vector<SpecialMethod>& special_methods() {
  static const std::vector<SpecialMethod> table = build_table();
  return table;
}

const SpecialMethod* find_special_method(std::string_view name) {
  auto it = index_by_name().find(name);
  return it == index_by_name().end() ? nullptr : &special_methods()[it->second];
}

bool is_dunder(std::string_view name) {
  return name.size() > 4 && name.starts_with("__") && name.ends_with("__");
}

}  // namespace pyidlc::sema
