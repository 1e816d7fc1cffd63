// The domain rules on their own: pure functions of facts, tested without a database (the areas
// test them again through the store). These are the rules every operation applies, locally or
// replayed, so they must not depend on anything but their arguments.

#include "fixtures.hpp"
#include "rules/agreements.hpp"
#include "rules/coaching.hpp"
#include "rules/forecast.hpp"
#include "rules/hierarchy.hpp"
#include "rules/meetings.hpp"
#include "rules/visibility.hpp"
#include "rules/warnings.hpp"
#include "text.hpp"

#include <algorithm>

using namespace mentorkit;
using namespace mk_test;

namespace {

rules::PersonFacts facts(int level, int expertise, std::vector<std::int64_t> chain = {}) {
    return {level, expertise, std::move(chain)};
}

Relationship relationship(Model model, Status status, Date start) {
    Relationship r;
    r.id = RelationshipId{1};
    r.model = model;
    r.guide = PersonId{1};
    r.learner = PersonId{2};
    r.focus = "research";
    r.status = status;
    r.start = start;
    return r;
}

bool has(const std::vector<Warning>& w, WarningCode code) {
    return std::any_of(w.begin(), w.end(), [&](const Warning& x) { return x.code == code; });
}

} // namespace

TEST_CASE("Rules: the hierarchy gives the style and draws the supervision line", "[rules]") {
    CHECK(rules::style_of(facts(4, 1), facts(2, 1), "research") == Style::traditional);
    CHECK(rules::style_of(facts(3, 1), facts(3, 4), "research") == Style::peer);
    CHECK(rules::style_of(facts(1, 5), facts(3, 2), "social media") == Style::reverse);
    REQUIRE_ERROR(RuleViolation, ErrorCode::reverse_without_expertise,
                  rules::style_of(facts(1, 2), facts(3, 2), "research"));
    // Expertise decides only for a more junior mentor: the core reads it only then.
    CHECK(rules::style_needs_expertise(facts(1, 0), facts(3, 0)));
    CHECK_FALSE(rules::style_needs_expertise(facts(3, 0), facts(3, 0)));
    CHECK_FALSE(rules::style_needs_expertise(facts(4, 0), facts(3, 0)));
    for (int a = 0; a <= 5; ++a)
        for (int b = 0; b <= 5; ++b) {
            CHECK(rules::style_of(facts(4, a), facts(2, b), "research") == Style::traditional);
            CHECK(rules::style_of(facts(3, a), facts(3, b), "research") == Style::peer);
        }

    // Person 3 supervises 2 who supervises 1.
    auto one = facts(1, 0, {2, 3}), two = facts(2, 0, {3}), three = facts(3, 0);
    CHECK(rules::on_one_line(PersonId{3}, three, PersonId{1}, one)); // up the chain
    CHECK(rules::on_one_line(PersonId{1}, one, PersonId{2}, two));   // either way round
    CHECK_FALSE(rules::on_one_line(PersonId{4}, facts(3, 0), PersonId{1}, one));
}

TEST_CASE("Rules: who reads a note, and visibility only widens", "[rules]") {
    rules::Readers pair{PersonId{1}, PersonId{2}, false};
    rules::Readers board_guide{PersonId{1}, PersonId{2}, true};
    Note n;
    n.author = PersonId{1};
    for (Visibility v : {Visibility::private_, Visibility::pair, Visibility::board}) {
        n.visibility = v;
        INFO(to_string(v));
        CHECK(rules::may_read(n, pair, PersonId{1})); // the author always
        CHECK(rules::may_read(n, pair, PersonId{2}) == (v != Visibility::private_));
        // Another guide of the learner's board reads board notes only.
        CHECK(rules::may_read(n, board_guide, PersonId{7}) == (v == Visibility::board));
        CHECK_FALSE(rules::may_read(n, pair, PersonId{7}));
    }
    CHECK(rules::widens(Visibility::private_, Visibility::board));
    CHECK(rules::widens(Visibility::pair, Visibility::pair));
    CHECK_FALSE(rules::widens(Visibility::board, Visibility::pair));
}

