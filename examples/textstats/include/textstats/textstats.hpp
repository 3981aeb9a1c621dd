// textstats.hpp: a small text-statistics library (tokenizer, vocabulary, similarity).
//
// Plain C++20 with no Python in it; examples/textstats/textstats.pyidl binds it.
//
// Thread-safety contract, which is what lets the binding run in parallel sub-interpreters:
// - There is no mutable global state anywhere in the library. The only namespace-scope data
//   is the constant English stop-word table.
// - Tokenizer, Vocabulary and Summary behave like standard containers: any number of
//   threads may call const member functions on one object at once, but a call that
//   modifies an object needs exclusive access to it. Different objects are independent.
// - Registry is the exception: it locks internally, because it is meant to be the one
//   shared object per interpreter (the module state) that every call may reach.
//
// Text is UTF-8. Only ASCII letters are case-folded; bytes >= 0x80 count as word characters,
// so a multi-byte character is never split across tokens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace textstats {

// Thrown for invalid arguments (a non-positive n-gram size, a negative count, ...).
// It derives from std::invalid_argument so that any C++ caller, and a binding layer that
// knows nothing about this type, still sees "bad value". The pyidl binding maps it to the
// declared Python exception textstats.TextError (a ValueError subclass).
class TextError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// How similarity() compares two texts. The enumerators carry the same names and values
// as the Python enum textstats.Metric.
enum class Metric : std::uint8_t {
  JACCARD = 0,  // |A ∩ B| / |A ∪ B| over the sets of distinct tokens
  COSINE = 1,   // cosine of the angle between term-frequency vectors
  DICE = 2,     // 2 |A ∩ B| / (|A| + |B|) over the sets of distinct tokens
};

// What normalize() does to a text; a bit set (Python: the IntFlag textstats.Normalize).
enum class Normalize : std::uint32_t {
  LOWER = 1,            // ASCII letters to lower case
  STRIP_PUNCT = 2,      // ASCII punctuation to spaces
  FOLD_WHITESPACE = 4,  // runs of whitespace to one space; leading/trailing removed
  ALL = 7,
};

constexpr Normalize operator|(Normalize a, Normalize b) noexcept {
  return static_cast<Normalize>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr Normalize operator&(Normalize a, Normalize b) noexcept {
  return static_cast<Normalize>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}
// True when `flags` has every bit of `bit` set.
constexpr bool has_flag(Normalize flags, Normalize bit) noexcept { return (flags & bit) == bit; }

// Splits text into word tokens.
//
// A token is a maximal run of ASCII letters and digits and bytes >= 0x80, where an
// apostrophe between two such characters stays inside the token ("don't"). Tokens shorter
// than min_length() code points and stop words are dropped. Stop words match regardless of
// ASCII case.
class Tokenizer {
 public:
  // Lowercasing on, tokens of any length, no stop words.
  Tokenizer() = default;
  // Throws TextError if min_length < 1.
  explicit Tokenizer(bool lowercase, std::int64_t min_length = 1,
                     const std::vector<std::string>& stop_words = {});

  // A lowercasing tokenizer with the library's built-in English stop words.
  static Tokenizer english();

  // The tokens of `text`, in order. The returned strings are owned by the caller.
  std::vector<std::string> tokenize(std::string_view text) const;
  // How many tokens tokenize(text) would return, without building them.
  std::size_t count(std::string_view text) const;

  bool lowercase() const noexcept { return lowercase_; }
  void set_lowercase(bool lowercase) noexcept { lowercase_ = lowercase; }

  std::int64_t min_length() const noexcept { return min_length_; }
  // Throws TextError if min_length < 1.
  void set_min_length(std::int64_t min_length);

  // The stop words, lowercased and sorted.
  std::vector<std::string> stop_words() const;
  // Replaces the stop words; they are stored lowercased.
  void set_stop_words(const std::vector<std::string>& words);
  // Adds one stop word (stored lowercased).
  void add_stop_word(std::string_view word);
  // Whether `word` is a stop word (ASCII case-insensitive).
  bool is_stop_word(std::string_view word) const;

  // "Tokenizer(lowercase=True, min_length=1, stop_words=3)": Python-style, for __repr__.
  std::string repr() const;

 private:
  // Calls on_token(std::string_view) for each token; the view is valid only during the
  // call. Defined in textstats.cpp, and only used there.
  template <class OnToken>
  void for_each_token(std::string_view text, OnToken&& on_token) const;

  friend class Vocabulary;  // Vocabulary::add counts tokens without building strings

  bool lowercase_ = true;
  std::int64_t min_length_ = 1;
  std::set<std::string, std::less<>> stop_words_;  // lowercased; std::less<> finds string_views
};

// Word counts over a growing collection of documents.
class Vocabulary {
 public:
  // An empty vocabulary that tokenizes with `tokenizer` (a default Tokenizer if none).
  explicit Vocabulary(std::optional<Tokenizer> tokenizer = std::nullopt);

  // A vocabulary of `documents` with a default Tokenizer.
  static Vocabulary from_documents(const std::vector<std::string>& documents);

  // Tokenizes `document` and counts its tokens. Returns how many tokens it added.
  std::size_t add(std::string_view document);
  // add() for each document in order. Returns how many tokens were added in all.
  std::size_t update(const std::vector<std::string>& documents);

  // How often `word` occurred; the word is lowercased first if the tokenizer lowercases.
  std::size_t frequency(std::string_view word) const;
  // Whether `word` occurred at least once (same lowercasing as frequency()).
  bool contains(std::string_view word) const;
  // The `n` most frequent words with their counts, most frequent first, ties in
  // alphabetical order so the result is deterministic. Throws TextError if n < 0.
  std::vector<std::pair<std::string, std::size_t>> most_common(std::int64_t n) const;

  std::size_t size() const noexcept { return counts_.size(); }  // distinct words
  std::size_t total() const noexcept { return total_; }         // all counted tokens
  std::size_t documents() const noexcept { return documents_; }
  const Tokenizer& tokenizer() const noexcept { return tokenizer_; }

  // Forgets every word and document; keeps the tokenizer and the name.
  void clear() noexcept;

  // "Vocabulary(name='news', words=120, tokens=560, documents=3)".
  std::string repr() const;

  // A free-form label, shown by repr(). No invariant depends on it.
  std::string name;

 private:
  // Hash that accepts std::string and std::string_view alike, so that lookups by
  // string_view do not allocate a std::string.
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };

  Tokenizer tokenizer_;
  std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> counts_;
  std::size_t total_ = 0;
  std::size_t documents_ = 0;
};

