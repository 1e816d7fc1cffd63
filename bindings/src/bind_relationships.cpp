// store.relationships: models, styles, lifecycle, boards, warnings.

#include "areas.hpp"

namespace mentorkit::python {

void bind_relationships(py::module_& m) {
    using Rel = RelationshipId;
    py::class_<RelationshipsRef>(m, "Relationships",
                                 "The relationships of a store (`store.relationships`).")
        .def(
            "propose",
            [](const RelationshipsRef& a, Model model, PersonId guide, PersonId learner,
               std::string focus, Date start, PersonId proposed_by, Formality formality,
               std::optional<Date> end, std::optional<Date> proposed_on,
               std::optional<Style> declared_style,
               std::optional<std::string> supervision_justification) {
                NewRelationship r;
                r.model = model;
                r.guide = guide;
                r.learner = learner;
                r.focus = std::move(focus);
                r.formality = formality;
                r.start = start;
                r.end = end;
                r.proposed_by = proposed_by;
                r.proposed_on = proposed_on;
                r.declared_style = declared_style;
                r.supervision_justification = std::move(supervision_justification);
                return a.run([&](Relationships& rels) { return rels.propose(r); });
            },
            py::kw_only(), py::arg("model"), py::arg("guide"), py::arg("learner"), py::arg("focus"),
            py::arg("start"), py::arg("proposed_by"),
            py::arg_v("formality", Formality::informal, "Formality.informal"),
            py::arg("end") = py::none(), py::arg("proposed_on") = py::none(),
            py::arg("declared_style") = py::none(),
            py::arg("supervision_justification") = py::none(),
            "Proposes a relationship (status proposed) and returns its id. A party proposing "
            "counts as that party's acceptance; a third party's (coordinator's) proposal needs "
            "both. `proposed_on` defaults to the earlier of today and `start`. Refuses: same "
            "person on both sides, empty focus, formal without `end`, end before start "
            "(InvalidArgument); unknown people (NotFound); supervision where the guide is not "
            "more senior, a declared style contradicting the levels, reverse mentoring without "
            "more expertise, mentoring/coaching across a supervision line without "
            "`supervision_justification`, a second open relationship of the same pair, model and "
            "focus (RuleViolation).")
        .def(
            "get",
            [](const RelationshipsRef& a, Rel id) {
                return a.run([&](Relationships& r) { return r.get(id); });
            },
            py::arg("id"), "The relationship; raises NotFound.")
        .def(
            "list",
            [](const RelationshipsRef& a, std::optional<PersonId> person,
               std::optional<Status> status, std::optional<Model> model, bool open_only) {
                RelationshipFilter f{person, status, model, open_only};
                return a.run([&](Relationships& r) { return r.list(f); });
            },
            py::kw_only(), py::arg("person") = py::none(), py::arg("status") = py::none(),
            py::arg("model") = py::none(), py::arg("open_only") = false,
            "Relationships matching every given filter (person as guide or learner; "
            "`open_only`: proposed, active or paused), ordered by id.")
        .def(
            "history",
            [](const RelationshipsRef& a, Rel id) {
                return a.run([&](Relationships& r) { return r.history(id); });
            },
            py::arg("id"), "The lifecycle history, oldest first.")
        .def(
            "accept",
            [](const RelationshipsRef& a, Rel id, PersonId by, Date on) {
                a.run([&](Relationships& r) { r.accept(id, by, on); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"),
            "The party who has not yet accepted accepts; with both, the relationship is active.")
        .def(
            "decline",
            [](const RelationshipsRef& a, Rel id, PersonId by, Date on, const std::string& reason) {
                a.run([&](Relationships& r) { r.decline(id, by, on, reason); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), py::arg("reason") = "",
            "A party declines a proposal (final); the reason is optional.")
        .def(
            "pause",
            [](const RelationshipsRef& a, Rel id, PersonId by, Date on, const std::string& reason) {
                a.run([&](Relationships& r) { r.pause(id, by, on, reason); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), py::arg("reason"),
            "A party pauses an active relationship.")
        .def(
            "resume",
            [](const RelationshipsRef& a, Rel id, PersonId by, Date on) {
                a.run([&](Relationships& r) { r.resume(id, by, on); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), "A party resumes a paused relationship.")
        .def(
            "complete",
            [](const RelationshipsRef& a, Rel id, PersonId by, Date on, const std::string& reason) {
                a.run([&](Relationships& r) { r.complete(id, by, on, reason); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), py::arg("reason"),
            "A party ends an active or paused relationship as completed (reason required).")
        .def(
            "withdraw",
            [](const RelationshipsRef& a, Rel id, PersonId by, Date on, const std::string& reason) {
                a.run([&](Relationships& r) { r.withdraw(id, by, on, reason); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), py::arg("reason"),
            "A party withdraws (reason required), from proposed, active or paused: the learner "
            "can always end a relationship.")
        .def(
            "convert",
            [](const RelationshipsRef& a, Rel id, PersonId by, Date on, Formality formality,
               std::optional<Date> end) {
                a.run([&](Relationships& r) { r.convert(id, by, on, formality, end); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), py::arg("formality"),
            py::arg("end") = py::none(),
            "Converts an open relationship to another formality (typically flash to informal "
            "or formal); formal needs a planned `end`.")
        .def(
            "board",
            [](const RelationshipsRef& a, PersonId learner) {
                return a.run([&](Relationships& r) { return r.board(learner); });
            },
            py::arg("learner"),
            "The learner's board of advisors: every active mentoring or coaching guide, with "
            "the focus each covers.")
        .def(
            "warnings",
            [](const RelationshipsRef& a, Rel id) {
                return a.run([&](Relationships& r) { return r.warnings(id); });
            },
            py::arg("id"), "The warnings of a relationship as of today (the store's clock).")
        .def(
            "derive_style",
            [](const RelationshipsRef& a, PersonId mentor, PersonId mentee,
               const std::string& focus) {
                return a.run(
                    [&](Relationships& r) { return r.derive_style(mentor, mentee, focus); });
            },
            py::arg("mentor"), py::arg("mentee"), py::arg("focus"),
            "The style the hierarchy gives a mentor/mentee pair for a focus area; raises "
            "RuleViolation (reverse_without_expertise) when the mentor is junior but not more "
            "expert.")
        .def("__repr__",
             [](const RelationshipsRef&) { return std::string("<mentorkit.Relationships>"); });
}

} // namespace mentorkit::python
