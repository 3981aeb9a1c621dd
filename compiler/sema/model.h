// model.h: the checked semantic model of a .pyidl module, the only thing codegen reads.
//
// sema::analyze builds it from the AST; after that it is immutable. Every name is resolved,
// every type is a Type, every default is a typed Value, and every C++ name is fully
// qualified. Objects refer to each other by pointer; containers are std::deque so that those
// pointers stay valid while the model is being built.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"

namespace pyidlc::sema {

struct Class;
struct Enum;
struct Exception;
struct Module;
struct TypeMap;
struct SpecialMethod;  // sema/special_methods.h: the table of bindable dunders

// A 128-bit integer holds every int64 and uint64 value with room to spare for range checks.
// (__extension__ keeps -Wpedantic quiet about the GCC/Clang builtin type.)
__extension__ typedef __int128 Int128;

// Decimal text of an Int128 ("-12"), which neither fmt nor iostreams can print.
std::string int128_to_string(Int128 value);

// Integer widths: `int` is I64; `int[u8]` and friends pick another.
enum class IntWidth { I8, I16, I32, I64, U8, U16, U32, U64 };

struct Type {
  enum class Kind {
    Int, Float, Bool, Str, Bytes, None,
    Optional,  // args[0] | None
    Union,     // args: the alternatives, in order, at least two, none of them None
    List, Set, // args[0]: element
    Tuple,     // args: the elements
    Dict,      // args[0]: key, args[1]: value
    Callable,  // args: the parameters, then the result last
    Buffer,         // args: none (bytes of any format) or the element type; read-only
    MutableBuffer,  // the same, writable
    Class,     // cls
    Enum,      // enumeration
    Mapped,    // map, with `args` its type arguments; see MappedSpelling
  };
  Kind kind = Kind::None;
  IntWidth int_width = IntWidth::I64;  // Int
  std::vector<Type> args;
  const sema::Class* cls = nullptr;    // Class
  const sema::Enum* enumeration = nullptr;  // Enum
  // Mapped: the `type` declaration and the spellings of this use of it, its parameters
  // substituted.
  const sema::TypeMap* map = nullptr;
  struct MappedSpelling {
    std::string idl;        // "deque[int]", "array[float, 3]"
    // Per parameter of the map: an integer argument's decimal text, or "" for a type
    // argument (those are `args`, in order). Codegen substitutes them into map->cxx_type.
    std::vector<std::string> integers;
    std::string accepts;    // Python annotation of an argument: "list[int]"
    std::string returns;    // of a result
    bool operator==(const MappedSpelling&) const = default;
  };
  MappedSpelling mapped;

