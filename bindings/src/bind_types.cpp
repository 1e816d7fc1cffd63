// Enumerations and the value types the areas return (snapshots: read-only attributes, except
// the few types Python also builds as input: Expertise, Clause, AgreementTerms).

#include "common.hpp"

#include <pybind11/native_enum.h>
#include <pybind11/operators.h>

#include <string_view>

namespace mentorkit::python {

void bind_types(py::module_& m) {
    bind_enum<Model>(m, "Model",
                     "The model of a relationship: mentoring (mentor/mentee), coaching "
                     "(coach/coachee) or supervision (supervisor/supervisee).");
    bind_enum<Formality>(m, "Formality",
                         "formal (matched by a third party, fixed end date required), informal "
                         "(self-selected, long-term) or flash (one-off; can be converted).");
    bind_enum<Style>(m, "Style",
                     "Mentoring style derived from the hierarchy: traditional (mentor more "
                     "senior), peer (same level), reverse (mentor junior but more expert).");
    bind_enum<Status>(m, "Status",
                      "Lifecycle state: proposed, active, paused, declined, completed, "
                      "withdrawn (the last three are final).");
    bind_enum<EventKind>(m, "EventKind", "What a lifecycle event was.");
    bind_enum<WarningCode>(m, "WarningCode",
                           "What a relationship warning is about (warnings are data).");
    bind_enum<ClauseKind>(m, "ClauseKind", "What an agreement clause is about.");
    bind_enum<AgreementState>(m, "AgreementState",
                              "State of an agreement version: draft, partially_signed, "
                              "in_force, superseded or replaced.");
    bind_enum<GoalKind>(m, "GoalKind",
                        "measurable (metric, unit, baseline, target) or open_ended "
                        "(qualitative).");
    bind_enum<GoalFunction>(m, "GoalFunction", "The mentorship function a goal serves.");
    bind_enum<GoalStatus>(m, "GoalStatus",
                          "Lifecycle of a goal: draft, active, achieved, abandoned.");
    bind_enum<Forecast>(m, "Forecast",
                        "Forecast of a measurable goal against its due date: too_early, "
                        "on_track, at_risk, off_track.");
    bind_enum<ReviewDecision>(m, "ReviewDecision",
                              "What a periodic review decided for one goal: kept, changed, "
                              "achieved, abandoned.");
    bind_enum<Visibility>(m, "Visibility",
                          "Who may read a note or a rating: private (the author only; C++ "
                          "`private_`), pair (the two parties), board (the learner and every "
                          "guide on the learner's board).");
    bind_enum<NoteKind>(m, "NoteKind",
                        "note (free text) or resistance (what was tried and the response).");
    bind_enum<Setting>(m, "Setting",
                       "Where a meeting takes place: in_person_public, in_person_private or "
                       "virtual (a video call with a link; C++ `virtual_`).");
    bind_enum<MeetingStatus>(m, "MeetingStatus",
                             "What became of a meeting: planned, held, cancelled, no_show.");
    bind_enum<Recurrence>(m, "Recurrence",
                          "How office hours recur: weekly (every `interval` weeks on `weekdays`), "
                          "monthly_weekday (every `interval` months on the `nth` `weekday`; nth "
                          "-1: the last) or monthly_day (every `interval` months on "
                          "`day_of_month`).");
    bind_enum<Health>(m, "Health",
                      "Health of an active relationship: too_early, on_track, needs_check_in, "
                      "stalled.");

    py::class_<Expertise>(m, "Expertise",
                          "Expertise in one area (free-text tag), level 1 (novice) to 5 "
                          "(authority).")
        .def(py::init([](std::string area, int level) {
                 return Expertise{std::move(area), level};
             }),
             py::arg("area"), py::arg("level") = 1, "Creates an expertise entry.")
        .def_readwrite("area", &Expertise::area, "The area tag, e.g. \"research\".")
        .def_readwrite("level", &Expertise::level, "1..5.")
        .def(py::self == py::self)
        .def("__repr__", [](const Expertise& e) {
            return repr_of("Expertise", {{"area", obj(e.area)}, {"level", obj(e.level)}});
        });

    py::class_<Person>(m, "Person", "A stored person (a snapshot).")
        .def_readonly("id", &Person::id, "Identity (an int).")
        .def_readonly("name", &Person::name, "Display name.")
        .def_readonly("level", &Person::level, "Rank in the hierarchy; higher = more senior.")
        .def_readonly("email", &Person::email, "Contact, or None.")
        .def_readonly("phone", &Person::phone, "Contact, or None.")
        .def_readonly("supervisor", &Person::supervisor, "Direct supervisor's id, or None.")
        .def_readonly("expertise", &Person::expertise, "Expertise areas, sorted by area.")
        .def_readonly("created_at", &Person::created_at, "When the record was created (UTC).")
        .def("expertise_in", &Person::expertise_in, py::arg("area"),
             "This person's level in an area (0 when the area is not listed).")
        .def("__repr__", [](const Person& p) {
            return repr_of("Person", {{"id", obj(p.id)},
                                      {"name", obj(p.name)},
                                      {"level", obj(p.level)},
                                      {"supervisor", obj(p.supervisor)},
                                      {"expertise", obj(p.expertise)}});
        });

    py::class_<Relationship>(m, "Relationship", "A stored relationship (a snapshot).")
        .def_readonly("id", &Relationship::id, "Identity (an int).")
        .def_readonly("model", &Relationship::model, "Mentoring, coaching or supervision.")
        .def_readonly("guide", &Relationship::guide, "Mentor / coach / supervisor (person id).")
        .def_readonly("learner", &Relationship::learner,
                      "Mentee / coachee / supervisee (person id).")
        .def_readonly("focus", &Relationship::focus, "Focus area.")
        .def_readonly("formality", &Relationship::formality, "Formal, informal or flash.")
        .def_readonly("style", &Relationship::style,
                      "Style derived when proposed (mentoring only), else None.")
        .def_readonly("status", &Relationship::status, "Lifecycle state.")
        .def_readonly("start", &Relationship::start, "Planned start.")
        .def_readonly("end", &Relationship::end, "Planned end, or None.")
        .def_readonly("proposed_by", &Relationship::proposed_by, "Who proposed (person id).")
        .def_readonly("proposed_on", &Relationship::proposed_on, "Day of the proposal.")
        .def_readonly("guide_accepted", &Relationship::guide_accepted, "The guide accepted.")
        .def_readonly("learner_accepted", &Relationship::learner_accepted, "The learner accepted.")
        .def_readonly("supervision_justification", &Relationship::supervision_justification,
                      "Recorded justification for crossing a supervision line, or None.")
        .def_readonly("ended_on", &Relationship::ended_on,
                      "When declined, completed or withdrawn, else None.")
        .def_readonly("ended_by", &Relationship::ended_by, "Who ended it, or None.")
        .def_readonly("end_reason", &Relationship::end_reason, "Why it ended, or None.")
        .def_readonly("created_at", &Relationship::created_at, "When the record was created.")
        .def("is_open", &Relationship::is_open, "True while proposed, active or paused.")
        .def("is_party", &Relationship::is_party, py::arg("person"),
             "True when `person` is the guide or the learner.")
        .def("__repr__", [](const Relationship& r) {
            return repr_of("Relationship", {{"id", obj(r.id)},
                                            {"model", obj(r.model)},
                                            {"guide", obj(r.guide)},
                                            {"learner", obj(r.learner)},
                                            {"focus", obj(r.focus)},
                                            {"formality", obj(r.formality)},
                                            {"style", obj(r.style)},
                                            {"status", obj(r.status)},
                                            {"start", obj(r.start)},
                                            {"end", obj(r.end)}});
        });

    py::class_<RelationshipEvent>(m, "RelationshipEvent",
                                  "One entry of a relationship's lifecycle history.")
        .def_readonly("kind", &RelationshipEvent::kind, "What happened.")
        .def_readonly("actor", &RelationshipEvent::actor, "Who did it (person id).")
        .def_readonly("on", &RelationshipEvent::on, "The day it happened.")
        .def_readonly("reason", &RelationshipEvent::reason, "Why, or None.")
        .def_readonly("at", &RelationshipEvent::at, "When it was recorded (UTC).")
        .def("__repr__", [](const RelationshipEvent& e) {
            return repr_of("RelationshipEvent", {{"kind", obj(e.kind)},
                                                 {"actor", obj(e.actor)},
                                                 {"on", obj(e.on)},
                                                 {"reason", obj(e.reason)}});
        });

    py::class_<Warning>(m, "RelationshipWarning",
                        "A warning about a relationship (data, not a log line; named so it does "
                        "not shadow the builtin Warning).")
        .def_readonly("code", &Warning::code, "What it is about.")
        .def_readonly("message", &Warning::message, "Human-readable text.")
        .def("__repr__", [](const Warning& w) {
            return repr_of("RelationshipWarning",
                           {{"code", obj(w.code)}, {"message", obj(w.message)}});
        });

    py::class_<BoardSeat>(m, "BoardSeat", "One seat on a learner's board of advisors.")
        .def_readonly("relationship", &BoardSeat::relationship, "The relationship id.")
        .def_readonly("guide", &BoardSeat::guide, "The advisor (person id).")
        .def_readonly("model", &BoardSeat::model, "Mentoring or coaching.")
        .def_readonly("focus", &BoardSeat::focus, "The focus this advisor covers.")
        .def_readonly("style", &BoardSeat::style, "Mentoring style, or None.")
        .def("__repr__", [](const BoardSeat& b) {
            return repr_of("BoardSeat", {{"relationship", obj(b.relationship)},
                                         {"guide", obj(b.guide)},
                                         {"model", obj(b.model)},
                                         {"focus", obj(b.focus)},
                                         {"style", obj(b.style)}});
        });

    py::class_<ModelDefaults>(m, "ModelDefaults",
                              "Role names, driver, agenda owner and usual length of a model.")
        .def_property_readonly(
            "guide_role", [](const ModelDefaults& d) { return std::string(d.guide_role); },
            "\"mentor\", \"coach\" or \"supervisor\".")
        .def_property_readonly(
            "learner_role", [](const ModelDefaults& d) { return std::string(d.learner_role); },
            "\"mentee\", \"coachee\" or \"supervisee\".")
        .def_property_readonly(
            "driver", [](const ModelDefaults& d) { return std::string(d.driver); },
            "\"development\", \"performance\", ...")
        .def_property_readonly(
            "agenda_owner", [](const ModelDefaults& d) { return std::string(d.agenda_owner); },
            "\"learner\", \"both\" or \"guide\".")
        .def_property_readonly(
            "goals", [](const ModelDefaults& d) { return std::string(d.goals); },
            "Kind of goals the model expects.")
        .def_property_readonly(
            "meetings", [](const ModelDefaults& d) { return std::string(d.meetings); },
            "How meetings usually happen.")
        .def_readonly("typical_months", &ModelDefaults::typical_months,
                      "Usual length in months; None = open-ended.")
        .def_readonly("default_cadence_days", &ModelDefaults::default_cadence_days,
                      "Default meeting cadence of the agreement template.")
        .def("__repr__", [](const ModelDefaults& d) {
            return repr_of("ModelDefaults", {{"guide_role", obj(std::string(d.guide_role))},
                                             {"learner_role", obj(std::string(d.learner_role))},
                                             {"driver", obj(std::string(d.driver))},
                                             {"agenda_owner", obj(std::string(d.agenda_owner))},
                                             {"typical_months", obj(d.typical_months)}});
        });
    m.def(
        "defaults_of", [](Model model) { return defaults_of(model); }, py::arg("model"),
        "The defaults of a model (role names, driver, agenda owner, usual length, cadence).");

    py::class_<Clause>(m, "Clause", "One clause of an agreement.")
        .def(py::init([](ClauseKind kind, std::string title, std::string text) {
                 return Clause{kind, std::move(title), std::move(text)};
             }),
             py::arg_v("kind", ClauseKind::other, "ClauseKind.other"), py::arg("title") = "",
             py::arg("text") = "", "Creates a clause (for Agreements.add_clause).")
        .def_readwrite("kind", &Clause::kind, "What the clause is about.")
        .def_readwrite("title", &Clause::title, "Short title.")
        .def_readwrite("text", &Clause::text, "The agreed text.")
        .def(py::self == py::self)
        .def("__repr__", [](const Clause& c) {
            return repr_of("Clause",
                           {{"kind", obj(c.kind)}, {"title", obj(c.title)}, {"text", obj(c.text)}});
        });

    py::class_<AgreementTerms>(m, "AgreementTerms",
                               "Structured terms other parts of the core read.")
        .def(py::init([](std::optional<int> cadence_days, std::optional<Date> review_date) {
                 return AgreementTerms{cadence_days, review_date};
             }),
             py::arg("cadence_days") = py::none(), py::arg("review_date") = py::none(),
             "Creates terms (for Agreements.set_terms).")
        .def_readwrite("cadence_days", &AgreementTerms::cadence_days,
                       "Expected days between meetings (1..366), or None.")
        .def_readwrite("review_date", &AgreementTerms::review_date,
                       "When the agreement is reviewed, or None.")
        .def(py::self == py::self)
        .def("__repr__", [](const AgreementTerms& t) {
            return repr_of("AgreementTerms", {{"cadence_days", obj(t.cadence_days)},
                                              {"review_date", obj(t.review_date)}});
        });

    py::class_<Signature>(m, "Signature", "A signature of an agreement version.")
        .def_readonly("person", &Signature::person, "Who signed (person id).")
        .def_readonly("at", &Signature::at, "When (UTC).")
        .def("__repr__", [](const Signature& s) {
            return repr_of("Signature", {{"person", obj(s.person)}, {"at", obj(s.at)}});
        });

    py::class_<AgreementVersion>(m, "AgreementVersion", "One version of an agreement.")
        .def_readonly("relationship", &AgreementVersion::relationship, "The relationship id.")
        .def_readonly("number", &AgreementVersion::number, "Version number, from 1.")
        .def_readonly("clauses", &AgreementVersion::clauses, "The clauses, in order.")
        .def_readonly("terms", &AgreementVersion::terms, "Structured terms.")
        .def_readonly("signatures", &AgreementVersion::signatures, "Who signed, when.")
        .def_readonly("state", &AgreementVersion::state, "Draft, partially signed, in force...")
        .def_readonly("created_by", &AgreementVersion::created_by, "Who created it, or None.")
        .def_readonly("created_at", &AgreementVersion::created_at, "When it was created.")
        .def_readonly("change_note", &AgreementVersion::change_note, "Why it was amended.")
        .def_readonly("stored", &AgreementVersion::stored,
                      "False while version 1 is still the unmodified template.")
        .def("signed_by", &AgreementVersion::signed_by, py::arg("person"),
             "True when `person` signed this version.")
        .def("__repr__", [](const AgreementVersion& v) {
            py::list signers;
            for (const Signature& s : v.signatures)
                signers.append(obj(s.person));
            return repr_of("AgreementVersion", {{"relationship", obj(v.relationship)},
                                                {"number", obj(v.number)},
                                                {"state", obj(v.state)},
                                                {"clauses", obj(v.clauses.size())},
                                                {"signed_by", signers}});
        });

    py::class_<AgreementTemplate>(m, "AgreementTemplate",
                                  "The clauses and terms a model's agreements start from.")
        .def_readonly("clauses", &AgreementTemplate::clauses, "Template clauses.")
        .def_readonly("terms", &AgreementTemplate::terms, "Default terms.")
        .def("__repr__", [](const AgreementTemplate& t) {
            return repr_of("AgreementTemplate",
                           {{"clauses", obj(t.clauses.size())}, {"terms", obj(t.terms)}});
        });
    m.def(
        "agreement_template", [](const Relationship& r) { return agreement_template(r); },
        py::arg("relationship"),
        "The agreement template for a relationship (model defaults filled with its roles and "
        "focus).");

    py::class_<Misunderstanding>(m, "Misunderstanding",
                                 "An entry of the misunderstanding log: open until resolved.")
        .def_readonly("id", &Misunderstanding::id, "Identity (an int).")
        .def_readonly("relationship", &Misunderstanding::relationship, "The relationship id.")
        .def_readonly("raised_by", &Misunderstanding::raised_by, "Who raised it (person id).")
        .def_readonly("raised_on", &Misunderstanding::raised_on, "The day it was raised.")
        .def_readonly("description", &Misunderstanding::description, "What was misunderstood.")
        .def_readonly("resolution", &Misunderstanding::resolution, "How it was resolved, or None.")
        .def_readonly("resolved_by", &Misunderstanding::resolved_by, "Who resolved it, or None.")
        .def_readonly("resolved_on", &Misunderstanding::resolved_on, "When resolved, or None.")
        .def("is_open", &Misunderstanding::is_open, "True until resolved.")
        .def("__repr__", [](const Misunderstanding& x) {
            return repr_of("Misunderstanding", {{"id", obj(x.id)},
                                                {"relationship", obj(x.relationship)},
                                                {"raised_by", obj(x.raised_by)},
                                                {"description", obj(x.description)},
                                                {"resolution", obj(x.resolution)}});
        });

    py::class_<AuditEntry>(m, "AuditEntry", "One entry of the append-only audit log.")
        .def_readonly("id", &AuditEntry::id, "Increasing sequence number.")
        .def_readonly("at", &AuditEntry::at, "When, by the store's clock (UTC).")
        .def_readonly("actor", &AuditEntry::actor, "Who acted, or None (administrator).")
        .def_readonly("action", &AuditEntry::action, "e.g. \"create\", \"sign\".")
        .def_readonly("entity", &AuditEntry::entity, "e.g. \"person\", \"relationship\".")
        .def_readonly("entity_id", &AuditEntry::entity_id, "The record's id.")
        .def_readonly("detail", &AuditEntry::detail, "JSON object text with the particulars.")
        .def("__repr__", [](const AuditEntry& a) {
            return repr_of("AuditEntry", {{"id", obj(a.id)},
                                          {"at", obj(a.at)},
                                          {"actor", obj(a.actor)},
                                          {"action", obj(a.action)},
                                          {"entity", obj(a.entity)},
                                          {"entity_id", obj(a.entity_id)}});
        });
}

} // namespace mentorkit::python
