// instance_layout.h: how instances of a bound class hold their C++ object, and how generated
// code reaches that object, its per-object lock and its @serialized lock.
//
//   class kind              instance layout                             object generated code uses
//   plain                   pyidl::instance<T>                          T
//   per-object lock         pyidl::instance<pyidl::guarded<T>>          pyidl::guarded<T> (.value, .lock)
//   @shareable              pyidl::instance<pyidl::shared<pyidl::guarded<T>>>  pyidl::guarded<T>
//
// (runtime/include/pyidl/instance.h, call_lock.h, shareable.h.)
#pragma once

#include <string>

#include "compiler/sema/model.h"

namespace pyidlc::codegen {

// What pyidl::instance<...> stores: "T", "pyidl::guarded<T>" or
// "pyidl::shared<pyidl::guarded<T>>".
std::string stored_type(const sema::Class& cls);

// What a pointer to the C++ side of an instance points to: "T", or "pyidl::guarded<T>" for
// classes with a per-object lock.
std::string object_type(const sema::Class& cls);

// An expression giving that pointer for the PyObject* `src` (an instance of the class), or
// nullptr with RuntimeError when it was never initialized.
std::string object_of(const sema::Class& cls, const std::string& src);

// The C++ value behind the object pointer `object`: "*p" or "p->value".
std::string value_of(const sema::Class& cls, const std::string& object);

// The runtime function that constructs the C++ object in an instance from arguments
// (`fn<T>(self, args...)`): pyidl::instance_construct, construct_locked_instance or
// construct_shared_instance.
std::string construct_function(const sema::Class& cls);

// The tp_dealloc function of the class's instances.
std::string dealloc_function(const sema::Class& cls);

// The namespace-scope pyidl::call_lock that serializes calls into the class's C++ code: its
// module's (or an enclosing module's) @serialized lock, its own if it is @serialized, or ""
// if nothing serializes it.
std::string serialized_lock(const sema::Class& cls);
// The same for the module functions of `module`.
std::string serialized_lock(const sema::Module& module);

}  // namespace pyidlc::codegen
