// debug_info.cpp: indexing DWARF variables by address and describing them, with libdw.
#include "compiler/audit/debug_info.h"

#include <dwarf.h>
#include <elfutils/libdw.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <utility>

namespace pyidlc::audit {

namespace {

// Where a variable lives: {is a TLS offset, address or offset}.
using Key = std::pair<bool, uint64_t>;

// The key of a variable's DW_AT_location, if it is a fixed place: DW_OP_addr for static
// storage, or a constant followed by the TLS operator for thread_local.
std::optional<Key> location_key(Dwarf_Die* die) {
  Dwarf_Attribute attr;
  Dwarf_Op* ops = nullptr;
  size_t count = 0;
  if (dwarf_attr(die, DW_AT_location, &attr) == nullptr ||
      dwarf_getlocation(&attr, &ops, &count) != 0) {
    return std::nullopt;
  }
  if (count == 1 && ops[0].atom == DW_OP_addr) return Key{false, ops[0].number};
  const bool tls_operator = count == 2 && (ops[1].atom == DW_OP_GNU_push_tls_address ||
                                           ops[1].atom == DW_OP_form_tls_address);
  if (tls_operator && (ops[0].atom == DW_OP_const4u || ops[0].atom == DW_OP_const8u ||
                       ops[0].atom == DW_OP_constu || ops[0].atom == DW_OP_addr)) {
    return Key{true, ops[0].number};
  }
  return std::nullopt;
}

// The DIE an attribute (followed through DW_AT_specification/abstract_origin) refers to.
bool referenced_die(Dwarf_Die* die, unsigned attribute, Dwarf_Die* result) {
  Dwarf_Attribute attr;
  return dwarf_attr_integrate(die, attribute, &attr) != nullptr &&
         dwarf_formref_die(&attr, result) != nullptr;
}

// "ns::Class::name" for a DIE, from the namespaces and classes that enclose it.
std::string qualified_name(Dwarf_Die* die) {
  const char* own = dwarf_diename(die);
  std::string name = own != nullptr ? own : "";
  Dwarf_Die* scopes = nullptr;
  const int count = dwarf_getscopes_die(die, &scopes);
  for (int i = 1; i < count; ++i) {  // scopes[0] is the DIE itself
    const int tag = dwarf_tag(&scopes[i]);
    if (tag != DW_TAG_namespace && tag != DW_TAG_class_type && tag != DW_TAG_structure_type &&
        tag != DW_TAG_union_type) {
      continue;
    }
    const char* scope = dwarf_diename(&scopes[i]);
    name = std::string(scope != nullptr ? scope : "(anonymous namespace)") + "::" + name;
  }
  free(scopes);  // allocated by libdw with malloc
  return name;
}

// Sets the type fields of `variable` from DW_AT_type: typedefs, cv-qualifiers and array
// bounds are looked through (an array of atomics is synchronized, an array of const
// elements is const), pointers are not (the pointer itself is the writable object).
void describe_type(Dwarf_Die* die, DebugVariable& variable) {
  Dwarf_Die type;
  if (!referenced_die(die, DW_AT_type, &type)) return;
  // C's `typedef struct { ... } PyType_Spec;` names the struct only through its typedef.
  std::string typedef_name;
  for (int depth = 0; depth < 64; ++depth) {  // a bound against malformed, cyclic DWARF
    const int tag = dwarf_tag(&type);
    if (tag == DW_TAG_const_type) variable.is_const = true;
    if (tag == DW_TAG_typedef) typedef_name = qualified_name(&type);
    if (tag != DW_TAG_const_type && tag != DW_TAG_volatile_type && tag != DW_TAG_typedef &&
        tag != DW_TAG_restrict_type && tag != DW_TAG_array_type) {
      variable.type = dwarf_diename(&type) != nullptr ? qualified_name(&type) : typedef_name;
      return;
    }
    if (!referenced_die(&type, DW_AT_type, &type)) return;  // `const void` and the like
  }
}

// True when the declaration of a namespace-scope definition is a member of a class.
bool is_class_member(Dwarf_Die* die) {
  Dwarf_Attribute attr;
  Dwarf_Die declaration;
  if (dwarf_attr(die, DW_AT_specification, &attr) == nullptr ||
      dwarf_formref_die(&attr, &declaration) == nullptr) {
    return false;
  }
  Dwarf_Die* scopes = nullptr;
  const int count = dwarf_getscopes_die(&declaration, &scopes);
  const int parent = count > 1 ? dwarf_tag(&scopes[1]) : 0;
  free(scopes);
  return parent == DW_TAG_class_type || parent == DW_TAG_structure_type ||
         parent == DW_TAG_union_type;
}

}  // namespace

struct DebugInfo::Impl {
  Dwarf* dwarf = nullptr;
  // Each variable with a fixed location, and its unit's compilation directory. The first
  // DIE wins: an inline variable defined in several units has one address.
  std::map<Key, std::pair<Dwarf_Die, std::string>> variables;

  // `depth` bounds the recursion: real DWARF nests a few dozen levels, a corrupt file
  // could nest until the stack overflows.
  void collect(Dwarf_Die* parent, const std::string& comp_dir, int depth) {
    Dwarf_Die child;
    if (depth > 256 || dwarf_child(parent, &child) != 0) return;
    do {
      if (dwarf_tag(&child) == DW_TAG_variable) {
        if (const std::optional<Key> key = location_key(&child)) {
          variables.try_emplace(*key, child, comp_dir);
        }
      }
      // Function-local statics sit inside subprograms and lexical blocks.
      if (dwarf_haschildren(&child) > 0) collect(&child, comp_dir, depth + 1);
    } while (dwarf_siblingof(&child, &child) == 0);
  }
};

DebugInfo::DebugInfo(Elf* elf) : impl_(std::make_unique<Impl>()) {
  impl_->dwarf = dwarf_begin_elf(elf, DWARF_C_READ, nullptr);
  if (impl_->dwarf == nullptr) return;
  Dwarf_CU* unit = nullptr;
  Dwarf_Half version = 0;
  uint8_t unit_type = 0;
  Dwarf_Die unit_die;
  while (dwarf_get_units(impl_->dwarf, unit, &unit, &version, &unit_type, &unit_die, nullptr) ==
         0) {
    Dwarf_Attribute attr;
    const char* comp_dir = dwarf_formstring(dwarf_attr(&unit_die, DW_AT_comp_dir, &attr));
    impl_->collect(&unit_die, comp_dir != nullptr ? comp_dir : "", 0);
  }
}

DebugInfo::~DebugInfo() {
  if (impl_->dwarf != nullptr) dwarf_end(impl_->dwarf);
}

bool DebugInfo::available() const { return impl_->dwarf != nullptr; }

std::optional<DebugVariable> DebugInfo::find(bool thread_local_offset, uint64_t address) const {
  const auto found = impl_->variables.find(Key{thread_local_offset, address});
  if (found == impl_->variables.end()) return std::nullopt;
  Dwarf_Die die = found->second.first;
  DebugVariable variable;
  if (const char* file = dwarf_decl_file(&die)) {
    // Relative names are relative to the directory the unit was compiled in.
    variable.file = (std::filesystem::path(found->second.second) / file).lexically_normal();
  }
  dwarf_decl_line(&die, &variable.line);
  describe_type(&die, variable);
  variable.class_member = is_class_member(&die);
  return variable;
}

}  // namespace pyidlc::audit