// Statistics of one text, as computed by summarize().
struct Summary {
  std::size_t tokens = 0;    // number of tokens
  std::size_t distinct = 0;  // number of distinct tokens
  double mean_length = 0.0;  // mean token length in code points (0.0 for no tokens)
  std::string longest;       // the longest token (the first one of that length), or ""

  // "Summary(tokens=9, distinct=8, mean_length=4.11, longest='tokenizer')".
  std::string repr() const;
};

// The statistics of `text` as split by `tokenizer`.
Summary summarize(std::string_view text, const Tokenizer& tokenizer);

// `text` changed according to `flags` (see Normalize). Returns a new string.
std::string normalize(std::string_view text, Normalize flags = Normalize::ALL);

// Word n-grams of `text` (default Tokenizer), each the n tokens joined by one space:
// ngrams("a b c", 2) == {"a b", "b c"}. Empty if the text has fewer than n tokens.
// Throws TextError if n <= 0.
std::vector<std::string> ngrams(std::string_view text, std::int64_t n = 2);

// How alike `a` and `b` are, from 0.0 (no common token) to 1.0, over the tokens of a
// default Tokenizer. Two texts without tokens are identical (1.0).
double similarity(std::string_view a, std::string_view b, Metric method = Metric::JACCARD);

// similarity() of every pair: result[i][j] == similarity(texts[i], texts[j], method).
// Each text is tokenized once, so this is much faster than calling similarity() n² times;
// it is still O(n² · tokens) and meant as honest CPU-bound work.
std::vector<std::vector<double>> similarity_matrix(const std::vector<std::string>& texts,
                                                   Metric method = Metric::JACCARD);

// Per-application (in the binding: per-interpreter) settings and counters.
//
// Holds the default stop words that make_tokenizer() uses and counts the documents and
// tokens that analyze() and build_vocabulary() processed. Unlike the other classes it is
// internally locked: the Python binding keeps exactly one per interpreter as module state,
// and on a free-threaded Python several threads of that interpreter may call it at once.
class Registry {
 public:
  // English stop words, counters at zero.
  Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  std::vector<std::string> default_stop_words() const;
  void set_default_stop_words(std::vector<std::string> words);

  // What has been processed so far; both numbers are read under one lock, so they agree.
  struct Counters {
    std::size_t documents = 0;
    std::size_t tokens = 0;
  };

  // Adds to the counters.
  void record(std::size_t documents, std::size_t tokens);
  Counters counters() const;
  void reset_counters();

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> stop_words_;
  Counters counters_;
};

// --- Operations on a Registry, in the shape the binding calls them (registry first) ------

// A tokenizer with the registry's default stop words. Throws TextError if min_length < 1.
Tokenizer make_tokenizer(const Registry& registry, bool lowercase = true,
                         std::int64_t min_length = 1);
// summarize() with make_tokenizer(registry); counts one document.
Summary analyze(Registry& registry, std::string_view text);
// A vocabulary of `documents` tokenized by make_tokenizer(registry); counts them.
Vocabulary build_vocabulary(Registry& registry, const std::vector<std::string>& documents);
std::vector<std::string> default_stop_words(const Registry& registry);
void set_default_stop_words(Registry& registry, std::vector<std::string> words);
// {"documents": ..., "tokens": ...}: what the registry has counted so far.
std::map<std::string, std::size_t> counters(const Registry& registry);
void reset_counters(Registry& registry);

}  // namespace textstats
