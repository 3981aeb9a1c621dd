// cxx_types.cpp: the IDL → C++ type mapping (the runtime's converters define the other half).
#include "compiler/codegen/cxx_types.h"

#include <cassert>

#include "compiler/base/identifiers.h"

namespace pyidlc::codegen {

namespace {

const char* int_type(sema::IntWidth width) {
  switch (width) {
    case sema::IntWidth::I8: return "std::int8_t";
    case sema::IntWidth::I16: return "std::int16_t";
    case sema::IntWidth::I32: return "std::int32_t";
    case sema::IntWidth::I64: return "std::int64_t";
    case sema::IntWidth::U8: return "std::uint8_t";
    case sema::IntWidth::U16: return "std::uint16_t";
    case sema::IntWidth::U32: return "std::uint32_t";
    case sema::IntWidth::U64: return "std::uint64_t";
  }
  return "std::int64_t";
}

std::string joined_args(const std::vector<sema::Type>& args, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i) out += ", ";
    out += cxx_type(args[i]);
  }
  return out;
}

// A mapped type's C++ spelling: the declaration's C++ type with each parameter replaced by
// its argument (a type's C++ spelling, or an integer as written).
std::string mapped_type(const sema::Type& type) {
  const std::vector<std::string>& params = type.map->params;
  std::vector<std::string> arguments;
  size_t next_type = 0;
  for (const std::string& integer : type.mapped.integers) {
    arguments.push_back(integer.empty() ? cxx_type(type.args[next_type++]) : integer);
  }
  return replace_identifiers(type.map->cxx_type, [&](std::string_view id) -> std::optional<std::string> {
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i] == id) return arguments[i];
    }
    return std::nullopt;
  });
}

}  // namespace

std::string cxx_type(const sema::Type& type) {
  using Kind = sema::Type::Kind;
  switch (type.kind) {
    case Kind::Int: return int_type(type.int_width);
    case Kind::Float: return "double";
    case Kind::Bool: return "bool";
    case Kind::Str: return "std::string";
    case Kind::Bytes: return "pyidl::bytes";
    case Kind::None: return "pyidl::none";
    case Kind::Optional: return "std::optional<" + cxx_type(type.args[0]) + ">";
    case Kind::Union: return "std::variant<" + joined_args(type.args, type.args.size()) + ">";
    case Kind::List: return "std::vector<" + cxx_type(type.args[0]) + ">";
    case Kind::Set: return "std::set<" + cxx_type(type.args[0]) + ">";
    case Kind::Tuple: return "std::tuple<" + joined_args(type.args, type.args.size()) + ">";
    case Kind::Dict:
      return "std::map<" + cxx_type(type.args[0]) + ", " + cxx_type(type.args[1]) + ">";
    case Kind::Callable: {
      const sema::Type& result = type.args.back();
      std::string ret = result.kind == Kind::None ? "void" : cxx_type(result);
      return "std::function<" + ret + "(" + joined_args(type.args, type.args.size() - 1) + ")>";
    }
    case Kind::Buffer:
      return type.args.empty() ? "pyidl::buffer" : "pyidl::buffer_of<" + cxx_type(type.args[0]) + ">";
    case Kind::MutableBuffer:
      return type.args.empty() ? "pyidl::mutable_buffer"
                               : "pyidl::mutable_buffer_of<" + cxx_type(type.args[0]) + ">";
    case Kind::Class: return type.cls->cxx_type;
    case Kind::Enum: return type.enumeration->cxx_type;
    case Kind::Mapped: return mapped_type(type);
  }
  assert(false && "unhandled type kind");
  return "void";
}

bool uses_generic_converter(const sema::Type& type) {
  if (type.kind == sema::Type::Kind::Class || type.kind == sema::Type::Kind::Enum) return false;
  for (const sema::Type& arg : type.args) {
    if (!uses_generic_converter(arg)) return false;
  }
  return true;
}

bool converts_with_state(const sema::Type& type) {
  using Kind = sema::Type::Kind;
  if (uses_generic_converter(type) || type.kind == Kind::Class || type.kind == Kind::Enum) return false;
  if (type.kind == Kind::Optional) return converts_with_state(type.args[0]);
  return true;
}

}  // namespace pyidlc::codegen
