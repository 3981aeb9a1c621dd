// args_test.cpp: argument unpacking, compared call by call with Argument Clinic functions.
#include <catch2/catch.hpp>

#include "python_helpers.h"

#include <string>
#include <vector>

using pyidl::ref;
using pyidl::signature;
using pyidl_test::take_error;

namespace {

// A signature whose names live in owned strings (test-only; generated code uses constexpr).
struct owned_signature {
  std::string function;
  std::vector<std::string> name_storage;
  std::vector<const char*> names;
  signature sig{};

  owned_signature(std::string fn, std::vector<std::string> params, int posonly, int pk, int kwonly,
                  int reqpos, int reqkw)
      : function(std::move(fn)), name_storage(std::move(params)) {
    for (const auto& n : name_storage) {
      names.push_back(n.c_str());
    }
    sig = signature{function.c_str(), names.data(), posonly, pk, kwonly, reqpos, reqkw};
  }
};

// Every call shape worth trying for a signature: 0..max_positional+1 positionals, and up to
// three keywords drawn from the parameter names, a near-miss of each name (to trigger 3.13's
// suggestions) and an unrelated name.
struct call_shape {
  Py_ssize_t nargs;
  std::vector<std::string> keywords;
};

std::vector<call_shape> call_shapes(const owned_signature& s) {
  std::vector<std::string> candidates = s.name_storage;
  for (const auto& n : s.name_storage) {
    candidates.push_back(n + "x");
  }
  candidates.push_back("unrelated");
  std::vector<std::vector<std::string>> subsets{{}};
  const std::size_t n = candidates.size();
  for (std::size_t i = 0; i < n; ++i) {
    subsets.push_back({candidates[i]});
    for (std::size_t j = i + 1; j < n; ++j) {
      subsets.push_back({candidates[i], candidates[j]});
      for (std::size_t k = j + 1; k < n; ++k) {
        subsets.push_back({candidates[i], candidates[j], candidates[k]});
      }
    }
  }
  std::vector<call_shape> shapes;
  for (Py_ssize_t p = 0; p <= s.sig.max_positional() + 1; ++p) {
    for (const auto& kw : subsets) {
      shapes.push_back({p, kw});
    }
  }
  return shapes;
}

std::string describe(const call_shape& c) {
  std::string text = std::to_string(c.nargs) + " positional";
  for (const auto& k : c.keywords) {
    text += ", " + k + "=";
  }
  return text;
}

// Calls `func` and our unpacker with the same arguments (values: 1.0) in both calling
// conventions, and checks that both succeed or both fail with the identical error.
void compare_call(PyObject* func, const owned_signature& s, const call_shape& c,
                  PyObject* const* interned) {
  const Py_ssize_t nkw = static_cast<Py_ssize_t>(c.keywords.size());
  ref value = ref::steal(PyFloat_FromDouble(1.0));
  std::vector<PyObject*> stack(static_cast<std::size_t>(c.nargs + nkw), value.get());
  ref kwnames;
  ref kwargs = ref::steal(PyDict_New());
  if (nkw > 0) {
    kwnames = ref::steal(PyTuple_New(nkw));
    for (Py_ssize_t i = 0; i < nkw; ++i) {
      PyObject* name = PyUnicode_FromString(c.keywords[static_cast<std::size_t>(i)].c_str());
      REQUIRE(PyDict_SetItem(kwargs.get(), name, value.get()) == 0);
      PyTuple_SET_ITEM(kwnames.get(), i, name);  // steals
    }
  }
  ref result = ref::steal(PyObject_Vectorcall(func, stack.data(), static_cast<std::size_t>(c.nargs),
                                              kwnames.get()));
  const std::string expected = take_error();

  std::vector<PyObject*> out(static_cast<std::size_t>(s.sig.total()) + 1, nullptr);
  const bool ok = pyidl::unpack_args(s.sig, stack.data(), c.nargs, kwnames.get(), out.data(), interned);
  const std::string actual = take_error();
  INFO(s.function << "(" << describe(c) << ")" << (interned ? " [interned]" : ""));
  CHECK(ok == expected.empty());
  CHECK(actual == expected);

  // The tp_init convention: a tuple and a dict.
  ref tuple = ref::steal(PyTuple_New(c.nargs));
  for (Py_ssize_t i = 0; i < c.nargs; ++i) {
    PyTuple_SET_ITEM(tuple.get(), i, Py_NewRef(value.get()));
  }
  const bool ok2 = pyidl::unpack_args_tuple(s.sig, tuple.get(), nkw ? kwargs.get() : nullptr,
                                            out.data(), interned);
  const std::string actual2 = take_error();
  CHECK(ok2 == expected.empty());
  CHECK(actual2 == expected);
}

// The Argument Clinic functions of the running interpreter with plain parameters (no
// *args/**kwargs), and Clinic's ordering (required before optional in each group).
ref clinic_functions() {
  ref ns = pyidl_test::exec(R"(
import _testclinic, inspect, math
P = inspect.Parameter
funcs = []
cands = [getattr(_testclinic, n) for n in sorted(dir(_testclinic))
         if n.startswith(('posonly', 'keywords', 'keyword_only'))]
cands.append(math.isclose)
for f in cands:
    try:
        sig = inspect.signature(f)
    except (ValueError, TypeError):
        continue
    ps = list(sig.parameters.values())
    if any(p.kind in (P.VAR_POSITIONAL, P.VAR_KEYWORD) for p in ps):
        continue
    posonly = [p for p in ps if p.kind == P.POSITIONAL_ONLY]
    pk = [p for p in ps if p.kind == P.POSITIONAL_OR_KEYWORD]
    kw = [p for p in ps if p.kind == P.KEYWORD_ONLY]
    pos = posonly + pk
    reqpos = sum(p.default is P.empty for p in pos)
    reqkw = sum(p.default is P.empty for p in kw)
    if any(p.default is P.empty for p in pos[reqpos:] + kw[reqkw:]):
        continue
    funcs.append((f, f.__name__, [p.name for p in ps], len(posonly), len(pk), len(kw), reqpos, reqkw))
)");
  return ref::borrow(PyDict_GetItemString(ns.get(), "funcs"));
}

}  // namespace

