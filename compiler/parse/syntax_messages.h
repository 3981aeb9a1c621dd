// syntax_messages.h: LLVM-style wording for syntax errors ("expected ';' after declaration").
#pragma once

#include <string>
#include <string_view>

#include <antlr4-runtime.h>

namespace pyidlc::parse {

// How a token the parser did not expect reads in a message: 'def', identifier 'foo',
// '5', string literal, docstring, end of file. `text` is the token's source text.
std::string describe_found(const antlr4::Token& token, std::string_view text);

// What the parser wanted where it stopped, summarised the way a user thinks of it: "a type",
// "a parameter name", "a declaration", "';' after declaration", "'}' at end of class 'Vec2'",
// "',' or ')'". `state` and `ctx` are the ATN state and rule context of the error, `expected`
// the tokens ANTLR computed there; `at_eof` says whether the offending token is the end of file
// (then a missing closing token is the likeliest mistake and is named first).
std::string describe_expected(antlr4::Parser& parser, size_t state, antlr4::RuleContext* ctx,
                              const antlr4::misc::IntervalSet& expected, bool at_eof);

}  // namespace pyidlc::parse
