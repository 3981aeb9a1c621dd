// instance_layout.cpp: the three ways an instance holds its C++ object (instance_layout.h).
#include "compiler/codegen/instance_layout.h"

#include "compiler/sema/generated_names.h"

namespace pyidlc::codegen {

std::string stored_type(const sema::Class& cls) {
  if (cls.shareable) return "pyidl::shared<" + object_type(cls) + ">";
  return object_type(cls);
}

std::string object_type(const sema::Class& cls) {
  return cls.object_lock ? "pyidl::guarded<" + cls.cxx_type + ">" : cls.cxx_type;
}

std::string object_of(const sema::Class& cls, const std::string& src) {
  if (cls.shareable) return "pyidl::shared_instance_or_raise<" + cls.cxx_type + ">(" + src + ")";
  return "pyidl::instance_value_or_raise<" + stored_type(cls) + ">(" + src + ")";
}

std::string value_of(const sema::Class& cls, const std::string& object) {
  return cls.object_lock ? object + "->value" : "*" + object;
}

std::string construct_function(const sema::Class& cls) {
  if (cls.shareable) return "pyidl::construct_shared_instance<" + cls.cxx_type + ">";
  if (cls.object_lock) return "pyidl::construct_locked_instance<" + cls.cxx_type + ">";
  return "pyidl::instance_construct<" + cls.cxx_type + ">";
}

std::string dealloc_function(const sema::Class& cls) {
  const std::string lock = serialized_lock(cls);
  if (lock.empty()) return "pyidl::instance_dealloc<" + stored_type(cls) + ">";
  return "pyidl::serialized_instance_dealloc<" + stored_type(cls) + ", " + lock + ">";
}

std::string serialized_lock(const sema::Class& cls) {
  if (!serialized_lock(*cls.module).empty()) return serialized_lock(*cls.module);
  return cls.serialized ? sema::names::class_serialized_lock(*cls.module, cls) : "";
}

std::string serialized_lock(const sema::Module& module) {
  const sema::Module* serializing = sema::serializing_module(module);
  return serializing ? sema::names::module_serialized_lock(*serializing) : "";
}

}  // namespace pyidlc::codegen
