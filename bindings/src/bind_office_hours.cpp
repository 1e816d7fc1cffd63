// store.office_hours: a guide's recurring slots in an IANA time zone, skips, moves, bookings and
// the iCalendar export, with their value types (RecurrenceRule is also built by Python as input).

#include "areas.hpp"

#include <string>
#include <vector>

namespace mentorkit::python {

/// A local time of day in whole minutes (the start of office hours in their zone).
struct LocalTime {
    std::chrono::minutes value{};
};

} // namespace mentorkit::python

namespace pybind11::detail {

/// LocalTime <-> naive datetime.time. An aware time is refused (the slot's zone gives the
/// offset), and so are seconds (office hours start on a minute).
template <>
struct type_caster<mentorkit::python::LocalTime> {
    PYBIND11_TYPE_CASTER(mentorkit::python::LocalTime, const_name("datetime.time"));
    bool load(handle src, bool) {
        PyDateTime_CAPI& api = mentorkit::python::datetime_api();
        if (!src || !PyObject_TypeCheck(src.ptr(), api.TimeType))
            return false;
        if (!src.attr("tzinfo").is_none())
            throw value_error("the start is a local time of day in the slot's time zone; pass "
                              "a naive datetime.time");
        PyObject* o = src.ptr();
        if (PyDateTime_TIME_GET_SECOND(o) != 0 || PyDateTime_TIME_GET_MICROSECOND(o) != 0)
            throw mentorkit::InvalidArgument("office hours start on a whole minute, got " +
                                             std::string(str(repr(src))));
        value.value = std::chrono::hours{PyDateTime_TIME_GET_HOUR(o)} +
                      std::chrono::minutes{PyDateTime_TIME_GET_MINUTE(o)};
        return true;
    }
    static handle cast(const mentorkit::python::LocalTime& t, return_value_policy, handle) {
        PyDateTime_CAPI& api = mentorkit::python::datetime_api();
        auto total = t.value.count();
        if (total < 0 || total >= 24 * 60)
            throw value_error("time of day out of range");
        return api.Time_FromTime(static_cast<int>(total / 60), static_cast<int>(total % 60), 0, 0,
                                 Py_None, api.TimeType);
    }
};

} // namespace pybind11::detail

