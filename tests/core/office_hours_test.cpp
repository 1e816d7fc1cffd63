// Office hours: recurrence in a time zone, exact across DST changes, skips, moves, bookings and
// the iCalendar export.

#include "fixtures.hpp"

using namespace mentorkit;
using namespace mk_test;
using namespace std::chrono;

namespace {

Timestamp utc(int y, unsigned m, unsigned d, int h, int min = 0) {
    return Timestamp{sys_days{make_date(y, m, d)}} + hours{h} + minutes{min};
}

NewOfficeHours weekly(PersonId guide, const char* zone, weekday day, int hour, int minute,
                      Date first) {
    NewOfficeHours s;
    s.guide = guide;
    s.time_zone = zone;
    s.rule.kind = Recurrence::weekly;
    s.rule.weekdays = {day};
    s.first_day = first;
    s.start = hours{hour} + minutes{minute};
    s.duration_minutes = 30;
    s.place = "Office 3.14";
    return s;
}

std::vector<Timestamp> starts(const std::vector<Occurrence>& occ) {
    std::vector<Timestamp> out;
    for (const auto& o : occ)
        out.push_back(o.start);
    return out;
}

} // namespace

TEST_CASE("Every Thursday 16:00-16:30 in London stays at 16:00 local across the end of BST",
          "[office_hours][dst]") {
    NewOfficeHours s =
        weekly(PersonId{1}, "Europe/London", Thursday, 16, 0, make_date(2026, 10, 1));
    auto occ = expand(s, utc(2026, 10, 15, 0), utc(2026, 11, 6, 0));
    // 22 Oct is BST (UTC+1), 29 Oct and 5 Nov are GMT: the local time never moves.
    CHECK(starts(occ) == std::vector<Timestamp>{utc(2026, 10, 15, 15), utc(2026, 10, 22, 15),
                                                utc(2026, 10, 29, 16), utc(2026, 11, 5, 16)});
    for (const auto& o : occ)
        CHECK(o.end - o.start == minutes{30});
    CHECK(occ[2].local_day == make_date(2026, 10, 29));
}

TEST_CASE("A start in New York's spring-forward gap moves forward by the gap",
          "[office_hours][dst]") {
    // Sundays 02:30: on 8 March 2026 clocks jump from 02:00 to 03:00, so 02:30 does not exist;
    // it is read with the offset before the gap (UTC-5): 07:30Z, which is 03:30 EDT.
    NewOfficeHours s =
        weekly(PersonId{1}, "America/New_York", Sunday, 2, 30, make_date(2026, 2, 1));
    auto occ = expand(s, utc(2026, 3, 1, 0), utc(2026, 3, 16, 0));
    CHECK(starts(occ) == std::vector<Timestamp>{utc(2026, 3, 1, 7, 30), utc(2026, 3, 8, 7, 30),
                                                utc(2026, 3, 15, 6, 30)});
}

TEST_CASE("A start in New York's repeated hour is the first of the two", "[office_hours][dst]") {
    // Sundays 01:30: on 1 November 2026 01:00-02:00 happens twice (EDT, then EST).
    NewOfficeHours s =
        weekly(PersonId{1}, "America/New_York", Sunday, 1, 30, make_date(2026, 10, 1));
    auto occ = expand(s, utc(2026, 10, 25, 0), utc(2026, 11, 9, 0));
    CHECK(starts(occ) == std::vector<Timestamp>{utc(2026, 10, 25, 5, 30), utc(2026, 11, 1, 5, 30),
                                                utc(2026, 11, 8, 6, 30)});
}

