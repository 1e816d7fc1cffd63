// Goals: creation under each model's owner rule, validation, kinds, the status lifecycle,
// updates, milestones, check-ins and corrections, reviews and forecasts on hand-made histories,
// periodic reviews, and the goal-related warnings.
//
// Dates: relationships start on Monday 2024-01-15 (default_start()); goals of the Duo fixture
// are created and activated that day, and the clock stands on 2024-06-01 unless a test moves it.

#include "fixtures.hpp"
#include "raw_sqlite.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

using namespace mentorkit;
using namespace mk_test;

namespace {

/// Records one valued check-in per week from `first` on.
void weekly(Goals& goals, GoalId goal, PersonId by, Date first, const std::vector<double>& values) {
    Date on = first;
    for (double v : values) {
        goals.check_in(goal, by, on, v);
        on += std::chrono::days(7);
    }
}

std::vector<GoalId> ids_of(const std::vector<Goal>& goals) {
    std::vector<GoalId> out;
    for (const auto& g : goals)
        out.push_back(g.id);
    return out;
}

const GoalReviewRecord::Line* line_of(const GoalReviewRecord& record, GoalId goal) {
    for (const auto& l : record.lines)
        if (l.goal == goal)
            return &l;
    return nullptr;
}

void check_same_optional(const std::optional<double>& a, const std::optional<double>& b) {
    REQUIRE(a.has_value() == b.has_value());
    if (a)
        CHECK(*a == Approx(*b));
}

/// Two reviews of the same goal agree on every field.
void check_same_review(const GoalReview& a, const GoalReview& b) {
    INFO("goal " << raw(a.goal));
    CHECK(a.goal == b.goal);
    CHECK(a.kind == b.kind);
    CHECK(a.status == b.status);
    CHECK(a.check_ins == b.check_ins);
    check_same_optional(a.latest_value, b.latest_value);
    CHECK(a.latest_on == b.latest_on);
    check_same_optional(a.progress, b.progress);
    check_same_optional(a.trend_per_week, b.trend_per_week);
    check_same_optional(a.projected, b.projected);
    check_same_optional(a.projected_progress, b.projected_progress);
    CHECK(a.forecast == b.forecast);
    CHECK(a.milestones_done == b.milestones_done);
    CHECK(a.milestones_total == b.milestones_total);
    CHECK(a.overdue == b.overdue);
}

ReviewItem item(GoalId goal, ReviewDecision decision, const std::string& reason = {}) {
    ReviewItem i;
    i.goal = goal;
    i.decision = decision;
    i.reason = reason;
    return i;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Creation and the owner rule

TEST_CASE("Goal enums have lower-case names", "[goals][names]") {
    CHECK(to_string(GoalKind::open_ended) == "open_ended");
    CHECK(to_string(GoalKind::measurable) == "measurable");
    CHECK(to_string(GoalFunction::career_guidance) == "career_guidance");
    CHECK(to_string(GoalFunction::psychosocial_support) == "psychosocial_support");
    CHECK(to_string(GoalFunction::role_modelling) == "role_modelling");
    CHECK(to_string(GoalStatus::abandoned) == "abandoned");
    CHECK(to_string(Forecast::at_risk) == "at_risk");
    CHECK(to_string(Forecast::too_early) == "too_early");
    CHECK(to_string(ReviewDecision::changed) == "changed");
    CHECK(Measure{"weight", "kg", 100, 80}.decreasing());
    CHECK_FALSE(Measure{"papers", "", 0, 10}.decreasing());
}

TEST_CASE("In mentoring only the mentee creates goals", "[goals][create][owner]") {
    Duo p(Model::mentoring);
    auto& goals = p.goals();
    auto audit = p.w.audit().total();

    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  goals.create(measurable_goal(p.rel, p.guide, 0, 10)));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                  goals.create(measurable_goal(p.rel, p.outsider, 0, 10)));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                  goals.create(open_goal(p.rel, PersonId{9999})));
    CHECK(goals.list(p.rel, p.learner).empty());
    CHECK(p.w.audit().total() == audit);

    auto rel = p.w.rels().get(p.rel);
    CHECK(goals.is_owner(rel, p.learner));
    CHECK_FALSE(goals.is_owner(rel, p.guide));
    CHECK_FALSE(goals.is_owner(rel, p.outsider));

    auto request = measurable_goal(p.rel, p.learner, 2, 10, day24(12, 31));
    request.title = "Submit papers";
    request.function = GoalFunction::sponsorship;
    auto id = goals.create(request);
    auto g = goals.get(id, p.learner);
    CHECK(g.id == id);
    CHECK(g.relationship == p.rel);
    CHECK(g.learner == p.learner);
    CHECK(g.title == "Submit papers");
    CHECK(g.kind == GoalKind::measurable);
    CHECK(g.function == GoalFunction::sponsorship);
    REQUIRE(g.measure.has_value());
    CHECK(g.measure->metric == "papers submitted");
    CHECK(g.measure->unit == "papers");
    CHECK(g.measure->baseline == 2);
    CHECK(g.measure->target == 10);
    CHECK(g.due == std::optional<Date>(day24(12, 31)));
    CHECK(g.status == GoalStatus::draft);
    CHECK(g.created_by == p.learner);
    CHECK(g.created_on == day24(6, 1)); // today by default
    CHECK_FALSE(g.activated_on.has_value());
    CHECK_FALSE(g.closed_on.has_value());
    CHECK_FALSE(g.close_reason.has_value());
    CHECK(g.milestones.empty());
    CHECK(p.w.audit().total() > audit);
    CHECK(ids_of(goals.list(p.rel, p.learner)) == std::vector<GoalId>{id});
}

TEST_CASE("In coaching goals are co-owned", "[goals][create][owner]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    auto rel = p.w.rels().get(p.rel);
    CHECK(goals.is_owner(rel, p.learner));
    CHECK(goals.is_owner(rel, p.guide));
    CHECK_FALSE(goals.is_owner(rel, p.outsider));

    auto by_coach = goals.create(measurable_goal(p.rel, p.guide, 0, 10, {}, default_start()));
    auto by_coachee = goals.create(open_goal(p.rel, p.learner));
    CHECK(goals.get(by_coach, p.learner).created_by == p.guide);
    CHECK(goals.get(by_coach, p.learner).created_on == default_start());
    CHECK(goals.get(by_coach, p.learner).learner == p.learner);
    CHECK(goals.get(by_coachee, p.learner).created_by == p.learner);
    CHECK(goals.get(by_coachee, p.learner).learner == p.learner);

    auto audit = p.w.audit().total();
    REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                  goals.create(measurable_goal(p.rel, p.outsider, 0, 10)));
    CHECK(goals.list(p.rel, p.learner).size() == 2);
    CHECK(p.w.audit().total() == audit);
}

TEST_CASE("In supervision only the supervisor sets goals", "[goals][create][owner]") {
    Duo p(Model::supervision);
    auto& goals = p.goals();
    auto rel = p.w.rels().get(p.rel);
    CHECK(goals.is_owner(rel, p.guide));
    CHECK_FALSE(goals.is_owner(rel, p.learner));
    CHECK_FALSE(goals.is_owner(rel, p.outsider));

    auto audit = p.w.audit().total();
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  goals.create(measurable_goal(p.rel, p.learner, 0, 10)));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                  goals.create(measurable_goal(p.rel, p.outsider, 0, 10)));
    CHECK(goals.list(p.rel, p.learner).empty());
    CHECK(p.w.audit().total() == audit);

    auto id = goals.create(measurable_goal(p.rel, p.guide, 0, 10));
    CHECK(goals.get(id, p.learner).created_by == p.guide);
    CHECK(goals.get(id, p.learner).learner == p.learner);
}

