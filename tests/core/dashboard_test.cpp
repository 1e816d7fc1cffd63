// The relationships dashboard: which rows an acting person sees, the metadata of each row, goal
// counts (for the parties only) matching the goal forecasts, the agreement summary, the alerts,
// meeting facts and health, the next bookable office hour, refusals, and that loading it writes
// nothing.
//
// Dates: relationships start on Monday 2024-01-15 (default_start()); each test moves the clock
// where it needs it. Meetings start at noon of their day, are scheduled the day before and are
// marked held one hour after they start.

#include "fixtures.hpp"

#include <algorithm>

using namespace mentorkit;
using namespace mk_test;
using std::chrono::days;
using std::chrono::hours;

namespace {

/// A learner (whose hierarchical supervisor is the boss) with a mentor and a coach, the mentor's
/// other mentee, a proposal of the coach to that mentee, and a stranger.
struct Org {
    World w;
    PersonId boss = w.person("Bea Boss", 5);
    PersonId learner = w.person("Lena Learner", 1, {{"research", 1}}, boss);
    PersonId mentor = w.person("Maya Mentor", 3, {{"research", 4}});
    PersonId coach = w.person("Carl Coach", 4);
    PersonId other = w.person("Otto Other", 1);
    PersonId stranger = w.person("Stan Stranger", 2);
    RelationshipId mentoring = w.active(Model::mentoring, mentor, learner, "research");
    RelationshipId coaching = w.active(Model::coaching, coach, learner, "presenting");
    RelationshipId other_rel = w.active(Model::mentoring, mentor, other, "writing");
    RelationshipId proposal =
        w.rels().propose(w.request(Model::mentoring, coach, other, "leadership"));

    Store& store() { return w.store; }
    Goals& goals() { return w.store.goals(); }
    Agreements& agreements() { return w.agreements(); }
    std::vector<DashboardRow> load(PersonId acting, DashboardScope scope = DashboardScope::mine) {
        return load_dashboard(w.store, acting, scope);
    }
};

std::vector<RelationshipId> ids_of(const std::vector<DashboardRow>& rows) {
    std::vector<RelationshipId> out;
    for (const auto& r : rows)
        out.push_back(r.id);
    return out;
}

/// The row of a relationship; fails the test when it is missing.
const DashboardRow& row_of(const std::vector<DashboardRow>& rows, RelationshipId id) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.id == id; });
    INFO("relationship " << raw(id));
    REQUIRE(it != rows.end());
    return *it;
}

DashboardRow load_row(Store& store, PersonId acting, RelationshipId id,
                      DashboardScope scope = DashboardScope::all) {
    auto rows = load_dashboard(store, acting, scope);
    return row_of(rows, id);
}

/// The counts a party would compute from Goals::reviews for the relationship.
GoalCounts counts_from_reviews(Goals& goals, RelationshipId rel, PersonId party) {
    GoalCounts c;
    for (const GoalReview& r : goals.reviews(rel, party)) {
        if (r.status != GoalStatus::active)
            continue;
        ++c.active;
        c.overdue += r.overdue ? 1 : 0;
        if (r.forecast == Forecast::on_track)
            ++c.on_track;
        else if (r.forecast == Forecast::at_risk)
            ++c.at_risk;
        else if (r.forecast == Forecast::off_track)
            ++c.off_track;
    }
    return c;
}

void check_counts(const std::optional<GoalCounts>& got, const GoalCounts& want) {
    REQUIRE(got.has_value());
    CHECK(got->active == want.active);
    CHECK(got->on_track == want.on_track);
    CHECK(got->at_risk == want.at_risk);
    CHECK(got->off_track == want.off_track);
    CHECK(got->overdue == want.overdue);
}

/// A measurable goal (0 → 100 unless told) of `rel`, created and activated on the start day,
/// with check-ins (day, value) recorded by `by`.
GoalId measured_goal(Goals& goals, RelationshipId rel, PersonId by, std::optional<Date> due,
                     const std::vector<std::pair<Date, double>>& check_ins,
                     const std::string& title, double target = 100) {
    auto g = goals.create(measurable_goal(rel, by, 0, target, due, default_start(), title));
    goals.activate(g, by, default_start());
    for (const auto& [on, value] : check_ins)
        goals.check_in(g, by, on, value);
    return g;
}

