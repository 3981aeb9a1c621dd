// ast_builder_test.cpp: the AST the parser builds for each construct, with source ranges.
#include <string>

#include <catch2/catch.hpp>

#include "compiler/parse/parser.h"

namespace pyidlc {
namespace {

// Parses `text` (which must be valid) and keeps the sources for line/column checks.
struct Parsed {
  SourceManager sources;
  DiagnosticEngine diags;
  ast::File file;

  explicit Parsed(const std::string& text) {
    std::optional<ast::File> result =
        parse::parse_file(sources, sources.add_buffer("t.pyidl", text), diags);
    REQUIRE(diags.diagnostics().empty());
    REQUIRE(result.has_value());
    file = std::move(*result);
  }

  template <class T>
  const T& decl(size_t i) const {
    REQUIRE(i < file.declarations.size());
    REQUIRE(std::holds_alternative<T>(file.declarations[i]));
    return std::get<T>(file.declarations[i]);
  }

  // "line:col+length" of a range, for compact checks.
  std::string where(SourceRange range) const {
    LineColumn lc = sources.line_column(range.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column) + "+" +
           std::to_string(range.length);
  }
};

TEST_CASE("ast: module header, docstring, attributes", "[ast]") {
  Parsed p("@abi3(version = 12, \"x\")\nmodule geo.shapes;\n\"\"\"Shapes.\n  More.\"\"\"\n");
  CHECK(p.file.module_name.joined() == "geo.shapes");
  REQUIRE(p.file.module_name.parts.size() == 2);
  CHECK(p.where(p.file.module_name.parts[1].range) == "2:12+6");
  CHECK(p.where(p.file.header_range) == "2:1+18");
  REQUIRE(p.file.doc.has_value());
  CHECK(p.file.doc->text == "Shapes.\n  More.");
  CHECK(p.where(p.file.doc->range) == "3:1+21");
  REQUIRE(p.file.attributes.size() == 1);
  const ast::Attribute& abi = p.file.attributes[0];
  CHECK(abi.name.text == "abi3");
  REQUIRE(abi.arguments.size() == 2);
  CHECK(abi.arguments[0].key->text == "version");
  CHECK(abi.arguments[0].value.kind == ast::ConstExpr::Kind::Integer);
  CHECK(abi.arguments[0].value.integer == 12);
  CHECK_FALSE(abi.arguments[1].key.has_value());
  CHECK(abi.arguments[1].value.string == "x");
  CHECK(p.where(abi.range) == "1:1+24");
}

TEST_CASE("ast: simple declarations", "[ast]") {
  Parsed p("module m;\nimport a.b;\ninclude \"geo/vec.hpp\";\nnamespace geo :: detail;\n"
           "state geo::Registry;\nexception GeometryError(ValueError) \"\"\"Bad.\"\"\";\n"
           "exception Plain;\nconst NAME: str = \"a\\tb\\u00e9\\x41\";\n");
  CHECK(p.decl<ast::Import>(0).module.joined() == "a.b");
  CHECK(p.decl<ast::Include>(1).path == "geo/vec.hpp");
  CHECK(p.decl<ast::Namespace>(2).name.spelling == "geo::detail");
  CHECK(p.where(p.decl<ast::Namespace>(2).name.range) == "4:11+13");
  CHECK(p.decl<ast::StateDecl>(3).type.spelling == "geo::Registry");
  const auto& error = p.decl<ast::Exception>(4);
  CHECK(error.name.text == "GeometryError");
  CHECK(error.base->joined() == "ValueError");
  CHECK(error.doc->text == "Bad.");
  CHECK_FALSE(p.decl<ast::Exception>(5).base.has_value());
  const auto& constant = p.decl<ast::Const>(6);
  CHECK(constant.name.text == "NAME");
  CHECK(constant.type.name.joined() == "str");
  CHECK(constant.value.string == "a\tb\xc3\xa9" "A");
  CHECK(constant.value.spelling == "\"a\\tb\\u00e9\\x41\"");
  CHECK(p.where(constant.range) == "8:1+35");
}

TEST_CASE("ast: parameters of every kind, with defaults", "[ast]") {
  Parsed p("module m;\n"
           "def f(self, state, a: int, /, b: float = -1.5, *, c: bool = true, "
           "d: Axis = Axis.X, e: str | None = None, g: int = 0x1_0) -> Vec2 = geo::find;\n"
           "def h(cls);\n");
  const auto& f = p.decl<ast::Function>(0);
  CHECK(f.name.text == "f");
  CHECK(f.cxx_name->spelling == "geo::find");
  CHECK(f.result->name.joined() == "Vec2");
  REQUIRE(f.params.size() == 10);
  using K = ast::Param::Kind;
  CHECK(f.params[0].kind == K::Self);
  CHECK(f.params[1].kind == K::State);
  CHECK(f.params[2].kind == K::Named);
  CHECK(f.params[3].kind == K::PositionalOnlyMarker);
  CHECK(f.params[5].kind == K::KeywordOnlyMarker);
  CHECK(f.params[2].name.text == "a");
  CHECK(f.params[2].type.name.joined() == "int");
  CHECK_FALSE(f.params[2].default_value.has_value());
  CHECK(f.params[4].default_value->kind == ast::ConstExpr::Kind::Float);
  CHECK(f.params[4].default_value->floating == -1.5);
  CHECK(f.params[4].default_value->spelling == "-1.5");
  CHECK(f.params[6].default_value->boolean);
  CHECK(f.params[7].default_value->kind == ast::ConstExpr::Kind::Name);
  CHECK(f.params[7].default_value->name.joined() == "Axis.X");
  CHECK(f.params[8].type.kind == ast::TypeExpr::Kind::Union);
  CHECK(f.params[8].default_value->kind == ast::ConstExpr::Kind::None);
  CHECK(f.params[9].default_value->integer == 16);
  CHECK(p.where(f.params[2].range) == "2:20+6");
  CHECK(p.where(f.params[4].range) == "2:31+15");
  CHECK(p.decl<ast::Function>(1).params.at(0).kind == K::Cls);
  CHECK_FALSE(p.decl<ast::Function>(1).result.has_value());
}

TEST_CASE("ast: types", "[ast]") {
  Parsed p("module m;\n"
           "def f(a: int[u8], b: dict[str, list[Vec2]], c: Callable[[int, str], bool],\n"
           "      d: Vec2 | None, e: tuple[int, ...], f: Callable[[], None], g: x.y[3]);\n");
  const auto& params = p.decl<ast::Function>(0).params;
  const ast::TypeExpr& a = params[0].type;
  CHECK(a.kind == ast::TypeExpr::Kind::Named);
  CHECK(a.has_arguments);
  REQUIRE(a.arguments.size() == 1);
  CHECK(a.arguments[0].types.at(0).name.joined() == "u8");
  const ast::TypeExpr& b = params[1].type;
  REQUIRE(b.arguments.size() == 2);
  CHECK(b.arguments[1].types.at(0).arguments.at(0).types.at(0).name.joined() == "Vec2");
  CHECK(p.where(b.range) == "2:22+21");
  const ast::TypeExpr& c = params[2].type;
  REQUIRE(c.arguments.size() == 2);
  CHECK(c.arguments[0].kind == ast::TypeArg::Kind::List);
  CHECK(c.arguments[0].types.size() == 2);
  CHECK(c.arguments[1].types.at(0).name.joined() == "bool");
  const ast::TypeExpr& d = params[3].type;
  REQUIRE(d.kind == ast::TypeExpr::Kind::Union);
  REQUIRE(d.alternatives.size() == 2);
  CHECK(d.alternatives[1].kind == ast::TypeExpr::Kind::None);
  CHECK(p.where(d.range) == "3:10+11");
  CHECK(params[4].type.arguments.at(1).kind == ast::TypeArg::Kind::Ellipsis);
  CHECK(params[5].type.arguments.at(0).kind == ast::TypeArg::Kind::List);
  CHECK(params[5].type.arguments.at(0).types.empty());
  CHECK(params[6].type.name.joined() == "x.y");
  CHECK(params[6].type.arguments.at(0).kind == ast::TypeArg::Kind::Integer);
  CHECK(params[6].type.arguments.at(0).integer == 3);
}

TEST_CASE("ast: enums and flags", "[ast]") {
  Parsed p("module m;\nenum Axis = geo::Axis { \"\"\"Axes.\"\"\" X = 0, Y \"\"\"why\"\"\", Z = -2, }\n"
           "flag Perm { R = 4, W = 2, X = 1 };\n");
  const auto& axis = p.decl<ast::Enum>(0);
  CHECK_FALSE(axis.is_flag);
  CHECK(axis.cxx_type->spelling == "geo::Axis");
  CHECK(axis.doc->text == "Axes.");
  REQUIRE(axis.members.size() == 3);
  CHECK(axis.members[0].value->integer == 0);
  CHECK_FALSE(axis.members[1].value.has_value());
  CHECK(axis.members[1].doc->text == "why");
  CHECK(axis.members[2].value->integer == -2);
  CHECK(p.where(axis.members[2].range) == "2:57+6");
  CHECK(p.decl<ast::Enum>(1).is_flag);
  CHECK(p.decl<ast::Enum>(1).members.size() == 3);
}

TEST_CASE("ast: classes, members in order, properties", "[ast]") {
  Parsed p("module m;\n"
           "class Vec2(Base) = geo :: Vec < float , 3 > {\n"
           "  \"\"\"A vector.\"\"\"\n"
           "  def __init__(self, x: float = 0.0);\n"
           "  attr x: float = x_;\n"
           "  readonly attr y: float;\n"
           "  property length: float { get = length; set = ::geo::set_length<Vec2>; }\n"
           "  @staticmethod def unit(axis: Axis) -> Vec2;\n"
           "}\n");
  const auto& cls = p.decl<ast::Class>(0);
  CHECK(cls.name.text == "Vec2");
  CHECK(cls.base->joined() == "Base");
  CHECK(cls.cxx_type->spelling == "geo::Vec<float, 3>");
  CHECK(cls.doc->text == "A vector.");
  REQUIRE(cls.members.size() == 5);
  CHECK(std::get<ast::Function>(cls.members[0]).name.text == "__init__");
  const auto& x = std::get<ast::Attr>(cls.members[1]);
  CHECK_FALSE(x.readonly);
  CHECK(x.cxx_name->spelling == "x_");
  CHECK(std::get<ast::Attr>(cls.members[2]).readonly);
  const auto& length = std::get<ast::Property>(cls.members[3]);
  REQUIRE(length.accessors.size() == 2);
  CHECK(length.accessors[0].name.text == "get");
  CHECK(length.accessors[1].target.spelling == "::geo::set_length<Vec2>");
  CHECK(p.where(length.accessors[1].range) == "7:42+30");
  const auto& unit = std::get<ast::Function>(cls.members[4]);
  REQUIRE(unit.attributes.size() == 1);
  CHECK(unit.attributes[0].name.text == "staticmethod");
  CHECK(p.where(unit.range) == "8:3+43");
  CHECK(p.where(cls.range) == "2:1+" + std::to_string(p.sources.text(p.file.file).size() - 11));
}

TEST_CASE("ast: submodules nest declarations", "[ast]") {
  Parsed p("module top;\nmodule inner { \"\"\"Inner.\"\"\" def f(); module deeper { const X: int = 1; } }\n");
  const auto& inner = *p.decl<std::unique_ptr<ast::Submodule>>(0);
  CHECK(inner.name.text == "inner");
  CHECK(inner.doc->text == "Inner.");
  REQUIRE(inner.declarations.size() == 2);
  CHECK(std::get<ast::Function>(inner.declarations[0]).name.text == "f");
  const auto& deeper = *std::get<std::unique_ptr<ast::Submodule>>(inner.declarations[1]);
  CHECK(std::get<ast::Const>(deeper.declarations.at(0)).value.integer == 1);
}

TEST_CASE("ast: contextual keywords can be names", "[ast]") {
  Parsed p("module m;\ndef f(state: int, module: str, property: bool);\nconst enum: int = 1;\n");
  const auto& f = p.decl<ast::Function>(0);
  CHECK(f.params[0].kind == ast::Param::Kind::Named);
  CHECK(f.params[0].name.text == "state");
  CHECK(f.params[1].name.text == "module");
  CHECK(p.decl<ast::Const>(1).name.text == "enum");
}

}  // namespace
}  // namespace pyidlc