TEST_CASE("Only an owner changes a goal and both parties record progress",
          "[goals][owner][lifecycle]") {
    SECTION("mentoring: the mentor may not edit, activate, achieve or abandon") {
        Duo p(Model::mentoring);
        auto& goals = p.goals();
        auto g =
            goals.create(measurable_goal(p.rel, p.learner, 0, 10, day24(12, 31), default_start()));
        auto audit = p.w.audit().total();
        GoalChanges c;
        c.title = "Mentor's idea";
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied, goals.update(g, c, p.guide));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      goals.activate(g, p.guide, day24(1, 20)));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      goals.abandon(g, p.guide, day24(1, 20), "not worth it"));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      goals.add_milestone(g, "first draft", std::nullopt, p.guide));
        CHECK(p.w.audit().total() == audit);
        CHECK(goals.get(g, p.learner).status == GoalStatus::draft);
        CHECK(goals.get(g, p.learner).title == "Measurable");

        goals.add_milestone(g, "first draft", std::nullopt, p.learner);
        goals.activate(g, p.learner, day24(1, 20));
        audit = p.w.audit().total();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      goals.achieve(g, p.guide, day24(2, 1), "done"));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      goals.abandon(g, p.guide, day24(2, 1), "stop"));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      goals.achieve(g, p.outsider, day24(2, 1), "done"));
        CHECK(p.w.audit().total() == audit);
        CHECK(goals.get(g, p.learner).status == GoalStatus::active);

        // Both parties record check-ins and complete milestones.
        CHECK_NOTHROW(goals.check_in(g, p.guide, day24(1, 22), 2.0));
        CHECK_NOTHROW(goals.check_in(g, p.learner, day24(1, 29), 3.0));
        CHECK_NOTHROW(goals.complete_milestone(g, 0, p.guide, day24(1, 29)));
        CHECK(goals.check_ins(g, p.learner).size() == 2);
        CHECK(goals.get(g, p.learner).milestones.at(0).done());
    }
    SECTION("supervision: the supervisee may not activate") {
        Duo p(Model::supervision);
        auto& goals = p.goals();
        auto g = goals.create(measurable_goal(p.rel, p.guide, 0, 10, {}, default_start()));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      goals.activate(g, p.learner, day24(1, 20)));
        goals.activate(g, p.guide, day24(1, 20));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      goals.achieve(g, p.learner, day24(2, 1)));
        // The supervisee records progress.
        CHECK_NOTHROW(goals.check_in(g, p.learner, day24(1, 22), 4.0));
        goals.achieve(g, p.guide, day24(2, 1));
        CHECK(goals.get(g, p.learner).status == GoalStatus::achieved);
    }
}

TEST_CASE("Goals of ended or declined relationships are refused", "[goals][create][lifecycle]") {
    Trio t;
    auto& goals = t.w.store.goals();
    t.w.clock.set_today(day24(3, 1));

    SECTION("completed") {
        auto rel = t.w.active(Model::coaching, t.senior, t.junior);
        t.w.rels().complete(rel, t.junior, day24(2, 1), "done");
        auto audit = t.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.create(measurable_goal(rel, t.junior, 0, 10)));
        CHECK(goals.list(rel, t.junior).empty());
        CHECK(t.w.audit().total() == audit);
    }
    SECTION("withdrawn") {
        auto rel = t.w.active(Model::mentoring, t.senior, t.junior);
        t.w.rels().withdraw(rel, t.junior, day24(2, 1), "moving away");
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.create(open_goal(rel, t.junior)));
        CHECK(goals.list(rel, t.junior).empty());
    }
    SECTION("declined") {
        auto rel = t.w.rels().propose(t.w.request(Model::mentoring, t.senior, t.junior));
        t.w.rels().decline(rel, t.junior, day24(1, 12), "not now");
        auto audit = t.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.create(open_goal(rel, t.junior)));
        CHECK(goals.list(rel, t.junior).empty());
        CHECK(t.w.audit().total() == audit);
    }
    SECTION("a proposal may already carry draft goals") {
        t.w.clock.set_today(default_start());
        auto rel = t.w.rels().propose(t.w.request(Model::mentoring, t.senior, t.junior));
        auto g = goals.create(open_goal(rel, t.junior));
        CHECK(goals.get(g, t.junior).status == GoalStatus::draft);
    }
    SECTION("unknown relationships and goals") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      goals.create(open_goal(RelationshipId{999}, t.junior)));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, goals.get(GoalId{999}, t.junior));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      goals.activate(GoalId{999}, t.junior, day24(2, 1)));
    }
}

TEST_CASE("Malformed goals are refused", "[goals][create][validation]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    auto audit = p.w.audit().total();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();

    SECTION("an empty or blank title") {
        auto g = measurable_goal(p.rel, p.learner, 0, 10);
        g.title = "";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, goals.create(g));
        g.title = "  \t ";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, goals.create(g));
        auto o = open_goal(p.rel, p.learner);
        o.title = "";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, goals.create(o));
    }
    SECTION("a target equal to the baseline") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.create(measurable_goal(p.rel, p.learner, 5, 5)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.create(measurable_goal(p.rel, p.learner, 0, 0)));
    }
    SECTION("non-finite numbers") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.create(measurable_goal(p.rel, p.learner, nan, 10)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.create(measurable_goal(p.rel, p.learner, 0, nan)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.create(measurable_goal(p.rel, p.learner, 0, inf)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.create(measurable_goal(p.rel, p.learner, -inf, 10)));
    }
    SECTION("an empty metric") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.create(measurable_goal(p.rel, p.learner, 0, 10, {}, {}, "t", "")));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.create(measurable_goal(p.rel, p.learner, 0, 10, {}, {}, "t", "   ")));
    }
    CHECK(goals.list(p.rel, p.learner).empty());
    CHECK(p.w.audit().total() == audit);
}

TEST_CASE("A relationship holds measurable and open-ended goals at once", "[goals][kinds]") {
    Duo p(Model::mentoring);
    auto& goals = p.goals();
    auto career = goals.create(open_goal(p.rel, p.learner, {}, {}, "Become a group leader"));
    auto skill = measurable_goal(p.rel, p.learner, 0, 4, day24(12, 31), {}, "Give talks", "talks");
    skill.measure->unit = ""; // the unit may be empty
    auto talks = goals.create(skill);
    auto weight = goals.create(measurable_goal(p.rel, p.learner, 100, 80, {}, {}, "Slides"));

    auto list = goals.list(p.rel, p.learner);
    REQUIRE(ids_of(list) == std::vector<GoalId>{career, talks, weight});
    CHECK(list[0].kind == GoalKind::open_ended);
    CHECK_FALSE(list[0].measure.has_value());
    CHECK(list[0].function == GoalFunction::career_guidance);
    CHECK(list[0].title == "Become a group leader");
    CHECK(list[1].kind == GoalKind::measurable);
    REQUIRE(list[1].measure.has_value());
    CHECK(list[1].measure->unit.empty());
    CHECK(list[1].measure->metric == "talks");
    CHECK_FALSE(list[1].measure->decreasing());
    CHECK(list[2].kind == GoalKind::measurable);
    REQUIRE(list[2].measure.has_value());
    CHECK(list[2].measure->decreasing());
    CHECK(list[2].measure->baseline == 100);
    CHECK(list[2].measure->target == 80);

    // Another relationship's goals are not listed.
    auto other = p.w.active(Model::coaching, p.guide, p.learner, "presenting");
    goals.create(measurable_goal(other, p.guide, 0, 1));
    CHECK(goals.list(p.rel, p.learner).size() == 3);
    CHECK(goals.list(other, p.learner).size() == 1);
}

// ---------------------------------------------------------------------------------------------
// Lifecycle and updates

TEST_CASE("Goal status transitions", "[goals][lifecycle]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    auto g = goals.create(measurable_goal(p.rel, p.learner, 0, 10, {}, default_start()));

    SECTION("draft -> active -> achieved") {
        goals.activate(g, p.learner, day24(1, 20));
        auto a = goals.get(g, p.learner);
        CHECK(a.status == GoalStatus::active);
        CHECK(a.activated_on == std::optional<Date>(day24(1, 20)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.activate(g, p.learner, day24(1, 21)));
        goals.achieve(g, p.guide, day24(3, 1), "ten papers out");
        auto done = goals.get(g, p.learner);
        CHECK(done.status == GoalStatus::achieved);
        CHECK(done.closed_on == std::optional<Date>(day24(3, 1)));
        CHECK(done.close_reason == std::optional<std::string>("ten papers out"));
        CHECK(done.activated_on == std::optional<Date>(day24(1, 20)));

        auto audit = p.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.activate(g, p.learner, day24(3, 2)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.achieve(g, p.learner, day24(3, 2), "again"));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.abandon(g, p.learner, day24(3, 2), "changed my mind"));
        CHECK(p.w.audit().total() == audit);
        CHECK(goals.get(g, p.learner).status == GoalStatus::achieved);
        CHECK(goals.get(g, p.learner).closed_on == std::optional<Date>(day24(3, 1)));
    }
    SECTION("achieving needs no reason") {
        goals.activate(g, p.learner, day24(1, 20));
        goals.achieve(g, p.learner, day24(3, 1));
        CHECK(goals.get(g, p.learner).status == GoalStatus::achieved);
    }
    SECTION("a draft cannot be achieved") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.achieve(g, p.learner, day24(3, 1), "skipped ahead"));
        CHECK(goals.get(g, p.learner).status == GoalStatus::draft);
    }
    SECTION("draft -> abandoned") {
        goals.abandon(g, p.learner, day24(1, 20), "no longer relevant");
        auto a = goals.get(g, p.learner);
        CHECK(a.status == GoalStatus::abandoned);
        CHECK(a.closed_on == std::optional<Date>(day24(1, 20)));
        CHECK(a.close_reason == std::optional<std::string>("no longer relevant"));
        CHECK_FALSE(a.activated_on.has_value());
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.activate(g, p.learner, day24(1, 21)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.abandon(g, p.learner, day24(1, 21), "again"));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.achieve(g, p.learner, day24(1, 21)));
    }
    SECTION("active -> abandoned needs a reason") {
        goals.activate(g, p.learner, day24(1, 20));
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.abandon(g, p.learner, day24(2, 1), ""));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.abandon(g, p.learner, day24(2, 1), "   "));
        CHECK(goals.get(g, p.learner).status == GoalStatus::active);
        CHECK(p.w.audit().total() == audit);
        goals.abandon(g, p.guide, day24(2, 1), "the journal closed");
        CHECK(goals.get(g, p.learner).status == GoalStatus::abandoned);
        CHECK(goals.get(g, p.learner).close_reason ==
              std::optional<std::string>("the journal closed"));
    }
}

