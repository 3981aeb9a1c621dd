// textstats.cpp: the implementation of textstats.hpp.
#include "textstats/textstats.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <unordered_set>

namespace textstats {
namespace {

// Immutable, so sharing it between threads (and interpreters) needs no lock.
constexpr std::array<std::string_view, 48> kEnglishStopWords = {
    "a",    "about", "an",   "and",   "are",  "as",    "at",    "be",   "been", "but",
    "by",   "can",   "do",   "for",   "from", "had",   "has",   "have", "he",   "her",
    "his",  "i",     "if",   "in",    "is",   "it",    "its",   "not",  "of",   "on",
    "or",   "she",   "so",   "that",  "the",  "their", "there", "they", "this", "to",
    "was",  "we",    "were", "which", "will", "with",  "you",   "your",
};

// Character classes are spelled out instead of using <cctype>: std::isalnum and friends
// depend on the global C locale, which any thread of the process may change at any time.
constexpr bool is_ascii_alnum(unsigned char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_word_byte(unsigned char c) noexcept { return is_ascii_alnum(c) || c >= 0x80; }
constexpr bool is_ascii_space(unsigned char c) noexcept {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
constexpr bool is_ascii_punct(unsigned char c) noexcept {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}
constexpr char to_lower_ascii(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower_ascii(c);
  return out;
}

// UTF-8 code points in `s`: every byte that is not a continuation byte (10xxxxxx) starts one.
std::size_t code_points(std::string_view s) noexcept {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// `s` as a Python str literal in single quotes, for the repr() functions.
std::string python_quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;  // UTF-8 passes through: Python's repr shows printable non-ASCII as is
    }
  }
  return out + "'";
}

// `value` with two decimals, independent of the locale (unlike printf and iostreams).
std::string fixed2(double value) {
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value,
                                 std::chars_format::fixed, 2);
  return ec == std::errc{} ? std::string(buf.data(), end) : std::string("nan");
}

std::string_view bool_repr(bool b) noexcept { return b ? "True" : "False"; }

void check_min_length(std::int64_t min_length) {
  if (min_length < 1) {
    throw TextError("min_length must be at least 1, not " + std::to_string(min_length));
  }
}

// A text's distinct tokens with their counts, sorted by token, so that two profiles can be
// compared by one merge walk instead of hash lookups.
using Profile = std::vector<std::pair<std::string, std::size_t>>;

Profile make_profile(std::string_view text) {
  std::vector<std::string> tokens = Tokenizer{}.tokenize(text);
  std::sort(tokens.begin(), tokens.end());
  Profile profile;
  for (std::string& token : tokens) {
    if (!profile.empty() && profile.back().first == token) {
      ++profile.back().second;
    } else {
      profile.emplace_back(std::move(token), 1);
    }
  }
  return profile;
}

// Throws TextError for a Metric made by casting an integer that names no enumerator.
void check_metric(Metric method) {
  switch (method) {
    case Metric::JACCARD:
    case Metric::COSINE:
    case Metric::DICE:
      return;
  }
  throw TextError("unknown metric " + std::to_string(static_cast<int>(method)));
}

double compare(const Profile& a, const Profile& b, Metric method) {
  check_metric(method);
  std::size_t common = 0;  // distinct tokens in both
  double dot = 0.0;        // term-frequency dot product
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      ++common;
      dot += static_cast<double>(i->second) * static_cast<double>(j->second);
      ++i;
      ++j;
    }
  }
  if (a.empty() && b.empty()) return 1.0;  // nothing differs between two empty texts
  const auto na = static_cast<double>(a.size());
  const auto nb = static_cast<double>(b.size());
  switch (method) {
    case Metric::JACCARD:
      return static_cast<double>(common) / (na + nb - static_cast<double>(common));
    case Metric::DICE:
      return 2.0 * static_cast<double>(common) / (na + nb);
    case Metric::COSINE: {
      if (a.empty() || b.empty()) return 0.0;
      auto norm = [](const Profile& p) {
        double sum = 0.0;
        for (const auto& [token, count] : p) sum += static_cast<double>(count * count);
        return std::sqrt(sum);
      };
      // Rounding can push a self-comparison a hair above 1.
      return std::min(1.0, dot / (norm(a) * norm(b)));
    }
  }
  return 0.0;  // unreachable: check_metric() accepted `method`
}

}  // namespace

// --- Tokenizer ----------------------------------------------------------------------------

Tokenizer::Tokenizer(bool lowercase, std::int64_t min_length,
                     const std::vector<std::string>& stop_words)
    : lowercase_(lowercase), min_length_(min_length) {
  check_min_length(min_length);
  set_stop_words(stop_words);
}

Tokenizer Tokenizer::english() {
  Tokenizer tokenizer;
  for (std::string_view word : kEnglishStopWords) tokenizer.stop_words_.emplace(word);
  return tokenizer;
}

