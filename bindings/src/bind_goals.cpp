// store.goals: goals, milestones, check-ins, forecasts and periodic reviews, with their value
// types (Measure, GoalChanges and ReviewItem are also built by Python as inputs).

#include "areas.hpp"

#include <pybind11/operators.h>

#include <variant>

namespace mentorkit::python {

namespace {

/// A measure as Python writes it: Measure(...) or {"metric": ..., "unit": ..., "baseline": ...,
/// "target": ...} ("unit" optional).
using MeasureArg = std::variant<Measure, py::dict>;

Measure to_measure(const MeasureArg& arg) {
    if (const auto* m = std::get_if<Measure>(&arg))
        return *m;
    const py::dict& d = std::get<py::dict>(arg);
    for (auto item : d) {
        std::string key = py::cast<std::string>(item.first);
        if (key != "metric" && key != "unit" && key != "baseline" && key != "target")
            throw py::type_error("unexpected key in a measure: " + key +
                                 " (expected metric, unit, baseline, target)");
    }
    for (const char* key : {"metric", "baseline", "target"})
        if (!d.contains(key))
            throw py::type_error(std::string("a measure needs \"") + key + "\"");
    Measure m;
    m.metric = py::cast<std::string>(d["metric"]);
    if (d.contains("unit"))
        m.unit = py::cast<std::string>(d["unit"]);
    m.baseline = py::cast<double>(d["baseline"]);
    m.target = py::cast<double>(d["target"]);
    return m;
}

std::optional<Measure> to_measure(const std::optional<MeasureArg>& arg) {
    if (!arg)
        return std::nullopt;
    return to_measure(*arg);
}

GoalChanges make_changes(std::optional<std::string> title, std::optional<GoalFunction> function,
                         const std::optional<MeasureArg>& measure, std::optional<Date> due,
                         bool clear_due) {
    if (due && clear_due)
        throw InvalidArgument("pass either `due` or `clear_due=True`, not both");
    GoalChanges c;
    c.title = std::move(title);
    c.function = function;
    c.measure = to_measure(measure);
    if (due)
        c.due = std::optional<Date>(*due);
    else if (clear_due)
        c.due = std::optional<Date>();
    return c;
}

py::object due_of(const GoalChanges& c) {
    return c.due && *c.due ? obj(**c.due) : py::none();
}

void bind_goal_types(py::module_& m) {
    py::class_<Measure>(m, "Measure",
                        "The measurable part of a goal: metric, unit, baseline and target "
                        "(target below baseline: a decreasing goal).")
        .def(py::init([](std::string metric, std::string unit, double baseline, double target) {
                 return Measure{std::move(metric), std::move(unit), baseline, target};
             }),
             py::arg("metric") = "", py::arg("unit") = "", py::arg("baseline") = 0.0,
             py::arg("target") = 0.0, "Creates a measure (for Goals.create and update).")
        .def_readwrite("metric", &Measure::metric, "What is measured, e.g. \"papers submitted\".")
        .def_readwrite("unit", &Measure::unit, "e.g. \"papers\", \"minutes\", \"%\"; may be empty.")
        .def_readwrite("baseline", &Measure::baseline, "Where the learner starts.")
        .def_readwrite("target", &Measure::target, "Where the goal is reached (≠ baseline).")
        .def("decreasing", &Measure::decreasing, "True when the target is below the baseline.")
        .def(py::self == py::self)
        .def("__repr__", [](const Measure& x) {
            return repr_of("Measure", {{"metric", obj(x.metric)},
                                       {"unit", obj(x.unit)},
                                       {"baseline", obj(x.baseline)},
                                       {"target", obj(x.target)}});
        });

    py::class_<GoalChanges>(m, "GoalChanges",
                            "Changes to a goal for a periodic review's `changed` decision; "
                            "members left None stay as they are.")
        .def(py::init(&make_changes), py::kw_only(), py::arg("title") = py::none(),
             py::arg("function") = py::none(), py::arg("measure") = py::none(),
             py::arg("due") = py::none(), py::arg("clear_due") = false,
             "Creates changes. `measure` is a Measure or a dict; `clear_due=True` removes the "
             "due date (C++: an empty optional inside the optional).")
        .def_readwrite("title", &GoalChanges::title, "New title, or None.")
        .def_readwrite("function", &GoalChanges::function, "New function, or None.")
        .def_readwrite("measure", &GoalChanges::measure, "New measure, or None.")
        .def_property_readonly("due", &due_of, "New due date, or None.")
        .def_property_readonly(
            "clear_due", [](const GoalChanges& c) { return c.due.has_value() && !*c.due; },
            "True when the change removes the due date.")
        .def("__repr__", [](const GoalChanges& c) {
            return repr_of("GoalChanges", {{"title", obj(c.title)},
                                           {"function", obj(c.function)},
                                           {"measure", obj(c.measure)},
                                           {"due", due_of(c)},
                                           {"clear_due", obj(c.due.has_value() && !*c.due)}});
        });

    py::class_<Milestone>(m, "Milestone", "An ordered step of a goal, done or not.")
        .def_readonly("title", &Milestone::title, "What the step is.")
        .def_readonly("due", &Milestone::due, "Due date, or None.")
        .def_readonly("done_on", &Milestone::done_on, "When it was done, or None.")
        .def("done", &Milestone::done, "True once done.")
        .def("__repr__", [](const Milestone& x) {
            return repr_of(
                "Milestone",
                {{"title", obj(x.title)}, {"due", obj(x.due)}, {"done_on", obj(x.done_on)}});
        });

    py::class_<Goal>(m, "Goal", "A stored goal with its milestones (a snapshot).")
        .def_readonly("id", &Goal::id, "Identity (an int).")
        .def_readonly("relationship", &Goal::relationship, "The relationship id.")
        .def_readonly("learner", &Goal::learner, "The learner whose goal it is (person id).")
        .def_readonly("title", &Goal::title, "What the goal is.")
        .def_readonly("kind", &Goal::kind, "Measurable or open-ended.")
        .def_readonly("function", &Goal::function, "The mentorship function it serves.")
        .def_readonly("measure", &Goal::measure, "The Measure of a measurable goal, else None.")
        .def_readonly("due", &Goal::due, "Due date, or None.")
        .def_readonly("status", &Goal::status, "Draft, active, achieved or abandoned.")
        .def_readonly("created_by", &Goal::created_by, "Who created it (person id).")
        .def_readonly("created_on", &Goal::created_on, "Day of creation.")
        .def_readonly("activated_on", &Goal::activated_on, "When activated, or None.")
        .def_readonly("closed_on", &Goal::closed_on, "When achieved or abandoned, or None.")
        .def_readonly("close_reason", &Goal::close_reason, "Why it was closed, or None.")
        .def_readonly("milestones", &Goal::milestones, "The milestones, in order.")
        .def("__repr__", [](const Goal& g) {
            return repr_of("Goal", {{"id", obj(g.id)},
                                    {"relationship", obj(g.relationship)},
                                    {"title", obj(g.title)},
                                    {"kind", obj(g.kind)},
                                    {"status", obj(g.status)},
                                    {"measure", obj(g.measure)},
                                    {"due", obj(g.due)}});
        });

    py::class_<CheckIn>(m, "CheckIn",
                        "A progress record. Never edited: a correction is a new check-in that "
                        "supersedes it (both are kept).")
        .def_readonly("id", &CheckIn::id, "Identity (an int).")
        .def_readonly("goal", &CheckIn::goal, "The goal id.")
        .def_readonly("on", &CheckIn::on, "The day it is about.")
        .def_readonly("value", &CheckIn::value, "The value (measurable goals), or None.")
        .def_readonly("note", &CheckIn::note, "The note, or None.")
        .def_readonly("by", &CheckIn::by, "Who recorded it (person id).")
        .def_readonly("supersedes", &CheckIn::supersedes, "The check-in it corrects, or None.")
        .def_readonly("superseded_by", &CheckIn::superseded_by,
                      "The correction that replaced it, or None.")
        .def_readonly("recorded_at", &CheckIn::recorded_at, "When it was recorded (UTC).")
        .def("effective", &CheckIn::effective, "True unless a correction superseded it.")
        .def("__repr__", [](const CheckIn& c) {
            return repr_of("CheckIn", {{"id", obj(c.id)},
                                       {"goal", obj(c.goal)},
                                       {"on", obj(c.on)},
                                       {"value", obj(c.value)},
                                       {"by", obj(c.by)},
                                       {"supersedes", obj(c.supersedes)},
                                       {"superseded_by", obj(c.superseded_by)}});
        });

    py::class_<GoalReview>(m, "GoalReview",
                           "The assessment of one goal as of a day: progress, trend, projection "
                           "and forecast (see the method in goals.hpp / the README).")
        .def_readonly("goal", &GoalReview::goal, "The goal id.")
        .def_readonly("kind", &GoalReview::kind, "Measurable or open-ended.")
        .def_readonly("status", &GoalReview::status, "The goal's status.")
        .def_readonly("check_ins", &GoalReview::check_ins, "Effective check-ins up to the day.")
        .def_readonly("latest_value", &GoalReview::latest_value, "Latest value, or None.")
        .def_readonly("latest_on", &GoalReview::latest_on, "Day of the latest check-in, or None.")
        .def_readonly("progress", &GoalReview::progress,
                      "(latest − baseline) / (target − baseline), not clamped; or None.")
        .def_readonly("trend_per_week", &GoalReview::trend_per_week,
                      "Least-squares slope over the last six valued check-ins, per week; or None.")
        .def_readonly("projected", &GoalReview::projected,
                      "The value projected to the due date, or None.")
        .def_readonly("projected_progress", &GoalReview::projected_progress,
                      "Progress of the projected value, or None.")
        .def_readonly("forecast", &GoalReview::forecast,
                      "Forecast (active or achieved measurable goals with a due date), or None.")
        .def_readonly("milestones_done", &GoalReview::milestones_done, "Milestones done.")
        .def_readonly("milestones_total", &GoalReview::milestones_total, "Milestones.")
        .def_readonly("overdue", &GoalReview::overdue, "Active with a due date before the day.")
        .def("__repr__", [](const GoalReview& r) {
            return repr_of("GoalReview", {{"goal", obj(r.goal)},
                                          {"status", obj(r.status)},
                                          {"check_ins", obj(r.check_ins)},
                                          {"progress", obj(r.progress)},
                                          {"trend_per_week", obj(r.trend_per_week)},
                                          {"forecast", obj(r.forecast)}});
        });

    py::class_<ReviewItem>(m, "ReviewItem",
                           "One goal's line in a periodic review (input of hold_review).")
        .def(py::init([](GoalId goal, ReviewDecision decision, std::string reason,
                         std::optional<GoalChanges> changes) {
                 return ReviewItem{goal, decision, std::move(reason),
                                   changes.value_or(GoalChanges{})};
             }),
             py::arg("goal"), py::arg_v("decision", ReviewDecision::kept, "ReviewDecision.kept"),
             py::arg("reason") = "", py::arg("changes") = py::none(),
             "Creates an item: `reason` is required for every decision but kept; `changes` are "
             "applied when the decision is changed.")
        .def_readwrite("goal", &ReviewItem::goal, "The goal id.")
        .def_readwrite("decision", &ReviewItem::decision, "What was decided.")
        .def_readwrite("reason", &ReviewItem::reason, "Why.")
        .def_readwrite("changes", &ReviewItem::changes, "The GoalChanges of a changed goal.")
        .def("__repr__", [](const ReviewItem& i) {
            return repr_of(
                "ReviewItem",
                {{"goal", obj(i.goal)}, {"decision", obj(i.decision)}, {"reason", obj(i.reason)}});
        });

    py::class_<GoalReviewRecord::Line>(m, "GoalReviewLine",
                                       "One goal's line of a recorded review, with its progress "
                                       "and forecast then.")
        .def_readonly("goal", &GoalReviewRecord::Line::goal, "The goal id.")
        .def_readonly("decision", &GoalReviewRecord::Line::decision, "What was decided.")
        .def_readonly("reason", &GoalReviewRecord::Line::reason, "Why (empty when kept).")
        .def_readonly("progress", &GoalReviewRecord::Line::progress,
                      "Progress when reviewed, or None.")
        .def_readonly("forecast", &GoalReviewRecord::Line::forecast,
                      "Forecast when reviewed, or None.")
        .def("__repr__", [](const GoalReviewRecord::Line& l) {
            return repr_of("GoalReviewLine", {{"goal", obj(l.goal)},
                                              {"decision", obj(l.decision)},
                                              {"reason", obj(l.reason)},
                                              {"progress", obj(l.progress)},
                                              {"forecast", obj(l.forecast)}});
        });

    py::class_<GoalReviewRecord>(m, "GoalReviewRecord",
                                 "A recorded periodic review: every active goal re-assessed.")
        .def_readonly("id", &GoalReviewRecord::id, "Identity (an int).")
        .def_readonly("relationship", &GoalReviewRecord::relationship, "The relationship id.")
        .def_readonly("held_on", &GoalReviewRecord::held_on, "The day it was held.")
        .def_readonly("held_by", &GoalReviewRecord::held_by, "Who held it (person id).")
        .def_readonly("summary", &GoalReviewRecord::summary, "Summary text (may be empty).")
        .def_readonly("lines", &GoalReviewRecord::lines, "One GoalReviewLine per goal.")
        .def("__repr__", [](const GoalReviewRecord& r) {
            return repr_of("GoalReviewRecord", {{"id", obj(r.id)},
                                                {"relationship", obj(r.relationship)},
                                                {"held_on", obj(r.held_on)},
                                                {"held_by", obj(r.held_by)},
                                                {"lines", obj(r.lines.size())}});
        });
}

} // namespace

void bind_goals(py::module_& m) {
    bind_goal_types(m);
    using Rel = RelationshipId;
    py::class_<GoalsRef>(
        m, "Goals",
        "Goals of a relationship's learner, milestones, check-ins, reviews and forecasts "
        "(`store.goals`). Who sets goals follows the model: the mentee in mentoring, either party "
        "in coaching, the supervisor in supervision (PermissionDenied otherwise); both parties "
        "record check-ins and milestones.")
        .def(
            "create",
            [](const GoalsRef& a, Rel relationship, std::string title, PersonId by,
               GoalFunction function, const std::optional<MeasureArg>& measure,
               std::optional<Date> due, std::optional<Date> on) {
                NewGoal g;
                g.relationship = relationship;
                g.title = std::move(title);
                g.function = function;
                g.measure = to_measure(measure);
                g.due = due;
                g.by = by;
                g.on = on;
                return a.run([&](Goals& goals) { return goals.create(g); });
            },
            py::arg("relationship"), py::arg("title"), py::kw_only(), py::arg("by"),
            py::arg_v("function", GoalFunction::skill_development,
                      "GoalFunction.skill_development"),
            py::arg("measure") = py::none(), py::arg("due") = py::none(),
            py::arg("on") = py::none(),
            "Creates a draft goal and returns its id. `measure` (a Measure or a dict with "
            "metric, unit, baseline, target) makes it measurable; `on` defaults to today. "
            "Refuses a non-owner under the model (PermissionDenied), an ended or declined "
            "relationship (RuleViolation), an empty title or metric, a target equal to the "
            "baseline, a non-finite number (InvalidArgument).")
        .def(
            "get",
            [](const GoalsRef& a, GoalId id, PersonId acting) {
                return a.run([&](Goals& g) { return g.get(id, acting); });
            },
            py::arg("id"), py::kw_only(), py::arg("acting"),
            "The goal with its milestones, for a party of its relationship (`acting`; "
            "PermissionDenied otherwise); raises NotFound for an unknown goal.")
        .def(
            "list",
            [](const GoalsRef& a, Rel rel, PersonId acting) {
                return a.run([&](Goals& g) { return g.list(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "The goals of a relationship, ordered by id, for a party (`acting`).")
        .def(
            "update",
            [](const GoalsRef& a, GoalId id, PersonId by, std::optional<std::string> title,
               std::optional<GoalFunction> function, const std::optional<MeasureArg>& measure,
               std::optional<Date> due, bool clear_due) {
                GoalChanges c = make_changes(std::move(title), function, measure, due, clear_due);
                a.run([&](Goals& g) { g.update(id, c, by); });
            },
            py::arg("id"), py::kw_only(), py::arg("by"), py::arg("title") = py::none(),
            py::arg("function") = py::none(), py::arg("measure") = py::none(),
            py::arg("due") = py::none(), py::arg("clear_due") = false,
            "Changes a draft or active goal (owners only); arguments left None stay as they are, "
            "`clear_due=True` removes the due date. The audit log keeps the old values.")
        .def(
            "activate",
            [](const GoalsRef& a, GoalId id, PersonId by, Date on) {
                a.run([&](Goals& g) { g.activate(id, by, on); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), "draft → active (owners only).")
        .def(
            "achieve",
            [](const GoalsRef& a, GoalId id, PersonId by, Date on, const std::string& reason) {
                a.run([&](Goals& g) { g.achieve(id, by, on, reason); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), py::arg("reason") = "",
            "active → achieved (owners only; the reason may be empty).")
        .def(
            "abandon",
            [](const GoalsRef& a, GoalId id, PersonId by, Date on, const std::string& reason) {
                a.run([&](Goals& g) { g.abandon(id, by, on, reason); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"), py::arg("reason"),
            "draft or active → abandoned (owners only); a reason is required.")
        .def(
            "add_milestone",
            [](const GoalsRef& a, GoalId id, const std::string& title, PersonId by,
               std::optional<Date> due) {
                return a.run([&](Goals& g) { return g.add_milestone(id, title, due, by); });
            },
            py::arg("id"), py::arg("title"), py::kw_only(), py::arg("by"),
            py::arg("due") = py::none(),
            "Appends a milestone (owners only, draft or active goals); returns its index.")
        .def(
            "complete_milestone",
            [](const GoalsRef& a, GoalId id, std::size_t index, PersonId by, Date on) {
                a.run([&](Goals& g) { g.complete_milestone(id, index, by, on); });
            },
            py::arg("id"), py::arg("index"), py::arg("by"), py::arg("on"),
            "Marks milestone `index` done (either party; active goals).")
        .def(
            "check_in",
            [](const GoalsRef& a, GoalId id, PersonId by, Date on, std::optional<double> value,
               const std::string& note) {
                return a.run([&](Goals& g) { return g.check_in(id, by, on, value, note); });
            },
            py::arg("goal"), py::arg("by"), py::arg("on"), py::arg("value") = py::none(),
            py::arg("note") = "",
            "Records progress on an active goal: a value (measurable goals only) and/or a note; "
            "returns the check-in id. Refused: by a non-party (PermissionDenied), on a goal that "
            "is not active (RuleViolation), dated before the start, after the end or in the "
            "future, neither value nor note (InvalidArgument).")
        .def(
            "correct",
            [](const GoalsRef& a, CheckInId id, PersonId by, std::optional<double> value,
               const std::string& note) {
                return a.run([&](Goals& g) { return g.correct(id, by, value, note); });
            },
            py::arg("check_in"), py::arg("by"), py::arg("value") = py::none(), py::arg("note") = "",
            "Records a correction of an effective check-in: a new check-in dated like the "
            "original that supersedes it (both kept). Correcting a superseded check-in raises "
            "RuleViolation (invalid_transition).")
        .def(
            "check_ins",
            [](const GoalsRef& a, GoalId id, PersonId acting) {
                return a.run([&](Goals& g) { return g.check_ins(id, acting); });
            },
            py::arg("goal"), py::kw_only(), py::arg("acting"),
            "All check-ins of a goal (effective and superseded, with their notes), oldest "
            "first, for a party (`acting`).")
        .def(
            "review",
            [](const GoalsRef& a, GoalId id, PersonId acting, std::optional<Date> as_of) {
                return a.run([&](Goals& g) { return g.review(id, acting, as_of); });
            },
            py::arg("goal"), py::kw_only(), py::arg("acting"), py::arg("as_of") = py::none(),
            "The review of one goal as of `as_of` (default: today), for a party (`acting`).")
        .def(
            "reviews",
            [](const GoalsRef& a, Rel rel, PersonId acting, std::optional<Date> as_of) {
                return a.run([&](Goals& g) { return g.reviews(rel, acting, as_of); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            py::arg("as_of") = py::none(),
            "The reviews of every goal of a relationship, for a party (`acting`).")
        .def(
            "review_all",
            [](const GoalsRef& a, std::optional<Date> as_of) {
                return a.run([&](Goals& g) { return g.review_all(as_of); });
            },
            py::arg("as_of") = py::none(),
            "The reviews of every goal in the store, in one pass: the aggregate read for "
            "programs and research, with no acting person and no text (ids, states and "
            "numbers only). Runs without the GIL; mentorkit.export_goal_reviews gives the same "
            "as columns.")
        .def(
            "hold_review",
            [](const GoalsRef& a, Rel rel, PersonId by, Date on,
               const std::vector<ReviewItem>& items, const std::string& summary) {
                return a.run([&](Goals& g) { return g.hold_review(rel, by, on, items, summary); });
            },
            py::arg("relationship"), py::arg("by"), py::arg("on"), py::arg("items"),
            py::arg("summary") = "",
            "Holds a periodic review: one ReviewItem for every active goal of the relationship "
            "(no more, no fewer), applied together and recorded as one event; returns its id. "
            "Either party may hold it; decisions other than kept follow the owner rule and need "
            "a reason.")
        .def(
            "review_history",
            [](const GoalsRef& a, Rel rel, PersonId acting) {
                return a.run([&](Goals& g) { return g.review_history(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "The recorded reviews of a relationship, oldest first, for a party (`acting`).")
        .def(
            "is_owner",
            [](const GoalsRef& a, const Relationship& rel, PersonId person) {
                return a.run([&](Goals& g) { return g.is_owner(rel, person); });
            },
            py::arg("relationship"), py::arg("person"),
            "True when `person` may create and edit goals of the relationship (a Relationship "
            "or its id) under its model.")
        .def(
            "is_owner",
            [](const GoalsRef& a, Rel id, PersonId person) {
                return with_store(*a.handle, [&](Store& s) {
                    return s.goals().is_owner(s.relationships().get(id), person);
                });
            },
            py::arg("relationship"), py::arg("person"))
        .def("__repr__", [](const GoalsRef&) { return std::string("<mentorkit.Goals>"); });
}

} // namespace mentorkit::python