TEST_CASE("Draft and active goals can be updated", "[goals][update]") {
    Duo p(Model::mentoring);
    auto& goals = p.goals();
    auto request = measurable_goal(p.rel, p.learner, 0, 10, day24(12, 31), default_start());
    request.title = "Submit papers";
    auto g = goals.create(request);

    SECTION("title, function, measure and due date of a draft") {
        GoalChanges c;
        c.title = "Publish papers";
        c.function = GoalFunction::career_guidance;
        c.measure = Measure{"papers published", "papers", 1, 4};
        c.due = std::optional<Date>(day24(9, 30));
        goals.update(g, c, p.learner);
        auto u = goals.get(g, p.learner);
        CHECK(u.title == "Publish papers");
        CHECK(u.function == GoalFunction::career_guidance);
        REQUIRE(u.measure.has_value());
        CHECK(*u.measure == Measure{"papers published", "papers", 1, 4});
        CHECK(u.due == std::optional<Date>(day24(9, 30)));
        CHECK(u.status == GoalStatus::draft);
        CHECK(u.kind == GoalKind::measurable);
    }
    SECTION("empty members stay as they are; the due date can be cleared") {
        GoalChanges c;
        c.title = "Only the title";
        goals.update(g, c, p.learner);
        auto u = goals.get(g, p.learner);
        CHECK(u.title == "Only the title");
        CHECK(*u.measure == Measure{"papers submitted", "papers", 0, 10});
        CHECK(u.due == std::optional<Date>(day24(12, 31)));
        GoalChanges clear;
        clear.due.emplace(); // set to "no due date"
        goals.update(g, clear, p.learner);
        CHECK_FALSE(goals.get(g, p.learner).due.has_value());
        CHECK(goals.get(g, p.learner).title == "Only the title");
    }
    SECTION("an active goal") {
        goals.activate(g, p.learner, day24(1, 20));
        GoalChanges c;
        c.title = "Submit three papers";
        c.measure = Measure{"papers submitted", "papers", 0, 3};
        c.due = std::optional<Date>(day24(10, 1));
        goals.update(g, c, p.learner);
        auto u = goals.get(g, p.learner);
        CHECK(u.title == "Submit three papers");
        CHECK(u.measure->target == 3);
        CHECK(u.due == std::optional<Date>(day24(10, 1)));
        CHECK(u.status == GoalStatus::active);
    }
    SECTION("refused on achieved and abandoned goals") {
        auto other = goals.create(open_goal(p.rel, p.learner, {}, default_start()));
        goals.activate(g, p.learner, day24(1, 20));
        goals.achieve(g, p.learner, day24(3, 1));
        goals.abandon(other, p.learner, day24(3, 1), "merged into the other");
        auto audit = p.w.audit().total();
        GoalChanges c;
        c.title = "Rewritten history";
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, goals.update(g, c, p.learner));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.update(other, c, p.learner));
        CHECK(goals.get(g, p.learner).title == "Submit papers");
        CHECK(goals.get(other, p.learner).title == "Open-ended");
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("a measure on an open-ended goal is refused") {
        auto open = goals.create(open_goal(p.rel, p.learner));
        auto audit = p.w.audit().total();
        GoalChanges c;
        c.measure = Measure{"talks", "", 0, 3};
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.update(open, c, p.learner));
        CHECK(goals.get(open, p.learner).kind == GoalKind::open_ended);
        CHECK_FALSE(goals.get(open, p.learner).measure.has_value());
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("invalid changes are refused and nothing is written") {
        auto audit = p.w.audit().total();
        GoalChanges empty_title;
        empty_title.title = " ";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.update(g, empty_title, p.learner));
        GoalChanges flat;
        flat.measure = Measure{"papers submitted", "papers", 3, 3};
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.update(g, flat, p.learner));
        GoalChanges nan;
        nan.measure = Measure{"papers", "", 0, std::numeric_limits<double>::quiet_NaN()};
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.update(g, nan, p.learner));
        GoalChanges no_metric;
        no_metric.measure = Measure{"", "papers", 0, 3};
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.update(g, no_metric, p.learner));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      goals.update(g, GoalChanges{}, p.outsider));
        CHECK(p.w.audit().total() == audit);
        auto u = goals.get(g, p.learner);
        CHECK(u.title == "Submit papers");
        CHECK(*u.measure == Measure{"papers submitted", "papers", 0, 10});
    }
    SECTION("the audit log keeps the old values") {
        auto audit = p.w.audit().total();
        GoalChanges c;
        c.title = "Brand new title";
        goals.update(g, c, p.learner);
        CHECK(p.w.audit().total() == audit + 1);
        AuditFilter f;
        f.after_id = 0;
        auto entries = p.w.audit().entries(p.learner, f);
        REQUIRE_FALSE(entries.empty());
        const auto& last = entries.back();
        CHECK(last.actor == std::optional<PersonId>(p.learner));
        CHECK(last.entity_id == raw(g));
        CHECK(last.detail.find("Submit papers") != std::string::npos);
    }
}

TEST_CASE("Milestones are ordered steps completed by either party", "[goals][milestones]") {
    Duo p(Model::mentoring);
    auto& goals = p.goals();
    auto g = goals.create(measurable_goal(p.rel, p.learner, 0, 3, {}, default_start()));
    CHECK(goals.add_milestone(g, "Outline", day24(2, 1), p.learner) == 0);
    CHECK(goals.add_milestone(g, "First draft", day24(3, 1), p.learner) == 1);
    CHECK(goals.add_milestone(g, "Submission", std::nullopt, p.learner) == 2);

    auto ms = goals.get(g, p.learner).milestones;
    REQUIRE(ms.size() == 3);
    CHECK(ms[0].title == "Outline");
    CHECK(ms[0].due == std::optional<Date>(day24(2, 1)));
    CHECK(ms[1].title == "First draft");
    CHECK(ms[2].title == "Submission");
    CHECK_FALSE(ms[2].due.has_value());
    for (const auto& m : ms)
        CHECK_FALSE(m.done());

    SECTION("a draft goal's milestones cannot be completed yet") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.complete_milestone(g, 0, p.learner, day24(1, 20)));
        CHECK_FALSE(goals.get(g, p.learner).milestones[0].done());
    }
    SECTION("completed by either party, in any order") {
        goals.activate(g, p.learner, day24(1, 16));
        goals.complete_milestone(g, 1, p.guide, day24(1, 25));
        goals.complete_milestone(g, 0, p.learner, day24(1, 30));
        auto done = goals.get(g, p.learner).milestones;
        CHECK(done[0].done_on == std::optional<Date>(day24(1, 30)));
        CHECK(done[1].done_on == std::optional<Date>(day24(1, 25)));
        CHECK_FALSE(done[2].done());
        CHECK(done[0].title == "Outline"); // order is kept
        // A milestone added later goes to the end.
        CHECK(goals.add_milestone(g, "Revision", std::nullopt, p.learner) == 3);
        CHECK(goals.get(g, p.learner).milestones.back().title == "Revision");
    }
    SECTION("refusals") {
        goals.activate(g, p.learner, day24(1, 16));
        goals.complete_milestone(g, 0, p.learner, day24(1, 20));
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.complete_milestone(g, 3, p.learner, day24(1, 20)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.complete_milestone(g, 1000, p.learner, day24(1, 20)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.complete_milestone(g, 0, p.guide, day24(1, 21)));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      goals.complete_milestone(g, 1, p.outsider, day24(1, 21)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.add_milestone(g, "  ", std::nullopt, p.learner));
        CHECK(p.w.audit().total() == audit);
        auto ms2 = goals.get(g, p.learner).milestones;
        REQUIRE(ms2.size() == 3);
        CHECK(ms2[0].done_on == std::optional<Date>(day24(1, 20)));
        CHECK_FALSE(ms2[1].done());
    }
    SECTION("no new milestones on achieved goals") {
        goals.activate(g, p.learner, day24(1, 16));
        goals.achieve(g, p.learner, day24(2, 1));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.add_milestone(g, "Late idea", std::nullopt, p.learner));
        CHECK(goals.get(g, p.learner).milestones.size() == 3);
    }
}