TEST_CASE("Rules: an agreement's states follow its signatures", "[rules]") {
    auto version = [](int number, std::vector<int> signers) {
        AgreementVersion v;
        v.number = number;
        for (int p : signers)
            v.signatures.push_back({PersonId{p}, {}});
        return v;
    };
    std::vector<AgreementVersion> v{version(1, {1, 2}), version(2, {1, 2}), version(3, {2}),
                                    version(4, {})};
    rules::derive_states(v, PersonId{1}, PersonId{2});
    CHECK(v[0].state == AgreementState::superseded);
    CHECK(v[1].state == AgreementState::in_force);
    CHECK(v[2].state == AgreementState::replaced);
    CHECK(v[3].state == AgreementState::draft);
    std::vector<AgreementVersion> one{version(1, {1})};
    rules::derive_states(one, PersonId{1}, PersonId{2});
    CHECK(one[0].state == AgreementState::partially_signed);
}

TEST_CASE("Rules: a goal's review reads only its effective check-ins up to the day", "[rules]") {
    const Date start = make_date(2024, 1, 1);
    rules::GoalFacts g{GoalId{1}, GoalKind::measurable,          GoalStatus::active, 0,
                       10,        start + std::chrono::days{100}};
    std::vector<rules::CheckInPoint> points{
        {1, start + std::chrono::days{10}, 2.0, {}},
        {2, start + std::chrono::days{20}, 9.0, {}}, // corrected below
        {3, start + std::chrono::days{20}, 4.0, 2},
        {4, start + std::chrono::days{90}, 9.5, {}}, // after the day of the review
    };
    GoalReview r = rules::review_goal(g, points, 1, 3, start + std::chrono::days{30});
    CHECK(r.check_ins == 2);
    CHECK(r.latest_value == 4.0);
    CHECK(r.latest_on == start + std::chrono::days{20});
    REQUIRE(r.progress);
    CHECK(*r.progress == Approx(0.4));
    CHECK(r.trend_per_week);
    CHECK(r.milestones_done == 1);
    CHECK_FALSE(r.overdue);
    // The same facts in another order review alike.
    std::reverse(points.begin(), points.end());
    GoalReview again = rules::review_goal(g, points, 1, 3, start + std::chrono::days{30});
    CHECK(again.latest_value == r.latest_value);
    CHECK(again.progress == r.progress);
    CHECK(again.forecast == r.forecast);
    CHECK(rules::review_goal(g, {}, 0, 0, start + std::chrono::days{101}).overdue);
}

TEST_CASE("Rules: skills group case-insensitively and their slope is least squares", "[rules]") {
    std::vector<CoachingCycle> cycles;
    int scores[] = {3, 5, 7};
    for (int i = 0; i < 3; ++i) {
        CoachingCycle c;
        c.id = CoachingCycleId{i + 1};
        c.skill = i == 1 ? "Case Presentation" : "case presentation";
        c.score = scores[i];
        c.on = make_date(2024, 2, 1 + i);
        cycles.push_back(c);
    }
    auto p = rules::skill_progress(cycles);
    REQUIRE(p.size() == 1);
    CHECK(p[0].skill == "case presentation");
    CHECK(p[0].cycles == 3);
    CHECK(p[0].first_score == 3);
    CHECK(p[0].best_score == 7);
    CHECK(p[0].slope_per_cycle == Approx(2.0));
}

TEST_CASE("Rules: meeting outcomes folded one at a time give the summary of all of them",
          "[rules][property]") {
    const Date start = make_date(2024, 1, 1);
    const Relationship r = relationship(Model::mentoring, Status::active, start);
    for (unsigned seed = 1; seed <= 200; ++seed) {
        INFO("seed " << seed);
        std::mt19937 rng(seed);
        std::vector<rules::MeetingFact> meetings;
        Date day = start;
        const int n = std::uniform_int_distribution<int>(0, 25)(rng);
        for (int i = 0; i < n; ++i) {
            day += std::chrono::days{std::uniform_int_distribution<int>(1, 40)(rng)};
            rules::MeetingFact m;
            m.day = day;
            m.status = static_cast<MeetingStatus>(std::uniform_int_distribution<int>(1, 3)(rng));
            PersonId who = rng() % 2 ? r.guide : r.learner;
            if (m.status == MeetingStatus::cancelled)
                m.cancelled_by = who;
            if (m.status == MeetingStatus::no_show)
                m.absent = who;
            meetings.push_back(m);
        }
        rules::MeetingSummary folded;
        for (const rules::MeetingFact& m : meetings) {
            ++folded.planned; // scheduling counts it
            REQUIRE(rules::add_outcome(folded, r, m, 0));
        }
        rules::MeetingSummary whole = rules::summarize(r, meetings);
        CHECK(folded.planned == whole.planned);
        CHECK(folded.held == whole.held);
        CHECK(folded.cancelled_guide == whole.cancelled_guide);
        CHECK(folded.cancelled_learner == whole.cancelled_learner);
        CHECK(folded.no_show_guide == whole.no_show_guide);
        CHECK(folded.no_show_learner == whole.no_show_learner);
        CHECK(folded.held_first_90 == whole.held_first_90);
        CHECK(folded.longest_gap == whole.longest_gap);
        CHECK(folded.misses == whole.misses);
        CHECK(folded.last_held == whole.last_held);
        // An outcome on or before the last held day cannot be folded in.
        if (whole.last_held)
            CHECK_FALSE(rules::add_outcome(folded, r, {*whole.last_held, MeetingStatus::held}, 0));
    }
}

