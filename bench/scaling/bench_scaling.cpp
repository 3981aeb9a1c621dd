// bench_scaling.cpp: throughput of CPU-bound calls into an extension module with 1, 2 and 4
// isolated sub-interpreters, each on its own thread with its own GIL.
//
//   bench_scaling <module dir> [--calls N] [--rounds R] [--threads 1,2,4] [--smoke]
//                 [--json FILE]
//
// Every interpreter imports bench_pyidl and bench_handwritten from <module dir> and runs
// `for i in range(N): add(i, 1)`. The table reports calls per second for k interpreters
// together and the speed-up over one interpreter (k interpreters on k cores can reach k;
// this machine has 2). Setup (creating interpreters, importing) is outside the timing;
// every thread starts its loop at the same moment. It doubles as a use of the embedding
// API (pyidl::interpreter) from plain C++ threads. --json also writes the calls/s as
// {"bench_pyidl": {"1": rate, ...}, ...} for bench/report.py.
#include "pyidl/interpreter.h"

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace {

struct options {
  std::string module_dir;
  std::string json;
  long calls = 2'000'000;
  int rounds = 3;
  std::vector<int> threads = {1, 2, 4};
};

options parse(int argc, char** argv) {
  options opts;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench_scaling: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--calls") {
      opts.calls = std::stol(next());
    } else if (arg == "--rounds") {
      opts.rounds = std::stoi(next());
    } else if (arg == "--threads") {
      opts.threads.clear();
      const std::string list = next();
      for (std::size_t start = 0; start < list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        opts.threads.push_back(std::stoi(list.substr(start, comma - start)));
        start = comma + 1;
      }
    } else if (arg == "--json") {
      opts.json = next();
    } else if (arg == "--smoke") {
      opts.calls = 2000;
      opts.rounds = 1;
      opts.threads = {1, 2};
    } else {
      opts.module_dir = arg;
    }
  }
  if (opts.module_dir.empty()) {
    std::fprintf(stderr, "usage: bench_scaling <module dir> [--calls N] [--rounds R] [--threads 1,2,4] [--smoke] [--json FILE]\n");
    std::exit(2);
  }
  return opts;
}

// Seconds for `k` interpreters (one per thread) to each make `calls` calls of module.add,
// measured from a common start to the last finish.
double run_parallel(const options& opts, const std::string& module, int k) {
  std::barrier ready(k + 1);
  std::barrier done(k + 1);
  std::vector<std::string> errors(static_cast<std::size_t>(k));
  std::vector<std::thread> threads;
  for (int t = 0; t < k; ++t) {
    threads.emplace_back([&, t] {
      std::string& error = errors[static_cast<std::size_t>(t)];
      try {
        pyidl::interpreter interp = pyidl::interpreter::create();
        interp.run("import sys\nsys.path.insert(0, " + std::string("r'") + opts.module_dir + "')\n" +
                   "from " + module + " import add\n" +
                   "def work(n):\n    for i in range(n):\n        add(i, 1)\n" +
                   "work(1000)\n");
        ready.arrive_and_wait();
        interp.run("work(" + std::to_string(opts.calls) + ")");
        done.arrive_and_wait();
      } catch (const std::exception& e) {
        error = e.what();
        ready.arrive_and_drop();
        done.arrive_and_drop();
      }
    });
  }
  ready.arrive_and_wait();
  const auto start = std::chrono::steady_clock::now();
  done.arrive_and_wait();
  const auto stop = std::chrono::steady_clock::now();
  for (std::thread& t : threads) {
    t.join();
  }
  for (const std::string& e : errors) {
    if (!e.empty()) {
      std::fprintf(stderr, "bench_scaling: %s: %s\n", module.c_str(), e.c_str());
      std::exit(1);
    }
  }
  return std::chrono::duration<double>(stop - start).count();
}

// Writes {"<module>": {"<interpreters>": calls/s, ...}, ...} to `path`.
void write_json(const std::string& path, const std::map<std::string, std::map<int, double>>& rates) {
  std::ofstream out(path);
  const char* module_separator = "";
  out << "{";
  for (const auto& [module, by_count] : rates) {
    out << module_separator << "\"" << module << "\": {";
    const char* separator = "";
    for (const auto& [k, rate] : by_count) {
      out << separator << "\"" << k << "\": " << rate;
      separator = ", ";
    }
    out << "}";
    module_separator = ", ";
  }
  out << "}\n";
  if (!out) {
    std::fprintf(stderr, "bench_scaling: cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

// Best (shortest) time over the rounds: the least disturbed by other load on the machine.
double best_of(const options& opts, const std::string& module, int k) {
  double best = 1e300;
  for (int r = 0; r < opts.rounds; ++r) {
    best = std::min(best, run_parallel(opts, module, k));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const options opts = parse(argc, argv);
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  PyStatus status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) {
    std::fprintf(stderr, "bench_scaling: cannot initialise Python\n");
    return 2;
  }
  // The main thread only waits: let go of the main interpreter's GIL so nothing needs it.
  PyThreadState* main_thread = PyEval_SaveThread();

  std::printf("Python %s, %ld calls of add(i, 1) per interpreter, best of %d, %u hardware threads\n\n",
              Py_GetVersion(), opts.calls, opts.rounds, std::thread::hardware_concurrency());
  std::printf("| module | interpreters | calls/s (total) | speed-up vs 1 |\n");
  std::printf("|---|---:|---:|---:|\n");
  std::map<std::string, std::map<int, double>> rates;
  for (const char* module : {"bench_pyidl", "bench_handwritten"}) {
    double single = 0;
    for (int k : opts.threads) {
      const double seconds = best_of(opts, module, k);
      const double rate = static_cast<double>(opts.calls) * k / seconds;
      rates[module][k] = rate;
      if (k == 1) {
        single = rate;
      }
      std::printf("| %s | %d | %.3g | %s |\n", module, k, rate,
                  single > 0 ? std::to_string(rate / single).substr(0, 4).c_str() : "-");
    }
  }
  if (!opts.json.empty()) {
    write_json(opts.json, rates);
  }
  PyEval_RestoreThread(main_thread);
  return Py_FinalizeEx() < 0 ? 3 : 0;
}
