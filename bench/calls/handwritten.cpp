// handwritten.cpp: module bench_handwritten, bench_lib bound by hand with the CPython C API.
//
// This is the yardstick of the per-call benchmark: what a careful expert writes today, with
// the same Python API as the pyidl-generated bench_pyidl (see bench_calls.pyidl). It is
// isolation-correct, like every pyidl module, so the comparison is fair:
//   - PEP 489 multi-phase init; all work happens in Py_mod_exec;
//   - the classes are GC-enabled heap types kept in module state, no static PyObject*;
//   - safe in isolated sub-interpreters with their own GIL, and declares Py_MOD_GIL_NOT_USED
//     (per-object state is guarded by critical sections on free-threaded builds; that of
//     SerialCounter, the @serialized row, by one process-wide lock instead).
// Arguments are unpacked by hand from METH_FASTCALL vectors: a positional fast path first,
// then a keyword loop that compares names with PyUnicode_CompareWithASCIIString. That is
// what a competent author writes without Argument Clinic's private helpers. Those helpers,
// the conversions and the C++ exception translation are in handwritten_support.h.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>
#if PY_VERSION_HEX < 0x030D0000
#include <mutex>  // SerialCounter's lock before PyMutex
#endif

#include "bench_lib.hpp"
#include "handwritten_support.h"

// ---- Module state --------------------------------------------------------------------------

// Everything Python-side the module owns, one per module object (so per interpreter).
struct bench_state {
    PyTypeObject *Counter_type;        // strong reference
    PyTypeObject *SerialCounter_type;  // strong reference
};

static bench_state *get_bench_state(PyObject *module) {
    return static_cast<bench_state *>(PyModule_GetState(module));
}

// ---- class Counter -------------------------------------------------------------------------

struct CounterObject {
    PyObject_HEAD
    bench::Counter counter;  // constructed in Counter_new, destroyed in Counter_dealloc
};

static bench::Counter &counter_of(PyObject *self) {
    return reinterpret_cast<CounterObject *>(self)->counter;
}

PyDoc_STRVAR(Counter__doc__,
             "Counter(start=0)\n"
             "--\n"
             "\n"
             "A 64-bit counter.");

// Unpacks the constructor arguments (start=0) of Counter and SerialCounter (`fname` names the
// class in errors) into *start. Returns 0, or -1 with an exception set. A heap type cannot
// set tp_vectorcall before 3.14, so construction goes through tp_new with an args tuple and a
// kwargs dict; there is no tp_init. Always inlined, like unpack_increment_by.
static inline Py_ALWAYS_INLINE int unpack_counter_start(const char *fname, PyObject *args,
                                                        PyObject *kwargs, int64_t *start) {
    static const char *const names[] = {"start"};
    PyObject *start_obj = nullptr;
    if (kwargs == nullptr && PyTuple_GET_SIZE(args) <= 1) {  // fast path: Counter(), Counter(5)
        if (PyTuple_GET_SIZE(args) == 1) {
            start_obj = PyTuple_GET_ITEM(args, 0);
        }
    } else if (unpack_tuple_and_dict(fname, args, kwargs, names, 1, 0, &start_obj) < 0) {
        return -1;
    }
    *start = 0;
    return start_obj != nullptr ? to_int64(start_obj, start) : 0;
}

// Counter(start=0).
static PyObject *Counter_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    int64_t start;
    if (unpack_counter_start("Counter", args, kwargs, &start) < 0) {
        return nullptr;
    }

    // Build the C++ object before the Python one: if its constructor throws, nothing needs
    // undoing. Moving it into place afterwards cannot throw.
    static_assert(std::is_nothrow_move_constructible_v<bench::Counter>);
    std::optional<bench::Counter> counter;
    try {
        counter.emplace(start);
    } catch (...) {
        return set_error_from_cxx_exception();
    }
    PyObject *self = type->tp_alloc(type, 0);  // zero-filled, GC-tracked, holds a ref to type
    if (self == nullptr) {
        return nullptr;
    }
    new (&counter_of(self)) bench::Counter(std::move(*counter));
    return self;
}