/// Holds a meeting of `rel` on day `d` (scheduled by the learner the day before, marked held by
/// the guide an hour after its noon start). Leaves the clock at 13:00 on `d`.
MeetingId hold(World& w, RelationshipId rel, Date d) {
    Relationship r = w.rels().get(rel);
    w.clock.set_today(d - days(1));
    NewMeeting n;
    n.relationship = rel;
    n.by = r.learner;
    n.start = noon(d);
    n.duration_minutes = 60;
    n.setting = Setting::virtual_;
    n.link = "https://meet.example.org/abc-defg-hij";
    MeetingId id = w.store.meetings().schedule(n);
    w.clock.set_today(d);
    w.clock.advance(hours(1));
    w.store.meetings().mark_held(id, r.guide);
    return id;
}

/// Both parties sign the latest agreement version.
void sign_both(Agreements& ag, const Relationship& r) {
    int number = ag.current(r.id, r.guide).number;
    ag.sign(r.id, number, r.guide);
    ag.sign(r.id, number, r.learner);
}

NewOfficeHours weekly_utc(PersonId guide, std::chrono::weekday day, int hour, Date first,
                          std::vector<RelationshipId> serves, int capacity) {
    NewOfficeHours s;
    s.guide = guide;
    s.time_zone = "UTC";
    s.rule.kind = Recurrence::weekly;
    s.rule.weekdays = {day};
    s.first_day = first;
    s.start = hours{hour};
    s.duration_minutes = 30;
    s.place = "Office 3.14";
    s.capacity = capacity;
    s.serves = std::move(serves);
    return s;
}

Timestamp utc(Date d, int hour) {
    return time_on(d, hour);
}

} // namespace

TEST_CASE("Scope mine lists the acting person's relationships, scope all lists every one",
          "[dashboard]") {
    Org o;
    using V = std::vector<RelationshipId>;
    SECTION("mine: as guide or as learner, ordered by id") {
        CHECK(ids_of(o.load(o.learner)) == V{o.mentoring, o.coaching});
        CHECK(ids_of(o.load(o.mentor)) == V{o.mentoring, o.other_rel});
        CHECK(ids_of(o.load(o.coach)) == V{o.coaching, o.proposal});
        CHECK(ids_of(o.load(o.other)) == V{o.other_rel, o.proposal});
        CHECK(o.load(o.stranger).empty());
        CHECK(o.load(o.boss).empty()); // a supervisor in the hierarchy is not a party
    }
    SECTION("mine is the default scope") {
        CHECK(ids_of(load_dashboard(o.store(), o.learner)) == V{o.mentoring, o.coaching});
    }
    SECTION("all: every relationship, ordered by id, whoever asks") {
        const V every{o.mentoring, o.coaching, o.other_rel, o.proposal};
        CHECK(ids_of(o.load(o.stranger, DashboardScope::all)) == every);
        CHECK(ids_of(o.load(o.learner, DashboardScope::all)) == every);
        CHECK(ids_of(o.load(o.boss, DashboardScope::all)) == every);
        V stored;
        for (const auto& r : o.w.rels().list())
            stored.push_back(r.id);
        CHECK(ids_of(o.load(o.coach, DashboardScope::all)) == stored);
    }
    SECTION("ended relationships stay on the dashboard with their status") {
        o.w.clock.set_today(day24(3, 1));
        o.w.rels().complete(o.coaching, o.coach, day24(3, 1), "goals reached");
        auto rows = o.load(o.learner);
        CHECK(ids_of(rows) == V{o.mentoring, o.coaching});
        CHECK(row_of(rows, o.coaching).status == Status::completed);
        CHECK_FALSE(row_of(rows, o.coaching).health.has_value());
    }
}

TEST_CASE("Each row carries the stored names, model, style, status, focus and start",
          "[dashboard]") {
    Org o;
    auto rows = o.load(o.stranger, DashboardScope::all);
    REQUIRE(rows.size() == 4);
    for (const DashboardRow& row : rows) {
        Relationship r = o.w.rels().get(row.id);
        INFO("relationship " << raw(row.id));
        CHECK(row.model == r.model);
        CHECK(row.formality == r.formality);
        CHECK(row.style == r.style);
        CHECK(row.status == r.status);
        CHECK(row.guide == r.guide);
        CHECK(row.learner == r.learner);
        CHECK(row.guide_name == o.w.people().get(r.guide).name);
        CHECK(row.learner_name == o.w.people().get(r.learner).name);
        CHECK(row.focus == r.focus);
        CHECK(row.start == r.start);
    }
    // And the values themselves, so that a wrong store read cannot pass for a match.
    const DashboardRow& m = row_of(rows, o.mentoring);
    CHECK(m.model == Model::mentoring);
    CHECK(m.style == std::optional<Style>{Style::traditional});
    CHECK(m.status == Status::active);
    CHECK(m.guide_name == "Maya Mentor");
    CHECK(m.learner_name == "Lena Learner");
    CHECK(m.focus == "research");
    CHECK(m.start == default_start());
    const DashboardRow& c = row_of(rows, o.coaching);
    CHECK(c.model == Model::coaching);
    CHECK(c.guide_name == "Carl Coach");
    CHECK(c.focus == "presenting");
    const DashboardRow& p = row_of(rows, o.proposal);
    CHECK(p.status == Status::proposed);
    CHECK(p.guide_name == "Carl Coach");
    CHECK(p.learner_name == "Otto Other");
    CHECK_FALSE(p.health.has_value()); // health is for active relationships only
}

