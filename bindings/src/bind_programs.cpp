// store.programs: programs, their goals, standards checklist, participants, marks, and the
// effectiveness and quality reports.

#include "areas.hpp"

#include <pybind11/native_enum.h>

#include <string_view>

namespace mentorkit::python {

void bind_programs(py::module_& m) {
    bind_enum<ProgramMetric>(m, "ProgramMetric",
                             "The derived metric a program goal measures (see programs.hpp): "
                             "goal_attainment, mean_goal_progress, held_ratio, "
                             "mean_held_first_90_days, share_on_track, started_relationships, "
                             "completed_relationships.");
    bind_enum<Direction>(m, "Direction",
                         "Which way a program goal's metric should move: increase or decrease.");
    bind_enum<Assessment>(m, "Assessment",
                          "An assessment of a standard: met (1), partly (0.5), not_met (0).");
    bind_enum<PairMark>(m, "PairMark",
                        "A coordinator's mark on a mentee-mentor pair: wanted (a fit bonus) or "
                        "forbidden (never proposed).");

    py::class_<Program>(m, "Program", "A stored program.")
        .def_readonly("id", &Program::id, "Identity (an int).")
        .def_readonly("name", &Program::name, "Unique name.")
        .def_readonly("purpose", &Program::purpose, "What the program sets out to do.")
        .def_readonly("coordinator", &Program::coordinator,
                      "Who runs it and may change it (person id).")
        .def_readonly("created_at", &Program::created_at, "When it was created (UTC).")
        .def("__repr__", [](const Program& p) {
            return repr_of(
                "Program",
                {{"id", obj(p.id)}, {"name", obj(p.name)}, {"coordinator", obj(p.coordinator)}});
        });

    py::class_<ProgramGoal>(m, "ProgramGoal",
                            "A program-level goal: a derived metric, its baseline, target and "
                            "direction.")
        .def_readonly("id", &ProgramGoal::id, "Identity (an int).")
        .def_readonly("program", &ProgramGoal::program, "The program id.")
        .def_readonly("title", &ProgramGoal::title, "What the goal is.")
        .def_readonly("metric", &ProgramGoal::metric, "The derived metric it measures.")
        .def_readonly("unit", &ProgramGoal::unit, "Display unit (may be empty).")
        .def_readonly("baseline", &ProgramGoal::baseline, "Where the program starts.")
        .def_readonly("target", &ProgramGoal::target, "Where the goal is reached.")
        .def_readonly("direction", &ProgramGoal::direction, "increase or decrease.")
        .def_readonly("due", &ProgramGoal::due, "Due date, or None.")
        .def_readonly("created_at", &ProgramGoal::created_at, "When it was added (UTC).")
        .def("__repr__", [](const ProgramGoal& g) {
            return repr_of("ProgramGoal", {{"id", obj(g.id)},
                                           {"title", obj(g.title)},
                                           {"metric", obj(g.metric)},
                                           {"baseline", obj(g.baseline)},
                                           {"target", obj(g.target)}});
        });

    py::class_<StandardAssessment>(m, "StandardAssessment",
                                   "One assessment of a standard (appended; the latest counts).")
        .def_readonly("standard", &StandardAssessment::standard, "The standard id.")
        .def_readonly("rating", &StandardAssessment::rating, "met, partly or not_met.")
        .def_readonly("evidence", &StandardAssessment::evidence, "The evidence text.")
        .def_readonly("on", &StandardAssessment::on, "The day assessed.")
        .def_readonly("by", &StandardAssessment::by, "Who assessed (person id).")
        .def_readonly("at", &StandardAssessment::at, "When it was recorded (UTC).")
        .def("__repr__", [](const StandardAssessment& a) {
            return repr_of(
                "StandardAssessment",
                {{"standard", obj(a.standard)}, {"rating", obj(a.rating)}, {"on", obj(a.on)}});
        });

    py::class_<Standard>(m, "Standard", "An item of the standards checklist.")
        .def_readonly("id", &Standard::id, "Identity (an int).")
        .def_readonly("program", &Standard::program, "The program id.")
        .def_readonly("title", &Standard::title, "The standard.")
        .def_readonly("description", &Standard::description, "More detail (may be empty).")
        .def_readonly("latest", &Standard::latest, "The latest assessment, or None.")
        .def("__repr__", [](const Standard& s) {
            return repr_of("Standard",
                           {{"id", obj(s.id)}, {"title", obj(s.title)}, {"latest", obj(s.latest)}});
        });

    py::class_<ProgramMentee>(m, "ProgramMentee", "A mentee taking part in a program.")
        .def_readonly("person", &ProgramMentee::person, "The mentee (person id).")
        .def_readonly("areas", &ProgramMentee::areas,
                      "Areas to grow in, most important first (the first is the focus of a "
                      "single match).")
        .def_readonly("preferred_style", &ProgramMentee::preferred_style,
                      "The preferred mentoring style, or None.")
        .def_readonly("board", &ProgramMentee::board,
                      "True: one mentor per area (a board of advisors).")
        .def("__repr__", [](const ProgramMentee& x) {
            return repr_of("ProgramMentee", {{"person", obj(x.person)},
                                             {"areas", obj(x.areas)},
                                             {"preferred_style", obj(x.preferred_style)},
                                             {"board", obj(x.board)}});
        });

    py::class_<ProgramMentor>(m, "ProgramMentor", "A mentor taking part in a program.")
        .def_readonly("person", &ProgramMentor::person, "The mentor (person id).")
        .def_readonly("capacity", &ProgramMentor::capacity, "Mentees of the program at once.")
        .def("__repr__", [](const ProgramMentor& x) {
            return repr_of("ProgramMentor",
                           {{"person", obj(x.person)}, {"capacity", obj(x.capacity)}});
        });

    py::class_<MarkedPair>(m, "MarkedPair", "A pair the coordinator marked for matching.")
        .def_readonly("mentee", &MarkedPair::mentee, "The mentee (person id).")
        .def_readonly("mentor", &MarkedPair::mentor, "The mentor (person id).")
        .def_readonly("mark", &MarkedPair::mark, "wanted or forbidden.")
        .def_readonly("reason", &MarkedPair::reason, "Why.")
        .def("__repr__", [](const MarkedPair& x) {
            return repr_of(
                "MarkedPair",
                {{"mentee", obj(x.mentee)}, {"mentor", obj(x.mentor)}, {"mark", obj(x.mark)}});
        });

    py::class_<ProgramNumbers>(m, "ProgramNumbers",
                               "Every derived metric of a program as of a day (programs.hpp "
                               "documents each); shares are None when not measurable yet.")
        .def_readonly("relationships", &ProgramNumbers::relationships, "Linked (any status).")
        .def_readonly("started", &ProgramNumbers::started, "Both parties accepted.")
        .def_readonly("active", &ProgramNumbers::active, "Active now.")
        .def_readonly("completed", &ProgramNumbers::completed, "Completed.")
        .def_readonly("measurable_goals", &ProgramNumbers::measurable_goals,
                      "Active or achieved measurable goals of started relationships.")
        .def_readonly("goals_attained", &ProgramNumbers::goals_attained,
                      "Of those, achieved or at progress >= 1.")
        .def_readonly("goal_attainment", &ProgramNumbers::goal_attainment,
                      "goals_attained / measurable_goals, or None.")
        .def_readonly("mean_goal_progress", &ProgramNumbers::mean_goal_progress,
                      "Mean progress clamped to [0, 1], or None.")
        .def_readonly("planned", &ProgramNumbers::planned, "Meetings planned (any outcome).")
        .def_readonly("held", &ProgramNumbers::held, "Meetings held.")
        .def_readonly("held_ratio", &ProgramNumbers::held_ratio, "held / planned, or None.")
        .def_readonly("held_first_90_days", &ProgramNumbers::held_first_90_days,
                      "Meetings held in the first 90 days, summed.")
        .def_readonly("mean_held_first_90_days", &ProgramNumbers::mean_held_first_90_days,
                      "Per started relationship, or None.")
        .def_readonly("health_judged", &ProgramNumbers::health_judged,
                      "Active relationships with a health other than too_early.")
        .def_readonly("on_track", &ProgramNumbers::on_track, "Of those, on track.")
        .def_readonly("share_on_track", &ProgramNumbers::share_on_track,
                      "on_track / health_judged, or None.")
        .def("value", &ProgramNumbers::value, py::arg("metric"),
             "The value of one metric (counts as floats), or None.")
        .def("__repr__", [](const ProgramNumbers& n) {
            return repr_of("ProgramNumbers", {{"started", obj(n.started)},
                                              {"goal_attainment", obj(n.goal_attainment)},
                                              {"held_ratio", obj(n.held_ratio)},
                                              {"share_on_track", obj(n.share_on_track)}});
        });

    py::class_<ProgramGoalProgress>(m, "ProgramGoalProgress", "Progress of one program goal.")
        .def_readonly("goal", &ProgramGoalProgress::goal, "The goal.")
        .def_readonly("current", &ProgramGoalProgress::current,
                      "The metric's value, or None when not measurable yet.")
        .def_readonly("progress", &ProgramGoalProgress::progress,
                      "(current - baseline) / (target - baseline), not clamped, or None.")
        .def_readonly("attained", &ProgramGoalProgress::attained,
                      "current reached the target in the goal's direction.")
        .def_readonly("overdue", &ProgramGoalProgress::overdue,
                      "Not attained and past the due date.")
        .def("__repr__", [](const ProgramGoalProgress& p) {
            return repr_of("ProgramGoalProgress", {{"goal", obj(p.goal.id)},
                                                   {"current", obj(p.current)},
                                                   {"progress", obj(p.progress)},
                                                   {"attained", obj(p.attained)}});
        });

    py::class_<EffectivenessReport>(m, "EffectivenessReport",
                                    "How close a program is to its goals, as numbers.")
        .def_readonly("program", &EffectivenessReport::program, "The program id.")
        .def_readonly("as_of", &EffectivenessReport::as_of, "The day of the report.")
        .def_readonly("numbers", &EffectivenessReport::numbers, "Every derived metric.")
        .def_readonly("goals", &EffectivenessReport::goals, "Each goal's progress, by goal id.")
        .def("__repr__", [](const EffectivenessReport& r) {
            return repr_of("EffectivenessReport", {{"program", obj(r.program)},
                                                   {"as_of", obj(r.as_of)},
                                                   {"goals", obj(r.goals.size())}});
        });

    py::class_<QualityReport>(m, "QualityReport",
                              "A program against its standards checklist: met = 1, partly = 0.5, "
                              "not met = 0, averaged over assessed items.")
        .def_readonly("program", &QualityReport::program, "The program id.")
        .def_readonly("standards", &QualityReport::standards,
                      "Every item with its latest assessment.")
        .def_readonly("assessed", &QualityReport::assessed, "Items assessed.")
        .def_readonly("met", &QualityReport::met, "Items met.")
        .def_readonly("partly", &QualityReport::partly, "Items partly met.")
        .def_readonly("not_met", &QualityReport::not_met, "Items not met.")
        .def_readonly("score", &QualityReport::score, "The mean score, or None.")
        .def_readonly("unassessed", &QualityReport::unassessed, "Ids of items never assessed.")
        .def("__repr__", [](const QualityReport& q) {
            return repr_of("QualityReport", {{"program", obj(q.program)},
                                             {"score", obj(q.score)},
                                             {"assessed", obj(q.assessed)},
                                             {"unassessed", obj(q.unassessed.size())}});
        });

    using Pid = ProgramId;
    py::class_<ProgramsRef>(
        m, "Programs",
        "Programs of the store (`store.programs`). Every change is made `by` the program's "
        "coordinator (PermissionDenied otherwise) in one transaction with its audit entry.")
        .def(
            "create",
            [](const ProgramsRef& a, std::string name, PersonId coordinator, std::string purpose,
               std::optional<PersonId> by) {
                NewProgram p{std::move(name), std::move(purpose), coordinator};
                return a.run([&](Programs& x) { return x.create(p, by); });
            },
            py::arg("name"), py::kw_only(), py::arg("coordinator"), py::arg("purpose") = "",
            py::arg("by") = py::none(),
            "Creates a program and returns its id. Refuses an empty name (InvalidArgument), an "
            "unknown coordinator (NotFound), a name in use (RuleViolation).")
        .def(
            "get",
            [](const ProgramsRef& a, Pid id) {
                return a.run([&](Programs& x) { return x.get(id); });
            },
            py::arg("id"), "The program; NotFound if unknown.")
        .def(
            "list",
            [](const ProgramsRef& a) { return a.run([](Programs& x) { return x.list(); }); },
            "Every program, by id.")
        .def(
            "update",
            [](const ProgramsRef& a, Pid id, PersonId by, std::optional<std::string> name,
               std::optional<std::string> purpose, std::optional<PersonId> coordinator) {
                ProgramChanges c{std::move(name), std::move(purpose), coordinator};
                a.run([&](Programs& x) { x.update(id, c, by); });
            },
            py::arg("id"), py::kw_only(), py::arg("by"), py::arg("name") = py::none(),
            py::arg("purpose") = py::none(), py::arg("coordinator") = py::none(),
            "Renames, changes the purpose or hands over to another coordinator.")
        .def(
            "add_goal",
            [](const ProgramsRef& a, Pid id, std::string title, ProgramMetric metric,
               double baseline, double target, Direction direction, PersonId by, std::string unit,
               std::optional<Date> due) {
                NewProgramGoal g{std::move(title), metric, std::move(unit), baseline, target,
                                 direction,        due};
                return a.run([&](Programs& x) { return x.add_goal(id, g, by); });
            },
            py::arg("id"), py::arg("title"), py::kw_only(), py::arg("metric"), py::arg("baseline"),
            py::arg("target"), py::arg("direction"), py::arg("by"), py::arg("unit") = "",
            py::arg("due") = py::none(),
            "Adds a goal measuring one derived metric and returns its id. Refuses an empty "
            "title, a non-finite number, target == baseline, a direction that contradicts them "
            "(InvalidArgument).")
        .def(
            "goals",
            [](const ProgramsRef& a, Pid id) {
                return a.run([&](Programs& x) { return x.goals(id); });
            },
            py::arg("id"), "The program's goals, by id.")
        .def(
            "add_standard",
            [](const ProgramsRef& a, Pid id, const std::string& title, PersonId by,
               const std::string& description) {
                return a.run(
                    [&](Programs& x) { return x.add_standard(id, title, description, by); });
            },
            py::arg("id"), py::arg("title"), py::kw_only(), py::arg("by"),
            py::arg("description") = "", "Adds a checklist item and returns its id.")
        .def(
            "assess",
            [](const ProgramsRef& a, StandardId standard, Assessment rating,
               const std::string& evidence, Date on, PersonId by) {
                a.run([&](Programs& x) { x.assess(standard, rating, evidence, on, by); });
            },
            py::arg("standard"), py::arg("rating"), py::arg("evidence"), py::kw_only(),
            py::arg("on"), py::arg("by"),
            "Appends an assessment (evidence required, not in the future); the latest counts.")
        .def(
            "standards",
            [](const ProgramsRef& a, Pid id) {
                return a.run([&](Programs& x) { return x.standards(id); });
            },
            py::arg("id"), "The checklist with each item's latest assessment.")
        .def(
            "assessments",
            [](const ProgramsRef& a, StandardId standard) {
                return a.run([&](Programs& x) { return x.assessments(standard); });
            },
            py::arg("standard"), "Every assessment of a standard, oldest first.")
        .def(
            "add_relationship",
            [](const ProgramsRef& a, Pid id, RelationshipId relationship, PersonId by) {
                a.run([&](Programs& x) { x.add_relationship(id, relationship, by); });
            },
            py::arg("id"), py::arg("relationship"), py::kw_only(), py::arg("by"),
            "Links an existing relationship (at most one program per relationship).")
        .def(
            "relationships",
            [](const ProgramsRef& a, Pid id) {
                return a.run([&](Programs& x) { return x.relationships(id); });
            },
            py::arg("id"), "The program's relationship ids.")
        .def(
            "program_of",
            [](const ProgramsRef& a, RelationshipId relationship) {
                return a.run([&](Programs& x) { return x.program_of(relationship); });
            },
            py::arg("relationship"), "The program a relationship belongs to, or None.")
        .def(
            "set_mentee",
            [](const ProgramsRef& a, Pid id, PersonId mentee, std::vector<std::string> areas,
               PersonId by, std::optional<Style> preferred_style, bool board) {
                ProgramMentee e{mentee, std::move(areas), preferred_style, board};
                a.run([&](Programs& x) { x.set_mentee(id, e, by); });
            },
            py::arg("id"), py::arg("mentee"), py::arg("areas"), py::kw_only(), py::arg("by"),
            py::arg("preferred_style") = py::none(), py::arg("board") = false,
            "Adds a mentee or replaces their areas (most important first), preferred style "
            "and board flag (one mentor per area).")
        .def(
            "remove_mentee",
            [](const ProgramsRef& a, Pid id, PersonId mentee, PersonId by) {
                a.run([&](Programs& x) { x.remove_mentee(id, mentee, by); });
            },
            py::arg("id"), py::arg("mentee"), py::kw_only(), py::arg("by"), "Removes a mentee.")
        .def(
            "mentees",
            [](const ProgramsRef& a, Pid id) {
                return a.run([&](Programs& x) { return x.mentees(id); });
            },
            py::arg("id"), "The mentees, by person id.")
        .def(
            "set_mentor",
            [](const ProgramsRef& a, Pid id, PersonId mentor, int capacity, PersonId by) {
                a.run([&](Programs& x) { x.set_mentor(id, mentor, capacity, by); });
            },
            py::arg("id"), py::arg("mentor"), py::arg("capacity"), py::kw_only(), py::arg("by"),
            "Adds a mentor or changes their capacity (1..1000).")
        .def(
            "remove_mentor",
            [](const ProgramsRef& a, Pid id, PersonId mentor, PersonId by) {
                a.run([&](Programs& x) { x.remove_mentor(id, mentor, by); });
            },
            py::arg("id"), py::arg("mentor"), py::kw_only(), py::arg("by"), "Removes a mentor.")
        .def(
            "mentors",
            [](const ProgramsRef& a, Pid id) {
                return a.run([&](Programs& x) { return x.mentors(id); });
            },
            py::arg("id"), "The mentors, by person id.")
        .def(
            "mark_pair",
            [](const ProgramsRef& a, Pid id, PersonId mentee, PersonId mentor, PairMark mark,
               const std::string& reason, PersonId by) {
                a.run([&](Programs& x) { x.mark_pair(id, mentee, mentor, mark, reason, by); });
            },
            py::arg("id"), py::arg("mentee"), py::arg("mentor"), py::arg("mark"), py::arg("reason"),
            py::kw_only(), py::arg("by"),
            "Marks a pair wanted or forbidden for matching (replacing an earlier mark).")
        .def(
            "clear_mark",
            [](const ProgramsRef& a, Pid id, PersonId mentee, PersonId mentor, PersonId by) {
                a.run([&](Programs& x) { x.clear_mark(id, mentee, mentor, by); });
            },
            py::arg("id"), py::arg("mentee"), py::arg("mentor"), py::kw_only(), py::arg("by"),
            "Removes a mark; NotFound if the pair is not marked.")
        .def(
            "marks",
            [](const ProgramsRef& a, Pid id) {
                return a.run([&](Programs& x) { return x.marks(id); });
            },
            py::arg("id"), "The marked pairs.")
        .def(
            "effectiveness",
            [](const ProgramsRef& a, Pid id, std::optional<Date> as_of) {
                return a.run([&](Programs& x) { return x.effectiveness(id, as_of); });
            },
            py::arg("id"), py::kw_only(), py::arg("as_of") = py::none(),
            "The effectiveness report as of `as_of` (default today).")
        .def(
            "quality",
            [](const ProgramsRef& a, Pid id) {
                return a.run([&](Programs& x) { return x.quality(id); });
            },
            py::arg("id"), "The quality report against the standards checklist.");
}

} // namespace mentorkit::python
