// selftest.cpp: plain-assert tests of the textstats C++ library, run by CTest.
#undef NDEBUG  // the asserts are the test; keep them in Release builds too
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "textstats/textstats.hpp"

using namespace textstats;
using Strings = std::vector<std::string>;

namespace {

bool near(double a, double b) { return std::fabs(a - b) < 1e-9; }

// Runs `f` and reports whether it threw a TextError (which must also be an invalid_argument,
// so that callers who do not know the type still see "bad value").
template <class F>
bool throws_text_error(F&& f) {
  try {
    f();
  } catch (const TextError& e) {
    const std::invalid_argument& base = e;
    return base.what()[0] != '\0';
  }
  return false;
}

void test_tokenizer() {
  const Tokenizer plain;
  assert((plain.tokenize("Hello, World! Don't stop.") == Strings{"hello", "world", "don't", "stop"}));
  assert((plain.tokenize("'quoted' a''b end'") == Strings{"quoted", "a", "b", "end"}));
  assert(plain.tokenize("").empty() && plain.tokenize(" ,.; ").empty());
  assert(plain.count("one two  three") == 3);

  // min_length counts code points, and UTF-8 sequences stay inside tokens.
  const Tokenizer min3(true, 3);
  assert((min3.tokenize("héllo ab 日本語 日本") == Strings{"héllo", "日本語"}));
  assert(min3.count("héllo ab 日本語 日本") == 2);

  // Stop words match regardless of case; tokens keep their case when lowercase is off.
  Tokenizer cased(false, 1, {"The"});
  assert((cased.tokenize("The Cat and THE hat") == Strings{"Cat", "and", "hat"}));
  assert(cased.is_stop_word("tHe") && !cased.is_stop_word("cat"));
  cased.add_stop_word("AND");
  assert((cased.stop_words() == Strings{"and", "the"}));
  assert(cased.repr() == "Tokenizer(lowercase=False, min_length=1, stop_words=2)");

  assert(Tokenizer::english().count("the cat is on the mat") == 2);

  assert(throws_text_error([] { Tokenizer(true, 0); }));
  Tokenizer t;
  assert(throws_text_error([&] { t.set_min_length(-1); }));
  assert(t.min_length() == 1);  // a rejected value changes nothing
}

void test_vocabulary() {
  Vocabulary v;
  assert(v.add("the cat and the hat") == 5);
  assert(v.add("The CAT sat") == 3);
  assert(v.size() == 5 && v.total() == 8 && v.documents() == 2);
  assert(v.frequency("the") == 3 && v.frequency("THE") == 3 && v.frequency("dog") == 0);
  assert(v.contains("Cat") && !v.contains("dog"));

  using Counts = std::vector<std::pair<std::string, std::size_t>>;
  assert((v.most_common(2) == Counts{{"the", 3}, {"cat", 2}}));
  assert((v.most_common(100) ==
          Counts{{"the", 3}, {"cat", 2}, {"and", 1}, {"hat", 1}, {"sat", 1}}));  // ties: a-z
  assert(v.most_common(0).empty());
  assert(throws_text_error([&] { (void)v.most_common(-1); }));

  v.name = "it's";
  assert(v.repr() == "Vocabulary(name='it\\'s', words=5, tokens=8, documents=2)");
  v.clear();
  assert(v.size() == 0 && v.total() == 0 && v.documents() == 0 && v.name == "it's");

  Vocabulary stopped(Tokenizer::english());
  stopped.update({"the cat", "a dog"});
  assert(stopped.size() == 2 && !stopped.contains("the"));

  assert(Vocabulary::from_documents({"x y", "y"}).frequency("y") == 2);
}

void test_free_functions() {
  const Summary s = summarize("a tokenizer splits text", Tokenizer{});
  assert(s.tokens == 4 && s.distinct == 4 && s.longest == "tokenizer");
  assert(near(s.mean_length, 20.0 / 4.0));
  assert(s.repr() == "Summary(tokens=4, distinct=4, mean_length=5.00, longest='tokenizer')");
  assert(summarize("", Tokenizer{}).repr() ==
         "Summary(tokens=0, distinct=0, mean_length=0.00, longest='')");

  assert(normalize("  Hello,\tWORLD!  ") == "hello world");
  assert(normalize("A-b", Normalize::LOWER) == "a-b");
  assert(normalize("A-b", Normalize::STRIP_PUNCT) == "A b");
  assert(normalize(" a \n b ", Normalize::FOLD_WHITESPACE) == "a b");
  assert(normalize("A, b", Normalize::LOWER | Normalize::STRIP_PUNCT) == "a  b");

  assert((ngrams("The quick brown fox") == Strings{"the quick", "quick brown", "brown fox"}));
  assert((ngrams("a b c", 3) == Strings{"a b c"}));
  assert(ngrams("a b", 3).empty());
  assert(throws_text_error([] { (void)ngrams("a b", 0); }));

  assert(near(similarity("a b c", "b c d"), 2.0 / 4.0));
  assert(near(similarity("a b c", "b c d", Metric::DICE), 4.0 / 6.0));
  assert(near(similarity("a b c", "b c d", Metric::COSINE), 2.0 / 3.0));
  assert(near(similarity("a a b", "a b b", Metric::COSINE), 4.0 / 5.0));  // counts matter
  assert(near(similarity("Same words", "same WORDS", Metric::COSINE), 1.0));
  assert(near(similarity("", ""), 1.0) && near(similarity("x", "", Metric::COSINE), 0.0));
  assert(throws_text_error([] { (void)similarity("a", "b", static_cast<Metric>(9)); }));

  const Strings texts = {"a b c", "b c d", "x y", ""};
  const auto m = similarity_matrix(texts, Metric::DICE);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    for (std::size_t j = 0; j < texts.size(); ++j) {
      assert(near(m[i][j], i == j ? 1.0 : similarity(texts[i], texts[j], Metric::DICE)));
    }
  }
  assert(throws_text_error([] { (void)similarity_matrix({"a"}, static_cast<Metric>(9)); }));
}