TEST_CASE("unpack_args fails exactly like Argument Clinic for every call shape", "[args]") {
  ref funcs = clinic_functions();
  REQUIRE(funcs);
  const Py_ssize_t n = PyList_GET_SIZE(funcs.get());
  REQUIRE(n >= 15);  // the _testclinic family plus math.isclose; fewer means the probe broke
  int compared = 0;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* entry = PyList_GET_ITEM(funcs.get(), i);
    PyObject* func = PyTuple_GET_ITEM(entry, 0);
    std::vector<std::string> params;
    PyObject* names = PyTuple_GET_ITEM(entry, 2);
    std::vector<ref> interned;
    std::vector<PyObject*> interned_raw;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(names); ++j) {
      params.push_back(PyUnicode_AsUTF8(PyList_GET_ITEM(names, j)));
      interned.push_back(ref::steal(PyUnicode_InternFromString(params.back().c_str())));
      interned_raw.push_back(interned.back().get());
    }
    auto count = [&](int k) { return static_cast<int>(PyLong_AsLong(PyTuple_GET_ITEM(entry, k))); };
    const owned_signature s(PyUnicode_AsUTF8(PyTuple_GET_ITEM(entry, 1)), params, count(3), count(4),
                            count(5), count(6), count(7));
    REQUIRE(s.sig.validate());
    for (const auto& shape : call_shapes(s)) {
      compare_call(func, s, shape, nullptr);
      compare_call(func, s, shape, interned_raw.data());
      ++compared;
    }
  }
  CHECK(compared > 1000);
}

