// elf_file.h: a linked ELF module opened with libelf, and the data symbols that stay
// writable after it is loaded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

typedef struct Elf Elf;  // libelf's handle (<libelf.h>), kept out of this header

namespace pyidlc::audit {

// Where a data symbol lives once the module is loaded. Read-only data, including what
// PT_GNU_RELRO makes read-only after relocation (vtables, `const` tables of pointers), is
// not listed at all: no interpreter can race on it.
enum class Storage {
  kWritable,     // .data, .bss and any other writable section outside PT_GNU_RELRO
  kThreadLocal,  // .tdata, .tbss: one copy per thread
  kLoaderTable,  // .got.plt, .init_array, .dynamic...: written by the dynamic loader only
};

// One STT_OBJECT or STT_TLS symbol of the static symbol table.
struct DataSymbol {
  std::string name;          // as in the symbol table: mangled for C++
  uint64_t address = 0;      // st_value: a virtual address, or for TLS the offset in the block
  uint64_t size = 0;         // st_size in bytes
  std::string section;       // ".bss"
  Storage storage = Storage::kWritable;
  bool zero_initialized = false;  // in a NOBITS section (.bss, .tbss)
  // For a local symbol, the source file of the STT_FILE entry it follows ("m.pyidl.cpp"):
  // the linker groups each object file's local symbols after its file name. Empty for
  // global symbols and for hidden ones the linker made local.
  std::string object_file;
};

// An open ELF shared library or executable. Owns the file descriptor and the libelf handle.
class ElfFile {
 public:
  // Opens `path`. On failure returns nullptr and sets *error to the reason, without the
  // path (the caller prefixes it): unreadable, not ELF, not a linked module.
  static std::unique_ptr<ElfFile> open(const std::string& path, std::string* error);
  ~ElfFile();
  ElfFile(const ElfFile&) = delete;
  ElfFile& operator=(const ElfFile&) = delete;

  // The libelf handle, valid as long as this object; for reading DWARF from the same file.
  Elf* elf() const { return elf_; }

  // The data symbols in writable or thread-local storage, in symbol-table order. Returns
  // nullopt and sets *error when the file has no static symbol table (.symtab): a stripped
  // module hides exactly the local and hidden symbols the audit is about.
  std::optional<std::vector<DataSymbol>> data_symbols(std::string* error) const;

 private:
  ElfFile(int fd, Elf* elf) : fd_(fd), elf_(elf) {}
  int fd_;
  Elf* elf_;
};

}  // namespace pyidlc::audit