static void Counter_dealloc(PyObject *self) {
    PyTypeObject *type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    counter_of(self).~Counter();
    type->tp_free(self);
    Py_DECREF(type);  // instances of heap types own a reference to their type
}

static int Counter_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));  // required for heap types (3.9+); the Counter holds no others
    return 0;
}

PyDoc_STRVAR(Counter_increment__doc__,
             "increment($self, /, by=1)\n"
             "--\n"
             "\n"
             "Add by and return the new value.");

// Unpacks the arguments (by=1) of Counter.increment and SerialCounter.increment into *by.
// Returns 0, or -1 with an exception set. Always inlined, so that the fast path is part of
// each wrapper as if written out there: with two callers GCC would otherwise call it, which
// adds some 14 instructions to every call (about 3% of counter.increment()).
static inline Py_ALWAYS_INLINE int unpack_increment_by(PyObject *const *args, Py_ssize_t nargs,
                                                       PyObject *kwnames, int64_t *by) {
    static const char *const names[] = {"by"};
    PyObject *by_obj = nullptr;
    if (kwnames == nullptr && nargs <= 1) {  // fast path: increment(), increment(5)
        if (nargs == 1) {
            by_obj = args[0];
        }
    } else if (unpack_fastcall("increment", args, nargs, kwnames, names, 1, 0, &by_obj) < 0) {
        return -1;
    }
    *by = 1;
    return by_obj != nullptr ? to_int64(by_obj, by) : 0;
}

// increment(by=1). METH_METHOD gives the class that defined the method: the way to reach
// module state from a method (Py_TYPE(self) might be a subclass from another module). This
// one needs no state, so defining_class is unused, but the calling convention is the one
// every method of an isolated module uses.
static PyObject *Counter_increment(PyObject *self, PyTypeObject *defining_class,
                                   PyObject *const *args, Py_ssize_t nargs,
                                   PyObject *kwnames) {
    (void)defining_class;
    int64_t by;
    if (unpack_increment_by(args, nargs, kwnames, &by) < 0) {
        return nullptr;
    }

    int64_t result = 0;
    bool failed = false;
    // The C++ object is mutable per-object state: another thread may use the same Counter on
    // a free-threaded build. (No return may leave a critical section early.)
    BENCH_BEGIN_CRITICAL_SECTION(self);
    try {
        result = counter_of(self).increment(by);
    } catch (...) {
        set_error_from_cxx_exception();
        failed = true;
    }
    BENCH_END_CRITICAL_SECTION();
    if (failed) {
        return nullptr;
    }
    return PyLong_FromLongLong(result);
}

static PyObject *Counter_get_value(PyObject *self, void *Py_UNUSED(closure)) {
    int64_t value = 0;
    bool failed = false;
    BENCH_BEGIN_CRITICAL_SECTION(self);
    try {
        value = counter_of(self).value();
    } catch (...) {
        set_error_from_cxx_exception();
        failed = true;
    }
    BENCH_END_CRITICAL_SECTION();
    if (failed) {
        return nullptr;
    }
    return PyLong_FromLongLong(value);
}

static PyMethodDef Counter_methods[] = {
    {"increment", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(Counter_increment)),
     METH_METHOD | METH_FASTCALL | METH_KEYWORDS, Counter_increment__doc__},
    {nullptr, nullptr, 0, nullptr},
};

