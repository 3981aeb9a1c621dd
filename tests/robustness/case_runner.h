// case_runner.h: compiles one input in-process and decides whether the compiler behaved.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace pyidlc {

// Runs inputs through pyidlc::compile_source (check only) one at a time. An input passes when
// the compile returns 0, or returns 1 and printed at least one error diagnostic. Anything
// else — another exit code, 1 without an error, an escaping exception — is reported with the
// input, and so are crashes, sanitizer reports and compiles slower than the watchdog's limit
// (those end the process). The input of a failure is also written to `failure_file`.
class CaseRunner {
 public:
  CaseRunner(std::string failure_file, std::chrono::seconds watchdog_limit);
  ~CaseRunner();
  CaseRunner(const CaseRunner&) = delete;
  CaseRunner& operator=(const CaseRunner&) = delete;

  // Compiles `text` as the file `path` ("tests/x.pyidl: drop token 3" is printed as
  // "<origin>: <label>" on failure). Returns false after printing a failure report.
  bool run(const std::string& origin, const std::string& label, const std::string& path,
           const std::string& text);

  size_t runs() const { return runs_; }
  size_t rejected() const { return rejected_; }  // runs that ended with exit 1
  // The slowest compile so far, for the summary.
  std::chrono::duration<double> slowest() const { return slowest_; }
  const std::string& slowest_case() const { return slowest_case_; }

 private:
  void watch();

  std::string failure_file_;
  std::chrono::seconds limit_;
  size_t runs_ = 0;
  size_t rejected_ = 0;
  std::chrono::duration<double> slowest_{0};
  std::string slowest_case_;

  // Watchdog state: whether a compile is under way and since when.
  std::mutex mutex_;
  std::condition_variable wake_;
  bool busy_ = false;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point started_;
  std::thread watchdog_;
};

// The input as a C string literal body (\n, \t, \", \\, \xNN for other bytes), cut after
// `max_bytes` bytes of input with a note of how much was left out.
std::string escape_input(const std::string& text, size_t max_bytes);

}  // namespace pyidlc
