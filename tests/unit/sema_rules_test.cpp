// sema_rules_test.cpp: each semantic rule's exact diagnostics (kind, line:col, message, notes).
#include <catch2/catch.hpp>

#include "tests/unit/sema_test_util.h"

namespace pyidlc::sema_test {
namespace {

using Lines = std::vector<std::string>;

TEST_CASE("rules: redefinition points at both declarations", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\nclass A {}\ndef A();\n") ==
        Lines{"3:5: error: redefinition of 'A' [Redefinition]",
              "  note 2:7: previous definition of 'A' is here [PreviousDefinition]"});
}

TEST_CASE("rules: unknown type suggests a close visible type", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\nclass Vec2 {}\ndef norm(v: Vec3) -> float;\n") ==
        Lines{"3:13: error: unknown type 'Vec3' [UnknownType]",
              "  note 3:13: did you mean 'Vec2'? [DidYouMean]"});
  // Far from everything: no note.
  CHECK(diagnostics_of("module m;\ndef f(v: Quaternion);\n") ==
        Lines{"2:10: error: unknown type 'Quaternion' [UnknownType]"});
}

TEST_CASE("rules: an imported type is suggested with its module", "[sema][rules]") {
  auto a = analyze_files({{"geometry.pyidl", "module geometry; class Vec2 {}"},
                          {"main.pyidl", "module m;\nimport geometry;\ndef f(v: Vec2);\n"}});
  // Bare names never reach into another module (see scope.h), so the import stays unused.
  CHECK(a->messages() == Lines{"2:8: warning: 'geometry' is imported but never used [UnusedImport]",
                               "3:10: error: unknown type 'Vec2' [UnknownType]",
                               "  note 3:10: did you mean 'geometry.Vec2'? [DidYouMean]"});
}

TEST_CASE("rules: a name that is not a type", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\nexception E;\ndef f(e: E);\n") ==
        Lines{"3:10: error: 'E' is an exception, not a type [NotAType]",
              "  note 2:11: 'E' is declared here [DeclaredHere]"});
}

TEST_CASE("rules: type arguments", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\ndef f(a: dict[str], b: int[u7], c: str[int]);\n") ==
        Lines{"2:10: error: 'dict' takes 2 type arguments, not 1 [TypeArgumentCount]",
              "2:28: error: unknown integer width 'u7'; expected one of i8, i16, i32, i64, u8, "
              "u16, u32, u64 [UnknownIntWidth]",
              "2:36: error: 'str' takes no type arguments [TypeNotGeneric]"});
  CHECK(diagnostics_of("module m;\ndef f(a: Callable[int, str], b: int | str | int);\n") ==
        Lines{"2:19: error: first type argument of 'Callable' must be a list of parameter types, "
              "as in 'Callable[[int], str]' [TypeArgumentKind]",
              "2:45: error: duplicate type 'int' in union [DuplicateUnionAlternative]"});
}

TEST_CASE("rules: defaults must fit their type", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\ndef f(a: int[u8] = 256, b: bool = 1, c: float = 1);\n") ==
        Lines{"2:20: error: integer 256 is out of range for 'int[u8]' (0 to 255) [IntegerOutOfRange]",
              "2:35: error: default value 1 does not fit type 'bool' [DefaultTypeMismatch]"});
  CHECK(diagnostics_of("module m;\nconst C: str = None;\n") ==
        Lines{"2:16: error: constant value None does not fit type 'str' [ConstTypeMismatch]"});
  CHECK(diagnostics_of("module m;\nenum Axis { X, Y }\ndef f(a: Axis = Axis.Z);\n") ==
        Lines{"3:17: error: unknown name 'Axis.Z' [UnknownName]",
              "  note 3:17: did you mean 'Axis.X'? [DidYouMean]"});
}

TEST_CASE("rules: no default check for a parameter of unknown type", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\ndef f(a: Nope = \"x\");\n") ==
        Lines{"2:10: error: unknown type 'Nope' [UnknownType]"});
}

