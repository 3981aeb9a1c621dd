// generated_names.cpp: spellings of generated C++ identifiers (see generated_names.h).
#include "compiler/sema/generated_names.h"

#include "compiler/sema/special_methods.h"

namespace pyidlc::sema::names {
namespace {

std::string join(std::string_view prefix, std::string_view suffix) {
  std::string result(prefix);
  result += '_';
  result += suffix;
  return result;
}

std::string class_prefix(const Module& module, const Class& cls) {
  return join(module_prefix(module), escape(cls.python_name));
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

std::string module_state(const Module& m) { return join(module_prefix(m), "module_state"); }
std::string module_exec(const Module& m) { return join(module_prefix(m), "module_exec"); }
std::string module_traverse(const Module& m) { return join(module_prefix(m), "module_traverse"); }
std::string module_clear(const Module& m) { return join(module_prefix(m), "module_clear"); }
std::string module_free(const Module& m) { return join(module_prefix(m), "module_free"); }
std::string module_methods(const Module& m) { return join(module_prefix(m), "module_methods"); }
std::string module_slots(const Module& m) { return join(module_prefix(m), "module_slots"); }
std::string module_def(const Module& m) { return join(module_prefix(m), "module_def"); }
std::string module_doc(const Module& m) { return join(module_prefix(m), "module_doc"); }
// CPython looks the export up by exactly this name, so the short name is not escaped.
std::string module_init(const Module& m) { return "PyInit_" + m.short_name; }

std::string function_wrapper(const Module& module, const Function& function) {
  return join(module_prefix(module), escape(function.python_name));
}
std::string function_doc(const Module& module, const Function& function) {
  return join(function_wrapper(module, function), "doc");
}

std::string class_object(const Module& m, const Class& c) { return join(class_prefix(m, c), "object"); }
std::string class_spec(const Module& m, const Class& c) { return join(class_prefix(m, c), "spec"); }
std::string class_slots(const Module& m, const Class& c) { return join(class_prefix(m, c), "slots"); }
std::string class_methods(const Module& m, const Class& c) { return join(class_prefix(m, c), "methods"); }
std::string class_getset(const Module& m, const Class& c) { return join(class_prefix(m, c), "getset"); }
std::string class_dealloc(const Module& m, const Class& c) { return join(class_prefix(m, c), "dealloc"); }
std::string class_traverse(const Module& m, const Class& c) { return join(class_prefix(m, c), "traverse"); }
std::string class_doc(const Module& m, const Class& c) { return join(class_prefix(m, c), "doc"); }

std::string method_wrapper(const Module& module, const Class& cls, const Function& method) {
  return join(class_prefix(module, cls), escape(method.python_name));
}
std::string method_doc(const Module& module, const Class& cls, const Function& method) {
  return join(method_wrapper(module, cls, method), "doc");
}

std::string getter(const Module& module, const Class& cls, std::string_view python_name) {
  return join(class_prefix(module, cls), "get_" + escape(python_name));
}
std::string setter(const Module& module, const Class& cls, std::string_view python_name) {
  return join(class_prefix(module, cls), "set_" + escape(python_name));
}

std::string parameter_local(size_t index, std::string_view python_name) {
  return "arg_" + std::to_string(index) + "_" + escape(python_name);
}

namespace {

void visit_class(const Module& module, const Class& cls, const NameVisitor& visit) {
  for (auto spell : {class_object, class_spec, class_slots, class_methods, class_getset,
                     class_dealloc, class_traverse, class_doc}) {
    visit(spell(module, cls), cls.python_name, cls.name_range);
  }
  auto visit_method = [&](const Function& method) {
    std::string owner = cls.python_name + "." + method.python_name;
    visit(method_wrapper(module, cls, method), owner, method.name_range);
    visit(method_doc(module, cls, method), owner, method.name_range);
  };
  if (cls.constructor) visit_method(*cls.constructor);
  for (const Function& method : cls.methods) visit_method(method);
  for (const Function& method : cls.special_methods) visit_method(method);
  auto visit_accessors = [&](const std::string& name, SourceRange range) {
    std::string owner = cls.python_name + "." + name;
    visit(getter(module, cls, name), owner, range);
    visit(setter(module, cls, name), owner, range);
  };
  for (const DataMember& member : cls.members) visit_accessors(member.python_name, member.name_range);
  for (const Property& property : cls.properties) {
    visit_accessors(property.python_name, property.name_range);
  }
}

}  // namespace

void for_each_generated_name(const Module& module, const NameVisitor& visit) {
  for (auto spell : {module_state, module_exec, module_traverse, module_clear, module_free,
                     module_methods, module_slots, module_def, module_doc, module_init}) {
    visit(spell(module), module.name, module.range);
  }
  for (const Function& function : module.functions) {
    visit(function_wrapper(module, function), function.python_name, function.name_range);
    visit(function_doc(module, function), function.python_name, function.name_range);
  }
  for (const Class& cls : module.classes) visit_class(module, cls, visit);
}

}  // namespace pyidlc::sema::names