static PyGetSetDef Counter_getset[] = {
    {"value", Counter_get_value, nullptr, PyDoc_STR("The current value."), nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

static PyType_Slot Counter_slots[] = {
    {Py_tp_new, reinterpret_cast<void *>(Counter_new)},
    {Py_tp_dealloc, reinterpret_cast<void *>(Counter_dealloc)},
    {Py_tp_traverse, reinterpret_cast<void *>(Counter_traverse)},
    {Py_tp_methods, Counter_methods},
    {Py_tp_getset, Counter_getset},
    {Py_tp_doc, const_cast<char *>(Counter__doc__)},
    {0, nullptr},
};

static PyType_Spec Counter_spec = {
    .name = "bench_handwritten.Counter",
    .basicsize = sizeof(CounterObject),
    .itemsize = 0,
    // IMMUTABLETYPE: like a static type, its attributes cannot be reassigned from Python.
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = Counter_slots,
};

// ---- class SerialCounter: bench::Counter behind one process-wide lock -----------------------
//
// What @serialized asks of a binding: every call into the C++ code, from every thread of every
// interpreter, holds one lock, as the GIL did before PEP 684 (here for a class whose C++ code
// we pretend is not thread-safe). So the lock is process-wide on purpose, the module's one
// piece of mutable process-wide state: a per-interpreter lock would not keep two interpreters
// with their own GIL apart. It holds no Python object, and a thread that must wait for it
// detaches from its interpreter meanwhile, so that it never blocks that interpreter's other
// threads (or, on a free-threaded build, a stop-the-world pause) while it waits.
//
// 3.13+: a static PyMutex, zero-initialized, which is unlocked: nothing has to create it, so
// no two interpreters can race to. PyMutex_Lock and PyMutex_Unlock are inline
// compare-exchanges when the lock is free; a waiter spins briefly, then parks detached.
// 3.12 has no PyMutex: a std::mutex, constant-initialized for the same reason, whose try_lock
// is the uncontended path; a thread that must wait blocks inside Py_BEGIN_ALLOW_THREADS.
// (A PyThread_type_lock would need creating once across concurrently importing interpreters,
// which takes its own once-only synchronization, and every acquire is a call into libpython.)
//
// The lock needs no owner bookkeeping, because no thread can ask for it twice: it covers only
// calls into bench::Counter, which never calls back into Python, and no Python code runs while
// it is held (tp_alloc, which may run the GC, happens before it). pyidl's call_lock does keep
// an owner, to raise RuntimeError instead of deadlocking for libraries that do call back.
// Free-threaded builds need no critical section on top: the lock already serializes every use
// of every SerialCounter's C++ object.

#if PY_VERSION_HEX >= 0x030D0000
static PyMutex serial_mutex;

static void serial_lock() { PyMutex_Lock(&serial_mutex); }
static void serial_unlock() { PyMutex_Unlock(&serial_mutex); }
#else
static constinit std::mutex serial_mutex;

static void serial_lock() {
    if (!serial_mutex.try_lock()) {
        Py_BEGIN_ALLOW_THREADS
        serial_mutex.lock();
        Py_END_ALLOW_THREADS
    }
}
static void serial_unlock() { serial_mutex.unlock(); }
#endif

// Holds the process-wide lock for a scope, so that a C++ exception releases it too.
class serial_guard {
public:
    serial_guard() { serial_lock(); }
    ~serial_guard() { serial_unlock(); }
    serial_guard(const serial_guard &) = delete;
    serial_guard &operator=(const serial_guard &) = delete;
};

struct SerialCounterObject {
    PyObject_HEAD
    // Constructed in place under the lock (not built first and moved in, as Counter_new does:
    // moving is C++ code of the class too). Engaged from SerialCounter_new's success until
    // SerialCounter_dealloc; empty only while the constructor runs, or after it threw.
    std::optional<bench::Counter> counter;
};

static std::optional<bench::Counter> &serial_counter_of(PyObject *self) {
    return reinterpret_cast<SerialCounterObject *>(self)->counter;
}

PyDoc_STRVAR(SerialCounter__doc__,
             "SerialCounter(start=0)\n"
             "--\n"
             "\n"
             "A 64-bit counter whose every call holds one process-wide lock.");

// SerialCounter(start=0).
static PyObject *SerialCounter_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    int64_t start;
    if (unpack_counter_start("SerialCounter", args, kwargs, &start) < 0) {
        return nullptr;
    }
    PyObject *self = type->tp_alloc(type, 0);  // before the lock: it may run the GC
    if (self == nullptr) {
        return nullptr;
    }
    std::optional<bench::Counter> *counter = new (&serial_counter_of(self))
        std::optional<bench::Counter>();
    bool failed = false;
    try {
        serial_guard guard;
        counter->emplace(start);
    } catch (...) {
        set_error_from_cxx_exception();
        failed = true;
    }
    if (failed) {
        Py_DECREF(self);  // SerialCounter_dealloc finds no C++ object to destroy
        return nullptr;
    }
    return self;
}

static void SerialCounter_dealloc(PyObject *self) {
    PyTypeObject *type = Py_TYPE(self);
    // Untracked before the lock: a thread that waits for it lets others run, the GC included,
    // which must never see an object whose reference count is 0.
    PyObject_GC_UnTrack(self);
    std::optional<bench::Counter> &counter = serial_counter_of(self);
    if (counter) {
        serial_guard guard;
        counter.reset();
    }
    std::destroy_at(&counter);  // empty now: destroys no C++ object of the class
    type->tp_free(self);
    Py_DECREF(type);  // instances of heap types own a reference to their type
}

// increment(by=1): Counter_increment with the process-wide lock instead of a critical section.
static PyObject *SerialCounter_increment(PyObject *self, PyTypeObject *defining_class,
                                         PyObject *const *args, Py_ssize_t nargs,
                                         PyObject *kwnames) {
    (void)defining_class;
    int64_t by;
    if (unpack_increment_by(args, nargs, kwnames, &by) < 0) {
        return nullptr;
    }
    int64_t result;
    try {
        serial_guard guard;
        result = serial_counter_of(self)->increment(by);
    } catch (...) {
        return set_error_from_cxx_exception();  // the guard has released the lock by now
    }
    return PyLong_FromLongLong(result);
}

static PyMethodDef SerialCounter_methods[] = {
    {"increment",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(SerialCounter_increment)),
     METH_METHOD | METH_FASTCALL | METH_KEYWORDS, Counter_increment__doc__},
    {nullptr, nullptr, 0, nullptr},
};