TEST_CASE("Recurrence rules", "[office_hours]") {
    SECTION("every second week on two weekdays") {
        NewOfficeHours s = weekly(PersonId{1}, "UTC", Tuesday, 9, 0, make_date(2026, 1, 7));
        s.rule.weekdays = {Thursday, Tuesday};
        s.rule.interval = 2;
        auto occ = expand(s, utc(2026, 1, 1, 0), utc(2026, 2, 1, 0));
        // Week of 5 Jan (first day Wed 7 Jan: Tuesday 6 Jan is before it), then 19 Jan.
        CHECK(starts(occ) ==
              std::vector<Timestamp>{utc(2026, 1, 8, 9), utc(2026, 1, 20, 9), utc(2026, 1, 22, 9)});
    }
    SECTION("monthly on the second Tuesday and on the last Friday") {
        NewOfficeHours s =
            weekly(PersonId{1}, "Europe/Berlin", Tuesday, 14, 0, make_date(2026, 1, 1));
        s.rule.kind = Recurrence::monthly_weekday;
        s.rule.nth = 2;
        s.rule.weekday = Tuesday;
        auto occ = expand(s, utc(2026, 1, 1, 0), utc(2026, 4, 1, 0));
        CHECK(starts(occ) == std::vector<Timestamp>{utc(2026, 1, 13, 13), utc(2026, 2, 10, 13),
                                                    utc(2026, 3, 10, 13)});
        s.rule.nth = -1;
        s.rule.weekday = Friday;
        occ = expand(s, utc(2026, 1, 1, 0), utc(2026, 4, 1, 0));
        CHECK(starts(occ) == std::vector<Timestamp>{utc(2026, 1, 30, 13), utc(2026, 2, 27, 13),
                                                    utc(2026, 3, 27, 13)});
    }
    SECTION("monthly on the 31st skips shorter months") {
        NewOfficeHours s = weekly(PersonId{1}, "UTC", Monday, 10, 0, make_date(2026, 1, 1));
        s.rule.kind = Recurrence::monthly_day;
        s.rule.day_of_month = 31;
        auto occ = expand(s, utc(2026, 1, 1, 0), utc(2026, 6, 1, 0));
        CHECK(starts(occ) == std::vector<Timestamp>{utc(2026, 1, 31, 10), utc(2026, 3, 31, 10),
                                                    utc(2026, 5, 31, 10)});
    }
    SECTION("a last day ends the series") {
        NewOfficeHours s = weekly(PersonId{1}, "UTC", Monday, 10, 0, make_date(2026, 1, 1));
        s.last_day = make_date(2026, 1, 12);
        CHECK(expand(s, utc(2026, 1, 1, 0), utc(2026, 3, 1, 0)).size() == 2);
    }
    SECTION("invalid rules are refused") {
        NewOfficeHours s = weekly(PersonId{1}, "UTC", Monday, 10, 0, make_date(2026, 1, 1));
        auto bad = s;
        bad.time_zone = "Mars/Olympus_Mons";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      expand(bad, utc(2026, 1, 1, 0), utc(2026, 2, 1, 0)));
        bad = s;
        bad.rule.weekdays.clear();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      expand(bad, utc(2026, 1, 1, 0), utc(2026, 2, 1, 0)));
        bad = s;
        bad.start = minutes{1440};
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      expand(bad, utc(2026, 1, 1, 0), utc(2026, 2, 1, 0)));
        bad = s;
        bad.rule.kind = Recurrence::monthly_weekday;
        bad.rule.nth = 5;
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      expand(bad, utc(2026, 1, 1, 0), utc(2026, 2, 1, 0)));
    }
}

namespace {

struct Posted {
    World w{Store::open_memory(), make_date(2026, 10, 1)};
    PersonId mentor = w.person("Mentor", 4);
    PersonId mentee = w.person("Mentee", 2);
    PersonId other = w.person("Other mentee", 1);
    PersonId stranger = w.person("Stranger", 1);
    RelationshipId rel{}, rel2{};
    OfficeHoursId slot{};
    Posted() {
        NewRelationship r = w.request(Model::mentoring, mentor, mentee);
        r.start = make_date(2026, 9, 1);
        r.proposed_on = r.start;
        rel = w.rels().propose(r);
        w.rels().accept(rel, mentee, r.start);
        r.learner = other;
        rel2 = w.rels().propose(r);
        w.rels().accept(rel2, other, r.start);
        NewOfficeHours s = weekly(mentor, "Europe/London", Thursday, 16, 0, make_date(2026, 10, 1));
        s.serves = {rel};
        s.capacity = 1;
        slot = w.store.office_hours().create(s);
    }
    OfficeHours& oh() { return w.store.office_hours(); }
};

} // namespace

