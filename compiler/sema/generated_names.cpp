// generated_names.cpp: spellings of generated C++ identifiers (see generated_names.h).
#include "compiler/sema/generated_names.h"

#include <set>

#include "compiler/sema/special_methods.h"

namespace pyidlc::sema::names {
namespace {

// Role suffixes, shared by the spelling functions and for_each_generated_name.
constexpr std::string_view kModuleRoles[] = {
    "module_state", "module_exec", "module_traverse", "module_clear", "module_free",
    "module_methods", "module_slots", "module_def", "module_make_enum", "module_translate",
    "module_add_submodule",
};
enum ModuleRole {
  kState, kExec, kTraverse, kClear, kFree, kMethods, kSlots, kDef, kMakeEnum, kTranslate,
  kAddSubmodule,
};

constexpr std::string_view kClassRoles[] = {
    "spec", "slots", "methods", "static_methods", "getset", "state", "unwrap", "wrap",
    "tp_init", "vectorcall",
};
enum ClassRole {
  kSpec, kClassSlots, kClassMethods, kStaticMethods, kGetset, kClassState, kUnwrap, kWrap,
  kTpInit, kVectorcall,
};

// Emitted only where the IDL asks for them (@serialized, @shareable).
constexpr std::string_view kModuleSerializedLock = "module_serialized_lock";
constexpr std::string_view kClassSerializedLock = "serialized_lock";

constexpr std::string_view kEnumRoles[] = {"from_python", "to_python"};
enum EnumRole { kFromPython, kToPython };

// Each wrapper with parameters has three constants beside it: its parameter names, its
// pyidl::signature and the error contexts of its parameters.
constexpr std::string_view kWrapperConstants[] = {"names", "sig", "contexts"};

std::string join(std::string_view prefix, std::string_view suffix) {
  std::string result(prefix);
  result += '_';
  result += suffix;
  return result;
}

// A Python name inside a prefix: "<prefix>_<escaped name>" (functions, classes, methods).
std::string member(std::string_view prefix, std::string_view python_name) {
  return join(prefix, escape(python_name));
}

// "<prefix>_get_<escaped name>" and "<prefix>_set_<escaped name>".
std::string accessor(std::string_view prefix, std::string_view verb, std::string_view python_name) {
  return join(prefix, std::string(verb) + "_" + escape(python_name));
}

std::string class_prefix(const Module& module, const Class& cls) {
  return member(module_prefix(module), cls.python_name);
}

std::string enum_role(const Module& module, const Enum& e, EnumRole role) {
  return join(member(module_prefix(module), e.python_name), kEnumRoles[role]);
}

std::string module_role(const Module& module, ModuleRole role) {
  return join(module_prefix(module), kModuleRoles[role]);
}

std::string class_role(const Module& module, const Class& cls, ClassRole role) {
  return join(class_prefix(module, cls), kClassRoles[role]);
}

}  // namespace

std::string escape(std::string_view python_name) {
  if (is_dunder(python_name)) {
    return "dunder_" + escape(python_name.substr(2, python_name.size() - 4));
  }
  std::string result(python_name);
  for (size_t i = 0; i < result.size(); ++i) {
    bool at_edge = i == 0 || i + 1 == result.size();
    // Compare with the original text: an underscore already turned into 'u' must not hide a
    // following one ("a___b" → "a_uub").
    bool after_underscore = i > 0 && python_name[i - 1] == '_';
    if (result[i] == '_' && (at_edge || after_underscore)) result[i] = 'u';
  }
  return result;
}

std::string module_prefix(const Module& module) {
  std::string result;
  size_t start = 0;
  while (true) {
    size_t dot = module.name.find('.', start);
    if (!result.empty()) result += '_';
    result += escape(std::string_view(module.name).substr(start, dot - start));
    if (dot == std::string::npos) return result;
    start = dot + 1;
  }
}

std::string module_state(const Module& m) { return module_role(m, kState); }
std::string module_exec(const Module& m) { return module_role(m, kExec); }
std::string module_traverse(const Module& m) { return module_role(m, kTraverse); }
std::string module_clear(const Module& m) { return module_role(m, kClear); }
std::string module_free(const Module& m) { return module_role(m, kFree); }
std::string module_methods(const Module& m) { return module_role(m, kMethods); }
std::string module_slots(const Module& m) { return module_role(m, kSlots); }
std::string module_def(const Module& m) { return module_role(m, kDef); }
std::string module_make_enum(const Module& m) { return module_role(m, kMakeEnum); }
std::string module_translate(const Module& m) { return module_role(m, kTranslate); }
std::string module_add_submodule(const Module& m) { return module_role(m, kAddSubmodule); }
// CPython looks the export up by exactly this name, so the short name is not escaped.
std::string module_init(const Module& m) { return "PyInit_" + m.short_name; }
std::string module_serialized_lock(const Module& m) {
  return join(module_prefix(m), kModuleSerializedLock);
}

std::string function_wrapper(const Module& module, const Function& function) {
  return member(module_prefix(module), function.python_name);
}
std::string signature_names(const std::string& wrapper) { return join(wrapper, kWrapperConstants[0]); }
std::string signature_constant(const std::string& wrapper) {
  return join(wrapper, kWrapperConstants[1]);
}
std::string signature_contexts(const std::string& wrapper) {
  return join(wrapper, kWrapperConstants[2]);
}

std::string class_spec(const Module& m, const Class& c) { return class_role(m, c, kSpec); }
std::string class_slots(const Module& m, const Class& c) { return class_role(m, c, kClassSlots); }
std::string class_methods(const Module& m, const Class& c) { return class_role(m, c, kClassMethods); }
std::string class_static_methods(const Module& m, const Class& c) {
  return class_role(m, c, kStaticMethods);
}
std::string class_getset(const Module& m, const Class& c) { return class_role(m, c, kGetset); }
std::string class_state(const Module& m, const Class& c) { return class_role(m, c, kClassState); }
std::string class_unwrap(const Module& m, const Class& c) { return class_role(m, c, kUnwrap); }
std::string class_wrap(const Module& m, const Class& c) { return class_role(m, c, kWrap); }
std::string class_tp_init(const Module& m, const Class& c) { return class_role(m, c, kTpInit); }
std::string class_vectorcall(const Module& m, const Class& c) { return class_role(m, c, kVectorcall); }
std::string class_slot_function(const Module& m, const Class& c, std::string_view slot) {
  // "Py_nb_add" → "<class>_slot_nb_add"
  return join(class_prefix(m, c), "slot_" + std::string(slot.substr(3)));
}

std::string class_serialized_lock(const Module& m, const Class& c) {
  return join(class_prefix(m, c), kClassSerializedLock);
}
std::string class_reduce(const Module& m, const Class& c) {
  return member(class_prefix(m, c), kReduceMethod);
}
std::string class_adopt(const Module& m, const Class& c) {
  return member(class_prefix(m, c), kAdoptMethod);
}

std::string enum_from_python(const Module& m, const Enum& e) { return enum_role(m, e, kFromPython); }
std::string enum_to_python(const Module& m, const Enum& e) { return enum_role(m, e, kToPython); }

std::string method_wrapper(const Module& module, const Class& cls, const Function& method) {
  return member(class_prefix(module, cls), method.python_name);
}

std::string getter(const Module& module, const Class& cls, std::string_view python_name) {
  return accessor(class_prefix(module, cls), "get", python_name);
}
std::string setter(const Module& module, const Class& cls, std::string_view python_name) {
  return accessor(class_prefix(module, cls), "set", python_name);
}

std::string parameter_local(size_t index, std::string_view python_name) {
  return "arg_" + std::to_string(index) + "_" + escape(python_name);
}

namespace {

// Spells from prefixes computed once per module and class: the same joins as the functions
// above, without re-escaping the module name for each of thousands of identifiers.
void visit_class(const std::string& module_prefix, const Class& cls, const NameVisitor& visit) {
  const std::string prefix = member(module_prefix, cls.python_name);
  for (std::string_view role : kClassRoles) visit(join(prefix, role), cls.python_name, cls.name_range);
  if (cls.serialized) visit(join(prefix, kClassSerializedLock), cls.python_name, cls.name_range);
  if (cls.shareable) {
    for (std::string_view method : {kReduceMethod, kAdoptMethod}) {
      visit(member(prefix, method), cls.python_name, cls.name_range);
    }
  }
  // One function per slot, however many dunders share it (__eq__ and __lt__ share
  // tp_richcompare): name it after the first.
  std::set<std::string_view> slots;
  for (const Function& method : cls.special_methods) {
    if (method.special != nullptr && slots.insert(method.special->slot).second) {
      visit(join(prefix, "slot_" + std::string(method.special->slot.substr(3))),
            cls.python_name + "." + method.python_name, method.name_range);
    }
  }
  auto visit_method = [&](const Function& method) {
    std::string owner = cls.python_name + "." + method.python_name;
    std::string wrapper = member(prefix, method.python_name);
    visit(wrapper, owner, method.name_range);
    for (std::string_view constant : kWrapperConstants) {
      visit(join(wrapper, constant), owner, method.name_range);
    }
  };
  if (cls.constructor) visit_method(*cls.constructor);
  for (const Function& method : cls.methods) visit_method(method);
  for (const Function& method : cls.special_methods) visit_method(method);
  auto visit_accessors = [&](const std::string& name, SourceRange range) {
    std::string owner = cls.python_name + "." + name;
    visit(accessor(prefix, "get", name), owner, range);
    visit(accessor(prefix, "set", name), owner, range);
  };
  for (const DataMember& member : cls.members) visit_accessors(member.python_name, member.name_range);
  for (const Property& property : cls.properties) {
    visit_accessors(property.python_name, property.name_range);
  }
}

}  // namespace

void for_each_generated_name(const Module& module, const NameVisitor& visit) {
  const std::string prefix = module_prefix(module);
  for (std::string_view role : kModuleRoles) visit(join(prefix, role), module.name, module.range);
  visit(module_init(module), module.name, module.range);
  for (const Function& function : module.functions) {
    std::string wrapper = member(prefix, function.python_name);
    visit(wrapper, function.python_name, function.name_range);
    for (std::string_view constant : kWrapperConstants) {
      visit(join(wrapper, constant), function.python_name, function.name_range);
    }
  }
  for (const Enum& e : module.enums) {
    for (std::string_view role : kEnumRoles) {
      visit(join(member(prefix, e.python_name), role), e.python_name, e.range);
    }
  }
  for (const Class& cls : module.classes) visit_class(prefix, cls, visit);
  if (module.serialized) visit(join(prefix, kModuleSerializedLock), module.name, module.range);
}

}  // namespace pyidlc::sema::names