TEST_CASE("rules: self, cls and their places", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\nclass C {\n  def f(x: int);\n  def g(x: int, self);\n}\n") ==
        Lines{"3:7: error: method 'f' needs 'self' as its first parameter [MissingReceiver]",
              "4:17: error: 'self' must be the first parameter [MisplacedReceiver]"});
  CHECK(diagnostics_of("module m;\ndef f(self);\n") ==
        Lines{"2:7: error: 'self' is not allowed in a module function [ReceiverNotAllowed]"});
}

TEST_CASE("rules: positional-only and keyword-only markers", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\ndef f(/, a: int, *);\n") ==
        Lines{"2:7: error: '/' must follow at least one parameter [MisplacedPositionalOnlyMarker]",
              "2:18: error: '*' must be followed by a named parameter [MisplacedKeywordOnlyMarker]"});
}

TEST_CASE("rules: duplicate parameters and default order", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\ndef area(x: float, x: float) -> float;\n") ==
        Lines{"2:20: error: duplicate parameter 'x' [DuplicateParameter]",
              "  note 2:10: previous parameter 'x' is here [PreviousParameter]"});
  CHECK(diagnostics_of("module m;\ndef f(a: int = 1, b: int, *, c: int = 1, d: int);\n") ==
        Lines{"2:19: error: parameter without a default follows parameter with a default "
              "[NonDefaultAfterDefault]",
              "  note 2:7: parameter 'a' with a default is here [DefaultParameterHere]"});
}

TEST_CASE("rules: state parameter needs a state declaration", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\ndef f(state);\n") ==
        Lines{"2:7: error: parameter 'state' needs a 'state' declaration in the module "
              "[StateWithoutDeclaration]"});
  CHECK(diagnostics_of("module m;\nstate A;\nstate B;\n") ==
        Lines{"3:1: error: the module already declares its 'state' type [DuplicateStateDeclaration]",
              "  note 2:1: previous definition of 'state' is here [PreviousDefinition]"});
}

TEST_CASE("rules: special methods", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\nclass C {\n  def __add__(self) -> C;\n  def __len__(self) -> str;\n"
                       "  def __lenn__(self);\n  def __str__(self) -> str;\n}\n") ==
        Lines{"3:7: error: '__add__' takes 1 parameter besides 'self', not 0 [DunderArity]",
              "4:24: error: '__len__' must return 'int', not 'str' [DunderReturnType]",
              "5:7: error: '__lenn__' is not a special method pyidl can bind [UnknownSpecialMethod]",
              "  note 5:7: did you mean '__len__'? [DidYouMean]",
              "6:7: error: '__str__' has no default C++ counterpart; name one with '= name' "
              "[SpecialMethodNeedsCxxName]"});
  CHECK(diagnostics_of("module m;\nclass C {\n  def __init__(self);\n  def __init__(self, x: int);\n}\n") ==
        Lines{"4:7: error: class 'C' already has an '__init__'; overloaded constructors are not "
              "supported yet [DuplicateConstructor]",
              "  note 3:7: previous definition of '__init__' is here [PreviousDefinition]"});
}

TEST_CASE("rules: property accessors", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\nclass C {\n  property p: int { set = s; sett = t; set = u; }\n}\n") ==
        Lines{"3:12: error: property 'p' has no 'get' accessor [PropertyWithoutGetter]",
              "3:30: error: unknown accessor 'sett'; expected 'get' or 'set' [UnknownAccessor]",
              "  note 3:30: did you mean 'set'? [DidYouMean]",
              "3:40: error: duplicate accessor 'set' [DuplicateAccessor]",
              "  note 3:21: previous definition of 'set' is here [PreviousDefinition]"});
}

