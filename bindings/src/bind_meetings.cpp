// store.meetings: meetings, agendas, outcomes, ratings, consistency metrics and health.

#include "areas.hpp"

namespace mentorkit::python {

namespace {

/// A cancelled meeting's notice as a datetime.timedelta (negative: cancelled after the start).
py::object notice_of(const Meeting& m) {
    auto notice = m.notice();
    if (!notice)
        return py::none();
    PyDateTime_CAPI& api = datetime_api();
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*notice).count();
    PyObject* delta = api.Delta_FromDelta(0, static_cast<int>(seconds), 0, 1, api.DeltaType);
    if (!delta)
        throw py::error_already_set();
    return py::reinterpret_steal<py::object>(delta);
}

} // namespace

void bind_meetings(py::module_& m) {
    py::class_<AgendaItem>(m, "AgendaItem", "One agenda item and who proposed it.")
        .def_readonly("text", &AgendaItem::text, "The item.")
        .def_readonly("proposed_by", &AgendaItem::proposed_by, "Who proposed it (person id).")
        .def("__repr__", [](const AgendaItem& x) {
            return repr_of("AgendaItem",
                           {{"text", obj(x.text)}, {"proposed_by", obj(x.proposed_by)}});
        });

    py::class_<MeetingRating>(m, "MeetingRating",
                              "A party's rating of a held meeting (1 = poor .. 4 = very useful).")
        .def_readonly("by", &MeetingRating::by, "Who rated (person id).")
        .def_readonly("rating", &MeetingRating::rating, "1..4.")
        .def_readonly("comment", &MeetingRating::comment, "Optional comment.")
        .def_readonly("visibility", &MeetingRating::visibility, "private or pair.")
        .def_readonly("at", &MeetingRating::at, "When it was given (UTC).")
        .def("__repr__", [](const MeetingRating& r) {
            // The comment stays out of the repr, like a note's text.
            return repr_of("MeetingRating", {{"by", obj(r.by)},
                                             {"rating", obj(r.rating)},
                                             {"visibility", obj(r.visibility)},
                                             {"at", obj(r.at)}});
        });

    py::class_<Meeting>(m, "Meeting", "A stored meeting, as seen by one of the parties.")
        .def_readonly("id", &Meeting::id, "Identity (an int).")
        .def_readonly("relationship", &Meeting::relationship, "The relationship id.")
        .def_readonly("start", &Meeting::start, "When it starts (aware datetime, UTC).")
        .def_readonly("duration_minutes", &Meeting::duration_minutes, "Length, 1..1440 minutes.")
        .def_readonly("setting", &Meeting::setting, "Where: in person (public/private), virtual.")
        .def_readonly("place", &Meeting::place, "Where in person (may be empty).")
        .def_readonly("link", &Meeting::link, "The call link (virtual meetings).")
        .def_readonly("status", &Meeting::status, "planned, held, cancelled or no_show.")
        .def_readonly("scheduled_by", &Meeting::scheduled_by, "Who scheduled it (person id).")
        .def_readonly("cancelled_by", &Meeting::cancelled_by, "Who cancelled it, or None.")
        .def_readonly("cancelled_at", &Meeting::cancelled_at, "When it was cancelled, or None.")
        .def_readonly("absent", &Meeting::absent, "Who did not show, or None.")
        .def_readonly("agenda", &Meeting::agenda, "The agenda items, in order.")
        .def_readonly("ratings", &Meeting::ratings,
                      "The ratings the reader may see: their own and shared ones.")
        .def_property_readonly("notice", &notice_of,
                               "For a cancelled meeting: how long before its start it was "
                               "cancelled (datetime.timedelta; negative: after), else None.")
        .def("__repr__", [](const Meeting& x) {
            return repr_of("Meeting", {{"id", obj(x.id)},
                                       {"relationship", obj(x.relationship)},
                                       {"start", obj(x.start)},
                                       {"duration_minutes", obj(x.duration_minutes)},
                                       {"setting", obj(x.setting)},
                                       {"status", obj(x.status)}});
        });

    py::class_<MeetingStats>(m, "MeetingStats",
                             "Consistency metrics and health of one relationship (see the "
                             "method in meetings.hpp / the README).")
        .def_readonly("relationship", &MeetingStats::relationship, "The relationship id.")
        .def_readonly("planned", &MeetingStats::planned, "Meetings scheduled (any outcome).")
        .def_readonly("held", &MeetingStats::held, "Meetings held.")
        .def_readonly("cancelled_by_guide", &MeetingStats::cancelled_by_guide,
                      "Cancelled by the guide.")
        .def_readonly("cancelled_by_learner", &MeetingStats::cancelled_by_learner,
                      "Cancelled by the learner.")
        .def_readonly("no_show_guide", &MeetingStats::no_show_guide, "The guide did not come.")
        .def_readonly("no_show_learner", &MeetingStats::no_show_learner,
                      "The learner did not come.")
        .def_readonly("held_first_90_days", &MeetingStats::held_first_90_days,
                      "Held in the first 90 days after the start.")
        .def_readonly("longest_gap_days", &MeetingStats::longest_gap_days,
                      "Longest gap in days between held meetings (from the start; to today "
                      "while open).")
        .def_readonly("last_held", &MeetingStats::last_held, "Day of the last held one, or None.")
        .def_readonly("days_since_last_held", &MeetingStats::days_since_last_held,
                      "Days since the last held meeting (or since the start).")
        .def_readonly("misses_since_last_held", &MeetingStats::misses_since_last_held,
                      "Meetings cancelled or missed since the last held one.")
        .def_readonly("cadence_days", &MeetingStats::cadence_days,
                      "The cadence health was judged against.")
        .def_readonly("health", &MeetingStats::health, "Health (active relationships), or None.")
        .def("__repr__", [](const MeetingStats& s) {
            return repr_of("MeetingStats", {{"relationship", obj(s.relationship)},
                                            {"planned", obj(s.planned)},
                                            {"held", obj(s.held)},
                                            {"held_first_90_days", obj(s.held_first_90_days)},
                                            {"longest_gap_days", obj(s.longest_gap_days)},
                                            {"health", obj(s.health)}});
        });

    using Rel = RelationshipId;
    py::class_<MeetingsRef>(
        m, "Meetings",
        "Meetings of the store (`store.meetings`). Only the relationship's two parties see its "
        "meetings (others get NotFound or PermissionDenied), and each sees only the ratings it "
        "may (its own and shared ones). Agenda ownership follows the model: the mentee in "
        "mentoring, either party in coaching, the supervisor in supervision.")
        .def(
            "schedule",
            [](const MeetingsRef& a, Rel relationship, PersonId by, Timestamp start,
               int duration_minutes, Setting setting, std::string place, std::string link) {
                NewMeeting n;
                n.relationship = relationship;
                n.by = by;
                n.start = start;
                n.duration_minutes = duration_minutes;
                n.setting = setting;
                n.place = std::move(place);
                n.link = std::move(link);
                return a.run([&](Meetings& x) { return x.schedule(n); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("by"), py::arg("start"),
            py::arg("duration_minutes") = 30,
            py::arg_v("setting", Setting::virtual_, "Setting.virtual"), py::arg("place") = "",
            py::arg("link") = "",
            "Schedules a meeting of an active relationship and returns its id. `start` is an "
            "aware datetime in any zone (stored as the UTC instant; naive ones are refused). "
            "Refuses a non-party (PermissionDenied), a relationship that is not active or an "
            "overlap with another planned or held meeting (RuleViolation), a start before the "
            "relationship's start day, a duration outside 1..1440, a virtual meeting without "
            "a link (InvalidArgument).")
        .def(
            "get",
            [](const MeetingsRef& a, MeetingId id, PersonId acting) {
                return a.run([&](Meetings& x) { return x.get(id, acting); });
            },
            py::arg("id"), py::kw_only(), py::arg("acting"),
            "The meeting as `acting` may see it; NotFound for anyone but the parties.")
        .def(
            "list",
            [](const MeetingsRef& a, Rel rel, PersonId acting) {
                return a.run([&](Meetings& x) { return x.list(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "The relationship's meetings by start, for a party (PermissionDenied otherwise).")
        .def(
            "add_agenda_item",
            [](const MeetingsRef& a, MeetingId id, const std::string& text, PersonId by) {
                a.run([&](Meetings& x) { x.add_agenda_item(id, text, by); });
            },
            py::arg("id"), py::arg("text"), py::arg("by"),
            "Adds an agenda item to a planned meeting (the model's agenda owner only).")
        .def(
            "mark_held",
            [](const MeetingsRef& a, MeetingId id, PersonId by) {
                a.run([&](Meetings& x) { x.mark_held(id, by); });
            },
            py::arg("id"), py::arg("by"),
            "Records that a planned meeting was held (either party, not before its start).")
        .def(
            "cancel",
            [](const MeetingsRef& a, MeetingId id, PersonId by, std::optional<Timestamp> at) {
                a.run([&](Meetings& x) { x.cancel(id, by, at); });
            },
            py::arg("id"), py::arg("by"), py::arg("at") = py::none(),
            "Cancels a planned meeting (either party); `at` is when (aware datetime, default "
            "now), which gives the notice.")
        .def(
            "mark_no_show",
            [](const MeetingsRef& a, MeetingId id, PersonId absent, PersonId by) {
                a.run([&](Meetings& x) { x.mark_no_show(id, absent, by); });
            },
            py::arg("id"), py::arg("absent"), py::arg("by"),
            "Records that `absent` (a party) did not show; recorded by the other party, after "
            "the start.")
        .def(
            "rate",
            [](const MeetingsRef& a, MeetingId id, PersonId by, int rating,
               const std::string& comment, Visibility visibility) {
                a.run([&](Meetings& x) { x.rate(id, by, rating, comment, visibility); });
            },
            py::arg("id"), py::arg("by"), py::arg("rating"), py::arg("comment") = "",
            py::arg_v("visibility", Visibility::private_, "Visibility.private"),
            "A party rates a held meeting once (1..4), with an optional comment, private "
            "(default) or shared with the pair.")
        .def(
            "stats",
            [](const MeetingsRef& a, Rel rel) {
                return a.run([&](Meetings& x) { return x.stats(rel); });
            },
            py::arg("relationship"), "Consistency metrics and health of one relationship, now.")
        .def(
            "all_stats",
            [](const MeetingsRef& a) { return a.run([](Meetings& x) { return x.all_stats(); }); },
            "Metrics of every relationship (a dashboard), from the summary rows, by "
            "relationship id. Runs without the GIL.")
        .def(
            "rebuild_stats",
            [](const MeetingsRef& a) { a.run([](Meetings& x) { x.rebuild_stats(); }); },
            "Recomputes every summary row from the meetings (maintenance: only needed after "
            "editing the file by other means, e.g. a bulk import with sqlite3). Runs without "
            "the GIL.")
        .def(
            "health",
            [](const MeetingsRef& a, Rel rel) {
                return a.run([&](Meetings& x) { return x.health(rel); });
            },
            py::arg("relationship"), "The health now (None unless the relationship is active).")
        .def("__repr__", [](const MeetingsRef&) { return std::string("<mentorkit.Meetings>"); });
}

} // namespace mentorkit::python
