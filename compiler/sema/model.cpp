// model.cpp: spellings and signature helpers of the semantic model (model.h).
#include "compiler/sema/model.h"

#include <cmath>

#include <fmt/format.h>

#include "compiler/sema/builtin_types.h"

namespace pyidlc::sema {
namespace {

__extension__ typedef unsigned __int128 UInt128;

// Which spelling of a type: as written in .pyidl, or as a Python annotation of a value going
// out to Python or coming in from it (they differ only for mapped types).
enum class Spelling { Idl, PythonOut, PythonIn };

// A Callable's parameters travel the other way: Python code receives them.
Spelling flipped(Spelling spelling) {
  if (spelling == Spelling::Idl) return spelling;
  return spelling == Spelling::PythonOut ? Spelling::PythonIn : Spelling::PythonOut;
}

// Python and IDL spellings differ only in a few leaves; one walk serves all three.
std::string spell(const Type& type, Spelling spelling) {
  const bool python = spelling != Spelling::Idl;
  auto join_args = [&](size_t begin, size_t end, std::string_view separator, Spelling s) {
    std::string text;
    for (size_t i = begin; i < end; ++i) {
      if (i > begin) text += separator;
      text += spell(type.args[i], s);
    }
    return text;
  };
  switch (type.kind) {
    case Type::Kind::Int:
      if (python || type.int_width == IntWidth::I64) return "int";
      return fmt::format("int[{}]", int_width_name(type.int_width));
    case Type::Kind::Float: return "float";
    case Type::Kind::Bool: return "bool";
    case Type::Kind::Str: return "str";
    case Type::Kind::Bytes: return "bytes";
    case Type::Kind::None: return "None";
    case Type::Kind::Buffer:
    case Type::Kind::MutableBuffer: {
      if (python) return "collections.abc.Buffer";
      std::string name = type.kind == Type::Kind::Buffer ? "buffer" : "mutable_buffer";
      return type.args.empty() ? name : name + "[" + join_args(0, 1, "", spelling) + "]";
    }
    case Type::Kind::Optional: return spell(type.args[0], spelling) + " | None";
    case Type::Kind::Union: return join_args(0, type.args.size(), " | ", spelling);
    case Type::Kind::List: return "list[" + join_args(0, 1, "", spelling) + "]";
    case Type::Kind::Set: return "set[" + join_args(0, 1, "", spelling) + "]";
    case Type::Kind::Tuple: return "tuple[" + join_args(0, type.args.size(), ", ", spelling) + "]";
    case Type::Kind::Dict: return "dict[" + join_args(0, 2, ", ", spelling) + "]";
    case Type::Kind::Callable: {
      std::string result = spell(type.args.back(), spelling);
      std::string params = join_args(0, type.args.size() - 1, ", ", flipped(spelling));
      return fmt::format("{}[[{}], {}]", python ? "collections.abc.Callable" : "Callable", params,
                         result);
    }
    case Type::Kind::Class: return type.cls->python_name;
    case Type::Kind::Enum: return type.enumeration->python_name;
    case Type::Kind::Mapped:
      switch (spelling) {
        case Spelling::Idl: return type.mapped.idl;
        case Spelling::PythonOut: return type.mapped.returns;
        case Spelling::PythonIn: return type.mapped.accepts;
      }
  }
  return "None";
}

// Python's repr() of a str: single quotes unless the text has some and no double quotes.
std::string python_string_literal(const std::string& text) {
  bool has_single = text.find('\'') != std::string::npos;
  char quote = has_single && text.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, quote);
  for (unsigned char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c == static_cast<unsigned char>(quote)) {
          out += '\\';
          out += quote;
        } else if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += static_cast<char>(c);  // UTF-8 passes through, as repr() shows it
        }
    }
  }
  return out + quote;
}

// repr() of a float: shortest round-trip digits, always with a '.' or an exponent.
std::string python_float_literal(double value) {
  if (std::isnan(value)) return "float('nan')";
  if (std::isinf(value)) return value > 0 ? "float('inf')" : "-float('inf')";
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

}  // namespace

std::string int128_to_string(Int128 value) {
  if (value == 0) return "0";
  // Work on the unsigned magnitude so that the most negative value does not overflow.
  UInt128 magnitude = value < 0 ? -static_cast<UInt128>(value) : static_cast<UInt128>(value);
  std::string digits;
  for (; magnitude != 0; magnitude /= 10) digits.insert(digits.begin(), char('0' + magnitude % 10));
  return value < 0 ? "-" + digits : digits;
}

std::string Type::python_spelling() const { return spell(*this, Spelling::PythonOut); }
std::string Type::python_argument_spelling() const { return spell(*this, Spelling::PythonIn); }
std::string Type::idl_spelling() const { return spell(*this, Spelling::Idl); }

std::string Value::python_spelling() const {
  switch (kind) {
    case Kind::Int: return int128_to_string(integer);
    case Kind::Float: return python_float_literal(floating);
    case Kind::Str: return python_string_literal(string);
    case Kind::Bool: return boolean ? "True" : "False";
    case Kind::None: return "None";
    case Kind::EnumMember: return enumeration->python_name + "." + member;
  }
  return "None";
}

size_t Signature::positional_only_count() const {
  size_t count = 0;
  for (const Param& param : params) count += param.kind == ParamKind::PositionalOnly;
  return count;
}

size_t Signature::keyword_only_count() const {
  size_t count = 0;
  for (const Param& param : params) count += param.kind == ParamKind::KeywordOnly;
  return count;
}

size_t Signature::required_count() const {
  size_t count = 0;
  for (const Param& param : params) count += !param.default_value.has_value();
  return count;
}

std::string Signature::python_parameters(bool annotated) const {
  std::vector<std::string> items;
  bool star_written = false;
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& param = params[i];
    if (param.kind == ParamKind::KeywordOnly && !star_written) {
      items.emplace_back("*");
      star_written = true;
    }
    std::string item = param.name;
    if (annotated) item += ": " + param.type.python_argument_spelling();
    if (param.default_value) {
      item += annotated ? " = " : "=";
      item += param.default_value->python_spelling();
    }
    items.push_back(std::move(item));
    bool last_positional_only = param.kind == ParamKind::PositionalOnly &&
                                (i + 1 == params.size() || params[i + 1].kind != ParamKind::PositionalOnly);
    if (last_positional_only) items.emplace_back("/");
  }
  return fmt::format("({})", fmt::join(items, ", "));
}

bool is_instance_call(const Function& fn) {
  return fn.kind == FunctionKind::Method || fn.kind == FunctionKind::SpecialMethod;
}

const Module* serializing_module(const Module& module) {
  const Module* outermost = nullptr;
  for (const Module* m = &module; m != nullptr; m = m->parent) {
    if (m->serialized) outermost = m;
  }
  return outermost;
}

}  // namespace pyidlc::sema