TEST_CASE("rules: attributes", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\n@staticmethod def f();\nclass C { @statcmethod def g(); }\n") ==
        Lines{"2:2: error: attribute '@staticmethod' cannot be applied to a module function "
              "[AttributeNotAllowedHere]",
              "3:12: error: unknown attribute '@statcmethod' [UnknownAttribute]",
              "  note 3:12: did you mean '@staticmethod'? [DidYouMean]",
              "3:28: error: method 'g' needs 'self' as its first parameter [MissingReceiver]"});
}

TEST_CASE("rules: class and exception bases", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\nclass A {}\nclass B(A) {}\nexception E(A);\n") ==
        Lines{"3:9: error: deriving from the bound class 'A' is not supported yet; bind the C++ "
              "class on its own [BoundBaseNotSupported]",
              "4:13: error: 'A' is not an exception type [ExceptionBaseNotException]",
              "  note 2:7: 'A' is declared here [DeclaredHere]"});
  CHECK(diagnostics_of("module m;\nexception E(F);\nexception F(LookupErr);\n") ==
        Lines{"2:13: error: base 'F' must be declared before 'E' [BaseDeclaredLater]",
              "  note 3:11: 'F' is declared here [DeclaredHere]",
              "3:13: error: unknown name 'LookupErr' [UnknownName]",
              "  note 3:13: did you mean 'LookupError'? [DidYouMean]"});
}

TEST_CASE("rules: enum values", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\nenum E { A = 1, B = 0, C }\nenum F {}\n") ==
        Lines{"2:24: error: enumerator 'C' has the same value (1) as 'A' [DuplicateEnumValue]",
              "  note 2:10: 'A' is declared here [PreviousEnumerator]",
              "3:6: error: enum 'F' has no members [EmptyEnum]"});
  CHECK(diagnostics_of("module m;\nflag P { R = 1, W = 2, RW = 3, Odd = 12 }\n") ==
        Lines{"2:38: warning: flag member 'Odd' = 12 is neither a power of two nor a combination "
              "of earlier members [FlagValueNotPowerOfTwo]"});
}

TEST_CASE("rules: Python keywords and C++ reserved words", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\ndef f(lambda: int, new: int);\ndef delete();\ndef new() = make;\n") ==
        Lines{"2:7: error: 'lambda' is a Python keyword and cannot name a parameter [PythonKeywordName]",
              "3:5: error: 'delete' is a reserved word in C++; give the C++ name explicitly with "
              "'= other_name' [CxxReservedName]"});
}

TEST_CASE("rules: generated names clash", "[sema][rules]") {
  CHECK(diagnostics_of("module m;\nclass Vec2 { def dot(self); }\ndef Vec2_dot();\n") ==
        Lines{"3:5: error: 'Vec2_dot' would generate the C++ name 'm_Vec2_dot', which 'Vec2.dot' "
              "also generates [GeneratedNameClash]",
              "  note 2:18: 'Vec2.dot' is declared here [DeclaredHere]"});
  // Module roles carry `module_`, so common function names are fine.
  CHECK(diagnostics_of("module m;\ndef clear();\ndef free();\ndef state();\n") == Lines{});
}

TEST_CASE("rules: warnings for shadowed built-ins and unused imports", "[sema][rules]") {
  auto a = analyze_files({{"g.pyidl", "module g; class V {}"},
                          {"main.pyidl", "module m;\nimport g;\ndef len() -> int;\n"}});
  CHECK(a->messages() == Lines{"2:8: warning: 'g' is imported but never used [UnusedImport]",
                               "3:5: warning: 'len' shadows the Python built-in of the same name "
                               "[ShadowedBuiltin]"});
  CHECK_FALSE(a->diags.has_errors());
}

TEST_CASE("rules: every error of a file in one run", "[sema][rules]") {
  auto lines = diagnostics_of("module m;\ndef f(a: Nope);\ndef g(x: int, x: int);\nenum E {}\n");
  CHECK(lines.size() == 4);  // unknown type, duplicate + note, empty enum
}

}  // namespace
}  // namespace pyidlc::sema_test
