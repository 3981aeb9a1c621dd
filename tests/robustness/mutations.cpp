// mutations.cpp: token edits, byte mutations, random inputs and pathological inputs.
#include "tests/robustness/mutations.h"

#include <algorithm>
#include <iterator>
#include <numeric>

namespace pyidlc {
namespace {

// A uniform-enough index below n (n > 0); modulo bias does not matter for fuzzing.
size_t below(Rng& rng, size_t n) { return static_cast<size_t>(rng() % n); }

// Up to `cap` distinct positions out of [0, n), in increasing order.
std::vector<size_t> sample_positions(size_t n, size_t cap, Rng& rng) {
  std::vector<size_t> all(n);
  std::iota(all.begin(), all.end(), size_t{0});
  if (n <= cap) return all;
  for (size_t i = 0; i < cap; ++i) std::swap(all[i], all[i + below(rng, n - i)]);
  all.resize(cap);
  std::sort(all.begin(), all.end());
  return all;
}

std::string_view slice(const std::string& text, size_t begin, size_t end) {
  return std::string_view(text).substr(begin, end - begin);
}

std::string concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out += part;
  return out;
}

// Fragments that change how the rest of the file lexes, or that the source manager and the
// diagnostic renderer must cope with.
constexpr std::string_view kInterestingFragments[] = {
    "\"", "\"\"\"", "/*", "*/", "//", "\n", std::string_view("\0", 1), "\xFF", "\xC3",
    "\xED\xA0\x80", "[", "]", "{", "}", "(", ")", "<", ">", "::", "@", "|", "\t",
    "99999999999999999999999", "1e99999",
};

void mutate_once(std::string& text, Rng& rng) {
  const size_t at = text.empty() ? 0 : below(rng, text.size() + 1);
  switch (below(rng, 5)) {
    case 0:  // flip one bit
      if (at < text.size()) text[at] = static_cast<char>(text[at] ^ (1 << below(rng, 8)));
      break;
    case 1:  // insert a random byte
      text.insert(at, 1, static_cast<char>(below(rng, 256)));
      break;
    case 2:  // insert a fragment that lexes specially
      text.insert(at, kInterestingFragments[below(rng, std::size(kInterestingFragments))]);
      break;
    case 3:  // delete up to 8 bytes
      if (at < text.size()) text.erase(at, 1 + below(rng, 8));
      break;
    default:  // duplicate up to 16 bytes
      if (at < text.size()) text.insert(at, text.substr(at, 1 + below(rng, 16)));
      break;
  }
}

std::string repeat(std::string_view piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

void token_variants(const std::string& text, const std::vector<TokenSpan>& tokens,
                    size_t max_per_kind, Rng& rng, const VariantSink& sink) {
  const size_t n = tokens.size();
  // Token boundaries: before the first token, then after each one (so a cut keeps any
  // comment or whitespace that follows the previous token out).
  for (size_t i : sample_positions(n + 1, max_per_kind, rng)) {
    const size_t cut = i == 0 ? (n == 0 ? 0 : tokens[0].begin) : tokens[i - 1].end;
    sink("prefix of " + std::to_string(cut) + " bytes (before token " + std::to_string(i) + ")",
         text.substr(0, cut));
  }
  for (size_t i : sample_positions(n, max_per_kind, rng)) {
    sink("drop token " + std::to_string(i),
         concat({slice(text, 0, tokens[i].begin), slice(text, tokens[i].end, text.size())}));
  }
  if (n >= 2) {
    for (size_t i : sample_positions(n - 1, max_per_kind, rng)) {
      const TokenSpan a = tokens[i];
      const TokenSpan b = tokens[i + 1];
      sink("swap tokens " + std::to_string(i) + " and " + std::to_string(i + 1),
           concat({slice(text, 0, a.begin), slice(text, b.begin, b.end), slice(text, a.end, b.begin),
                   slice(text, a.begin, a.end), slice(text, b.end, text.size())}));
    }
  }
  for (size_t i : sample_positions(n, max_per_kind, rng)) {
    const TokenSpan t = tokens[i];
    // A space between the copies, so that `a` `a` does not become the one token `aa`.
    sink("duplicate token " + std::to_string(i),
         concat({slice(text, 0, t.end), " ", slice(text, t.begin, text.size())}));
  }
}

void byte_mutations(const std::string& text, size_t count, Rng& rng, const VariantSink& sink) {
  for (size_t i = 0; i < count; ++i) {
    std::string mutated = text;
    const size_t edits = 1 + below(rng, 4);
    for (size_t e = 0; e < edits; ++e) mutate_once(mutated, rng);
    sink("byte mutation " + std::to_string(i), mutated);
  }
}

void random_inputs(size_t count, const std::vector<std::string>& token_pool, Rng& rng,
                   const VariantSink& sink) {
  for (size_t i = 0; i < count; ++i) {
    std::string text;
    if (i % 2 == 0 || token_pool.empty()) {
      const size_t length = below(rng, 513);
      // Half of them mostly printable ASCII, which gets past the first character more often.
      const bool printable = below(rng, 2) == 0;
      for (size_t k = 0; k < length; ++k)
        text += static_cast<char>(printable ? 32 + below(rng, 95) : below(rng, 256));
      sink("random bytes " + std::to_string(i), text);
    } else {
      if (below(rng, 2) == 0) text = "module m;\n";  // let the parser reach declarations
      const size_t length = 1 + below(rng, 60);
      for (size_t k = 0; k < length; ++k) {
        text += token_pool[below(rng, token_pool.size())];
        text += below(rng, 8) == 0 ? "\n" : " ";
      }
      sink("random tokens " + std::to_string(i), text);
    }
  }
}

void pathological_inputs(const VariantSink& sink) {
  const std::string header = "module m;\n";
  constexpr size_t kDeep = 10'000;

  sink("10000 nested '[' in a type, closed",
       header + "def f(x: " + repeat("list[", kDeep) + "int" + repeat("]", kDeep) + ") -> None;\n");
  sink("10000 nested '[' in a type, unclosed", header + "def f(x: " + repeat("list[", kDeep));
  sink("10000 bare '[' in a type", header + "def f(x: list" + repeat("[", kDeep) + ") -> None;\n");
  sink("10000 nested C++ template arguments",
       header + "class C = a" + repeat("<b", kDeep) + repeat(">", kDeep) + " {}\n");
  sink("10000 nested submodules", header + repeat("module s {", kDeep) + repeat("}", kDeep));
  sink("10000-term union type", header + "def f(x: int" + repeat(" | int", kDeep) + ") -> None;\n");
  sink("10000-segment dotted name", header + "import a" + repeat(".a", kDeep) + ";\n");
  std::string params;
  for (size_t i = 0; i < kDeep; ++i) params += "p" + std::to_string(i) + ": int, ";
  sink("10000 parameters", header + "def f(" + params + ") -> None;\n");
  sink("10000 attributes on one declaration", header + repeat("@a(1) ", kDeep) + "def f() -> None;\n");

  const std::string long_name(100'000, 'a');
  sink("100k-character function name", header + "def " + long_name + "() -> None;\n");
  sink("100k-character unknown type", header + "def f(x: " + long_name + ") -> None;\n");
  sink("100k-character module name", "module " + long_name + ";\n");

  const std::string megabyte(1 << 20, 'x');
  sink("1 MB docstring", header + "\"\"\"" + megabyte + "\"\"\"\n");
  sink("1 MB unterminated docstring", header + "\"\"\"" + megabyte);
  sink("1 MB line ending in an error", header + "const C: str = \"" + megabyte + "\" oops\n");
  sink("1 MB unterminated string", header + "const C: str = \"" + megabyte);
  sink("100000 stray ')'", header + repeat(")", 100'000));
  sink("10000 bad declarations", header + repeat("def ;\n", kDeep));

  sink("empty file", "");
  sink("only whitespace", " \t\r\n\f\n");
  sink("only '/*'", "/*");
  sink("header then '/*'", header + "/*");
  sink("only '\"\"\"'", "\"\"\"");
  sink("only '\"'", "\"");
  sink("byte order mark only", "\xEF\xBB\xBF");
  sink("byte order mark then a file", "\xEF\xBB\xBFmodule m;\ndef f() -> None;\n");
  sink("CRLF and lone CR line ends", "module m;\r\ndef f(\r) -> Nope;\r\n");

  const std::string nul(1, '\0');
  sink("only a NUL byte", nul);
  sink("NUL bytes between declarations", header + nul + "def f() -> None;" + nul);
  sink("NUL byte in a string", header + "const C: str = \"a" + nul + "b\";\n");
  sink("NUL byte in a docstring", header + "\"\"\"a" + nul + "b\"\"\"\n");

  sink("invalid UTF-8 byte 0xFF", header + "\xFF def f() -> None;\n");
  sink("lone continuation byte", header + "def f\x80() -> None;\n");
  sink("truncated UTF-8 sequence at end of file", header + "def f() -> None; \xE2\x82");
  sink("overlong UTF-8 encoding", header + "def f(\xC0\xAF) -> None;\n");
  sink("UTF-8 encoded surrogate", header + "const C: str = \"\xED\xA0\x80\";\n");
  sink("code point above U+10FFFF", header + "\"\"\"\xF4\x90\x80\x80\"\"\"\n");
  sink("invalid UTF-8 in a comment", header + "// \xFE\xFE\ndef f() -> None;\n");
  sink("wide characters before an error", header + "\"\"\"\xF0\x9F\x98\x80\xE4\xB8\xAD\"\"\" def ( -> ;\n");

  sink("huge integer default", header + "def f(x: int = 99999999999999999999999999999999) -> None;\n");
  sink("most negative int64 default", header + "def f(x: int = -9223372036854775808) -> None;\n");
  sink("one past int64 max", header + "const C: int = 9223372036854775808;\n");
  sink("long hex literal", header + "const C: int = 0x" + std::string(1000, 'F') + ";\n");
  sink("float overflow", header + "const C: float = 1e999999;\n");
  sink("1000-digit float", header + "const C: float = " + std::string(1000, '9') + ".5;\n");
  sink("enum values at the int64 edges",
       header + "enum E { A = 9223372036854775807, B = -9223372036854775808, C = 18446744073709551616 }\n");
}

}  // namespace pyidlc