template <class OnToken>
void Tokenizer::for_each_token(std::string_view text, OnToken&& on_token) const {
  std::string folded;  // reused for every token, so lowercasing allocates rarely
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    while (i < n && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < n) {
      if (is_word_byte(static_cast<unsigned char>(text[i]))) {
        ++i;
      } else if (text[i] == '\'' && i + 1 < n &&
                 is_word_byte(static_cast<unsigned char>(text[i + 1]))) {
        ++i;  // "don't": the previous byte is a word byte too, or we would not be here
      } else {
        break;
      }
    }
    if (i == start) break;  // only separators were left
    const std::string_view token = text.substr(start, i - start);
    if (static_cast<std::int64_t>(code_points(token)) < min_length_) continue;
    if (!lowercase_ && stop_words_.empty()) {
      on_token(token);
      continue;
    }
    folded.assign(token);
    for (char& c : folded) c = to_lower_ascii(c);
    if (stop_words_.contains(folded)) continue;
    on_token(lowercase_ ? std::string_view(folded) : token);
  }
}

std::vector<std::string> Tokenizer::tokenize(std::string_view text) const {
  std::vector<std::string> tokens;
  for_each_token(text, [&](std::string_view token) { tokens.emplace_back(token); });
  return tokens;
}

std::size_t Tokenizer::count(std::string_view text) const {
  std::size_t n = 0;
  for_each_token(text, [&](std::string_view) { ++n; });
  return n;
}

void Tokenizer::set_min_length(std::int64_t min_length) {
  check_min_length(min_length);
  min_length_ = min_length;
}

std::vector<std::string> Tokenizer::stop_words() const {
  return {stop_words_.begin(), stop_words_.end()};  // a std::set iterates in sorted order
}

void Tokenizer::set_stop_words(const std::vector<std::string>& words) {
  std::set<std::string, std::less<>> fresh;  // built aside: a throw leaves *this unchanged
  for (const std::string& word : words) fresh.insert(to_lower(word));
  stop_words_ = std::move(fresh);
}

void Tokenizer::add_stop_word(std::string_view word) { stop_words_.insert(to_lower(word)); }

bool Tokenizer::is_stop_word(std::string_view word) const {
  return stop_words_.contains(to_lower(word));
}

std::string Tokenizer::repr() const {
  std::string out = "Tokenizer(lowercase=";
  out += bool_repr(lowercase_);
  out += ", min_length=" + std::to_string(min_length_);
  out += ", stop_words=" + std::to_string(stop_words_.size()) + ")";
  return out;
}

// --- Vocabulary ---------------------------------------------------------------------------

Vocabulary::Vocabulary(std::optional<Tokenizer> tokenizer)
    : tokenizer_(tokenizer ? std::move(*tokenizer) : Tokenizer{}) {}

Vocabulary Vocabulary::from_documents(const std::vector<std::string>& documents) {
  Vocabulary vocabulary;
  vocabulary.update(documents);
  return vocabulary;
}

std::size_t Vocabulary::add(std::string_view document) {
  std::size_t added = 0;
  tokenizer_.for_each_token(document, [&](std::string_view token) {
    if (auto it = counts_.find(token); it != counts_.end()) {
      ++it->second;
    } else {
      counts_.emplace(token, 1);
    }
    ++added;
    ++total_;  // here, not after the loop: if emplace throws, total_ still matches counts_
  });
  ++documents_;
  return added;
}

std::size_t Vocabulary::update(const std::vector<std::string>& documents) {
  std::size_t added = 0;
  for (const std::string& document : documents) added += add(document);
  return added;
}

std::size_t Vocabulary::frequency(std::string_view word) const {
  const std::string key = tokenizer_.lowercase() ? to_lower(word) : std::string(word);
  const auto it = counts_.find(key);
  return it == counts_.end() ? 0 : it->second;
}

bool Vocabulary::contains(std::string_view word) const { return frequency(word) > 0; }

std::vector<std::pair<std::string, std::size_t>> Vocabulary::most_common(std::int64_t n) const {
  if (n < 0) throw TextError("most_common() needs n >= 0, not " + std::to_string(n));
  std::vector<std::pair<std::string, std::size_t>> items(counts_.begin(), counts_.end());
  const std::size_t k = std::min(items.size(), static_cast<std::size_t>(n));
  std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k), items.end(),
                    [](const auto& a, const auto& b) {
                      return a.second != b.second ? a.second > b.second : a.first < b.first;
                    });
  items.resize(k);
  return items;
}

void Vocabulary::clear() noexcept {
  counts_.clear();
  total_ = 0;
  documents_ = 0;
}

std::string Vocabulary::repr() const {
  return "Vocabulary(name=" + python_quote(name) + ", words=" + std::to_string(size()) +
         ", tokens=" + std::to_string(total_) + ", documents=" + std::to_string(documents_) +
         ")";
}

// --- Free functions -------------------------------------------------------------------------

std::string Summary::repr() const {
  return "Summary(tokens=" + std::to_string(tokens) + ", distinct=" + std::to_string(distinct) +
         ", mean_length=" + fixed2(mean_length) + ", longest=" + python_quote(longest) + ")";
}