static PyType_Slot SerialCounter_slots[] = {
    {Py_tp_new, reinterpret_cast<void *>(SerialCounter_new)},
    {Py_tp_dealloc, reinterpret_cast<void *>(SerialCounter_dealloc)},
    // Like a Counter, a SerialCounter references no Python object but its type.
    {Py_tp_traverse, reinterpret_cast<void *>(Counter_traverse)},
    {Py_tp_methods, SerialCounter_methods},
    {Py_tp_doc, const_cast<char *>(SerialCounter__doc__)},
    {0, nullptr},
};

static PyType_Spec SerialCounter_spec = {
    .name = "bench_handwritten.SerialCounter",
    .basicsize = sizeof(SerialCounterObject),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = SerialCounter_slots,
};

// ---- Module functions ----------------------------------------------------------------------

PyDoc_STRVAR(bench_noop__doc__,
             "noop($module, /)\n"
             "--\n"
             "\n"
             "Do nothing.");

static PyObject *bench_noop(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored)) {
    try {
        bench::noop();
    } catch (...) {
        return set_error_from_cxx_exception();
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(bench_add__doc__,
             "add($module, /, a, b)\n"
             "--\n"
             "\n"
             "Return a + b.");

static PyObject *bench_add(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) {
    static const char *const names[] = {"a", "b"};
    PyObject *slots[2];
    if (kwnames == nullptr && nargs == 2) {  // fast path: add(1, 2)
        slots[0] = args[0];
        slots[1] = args[1];
    } else if (unpack_fastcall("add", args, nargs, kwnames, names, 2, 2, slots) < 0) {
        return nullptr;
    }
    int64_t a, b;
    if (to_int64(slots[0], &a) < 0 || to_int64(slots[1], &b) < 0) {
        return nullptr;
    }
    int64_t result;
    try {
        result = bench::add(a, b);
    } catch (...) {
        return set_error_from_cxx_exception();
    }
    return PyLong_FromLongLong(result);
}

PyDoc_STRVAR(bench_sum_list__doc__,
             "sum_list($module, /, xs)\n"
             "--\n"
             "\n"
             "Return the sum of a list of ints.");

static PyObject *bench_sum_list(PyObject *Py_UNUSED(module), PyObject *const *args,
                                Py_ssize_t nargs, PyObject *kwnames) {
    static const char *const names[] = {"xs"};
    PyObject *xs_obj;
    if (kwnames == nullptr && nargs == 1) {  // fast path: sum_list(xs)
        xs_obj = args[0];
    } else if (unpack_fastcall("sum_list", args, nargs, kwnames, names, 1, 1, &xs_obj) < 0) {
        return nullptr;
    }
    int64_t result;
    try {  // the vector's allocation can throw too
        std::vector<int64_t> xs;
        if (to_int64_vector("sum_list", "xs", xs_obj, &xs) < 0) {
            return nullptr;
        }
        result = bench::sum_list(xs);
    } catch (...) {
        return set_error_from_cxx_exception();
    }
    return PyLong_FromLongLong(result);
}

PyDoc_STRVAR(bench_greet__doc__,
             "greet($module, /, name)\n"
             "--\n"
             "\n"
             "Return 'Hello, <name>!'.");

static PyObject *bench_greet(PyObject *Py_UNUSED(module), PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames) {
    static const char *const names[] = {"name"};
    PyObject *name_obj;
    if (kwnames == nullptr && nargs == 1) {  // fast path: greet(name)
        name_obj = args[0];
    } else if (unpack_fastcall("greet", args, nargs, kwnames, names, 1, 1, &name_obj) < 0) {
        return nullptr;
    }
    std::optional<std::string_view> name = to_string_view("greet", "name", name_obj);
    if (!name) {
        return nullptr;
    }
    try {
        std::string result = bench::greet(*name);
        return PyUnicode_FromStringAndSize(result.data(), static_cast<Py_ssize_t>(result.size()));
    } catch (...) {
        return set_error_from_cxx_exception();
    }
}

PyDoc_STRVAR(bench_fail__doc__,
             "fail($module, /, code)\n"
             "--\n"
             "\n"
             "Always raise ValueError.");

static PyObject *bench_fail(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
                            PyObject *kwnames) {
    static const char *const names[] = {"code"};
    PyObject *code_obj;
    if (kwnames == nullptr && nargs == 1) {  // fast path: fail(1)
        code_obj = args[0];
    } else if (unpack_fastcall("fail", args, nargs, kwnames, names, 1, 1, &code_obj) < 0) {
        return nullptr;
    }
    int64_t code;
    if (to_int64(code_obj, &code) < 0) {
        return nullptr;
    }
    try {
        bench::fail(code);
    } catch (...) {
        return set_error_from_cxx_exception();
    }
    Py_RETURN_NONE;  // not reached: bench::fail always throws
}

PyDoc_STRVAR(bench_apply__doc__,
             "apply($module, /, f, x)\n"
             "--\n"
             "\n"
             "Return f(x), called from C++.");

// Thrown out of the lambda that bench_apply hands to bench::apply when the Python callable
// failed: the Python exception is already set, and must only get through the C++ frames.
struct python_error_set {};

static PyObject *bench_apply(PyObject *Py_UNUSED(module), PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames) {
    static const char *const names[] = {"f", "x"};
    PyObject *slots[2];
    if (kwnames == nullptr && nargs == 2) {  // fast path: apply(f, 1)
        slots[0] = args[0];
        slots[1] = args[1];
    } else if (unpack_fastcall("apply", args, nargs, kwnames, names, 2, 2, slots) < 0) {
        return nullptr;
    }
    PyObject *f = slots[0];
    if (!PyCallable_Check(f)) {
        PyErr_Format(PyExc_TypeError, "apply() argument 'f' must be callable, not %.200s",
                     Py_TYPE(f)->tp_name);
        return nullptr;
    }
    int64_t x;
    if (to_int64(slots[1], &x) < 0) {
        return nullptr;
    }
    // bench::apply calls f before it returns and keeps no copy, so the lambda may hold the
    // borrowed reference and run on this thread with the thread state attached: no capture
    // of the interpreter, no reference counting of f. PyObject_CallOneArg is a vectorcall.
    auto call_f = [f](int64_t value) -> int64_t {
        PyObject *arg = PyLong_FromLongLong(value);
        if (arg == nullptr) {
            throw python_error_set{};
        }
        PyObject *result = PyObject_CallOneArg(f, arg);
        Py_DECREF(arg);
        if (result == nullptr) {
            throw python_error_set{};
        }
        int64_t out;
        int rc = to_int64(result, &out);
        Py_DECREF(result);
        if (rc < 0) {
            throw python_error_set{};
        }
        return out;
    };
    int64_t result;
    try {
        result = bench::apply(call_f, x);
    } catch (const python_error_set &) {
        return nullptr;
    } catch (...) {
        return set_error_from_cxx_exception();
    }
    return PyLong_FromLongLong(result);
}

// METH_FASTCALL functions have another signature than PyCFunction; the cast through
// void(*)() tells the compiler the mismatch is deliberate.
#define BENCH_FASTCALL_KW(func) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(func))

static PyMethodDef bench_methods[] = {
    {"noop", bench_noop, METH_NOARGS, bench_noop__doc__},
    {"add", BENCH_FASTCALL_KW(bench_add), METH_FASTCALL | METH_KEYWORDS, bench_add__doc__},
    {"sum_list", BENCH_FASTCALL_KW(bench_sum_list), METH_FASTCALL | METH_KEYWORDS,
     bench_sum_list__doc__},
    {"greet", BENCH_FASTCALL_KW(bench_greet), METH_FASTCALL | METH_KEYWORDS, bench_greet__doc__},
    {"fail", BENCH_FASTCALL_KW(bench_fail), METH_FASTCALL | METH_KEYWORDS, bench_fail__doc__},
    {"apply", BENCH_FASTCALL_KW(bench_apply), METH_FASTCALL | METH_KEYWORDS, bench_apply__doc__},
    {nullptr, nullptr, 0, nullptr},
};

// ---- Module definition ---------------------------------------------------------------------

// Py_mod_exec: runs once per module object, in the interpreter that imports it.
static int bench_exec(PyObject *module) {
    bench_state *state = get_bench_state(module);
    state->Counter_type = reinterpret_cast<PyTypeObject *>(
        PyType_FromModuleAndSpec(module, &Counter_spec, nullptr));
    if (state->Counter_type == nullptr) {
        return -1;
    }
    // The class lives in both module state (for C code) and the module dict (for Python).
    if (PyModule_AddType(module, state->Counter_type) < 0) {
        return -1;
    }
    state->SerialCounter_type = reinterpret_cast<PyTypeObject *>(
        PyType_FromModuleAndSpec(module, &SerialCounter_spec, nullptr));
    if (state->SerialCounter_type == nullptr) {
        return -1;
    }
    if (PyModule_AddType(module, state->SerialCounter_type) < 0) {
        return -1;
    }
    return 0;
}

static int bench_traverse(PyObject *module, visitproc visit, void *arg) {
    bench_state *state = get_bench_state(module);
    Py_VISIT(state->Counter_type);
    Py_VISIT(state->SerialCounter_type);
    return 0;
}

static int bench_clear(PyObject *module) {
    bench_state *state = get_bench_state(module);
    Py_CLEAR(state->Counter_type);
    Py_CLEAR(state->SerialCounter_type);
    return 0;
}

static void bench_free(void *module) {
    (void)bench_clear(static_cast<PyObject *>(module));
}

static PyModuleDef_Slot bench_slots[] = {
    {Py_mod_exec, reinterpret_cast<void *>(bench_exec)},
    // No process-wide mutable state but SerialCounter's lock, which is meant to be shared by
    // every interpreter (bench_lib has none either): each interpreter, even one with its own
    // GIL, gets an independent module object.
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, nullptr},
};

PyDoc_STRVAR(bench_module__doc__,
             "Per-call benchmark: bench_lib bound by hand with the C API (the yardstick).");

static PyModuleDef bench_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "bench_handwritten",
    .m_doc = bench_module__doc__,
    .m_size = sizeof(bench_state),
    .m_methods = bench_methods,
    .m_slots = bench_slots,
    .m_traverse = bench_traverse,
    .m_clear = bench_clear,
    .m_free = bench_free,
};

PyMODINIT_FUNC PyInit_bench_handwritten(void) {
    return PyModuleDef_Init(&bench_module);
}
