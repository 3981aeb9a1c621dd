// transfer_registry.cpp: the process-wide registry of @shareable objects in transit between
// interpreters (see pyidl/shareable.h), and the Python side of __reduce__/__pyidl_adopt__.
#include "pyidl/shareable.h"

#include "pyidl/object.h"
#include "pyidl/sync/mutex.h"

#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <unordered_map>

PYIDL_NAMESPACE_BEGIN
namespace detail {
namespace {

struct pending_transfer {
  std::string type_key;
  std::uintptr_t handle;
};

// Process-wide by design: the registry is how an object leaves one interpreter and enters
// another. Every copy of the runtime (one per extension module) has its own, which is right:
// a token is redeemed by the same module's class in the receiving interpreter. The map is
// made on first use and never freed, so no destructor runs at exit while a handle is out.
constinit mutex registry_mutex;
constinit std::unordered_map<std::uint64_t, pending_transfer>* registry = nullptr;
constinit std::uint64_t issued = 0;  // tokens issued so far
constinit std::uint64_t seed = 0;    // random per process, drawn with the first token

// A bijection of 64-bit integers (splitmix64's finalizer): distinct serials give distinct
// tokens, and tokens do not reveal how many were issued.
std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Random so that a pickle left over from another process (a file, a stale queue) names no
// object of this one by accident.
std::uint64_t draw_seed() {
  try {
    std::random_device device;
    return (std::uint64_t{device()} << 32) ^ device();
  } catch (...) {  // no entropy source: the clock still differs between processes
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
}

}  // namespace

std::uint64_t register_transfer(std::string_view type_key, std::uintptr_t handle) {
  std::lock_guard lock(registry_mutex);
  if (registry == nullptr) {
    registry = new std::unordered_map<std::uint64_t, pending_transfer>();
    seed = draw_seed();
  }
  const std::uint64_t token = mix(seed + ++issued);
  registry->emplace(token, pending_transfer{std::string(type_key), handle});
  return token;
}

std::optional<std::uintptr_t> take_transfer(std::uint64_t token, std::string_view type_key) {
  std::lock_guard lock(registry_mutex);
  if (registry == nullptr) return std::nullopt;
  auto it = registry->find(token);
  if (it == registry->end() || it->second.type_key != type_key) return std::nullopt;
  const std::uintptr_t handle = it->second.handle;
  registry->erase(it);
  return handle;
}

void raise_unknown_transfer(std::uint64_t token, std::string_view type_key) {
  const std::string key(type_key);
  PyErr_Format(PyExc_ValueError,
               "no %s object is waiting under transfer token %llu: it is unknown, was unpickled "
               "already, or was pickled in another process",
               key.c_str(), static_cast<unsigned long long>(token));
}

bool check_reduce_arguments(Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs == 0 && (kwnames == nullptr || PyTuple_Size(kwnames) == 0)) return true;
  PyErr_SetString(PyExc_TypeError, "__reduce__() takes no arguments");
  return false;
}

std::optional<std::uint64_t> parse_token(PyObject* const* args, Py_ssize_t nargs,
                                         PyObject* kwnames) {
  // Public, limited-API calls only: the runtime is also built for stable-ABI modules.
  if ((kwnames != nullptr && PyTuple_Size(kwnames) != 0) || nargs != 1) {
    PyErr_SetString(PyExc_TypeError, "a transfer token is adopted with exactly one positional argument");
    return std::nullopt;
  }
  PyObject* arg = args[0];
  if (!PyLong_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "a transfer token must be an int");
    return std::nullopt;
  }
  const unsigned long long token = PyLong_AsUnsignedLongLong(arg);
  if (token == static_cast<unsigned long long>(-1) && PyErr_Occurred()) return std::nullopt;
  return token;
}

PyObject* reduce_value(PyTypeObject* type, const char* adopt_method, std::uint64_t token) {
  ref adopt = ref::steal(PyObject_GetAttrString(reinterpret_cast<PyObject*>(type), adopt_method));
  ref number = ref::steal(PyLong_FromUnsignedLongLong(token));
  if (!adopt || !number) return nullptr;
  return Py_BuildValue("(O(O))", adopt.get(), number.get());
}

}  // namespace detail
PYIDL_NAMESPACE_END