TEST_CASE("Goal counts match the parties' goal forecasts and are shown to the parties only",
          "[dashboard][goals]") {
    Org o;
    o.w.clock.set_today(day24(6, 1));
    Goals& goals = o.goals();
    const PersonId owner = o.learner; // mentoring: the mentee owns the goals
    // Reached the target: on track.
    GoalId reached = measured_goal(goals, o.mentoring, owner, day24(12, 31),
                                   {{day24(2, 1), 10}, {day24(5, 1), 100}}, "reached");
    // 5 a week from 60 on 29 May: 90 by 10 July (6 weeks): at risk.
    GoalId risky = measured_goal(goals, o.mentoring, owner, day24(7, 10),
                                 {{day24(5, 1), 40}, {day24(5, 29), 60}}, "risky");
    // 0.5 a week: 15 by 10 July: off track.
    GoalId slow = measured_goal(goals, o.mentoring, owner, day24(7, 10),
                                {{day24(5, 1), 10}, {day24(5, 29), 12}}, "slow");
    // Due 1 May, not reached: off track and overdue.
    GoalId late = measured_goal(goals, o.mentoring, owner, day24(5, 1),
                                {{day24(3, 1), 10}, {day24(4, 1), 20}}, "late");
    // One check-in: too early.
    GoalId early =
        measured_goal(goals, o.mentoring, owner, day24(12, 31), {{day24(5, 1), 10}}, "early");
    // Open-ended and active: counted as active, no forecast.
    GoalId open = goals.create(open_goal(o.mentoring, owner, {}, default_start()));
    goals.activate(open, owner, default_start());
    // Not active: a draft and an achieved goal are not counted.
    goals.create(
        measurable_goal(o.mentoring, owner, 0, 5, day24(12, 31), default_start(), "draft"));
    GoalId done = measured_goal(goals, o.mentoring, owner, day24(3, 1), {}, "done", 5);
    goals.achieve(done, owner, day24(2, 20), "submitted");
    // The coaching relationship has one active open-ended goal (co-owned: the coach sets it).
    GoalId coached = goals.create(open_goal(o.coaching, o.coach, {}, default_start()));
    goals.activate(coached, o.coach, default_start());

    // The setup gives the forecasts it claims.
    CHECK(goals.review(reached, owner).forecast == std::optional<Forecast>{Forecast::on_track});
    CHECK(goals.review(risky, owner).forecast == std::optional<Forecast>{Forecast::at_risk});
    CHECK(goals.review(slow, owner).forecast == std::optional<Forecast>{Forecast::off_track});
    CHECK(goals.review(late, owner).forecast == std::optional<Forecast>{Forecast::off_track});
    CHECK(goals.review(late, owner).overdue);
    CHECK(goals.review(early, owner).forecast == std::optional<Forecast>{Forecast::too_early});
    CHECK_FALSE(goals.review(open, owner).forecast.has_value());

    const GoalCounts expected = counts_from_reviews(goals, o.mentoring, o.mentor);
    CHECK(expected.active == 6);
    CHECK(expected.on_track == 1);
    CHECK(expected.at_risk == 1);
    CHECK(expected.off_track == 2);
    CHECK(expected.overdue == 1);

    SECTION("the learner and the mentor see the counts of their relationship") {
        check_counts(row_of(o.load(o.learner), o.mentoring).goals, expected);
        check_counts(row_of(o.load(o.mentor), o.mentoring).goals, expected);
        check_counts(row_of(o.load(o.learner), o.mentoring).goals,
                     counts_from_reviews(goals, o.mentoring, o.learner));
        // Scope all changes nothing for the rows in which they are a party.
        check_counts(row_of(o.load(o.mentor, DashboardScope::all), o.mentoring).goals, expected);
    }
    SECTION("each relationship counts its own goals") {
        auto rows = o.load(o.learner);
        check_counts(row_of(rows, o.coaching).goals,
                     counts_from_reviews(goals, o.coaching, o.coach));
        CHECK(row_of(rows, o.coaching).goals->active == 1);
        CHECK(row_of(rows, o.coaching).goals->on_track == 0);
        // A party's relationship without goals shows zeros, not nothing.
        check_counts(row_of(o.load(o.mentor), o.other_rel).goals, GoalCounts{});
        check_counts(row_of(o.load(o.coach), o.proposal).goals, GoalCounts{});
    }
    SECTION("non-parties see the metadata but no goal counts") {
        for (PersonId who : {o.stranger, o.boss}) {
            auto rows = o.load(who, DashboardScope::all);
            REQUIRE(rows.size() == 4);
            for (const auto& row : rows) {
                INFO("relationship " << raw(row.id));
                CHECK_FALSE(row.goals.has_value());
            }
            // ... while the alert derived from the goals is metadata everyone sees.
            CHECK(row_of(rows, o.mentoring).has(Alert::overdue_goal));
        }
        // The learner, looking at everything, sees counts only where it is a party.
        auto rows = o.load(o.learner, DashboardScope::all);
        CHECK(row_of(rows, o.mentoring).goals.has_value());
        CHECK(row_of(rows, o.coaching).goals.has_value());
        CHECK_FALSE(row_of(rows, o.other_rel).goals.has_value());
        CHECK_FALSE(row_of(rows, o.proposal).goals.has_value());
    }
    SECTION("the counts follow the goals") {
        goals.achieve(late, owner, day24(6, 1), "finally");
        goals.check_in(risky, owner, day24(6, 1), 100);
        GoalCounts now = counts_from_reviews(goals, o.mentoring, o.learner);
        CHECK(now.active == 5);
        CHECK(now.on_track == 2);
        CHECK(now.at_risk == 0);
        CHECK(now.off_track == 1);
        CHECK(now.overdue == 0);
        auto row = load_row(o.store(), o.learner, o.mentoring);
        check_counts(row.goals, now);
        CHECK_FALSE(row.has(Alert::overdue_goal));
    }
}

