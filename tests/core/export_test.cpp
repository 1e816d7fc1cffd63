// Columnar export: the tables the Python package hands to NumPy.

#include "fixtures.hpp"

#include <mentorkit/export.hpp>

#include <cmath>

using namespace mentorkit;
using namespace mk_test;

TEST_CASE("An empty store exports empty tables", "[export]") {
    Store store = Store::open_memory();
    CHECK(export_people(store).size() == 0);
    CHECK(export_expertise(store).size() == 0);
    CHECK(export_relationships(store).size() == 0);
}

TEST_CASE("People export one row per person with encoded missing values", "[export]") {
    Trio t;
    PersonId report = t.w.person("Report", 0, {{"social media", 5}, {"art", 2}}, t.senior);
    t.w.people().set_contact(t.junior, std::string("junior@example.org"), std::nullopt);

    PeopleColumns p = export_people(t.w.store);
    REQUIRE(p.size() == 4);
    CHECK(p.name.size() == 4);
    CHECK(p.created_at.size() == 4);
    CHECK(p.id ==
          std::vector<std::int64_t>{raw(t.senior), raw(t.junior), raw(t.coordinator), raw(report)});
    CHECK(p.name[3] == "Report");
    CHECK(p.level == std::vector<std::int64_t>{3, 1, 5, 0});
    CHECK(p.supervisor == std::vector<std::int64_t>{no_id, no_id, no_id, raw(t.senior)});
    CHECK(p.email[1] == std::optional<std::string>("junior@example.org"));
    CHECK_FALSE(p.email[0].has_value());
    CHECK(p.expertise_areas == std::vector<std::int64_t>{1, 1, 0, 2});
    CHECK(p.created_at[0] == t.w.clock.now().time_since_epoch().count());

    ExpertiseColumns e = export_expertise(t.w.store);
    REQUIRE(e.size() == 4);
    CHECK(e.person ==
          std::vector<std::int64_t>{raw(t.senior), raw(t.junior), raw(report), raw(report)});
    CHECK(e.area == std::vector<std::string>{"research", "research", "art", "social media"});
    CHECK(e.level == std::vector<std::int64_t>{4, 1, 2, 5});
}

TEST_CASE("Relationships export codes, days and flags", "[export]") {
    Trio t;
    RelationshipId mentoring = t.w.active(Model::mentoring, t.senior, t.junior);
    NewRelationship req = t.w.request(Model::coaching, t.coordinator, t.junior, "writing");
    req.formality = Formality::formal;
    req.end = make_date(2024, 9, 30);
    RelationshipId coaching = t.w.rels().propose(req);
    t.w.rels().decline(coaching, t.junior, make_date(2024, 1, 12), "no time");

    RelationshipColumns r = export_relationships(t.w.store);
    REQUIRE(r.size() == 2);
    CHECK(r.focus.size() == 2);
    CHECK(r.id == std::vector<std::int64_t>{raw(mentoring), raw(coaching)});
    CHECK(r.model == std::vector<std::int8_t>{static_cast<std::int8_t>(Model::mentoring),
                                              static_cast<std::int8_t>(Model::coaching)});
    CHECK(r.style[0] == static_cast<std::int8_t>(Style::traditional));
    CHECK(r.style[1] == no_code);
    CHECK(r.status[1] == static_cast<std::int8_t>(Status::declined));
    CHECK(r.formality[1] == static_cast<std::int8_t>(Formality::formal));
    CHECK(r.start[0] == day_number(default_start()));
    CHECK(r.end[0] == no_day);
    CHECK(r.end[1] == day_number(make_date(2024, 9, 30)));
    CHECK(r.ended_on[0] == no_day);
    CHECK(r.ended_on[1] == day_number(make_date(2024, 1, 12)));
    CHECK(r.ended_by == std::vector<std::int64_t>{no_id, raw(t.junior)});
    CHECK(r.end_reason[1] == std::optional<std::string>("no time"));
    CHECK(r.guide_accepted == std::vector<std::uint8_t>{1, 1});
    CHECK(r.learner_accepted == std::vector<std::uint8_t>{1, 0});
    CHECK(r.proposed_on[0] == day_number(default_today()));
    CHECK(day_number(make_date(1970, 1, 2)) == 1);

    SECTION("the filter is the one of Relationships::list") {
        RelationshipFilter open;
        open.open_only = true;
        RelationshipColumns o = export_relationships(t.w.store, open);
        CHECK(o.id == std::vector<std::int64_t>{raw(mentoring)});
    }
}

