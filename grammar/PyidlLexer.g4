// PyidlLexer.g4: the tokens of the .pyidl language.
//
// Only words that start a declaration or change its meaning are keywords. Type names
// (int, str, list, ...) and accessor names (get, set) are plain identifiers that sema
// resolves, so a misspelling gets a "did you mean" note instead of a syntax error.
lexer grammar PyidlLexer;

MODULE    : 'module';
IMPORT    : 'import';
FROM      : 'from';
AS        : 'as';
TYPE      : 'type';
INCLUDE   : 'include';
NAMESPACE : 'namespace';
STATE     : 'state';
EXCEPTION : 'exception';
ENUM      : 'enum';
FLAG      : 'flag';
CONST     : 'const';
DEF       : 'def';
CLASS     : 'class';
ATTR      : 'attr';
READONLY  : 'readonly';
PROPERTY  : 'property';
SELF      : 'self';
CLS       : 'cls';
NONE      : 'None';
TRUE      : 'True' | 'true';
FALSE     : 'False' | 'false';

ARROW     : '->';
SCOPE     : '::';
ELLIPSIS  : '...';
DOUBLE_STAR : '**';
LPAREN    : '(';
RPAREN    : ')';
LBRACE    : '{';
RBRACE    : '}';
LBRACK    : '[';
RBRACK    : ']';
SEMI      : ';';
COLON     : ':';
COMMA     : ',';
DOT       : '.';
ASSIGN    : '=';
PIPE      : '|';
STAR      : '*';
SLASH     : '/';
MINUS     : '-';
PLUS      : '+';
AT        : '@';
LT        : '<';
GT        : '>';

// A docstring: Python's triple-quoted string. It may span lines; the text is taken as written.
DOCSTRING : '"""' .*? '"""';

// Any character may follow a backslash here; the AST builder decodes the escapes and reports
// an invalid one at its own location, which the lexer could only do as a vague token error.
STRING    : '"' ( ESCAPE | ~["\\\r\n] )* '"';
FLOAT     : DIGITS '.' DIGITS? EXPONENT? | DIGITS EXPONENT | '.' DIGITS EXPONENT?;
INTEGER   : DIGITS | '0' [xX] HEX_DIGIT ( '_'? HEX_DIGIT )* | '0' [bB] [01] ( '_'? [01] )*
          | '0' [oO] [0-7] ( '_'? [0-7] )*;
IDENT     : [a-zA-Z_] [a-zA-Z_0-9]*;

LINE_COMMENT  : '//' ~[\r\n]* -> skip;
BLOCK_COMMENT : '/*' .*? '*/' -> skip;
WS            : [ \t\r\n\f]+ -> skip;

// Unterminated literals and comments get tokens of their own so that the parser can name
// the real problem ("unterminated string") instead of a confusing later one.
// Their bodies must not contain the terminator: the lexer takes the longest match, so a
// `.*? EOF` body would outrun every well-formed docstring or comment before the end of file.
UNTERMINATED_DOCSTRING : '"""' ( ~'"' | '"' ~'"' | '""' ~'"' )* '"'? '"'? EOF;
UNTERMINATED_COMMENT   : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF;
UNTERMINATED_STRING    : '"' ( ESCAPE | ~["\\\r\n] )* '\\'?;

// Anything else is one bad character; the parser reports it with its location instead of
// the lexer printing to the console.
UNKNOWN_CHAR  : . ;

fragment DIGITS    : [0-9] ( '_'? [0-9] )*;
fragment EXPONENT  : [eE] [+-]? DIGITS;
fragment HEX_DIGIT : [0-9a-fA-F];
fragment ESCAPE    : '\\' ~[\r\n];