TEST_CASE("The agreement summary and the unsigned_agreement alert", "[dashboard][agreements]") {
    World w;
    PersonId mentor = w.person("Mentor", 3);
    PersonId mentee = w.person("Mentee", 1);
    w.clock.set_today(day24(2, 1));
    Agreements& ag = w.agreements();
    auto rel = [&](const std::string& focus) {
        return w.active(Model::mentoring, mentor, mentee, focus);
    };
    auto summary = [&](RelationshipId id) {
        return load_row(w.store, mentee, id).agreement;
    };
    auto alerted = [&](RelationshipId id) {
        return load_row(w.store, mentee, id).has(Alert::unsigned_agreement);
    };

    SECTION("the untouched template is a draft, and alerted on an active relationship") {
        auto id = rel("template");
        CHECK(summary(id) == AgreementSummary::draft);
        CHECK(alerted(id));
        CHECK(w.has_warning(id, WarningCode::agreement_not_in_force));
    }
    SECTION("an edited, unsigned draft is a draft") {
        auto id = rel("edited");
        ag.set_terms(id, AgreementTerms{14, {}}, mentor);
        REQUIRE(ag.current(id, mentor).stored);
        CHECK(summary(id) == AgreementSummary::draft);
        CHECK(alerted(id));
    }
    SECTION("one signature: awaiting the other") {
        auto id = rel("half");
        ag.sign(id, 1, mentor);
        CHECK(summary(id) == AgreementSummary::awaiting_signature);
        CHECK(alerted(id));
        CHECK(w.has_warning(id, WarningCode::agreement_not_in_force));

        SECTION("both signatures: in force, no alert") {
            ag.sign(id, 1, mentee);
            CHECK(summary(id) == AgreementSummary::in_force);
            CHECK_FALSE(alerted(id));
            CHECK_FALSE(w.has_warning(id, WarningCode::agreement_not_in_force));
        }
        SECTION("amending a half-signed version starts a new draft") {
            ag.amend(id, mentee, "different cadence");
            CHECK(summary(id) == AgreementSummary::draft);
            CHECK(alerted(id));
        }
    }
    SECTION("amended after both signed: amendment pending, no unsigned alert") {
        auto id = rel("amended");
        sign_both(ag, w.rels().get(id));
        int v2 = ag.amend(id, mentee, "new goals after the first review");
        CHECK(summary(id) == AgreementSummary::amendment_pending);
        CHECK_FALSE(alerted(id));
        CHECK(w.has_warning(id, WarningCode::amendment_pending));

        SECTION("still pending with one signature on the amendment") {
            ag.sign(id, v2, mentor);
            CHECK(summary(id) == AgreementSummary::amendment_pending);
            CHECK_FALSE(alerted(id));
        }
        SECTION("in force again once both sign the amendment") {
            ag.sign(id, v2, mentor);
            ag.sign(id, v2, mentee);
            CHECK(summary(id) == AgreementSummary::in_force);
            CHECK_FALSE(alerted(id));
        }
    }
    SECTION("relationships that are not active are never alerted") {
        auto proposed = w.rels().propose(w.request(Model::mentoring, mentor, mentee, "proposed"));
        auto paused = rel("paused");
        w.rels().pause(paused, mentee, default_start(), "exams");
        CHECK(summary(proposed) == AgreementSummary::draft);
        CHECK(summary(paused) == AgreementSummary::draft);
        CHECK_FALSE(alerted(proposed));
        CHECK_FALSE(alerted(paused));
    }
    SECTION("each relationship is summarised on its own") {
        auto a = rel("a"), b = rel("b"), c = rel("c");
        sign_both(ag, w.rels().get(b));
        ag.sign(c, 1, mentee);
        auto rows = load_dashboard(w.store, mentor);
        CHECK(row_of(rows, a).agreement == AgreementSummary::draft);
        CHECK(row_of(rows, b).agreement == AgreementSummary::in_force);
        CHECK(row_of(rows, c).agreement == AgreementSummary::awaiting_signature);
        CHECK(row_of(rows, a).has(Alert::unsigned_agreement));
        CHECK_FALSE(row_of(rows, b).has(Alert::unsigned_agreement));
        CHECK(row_of(rows, c).has(Alert::unsigned_agreement));
    }
}

