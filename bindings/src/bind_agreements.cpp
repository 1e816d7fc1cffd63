// store.agreements: versioned ground-rule agreements, signatures, misunderstandings.

#include "areas.hpp"

namespace mentorkit::python {

void bind_agreements(py::module_& m) {
    using Rel = RelationshipId;
    py::class_<AgreementsRef>(
        m, "Agreements",
        "Ground-rule agreements and the misunderstanding log (`store.agreements`). Only the "
        "two parties edit, sign, raise or resolve (PermissionDenied not_a_party otherwise), and "
        "only while the relationship is open. Signed versions are frozen; amend() makes a new "
        "version; every version is kept. Reads name the acting person (`acting=`): only the "
        "two parties read versions, clauses and the log; anyone else gets PermissionDenied "
        "(not_a_party).")
        .def(
            "current",
            [](const AgreementsRef& a, Rel rel, PersonId acting) {
                return a.run([&](Agreements& g) { return g.current(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "The latest version, for a party (`acting`).")
        .def(
            "in_force",
            [](const AgreementsRef& a, Rel rel, PersonId acting) {
                return a.run([&](Agreements& g) { return g.in_force(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "The version in force (signed by both parties), or None, for a party (`acting`).")
        .def(
            "versions",
            [](const AgreementsRef& a, Rel rel, PersonId acting) {
                return a.run([&](Agreements& g) { return g.versions(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "Every version, oldest first, for a party (`acting`).")
        .def(
            "version",
            [](const AgreementsRef& a, Rel rel, int number, PersonId acting) {
                return a.run([&](Agreements& g) { return g.version(rel, number, acting); });
            },
            py::arg("relationship"), py::arg("number"), py::kw_only(), py::arg("acting"),
            "One version by number, for a party (`acting`); raises NotFound for a missing "
            "number.")
        .def(
            "edit_clause",
            [](const AgreementsRef& a, Rel rel, std::size_t index, const std::string& text,
               PersonId by, const std::string& title) {
                a.run([&](Agreements& g) { g.edit_clause(rel, index, text, by, title); });
            },
            py::arg("relationship"), py::arg("index"), py::arg("text"), py::arg("by"),
            py::arg("title") = "",
            "Replaces the text (and the title, if not empty) of clause `index` of the draft.")
        .def(
            "add_clause",
            [](const AgreementsRef& a, Rel rel, const Clause& clause, PersonId by) {
                return a.run([&](Agreements& g) { return g.add_clause(rel, clause, by); });
            },
            py::arg("relationship"), py::arg("clause"), py::arg("by"),
            "Appends a clause to the draft; returns its index.")
        .def(
            "remove_clause",
            [](const AgreementsRef& a, Rel rel, std::size_t index, PersonId by) {
                a.run([&](Agreements& g) { g.remove_clause(rel, index, by); });
            },
            py::arg("relationship"), py::arg("index"), py::arg("by"),
            "Removes a clause from the draft.")
        .def(
            "set_terms",
            [](const AgreementsRef& a, Rel rel, const AgreementTerms& terms, PersonId by) {
                a.run([&](Agreements& g) { g.set_terms(rel, terms, by); });
            },
            py::arg("relationship"), py::arg("terms"), py::arg("by"),
            "Replaces the draft's structured terms.")
        .def(
            "sign",
            [](const AgreementsRef& a, Rel rel, int number, PersonId by) {
                a.run([&](Agreements& g) { g.sign(rel, number, by); });
            },
            py::arg("relationship"), py::arg("number"), py::arg("by"),
            "Signs version `number`, which must be the latest (RuleViolation stale_version "
            "otherwise). In force once both parties signed.")
        .def(
            "amend",
            [](const AgreementsRef& a, Rel rel, PersonId by, const std::string& change_note) {
                return a.run([&](Agreements& g) { return g.amend(rel, by, change_note); });
            },
            py::arg("relationship"), py::arg("by"), py::arg("change_note"),
            "Starts a new version from the latest signed one (signatures reset; the old version "
            "stays in force meanwhile). Returns the new version number.")
        .def(
            "raise_misunderstanding",
            [](const AgreementsRef& a, Rel rel, PersonId by, Date on,
               const std::string& description) {
                return a.run([&](Agreements& g) {
                    return g.raise_misunderstanding(rel, by, on, description);
                });
            },
            py::arg("relationship"), py::arg("by"), py::arg("on"), py::arg("description"),
            "Logs a misunderstanding raised by a party; returns its id.")
        .def(
            "resolve_misunderstanding",
            [](const AgreementsRef& a, MisunderstandingId id, PersonId by, Date on,
               const std::string& resolution) {
                a.run([&](Agreements& g) { g.resolve_misunderstanding(id, by, on, resolution); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), py::arg("resolution"),
            "Resolves it explicitly with a resolution text (once).")
        .def(
            "misunderstandings",
            [](const AgreementsRef& a, Rel rel, PersonId acting) {
                return a.run([&](Agreements& g) { return g.misunderstandings(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "The log of a relationship, oldest first, for a party (`acting`).")
        .def("__repr__",
             [](const AgreementsRef&) { return std::string("<mentorkit.Agreements>"); });
}

} // namespace mentorkit::python
