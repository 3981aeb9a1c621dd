// elf_file.cpp: opening a module with libelf and listing its writable data symbols.
#include "compiler/audit/elf_file.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

namespace pyidlc::audit {

namespace {

// Address ranges that PT_GNU_RELRO makes read-only once relocations are applied.
using Ranges = std::vector<std::pair<uint64_t, uint64_t>>;

Ranges relro_ranges(Elf* elf) {
  Ranges ranges;
  size_t count = 0;
  if (elf_getphdrnum(elf, &count) != 0) return ranges;
  for (size_t i = 0; i < count; ++i) {
    GElf_Phdr phdr;
    if (gelf_getphdr(elf, static_cast<int>(i), &phdr) != nullptr && phdr.p_type == PT_GNU_RELRO) {
      ranges.emplace_back(phdr.p_vaddr, phdr.p_vaddr + phdr.p_memsz);
    }
  }
  return ranges;
}

bool in_ranges(const Ranges& ranges, uint64_t address) {
  for (const auto& [begin, end] : ranges) {
    if (address >= begin && address < end) return true;
  }
  return false;
}

// Sections the dynamic loader fills (relocations, constructors, the dynamic table): the
// module's code never writes them.
bool is_loader_table(std::string_view section) {
  constexpr std::string_view kTables[] = {".got",        ".got.plt",   ".dynamic",
                                          ".init_array", ".fini_array", ".preinit_array",
                                          ".tm_clone_table"};
  for (std::string_view table : kTables) {
    if (section == table) return true;
  }
  return false;
}

Elf_Scn* find_section(Elf* elf, GElf_Word type) {
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn != nullptr; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr shdr;
    if (gelf_getshdr(scn, &shdr) != nullptr && shdr.sh_type == type) return scn;
  }
  return nullptr;
}

}  // namespace

std::unique_ptr<ElfFile> ElfFile::open(const std::string& path, std::string* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::string("cannot open: ") + std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    *error = "is a directory, not a module";
    return nullptr;
  }
  elf_version(EV_CURRENT);  // libelf refuses to work until told which ELF version we speak
  Elf* elf = elf_begin(fd, ELF_C_READ_MMAP, nullptr);
  if (elf == nullptr) {
    ::close(fd);
    *error = std::string("cannot read: ") + elf_errmsg(-1);
    return nullptr;
  }
  std::unique_ptr<ElfFile> file(new ElfFile(fd, elf));
  if (elf_kind(elf) == ELF_K_AR) {
    *error = "is a static archive: audit the linked module (.so) instead";
    return nullptr;
  }
  GElf_Ehdr ehdr;
  if (elf_kind(elf) != ELF_K_ELF || gelf_getehdr(elf, &ehdr) == nullptr) {
    *error = "not an ELF file";
    return nullptr;
  }
  if (ehdr.e_type != ET_DYN && ehdr.e_type != ET_EXEC) {
    *error = "is an object file, not a linked module: audit the .so instead";
    return nullptr;
  }
  return file;
}

ElfFile::~ElfFile() {
  elf_end(elf_);
  ::close(fd_);
}

std::optional<std::vector<DataSymbol>> ElfFile::data_symbols(std::string* error) const {
  Elf_Scn* symtab = find_section(elf_, SHT_SYMTAB);
  GElf_Shdr symtab_header;
  Elf_Data* symbols = symtab != nullptr ? elf_getdata(symtab, nullptr) : nullptr;
  if (symbols == nullptr || gelf_getshdr(symtab, &symtab_header) == nullptr ||
      symtab_header.sh_entsize == 0) {
    *error = "has no symbol table (.symtab), as after strip: audit the module before it is "
             "stripped";
    return std::nullopt;
  }
  // Section indexes too large for st_shndx live in SHT_SYMTAB_SHNDX.
  Elf_Scn* shndx_section = find_section(elf_, SHT_SYMTAB_SHNDX);
  Elf_Data* shndx_data = shndx_section != nullptr ? elf_getdata(shndx_section, nullptr) : nullptr;
  size_t section_names = 0;
  if (elf_getshdrstrndx(elf_, &section_names) != 0) {
    *error = std::string("cannot read the section names: ") + elf_errmsg(-1);
    return std::nullopt;
  }
  const Ranges relro = relro_ranges(elf_);

  std::vector<DataSymbol> result;
  std::string object_file;
  const size_t count = symtab_header.sh_size / symtab_header.sh_entsize;
  for (size_t i = 0; i < count; ++i) {
    // sh_info is the index of the first global symbol: file groups end there.
    if (i == symtab_header.sh_info) object_file.clear();
    GElf_Sym sym;
    Elf32_Word extended_index = 0;
    if (gelf_getsymshndx(symbols, shndx_data, static_cast<int>(i), &sym, &extended_index) ==
        nullptr) {
      continue;
    }
    const char* name = elf_strptr(elf_, symtab_header.sh_link, sym.st_name);
    if (name == nullptr) continue;
    const unsigned type = GELF_ST_TYPE(sym.st_info);
    if (type == STT_FILE) {
      object_file = name;
      continue;
    }
    if (type != STT_OBJECT && type != STT_TLS) continue;
    const size_t index = sym.st_shndx == SHN_XINDEX ? extended_index : sym.st_shndx;
    if (index == SHN_UNDEF || (sym.st_shndx != SHN_XINDEX && index >= SHN_LORESERVE)) continue;
    GElf_Shdr section;
    if (gelf_getshdr(elf_getscn(elf_, index), &section) == nullptr ||
        (section.sh_flags & SHF_ALLOC) == 0) {
      continue;
    }
    DataSymbol data;
    const char* section_name = elf_strptr(elf_, section_names, section.sh_name);
    data.section = section_name != nullptr ? section_name : "";
    if ((section.sh_flags & SHF_TLS) != 0) {
      data.storage = Storage::kThreadLocal;
    } else if ((section.sh_flags & SHF_WRITE) == 0 || in_ranges(relro, sym.st_value) ||
               data.section.starts_with(".data.rel.ro")) {
      // .data.rel.ro holds const data that needs relocating; it counts as read-only even
      // in a module linked with -z norelro, where nothing protects it.
      continue;
    } else if (is_loader_table(data.section)) {
      data.storage = Storage::kLoaderTable;
    }
    data.name = name;
    data.address = sym.st_value;
    data.size = sym.st_size;
    data.zero_initialized = section.sh_type == SHT_NOBITS;
    if (GELF_ST_BIND(sym.st_info) == STB_LOCAL) data.object_file = object_file;
    result.push_back(std::move(data));
  }
  return result;
}

}  // namespace pyidlc::audit
