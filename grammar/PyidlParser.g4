// PyidlParser.g4: the syntax of a .pyidl file. Sema checks everything the grammar lets
// through on purpose (attribute names, accessor names, which types exist, where `self`,
// `state`, `/` and `*` may stand), because it can say more than "syntax error".
parser grammar PyidlParser;

options { tokenVocab = PyidlLexer; }

file
    : moduleHeader declaration* EOF
    ;

moduleHeader
    : attribute* MODULE dottedName SEMI DOCSTRING?
    ;

declaration
    : importDecl
    | includeDecl
    | namespaceDecl
    | stateDecl
    | exceptionDecl
    | enumDecl
    | constDecl
    | functionDecl
    | classDecl
    | submoduleDecl
    | typeDecl
    ;

// `import a.b;` makes a.b.Name visible; `from a.b import Name [as Alias];` makes Name bare.
importDecl
    : IMPORT dottedName SEMI
    | FROM dottedName IMPORT importedName (COMMA importedName)* COMMA? SEMI
    ;

importedName  : name (AS name)? ;
includeDecl   : INCLUDE STRING SEMI ;
namespaceDecl : NAMESPACE cxxName SEMI ;
stateDecl     : attribute* STATE cxxName SEMI ;

exceptionDecl
    : attribute* EXCEPTION name (LPAREN dottedName RPAREN)? (ASSIGN cxxName)? DOCSTRING? SEMI
    ;

enumDecl
    : attribute* (ENUM | FLAG) name (ASSIGN cxxName)?
      LBRACE DOCSTRING? (enumMember (COMMA enumMember)* COMMA?)? RBRACE SEMI?
    ;

enumMember
    : name (ASSIGN constExpr)? DOCSTRING?
    ;

constDecl
    : attribute* CONST name COLON typeExpr ASSIGN constExpr DOCSTRING? SEMI
    ;

functionDecl
    : attribute* DEF name LPAREN paramList? RPAREN (ARROW typeExpr)? (ASSIGN cxxName)?
      DOCSTRING? SEMI
    ;

paramList
    : param (COMMA param)* COMMA?
    ;

param
    : SELF                                      # selfParam
    | CLS                                       # clsParam
    | STATE                                     # stateParam
    | SLASH                                     # positionalOnlyMarker
    | STAR                                      # keywordOnlyMarker
    | name COLON typeExpr (ASSIGN constExpr)?   # namedParam
    ;

classDecl
    : attribute* CLASS name (LPAREN dottedName RPAREN)? (ASSIGN cxxName)?
      LBRACE DOCSTRING? classMember* RBRACE SEMI?
    ;

classMember
    : functionDecl
    | attrDecl
    | propertyDecl
    ;

attrDecl
    : attribute* READONLY? ATTR name COLON typeExpr (ASSIGN cxxName)? DOCSTRING? SEMI
    ;

propertyDecl
    : attribute* PROPERTY name COLON typeExpr LBRACE DOCSTRING? accessor* RBRACE SEMI?
    ;

accessor
    : name ASSIGN cxxName SEMI
    ;

// A type map: `type timedelta = std::chrono::microseconds as "datetime.timedelta";`
// `type deque[T] = std::deque<T> as list[T];`. The C++ type's converter<T> (from an included
// header) does the conversion; the Python spelling after `as` is what stubs and signatures
// show for arguments, the one after `->` (if different) what they show for results.
typeDecl
    : TYPE name typeParams? ASSIGN cxxName AS pythonSpelling (ARROW pythonSpelling)?
      DOCSTRING? SEMI
    ;

typeParams
    : LBRACK name (COMMA name)* COMMA? RBRACK
    ;

pythonSpelling
    : typeExpr
    | STRING
    ;

// A submodule: an extension module of its own (multi-phase too), reached as a.b.
submoduleDecl
    : attribute* MODULE name LBRACE DOCSTRING? declaration* RBRACE SEMI?
    ;

// @name, @name(value, key = value): parsed for every declaration, checked by sema.
attribute
    : AT name (LPAREN (attributeArg (COMMA attributeArg)* COMMA?)? RPAREN)?
    ;

attributeArg
    : (name ASSIGN)? constExpr
    ;

// Types. `int[u8]`, `list[T]`, `dict[K, V]`, `Callable[[A, B], R]` all share one shape;
// sema knows which names take which arguments.
typeExpr
    : typeTerm (PIPE typeTerm)*
    ;

typeTerm
    : NONE
    | dottedName (LBRACK typeArg (COMMA typeArg)* COMMA? RBRACK)?
    ;

typeArg
    : typeExpr                                       # typeArgType
    | LBRACK (typeExpr (COMMA typeExpr)* COMMA?)? RBRACK   # typeArgList
    | ELLIPSIS                                       # typeArgEllipsis
    | INTEGER                                        # typeArgInteger
    ;

// Values: defaults, constants, enum values, attribute arguments.
constExpr
    : (MINUS | PLUS)? (INTEGER | FLOAT)   # numberLiteral
    | STRING                              # stringLiteral
    | (TRUE | FALSE)                      # boolLiteral
    | NONE                                # noneLiteral
    | dottedName                          # nameRef
    ;

// C++ names: geo::Vec2, ::std::size_t, geo::Vec<float, 3>.
cxxName
    : SCOPE? cxxSegment (SCOPE cxxSegment)*
    ;

cxxSegment
    : name (LT (cxxTemplateArg (COMMA cxxTemplateArg)*)? GT)?
    ;

cxxTemplateArg
    : cxxName
    | INTEGER
    ;

dottedName
    : name (DOT name)*
    ;

// Words that are keywords only where a declaration starts may still name things.
name
    : IDENT
    | MODULE | INCLUDE | NAMESPACE | STATE | EXCEPTION | ENUM | FLAG | CONST
    | ATTR | READONLY | PROPERTY | FROM | AS | TYPE
    ;