TEST_CASE("Exporting from a closed store is refused", "[export]") {
    Store store = Store::open_memory();
    store.close();
    REQUIRE_ERROR(StorageError, ErrorCode::closed, export_people(store));
    REQUIRE_ERROR(StorageError, ErrorCode::closed, export_relationships(store));
}

TEST_CASE("The demo program exports consistent tables", "[export][demo]") {
    Store store = Store::open_memory();
    populate_demo(store, make_date(2026, 11, 24));
    PeopleColumns p = export_people(store);
    RelationshipColumns r = export_relationships(store);
    CHECK(p.size() == static_cast<std::size_t>(store.people().count()));
    CHECK(r.size() == store.relationships().list().size());
    for (std::size_t i = 0; i < r.size(); ++i) {
        CHECK(r.guide[i] != r.learner[i]);
        CHECK(r.guide[i] >= 1);
    }
}

TEST_CASE("Goals, check-ins and reviews export codes, days and missing values", "[export][goals]") {
    Duo d(Model::mentoring);
    GoalId measurable = d.active_measurable(0, 10, day24(3, 4), "Papers");
    GoalId open = d.goals().create(open_goal(d.rel, d.learner, {}, default_start(), "Open"));
    d.goals().add_milestone(measurable, "Outline", std::nullopt, d.learner);
    CheckInId first = d.goals().check_in(measurable, d.learner, day24(1, 22), 2.0, "private");
    CheckInId second = d.goals().check_in(measurable, d.learner, day24(2, 5), 4.0);
    CheckInId fixed = d.goals().correct(second, d.guide, 5.0, "");

    GoalColumns g = export_goals(d.w.store);
    REQUIRE(g.size() == 2);
    CHECK(g.title.size() == 2);
    CHECK(g.milestones_done.size() == 2);
    CHECK(g.id == std::vector<std::int64_t>{raw(measurable), raw(open)});
    CHECK(g.kind == std::vector<std::int8_t>{static_cast<std::int8_t>(GoalKind::measurable),
                                             static_cast<std::int8_t>(GoalKind::open_ended)});
    CHECK(g.status == std::vector<std::int8_t>{static_cast<std::int8_t>(GoalStatus::active),
                                               static_cast<std::int8_t>(GoalStatus::draft)});
    CHECK(g.function[1] == static_cast<std::int8_t>(GoalFunction::career_guidance));
    CHECK(g.metric[0] == std::optional<std::string>("papers submitted"));
    CHECK_FALSE(g.metric[1].has_value());
    CHECK(g.target[0] == 10.0);
    CHECK(std::isnan(g.baseline[1]));
    CHECK(g.due == std::vector<std::int64_t>{day_number(day24(3, 4)), no_day});
    CHECK(g.activated_on[1] == no_day);
    CHECK(g.milestones_total == std::vector<std::int64_t>{1, 0});

    CheckInColumns c = export_check_ins(d.w.store);
    REQUIRE(c.size() == 3);
    CHECK(c.recorded_at.size() == 3);
    CHECK(c.id == std::vector<std::int64_t>{raw(first), raw(second), raw(fixed)});
    CHECK(c.value == std::vector<double>{2.0, 4.0, 5.0});
    CHECK(c.has_note == std::vector<std::uint8_t>{1, 0, 0});
    CHECK(c.effective == std::vector<std::uint8_t>{1, 0, 1});
    CHECK(c.supersedes == std::vector<std::int64_t>{no_id, no_id, raw(second)});
    CHECK(c.superseded_by == std::vector<std::int64_t>{no_id, raw(fixed), no_id});
    CHECK(c.on[2] == day_number(day24(2, 5)));
    CHECK(c.relationship == std::vector<std::int64_t>(3, raw(d.rel)));

    GoalReviewColumns r = export_goal_reviews(d.w.store, day24(2, 6));
    REQUIRE(r.size() == 2);
    CHECK(r.overdue.size() == 2);
    std::vector<GoalReview> reviews = d.goals().review_all(day24(2, 6));
    for (std::size_t i = 0; i < r.size(); ++i) {
        CHECK(r.goal[i] == raw(reviews[i].goal));
        CHECK(r.relationship[i] == raw(d.rel));
        CHECK(r.check_ins[i] == reviews[i].check_ins);
        CHECK(r.forecast[i] ==
              (reviews[i].forecast ? static_cast<std::int8_t>(*reviews[i].forecast) : no_code));
    }
    CHECK(r.progress[0] == Approx(0.5));
    CHECK(std::isnan(r.progress[1]));
    CHECK(r.latest_on[1] == no_day);
}

