// debug_info.h: what a module's DWARF says about a variable at a given address, read
// with libdw.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

typedef struct Elf Elf;  // libelf's handle

namespace pyidlc::audit {

// The declaration of one variable with static or thread storage.
struct DebugVariable {
  std::string file;  // DW_AT_decl_file, made absolute with the unit's DW_AT_comp_dir
  int line = 0;      // DW_AT_decl_line; 0 when the compiler recorded none
  // The qualified name of the variable's type with typedefs, cv-qualifiers and array
  // bounds removed, as the compiler spelt it: "std::atomic<int>", "pyidl::v1::mutex".
  std::string type;
  bool is_const = false;      // the object (or each array element) is const-qualified
  bool class_member = false;  // a static data member, declared inside a class
};

// The variables of a module's DWARF, indexed by where they live. Reads nothing but the
// unit trees up front; each variable's details are resolved when asked for.
class DebugInfo {
 public:
  // Reads the DWARF of `elf`, which must outlive this object. A module without DWARF gives
  // an object for which available() is false and find() finds nothing.
  explicit DebugInfo(Elf* elf);
  ~DebugInfo();
  DebugInfo(const DebugInfo&) = delete;
  DebugInfo& operator=(const DebugInfo&) = delete;

  // True when the module has debug information (.debug_info).
  bool available() const;

  // The variable stored at `address`: a virtual address for static storage, or when
  // `thread_local_offset` is set, an offset in the module's TLS block (what st_value holds
  // for STT_TLS symbols). nullopt when the DWARF has no such variable.
  std::optional<DebugVariable> find(bool thread_local_offset, uint64_t address) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pyidlc::audit