TEST_CASE("Stored office hours: skips, moves and the irregular alternative", "[office_hours]") {
    Posted p;
    SECTION("a skipped week disappears") {
        p.oh().skip(p.slot, make_date(2026, 10, 15), p.mentor);
        auto occ = p.oh().occurrences(p.slot, utc(2026, 10, 1, 0), utc(2026, 10, 31, 0));
        CHECK(starts(occ) == std::vector<Timestamp>{utc(2026, 10, 1, 15), utc(2026, 10, 8, 15),
                                                    utc(2026, 10, 22, 15), utc(2026, 10, 29, 16)});
        CHECK(p.oh().get(p.slot).skipped == std::vector<Date>{make_date(2026, 10, 15)});
    }
    SECTION("the irregular alternative of seed 001: Thursday, Tuesday 14:00, skip, Thursday") {
        p.oh().move(p.slot, make_date(2026, 10, 8), utc(2026, 10, 6, 13), p.mentor);
        p.oh().skip(p.slot, make_date(2026, 10, 15), p.mentor);
        auto occ = p.oh().occurrences(p.slot, utc(2026, 10, 1, 0), utc(2026, 10, 23, 0));
        CHECK(starts(occ) == std::vector<Timestamp>{utc(2026, 10, 1, 15), utc(2026, 10, 6, 13),
                                                    utc(2026, 10, 22, 15)});
        CHECK(occ[1].moved);
        CHECK(occ[1].local_day == make_date(2026, 10, 8));
    }
    SECTION("only the guide changes the slot, and only real occurrences") {
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      p.oh().skip(p.slot, make_date(2026, 10, 15), p.mentee));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      p.oh().skip(p.slot, make_date(2026, 10, 14), p.mentor));
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("served relationships must be the guide's and active") {
        NewOfficeHours s = weekly(p.mentee, "UTC", Monday, 9, 0, make_date(2026, 10, 1));
        s.serves = {p.rel};
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, p.oh().create(s));
    }
    SECTION("all_occurrences lists every slot's occurrences, slot by slot") {
        NewOfficeHours s = weekly(p.mentor, "UTC", Friday, 9, 0, make_date(2026, 10, 1));
        p.oh().create(s);
        p.oh().skip(p.slot, make_date(2026, 10, 8), p.mentor);
        auto all = p.oh().all_occurrences(utc(2026, 10, 1, 0), utc(2026, 10, 10, 0));
        // The London slot (Thu 1; Thu 8 skipped), then the UTC one (Fri 2, Fri 9).
        CHECK(starts(all) == std::vector<Timestamp>{utc(2026, 10, 1, 15), utc(2026, 10, 2, 9),
                                                    utc(2026, 10, 9, 9)});
    }
    SECTION("all_occurrences is every slot's occurrences, with their skips, moves and bookings") {
        // Three slots over a year, one of them with many skipped weeks (each dropped in the
        // same pass), one moved occurrence and one booking.
        NewOfficeHours daily =
            weekly(p.mentor, "Asia/Tokyo", Monday, 8, 30, make_date(2026, 10, 1));
        daily.rule.weekdays = {Monday, Tuesday, Wednesday, Thursday, Friday};
        OfficeHoursId busy = p.oh().create(daily);
        OfficeHoursId plain =
            p.oh().create(weekly(p.mentor, "UTC", Friday, 9, 0, make_date(2026, 10, 1)));
        for (Date d = make_date(2026, 10, 5); d < make_date(2027, 3, 1); d += days{7})
            p.oh().skip(busy, d, p.mentor); // every Monday for five months
        p.oh().skip(p.slot, make_date(2026, 10, 15), p.mentor);
        p.oh().move(p.slot, make_date(2026, 10, 22), utc(2026, 10, 20, 13), p.mentor);
        p.oh().book(p.slot, make_date(2026, 10, 29), p.rel, p.mentee);
        const Timestamp from = utc(2026, 10, 1, 0), to = utc(2027, 10, 1, 0);
        std::vector<Occurrence> expected;
        for (OfficeHoursId id : {p.slot, busy, plain})
            for (const Occurrence& o : p.oh().occurrences(id, from, to))
                expected.push_back(o);
        auto all = p.oh().all_occurrences(from, to);
        REQUIRE(all.size() == expected.size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            INFO("occurrence " << i);
            CHECK(all[i].slot == expected[i].slot);
            CHECK(all[i].local_day == expected[i].local_day);
            CHECK(all[i].start == expected[i].start);
            CHECK(all[i].end == expected[i].end);
            CHECK(all[i].moved == expected[i].moved);
            CHECK(all[i].booked == expected[i].booked);
        }
        CHECK(std::count_if(all.begin(), all.end(), [](const Occurrence& o) { return o.moved; }) ==
              1);
        CHECK(std::count_if(all.begin(), all.end(),
                            [](const Occurrence& o) { return o.booked == 1; }) == 1);
    }
}