Summary summarize(std::string_view text, const Tokenizer& tokenizer) {
  const std::vector<std::string> tokens = tokenizer.tokenize(text);
  Summary summary;
  summary.tokens = tokens.size();
  std::unordered_set<std::string_view> distinct;
  std::size_t total_length = 0;
  std::size_t longest_length = 0;
  for (const std::string& token : tokens) {
    distinct.insert(token);
    const std::size_t length = code_points(token);
    total_length += length;
    if (length > longest_length) {
      longest_length = length;
      summary.longest = token;
    }
  }
  summary.distinct = distinct.size();
  if (!tokens.empty()) {
    summary.mean_length = static_cast<double>(total_length) / static_cast<double>(tokens.size());
  }
  return summary;
}

std::string normalize(std::string_view text, Normalize flags) {
  const bool lower = has_flag(flags, Normalize::LOWER);
  const bool strip = has_flag(flags, Normalize::STRIP_PUNCT);
  const bool fold = has_flag(flags, Normalize::FOLD_WHITESPACE);
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;  // folding: a space is owed before the next kept character
  for (char c : text) {
    if (strip && is_ascii_punct(static_cast<unsigned char>(c))) c = ' ';
    if (fold && is_ascii_space(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();  // never at the start; never flushed at the end
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += lower ? to_lower_ascii(c) : c;
  }
  return out;
}

std::vector<std::string> ngrams(std::string_view text, std::int64_t n) {
  // This is where the binding's TextError comes from: the generated wrapper catches the
  // C++ exception and raises textstats.TextError in the calling interpreter.
  if (n <= 0) throw TextError("ngrams() needs n >= 1, not " + std::to_string(n));
  const std::vector<std::string> tokens = Tokenizer{}.tokenize(text);
  const auto width = static_cast<std::size_t>(n);
  std::vector<std::string> grams;
  if (tokens.size() < width) return grams;
  grams.reserve(tokens.size() - width + 1);
  for (std::size_t i = 0; i + width <= tokens.size(); ++i) {
    std::string gram = tokens[i];
    for (std::size_t j = i + 1; j < i + width; ++j) {
      gram += ' ';
      gram += tokens[j];
    }
    grams.push_back(std::move(gram));
  }
  return grams;
}

double similarity(std::string_view a, std::string_view b, Metric method) {
  return compare(make_profile(a), make_profile(b), method);
}

std::vector<std::vector<double>> similarity_matrix(const std::vector<std::string>& texts,
                                                   Metric method) {
  std::vector<Profile> profiles;
  profiles.reserve(texts.size());
  for (const std::string& text : texts) profiles.push_back(make_profile(text));
  const std::size_t n = texts.size();
  check_metric(method);  // up front: with fewer than two texts compare() never runs
  std::vector<std::vector<double>> matrix(n, std::vector<double>(n, 1.0));
  for (std::size_t i = 0; i < n; ++i) {
    // The metrics are symmetric: compute the upper triangle and mirror it.
    for (std::size_t j = i + 1; j < n; ++j) {
      matrix[i][j] = matrix[j][i] = compare(profiles[i], profiles[j], method);
    }
  }
  return matrix;
}

// --- Registry -----------------------------------------------------------------------------

Registry::Registry() : stop_words_(kEnglishStopWords.begin(), kEnglishStopWords.end()) {}

std::vector<std::string> Registry::default_stop_words() const {
  std::lock_guard lock(mutex_);
  return stop_words_;
}

void Registry::set_default_stop_words(std::vector<std::string> words) {
  std::lock_guard lock(mutex_);
  stop_words_ = std::move(words);
}

void Registry::record(std::size_t documents, std::size_t tokens) {
  std::lock_guard lock(mutex_);
  counters_.documents += documents;
  counters_.tokens += tokens;
}

Registry::Counters Registry::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

void Registry::reset_counters() {
  std::lock_guard lock(mutex_);
  counters_ = {};
}

Tokenizer make_tokenizer(const Registry& registry, bool lowercase, std::int64_t min_length) {
  return Tokenizer(lowercase, min_length, registry.default_stop_words());
}

Summary analyze(Registry& registry, std::string_view text) {
  Summary summary = summarize(text, make_tokenizer(registry));
  registry.record(1, summary.tokens);
  return summary;
}

Vocabulary build_vocabulary(Registry& registry, const std::vector<std::string>& documents) {
  Vocabulary vocabulary(make_tokenizer(registry));
  const std::size_t tokens = vocabulary.update(documents);
  registry.record(documents.size(), tokens);
  return vocabulary;
}

std::vector<std::string> default_stop_words(const Registry& registry) {
  return registry.default_stop_words();
}

void set_default_stop_words(Registry& registry, std::vector<std::string> words) {
  registry.set_default_stop_words(std::move(words));
}

std::map<std::string, std::size_t> counters(const Registry& registry) {
  const Registry::Counters c = registry.counters();
  return {{"documents", c.documents}, {"tokens", c.tokens}};
}

void reset_counters(Registry& registry) { registry.reset_counters(); }

}  // namespace textstats