TEST_CASE("Meetings and meeting stats export without private content", "[export][meetings]") {
    Duo d(Model::mentoring);
    Meetings& meetings = d.w.store.meetings();
    NewMeeting req;
    req.relationship = d.rel;
    req.by = d.learner;
    req.start = time_on(day24(2, 1), 9);
    req.link = "https://meet.example/private";
    MeetingId held = meetings.schedule(req);
    req.start = time_on(day24(2, 8), 9);
    req.duration_minutes = 45;
    req.setting = Setting::in_person_private;
    req.link.clear();
    req.place = "Room 12";
    MeetingId cancelled = meetings.schedule(req);
    meetings.add_agenda_item(held, "Confidential", d.learner);
    meetings.mark_held(held, d.guide);
    meetings.rate(held, d.learner, 1, "secret comment");
    meetings.cancel(cancelled, d.guide, time_on(day24(2, 7), 9));

    MeetingColumns m = export_meetings(d.w.store);
    REQUIRE(m.size() == 2);
    CHECK(m.status.size() == 2);
    CHECK(m.id == std::vector<std::int64_t>{raw(held), raw(cancelled)});
    CHECK(m.relationship == std::vector<std::int64_t>(2, raw(d.rel)));
    CHECK(m.start[0] == time_on(day24(2, 1), 9).time_since_epoch().count());
    CHECK(m.duration_minutes == std::vector<std::int64_t>{30, 45});
    CHECK(m.setting ==
          std::vector<std::int8_t>{static_cast<std::int8_t>(Setting::virtual_),
                                   static_cast<std::int8_t>(Setting::in_person_private)});
    CHECK(m.status == std::vector<std::int8_t>{static_cast<std::int8_t>(MeetingStatus::held),
                                               static_cast<std::int8_t>(MeetingStatus::cancelled)});

    MeetingStatsColumns s = export_meeting_stats(d.w.store);
    std::vector<MeetingStats> all = meetings.all_stats();
    REQUIRE(s.size() == all.size());
    CHECK(s.health.size() == all.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        CHECK(s.relationship[i] == raw(all[i].relationship));
        CHECK(s.planned[i] == all[i].planned);
        CHECK(s.held[i] == all[i].held);
        CHECK(s.cancelled_by_guide[i] == all[i].cancelled_by_guide);
        CHECK(s.held_first_90_days[i] == all[i].held_first_90_days);
        CHECK(s.days_since_last_held[i] == all[i].days_since_last_held);
        CHECK(s.health[i] == (all[i].health ? static_cast<std::int8_t>(*all[i].health) : no_code));
    }
    CHECK(s.planned[0] == 2);
    CHECK(s.last_held[0] == day_number(day24(2, 1)));
}

TEST_CASE("The new tables are empty on an empty store and refused once closed",
          "[export][goals][meetings]") {
    Store store = Store::open_memory();
    CHECK(export_goals(store).size() == 0);
    CHECK(export_check_ins(store).size() == 0);
    CHECK(export_goal_reviews(store).size() == 0);
    CHECK(export_meetings(store).size() == 0);
    CHECK(export_meeting_stats(store).size() == 0);
    store.close();
    REQUIRE_ERROR(StorageError, ErrorCode::closed, export_goals(store));
    REQUIRE_ERROR(StorageError, ErrorCode::closed, export_check_ins(store));
    REQUIRE_ERROR(StorageError, ErrorCode::closed, export_goal_reviews(store));
    REQUIRE_ERROR(StorageError, ErrorCode::closed, export_meetings(store));
    REQUIRE_ERROR(StorageError, ErrorCode::closed, export_meeting_stats(store));
}