  // The type as a Python annotation of a value Python receives (a result, an attribute), e.g.
  // "list[int]", "Vec2 | None", "collections.abc.Callable[[int], str]", "datetime.timedelta".
  // Classes and enums are spelled by their Python name only; a .pyi that uses another
  // module's class must qualify it itself (cls->module / enumeration->module say where).
  std::string python_spelling() const;
  // The same for a value Python passes in (a parameter): differs only where a mapped type
  // accepts more than it returns ("str | os.PathLike[str]" in, "pathlib.Path" out).
  std::string python_argument_spelling() const;
  // The type as written in .pyidl, e.g. "int[u8]", "buffer", "Callable[[int], str]"; used in
  // diagnostics.
  std::string idl_spelling() const;
  bool operator==(const Type&) const = default;
};

// A compile-time value: a default, a constant, an enum member's value.
struct Value {
  enum class Kind { Int, Float, Str, Bool, None, EnumMember };
  Kind kind = Kind::None;
  Int128 integer = 0;        // Int, and EnumMember (the member's value)
  double floating = 0.0;     // Float
  std::string string;        // Str (UTF-8)
  bool boolean = false;      // Bool
  const Enum* enumeration = nullptr;  // EnumMember
  std::string member;        // EnumMember: the member's Python name
  // The value as Python source, e.g. "1.0", "'origin'", "Axis.X", "None", "-3".
  std::string python_spelling() const;
};

enum class ParamKind { PositionalOnly, PositionalOrKeyword, KeywordOnly };

struct Param {
  std::string name;
  Type type;
  ParamKind kind = ParamKind::PositionalOrKeyword;
  std::optional<Value> default_value;
  SourceRange range;
};

// What a Python-visible callable takes, in Python's terms, plus where the C++ call wants
// the module state.
struct Signature {
  std::vector<Param> params;          // Python-visible parameters in order (no self/cls/state)
  std::optional<size_t> state_index;  // position of `state` in the C++ argument list
  Type result;                        // Kind::None when the function returns nothing
  size_t positional_only_count() const;
  size_t keyword_only_count() const;
  size_t required_count() const;      // parameters without a default
  // The parameter list for __text_signature__ and the .pyi: "(a, b, /, *, k=1)", or
  // annotated "(a: int, b: float, /, *, k: int = 1)" (PEP 8 spacing). Codegen inserts
  // "$self, " or "$module, " after the "(" as CPython expects.
  std::string python_parameters(bool annotated) const;
};

enum class FunctionKind {
  ModuleFunction,
  Method,         // self first
  StaticMethod,   // @staticmethod
  ClassMethod,    // @classmethod, cls first
  Constructor,    // __init__
  SpecialMethod,  // any other dunder: a type slot
};

struct Function {
  std::string python_name;
  // ModuleFunction: fully qualified ("geo::norm", "::sum").
  // StaticMethod, ClassMethod: fully qualified static member ("geo::Vec2::unit") unless
  //   written with '::' (then a free function, as written).
  // Method, SpecialMethod: the member function ("dot", "operator+", "operator==") unless
  //   written with '::' ("::geo::repr"): then a free function taking the object first.
  // Constructor: the class's cxx_type (construction is T(args...)), or with `= make` a
  //   factory function, qualified like a module function, that returns a T.
  std::string cxx_name;
  FunctionKind kind = FunctionKind::ModuleFunction;
  const SpecialMethod* special = nullptr;  // SpecialMethod and Constructor: the table entry
  Signature signature;
  std::optional<std::string> doc;
  // @release_gil: the C++ call runs with the thread state detached, so other threads of the
  // interpreter run meanwhile.
  bool release_gil = false;
  // @critical_section (or its class's): on free-threaded builds the call runs inside
  // Py_BEGIN_CRITICAL_SECTION(self) (with a second instance argument, the two-object form).
  bool critical_section = false;
  SourceRange range;                  // the declaration, for "// file:line" labels
  SourceRange name_range;             // the Python name, for diagnostics
};

// Whether `fn` is called on a constructed instance (`self`): methods and special methods,
// not constructors, static or class methods.
bool is_instance_call(const Function& fn);

// `attr x: float;` — a C++ data member exposed as a Python attribute.
struct DataMember {
  std::string python_name;
  std::string cxx_member;
  Type type;
  bool readonly = false;
  std::optional<std::string> doc;
  SourceRange range;
  SourceRange name_range;
};

// `property p: T { get = f; set = g; }` — C++ member functions as a Python property.
struct Property {
  std::string python_name;
  Type type;
  std::string getter;                 // C++ member function name (always present)
  std::optional<std::string> setter;
  std::optional<std::string> doc;
  SourceRange range;
  SourceRange name_range;
};

struct Class {
  std::string python_name;
  std::string cxx_type;               // fully qualified
  const Class* base = nullptr;        // a bound base class, if any
  bool subclassable = false;          // @subclassable: Python code may derive from it
  bool serialized = false;            // @serialized: one process-wide lock around its C++ calls
  bool critical_section = false;      // @critical_section: calls on an instance run in its
                                      // critical section (free-threaded builds)
  bool shareable = false;             // @shareable: instances hold a pyidl::shared<T>, sent to
                                      // other interpreters by pickling a transfer token
  // Instances carry a per-object lock that every call on them (or passing them) takes:
  // @shareable classes, and classes that a @release_gil call receives as `self` or as a
  // parameter (check_sync.cpp decides).
  bool object_lock = false;
  std::optional<Function> constructor;
  std::vector<Function> methods;      // Method, StaticMethod, ClassMethod
  std::vector<Function> special_methods;  // SpecialMethod, in source order
  std::vector<DataMember> members;
  std::vector<Property> properties;
  std::optional<std::string> doc;
  const Module* module = nullptr;     // the module that declares it
  SourceRange range;
  SourceRange name_range;
};

struct EnumMember {
  std::string python_name;
  Int128 value = 0;                   // fits int64 or uint64
  std::optional<std::string> doc;
  SourceRange range;
};

struct Enum {
  std::string python_name;
  std::string cxx_type;               // fully qualified; `<namespace>::<Name>` unless named
  bool is_flag = false;
  std::vector<EnumMember> members;
  std::optional<std::string> doc;
  const Module* module = nullptr;
  SourceRange range;
};

struct Exception {
  std::string python_name;
  // Exactly one of these: a built-in exception ("ValueError") or a declared one.
  std::string builtin_base;           // "Exception" when no base is written
  const Exception* base = nullptr;
  size_t index = 0;                   // position among the module's exceptions (runtime id)
  // `exception E(Base) = cxx::Error;`: a C++ exception type (fully qualified) that the
  // wrappers catch and raise as this exception, with what() as the message.
  std::optional<std::string> cxx_type;
  std::optional<std::string> doc;
  const Module* module = nullptr;     // the module that declares it
  SourceRange range;
};

// `type Name[P...] = cxx::T as A -> R;`: a C++ type that converter<T> (in an included
// header) converts, with the Python annotations to show for it. Each use resolves into a
// Type of Kind::Mapped with the parameters substituted.
struct TypeMap {
  std::string name;
  std::vector<std::string> params;    // type or integer parameters, in order
  std::string cxx_type;               // as written, qualified with the module's namespace
                                      // unless it has '::' or is a parameter
  std::optional<std::string> doc;
  const Module* module = nullptr;     // declares it; its includes provide the converter
  SourceRange range;
};

struct Constant {
  std::string python_name;
  Type type;
  Value value;
  std::optional<std::string> doc;
  SourceRange range;
};

struct Module {
  std::string name;                   // full dotted name, "pkg.geometry"
  std::string short_name;             // last part, "geometry" (PyInit_geometry)
  std::optional<std::string> doc;
  std::vector<std::string> includes;  // as written in `include "...";`, in order
  bool serialized = false;            // @serialized: one process-wide lock around every call
                                      // into C++ of this module and its submodules
  std::string cxx_namespace;          // "" when none is declared; a submodule inherits its
                                      // parent's unless it declares its own
  std::optional<std::string> state_type;  // fully qualified C++ type of `state T;` (never
                                          // inherited: each module object has its own)
  std::deque<Exception> exceptions;
  std::deque<Enum> enums;
  std::deque<Constant> constants;
  std::deque<Function> functions;
  std::deque<Class> classes;
  std::deque<TypeMap> type_maps;
  std::deque<Module> submodules;
  std::vector<const Module*> imports;  // modules from other .pyidl files this one imports
  const Module* parent = nullptr;     // the enclosing module of a submodule
  FileId file;
  SourceRange range;
};

// The module whose @serialized lock covers the declarations of `module`: the outermost of
// `module` and its enclosing modules that is @serialized (an inner one is redundant), or
// nullptr when none is.
const Module* serializing_module(const Module& module);

// Everything one compilation produced: the module being compiled and the modules it imports.
struct Program {
  std::deque<Module> imported;  // each imported file's module, in load order
  Module main;
};

}  // namespace pyidlc::sema