TEST_CASE("Booking an occurrence", "[office_hours][booking]") {
    Posted p;
    Date thursday = make_date(2026, 10, 8);
    SECTION("the mentee books; the meeting is scheduled at the occurrence") {
        MeetingId m = p.oh().book(p.slot, thursday, p.rel, p.mentee);
        Meeting meeting = p.w.store.meetings().get(m, p.mentee);
        CHECK(meeting.start == utc(2026, 10, 8, 15));
        CHECK(meeting.place == "Office 3.14");
        auto occ = p.oh().occurrences(p.slot, utc(2026, 10, 8, 0), utc(2026, 10, 9, 0));
        REQUIRE(occ.size() == 1);
        CHECK(occ[0].booked == 1);
        SECTION("a full occurrence is refused") {
            REQUIRE_ERROR(RuleViolation, ErrorCode::rule_violation,
                          p.oh().book(p.slot, thursday, p.rel, p.mentee));
            CHECK(p.oh().occurrences(p.slot, utc(2026, 10, 8, 0), utc(2026, 10, 9, 0))[0].booked ==
                  1);
        }
        SECTION("a booked occurrence cannot be skipped") {
            REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                          p.oh().skip(p.slot, thursday, p.mentor));
        }
    }
    SECTION("refusals leave nothing behind") {
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::rule_violation,
                      p.oh().book(p.slot, thursday, p.rel2, p.other)); // not served
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      p.oh().book(p.slot, thursday, p.rel, p.mentor)); // not the learner
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      p.oh().book(p.slot, make_date(2026, 10, 9), p.rel, p.mentee)); // a Friday
        p.w.clock.set_today(make_date(2026, 10, 20));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      p.oh().book(p.slot, thursday, p.rel, p.mentee)); // in the past
        CHECK(p.w.audit().total() == audit);
    }
}

TEST_CASE("Who booked an occurrence: the guide sees every booking, each pair its own",
          "[office_hours][booking]") {
    Posted p;
    NewOfficeHours s = weekly(p.mentor, "UTC", Tuesday, 10, 0, make_date(2026, 10, 1));
    s.serves = {p.rel, p.rel2};
    s.capacity = 3;
    OfficeHoursId shared = p.oh().create(s);
    const Date tue6 = make_date(2026, 10, 6), tue13 = make_date(2026, 10, 13);
    MeetingId a = p.oh().book(shared, tue6, p.rel, p.mentee);
    MeetingId b = p.oh().book(shared, tue6, p.rel2, p.other);
    MeetingId c = p.oh().book(shared, tue13, p.rel2, p.other);
    auto people = [](const std::vector<Booking>& v) {
        std::vector<std::pair<Date, PersonId>> out;
        for (const Booking& x : v)
            out.emplace_back(x.local_day, x.learner);
        return out;
    };
    auto all = p.oh().bookings(shared, tue6, tue13, p.mentor);
    REQUIRE(all.size() == 3);
    CHECK(people(all) == std::vector<std::pair<Date, PersonId>>{
                             {tue6, p.mentee}, {tue6, p.other}, {tue13, p.other}});
    CHECK(all[0].meeting == a);
    CHECK(all[1].meeting == b);
    CHECK(all[2].meeting == c);
    CHECK(all[2].relationship == p.rel2);
    // The range is inclusive and by local day.
    CHECK(p.oh().bookings(shared, tue6, tue6, p.mentor).size() == 2);
    CHECK(p.oh().bookings(shared, tue13, make_date(2026, 12, 31), p.mentor).size() == 1);
    // A learner sees the bookings of their own pair only; a stranger none, though the
    // occurrence's count stays public.
    CHECK(people(p.oh().bookings(shared, tue6, tue13, p.mentee)) ==
          std::vector<std::pair<Date, PersonId>>{{tue6, p.mentee}});
    CHECK(p.oh().bookings(shared, tue6, tue13, p.other).size() == 2);
    CHECK(p.oh().bookings(shared, tue6, tue13, p.stranger).empty());
    CHECK(p.oh().occurrences(shared, utc(2026, 10, 6, 0), utc(2026, 10, 7, 0))[0].booked == 2);
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  p.oh().bookings(shared, tue6, tue13, PersonId{999}));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  p.oh().bookings(OfficeHoursId{999}, tue6, tue13, p.mentor));
}

