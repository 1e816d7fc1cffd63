// Limits: every text, number, range and list the core accepts has a documented bound
// (limits.hpp); a value past it is refused with InvalidArgument before anything is written.

#include "fixtures.hpp"

#include <cmath>

using namespace mentorkit;
using namespace mk_test;

TEST_CASE("Inputs past their documented limits are refused before anything is written",
          "[reliability][limits]") {
    World w;
    auto a = w.person("A", 3, {{"research", 4}});
    auto b = w.person("B", 1, {{"research", 1}});
    auto audit = w.audit().total();
    auto people = w.people().count();

    SECTION("a name longer than kMaxNameBytes") {
        NewPerson p;
        p.name = std::string(kMaxNameBytes + 1, 'x');
        try {
            w.people().create(p);
            FAIL("a too long name was stored");
        } catch (const InvalidArgument& e) {
            CHECK_THAT(e.what(), Catch::Contains("too long"));
            CHECK_THAT(e.what(), Catch::Contains(std::to_string(kMaxNameBytes)));
        }
        p.name = std::string(kMaxNameBytes, 'x');
        CHECK_NOTHROW(w.people().create(p));
        ++people;
        audit = w.audit().total();
    }
    SECTION("a 1 MB focus") {
        auto r = w.request(Model::mentoring, a, b, std::string(1 << 20, 'f'));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, w.rels().propose(r));
    }
    SECTION("a NUL character is named as such") {
        NewPerson p;
        p.name = std::string("Ad\0a", 4);
        try {
            w.people().create(p);
            FAIL("a NUL was stored");
        } catch (const InvalidArgument& e) {
            CHECK_THAT(e.what(), Catch::Contains("NUL character"));
            CHECK_THAT(e.what(), !Catch::Contains("UTF-8"));
        }
    }
    SECTION("a level outside kMinLevel..kMaxLevel") {
        NewPerson p;
        p.name = "Far up";
        p.level = kMaxLevel + 1;
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, w.people().create(p));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      w.people().set_level(a, kMinLevel - 1));
        CHECK(w.people().get(a).level == 3);
    }
    SECTION("more expertise areas than kMaxListItems") {
        NewPerson p;
        p.name = "Polymath";
        for (std::size_t i = 0; i <= kMaxListItems; ++i)
            p.expertise.push_back({"area " + std::to_string(i), 2});
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, w.people().create(p));
    }
    SECTION("an instant past the year 2999") {
        auto r = w.active(Model::mentoring, a, b);
        NewMeeting m;
        m.relationship = r;
        m.by = a;
        m.link = "https://meet.example/x";
        m.start = Timestamp{std::chrono::sys_days{make_date(2999, 12, 31)}} + std::chrono::days{1};
        audit = w.audit().total();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date, w.store.meetings().schedule(m));
    }
    SECTION("a check-in value past ±1e15") {
        auto r = w.active(Model::coaching, a, b);
        NewGoal g;
        g.relationship = r;
        g.title = "Measure";
        g.measure = Measure{"m", "", 0, 10};
        g.by = b;
        w.clock.set_today(default_start() + std::chrono::days{7});
        auto goal = w.store.goals().create(g);
        Date on = default_start() + std::chrono::days{7};
        w.store.goals().activate(goal, b, on);
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      w.store.goals().check_in(goal, b, on, 1e16));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      w.store.goals().check_in(goal, b, on, std::nan("")));
        CHECK_NOTHROW(w.store.goals().check_in(goal, b, on, 1e15));
        audit = w.audit().total();
    }
    SECTION("an office-hours range holding more than kMaxOccurrences occurrences") {
        NewOfficeHours oh;
        oh.guide = a;
        oh.time_zone = "Europe/London";
        oh.rule.kind = Recurrence::weekly;
        oh.rule.weekdays = {std::chrono::Monday,   std::chrono::Tuesday, std::chrono::Wednesday,
                            std::chrono::Thursday, std::chrono::Friday,  std::chrono::Saturday,
                            std::chrono::Sunday};
        oh.first_day = make_date(1900, 1, 1);
        oh.start = std::chrono::minutes{9 * 60};
        auto slot = w.store.office_hours().create(oh);
        audit = w.audit().total();
        Timestamp from{std::chrono::sys_days{make_date(1900, 1, 1)}};
        Timestamp to{std::chrono::sys_days{make_date(2999, 12, 31)}};
        try {
            w.store.office_hours().occurrences(slot, from, to);
            FAIL("400,000 occurrences were returned");
        } catch (const InvalidArgument& e) {
            CHECK_THAT(e.what(), Catch::Contains(std::to_string(kMaxOccurrences)));
        }
        // A year is fine.
        auto year = w.store.office_hours().occurrences(
            slot, Timestamp{std::chrono::sys_days{make_date(2026, 1, 1)}},
            Timestamp{std::chrono::sys_days{make_date(2027, 1, 1)}});
        CHECK(year.size() == 365);
        // Every slot at once has its own, larger bound: three daily slots over eleven centuries
        // (about 1.2 million occurrences) are refused, and a year of them is fine.
        oh.start = std::chrono::minutes{10 * 60};
        w.store.office_hours().create(oh);
        oh.start = std::chrono::minutes{11 * 60};
        w.store.office_hours().create(oh);
        audit = w.audit().total();
        try {
            w.store.office_hours().all_occurrences(from, to);
            FAIL("1.2 million occurrences were returned");
        } catch (const InvalidArgument& e) {
            CHECK_THAT(e.what(), Catch::Contains(std::to_string(kMaxAllOccurrences)));
        }
        auto all_year = w.store.office_hours().all_occurrences(
            Timestamp{std::chrono::sys_days{make_date(2026, 1, 1)}},
            Timestamp{std::chrono::sys_days{make_date(2027, 1, 1)}});
        CHECK(all_year.size() == 3 * 365);
    }
    CHECK(w.audit().total() == audit);
    CHECK(w.people().count() == people);
}
