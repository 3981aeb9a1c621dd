// symbol_names.cpp: demangling with abi::__cxa_demangle, and the ABI's name prefixes.
#include "compiler/audit/symbol_names.h"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>

namespace pyidlc::audit {

namespace {

// __cxa_demangle's result, or nullopt when `symbol` is not a valid mangled name.
std::optional<std::string> try_demangle(const std::string& symbol) {
  int status = 0;
  const std::unique_ptr<char, decltype(&std::free)> readable(
      abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status), &std::free);
  if (status != 0 || readable == nullptr) return std::nullopt;
  return std::string(readable.get());
}

}  // namespace

std::string demangle(const std::string& symbol) {
  if (!symbol.starts_with("_Z")) return symbol;
  if (std::optional<std::string> readable = try_demangle(symbol)) return *readable;
  // GCC marks clones and LTO-private copies with ".suffix", which the demangler rejects.
  const size_t dot = symbol.find('.');
  if (dot != std::string::npos) {
    if (std::optional<std::string> readable = try_demangle(symbol.substr(0, dot))) {
      return *readable + symbol.substr(dot);
    }
  }
  return symbol;
}

std::optional<std::string> guarded_object(std::string_view symbol) {
  if (!symbol.starts_with("_ZGV")) return std::nullopt;
  return "_Z" + std::string(symbol.substr(4));
}

bool is_function_local(std::string_view symbol) { return symbol.starts_with("_ZZ"); }

}  // namespace pyidlc::audit
