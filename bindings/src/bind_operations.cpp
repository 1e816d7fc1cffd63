// store.operations: the operations log every change is appended to (read, verified, replayed).

#include "areas.hpp"

#include <mutex>

namespace mentorkit::python {

void bind_operations(py::module_& m) {
    bind_enum<OperationStatus>(m, "OperationStatus",
                               "What became of an operation: applied, or refused by the rules "
                               "(kept in the log, changing nothing).");

    py::class_<Operation>(m, "Operation",
                          "One entry of the operations log: who, what (kind and JSON payload "
                          "naming records by uid), when, and the device that made it.")
        .def_readonly("seq", &Operation::seq, "Position in this store's log (1, 2, ...).")
        .def_property_readonly(
            "device", [](const Operation& o) { return o.device.to_string(); },
            "The device that made it (32 hex digits).")
        .def_readonly("hlc", &Operation::hlc, "Hybrid logical clock value of its batch.")
        .def_readonly("position", &Operation::position, "Index within its batch.")
        .def_readonly("batch_size", &Operation::batch_size, "Operations in its batch.")
        .def_property_readonly(
            "actor",
            [](const Operation& o) -> std::optional<std::string> {
                if (!o.actor)
                    return std::nullopt;
                return o.actor->to_string();
            },
            "The uid of the person who acted, or None (an administrator or an import).")
        .def_readonly("at", &Operation::at, "The actor's clock when it was made (UTC).")
        .def_readonly("kind", &Operation::kind, "e.g. \"person.create\".")
        .def_readonly("payload", &Operation::payload, "Canonical JSON text.")
        .def_readonly("status", &Operation::status, "applied or refused.")
        .def_readonly("reason", &Operation::reason, "Why it was refused (empty when applied).")
        .def_readonly("refusal", &Operation::refusal, "The refusal's ErrorCode, or None.")
        .def_readonly("hash", &Operation::hash, "64 hex digits chaining this entry.")
        .def("__repr__", [](const Operation& o) {
            return repr_of("Operation", {{"seq", obj(o.seq)},
                                         {"kind", obj(o.kind)},
                                         {"status", obj(o.status)},
                                         {"at", obj(o.at)}});
        });

    py::class_<VerifyReport>(m, "VerifyReport", "The result of checking the log's hash chain.")
        .def_readonly("checked", &VerifyReport::checked, "Entries checked.")
        .def_readonly("first_broken", &VerifyReport::first_broken,
                      "seq of the first entry that does not verify, or None.")
        .def_readonly("problem", &VerifyReport::problem, "What is wrong with it.")
        .def_readonly("state_differs", &VerifyReport::state_differs,
                      "Store.verify only: tables whose rows do not follow from the log.")
        .def_property_readonly("ok", &VerifyReport::ok, "True when every entry verifies.")
        .def("__bool__", &VerifyReport::ok)
        .def("__repr__", [](const VerifyReport& v) {
            return repr_of("VerifyReport",
                           {{"checked", obj(v.checked)}, {"first_broken", obj(v.first_broken)}});
        });

    py::class_<OperationsRef>(m, "Operations",
                              "The operations log (`store.operations`): every change is a batch "
                              "of operations appended here, hash-chained and append-only. This "
                              "is the raw log of the whole store, payloads included: an "
                              "administrator's read, like a copy of the file.")
        .def(
            "count",
            [](const OperationsRef& o) { return o.run([](Operations& l) { return l.count(); }); },
            "Entries in the log (applied and refused).")
        .def(
            "list",
            [](const OperationsRef& o, std::int64_t after_seq, std::int64_t limit) {
                return o.run([&](Operations& l) { return l.list(after_seq, limit); });
            },
            py::kw_only(), py::arg("after_seq") = 0, py::arg("limit") = 1000,
            "Entries after `after_seq`, oldest first, at most `limit` (1..100000).")
        .def(
            "verify",
            [](const OperationsRef& o) { return o.run([](Operations& l) { return l.verify(); }); },
            "Recomputes the whole hash chain; the report names the first entry that does not "
            "verify.")
        .def_property_readonly(
            "device",
            [](const OperationsRef& o) {
                return o.run([](Operations& l) { return l.device().to_string(); });
            },
            "The device this store writes as (32 hex digits).")
        .def("__repr__",
             [](const OperationsRef&) { return std::string("<mentorkit.Operations>"); });
}

void bind_operations_replay(py::module_& m) {
    // Bound once Store is (its signature names Store).
    py::class_<OperationsRef> cls =
        py::reinterpret_borrow<py::class_<OperationsRef>>(m.attr("Operations"));
    cls.def(
        "replay_into",
        [](const OperationsRef& o, const StorePtr& target) {
            if (target.get() == o.handle.get())
                throw InvalidArgument("a store cannot be replayed into itself");
            py::gil_scoped_release nogil;
            std::scoped_lock lock(o.handle->mutex, target->mutex);
            o.handle->store.operations().replay_into(target->store);
        },
        py::arg("target"),
        "Rebuilds `target`, an empty store, from this log alone: every table alike "
        "afterwards (its own device id aside).");
}

} // namespace mentorkit::python