TEST_CASE("Open misunderstandings are counted and alerted until resolved",
          "[dashboard][agreements]") {
    Org o;
    o.w.clock.set_today(day24(2, 1));
    Agreements& ag = o.agreements();
    auto first = ag.raise_misunderstanding(o.mentoring, o.learner, day24(2, 1),
                                           "I thought we would meet weekly");
    auto second =
        ag.raise_misunderstanding(o.mentoring, o.mentor, day24(2, 1), "Agenda not sent before");

    auto row = load_row(o.store(), o.stranger, o.mentoring);
    CHECK(row.open_misunderstandings == 2);
    CHECK(row.has(Alert::open_misunderstanding));
    // Other relationships are untouched.
    for (RelationshipId id : {o.coaching, o.other_rel, o.proposal}) {
        auto other = load_row(o.store(), o.stranger, id);
        CHECK(other.open_misunderstandings == 0);
        CHECK_FALSE(other.has(Alert::open_misunderstanding));
    }

    ag.resolve_misunderstanding(first, o.mentor, day24(2, 2), "Every two weeks, agreed");
    row = load_row(o.store(), o.learner, o.mentoring);
    CHECK(row.open_misunderstandings == 1);
    CHECK(row.has(Alert::open_misunderstanding));

    ag.resolve_misunderstanding(second, o.learner, day24(2, 2), "Two days before from now on");
    row = load_row(o.store(), o.learner, o.mentoring);
    CHECK(row.open_misunderstandings == 0);
    CHECK_FALSE(row.has(Alert::open_misunderstanding));
    CHECK_FALSE(o.w.has_warning(o.mentoring, WarningCode::open_misunderstandings));
}

TEST_CASE("An active goal past its due date raises overdue_goal", "[dashboard][goals]") {
    Org o;
    o.w.clock.set_today(day24(6, 1));
    Goals& goals = o.goals();
    SECTION("due today is not overdue; due yesterday is") {
        GoalId g = measured_goal(goals, o.mentoring, o.learner, day24(6, 1), {}, "today");
        CHECK_FALSE(load_row(o.store(), o.learner, o.mentoring).has(Alert::overdue_goal));
        o.w.clock.set_today(day24(6, 2));
        auto row = load_row(o.store(), o.learner, o.mentoring);
        CHECK(row.has(Alert::overdue_goal));
        CHECK(row.goals->overdue == 1);
        CHECK(o.w.has_warning(o.mentoring, WarningCode::goal_overdue));
        // Only the relationship with the goal.
        CHECK_FALSE(load_row(o.store(), o.learner, o.coaching).has(Alert::overdue_goal));

        SECTION("achieving it clears the alert") {
            goals.achieve(g, o.learner, day24(6, 2), "done");
            CHECK_FALSE(load_row(o.store(), o.learner, o.mentoring).has(Alert::overdue_goal));
        }
        SECTION("abandoning it clears the alert") {
            goals.abandon(g, o.learner, day24(6, 2), "no longer relevant");
            CHECK_FALSE(load_row(o.store(), o.learner, o.mentoring).has(Alert::overdue_goal));
        }
    }
    SECTION("a draft goal past its due date is not overdue") {
        goals.create(
            measurable_goal(o.mentoring, o.learner, 0, 5, day24(3, 1), default_start(), "draft"));
        auto row = load_row(o.store(), o.learner, o.mentoring);
        CHECK_FALSE(row.has(Alert::overdue_goal));
        CHECK(row.goals->active == 0);
    }
}

