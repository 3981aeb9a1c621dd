// builtin_types.cpp: the table of built-in type names and integer widths.
#include "compiler/sema/builtin_types.h"

#include <cstdint>
#include <limits>

namespace pyidlc::sema {
namespace {

using K = Type::Kind;

const std::vector<BuiltinType> kBuiltinTypes = {
    {"int", K::Int, TypeParams::IntWidth},     {"float", K::Float, TypeParams::None},
    {"bool", K::Bool, TypeParams::None},       {"str", K::Str, TypeParams::None},
    {"bytes", K::Bytes, TypeParams::None},     {"buffer", K::Buffer, TypeParams::Element},
    {"mutable_buffer", K::MutableBuffer, TypeParams::Element},
    {"list", K::List, TypeParams::One},        {"set", K::Set, TypeParams::One},
    {"dict", K::Dict, TypeParams::Two},        {"tuple", K::Tuple, TypeParams::AtLeastOne},
    {"Callable", K::Callable, TypeParams::Callable},
};

struct WidthInfo {
  IntWidth width;
  std::string_view name;
  Int128 min;
  Int128 max;
};

template <class T>
constexpr WidthInfo width_of(IntWidth width, std::string_view name) {
  return {width, name, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()};
}

constexpr WidthInfo kWidths[] = {
    width_of<int8_t>(IntWidth::I8, "i8"),     width_of<int16_t>(IntWidth::I16, "i16"),
    width_of<int32_t>(IntWidth::I32, "i32"),  width_of<int64_t>(IntWidth::I64, "i64"),
    width_of<uint8_t>(IntWidth::U8, "u8"),    width_of<uint16_t>(IntWidth::U16, "u16"),
    width_of<uint32_t>(IntWidth::U32, "u32"), width_of<uint64_t>(IntWidth::U64, "u64"),
};

const WidthInfo& width_info(IntWidth width) {
  for (const WidthInfo& info : kWidths) {
    if (info.width == width) return info;
  }
  return kWidths[3];  // unreachable: every IntWidth is in the table
}

}  // namespace

const BuiltinType* find_builtin_type(std::string_view name) {
  for (const BuiltinType& type : kBuiltinTypes) {  // a dozen entries: a scan beats hashing
    if (type.name == name) return &type;
  }
  return nullptr;
}

const std::vector<BuiltinType>& builtin_types() { return kBuiltinTypes; }

std::optional<IntWidth> find_int_width(std::string_view name) {
  for (const WidthInfo& info : kWidths) {
    if (info.name == name) return info.width;
  }
  return std::nullopt;
}

std::string_view int_width_name(IntWidth width) { return width_info(width).name; }

std::pair<Int128, Int128> int_width_range(IntWidth width) {
  const WidthInfo& info = width_info(width);
  return {info.min, info.max};
}

}  // namespace pyidlc::sema
