// mutations.h: the inputs the robustness suite feeds the compiler, derived from a corpus.
#pragma once

#include <cstddef>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tests/robustness/token_spans.h"

namespace pyidlc {

// The one random source of a run: std::mt19937_64's sequence is fixed by the standard, so a
// seed reproduces the same inputs on every platform (the distributions are not, so none is
// used).
using Rng = std::mt19937_64;

// Receives each generated input with a label that says how it was made ("drop token 12").
using VariantSink = std::function<void(const std::string& label, const std::string& text)>;

// Token-level edits of `text`: the text cut at each token boundary, each token dropped, each
// adjacent pair swapped, each token duplicated. When a kind has more than `max_per_kind`
// positions, that many are sampled with `rng`.
void token_variants(const std::string& text, const std::vector<TokenSpan>& tokens,
                    size_t max_per_kind, Rng& rng, const VariantSink& sink);

// `count` copies of `text`, each with one to four random byte flips, insertions (of a byte or
// of a fragment that lexes specially, such as `"""` or an invalid UTF-8 sequence) and
// deletions.
void byte_mutations(const std::string& text, size_t count, Rng& rng, const VariantSink& sink);

// `count` inputs made from nothing: half random bytes, half random sequences of the tokens in
// `token_pool` (which get much further into the parser than bytes do).
void random_inputs(size_t count, const std::vector<std::string>& token_pool, Rng& rng,
                   const VariantSink& sink);

// Inputs that stress limits rather than syntax: deep nesting, huge tokens, NUL bytes,
// invalid UTF-8, unterminated comments, many errors.
void pathological_inputs(const VariantSink& sink);

}  // namespace pyidlc