TEST_CASE("Meetings: last meeting, days since, meetings held, health and silence",
          "[dashboard][meetings]") {
    World w;
    PersonId mentor = w.person("Mentor", 3);
    PersonId mentee = w.person("Mentee", 1);
    RelationshipId rel = w.active(Model::mentoring, mentor, mentee, "research");
    // A signed agreement with a 14-day cadence: stalled after 28 days of silence.
    w.agreements().set_terms(rel, AgreementTerms{14, {}}, mentor);
    sign_both(w.agreements(), w.rels().get(rel));
    Meetings& meetings = w.store.meetings();
    auto row = [&] {
        return load_row(w.store, mentee, rel, DashboardScope::mine);
    };

    {
        INFO("before any meeting: days since the start, too early");
        w.clock.set_today(day24(1, 17));
        auto r = row();
        CHECK_FALSE(r.last_meeting.has_value());
        CHECK(r.meetings_held == 0);
        CHECK(r.days_since_last_meeting == 2);
        CHECK(r.health == std::optional<Health>{Health::too_early});
        CHECK(r.health == meetings.stats(rel).health);
        CHECK(r.alerts == 0);
    }

    hold(w, rel, day24(1, 18));
    hold(w, rel, day24(2, 1));
    hold(w, rel, day24(2, 15));
    // A planned meeting is not held.
    {
        NewMeeting n;
        n.relationship = rel;
        n.by = mentee;
        n.start = noon(day24(2, 29));
        n.duration_minutes = 60;
        n.setting = Setting::in_person_public;
        n.place = "Canteen";
        meetings.schedule(n);
    }

    SECTION("a healthy relationship has no alert") {
        w.clock.set_today(day24(2, 20));
        auto r = row();
        CHECK(r.last_meeting == std::optional<Date>{day24(2, 15)});
        CHECK(r.days_since_last_meeting == 5);
        CHECK(r.meetings_held == 3);
        CHECK(r.health == std::optional<Health>{Health::on_track});
        CHECK(r.health == meetings.stats(rel).health);
        CHECK(r.agreement == AgreementSummary::in_force);
        CHECK(r.open_misunderstandings == 0);
        CHECK(r.alerts == 0);
        for (Alert a : {Alert::silent_too_long, Alert::unsigned_agreement, Alert::overdue_goal,
                        Alert::open_misunderstanding})
            CHECK_FALSE(r.has(a));
    }
    SECTION("over 1.25 cadences of silence: needs a check-in, not yet silent") {
        w.clock.set_today(day24(3, 4)); // 18 days
        auto r = row();
        CHECK(r.days_since_last_meeting == 18);
        CHECK(r.health == std::optional<Health>{Health::needs_check_in});
        CHECK(r.health == meetings.stats(rel).health);
        CHECK_FALSE(r.has(Alert::silent_too_long));
    }
    SECTION("exactly twice the cadence is not yet stalled") {
        w.clock.set_today(day24(3, 14)); // 28 days
        auto r = row();
        CHECK(r.health == meetings.stats(rel).health);
        CHECK(r.health != std::optional<Health>{Health::stalled});
        CHECK_FALSE(r.has(Alert::silent_too_long));
    }
    SECTION("past twice the cadence with no meeting held: stalled and silent_too_long") {
        w.clock.set_today(day24(3, 15)); // 29 days
        auto r = row();
        CHECK(r.days_since_last_meeting == 29);
        CHECK(r.meetings_held == 3);
        CHECK(r.health == std::optional<Health>{Health::stalled});
        CHECK(r.health == meetings.stats(rel).health);
        CHECK(r.has(Alert::silent_too_long));
        CHECK(r.alerts == static_cast<std::uint8_t>(Alert::silent_too_long));
        CHECK(w.has_warning(rel, WarningCode::silent_too_long));

        SECTION("a held meeting ends the silence") {
            hold(w, rel, day24(3, 20));
            auto after = row();
            CHECK(after.last_meeting == std::optional<Date>{day24(3, 20)});
            CHECK(after.days_since_last_meeting == 0);
            CHECK(after.meetings_held == 4);
            CHECK(after.health == meetings.stats(rel).health);
            CHECK_FALSE(after.has(Alert::silent_too_long));
        }
        SECTION("a paused relationship has no health and is not silent") {
            w.rels().pause(rel, mentee, day24(3, 15), "exams");
            auto paused = row();
            CHECK_FALSE(paused.health.has_value());
            CHECK_FALSE(paused.has(Alert::silent_too_long));
            CHECK(paused.meetings_held == 3);
        }
    }
}