// ---------------------------------------------------------------------------------------------
// Check-ins

TEST_CASE("Check-ins record a value and/or a note", "[goals][checkins]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    auto g = p.active_measurable(0, 10);
    auto open = p.active_open();

    SECTION("value, note, or both") {
        auto a = goals.check_in(g, p.learner, day24(1, 22), 3.0);
        auto b = goals.check_in(g, p.guide, day24(1, 29), std::nullopt, "slow week");
        auto c = goals.check_in(g, p.learner, day24(2, 5), 5.5, "two drafts done");
        auto list = goals.check_ins(g, p.learner);
        REQUIRE(list.size() == 3);
        CHECK(list[0].id == a);
        CHECK(list[0].goal == g);
        CHECK(list[0].on == day24(1, 22));
        CHECK(list[0].value == std::optional<double>(3.0));
        CHECK((!list[0].note || list[0].note->empty()));
        CHECK(list[0].by == p.learner);
        CHECK_FALSE(list[0].supersedes.has_value());
        CHECK_FALSE(list[0].superseded_by.has_value());
        CHECK(list[0].effective());
        CHECK(list[0].recorded_at == p.w.clock.now());
        CHECK(list[1].id == b);
        CHECK_FALSE(list[1].value.has_value());
        CHECK(list[1].note == std::optional<std::string>("slow week"));
        CHECK(list[1].by == p.guide);
        CHECK(list[2].id == c);
        CHECK(list[2].value == std::optional<double>(5.5));
        CHECK(list[2].note == std::optional<std::string>("two drafts done"));
    }
    SECTION("the audit log records the value as it always has, never the note") {
        const double values[] = {74.0,           0.1,        -2.5,      1e15,
                                 -999999999.125, 123456.789, 1.0 / 3.0, 5e-7};
        std::vector<CheckInId> ids;
        for (double v : values)
            ids.push_back(goals.check_in(g, p.learner, day24(1, 22), v, "private words"));
        for (std::size_t i = 0; i < ids.size(); ++i) {
            AuditFilter f;
            f.entity = "checkin";
            f.entity_id = raw(ids[i]);
            auto entries = p.w.audit().entries(p.learner, f);
            REQUIRE(entries.size() == 1);
            INFO(entries[0].detail);
            CHECK(entries[0].detail.find("\"value\":\"" + std::to_string(values[i]) + "\"") !=
                  std::string::npos);
            CHECK(entries[0].detail.find("private") == std::string::npos);
        }
    }
    SECTION("listed oldest day first") {
        auto late = goals.check_in(g, p.learner, day24(2, 5), 4.0);
        auto early = goals.check_in(g, p.learner, day24(1, 22), 2.0);
        auto list = goals.check_ins(g, p.learner);
        REQUIRE(list.size() == 2);
        CHECK(list[0].id == early);
        CHECK(list[1].id == late);
    }
    SECTION("on the relationship's first day and today are fine") {
        CHECK_NOTHROW(goals.check_in(g, p.learner, default_start(), 0.0));
        CHECK_NOTHROW(goals.check_in(g, p.learner, day24(6, 1), 1.0));
        CHECK(goals.check_ins(g, p.learner).size() == 2);
    }
    SECTION("an open-ended goal takes notes only") {
        goals.check_in(open, p.learner, day24(1, 22), std::nullopt, "talked to my manager");
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.check_in(open, p.learner, day24(1, 29), 3.0, "with a value"));
        CHECK(goals.check_ins(open, p.learner).size() == 1);
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("refusals write nothing") {
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.check_in(g, p.learner, day24(1, 22), std::nullopt));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.check_in(g, p.learner, day24(1, 22), std::nullopt, ""));
        REQUIRE_ERROR(
            InvalidArgument, ErrorCode::invalid_argument,
            goals.check_in(g, p.learner, day24(1, 22), std::numeric_limits<double>::quiet_NaN()));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      goals.check_in(g, p.learner, day24(1, 14), 1.0));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      goals.check_in(g, p.learner, day24(6, 2), 1.0));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      goals.check_in(g, p.outsider, day24(1, 22), 1.0));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      goals.check_in(g, PersonId{9999}, day24(1, 22), 1.0));
        CHECK(goals.check_ins(g, p.learner).empty());
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("draft, achieved and abandoned goals take no check-ins") {
        auto draft = goals.create(measurable_goal(p.rel, p.learner, 0, 5, {}, default_start()));
        auto achieved = p.active_measurable(0, 5, {}, "achieved");
        goals.achieve(achieved, p.learner, day24(2, 1));
        auto abandoned = p.active_measurable(0, 5, {}, "abandoned");
        goals.abandon(abandoned, p.learner, day24(2, 1), "wrong goal");
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.check_in(draft, p.learner, day24(2, 2), 1.0));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.check_in(achieved, p.learner, day24(2, 2), 1.0));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.check_in(abandoned, p.learner, day24(2, 2), std::nullopt, "note"));
        CHECK(goals.check_ins(draft, p.learner).empty());
        CHECK(goals.check_ins(achieved, p.learner).empty());
        CHECK(goals.check_ins(abandoned, p.learner).empty());
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("nothing dated after the relationship ended") {
        p.w.rels().complete(p.rel, p.learner, day24(3, 1), "done");
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      goals.check_in(g, p.learner, day24(3, 2), 9.0));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      goals.check_in(g, p.guide, day24(5, 1), std::nullopt, "late"));
        CHECK(goals.check_ins(g, p.learner).empty());
        CHECK(p.w.audit().total() == audit);
        // Progress made while it lasted may still be recorded afterwards.
        CHECK_NOTHROW(goals.check_in(g, p.learner, day24(2, 20), 8.0));
        CHECK(goals.check_ins(g, p.learner).size() == 1);
    }
}

TEST_CASE("Check-ins are corrected by appending, never edited", "[goals][checkins][correct]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    auto g = p.active_measurable(0, 10);
    goals.check_in(g, p.learner, day24(1, 15), 0.0);
    auto typo = goals.check_in(g, p.learner, day24(1, 22), 30.0, "typo");

    auto fix = goals.correct(typo, p.guide, 3.0, "corrected: three, not thirty");
    auto list = goals.check_ins(g, p.learner);
    REQUIRE(list.size() == 3);
    auto find = [&](CheckInId id) {
        auto it =
            std::find_if(list.begin(), list.end(), [&](const CheckIn& c) { return c.id == id; });
        REQUIRE(it != list.end());
        return *it;
    };
    auto original = find(typo);
    auto correction = find(fix);
    CHECK(original.value == std::optional<double>(30.0));
    CHECK(original.note == std::optional<std::string>("typo"));
    CHECK(original.superseded_by == std::optional<CheckInId>(fix));
    CHECK_FALSE(original.effective());
    CHECK(correction.supersedes == std::optional<CheckInId>(typo));
    CHECK_FALSE(correction.superseded_by.has_value());
    CHECK(correction.effective());
    CHECK(correction.on == day24(1, 22)); // dated like the original
    CHECK(correction.by == p.guide);
    CHECK(correction.value == std::optional<double>(3.0));
    CHECK(correction.note == std::optional<std::string>("corrected: three, not thirty"));

    // The review sees only the correction: 2 effective check-ins, latest value 3.
    auto r = goals.review(g, p.learner, day24(1, 22));
    CHECK(r.check_ins == 2);
    CHECK(r.latest_value == std::optional<double>(3.0));

    SECTION("an already superseded check-in cannot be corrected again") {
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      goals.correct(typo, p.learner, 4.0, "second try"));
        CHECK(goals.check_ins(g, p.learner).size() == 3);
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("the correction itself can be corrected") {
        auto again = goals.correct(fix, p.learner, 4.0, "actually four");
        auto l = goals.check_ins(g, p.learner);
        CHECK(l.size() == 4);
        int effective = 0;
        for (const auto& c : l) {
            if (c.effective())
                ++effective;
            if (c.id == fix)
                CHECK(c.superseded_by == std::optional<CheckInId>(again));
        }
        CHECK(effective == 2);
        CHECK(goals.review(g, p.learner, day24(1, 22)).latest_value == std::optional<double>(4.0));
    }
    SECTION("corrections follow the check-in rules") {
        auto first = goals.check_ins(g, p.learner).front().id;
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      goals.correct(first, p.outsider, 1.0, "forged"));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.correct(first, p.learner, std::nullopt, ""));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      goals.correct(CheckInId{9999}, p.learner, 1.0, "x"));
        CHECK(goals.check_ins(g, p.learner).size() == 3);
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("an open-ended goal's note is corrected with a note") {
        auto open = p.active_open();
        auto n = goals.check_in(open, p.learner, day24(1, 22), std::nullopt, "met the dean");
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.correct(n, p.learner, 1.0, "with a value"));
        auto c = goals.correct(n, p.learner, std::nullopt, "met the provost");
        auto l = goals.check_ins(open, p.learner);
        REQUIRE(l.size() == 2);
        for (const auto& x : l) {
            if (x.id == c) {
                CHECK(x.supersedes == std::optional<CheckInId>(n));
                CHECK(x.note == std::optional<std::string>("met the provost"));
                CHECK_FALSE(x.value.has_value());
            } else {
                CHECK(x.id == n);
                CHECK(x.superseded_by == std::optional<CheckInId>(c));
            }
        }
    }
}