namespace {
constexpr const char* scale_names[] = {"v", "k", "clamp"};
// def scale(v, k=1.0, *, clamp=False)
constexpr signature scale_sig{"scale", scale_names, 0, 2, 1, 1, 0};
static_assert(scale_sig.validate());
static_assert(scale_sig.total() == 3 && scale_sig.max_positional() == 2);

constexpr const char* dot_names[] = {"a", "b"};
// def dot(a, b, /)
constexpr signature dot_sig{"dot", dot_names, 2, 0, 0, 2, 0};

// Runs unpack_args on evaluated positionals and keyword names; all values are distinct ints.
struct unpacked {
  bool ok;
  std::vector<long> values;  // -1 for a missing (nullptr) slot
  std::string error;
};
unpacked unpack(const signature& sig, std::vector<long> positional, std::vector<const char*> keywords) {
  std::vector<ref> owned;
  std::vector<PyObject*> stack;
  long next = 100;
  for (long v : positional) {
    owned.push_back(ref::steal(PyLong_FromLong(v)));
    stack.push_back(owned.back().get());
  }
  ref kwnames;
  if (!keywords.empty()) {
    kwnames = ref::steal(PyTuple_New(static_cast<Py_ssize_t>(keywords.size())));
    for (std::size_t i = 0; i < keywords.size(); ++i) {
      PyTuple_SET_ITEM(kwnames.get(), static_cast<Py_ssize_t>(i), PyUnicode_FromString(keywords[i]));
      owned.push_back(ref::steal(PyLong_FromLong(next++)));
      stack.push_back(owned.back().get());
    }
  }
  std::vector<PyObject*> out(static_cast<std::size_t>(sig.total()), reinterpret_cast<PyObject*>(1));
  unpacked r;
  r.ok = pyidl::unpack_args(sig, stack.data(), static_cast<Py_ssize_t>(positional.size()),
                            kwnames.get(), out.data());
  r.error = take_error();
  if (r.ok) {
    for (PyObject* o : out) {
      r.values.push_back(o == nullptr ? -1 : PyLong_AsLong(o));
    }
  }
  return r;
}
}  // namespace

TEST_CASE("unpack_args places arguments and nulls the missing optional ones", "[args]") {
  CHECK(unpack(scale_sig, {7}, {}).values == std::vector<long>{7, -1, -1});  // fast path
  CHECK(unpack(scale_sig, {7, 8}, {}).values == std::vector<long>{7, 8, -1});
  CHECK(unpack(scale_sig, {7}, {"clamp"}).values == std::vector<long>{7, -1, 100});
  CHECK(unpack(scale_sig, {}, {"k", "v"}).values == std::vector<long>{101, 100, -1});
  CHECK(unpack(dot_sig, {1, 2}, {}).values == std::vector<long>{1, 2});
}

TEST_CASE("unpack_args messages, spelled out", "[args]") {
  CHECK(unpack(scale_sig, {}, {}).error == "TypeError: scale() missing required argument 'v' (pos 1)");
  CHECK(unpack(scale_sig, {1, 2, 3}, {}).error ==
        "TypeError: scale() takes at most 2 positional arguments (3 given)");
  CHECK(unpack(scale_sig, {1}, {"v"}).error ==
        "TypeError: argument for scale() given by name ('v') and position (1)");
  CHECK(unpack(dot_sig, {1}, {"b"}).error == "TypeError: dot() takes exactly 2 positional arguments (1 given)");
  CHECK(unpack(dot_sig, {1, 2, 3}, {}).error == "TypeError: dot() takes at most 2 arguments (3 given)");
#if PY_VERSION_HEX >= 0x030D0000
  CHECK(unpack(scale_sig, {1}, {"clmap"}).error ==
        "TypeError: scale() got an unexpected keyword argument 'clmap'. Did you mean 'clamp'?");
  CHECK(unpack(scale_sig, {1}, {"zzz"}).error == "TypeError: scale() got an unexpected keyword argument 'zzz'");
#else
  CHECK(unpack(scale_sig, {1}, {"clmap"}).error == "TypeError: 'clmap' is an invalid keyword argument for scale()");
#endif
}

TEST_CASE("unpack_args leaves refcounts alone", "[args]") {
  ref v = ref::steal(PyLong_FromLong(123456789));
  const Py_ssize_t before = Py_REFCNT(v.get());
  PyObject* stack[] = {v.get()};
  PyObject* out[3];
  REQUIRE(pyidl::unpack_args(scale_sig, stack, 1, nullptr, out));
  CHECK(out[0] == v.get());
  CHECK(Py_REFCNT(v.get()) == before);
}
