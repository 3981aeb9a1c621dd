// case_runner.cpp: one compile per input, a watchdog thread, and crash reporting.
#include "tests/robustness/case_runner.h"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "compiler/driver.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

namespace pyidlc {
namespace {

constexpr size_t kShownBytes = 2000;

// What a crash handler needs about the compile under way, prepared before it starts because
// a signal handler may only write(2) what already exists.
struct CurrentCase {
  std::string banner;        // "pyidlc_robustness: <origin>: <label>\n<escaped input>\n"
  const std::string* text = nullptr;
  std::string failure_file;
};
CurrentCase* g_current = nullptr;

void write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n <= 0) return;
    data += n;
    size -= static_cast<size_t>(n);
  }
}

// Async-signal-safe: prints the prepared banner and saves the input to the failure file.
void report_current_case(const char* why) {
  const CurrentCase* current = g_current;
  if (current == nullptr) return;
  write_all(2, why, std::char_traits<char>::length(why));
  write_all(2, current->banner.data(), current->banner.size());
  const int fd = ::open(current->failure_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    write_all(fd, current->text->data(), current->text->size());
    ::close(fd);
  }
}

void on_fatal_signal(int signal) {
  report_current_case("\npyidlc_robustness: FAILURE: the compiler crashed (fatal signal) on\n");
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void install_crash_reporting() {
#if defined(__SANITIZE_ADDRESS__)
  // ASan and UBSan own the fatal signals here; their death callback runs after their report.
  __sanitizer_set_death_callback([] {
    report_current_case("\npyidlc_robustness: FAILURE: a sanitizer stopped the compiler on\n");
  });
#else
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(signal, on_fatal_signal);
#endif
}

}  // namespace

std::string escape_input(const std::string& text, size_t max_bytes) {
  std::string out;
  const size_t shown = std::min(text.size(), max_bytes);
  for (size_t i = 0; i < shown; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c >= 0x20 && c < 0x7F) out += static_cast<char>(c);
        else out += fmt::format("\\x{:02X}", c);
    }
  }
  if (shown < text.size()) out += fmt::format("\" ... ({} more bytes) \"", text.size() - shown);
  return out;
}

CaseRunner::CaseRunner(std::string failure_file, std::chrono::seconds watchdog_limit)
    : failure_file_(std::filesystem::absolute(failure_file).string()), limit_(watchdog_limit) {
  install_crash_reporting();
  watchdog_ = std::thread([this] { watch(); });
}

CaseRunner::~CaseRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watchdog_.join();
}

void CaseRunner::watch() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(200));
    if (busy_ && std::chrono::steady_clock::now() - started_ > limit_) {
      const std::string why = fmt::format(
          "\npyidlc_robustness: FAILURE: one compile took more than {} s (a hang?) on\n",
          limit_.count());
      report_current_case(why.c_str());
      g_current = nullptr;  // reported once here, not again by the SIGABRT handler
      std::abort();
    }
  }
}

bool CaseRunner::run(const std::string& origin, const std::string& label, const std::string& path,
                     const std::string& text) {
  CurrentCase current{fmt::format("  {}: {}\n  \"{}\"\n  input saved to {}\n", origin, label,
                                  escape_input(text, kShownBytes), failure_file_),
                      &text, failure_file_};
  Options options;
  options.input = path;
  options.check_only = true;
  options.color = false;

  std::ostringstream err;
  int exit_code = -1;
  std::string escaped_exception;
  const auto start = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    g_current = &current;
    busy_ = true;
    started_ = start;
  }
  try {
    exit_code = compile_source(path, text, options, err);
  } catch (const std::exception& e) {
    escaped_exception = fmt::format("an exception escaped compile_source: {}", e.what());
  } catch (...) {
    escaped_exception = "an exception of unknown type escaped compile_source";
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  {
    std::lock_guard lock(mutex_);
    busy_ = false;
    g_current = nullptr;
  }

  ++runs_;
  // Not a failure, but worth seeing: a slow input points at quadratic work, and it is what
  // makes this suite slow.
  if (elapsed > std::chrono::seconds(1))
    std::cout << fmt::format("  slow: {:.1f} s for {}: {}\n", elapsed.count(), origin, label);
  if (elapsed > slowest_) {
    slowest_ = elapsed;
    slowest_case_ = origin + ": " + label;
  }
  std::string problem = escaped_exception;
  if (problem.empty()) {
    if (exit_code == kExitCompileError) {
      ++rejected_;
      if (err.str().find(": error: ") == std::string::npos)
        problem = "exit code 1 without any 'error:' diagnostic";
    } else if (exit_code != kExitSuccess) {
      problem = fmt::format("unexpected exit code {}", exit_code);
    }
  }
  if (problem.empty()) return true;

  std::ofstream(failure_file_, std::ios::binary) << text;
  std::cerr << "\npyidlc_robustness: FAILURE: " << problem << " on\n"
            << current.banner << "compiler output:\n"
            << err.str() << '\n';
  return false;
}

}  // namespace pyidlc
