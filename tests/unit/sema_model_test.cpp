// sema_model_test.cpp: the checked model sema builds for well-formed input.
#include <catch2/catch.hpp>

#include "compiler/sema/special_methods.h"
#include "tests/unit/sema_test_util.h"

namespace pyidlc::sema_test {
namespace {

using sema::FunctionKind;
using sema::ParamKind;
using sema::Type;
using sema::Value;

const char* const kGeometry = R"(module geometry;
"""Vectors."""
include "geometry/vec.hpp";
namespace geo;
state geo::Registry;
exception GeometryError(ValueError) """Degenerate.""";
exception Collinear(GeometryError);
enum Axis { X = 0, Y = 1, Z = 2 }
flag Perm { R = 4, W = 2, X = 1 }
flag Auto { A, B, C = 16, D }
enum Count { ZERO, ONE, TEN = 10, ELEVEN }
const ORIGIN_NAME: str = "origin";
const LIMIT: int[u8] = 255;
def norm(v: Vec2) -> float;
def dot(a: Vec2, b: Vec2, /) -> float;
def scale(v: Vec2, k: float = 1, *, clamp: bool = false) -> Vec2;
def lookup(state, key: str) -> Vec2 | None = find_point;
def total(xs: list[float]) -> float = ::sum;
def pick(axis: Axis = Axis.Y, name: str | None = None) -> int[i32] = util::pick;
class Vec2 = geo::Vec2 {
    """A 2-D vector."""
    def __init__(self, x: float = 0.0, y: float = 0.0);
    attr x: float;
    readonly attr y: float = y_;
    property length: float { get = length; set = set_length; }
    def dot(self, other: Vec2) -> float;
    @staticmethod def unit(axis: Axis) -> Vec2;
    @classmethod def zero(cls) -> Vec2 = make_zero;
    def __add__(self, other: Vec2) -> Vec2;
    def __eq__(self, other: Vec2) -> bool;
    def __repr__(self) -> str = repr;
}
@subclassable class Shape {}
class Circle = ::shapes::Circle {}
)";

TEST_CASE("sema: module-level facts", "[sema]") {
  auto a = analyze_text(kGeometry);
  REQUIRE(a->parsed);
  CHECK(a->messages() == std::vector<std::string>{});
  const sema::Module& m = a->main();
  CHECK(m.name == "geometry");
  CHECK(m.short_name == "geometry");
  CHECK(m.doc == "Vectors.");
  CHECK(m.includes == std::vector<std::string>{"geometry/vec.hpp"});
  CHECK(m.cxx_namespace == "geo");
  CHECK(m.state_type == "geo::Registry");
}

TEST_CASE("sema: exceptions get bases and indices", "[sema]") {
  auto a = analyze_text(kGeometry);
  const sema::Module& m = a->main();
  REQUIRE(m.exceptions.size() == 2);
  CHECK(m.exceptions[0].python_name == "GeometryError");
  CHECK(m.exceptions[0].builtin_base == "ValueError");
  CHECK(m.exceptions[0].base == nullptr);
  CHECK(m.exceptions[0].doc == "Degenerate.");
  CHECK(m.exceptions[1].builtin_base.empty());
  CHECK(m.exceptions[1].base == &m.exceptions[0]);
  CHECK(m.exceptions[1].index == 1);
}

TEST_CASE("sema: enum and flag values, explicit and automatic", "[sema]") {
  auto a = analyze_text(kGeometry);
  const sema::Module& m = a->main();
  REQUIRE(m.enums.size() == 4);
  auto values = [](const sema::Enum& e) {
    std::vector<long long> out;
    for (const auto& member : e.members) out.push_back(static_cast<long long>(member.value));
    return out;
  };
  CHECK(values(m.enums[0]) == std::vector<long long>{0, 1, 2});
  CHECK(m.enums[1].is_flag);
  CHECK(values(m.enums[1]) == std::vector<long long>{4, 2, 1});
  CHECK(values(m.enums[2]) == std::vector<long long>{1, 2, 16, 32});  // next power of two
  CHECK(values(m.enums[3]) == std::vector<long long>{0, 1, 10, 11});  // previous + 1
}

TEST_CASE("sema: constants are typed values", "[sema]") {
  auto a = analyze_text(kGeometry);
  const sema::Module& m = a->main();
  REQUIRE(m.constants.size() == 2);
  CHECK(m.constants[0].type.kind == Type::Kind::Str);
  CHECK(m.constants[0].value.kind == Value::Kind::Str);
  CHECK(m.constants[0].value.python_spelling() == "'origin'");
  CHECK(m.constants[1].type.idl_spelling() == "int[u8]");
  CHECK(m.constants[1].value.python_spelling() == "255");
}

TEST_CASE("sema: module functions: C++ names, kinds, signatures", "[sema]") {
  auto a = analyze_text(kGeometry);
  const sema::Module& m = a->main();
  REQUIRE(m.functions.size() == 6);
  const auto& norm = m.functions[0];
  CHECK(norm.cxx_name == "geo::norm");
  CHECK(norm.kind == FunctionKind::ModuleFunction);
  CHECK(norm.signature.params[0].type.kind == Type::Kind::Class);
  CHECK(norm.signature.params[0].type.cls == &m.classes[0]);
  CHECK(norm.signature.result.kind == Type::Kind::Float);
  CHECK(norm.signature.python_parameters(false) == "(v)");

  const auto& dot = m.functions[1];
  CHECK(dot.signature.positional_only_count() == 2);
  CHECK(dot.signature.python_parameters(false) == "(a, b, /)");

  const auto& scale = m.functions[2];
  CHECK(scale.signature.params[1].default_value->kind == Value::Kind::Float);
  CHECK(scale.signature.keyword_only_count() == 1);
  CHECK(scale.signature.required_count() == 1);
  CHECK(scale.signature.python_parameters(false) == "(v, k=1.0, *, clamp=False)");
  CHECK(scale.signature.python_parameters(true) ==
        "(v: Vec2, k: float = 1.0, *, clamp: bool = False)");

  const auto& lookup = m.functions[3];
  CHECK(lookup.cxx_name == "geo::find_point");
  CHECK(lookup.signature.state_index == 0u);
  CHECK(lookup.signature.params.size() == 1);
  CHECK(lookup.signature.result.kind == Type::Kind::Optional);
  CHECK(lookup.signature.result.python_spelling() == "Vec2 | None");

  CHECK(m.functions[4].cxx_name == "::sum");
  CHECK(m.functions[4].signature.params[0].type.python_spelling() == "list[float]");

  const auto& pick = m.functions[5];
  CHECK(pick.cxx_name == "util::pick");  // written with '::': kept as written
  CHECK(pick.signature.result.idl_spelling() == "int[i32]");
  CHECK(pick.signature.result.python_spelling() == "int");
  const auto& axis_default = *pick.signature.params[0].default_value;
  CHECK(axis_default.kind == Value::Kind::EnumMember);
  CHECK(axis_default.enumeration == &m.enums[0]);
  CHECK(axis_default.integer == 1);
  CHECK(pick.signature.python_parameters(true) ==
        "(axis: Axis = Axis.Y, name: str | None = None)");
}

TEST_CASE("sema: classes: C++ types, members, methods, special methods", "[sema]") {
  auto a = analyze_text(kGeometry);
  const sema::Module& m = a->main();
  REQUIRE(m.classes.size() == 3);
  const sema::Class& vec = m.classes[0];
  CHECK(vec.cxx_type == "geo::Vec2");
  CHECK(vec.doc == "A 2-D vector.");
  CHECK(vec.module == &m);
  REQUIRE(vec.constructor);
  CHECK(vec.constructor->kind == FunctionKind::Constructor);
  CHECK(vec.constructor->cxx_name == "geo::Vec2");
  CHECK(vec.constructor->signature.python_parameters(false) == "(x=0.0, y=0.0)");

  REQUIRE(vec.members.size() == 2);
  CHECK(vec.members[0].cxx_member == "x");
  CHECK_FALSE(vec.members[0].readonly);
  CHECK(vec.members[1].cxx_member == "y_");
  CHECK(vec.members[1].readonly);
  REQUIRE(vec.properties.size() == 1);
  CHECK(vec.properties[0].getter == "length");
  CHECK(vec.properties[0].setter == "set_length");

  REQUIRE(vec.methods.size() == 3);
  CHECK(vec.methods[0].kind == FunctionKind::Method);
  CHECK(vec.methods[0].cxx_name == "dot");
  CHECK(vec.methods[1].kind == FunctionKind::StaticMethod);
  CHECK(vec.methods[1].cxx_name == "geo::Vec2::unit");
  CHECK(vec.methods[2].kind == FunctionKind::ClassMethod);
  CHECK(vec.methods[2].cxx_name == "geo::Vec2::make_zero");

  REQUIRE(vec.special_methods.size() == 3);
  CHECK(vec.special_methods[0].cxx_name == "operator+");
  REQUIRE(vec.special_methods[0].special != nullptr);
  CHECK(vec.special_methods[0].special->slot == "Py_nb_add");
  CHECK(vec.special_methods[1].cxx_name == "operator==");
  CHECK(vec.special_methods[1].special->compare_op == "Py_EQ");
  CHECK(vec.special_methods[2].cxx_name == "repr");

  CHECK(m.classes[1].subclassable);
  CHECK(m.classes[1].cxx_type == "geo::Shape");
  CHECK(m.classes[2].base == nullptr);
  CHECK(m.classes[2].cxx_type == "::shapes::Circle");
}

TEST_CASE("sema: submodules inherit the namespace and see enclosing names", "[sema]") {
  auto a = analyze_text(R"(module pkg.outer;
namespace outer;
class Thing {}
module inner {
  def use(t: Thing) -> None;
  module deepest { namespace deep; def f(); }
}
)");
  REQUIRE(a->parsed);
  CHECK(a->messages() == std::vector<std::string>{});
  const sema::Module& m = a->main();
  CHECK(m.short_name == "outer");
  REQUIRE(m.submodules.size() == 1);
  const sema::Module& inner = m.submodules[0];
  CHECK(inner.name == "pkg.outer.inner");
  CHECK(inner.parent == &m);
  CHECK(inner.cxx_namespace == "outer");
  CHECK(inner.functions[0].cxx_name == "outer::use");
  CHECK(inner.functions[0].signature.params[0].type.cls == &m.classes[0]);
  CHECK(inner.submodules[0].functions[0].cxx_name == "deep::f");
}

TEST_CASE("sema: concurrency attributes: locks, critical sections, serializing module", "[sema]") {
  auto a = analyze_text(R"(module sync;
class Worker {
  @release_gil def run(self, input: Blob);
  @release_gil @staticmethod def idle();
}
class Blob {}
class Spare {}
@release_gil def scan(spare: Spare | None);
@critical_section class Vec {
  def __init__(self);
  def norm(self) -> float;
  @staticmethod def zero() -> Vec;
}
@shareable class Account {}
class Idle { @release_gil @staticmethod def wait(); }
@serialized module inner { module deeper { def f(); } }
)");
  REQUIRE(a->parsed);
  CHECK(a->messages() == std::vector<std::string>{});
  const sema::Module& m = a->main();
  CHECK_FALSE(m.serialized);
  CHECK(sema::serializing_module(m) == nullptr);
  const sema::Module& inner = m.submodules[0];
  CHECK(sema::serializing_module(inner.submodules[0]) == &inner);
  // A released method's class and the classes released calls receive get a per-object
  // lock; a class only seen as `P | None` (copied before the call) or only by a released
  // static method does not.
  CHECK(m.classes[0].object_lock);
  CHECK(m.classes[1].object_lock);
  CHECK_FALSE(m.classes[2].object_lock);
  CHECK(m.classes[4].object_lock);    // @shareable
  CHECK_FALSE(m.classes[5].object_lock);
  CHECK(m.classes[0].methods[0].release_gil);
  // A @critical_section class covers its methods, not its constructor or static methods.
  const sema::Class& vec = m.classes[3];
  CHECK(vec.critical_section);
  CHECK_FALSE(vec.constructor->critical_section);
  CHECK(vec.methods[0].critical_section);
  CHECK_FALSE(vec.methods[1].critical_section);
}

TEST_CASE("sema: imported modules are reached by qualified names", "[sema]") {
  auto a = analyze_files({{"geometry.pyidl", "module geometry; class Vec2 {} enum Axis { X, Y }"},
                          {"main.pyidl", R"(module shapes;
import geometry;
def f(v: geometry.Vec2, a: geometry.Axis = geometry.Axis.Y);
)"}});
  REQUIRE(a->parsed);
  CHECK(a->messages() == std::vector<std::string>{});
  REQUIRE(a->program->imported.size() == 1);
  const sema::Module& geometry = a->program->imported[0];
  const sema::Module& m = a->main();
  REQUIRE(m.imports.size() == 1);
  CHECK(m.imports[0] == &geometry);
  const auto& params = m.functions[0].signature.params;
  CHECK(params[0].type.cls == &geometry.classes[0]);
  CHECK(params[1].default_value->integer == 1);
}

TEST_CASE("sema: types: widths, containers, callables, unions", "[sema]") {
  auto a = analyze_text(R"(module t;
def f(a: int[u64], b: dict[str, list[int]], c: tuple[int, str, bytes], d: set[int],
      e: Callable[[int, str], bool], g: int | str | None, h: buffer, i: Callable[[], None]);
)");
  REQUIRE(a->parsed);
  CHECK(a->messages() == std::vector<std::string>{});
  const auto& p = a->main().functions[0].signature.params;
  CHECK(p[0].type.int_width == sema::IntWidth::U64);
  CHECK(p[1].type.python_spelling() == "dict[str, list[int]]");
  CHECK(p[2].type.python_spelling() == "tuple[int, str, bytes]");
  CHECK(p[3].type.kind == Type::Kind::Set);
  CHECK(p[4].type.args.size() == 3);  // parameters, then the result
  CHECK(p[4].type.python_spelling() == "collections.abc.Callable[[int, str], bool]");
  CHECK(p[4].type.idl_spelling() == "Callable[[int, str], bool]");
  CHECK(p[5].type.kind == Type::Kind::Optional);
  CHECK(p[5].type.args[0].kind == Type::Kind::Union);
  CHECK(p[5].type.python_spelling() == "int | str | None");
  CHECK(p[6].type.python_spelling() == "collections.abc.Buffer");
  CHECK(p[7].type.python_spelling() == "collections.abc.Callable[[], None]");
}

TEST_CASE("sema: value spellings follow Python's repr", "[sema]") {
  auto a = analyze_text(R"(module v;
def f(a: float = 1e100, b: str = "it's", c: str = "tab\there", d: int = -9223372036854775808,
      e: float = 0.5, f: int[u64] = 18446744073709551615);
)");
  REQUIRE(a->parsed);
  CHECK(a->messages() == std::vector<std::string>{});
  CHECK(a->main().functions[0].signature.python_parameters(false) ==
        "(a=1e+100, b=\"it's\", c='tab\\there', d=-9223372036854775808, e=0.5, "
        "f=18446744073709551615)");
}

TEST_CASE("sema: the special-method table", "[sema]") {
  const auto* add = sema::find_special_method("__radd__");
  REQUIRE(add != nullptr);
  CHECK(add->form == sema::SpecialForm::Reflected);
  CHECK(add->slot == "Py_nb_add");
  CHECK(sema::find_special_method("__iadd__")->cxx_default == "operator+=");
  CHECK(sema::find_special_method("__len__")->sequence_slot == "Py_sq_length");
  CHECK(sema::find_special_method("__ifloordiv__")->slot == "Py_nb_inplace_floor_divide");
  CHECK(sema::find_special_method("__matmul__")->cxx_default.empty());
  CHECK(sema::find_special_method("__missing__") == nullptr);
}

}  // namespace
}  // namespace pyidlc::sema_test
