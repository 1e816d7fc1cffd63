// Coaching cycles: perform, observe, feedback, perform again. Which relationships may hold them,
// who records them, the fixed score scale, dates, and per-skill progress on hand-made series.

#include "fixtures.hpp"

#include <algorithm>
#include <cctype>

using namespace mentorkit;
using namespace mk_test;

namespace {

NewCoachingCycle cycle(RelationshipId rel, PersonId by, Date on, const std::string& skill,
                       int score) {
    NewCoachingCycle c;
    c.relationship = rel;
    c.by = by;
    c.on = on;
    c.skill = skill;
    c.score = score;
    return c;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

const SkillProgress* find_skill(const std::vector<SkillProgress>& all, const std::string& skill) {
    for (const auto& s : all)
        if (lower(s.skill) == lower(skill))
            return &s;
    return nullptr;
}

std::vector<int> scores(const std::vector<CoachingCycle>& cycles) {
    std::vector<int> out;
    for (const auto& c : cycles)
        out.push_back(c.score);
    return out;
}

} // namespace

TEST_CASE("A coach records coaching cycles", "[coaching][record]") {
    Duo p(Model::coaching, day24(3, 1));
    auto& coaching = p.w.store.coaching();
    auto request = cycle(p.rel, p.guide, day24(1, 22), "Case presentation", 4);
    request.situation = "Monday lab meeting";
    request.question = "What did the audience need first?";
    request.challenge = "Open with the result next time";
    request.encouragement = "Your slides were clear";
    auto id = coaching.record(request);

    auto list = coaching.list(p.rel, p.learner);
    REQUIRE(list.size() == 1);
    const auto& c = list[0];
    CHECK(c.id == id);
    CHECK(c.relationship == p.rel);
    CHECK(c.by == p.guide);
    CHECK(c.on == day24(1, 22));
    CHECK(c.skill == "Case presentation");
    CHECK(c.situation == "Monday lab meeting");
    CHECK(c.score == 4);
    CHECK(c.question == "What did the audience need first?");
    CHECK(c.challenge == "Open with the result next time");
    CHECK(c.encouragement == "Your slides were clear");
    CHECK_FALSE(c.within_mentoring);

    SECTION("the feedback parts and the situation are optional") {
        auto bare = coaching.record(cycle(p.rel, p.guide, day24(1, 29), "Case presentation", 5));
        auto l = coaching.list(p.rel, p.learner);
        REQUIRE(l.size() == 2);
        CHECK(l[1].id == bare);
        CHECK(l[1].question.empty());
        CHECK(l[1].challenge.empty());
        CHECK(l[1].encouragement.empty());
        CHECK(l[1].situation.empty());
    }
    SECTION("the ends of the scale, the first day and today are accepted") {
        REQUIRE(kScoreMin == 1);
        REQUIRE(kScoreMax == 10);
        CHECK_NOTHROW(coaching.record(cycle(p.rel, p.guide, default_start(), "x", kScoreMin)));
        CHECK_NOTHROW(coaching.record(cycle(p.rel, p.guide, day24(3, 1), "x", kScoreMax)));
        CHECK(coaching.list(p.rel, p.learner).size() == 3);
    }
    SECTION("listed by day, then id") {
        auto late = coaching.record(cycle(p.rel, p.guide, day24(2, 12), "b", 6));
        auto early = coaching.record(cycle(p.rel, p.guide, day24(1, 16), "a", 3));
        auto same_day = coaching.record(cycle(p.rel, p.guide, day24(1, 22), "c", 5));
        std::vector<CoachingCycleId> ids;
        for (const auto& x : coaching.list(p.rel, p.learner))
            ids.push_back(x.id);
        CHECK(ids == std::vector<CoachingCycleId>{early, id, same_day, late});
    }
}

TEST_CASE("Coaching inside mentoring is allowed and flagged", "[coaching][models]") {
    Duo p(Model::mentoring, day24(3, 1));
    auto& coaching = p.w.store.coaching();
    coaching.record(cycle(p.rel, p.guide, day24(1, 22), "Grant writing", 5));
    auto list = coaching.list(p.rel, p.learner);
    REQUIRE(list.size() == 1);
    CHECK(list[0].within_mentoring);
}

TEST_CASE("Supervision relationships have no coaching cycles", "[coaching][models]") {
    Duo p(Model::supervision, day24(3, 1));
    auto& coaching = p.w.store.coaching();
    auto audit = p.w.audit().total();
    REQUIRE_ERROR(RuleViolation, ErrorCode::rule_violation,
                  coaching.record(cycle(p.rel, p.guide, day24(1, 22), "Pipetting", 5)));
    CHECK(coaching.list(p.rel, p.learner).empty());
    CHECK(p.w.audit().total() == audit);
}

TEST_CASE("Malformed or unauthorised cycles are refused", "[coaching][validation]") {
    Duo p(Model::coaching, day24(3, 1));
    auto& coaching = p.w.store.coaching();
    auto audit = p.w.audit().total();

    SECTION("the coachee does not record their own cycles") {
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      coaching.record(cycle(p.rel, p.learner, day24(1, 22), "Pitching", 9)));
    }
    SECTION("a non-party") {
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      coaching.record(cycle(p.rel, p.outsider, day24(1, 22), "Pitching", 5)));
    }
    SECTION("a score off the scale") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      coaching.record(cycle(p.rel, p.guide, day24(1, 22), "Pitching", 0)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      coaching.record(cycle(p.rel, p.guide, day24(1, 22), "Pitching", 11)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      coaching.record(cycle(p.rel, p.guide, day24(1, 22), "Pitching", -3)));
    }
    SECTION("an empty skill") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      coaching.record(cycle(p.rel, p.guide, day24(1, 22), "", 5)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      coaching.record(cycle(p.rel, p.guide, day24(1, 22), "  ", 5)));
    }
    SECTION("a day before the start or in the future") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      coaching.record(cycle(p.rel, p.guide, day24(1, 14), "Pitching", 5)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      coaching.record(cycle(p.rel, p.guide, day24(3, 2), "Pitching", 5)));
    }
    SECTION("an unknown relationship") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      coaching.record(cycle(RelationshipId{999}, p.guide, day24(1, 22), "x", 5)));
    }
    CHECK(coaching.list(p.rel, p.learner).empty());
    CHECK(p.w.audit().total() == audit);
}