void test_registry() {
  Registry registry;
  const Strings defaults = default_stop_words(registry);
  assert(std::find(defaults.begin(), defaults.end(), "the") != defaults.end());

  const Summary s = analyze(registry, "The cat and the hat");
  assert(s.tokens == 2);  // "the" and "and" are default stop words
  const Vocabulary v = build_vocabulary(registry, {"the dog", "a dog barks"});
  assert(v.frequency("dog") == 2 && !v.contains("a"));
  assert((counters(registry) == std::map<std::string, std::size_t>{{"documents", 3}, {"tokens", 5}}));

  set_default_stop_words(registry, {"Dog"});
  assert(make_tokenizer(registry).count("the dog") == 1);
  assert(make_tokenizer(registry, false, 4).count("The dog barks") == 1);
  assert(throws_text_error([&] { (void)make_tokenizer(registry, true, 0); }));

  reset_counters(registry);
  assert(counters(registry).at("documents") == 0);
}

// What the Python demo does with sub-interpreters, in C++ threads: each worker owns its
// Registry and objects and shares only const input. The results must equal a
// single-threaded run (and a ThreadSanitizer build must stay quiet).
void test_parallel_workers() {
  Strings corpus;
  for (int i = 0; i < 200; ++i) {
    corpus.push_back("document " + std::to_string(i % 17) + " about the topic " +
                     std::to_string(i % 5) + " and words like tokenizer vocabulary");
  }
  struct Result {
    std::vector<std::pair<std::string, std::size_t>> common;
    double mean = 0.0;
    std::size_t documents = 0;
  };
  auto work = [&corpus](Result& out) {
    Registry registry;
    const Vocabulary v = build_vocabulary(registry, corpus);
    out.common = v.most_common(5);
    for (const auto& row : similarity_matrix(corpus, Metric::COSINE)) {
      for (double x : row) out.mean += x;
    }
    out.documents = counters(registry).at("documents");
  };
  Result expected;
  work(expected);
  std::vector<Result> results(4);
  std::vector<std::thread> threads;
  for (Result& r : results) threads.emplace_back(work, std::ref(r));
  for (std::thread& t : threads) t.join();
  for (const Result& r : results) {
    assert(r.common == expected.common && r.mean == expected.mean);
    assert(r.documents == corpus.size());
  }
}

}  // namespace

int main() {
  test_tokenizer();
  test_vocabulary();
  test_free_functions();
  test_registry();
  test_parallel_workers();
  std::puts("textstats selftest: ok");
  return 0;
}