namespace mentorkit::python {

namespace {

/// Python's weekday numbering (datetime.date.weekday(): 0 = Monday .. 6 = Sunday) to the core's.
std::chrono::weekday to_weekday(int day) {
    if (day < 0 || day > 6)
        throw InvalidArgument("a weekday is 0 (Monday) to 6 (Sunday), got " + std::to_string(day));
    return std::chrono::weekday{static_cast<unsigned>(day + 1)}; // 7 is Sunday
}

int from_weekday(std::chrono::weekday day) {
    return static_cast<int>(day.iso_encoding()) - 1;
}

std::vector<std::chrono::weekday> to_weekdays(const std::vector<int>& days) {
    std::vector<std::chrono::weekday> out;
    out.reserve(days.size());
    for (int d : days)
        out.push_back(to_weekday(d));
    return out;
}

std::vector<int> from_weekdays(const std::vector<std::chrono::weekday>& days) {
    std::vector<int> out;
    out.reserve(days.size());
    for (auto d : days)
        out.push_back(from_weekday(d));
    return out;
}

bool same_rule(const RecurrenceRule& a, const RecurrenceRule& b) {
    return a.kind == b.kind && a.interval == b.interval && a.weekdays == b.weekdays &&
           a.nth == b.nth && a.weekday == b.weekday && a.day_of_month == b.day_of_month;
}

void bind_office_hours_types(py::module_& m) {
    py::class_<RecurrenceRule>(
        m, "RecurrenceRule",
        "How office hours recur, in the local time of their zone. Weekdays are ints like "
        "datetime.date.weekday(): 0 = Monday .. 6 = Sunday.\n\n"
        "- weekly: every `interval` weeks (1..52) on `weekdays` (at least one; weeks start on "
        "Monday and are counted from the week of the first day);\n"
        "- monthly_weekday: every `interval` months on the `nth` (1..4, or -1: the last) "
        "`weekday`;\n"
        "- monthly_day: every `interval` months on `day_of_month` (1..31; months without that "
        "day are skipped).\n\n"
        "The fields a kind does not use are ignored. The core validates the rule when a slot is "
        "created (InvalidArgument).")
        .def(py::init([](Recurrence kind, int interval, const std::vector<int>& weekdays, int nth,
                         int weekday, int day_of_month) {
                 RecurrenceRule r;
                 r.kind = kind;
                 r.interval = interval;
                 r.weekdays = to_weekdays(weekdays);
                 r.nth = nth;
                 r.weekday = to_weekday(weekday);
                 r.day_of_month = day_of_month;
                 return r;
             }),
             py::arg_v("kind", Recurrence::weekly, "Recurrence.weekly"), py::arg("interval") = 1,
             py::arg("weekdays") = std::vector<int>{}, py::arg("nth") = 1, py::arg("weekday") = 0,
             py::arg("day_of_month") = 1,
             "Creates a rule, e.g. RecurrenceRule(weekdays=[3]) (every Thursday) or "
             "RecurrenceRule(Recurrence.monthly_weekday, nth=-1, weekday=4) (the last Friday of "
             "every month). A weekday outside 0..6 raises InvalidArgument.")
        .def_readwrite("kind", &RecurrenceRule::kind, "weekly, monthly_weekday or monthly_day.")
        .def_readwrite("interval", &RecurrenceRule::interval,
                       "Every how many weeks or months, 1..52.")
        .def_property(
            "weekdays", [](const RecurrenceRule& r) { return from_weekdays(r.weekdays); },
            [](RecurrenceRule& r, const std::vector<int>& days) { r.weekdays = to_weekdays(days); },
            "weekly: the weekdays (0 = Monday .. 6 = Sunday).")
        .def_readwrite("nth", &RecurrenceRule::nth,
                       "monthly_weekday: 1..4, or -1 for the last one of the month.")
        .def_property(
            "weekday", [](const RecurrenceRule& r) { return from_weekday(r.weekday); },
            [](RecurrenceRule& r, int day) { r.weekday = to_weekday(day); },
            "monthly_weekday: the weekday (0 = Monday .. 6 = Sunday).")
        .def_readwrite("day_of_month", &RecurrenceRule::day_of_month, "monthly_day: 1..31.")
        .def(
            "__eq__",
            [](const RecurrenceRule& a, const py::object& b) -> py::object {
                if (!py::isinstance<RecurrenceRule>(b))
                    return py::reinterpret_borrow<py::object>(Py_NotImplemented);
                return py::bool_(same_rule(a, b.cast<const RecurrenceRule&>()));
            },
            py::is_operator())
        .def("__repr__", [](const RecurrenceRule& r) {
            switch (r.kind) {
            case Recurrence::weekly:
                return repr_of("RecurrenceRule", {{"kind", obj(r.kind)},
                                                  {"interval", obj(r.interval)},
                                                  {"weekdays", obj(from_weekdays(r.weekdays))}});
            case Recurrence::monthly_weekday:
                return repr_of("RecurrenceRule", {{"kind", obj(r.kind)},
                                                  {"interval", obj(r.interval)},
                                                  {"nth", obj(r.nth)},
                                                  {"weekday", obj(from_weekday(r.weekday))}});
            default:
                return repr_of("RecurrenceRule", {{"kind", obj(r.kind)},
                                                  {"interval", obj(r.interval)},
                                                  {"day_of_month", obj(r.day_of_month)}});
            }
        });

    py::class_<OfficeHoursSlot>(m, "OfficeHoursSlot",
                                "A stored office-hours slot: its rule in the local time of its "
                                "zone, with the skipped and moved occurrences.")
        .def_readonly("id", &OfficeHoursSlot::id, "Identity (an int).")
        .def_property_readonly(
            "guide", [](const OfficeHoursSlot& s) { return s.spec.guide; },
            "The guide who posted it (person id).")
        .def_property_readonly(
            "time_zone", [](const OfficeHoursSlot& s) { return s.spec.time_zone; },
            "IANA time zone name, e.g. \"Europe/London\".")
        .def_property_readonly(
            "rule", [](const OfficeHoursSlot& s) { return s.spec.rule; },
            "The recurrence rule (a copy).")
        .def_property_readonly(
            "first_day", [](const OfficeHoursSlot& s) { return s.spec.first_day; },
            "First local day it may occur.")
        .def_property_readonly(
            "last_day", [](const OfficeHoursSlot& s) { return s.spec.last_day; },
            "Last local day, or None if it does not end.")
        .def_property_readonly(
            "start", [](const OfficeHoursSlot& s) { return LocalTime{s.spec.start}; },
            "Local time of day it starts (naive datetime.time, in `time_zone`).")
        .def_property_readonly(
            "duration_minutes", [](const OfficeHoursSlot& s) { return s.spec.duration_minutes; },
            "Length, 1..1440 minutes.")
        .def_property_readonly(
            "setting", [](const OfficeHoursSlot& s) { return s.spec.setting; },
            "Where: in person (public/private), virtual.")
        .def_property_readonly(
            "place", [](const OfficeHoursSlot& s) { return s.spec.place; },
            "Where in person (may be empty).")
        .def_property_readonly(
            "link", [](const OfficeHoursSlot& s) { return s.spec.link; },
            "The call link (virtual office hours).")
        .def_property_readonly(
            "capacity", [](const OfficeHoursSlot& s) { return s.spec.capacity; },
            "Bookings per occurrence, 1..100.")
        .def_property_readonly(
            "serves", [](const OfficeHoursSlot& s) { return s.spec.serves; },
            "The relationship ids whose learners may book.")
        .def_readonly("skipped", &OfficeHoursSlot::skipped, "The skipped local days.")
        .def_readonly("moved", &OfficeHoursSlot::moved,
                      "The moved occurrences: (local day, new start as aware UTC datetime).")
        .def("__repr__", [](const OfficeHoursSlot& s) {
            return repr_of("OfficeHoursSlot", {{"id", obj(s.id)},
                                               {"guide", obj(s.spec.guide)},
                                               {"time_zone", obj(s.spec.time_zone)},
                                               {"rule", obj(s.spec.rule)},
                                               {"start", obj(LocalTime{s.spec.start})},
                                               {"duration_minutes", obj(s.spec.duration_minutes)},
                                               {"capacity", obj(s.spec.capacity)}});
        });

    py::class_<Occurrence>(m, "Occurrence",
                           "One occurrence of an office-hours slot, with its booking count.")
        .def_readonly("slot", &Occurrence::slot, "The slot id.")
        .def_readonly("local_day", &Occurrence::local_day,
                      "Its day in the rule (its identity, also when moved): pass it to skip, "
                      "move and book.")
        .def_readonly("start", &Occurrence::start, "When it starts (aware datetime, UTC).")
        .def_readonly("end", &Occurrence::end, "When it ends (aware datetime, UTC).")
        .def_readonly("moved", &Occurrence::moved, "True if it was moved from its rule's time.")
        .def_readonly("booked", &Occurrence::booked, "Bookings so far.")
        .def_readonly("capacity", &Occurrence::capacity, "Bookings it takes.")
        .def("__repr__", [](const Occurrence& o) {
            return repr_of("Occurrence", {{"slot", obj(o.slot)},
                                          {"local_day", obj(o.local_day)},
                                          {"start", obj(o.start)},
                                          {"end", obj(o.end)},
                                          {"moved", obj(o.moved)},
                                          {"booked", obj(o.booked)},
                                          {"capacity", obj(o.capacity)}});
        });

    py::class_<Booking>(m, "Booking", "Who booked one occurrence of an office-hours slot.")
        .def_readonly("local_day", &Booking::local_day, "The occurrence's day in the rule.")
        .def_readonly("relationship", &Booking::relationship, "The relationship booked for.")
        .def_readonly("learner", &Booking::learner, "Who booked.")
        .def_readonly("meeting", &Booking::meeting, "The meeting the booking scheduled.")
        .def("__repr__", [](const Booking& b) {
            return repr_of("Booking", {{"local_day", obj(b.local_day)},
                                       {"relationship", obj(b.relationship)},
                                       {"learner", obj(b.learner)},
                                       {"meeting", obj(b.meeting)}});
        });
}

} // namespace

void bind_office_hours(py::module_& m) {
    bind_office_hours_types(m);

    py::class_<OfficeHoursRef>(
        m, "OfficeHours",
        "Office hours of the store (`store.office_hours`): a guide's recurring slot in an IANA "
        "time zone (e.g. every Thursday 16:00-16:30 Europe/London) serving some of the guide's "
        "relationships, whose learners book its occurrences. Expansion is exact across DST "
        "changes: the local time stays, the UTC instant moves. A local start in the "
        "spring-forward gap moves forward by the gap; one that happens twice is the first.")
        .def(
            "create",
            [](const OfficeHoursRef& a, PersonId guide, std::string time_zone,
               const RecurrenceRule& rule, Date first_day, std::optional<Date> last_day,
               LocalTime start, int duration_minutes, Setting setting, std::string place,
               std::string link, int capacity, std::vector<RelationshipId> serves) {
                NewOfficeHours n;
                n.guide = guide;
                n.time_zone = std::move(time_zone);
                n.rule = rule;
                n.first_day = first_day;
                n.last_day = last_day;
                n.start = start.value;
                n.duration_minutes = duration_minutes;
                n.setting = setting;
                n.place = std::move(place);
                n.link = std::move(link);
                n.capacity = capacity;
                n.serves = std::move(serves);
                return a.run([&](OfficeHours& x) { return x.create(n); });
            },
            py::arg("guide"), py::arg("time_zone"), py::kw_only(), py::arg("rule"),
            py::arg("first_day"), py::arg("last_day") = py::none(), py::arg("start"),
            py::arg("duration_minutes") = 30,
            py::arg_v("setting", Setting::in_person_private, "Setting.in_person_private"),
            py::arg("place") = "", py::arg("link") = "", py::arg("capacity") = 1,
            py::arg("serves") = std::vector<RelationshipId>{},
            "Posts a slot of `guide` and returns its id. `time_zone` is an IANA name; `rule` a "
            "RecurrenceRule; `first_day` / `last_day` (optional) bound it in local days; `start` "
            "is the local time of day (naive datetime.time, whole minutes). `serves` lists "
            "active relationships in which `guide` is the guide. Refuses an unknown zone, an "
            "invalid rule, time, duration (1..1440) or capacity (1..100), a virtual slot "
            "without a link, a relationship that is not the guide's (InvalidArgument) or not "
            "active (RuleViolation).")
        .def(
            "get",
            [](const OfficeHoursRef& a, OfficeHoursId id) {
                return a.run([&](OfficeHours& x) { return x.get(id); });
            },
            py::arg("id"), "The slot; NotFound if there is none.")
        .def(
            "list",
            [](const OfficeHoursRef& a, PersonId guide) {
                return a.run([&](OfficeHours& x) { return x.list(guide); });
            },
            py::arg("guide"), "The slots of a guide. Runs without the GIL.")
        .def(
            "skip",
            [](const OfficeHoursRef& a, OfficeHoursId id, Date local_day, PersonId by) {
                a.run([&](OfficeHours& x) { x.skip(id, local_day, by); });
            },
            py::arg("id"), py::arg("local_day"), py::arg("by"),
            "Skips the occurrence of a local day. Only the guide (PermissionDenied), only a "
            "real occurrence (NotFound), not once booked (RuleViolation).")
        .def(
            "move",
            [](const OfficeHoursRef& a, OfficeHoursId id, Date local_day, Timestamp new_start,
               PersonId by) {
                a.run([&](OfficeHours& x) { x.move(id, local_day, new_start, by); });
            },
            py::arg("id"), py::arg("local_day"), py::arg("new_start"), py::arg("by"),
            "Moves the occurrence of a local day to `new_start` (an aware datetime in any "
            "zone); it keeps its local day as identity. Same refusals as skip.")
        .def(
            "occurrences",
            [](const OfficeHoursRef& a, OfficeHoursId id, Timestamp start, Timestamp end) {
                return a.run([&](OfficeHours& x) { return x.occurrences(id, start, end); });
            },
            py::arg("id"), py::arg("start"), py::arg("end"),
            "The slot's occurrences starting in [start, end) (aware datetimes), skips removed, "
            "moves applied, with booking counts, by start. Runs without the GIL.")
        .def(
            "all_occurrences",
            [](const OfficeHoursRef& a, Timestamp start, Timestamp end) {
                return a.run([&](OfficeHours& x) { return x.all_occurrences(start, end); });
            },
            py::arg("start"), py::arg("end"),
            "Occurrences of every slot starting in [start, end), by slot id, then start (sort by "
            "`start` for a merged calendar). Runs without the GIL.")
        .def(
            "book",
            [](const OfficeHoursRef& a, OfficeHoursId id, Date local_day, RelationshipId rel,
               PersonId by) {
                return a.run([&](OfficeHours& x) { return x.book(id, local_day, rel, by); });
            },
            py::arg("id"), py::arg("local_day"), py::arg("relationship"), py::arg("by"),
            "The learner of a served relationship books the occurrence of a local day; a "
            "meeting of that relationship is scheduled at it and its id returned. Refuses a "
            "relationship the slot does not serve, a full or already-started occurrence, a "
            "second booking (RuleViolation), anyone but the learner (PermissionDenied), a day "
            "without an occurrence (NotFound).")
        .def(
            "bookings",
            [](const OfficeHoursRef& a, OfficeHoursId id, Date start, Date end, PersonId acting) {
                return a.run([&](OfficeHours& x) { return x.bookings(id, start, end, acting); });
            },
            py::arg("id"), py::arg("start"), py::arg("end"), py::kw_only(), py::arg("acting"),
            "Who booked the occurrences of local days start..end (inclusive), by day then "
            "relationship: the slot's guide sees every booking, anyone else only those of "
            "relationships they are a party to. NotFound for an unknown slot or person.")
        .def(
            "to_icalendar",
            [](const OfficeHoursRef& a, OfficeHoursId id) {
                return a.run([&](OfficeHours& x) { return x.to_icalendar(id); });
            },
            py::arg("id"),
            "The slot as an iCalendar (RFC 5545) text: one recurring VEVENT with RRULE and "
            "EXDATE, plus one VEVENT with RECURRENCE-ID per moved occurrence (CRLF lines).")
        .def("__repr__",
             [](const OfficeHoursRef&) { return std::string("<mentorkit.OfficeHours>"); });
}

} // namespace mentorkit::python