TEST_CASE("Office hours export to iCalendar as one recurring event", "[office_hours][ical]") {
    Posted p;
    p.oh().skip(p.slot, make_date(2026, 10, 15), p.mentor);
    p.oh().move(p.slot, make_date(2026, 10, 22), utc(2026, 10, 20, 13), p.mentor);
    std::string ics = p.oh().to_icalendar(p.slot);
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    CHECK(ics.find("DTSTART;TZID=Europe/London:20261001T160000\r\n") != std::string::npos);
    CHECK(ics.find("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TH;WKST=MO\r\n") != std::string::npos);
    CHECK(ics.find("EXDATE;TZID=Europe/London:20261015T160000\r\n") != std::string::npos);
    CHECK(ics.find("RECURRENCE-ID;TZID=Europe/London:20261022T160000\r\n") != std::string::npos);
    CHECK(ics.find("DTSTART:20261020T130000Z\r\n") != std::string::npos);
    CHECK(ics.find("DURATION:PT30M\r\n") != std::string::npos);
    CHECK(ics.substr(ics.size() - 15) == "END:VCALENDAR\r\n");
    for (std::size_t pos = 0, next; (next = ics.find("\r\n", pos)) != std::string::npos;
         pos = next + 2)
        CHECK(next - pos <= 75); // folded content lines
}