TEST_CASE("Check-ins cannot be changed or deleted with raw SQL",
          "[goals][checkins][immutability]") {
    TempDir dir;
    auto file = dir.file("checkins.mentorkit");
    GoalId g{};
    CheckInId c{};
    PersonId learner{};
    {
        World w(Store::open(file));
        auto guide = w.person("Coach", 3);
        learner = w.person("Coachee", 1);
        auto rel = w.active(Model::coaching, guide, learner, "presenting");
        w.clock.set_today(day24(3, 1));
        g = w.store.goals().create(measurable_goal(rel, learner, 0, 10, {}, default_start()));
        w.store.goals().activate(g, learner, default_start());
        c = w.store.goals().check_in(g, learner, day24(1, 22), 4.0, "four");
    }
    {
        RawDb db(file);
        REQUIRE(db.scalar("SELECT count(*) FROM checkin") == "1");
        const std::string id = std::to_string(raw(c));
        CHECK(db.exec("UPDATE checkin SET value = 99 WHERE id = " + id) != SQLITE_OK);
        CHECK(db.exec("UPDATE checkin SET note = 'tampered' WHERE id = " + id) != SQLITE_OK);
        CHECK(db.exec("DELETE FROM checkin WHERE id = " + id) != SQLITE_OK);
        CHECK(db.exec("DELETE FROM checkin") != SQLITE_OK);
        CHECK(db.scalar("SELECT count(*) FROM checkin") == "1");
    }
    World w(Store::open(file));
    auto list = w.store.goals().check_ins(g, learner);
    REQUIRE(list.size() == 1);
    CHECK(list[0].value == std::optional<double>(4.0));
    CHECK(list[0].note == std::optional<std::string>("four"));
}

// ---------------------------------------------------------------------------------------------
// Reviews on hand-made histories

TEST_CASE("Review of an increasing goal: progress, trend, projection, forecast",
          "[goals][review][forecast]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    // Baseline 0, target 10; check-ins 0, 2, 4, 6 on the Mondays 01-15, 01-22, 01-29, 02-05.
    // progress = (6 - 0) / (10 - 0) = 0.6; least-squares slope over weeks 0..3 = 2 per week.
    // Projection: 6 + 2 * (weeks from 02-05 to the due date).
    auto history = [&](std::optional<Date> due) {
        auto g = p.active_measurable(0, 10, due);
        weekly(goals, g, p.learner, day24(1, 15), {0, 2, 4, 6});
        return g;
    };
    auto common = [&](const GoalReview& r) {
        CHECK(r.kind == GoalKind::measurable);
        CHECK(r.status == GoalStatus::active);
        CHECK(r.check_ins == 4);
        REQUIRE(r.latest_value.has_value());
        CHECK(*r.latest_value == Approx(6));
        CHECK(r.latest_on == std::optional<Date>(day24(2, 5)));
        REQUIRE(r.progress.has_value());
        CHECK(*r.progress == Approx(0.6));
        REQUIRE(r.trend_per_week.has_value());
        CHECK(*r.trend_per_week == Approx(2.0));
        CHECK_FALSE(r.overdue);
    };

    SECTION("due three weeks after the last check-in: on track") {
        // projected = 6 + 2 * 3 = 12; projected progress 1.2 >= 1.
        auto g = history(day24(2, 26));
        auto r = goals.review(g, p.learner, day24(2, 5));
        CHECK(r.goal == g);
        common(r);
        REQUIRE(r.projected.has_value());
        CHECK(*r.projected == Approx(12));
        REQUIRE(r.projected_progress.has_value());
        CHECK(*r.projected_progress == Approx(1.2));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::on_track));
    }
    SECTION("due one week after the last check-in: at risk") {
        // projected = 6 + 2 * 1 = 8; projected progress 0.8 in [0.75, 1).
        auto g = history(day24(2, 12));
        auto r = goals.review(g, p.learner, day24(2, 5));
        common(r);
        REQUIRE(r.projected.has_value());
        CHECK(*r.projected == Approx(8));
        CHECK(*r.projected_progress == Approx(0.8));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::at_risk));
    }
    SECTION("due two days after the last check-in: off track") {
        // projected = 6 + 2 * 2/7 = 6.5714...; projected progress 0.657 < 0.75.
        auto g = history(day24(2, 7));
        auto r = goals.review(g, p.learner, day24(2, 5));
        common(r);
        REQUIRE(r.projected.has_value());
        CHECK(*r.projected == Approx(6.0 + 4.0 / 7.0));
        CHECK(*r.projected_progress == Approx(0.6 + 0.4 / 7.0));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::off_track));
    }
    SECTION("as of today by default") {
        auto g = history(day24(2, 12));
        p.w.clock.set_today(day24(2, 5));
        auto r = goals.review(g, p.learner);
        common(r);
        CHECK(r.forecast == std::optional<Forecast>(Forecast::at_risk));
    }
}

TEST_CASE("Review of a decreasing goal", "[goals][review][forecast]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    // Baseline 100, target 80 (going down); check-ins 100, 97, 94 on 01-15, 01-22, 01-29.
    // progress = (94 - 100) / (80 - 100) = 0.3; trend = -3 per week.
    auto history = [&](Date due) {
        auto g = p.active_measurable(100, 80, due);
        weekly(goals, g, p.learner, day24(1, 15), {100, 97, 94});
        return g;
    };

    SECTION("four weeks left: at risk") {
        // projected = 94 - 3 * 4 = 82; projected progress (82 - 100) / -20 = 0.9.
        auto r = goals.review(history(day24(2, 26)), p.learner, day24(1, 29));
        REQUIRE(r.progress.has_value());
        CHECK(*r.progress == Approx(0.3));
        REQUIRE(r.trend_per_week.has_value());
        CHECK(*r.trend_per_week == Approx(-3.0));
        REQUIRE(r.projected.has_value());
        CHECK(*r.projected == Approx(82));
        CHECK(*r.projected_progress == Approx(0.9));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::at_risk));
    }
    SECTION("eight weeks left: on track") {
        // projected = 94 - 3 * 8 = 70; projected progress (70 - 100) / -20 = 1.5.
        auto r = goals.review(history(day24(3, 25)), p.learner, day24(1, 29));
        CHECK(*r.progress == Approx(0.3));
        CHECK(*r.trend_per_week == Approx(-3.0));
        REQUIRE(r.projected.has_value());
        CHECK(*r.projected == Approx(70));
        CHECK(*r.projected_progress == Approx(1.5));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::on_track));
    }
}

TEST_CASE("Progress is not clamped", "[goals][review][forecast]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();

    SECTION("past the target: more than 1 and on track") {
        // Baseline 0, target 10; 0 then 13 a week later: progress 1.3.
        auto g = p.active_measurable(0, 10, day24(12, 31));
        weekly(goals, g, p.learner, day24(1, 15), {0, 13});
        auto r = goals.review(g, p.learner, day24(1, 22));
        REQUIRE(r.progress.has_value());
        CHECK(*r.progress == Approx(1.3));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::on_track));
    }
    SECTION("past the target even after the due date: on track, projection is the latest value") {
        // Due 01-20, last check-in 01-22 is after it: projected = latest value 13.
        auto g = p.active_measurable(0, 10, day24(1, 20));
        weekly(goals, g, p.learner, day24(1, 15), {0, 13});
        auto r = goals.review(g, p.learner, day24(1, 22));
        CHECK(*r.progress == Approx(1.3));
        REQUIRE(r.projected.has_value());
        CHECK(*r.projected == Approx(13));
        REQUIRE(r.projected_progress.has_value());
        CHECK(*r.projected_progress == Approx(1.3));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::on_track));
        CHECK(r.overdue); // still active past its due date
    }
    SECTION("below the baseline: negative progress, off track") {
        // Baseline 10, target 20; 10 then 8 a week later: progress (8 - 10) / 10 = -0.2,
        // trend -2 per week, away from the target.
        auto g = p.active_measurable(10, 20, day24(12, 31));
        weekly(goals, g, p.learner, day24(1, 15), {10, 8});
        auto r = goals.review(g, p.learner, day24(1, 22));
        REQUIRE(r.progress.has_value());
        CHECK(*r.progress == Approx(-0.2));
        REQUIRE(r.trend_per_week.has_value());
        CHECK(*r.trend_per_week == Approx(-2.0));
        REQUIRE(r.projected_progress.has_value());
        CHECK(*r.projected_progress < 0);
        CHECK(r.forecast == std::optional<Forecast>(Forecast::off_track));
    }
    SECTION("a decreasing goal overshooting its target") {
        // Baseline 100, target 80; 100 then 76: progress (76 - 100) / -20 = 1.2.
        auto g = p.active_measurable(100, 80, day24(12, 31));
        weekly(goals, g, p.learner, day24(1, 15), {100, 76});
        auto r = goals.review(g, p.learner, day24(1, 22));
        CHECK(*r.progress == Approx(1.2));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::on_track));
    }
}

