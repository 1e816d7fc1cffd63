// store.audit: the append-only audit log, read through an acting person.

#include "areas.hpp"

namespace mentorkit::python {

void bind_audit(py::module_& m) {
    py::class_<AuditRef>(m, "AuditLog",
                         "Read access to the append-only audit log (`store.audit`): every change "
                         "is recorded with what, which record, who and when. Entries are read "
                         "through an acting person (`acting=`), who sees the entries they acted "
                         "on or that concern them, their relationships and those relationships' "
                         "records; payloads never hold private text.")
        .def(
            "entries",
            [](const AuditRef& a, PersonId acting, std::optional<std::string> entity,
               std::optional<std::int64_t> entity_id, std::optional<PersonId> actor,
               std::int64_t after_id, std::int64_t limit) {
                AuditFilter f{std::move(entity), entity_id, actor, after_id, limit};
                return a.run([&](AuditLog& log) { return log.entries(acting, f); });
            },
            py::kw_only(), py::arg("acting"), py::arg("entity") = py::none(),
            py::arg("entity_id") = py::none(), py::arg("actor") = py::none(),
            py::arg("after_id") = 0, py::arg("limit") = 1000,
            "The entries `acting` may see that match the filter, oldest first: only `entity` "
            "(e.g. \"person\"), `entity_id`, `actor`, ids above `after_id` (paging), at most "
            "`limit` (1..100000). Raises NotFound for an unknown person.")
        .def(
            "count",
            [](const AuditRef& a, PersonId acting) {
                return a.run([&](AuditLog& log) { return log.count(acting); });
            },
            py::kw_only(), py::arg("acting"), "How many entries `acting` may see.")
        .def(
            "total",
            [](const AuditRef& a) { return a.run([](AuditLog& log) { return log.total(); }); },
            "How many entries the whole log holds (one figure, no entry).")
        .def("__repr__", [](const AuditRef&) { return std::string("<mentorkit.AuditLog>"); });
}

} // namespace mentorkit::python