TEST_CASE("The next office hour is the earliest bookable occurrence of a serving slot",
          "[dashboard][office_hours]") {
    Org o;
    const Date thursday = day24(2, 1); // a Thursday; the clock stands at its noon
    o.w.clock.set_today(thursday);
    OfficeHours& oh = o.store().office_hours();
    // Thursdays 16:00 for the learner (one seat), Thursdays 09:00 for the other mentee (two).
    OfficeHoursId slot =
        oh.create(weekly_utc(o.mentor, std::chrono::Thursday, 16, thursday, {o.mentoring}, 1));
    oh.create(weekly_utc(o.mentor, std::chrono::Thursday, 9, thursday, {o.other_rel}, 2));
    // The coach's Mondays begin beyond the horizon.
    const Date beyond = thursday + days(kDashboardOfficeHoursDays + 7);
    oh.create(weekly_utc(o.coach, std::chrono::Monday, 10, beyond, {o.coaching}, 1));

    SECTION("later today counts; earlier today is past") {
        auto rows = o.load(o.stranger, DashboardScope::all);
        CHECK(row_of(rows, o.mentoring).next_office_hour ==
              std::optional<Timestamp>{utc(thursday, 16)});
        CHECK(row_of(rows, o.other_rel).next_office_hour ==
              std::optional<Timestamp>{utc(day24(2, 8), 9)});
        CHECK_FALSE(row_of(rows, o.coaching).next_office_hour.has_value());
        CHECK_FALSE(row_of(rows, o.proposal).next_office_hour.has_value());
    }
    SECTION("a full occurrence is skipped") {
        oh.book(slot, thursday, o.mentoring, o.learner);
        CHECK(load_row(o.store(), o.learner, o.mentoring).next_office_hour ==
              std::optional<Timestamp>{utc(day24(2, 8), 16)});
        SECTION("booking the next one moves on again") {
            oh.book(slot, day24(2, 8), o.mentoring, o.learner);
            CHECK(load_row(o.store(), o.learner, o.mentoring).next_office_hour ==
                  std::optional<Timestamp>{utc(day24(2, 15), 16)});
        }
    }
    SECTION("a skipped occurrence is not next") {
        oh.skip(slot, thursday, o.mentor);
        CHECK(load_row(o.store(), o.mentor, o.mentoring).next_office_hour ==
              std::optional<Timestamp>{utc(day24(2, 8), 16)});
    }
    SECTION("the earliest of several serving slots wins, even a moved occurrence") {
        OfficeHoursId tuesday = oh.create(weekly_utc(o.mentor, std::chrono::Tuesday, 8,
                                                     day24(2, 10), {o.mentoring, o.other_rel}, 1));
        oh.skip(slot, thursday, o.mentor);
        // Thursday 8 Feb 16:00 beats Tuesday 13 Feb 08:00 for the learner; the other mentee's
        // Thursday 8 Feb 09:00 stays first.
        auto rows = o.load(o.mentor);
        CHECK(row_of(rows, o.mentoring).next_office_hour ==
              std::optional<Timestamp>{utc(day24(2, 8), 16)});
        CHECK(row_of(rows, o.other_rel).next_office_hour ==
              std::optional<Timestamp>{utc(day24(2, 8), 9)});
        // Moving Tuesday 13 Feb to Monday 5 Feb makes it the first for both.
        oh.move(tuesday, day24(2, 13), utc(day24(2, 5), 8), o.mentor);
        rows = o.load(o.mentor);
        CHECK(row_of(rows, o.mentoring).next_office_hour ==
              std::optional<Timestamp>{utc(day24(2, 5), 8)});
        CHECK(row_of(rows, o.other_rel).next_office_hour ==
              std::optional<Timestamp>{utc(day24(2, 5), 8)});
    }
    SECTION("an occurrence the relationship already booked is not bookable by it again") {
        // Thursdays 13:00, two seats, for both mentees of the mentor.
        OfficeHoursId shared = oh.create(weekly_utc(o.mentor, std::chrono::Thursday, 13, thursday,
                                                    {o.mentoring, o.other_rel}, 2));
        oh.skip(slot, thursday, o.mentor);
        oh.book(shared, thursday, o.mentoring, o.learner);
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      oh.book(shared, thursday, o.mentoring, o.learner));
        auto rows = o.load(o.mentor);
        // One seat is left, but only for the other mentee.
        CHECK(row_of(rows, o.other_rel).next_office_hour ==
              std::optional<Timestamp>{utc(thursday, 13)});
        CHECK(row_of(rows, o.mentoring).next_office_hour ==
              std::optional<Timestamp>{utc(day24(2, 8), 13)});
    }
    SECTION("an occurrence starting right now has started") {
        OfficeHoursId at_noon =
            oh.create(weekly_utc(o.coach, std::chrono::Thursday, 12, thursday, {o.coaching}, 1));
        REQUIRE(o.w.clock.now() == utc(thursday, 12));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      oh.book(at_noon, thursday, o.coaching, o.learner));
        CHECK(load_row(o.store(), o.coach, o.coaching).next_office_hour ==
              std::optional<Timestamp>{utc(day24(2, 8), 12)});
    }
    SECTION("a relationship that is not active books nothing") {
        o.w.rels().pause(o.mentoring, o.learner, thursday, "exams");
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      oh.book(slot, day24(2, 8), o.mentoring, o.learner));
        auto rows = o.load(o.mentor);
        CHECK_FALSE(row_of(rows, o.mentoring).next_office_hour.has_value());
        CHECK(row_of(rows, o.other_rel).next_office_hour.has_value());
        o.w.rels().resume(o.mentoring, o.learner, thursday);
        CHECK(load_row(o.store(), o.mentor, o.mentoring).next_office_hour ==
              std::optional<Timestamp>{utc(thursday, 16)});
    }
    SECTION("an occurrence within the horizon counts") {
        o.w.clock.set_today(beyond - days(kDashboardOfficeHoursDays - 3));
        auto row = load_row(o.store(), o.coach, o.coaching);
        CHECK(row.next_office_hour == std::optional<Timestamp>{utc(beyond, 10)});
    }
}