TEST_CASE("Too early to forecast", "[goals][review][forecast]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    auto g = p.active_measurable(0, 10, day24(12, 31));

    SECTION("no check-in at all") {
        auto r = goals.review(g, p.learner, day24(2, 1));
        CHECK(r.check_ins == 0);
        CHECK_FALSE(r.progress.has_value());
        CHECK_FALSE(r.latest_value.has_value());
        CHECK_FALSE(r.latest_on.has_value());
        CHECK_FALSE(r.trend_per_week.has_value());
        CHECK(r.forecast == std::optional<Forecast>(Forecast::too_early));
    }
    SECTION("one valued check-in (notes do not count)") {
        // 5 on 01-15: progress 0.5, no trend (one date).
        goals.check_in(g, p.learner, day24(1, 15), 5.0);
        goals.check_in(g, p.guide, day24(1, 29), std::nullopt, "holidays, nothing new");
        auto r = goals.review(g, p.learner, day24(2, 1));
        CHECK(r.check_ins == 2);
        REQUIRE(r.latest_value.has_value());
        CHECK(*r.latest_value == Approx(5));
        CHECK(r.latest_on == std::optional<Date>(day24(1, 29)));
        REQUIRE(r.progress.has_value());
        CHECK(*r.progress == Approx(0.5));
        CHECK_FALSE(r.trend_per_week.has_value());
        CHECK(r.forecast == std::optional<Forecast>(Forecast::too_early));
    }
    SECTION("valued check-ins spanning less than 7 days") {
        // 1 on 01-15 and 3 on 01-20: span 5 days; trend 2 / 5 days = 2.8 per week.
        goals.check_in(g, p.learner, day24(1, 15), 1.0);
        goals.check_in(g, p.learner, day24(1, 20), 3.0);
        auto r = goals.review(g, p.learner, day24(1, 21));
        CHECK(*r.progress == Approx(0.3));
        REQUIRE(r.trend_per_week.has_value());
        CHECK(*r.trend_per_week == Approx(2.8));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::too_early));
    }
    SECTION("two valued check-ins on the same day: no trend") {
        goals.check_in(g, p.learner, day24(1, 15), 1.0);
        goals.check_in(g, p.learner, day24(1, 15), 2.0);
        auto r = goals.review(g, p.learner, day24(1, 21));
        CHECK_FALSE(r.trend_per_week.has_value());
        CHECK(r.forecast == std::optional<Forecast>(Forecast::too_early));
    }
    SECTION("exactly 7 days is enough") {
        // 0 on 01-15, 2 on 01-22: progress 0.2, 2/week; due 12-31 is far: projected >> 10.
        weekly(goals, g, p.learner, day24(1, 15), {0, 2});
        auto r = goals.review(g, p.learner, day24(1, 22));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::on_track));
    }
}

TEST_CASE("Off track once the due date has passed short of the target",
          "[goals][review][forecast]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();

    SECTION("a good trend does not save a missed due date") {
        // Baseline 0, target 10, due 02-01; 0 on 01-15, 4 on 01-22: progress 0.4.
        auto g = p.active_measurable(0, 10, day24(2, 1));
        weekly(goals, g, p.learner, day24(1, 15), {0, 4});
        auto late = goals.review(g, p.learner, day24(2, 10));
        CHECK(*late.progress == Approx(0.4));
        CHECK(late.forecast == std::optional<Forecast>(Forecast::off_track));
        CHECK(late.overdue);
        // As of 01-25 the due date is ahead: projected 4 + 4 * 10/7 = 9.714, i.e. 0.971: at risk.
        auto before = goals.review(g, p.learner, day24(1, 25));
        REQUIRE(before.projected.has_value());
        CHECK(*before.projected == Approx(4.0 + 40.0 / 7.0));
        CHECK(*before.projected_progress == Approx(0.4 + 4.0 / 7.0));
        CHECK(before.forecast == std::optional<Forecast>(Forecast::at_risk));
        CHECK_FALSE(before.overdue);
        // On the due day itself it has not passed yet.
        CHECK_FALSE(goals.review(g, p.learner, day24(2, 1)).overdue);
    }
    SECTION("even with a single check-in") {
        auto g = p.active_measurable(0, 10, day24(2, 1));
        goals.check_in(g, p.learner, day24(1, 15), 2.0);
        auto r = goals.review(g, p.learner, day24(2, 10));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::off_track));
    }
    SECTION("an achieved goal is on track whatever its numbers") {
        auto g = p.active_measurable(0, 10, day24(2, 1));
        weekly(goals, g, p.learner, day24(1, 15), {0, 4});
        goals.achieve(g, p.learner, day24(1, 30), "good enough for the committee");
        auto r = goals.review(g, p.learner, day24(2, 10));
        CHECK(r.status == GoalStatus::achieved);
        CHECK(*r.progress == Approx(0.4));
        CHECK(r.forecast == std::optional<Forecast>(Forecast::on_track));
        CHECK_FALSE(r.overdue); // only active goals are overdue
    }
    SECTION("an achieved goal is on track even without any valued check-in") {
        auto g = p.active_measurable(0, 10, day24(2, 1));
        goals.check_in(g, p.learner, day24(1, 20), std::nullopt, "done, numbers to follow");
        goals.achieve(g, p.learner, day24(1, 30));
        auto r = goals.review(g, p.learner, day24(2, 10));
        CHECK_FALSE(r.progress.has_value());
        CHECK(r.forecast == std::optional<Forecast>(Forecast::on_track));
    }
}

TEST_CASE("No forecast without a measure or a due date", "[goals][review][forecast]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();

    SECTION("open-ended goal") {
        auto g = p.active_open(day24(12, 31));
        goals.check_in(g, p.learner, day24(1, 22), std::nullopt, "first talk with the dean");
        goals.check_in(g, p.guide, day24(2, 5), std::nullopt, "shadowing agreed");
        auto r = goals.review(g, p.learner, day24(2, 5));
        CHECK(r.kind == GoalKind::open_ended);
        CHECK(r.check_ins == 2);
        CHECK(r.latest_on == std::optional<Date>(day24(2, 5)));
        CHECK_FALSE(r.latest_value.has_value());
        CHECK_FALSE(r.progress.has_value());
        CHECK_FALSE(r.trend_per_week.has_value());
        CHECK_FALSE(r.projected.has_value());
        CHECK_FALSE(r.forecast.has_value());
    }
    SECTION("measurable goal without a due date") {
        // 0, 2, 4 weekly: progress 0.4, trend 2 per week, but nothing to forecast against.
        auto g = p.active_measurable(0, 10);
        weekly(goals, g, p.learner, day24(1, 15), {0, 2, 4});
        auto r = goals.review(g, p.learner, day24(1, 29));
        CHECK(*r.progress == Approx(0.4));
        CHECK(*r.trend_per_week == Approx(2.0));
        CHECK_FALSE(r.forecast.has_value());
        CHECK_FALSE(r.overdue);
    }
}

TEST_CASE("Superseded check-ins are ignored by the review", "[goals][review][correct]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    // Baseline 0, target 10; 0, 2, then 50 corrected to 4 on 01-29.
    // Effective: 0, 2, 4 -> progress 0.4, trend 2 per week (50 would give progress 5).
    auto g = p.active_measurable(0, 10, day24(12, 31));
    weekly(goals, g, p.learner, day24(1, 15), {0, 2, 50});
    auto wrong = goals.check_ins(g, p.learner).back().id;
    goals.correct(wrong, p.learner, 4.0, "fat finger");
    auto r = goals.review(g, p.learner, day24(1, 29));
    CHECK(r.check_ins == 3);
    CHECK(*r.latest_value == Approx(4));
    CHECK(*r.progress == Approx(0.4));
    CHECK(*r.trend_per_week == Approx(2.0));
    CHECK(goals.check_ins(g, p.learner).size() == 4);
}

