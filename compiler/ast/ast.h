// ast.h: the syntax of a .pyidl file as written, with a source range on everything.
//
// The AST is plain data built by parse/AstBuilder from a parse tree that had no syntax
// errors. It resolves nothing: names are spellings, types are type expressions. sema reads
// it and produces the checked model (sema/model.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/base/source_manager.h"

namespace pyidlc::ast {

// The integer type of literals; __extension__ keeps -Wpedantic quiet about __int128.
__extension__ typedef __int128 Int128;

struct Name {
  std::string text;
  SourceRange range;
};

// a.b.c as in `module a.b;`, `import x.y;`, `Axis.X`, `list`.
struct DottedName {
  std::vector<Name> parts;
  SourceRange range;
  std::string joined() const;  // "a.b.c"
};

// A C++ name as written, e.g. "geo::Vec2", "::std::size_t", "geo::Vec<float, 3>".
struct CxxName {
  std::string spelling;  // normalised: no white space except inside template arguments' ", "
  SourceRange range;
};

// The text between the triple quotes, exactly as written.
struct Docstring {
  std::string text;
  SourceRange range;
};

// A literal or a name used as a value: defaults, constants, enum values, attribute arguments.
struct ConstExpr {
  enum class Kind { Integer, Float, String, Bool, None, Name };
  Kind kind = Kind::None;
  SourceRange range;
  std::string spelling;        // as written, for messages ("-1", "0x10", "\"a\"", "Axis.X")
  // Integer: the value, sign applied. Literals beyond 128 bits are rejected by the parser.
  Int128 integer = 0;
  double floating = 0.0;       // Float
  std::string string;          // String: the value with escapes decoded (UTF-8)
  bool boolean = false;        // Bool
  DottedName name;             // Name
};

struct TypeExpr;

// One argument inside the brackets of a type: list[int], int[u8], Callable[[A, B], R].
struct TypeArg {
  enum class Kind { Type, List, Ellipsis, Integer };
  Kind kind = Kind::Type;
  SourceRange range;
  std::vector<TypeExpr> types;  // Type: exactly one; List: the listed types (maybe none)
  Int128 integer = 0;           // Integer
};

// A type as written. A union of two or more terms is Kind::Union.
struct TypeExpr {
  enum class Kind { None, Named, Union };
  Kind kind = Kind::None;
  SourceRange range;
  DottedName name;                     // Named
  bool has_arguments = false;          // Named: brackets were written (even if empty)
  std::vector<TypeArg> arguments;      // Named
  std::vector<TypeExpr> alternatives;  // Union, in source order
};

// @name or @name(value, key = value)
struct AttributeArg {
  std::optional<Name> key;
  ConstExpr value;
};
struct Attribute {
  Name name;
  std::vector<AttributeArg> arguments;
  SourceRange range;
};

struct Param {
  enum class Kind { Self, Cls, State, PositionalOnlyMarker, KeywordOnlyMarker, Named };
  Kind kind = Kind::Named;
  SourceRange range;
  Name name;                          // Named (for the others: the keyword's spelling)
  TypeExpr type;                      // Named
  std::optional<ConstExpr> default_value;  // Named
};

struct Function {
  std::vector<Attribute> attributes;
  Name name;
  std::vector<Param> params;
  std::optional<TypeExpr> result;     // absent: returns None
  std::optional<CxxName> cxx_name;    // `= cxx_name`
  std::optional<Docstring> doc;
  SourceRange range;                  // the whole declaration
};

struct Attr {
  std::vector<Attribute> attributes;
  bool readonly = false;
  Name name;
  TypeExpr type;
  std::optional<CxxName> cxx_name;    // the C++ data member, if its name differs
  std::optional<Docstring> doc;
  SourceRange range;
};

// `get = length;` inside a property's braces.
struct Accessor {
  Name name;
  CxxName target;
  SourceRange range;
};

struct Property {
  std::vector<Attribute> attributes;
  Name name;
  TypeExpr type;
  std::optional<Docstring> doc;
  std::vector<Accessor> accessors;
  SourceRange range;
};

using ClassMember = std::variant<Function, Attr, Property>;

struct Class {
  std::vector<Attribute> attributes;
  Name name;
  std::optional<DottedName> base;     // class P(Base)
  std::optional<CxxName> cxx_type;    // = cxx::T
  std::optional<Docstring> doc;
  std::vector<ClassMember> members;   // in source order
  SourceRange range;
};

// `from a.b import Name as Alias`: one of the names.
struct ImportedName {
  Name name;
  std::optional<Name> alias;
  const Name& local() const { return alias ? *alias : name; }  // the name the importer uses
};

// `import a.b;` (names empty) or `from a.b import X, Y as Z;`.
struct Import {
  DottedName module;
  std::vector<ImportedName> names;
  SourceRange range;
};

struct Include {
  std::string path;                   // without the quotes
  SourceRange range;
};

struct Namespace {
  CxxName name;
  SourceRange range;
};

struct StateDecl {
  std::vector<Attribute> attributes;
  CxxName type;
  SourceRange range;
};

struct Exception {
  std::vector<Attribute> attributes;
  Name name;
  std::optional<DottedName> base;     // absent: Exception
  std::optional<CxxName> cxx_type;    // = cxx::Error: C++ exceptions of that type raise it
  std::optional<Docstring> doc;
  SourceRange range;
};

struct EnumMember {
  Name name;
  std::optional<ConstExpr> value;     // absent: previous + 1 (enum) / next power of two (flag)
  std::optional<Docstring> doc;
  SourceRange range;
};

struct Enum {
  std::vector<Attribute> attributes;
  bool is_flag = false;
  Name name;
  std::optional<CxxName> cxx_type;
  std::optional<Docstring> doc;
  std::vector<EnumMember> members;
  SourceRange range;
};

struct Const {
  std::vector<Attribute> attributes;
  Name name;
  TypeExpr type;
  ConstExpr value;
  std::optional<Docstring> doc;
  SourceRange range;
};

// What Python sees of a mapped type: an IDL type expression (`list[T]`) or, for a type with
// no IDL spelling, a Python annotation as a string ("datetime.timedelta").
struct PythonSpelling {
  std::optional<TypeExpr> type;
  std::optional<std::string> text;
  SourceRange range;
};

// `type Name[P, ...] = cxx::T<P> as <spelling> [-> <spelling>];`
struct TypeMap {
  Name name;
  std::vector<Name> params;
  CxxName cxx_type;
  PythonSpelling accepts;                // Python annotation of arguments
  std::optional<PythonSpelling> returns; // of results, when it differs
  std::optional<Docstring> doc;
  SourceRange range;
};

struct Submodule;

using Declaration = std::variant<Import, Include, Namespace, StateDecl, Exception, Enum, Const,
                                 Function, Class, TypeMap, std::unique_ptr<Submodule>>;

// `module name { ... }` inside a file: an extension module of its own, named parent.name.
struct Submodule {
  std::vector<Attribute> attributes;
  Name name;
  std::optional<Docstring> doc;
  std::vector<Declaration> declarations;
  SourceRange range;
};

// One .pyidl file.
struct File {
  FileId file;
  std::vector<Attribute> attributes;  // on the module header
  DottedName module_name;
  SourceRange header_range;           // `module a.b;`
  std::optional<Docstring> doc;
  std::vector<Declaration> declarations;
};

}  // namespace pyidlc::ast