TEST_CASE("Rules: health is judged against the cadence", "[rules]") {
    const Date start = make_date(2024, 1, 1);
    rules::MeetingSummary x;
    x.planned = x.held = 1;
    x.last_held = start + std::chrono::days{10};
    auto health = [&](int days_later) {
        return rules::stats_of(RelationshipId{1}, Status::active, start, x, 14,
                               *x.last_held + std::chrono::days{days_later})
            .health;
    };
    CHECK(health(10) == Health::on_track);
    CHECK(health(20) == Health::needs_check_in);
    CHECK(health(29) == Health::stalled);
    CHECK(rules::stats_of(RelationshipId{1}, Status::active, start, {}, 14,
                          start + std::chrono::days{3})
              .health == Health::too_early);
    CHECK_FALSE(rules::stats_of(RelationshipId{1}, Status::completed, start, x, 14,
                                start + std::chrono::days{60})
                    .health);
}

TEST_CASE("Rules: a relationship's warnings come from its facts and the day", "[rules]") {
    const Date start = make_date(2024, 1, 1);
    Relationship coaching = relationship(Model::coaching, Status::active, start);
    rules::WarningFacts f;
    auto w = rules::warnings(coaching, start + std::chrono::days{30}, f);
    CHECK(has(w, WarningCode::coaching_without_measurable_goal));
    CHECK(has(w, WarningCode::agreement_not_in_force));
    f.active_measurable_goal = true;
    f.in_force_version = 1;
    f.open_misunderstandings = 2;
    w = rules::warnings(coaching, start + std::chrono::days{30}, f);
    CHECK_FALSE(has(w, WarningCode::coaching_without_measurable_goal));
    CHECK_FALSE(has(w, WarningCode::agreement_not_in_force));
    CHECK(has(w, WarningCode::open_misunderstandings));

    Relationship flash = relationship(Model::mentoring, Status::active, start);
    flash.formality = Formality::flash;
    CHECK_FALSE(has(rules::warnings(flash, start + std::chrono::days{rules::kFlashLimitDays}, f),
                    WarningCode::flash_too_long));
    CHECK(has(rules::warnings(flash, start + std::chrono::days{rules::kFlashLimitDays + 1}, f),
              WarningCode::flash_too_long));
}

TEST_CASE("Text: UTF-8 errors are found at their byte, after ASCII runs of any length",
          "[rules][text]") {
    for (std::size_t n = 0; n <= 40; ++n) {
        INFO("ASCII run of " << n);
        const std::string run(n, 'a');
        CHECK(detail::utf8_error(run) == std::string_view::npos);
        CHECK(detail::utf8_error(run + "\xC3\xA9" + run) == std::string_view::npos);   // é
        CHECK(detail::utf8_error(run + "\xF0\x9F\x99\x82") == std::string_view::npos); // 🙂
        CHECK(detail::utf8_error(run + "\xFF" + "bc") == n);
        CHECK(detail::utf8_error(run + "\xC3") == n);                  // cut short at the end
        CHECK(detail::utf8_error(run + "\xE2\x82" + run) == n);        // cut short inside
        CHECK(detail::utf8_error(run + "\xC0\x80") == n);              // overlong NUL
        CHECK(detail::utf8_error(run + "\xC3\xA9" + "\x80") == n + 2); // a lone continuation
    }
}