TEST_CASE("The trend uses only the most recent valued check-ins", "[goals][review][trend]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    REQUIRE(kTrendWindow == 6);
    // Weekly from 01-15: 1000, -500 (wildly off), then 0, 1, 2, 3, 4, 5 (weeks 2..7, last 03-04).
    // The last six valued check-ins rise by exactly 1 per week; a fit over all eight would not.
    // A note-only check-in in between does not take a place in the window.
    auto g = p.active_measurable(0, 10, day24(12, 31));
    weekly(goals, g, p.learner, day24(1, 15), {1000, -500, 0, 1, 2, 3, 4, 5});
    goals.check_in(g, p.guide, day24(3, 1), std::nullopt, "steady");
    auto r = goals.review(g, p.learner, day24(3, 4));
    CHECK(r.check_ins == 9);
    CHECK(*r.latest_value == Approx(5));
    CHECK(r.latest_on == std::optional<Date>(day24(3, 4)));
    CHECK(*r.progress == Approx(0.5));
    REQUIRE(r.trend_per_week.has_value());
    CHECK(*r.trend_per_week == Approx(1.0));
    CHECK(r.forecast == std::optional<Forecast>(Forecast::on_track));
}

TEST_CASE("Reviews report milestones and overdue goals", "[goals][review][milestones]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    auto g = p.active_measurable(0, 10, day24(3, 1));
    goals.add_milestone(g, "one", std::nullopt, p.learner);
    goals.add_milestone(g, "two", std::nullopt, p.learner);
    goals.add_milestone(g, "three", std::nullopt, p.learner);
    goals.complete_milestone(g, 1, p.guide, day24(2, 1));

    auto r = goals.review(g, p.learner, day24(2, 15));
    CHECK(r.milestones_done == 1);
    CHECK(r.milestones_total == 3);
    CHECK_FALSE(r.overdue);
    CHECK(goals.review(g, p.learner, day24(3, 2)).overdue);

    // A draft past its due date is not overdue; neither is an abandoned goal.
    auto draft =
        goals.create(measurable_goal(p.rel, p.learner, 0, 1, day24(2, 1), default_start()));
    CHECK_FALSE(goals.review(draft, p.learner, day24(3, 2)).overdue);
    CHECK(goals.review(draft, p.learner, day24(3, 2)).status == GoalStatus::draft);
    CHECK(goals.review(draft, p.learner, day24(3, 2)).milestones_total == 0);
    goals.abandon(g, p.learner, day24(3, 2), "replaced");
    CHECK_FALSE(goals.review(g, p.learner, day24(3, 5)).overdue);
}

TEST_CASE("review_all equals the reviews of each relationship", "[goals][review]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    auto other = p.w.active(Model::mentoring, p.guide, p.learner, "writing");

    auto a = p.active_measurable(0, 10, day24(2, 26));
    weekly(goals, a, p.learner, day24(1, 15), {0, 2, 4, 6});
    auto b = p.active_measurable(100, 80, day24(2, 26), "decreasing");
    weekly(goals, b, p.guide, day24(1, 15), {100, 97, 94});
    auto c = p.active_open();
    goals.check_in(c, p.learner, day24(1, 20), std::nullopt, "note");
    goals.add_milestone(c, "m", std::nullopt, p.learner);
    goals.complete_milestone(c, 0, p.learner, day24(1, 21));
    goals.create(measurable_goal(p.rel, p.learner, 0, 3, day24(1, 31), default_start(), "draft"));
    auto d = goals.create(measurable_goal(other, p.learner, 0, 5, day24(2, 1), default_start()));
    goals.activate(d, p.learner, default_start());
    goals.check_in(d, p.guide, day24(1, 16), 1.0);

    for (auto as_of : {day24(2, 5), day24(3, 1)}) {
        INFO("as of " << to_string(as_of));
        std::map<GoalId, GoalReview> expected;
        for (auto rel : {p.rel, other})
            for (const auto& r : goals.reviews(rel, p.learner, as_of))
                expected[r.goal] = r;
        CHECK(expected.size() == 5);
        auto all = goals.review_all(as_of);
        REQUIRE(all.size() == expected.size());
        for (const auto& r : all) {
            auto it = expected.find(r.goal);
            REQUIRE(it != expected.end());
            check_same_review(r, it->second);
            check_same_review(r, goals.review(r.goal, p.learner, as_of));
        }
    }
    // reviews() lists every goal of the relationship, in the order of list().
    auto rs = goals.reviews(p.rel, p.learner, day24(2, 5));
    auto gs = goals.list(p.rel, p.learner);
    REQUIRE(rs.size() == gs.size());
    for (std::size_t i = 0; i < rs.size(); ++i)
        CHECK(rs[i].goal == gs[i].id);
}

// ---------------------------------------------------------------------------------------------
// Periodic reviews

TEST_CASE("A periodic review re-assesses exactly the active goals", "[goals][periodic]") {
    Duo p(Model::coaching);
    auto& goals = p.goals();
    // kept: baseline 0, target 10, due 03-04; 0 on 01-15, 4 on 01-22. As of the review (01-29):
    // progress 0.4, trend 4/week, projected 4 + 4 * 6 weeks = 28 -> 2.8: on track.
    auto kept = p.active_measurable(0, 10, day24(3, 4), "kept");
    weekly(goals, kept, p.learner, day24(1, 15), {0, 4});
    auto changed = p.active_open({}, "changed");
    auto achieved = p.active_measurable(0, 5, {}, "achieved");
    auto abandoned = p.active_open({}, "abandoned");
    auto draft = goals.create(open_goal(p.rel, p.learner, {}, default_start(), "draft"));
    auto other_rel = p.w.active(Model::coaching, p.guide, p.learner, "presenting");
    auto foreign = goals.create(open_goal(other_rel, p.learner, {}, default_start(), "foreign"));
    goals.activate(foreign, p.learner, default_start());

    ReviewItem change = item(changed, ReviewDecision::changed, "narrowed down");
    change.changes.title = "Lead one project";
    change.changes.due = std::optional<Date>(day24(9, 30));
    const std::vector<ReviewItem> valid = {
        item(kept, ReviewDecision::kept), change,
        item(achieved, ReviewDecision::achieved, "reached five"),
        item(abandoned, ReviewDecision::abandoned, "no longer wanted")};
    const Date on = day24(1, 29);

    auto audit = p.w.audit().total();
    auto nothing_written = [&] {
        CHECK(goals.review_history(p.rel, p.learner).empty());
        CHECK(p.w.audit().total() == audit);
        CHECK(goals.get(kept, p.learner).status == GoalStatus::active);
        CHECK(goals.get(changed, p.learner).status == GoalStatus::active);
        CHECK(goals.get(changed, p.learner).title == "changed");
        CHECK(goals.get(achieved, p.learner).status == GoalStatus::active);
        CHECK(goals.get(abandoned, p.learner).status == GoalStatus::active);
        CHECK(goals.get(draft, p.learner).status == GoalStatus::draft);
    };

    SECTION("a missing active goal") {
        auto items = valid;
        items.pop_back();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.hold_review(p.rel, p.guide, on, items));
        nothing_written();
    }
    SECTION("an extra draft goal") {
        auto items = valid;
        items.push_back(item(draft, ReviewDecision::kept));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.hold_review(p.rel, p.guide, on, items));
        nothing_written();
    }
    SECTION("a goal of another relationship") {
        auto items = valid;
        items.push_back(item(foreign, ReviewDecision::kept));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.hold_review(p.rel, p.guide, on, items));
        items.pop_back();
        items.back() = item(foreign, ReviewDecision::abandoned, "swap");
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.hold_review(p.rel, p.guide, on, items));
        nothing_written();
        CHECK(goals.get(foreign, p.learner).status == GoalStatus::active);
    }
    SECTION("the same goal twice") {
        auto items = valid;
        items.push_back(item(kept, ReviewDecision::kept));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.hold_review(p.rel, p.guide, on, items));
        nothing_written();
    }
    SECTION("a closed goal") {
        auto closed = p.active_open({}, "closed");
        goals.achieve(closed, p.learner, day24(1, 20));
        audit = p.w.audit().total();
        auto items = valid;
        items.push_back(item(closed, ReviewDecision::kept));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      goals.hold_review(p.rel, p.guide, on, items));
        nothing_written();
    }
    SECTION("every decision but kept needs a reason; nothing is applied half-way") {
        auto items = valid;
        items[3].reason = "  ";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.hold_review(p.rel, p.guide, on, items));
        nothing_written();
        items = valid;
        items[1].reason = "";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.hold_review(p.rel, p.guide, on, items));
        nothing_written();
        items = valid;
        items[2].reason = "";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.hold_review(p.rel, p.guide, on, items));
        nothing_written();
    }
    SECTION("invalid changes refuse the whole review") {
        auto items = valid;
        items[1].changes.title = "";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      goals.hold_review(p.rel, p.guide, on, items));
        nothing_written();
    }
    SECTION("only a party holds a review") {
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      goals.hold_review(p.rel, p.outsider, on, valid));
        nothing_written();
    }
    SECTION("decisions are applied together and recorded as one event") {
        auto id = goals.hold_review(p.rel, p.guide, on, valid, "first quarterly review");
        CHECK(goals.get(kept, p.learner).status == GoalStatus::active);
        auto ch = goals.get(changed, p.learner);
        CHECK(ch.status == GoalStatus::active);
        CHECK(ch.title == "Lead one project");
        CHECK(ch.due == std::optional<Date>(day24(9, 30)));
        auto ach = goals.get(achieved, p.learner);
        CHECK(ach.status == GoalStatus::achieved);
        CHECK(ach.closed_on == std::optional<Date>(on));
        auto ab = goals.get(abandoned, p.learner);
        CHECK(ab.status == GoalStatus::abandoned);
        CHECK(ab.closed_on == std::optional<Date>(on));
        CHECK(ab.close_reason == std::optional<std::string>("no longer wanted"));
        CHECK(goals.get(draft, p.learner).status == GoalStatus::draft);
        CHECK(p.w.audit().total() > audit);

        auto history = goals.review_history(p.rel, p.learner);
        REQUIRE(history.size() == 1);
        const auto& rec = history[0];
        CHECK(rec.id == id);
        CHECK(rec.relationship == p.rel);
        CHECK(rec.held_on == on);
        CHECK(rec.held_by == p.guide);
        CHECK(rec.summary == "first quarterly review");
        REQUIRE(rec.lines.size() == 4);
        auto k = line_of(rec, kept);
        REQUIRE(k != nullptr);
        CHECK(k->decision == ReviewDecision::kept);
        REQUIRE(k->progress.has_value());
        CHECK(*k->progress == Approx(0.4));
        CHECK(k->forecast == std::optional<Forecast>(Forecast::on_track));
        auto c = line_of(rec, changed);
        REQUIRE(c != nullptr);
        CHECK(c->decision == ReviewDecision::changed);
        CHECK(c->reason == "narrowed down");
        CHECK_FALSE(c->progress.has_value()); // open-ended
        CHECK_FALSE(c->forecast.has_value());
        auto a = line_of(rec, achieved);
        REQUIRE(a != nullptr);
        CHECK(a->decision == ReviewDecision::achieved);
        CHECK(a->reason == "reached five");
        auto b = line_of(rec, abandoned);
        REQUIRE(b != nullptr);
        CHECK(b->decision == ReviewDecision::abandoned);
        CHECK(b->reason == "no longer wanted");
        CHECK(goals.review_history(other_rel, p.learner).empty());

        // The next review covers the goals still active; the history is oldest first.
        auto second = goals.hold_review(
            p.rel, p.learner, day24(3, 1),
            {item(kept, ReviewDecision::kept, "on track"), item(changed, ReviewDecision::kept)});
        auto h2 = goals.review_history(p.rel, p.learner);
        REQUIRE(h2.size() == 2);
        CHECK(h2[0].id == id);
        CHECK(h2[1].id == second);
        CHECK(h2[1].held_by == p.learner);
        CHECK(h2[1].held_on == day24(3, 1));
        CHECK(h2[1].summary.empty());
        CHECK(h2[1].lines.size() == 2);
        // The snapshot is kept as held: later check-ins do not rewrite it.
        goals.check_in(kept, p.learner, day24(3, 2), 9.0);
        auto again = goals.review_history(p.rel, p.learner);
        CHECK(*line_of(again[0], kept)->progress == Approx(0.4));
    }
}

