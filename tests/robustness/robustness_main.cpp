// robustness_main.cpp: pyidlc_robustness, which checks that no input can crash the compiler.
//
// Usage: pyidlc_robustness [--seed N] [--random N] [--max-per-kind N] [--budget N]
//                          [--timeout S] [--failure-file PATH] [--only-corpus] [--keep-going]
//                          PATH...
// See tests/robustness/README.md.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tests/robustness/case_runner.h"
#include "tests/robustness/corpus.h"
#include "tests/robustness/mutations.h"
#include "tests/robustness/token_spans.h"

namespace pyidlc {
namespace {

struct Settings {
  uint64_t seed = 1;          // --seed or PYIDL_ROBUSTNESS_SEED
  size_t random = 100;        // random inputs, and byte mutations per corpus input
  size_t max_per_kind = 48;   // positions per token-edit kind and corpus input
  // Compiles derived from the whole corpus, shared out evenly between its inputs and the five
  // kinds of edit, so that the run time stays put as the tree gains .pyidl files.
  size_t budget = 12'000;
  long timeout_seconds = 10;  // watchdog limit for one compile
  std::string failure_file = "robustness-failure.pyidl";
  bool only_corpus = false;   // replay the inputs as they are (reproducing a saved failure)
  bool keep_going = false;    // report every failure, not just the first (triage)
  std::vector<std::string> paths;
};

template <class T>
bool parse_number(std::string_view text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool parse_settings(int argc, char** argv, Settings& s) {
  if (const char* env = std::getenv("PYIDL_ROBUSTNESS_SEED"); env != nullptr && *env != '\0') {
    if (!parse_number(env, s.seed)) {
      std::cerr << "pyidlc_robustness: PYIDL_ROBUSTNESS_SEED is not a number: " << env << '\n';
      return false;
    }
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    bool ok = true;
    if (arg == "--seed" && has_value) ok = parse_number(argv[++i], s.seed);
    else if (arg == "--random" && has_value) ok = parse_number(argv[++i], s.random);
    else if (arg == "--max-per-kind" && has_value) ok = parse_number(argv[++i], s.max_per_kind);
    else if (arg == "--budget" && has_value) ok = parse_number(argv[++i], s.budget);
    else if (arg == "--timeout" && has_value) ok = parse_number(argv[++i], s.timeout_seconds);
    else if (arg == "--failure-file" && has_value) s.failure_file = argv[++i];
    else if (arg == "--only-corpus") s.only_corpus = true;
    else if (arg == "--keep-going") s.keep_going = true;
    else if (arg.starts_with("-")) ok = false;
    else s.paths.emplace_back(arg);
    if (!ok) {
      std::cerr << "pyidlc_robustness: bad argument '" << arg << "'\n"
                << "usage: pyidlc_robustness [--seed N] [--random N] [--max-per-kind N] "
                   "[--budget N] [--timeout S] [--failure-file PATH] [--only-corpus] "
                   "[--keep-going] PATH...\n";
      return false;
    }
  }
  return true;
}

// Every distinct token of the corpus, the alphabet of the random token sequences.
std::vector<std::string> token_pool(const std::vector<CorpusInput>& corpus) {
  std::set<std::string> pool;
  for (const CorpusInput& input : corpus) {
    for (const TokenSpan& span : lex_token_spans(input.text))
      pool.insert(input.text.substr(span.begin, std::min<size_t>(span.end - span.begin, 80)));
  }
  return {pool.begin(), pool.end()};
}

int run(const Settings& s) {
  const auto start = std::chrono::steady_clock::now();
  const std::vector<CorpusInput> corpus = load_corpus(s.paths);
  // Each input's share of the budget, split between four token edits and byte mutations.
  const size_t share = std::max<size_t>(8, s.budget / std::max<size_t>(1, corpus.size()) / 5);
  const size_t per_kind = std::min(s.max_per_kind, share);
  const size_t mutations = std::min(s.random, share);
  std::cout << fmt::format("pyidlc_robustness: seed {} (reproduce with --seed {} or "
                           "PYIDL_ROBUSTNESS_SEED={}); per corpus input: {} positions per token "
                           "edit, {} byte mutations; {} random inputs\n",
                           s.seed, s.seed, s.seed, per_kind, mutations, s.random);
  Rng rng(s.seed);
  CaseRunner runner(s.failure_file, std::chrono::seconds(s.timeout_seconds));
  size_t failures = 0;
  // Stops at the first failure unless told otherwise: its report is the useful output, and
  // later ones tend to be the same bug.
  auto sink_for = [&](const std::string& origin, const std::string& path) {
    return [&, origin, path](const std::string& label, const std::string& text) {
      if ((failures == 0 || s.keep_going) && !runner.run(origin, label, path, text)) ++failures;
    };
  };
  auto stop = [&] { return failures > 0 && !s.keep_going; };

  for (const CorpusInput& input : corpus) {
    const size_t before = runner.runs();
    const VariantSink sink = sink_for(input.origin, input.path);
    sink("as written", input.text);
    if (!s.only_corpus) {
      const std::vector<TokenSpan> tokens = lex_token_spans(input.text);
      token_variants(input.text, tokens, per_kind, rng, sink);
      byte_mutations(input.text, mutations, rng, sink);
      std::cout << fmt::format("  {}: {} tokens, {} inputs\n", input.origin, tokens.size(),
                               runner.runs() - before);
    }
    if (stop()) return 1;
  }
  if (!s.only_corpus) {
    random_inputs(s.random, token_pool(corpus), rng, sink_for("generated", "fuzz/random.pyidl"));
    pathological_inputs(sink_for("pathological", "fuzz/pathological.pyidl"));
  }

  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::cout << fmt::format(
      "pyidlc_robustness: {}: {} corpus inputs, {} compiles ({} rejected with a diagnostic, {} "
      "failed) in {:.1f} s; slowest {:.3f} s ({})\n",
      failures == 0 ? "OK" : "FAILED", corpus.size(), runner.runs(), runner.rejected(), failures,
      elapsed.count(), runner.slowest().count(), runner.slowest_case());
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace pyidlc

int main(int argc, char** argv) {
  // Line-buffered even into a pipe, so that the progress before a crash reaches CTest's log.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  pyidlc::Settings settings;
  if (!pyidlc::parse_settings(argc, argv, settings)) return 2;
  return pyidlc::run(settings);
}