TEST_CASE("Cycles need an active relationship", "[coaching][lifecycle]") {
    Trio t;
    auto& coaching = t.w.store.coaching();
    t.w.clock.set_today(day24(3, 1));

    SECTION("proposed") {
        auto rel = t.w.rels().propose(t.w.request(Model::coaching, t.senior, t.junior));
        auto audit = t.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      coaching.record(cycle(rel, t.senior, day24(1, 22), "Pitching", 5)));
        CHECK(coaching.list(rel, t.junior).empty());
        CHECK(t.w.audit().total() == audit);
    }
    SECTION("paused") {
        auto rel = t.w.active(Model::coaching, t.senior, t.junior);
        t.w.rels().pause(rel, t.junior, day24(2, 1), "exams");
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      coaching.record(cycle(rel, t.senior, day24(2, 5), "Pitching", 5)));
        CHECK(coaching.list(rel, t.junior).empty());
    }
    SECTION("completed") {
        auto rel = t.w.active(Model::coaching, t.senior, t.junior);
        t.w.rels().complete(rel, t.junior, day24(2, 1), "done");
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      coaching.record(cycle(rel, t.senior, day24(1, 22), "Pitching", 5)));
        CHECK(coaching.list(rel, t.junior).empty());
    }
}

TEST_CASE("Per-skill progress: first, latest, best and the least-squares slope",
          "[coaching][progress]") {
    Duo p(Model::coaching, day24(3, 1));
    auto& coaching = p.w.store.coaching();
    // Case presentation, weekly: 3, 5, 6, 8 (the skill's spelling varies in case).
    // Slope over cycle numbers 1..4: mean x 2.5, mean y 5.5;
    // Sxy = (-1.5)(-2.5) + (-0.5)(-0.5) + (0.5)(0.5) + (1.5)(2.5) = 8; Sxx = 5; slope = 1.6.
    coaching.record(cycle(p.rel, p.guide, day24(1, 22), "Case presentation", 3));
    coaching.record(cycle(p.rel, p.guide, day24(1, 29), "Case Presentation", 5));
    coaching.record(cycle(p.rel, p.guide, day24(2, 5), "CASE PRESENTATION", 6));
    coaching.record(cycle(p.rel, p.guide, day24(2, 12), "Case presentation", 8));
    // Active listening: 7 then 4. Slope -3, best 7 (the first), latest 4.
    coaching.record(cycle(p.rel, p.guide, day24(1, 20), "Active listening", 7));
    coaching.record(cycle(p.rel, p.guide, day24(2, 1), "Active listening", 4));
    // Negotiation: one cycle, slope 0.
    coaching.record(cycle(p.rel, p.guide, day24(2, 20), "Negotiation", 5));

    auto progress = coaching.progress(p.rel, p.learner);
    REQUIRE(progress.size() == 3);
    CHECK(lower(progress[0].skill) == "active listening");
    CHECK(lower(progress[1].skill) == "case presentation");
    CHECK(lower(progress[2].skill) == "negotiation");

    auto cp = find_skill(progress, "case presentation");
    REQUIRE(cp != nullptr);
    CHECK(cp->cycles == 4);
    CHECK(cp->first_score == 3);
    CHECK(cp->latest_score == 8);
    CHECK(cp->best_score == 8);
    CHECK(cp->slope_per_cycle == Approx(1.6));
    CHECK(cp->first_on == day24(1, 22));
    CHECK(cp->latest_on == day24(2, 12));

    auto al = find_skill(progress, "active listening");
    REQUIRE(al != nullptr);
    CHECK(al->cycles == 2);
    CHECK(al->first_score == 7);
    CHECK(al->latest_score == 4);
    CHECK(al->best_score == 7);
    CHECK(al->slope_per_cycle == Approx(-3.0));
    CHECK(al->first_on == day24(1, 20));
    CHECK(al->latest_on == day24(2, 1));

    auto ng = find_skill(progress, "negotiation");
    REQUIRE(ng != nullptr);
    CHECK(ng->cycles == 1);
    CHECK(ng->first_score == 5);
    CHECK(ng->latest_score == 5);
    CHECK(ng->best_score == 5);
    CHECK(ng->slope_per_cycle == Approx(0.0));
    CHECK(ng->first_on == ng->latest_on);

    SECTION("series compare skills case-insensitively, by day") {
        CHECK(scores(coaching.series(p.rel, "case presentation", p.learner)) ==
              std::vector<int>{3, 5, 6, 8});
        CHECK(scores(coaching.series(p.rel, "CASE PRESENTATION", p.learner)) ==
              std::vector<int>{3, 5, 6, 8});
        CHECK(scores(coaching.series(p.rel, "Active Listening", p.learner)) ==
              std::vector<int>{7, 4});
        CHECK(coaching.series(p.rel, "juggling", p.learner).empty());
        for (const auto& c : coaching.series(p.rel, "case presentation", p.learner))
            CHECK(lower(c.skill) == "case presentation");
    }
    SECTION("a cycle recorded late for an earlier day takes its place in the series") {
        // 3, 5, 6, 8 plus a 2 on 01-16: series 2, 3, 5, 6, 8; first 2, best 8.
        coaching.record(cycle(p.rel, p.guide, day24(1, 16), "case presentation", 2));
        CHECK(scores(coaching.series(p.rel, "Case presentation", p.learner)) ==
              std::vector<int>{2, 3, 5, 6, 8});
        auto after = coaching.progress(p.rel, p.learner);
        auto cp2 = find_skill(after, "case presentation");
        REQUIRE(cp2 != nullptr);
        CHECK(cp2->cycles == 5);
        CHECK(cp2->first_score == 2);
        CHECK(cp2->first_on == day24(1, 16));
        CHECK(cp2->latest_score == 8);
        // x 1..5, y 2, 3, 5, 6, 8: mean x 3, mean y 4.8;
        // Sxy = (-2)(-2.8) + (-1)(-1.8) + 0 + (1)(1.2) + (2)(3.2) = 5.6 + 1.8 + 1.2 + 6.4 = 15;
        // Sxx = 4 + 1 + 0 + 1 + 4 = 10; slope 1.5.
        CHECK(cp2->slope_per_cycle == Approx(1.5));
    }
    SECTION("another relationship's cycles stay apart") {
        auto other = p.w.active(Model::mentoring, p.guide, p.learner, "writing");
        coaching.record(cycle(other, p.guide, day24(2, 1), "Case presentation", 10));
        auto mine = coaching.progress(p.rel, p.learner);
        REQUIRE(find_skill(mine, "case presentation") != nullptr);
        CHECK(find_skill(mine, "case presentation")->best_score == 8);
        CHECK(coaching.series(other, "case presentation", p.learner).size() == 1);
        CHECK(coaching.list(p.rel, p.learner).size() == 7);
    }
}