TEST_CASE("In a mentoring review only the mentee changes goals", "[goals][periodic][owner]") {
    Duo p(Model::mentoring);
    auto& goals = p.goals();
    auto g = p.active_measurable(0, 10);
    auto audit = p.w.audit().total();
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  goals.hold_review(p.rel, p.guide, day24(2, 1),
                                    {item(g, ReviewDecision::achieved, "I say so")}));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  goals.hold_review(p.rel, p.guide, day24(2, 1),
                                    {item(g, ReviewDecision::abandoned, "I say so")}));
    CHECK(goals.review_history(p.rel, p.learner).empty());
    CHECK(goals.get(g, p.learner).status == GoalStatus::active);
    CHECK(p.w.audit().total() == audit);
    // The mentor may hold a review that keeps everything; the mentee decides changes.
    goals.hold_review(p.rel, p.guide, day24(2, 1), {item(g, ReviewDecision::kept)});
    goals.hold_review(p.rel, p.learner, day24(2, 2),
                      {item(g, ReviewDecision::achieved, "ten papers")});
    CHECK(goals.get(g, p.learner).status == GoalStatus::achieved);
    CHECK(goals.review_history(p.rel, p.learner).size() == 2);
}

// ---------------------------------------------------------------------------------------------
// Warnings

TEST_CASE("review_due: the agreement's review date passed without a review",
          "[goals][warnings][periodic]") {
    Duo p(Model::mentoring, day24(2, 1));
    auto& goals = p.goals();
    auto g = p.active_measurable(0, 10);
    auto sign_with_review_date = [&](std::optional<Date> review) {
        AgreementTerms terms;
        terms.review_date = review;
        p.w.agreements().set_terms(p.rel, terms, p.guide);
        auto n = p.w.agreements().current(p.rel, p.learner).number;
        p.w.agreements().sign(p.rel, n, p.guide);
        p.w.agreements().sign(p.rel, n, p.learner);
    };

    SECTION("appears after the date and disappears with a review") {
        sign_with_review_date(day24(3, 1));
        p.w.clock.set_today(day24(2, 15));
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::review_due));
        p.w.clock.set_today(day24(3, 5));
        CHECK(p.w.has_warning(p.rel, WarningCode::review_due));
        goals.hold_review(p.rel, p.guide, day24(3, 5), {item(g, ReviewDecision::kept)});
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::review_due));
        p.w.clock.set_today(day24(5, 1));
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::review_due));
    }
    SECTION("a review held before the review date does not count") {
        sign_with_review_date(day24(3, 1));
        p.w.clock.set_today(day24(2, 20));
        goals.hold_review(p.rel, p.learner, day24(2, 20), {item(g, ReviewDecision::kept)});
        p.w.clock.set_today(day24(3, 5));
        CHECK(p.w.has_warning(p.rel, WarningCode::review_due));
    }
    SECTION("no review date, no warning") {
        sign_with_review_date(std::nullopt);
        p.w.clock.set_today(day24(12, 1));
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::review_due));
    }
}

TEST_CASE("goal_overdue: an active goal past its due date", "[goals][warnings]") {
    Duo p(Model::mentoring, day24(1, 20));
    auto& goals = p.goals();

    SECTION("active goals only") {
        auto g = p.active_measurable(0, 10, day24(2, 1));
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::goal_overdue));
        p.w.clock.set_today(day24(2, 1));
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::goal_overdue));
        p.w.clock.set_today(day24(2, 5));
        CHECK(p.w.has_warning(p.rel, WarningCode::goal_overdue));
        goals.achieve(g, p.learner, day24(2, 5));
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::goal_overdue));
    }
    SECTION("a draft past its due date does not warn") {
        goals.create(measurable_goal(p.rel, p.learner, 0, 10, day24(2, 1), default_start()));
        p.w.clock.set_today(day24(2, 5));
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::goal_overdue));
    }
    SECTION("moving the due date clears it") {
        auto g = p.active_measurable(0, 10, day24(2, 1));
        p.w.clock.set_today(day24(2, 5));
        CHECK(p.w.has_warning(p.rel, WarningCode::goal_overdue));
        GoalChanges c;
        c.due = std::optional<Date>(day24(4, 1));
        goals.update(g, c, p.learner);
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::goal_overdue));
    }
}

TEST_CASE("coaching_without_measurable_goal needs an ACTIVE measurable goal", "[goals][warnings]") {
    Duo p(Model::coaching, day24(2, 1));
    auto& goals = p.goals();
    CHECK(p.w.has_warning(p.rel, WarningCode::coaching_without_measurable_goal));

    auto m = goals.create(measurable_goal(p.rel, p.guide, 0, 10, {}, default_start()));
    CHECK(p.w.has_warning(p.rel, WarningCode::coaching_without_measurable_goal)); // a draft
    p.active_open();
    CHECK(p.w.has_warning(p.rel, WarningCode::coaching_without_measurable_goal)); // open-ended

    goals.activate(m, p.learner, day24(1, 20));
    CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::coaching_without_measurable_goal));

    goals.abandon(m, p.guide, day24(2, 1), "the metric was wrong");
    CHECK(p.w.has_warning(p.rel, WarningCode::coaching_without_measurable_goal));

    // A measurable goal of another relationship does not count.
    auto other = p.w.active(Model::coaching, p.guide, p.learner, "presenting");
    auto og = goals.create(measurable_goal(other, p.guide, 0, 3, {}, default_start()));
    goals.activate(og, p.guide, default_start());
    CHECK_FALSE(p.w.has_warning(other, WarningCode::coaching_without_measurable_goal));
    CHECK(p.w.has_warning(p.rel, WarningCode::coaching_without_measurable_goal));
}