TEST_CASE("An unknown acting person is refused", "[dashboard]") {
    Org o;
    auto audit = o.w.audit().total();
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, load_dashboard(o.store(), PersonId{9999}));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  load_dashboard(o.store(), PersonId{9999}, DashboardScope::all));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, load_dashboard(o.store(), PersonId{0}));
    CHECK(o.w.audit().total() == audit);
}

TEST_CASE("Agreement summaries and alerts have stable names", "[dashboard]") {
    CHECK(to_string(AgreementSummary::draft) == "draft");
    CHECK(to_string(AgreementSummary::awaiting_signature) == "awaiting_signature");
    CHECK(to_string(AgreementSummary::in_force) == "in_force");
    CHECK(to_string(AgreementSummary::amendment_pending) == "amendment_pending");
    CHECK(to_string(Alert::silent_too_long) == "silent_too_long");
    CHECK(to_string(Alert::unsigned_agreement) == "unsigned_agreement");
    CHECK(to_string(Alert::overdue_goal) == "overdue_goal");
    CHECK(to_string(Alert::open_misunderstanding) == "open_misunderstanding");
    // The bits are distinct, so has() tells every alert apart.
    DashboardRow row;
    row.alerts = static_cast<std::uint8_t>(Alert::overdue_goal);
    CHECK(row.has(Alert::overdue_goal));
    CHECK_FALSE(row.has(Alert::silent_too_long));
    CHECK_FALSE(row.has(Alert::unsigned_agreement));
    CHECK_FALSE(row.has(Alert::open_misunderstanding));
}

TEST_CASE("Loading the dashboard writes nothing", "[dashboard]") {
    Org o;
    hold(o.w, o.coaching, day24(1, 25));
    o.w.clock.set_today(day24(2, 1));
    measured_goal(o.goals(), o.mentoring, o.learner, day24(1, 31), {{day24(1, 20), 10}}, "late");
    o.agreements().raise_misunderstanding(o.mentoring, o.learner, day24(2, 1), "cadence");
    o.store().office_hours().create(
        weekly_utc(o.mentor, std::chrono::Thursday, 16, day24(2, 1), {o.mentoring}, 1));

    const auto audit = o.w.audit().total();
    auto first = o.load(o.learner);
    for (PersonId who : {o.learner, o.mentor, o.coach, o.other, o.stranger, o.boss}) {
        o.load(who);
        o.load(who, DashboardScope::all);
    }
    CHECK(o.w.audit().total() == audit);
    // And it reads the same the second time.
    auto again = o.load(o.learner);
    REQUIRE(again.size() == first.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(again[i].id == first[i].id);
        CHECK(again[i].alerts == first[i].alerts);
        CHECK(again[i].meetings_held == first[i].meetings_held);
        CHECK(again[i].next_office_hour == first[i].next_office_hour);
        CHECK(again[i].goals.has_value() == first[i].goals.has_value());
    }
    CHECK(row_of(first, o.mentoring).has(Alert::overdue_goal));
    CHECK(row_of(first, o.mentoring).has(Alert::open_misunderstanding));
    CHECK(row_of(first, o.coaching).meetings_held == 1);
}
