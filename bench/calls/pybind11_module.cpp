// pybind11_module.cpp: module bench_pybind11, bench_lib bound with pybind11 the way its
// users write it: py::class_, py::arg with defaults, the stock type casters (pybind11/stl.h
// for list[int], pybind11/functional.h for the callback) and pybind11's own exception
// translation. Debian's pybind11-dev (2.10) is what a user of this system gets, so that is
// the version measured. The third contender of the per-call benchmark, beside the
// hand-written yardstick (handwritten.cpp) and the generated bench_pyidl.
//
// pybind11 2.10 uses single-phase init and process-wide type registries: the module cannot
// be imported into an isolated sub-interpreter, which the import and scaling benchmarks
// report rather than work around.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <mutex>

#include "bench_lib.hpp"

namespace py = pybind11;

namespace {

// pybind11 registers one Python class per C++ type, so the @serialized variant of
// bench::Counter needs a C++ type of its own: the usual idiom is an empty subclass.
class SerialCounter : public bench::Counter {
public:
    using bench::Counter::Counter;
};

// The process-wide lock every SerialCounter call holds, as py::call_guard users write it:
// a guard type whose constructor locks. No Python code runs under it, so a thread never
// waits for it while holding a lock that the owner needs.
std::mutex serial_mutex;

struct serial_guard {
    std::lock_guard<std::mutex> lock{serial_mutex};
};

}  // namespace

PYBIND11_MODULE(bench_pybind11, m) {
    m.doc() = "Per-call benchmark: bench_lib bound with pybind11.";

    m.def("noop", &bench::noop, "Do nothing.");
    m.def("add", &bench::add, py::arg("a"), py::arg("b"), "Return a + b.");
    m.def("sum_list", &bench::sum_list, py::arg("xs"), "Return the sum of a list of ints.");
    m.def("greet", &bench::greet, py::arg("name"), "Return 'Hello, <name>!'.");
    m.def("fail", &bench::fail, py::arg("code"), "Always raise ValueError.");
    m.def("apply", &bench::apply, py::arg("f"), py::arg("x"), "Return f(x), called from C++.");

    py::class_<bench::Counter>(m, "Counter", "A 64-bit counter.")
        .def(py::init<int64_t>(), py::arg("start") = 0)
        .def("increment", &bench::Counter::increment, py::arg("by") = 1,
             "Add by and return the new value.")
        .def_property_readonly("value", &bench::Counter::value, "The current value.");

    // The destructor runs without the lock: pybind11 offers no guard for deallocation short
    // of a custom holder type, which users of call_guard do not write.
    py::class_<SerialCounter>(m, "SerialCounter",
                              "A 64-bit counter whose every call holds one process-wide lock.")
        .def(py::init<int64_t>(), py::arg("start") = 0, py::call_guard<serial_guard>())
        .def("increment", &SerialCounter::increment, py::arg("by") = 1,
             py::call_guard<serial_guard>(), "Add by and return the new value.");
}