namespace {

/// One sub-component of a VTIMEZONE.
struct Observance {
    std::string kind, start, from, to, name;
    bool operator==(const Observance&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Observance& o) {
    return os << o.kind << " " << o.start << " " << o.from << "->" << o.to << " " << o.name;
}

/// The TZID and sub-components of the (single) VTIMEZONE of an iCalendar text, unfolded.
std::pair<std::string, std::vector<Observance>> vtimezone(const std::string& ics) {
    std::vector<std::string> lines;
    for (std::size_t pos = 0, next; (next = ics.find("\r\n", pos)) != std::string::npos;
         pos = next + 2) {
        std::string line = ics.substr(pos, next - pos);
        if (!line.empty() && line[0] == ' ' && !lines.empty())
            lines.back() += line.substr(1);
        else
            lines.push_back(line);
    }
    std::string tzid;
    std::vector<Observance> out;
    bool inside = false;
    int count = 0;
    for (const std::string& l : lines) {
        auto value = [&](const char* key) {
            return l.substr(std::string(key).size());
        };
        if (l == "BEGIN:VTIMEZONE") {
            inside = true;
            ++count;
        } else if (l == "END:VTIMEZONE") {
            inside = false;
        } else if (!inside) {
            continue;
        } else if (l.rfind("TZID:", 0) == 0) {
            tzid = value("TZID:");
        } else if (l == "BEGIN:STANDARD" || l == "BEGIN:DAYLIGHT") {
            out.push_back({value("BEGIN:"), "", "", "", ""});
        } else if (l.rfind("DTSTART:", 0) == 0) {
            out.back().start = value("DTSTART:");
        } else if (l.rfind("TZOFFSETFROM:", 0) == 0) {
            out.back().from = value("TZOFFSETFROM:");
        } else if (l.rfind("TZOFFSETTO:", 0) == 0) {
            out.back().to = value("TZOFFSETTO:");
        } else if (l.rfind("TZNAME:", 0) == 0) {
            out.back().name = value("TZNAME:");
        }
    }
    CHECK(count == 1);
    CHECK_FALSE(inside);
    return {tzid, out};
}

} // namespace

TEST_CASE("iCalendar: the VTIMEZONE of a London slot lists every change it covers",
          "[office_hours][ical][vtimezone]") {
    Posted p; // Thursdays 16:00 London from 2026-10-01, open-ended; today 2026-10-01
    std::string ics = p.oh().to_icalendar(p.slot);
    auto [tzid, zone] = vtimezone(ics);
    CHECK(tzid == "Europe/London");
    // From the summer time in force at the first occurrence, through two years: clocks go
    // forward at 01:00 GMT to 02:00 BST and back at 02:00 BST to 01:00 GMT.
    CHECK(zone == std::vector<Observance>{
                      {"DAYLIGHT", "20260329T010000", "+0000", "+0100", "BST"},
                      {"STANDARD", "20261025T020000", "+0100", "+0000", "GMT"},
                      {"DAYLIGHT", "20270328T010000", "+0000", "+0100", "BST"},
                      {"STANDARD", "20271031T020000", "+0100", "+0000", "GMT"},
                      {"DAYLIGHT", "20280326T010000", "+0000", "+0100", "BST"},
                  });
    // The VTIMEZONE comes before the events that name it.
    CHECK(ics.find("BEGIN:VTIMEZONE") < ics.find("BEGIN:VEVENT"));
    CHECK(ics.find("DTSTART;TZID=Europe/London:20261001T160000\r\n") != std::string::npos);
    for (std::size_t pos = 0, next; (next = ics.find("\r\n", pos)) != std::string::npos;
         pos = next + 2)
        CHECK(next - pos <= 75);
    CHECK(ics.find('\n') == ics.find("\r\n") + 1); // CRLF only

    SECTION("exported later, the horizon follows today") {
        p.w.clock.set_today(make_date(2029, 6, 1));
        auto later = vtimezone(p.oh().to_icalendar(p.slot)).second;
        // Two years from 2029-06-01: every change from 2026-03-29 to the spring of 2031.
        REQUIRE(later.size() == 11);
        CHECK(later.front() == zone.front());
        CHECK(later.back() == Observance{"DAYLIGHT", "20310330T010000", "+0000", "+0100", "BST"});
    }
}

TEST_CASE("iCalendar: a New York slot with an end covers its range only",
          "[office_hours][ical][vtimezone]") {
    World w{Store::open_memory(), make_date(2026, 1, 20)};
    auto guide = w.person("Guide", 3);
    NewOfficeHours s = weekly(guide, "America/New_York", Sunday, 10, 0, make_date(2026, 2, 1));
    s.last_day = make_date(2026, 12, 31);
    auto id = w.store.office_hours().create(s);
    std::string ics = w.store.office_hours().to_icalendar(id);
    auto [tzid, zone] = vtimezone(ics);
    CHECK(tzid == "America/New_York");
    // EST in force on 2026-02-01 (since 02:00 EDT on 2025-11-02), then 02:00 EST → 03:00 EDT on
    // 2026-03-08 and 02:00 EDT → 01:00 EST on 2026-11-01; nothing of 2027.
    CHECK(zone == std::vector<Observance>{
                      {"STANDARD", "20251102T020000", "-0400", "-0500", "EST"},
                      {"DAYLIGHT", "20260308T020000", "-0500", "-0400", "EDT"},
                      {"STANDARD", "20261101T020000", "-0400", "-0500", "EST"},
                  });
    CHECK(ics.find("DTSTART;TZID=America/New_York:20260201T100000\r\n") != std::string::npos);
}

TEST_CASE("iCalendar: zones without DST get a single STANDARD component",
          "[office_hours][ical][vtimezone]") {
    World w{Store::open_memory(), make_date(2026, 1, 20)};
    auto guide = w.person("Guide", 3);
    SECTION("Asia/Tokyo: the last change, in 1951, and nothing since") {
        auto id = w.store.office_hours().create(
            weekly(guide, "Asia/Tokyo", Monday, 9, 0, make_date(2026, 2, 2)));
        auto [tzid, zone] = vtimezone(w.store.office_hours().to_icalendar(id));
        CHECK(tzid == "Asia/Tokyo");
        CHECK(zone == std::vector<Observance>{
                          {"STANDARD", "19510909T010000", "+1000", "+0900", "JST"},
                      });
    }
    SECTION("UTC: no change ever") {
        auto id = w.store.office_hours().create(
            weekly(guide, "UTC", Monday, 9, 0, make_date(2026, 2, 2)));
        auto [tzid, zone] = vtimezone(w.store.office_hours().to_icalendar(id));
        CHECK(tzid == "UTC");
        CHECK(zone == std::vector<Observance>{
                          {"STANDARD", "19700101T000000", "+0000", "+0000", "UTC"},
                      });
    }
}
