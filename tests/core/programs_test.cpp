// Programs: creation and changes by the coordinator, goals, the standards checklist and its
// appended assessments, participants and marks, the effectiveness and quality reports.

#include "fixtures.hpp"
#include "raw_sqlite.hpp"

#include <cmath>

using namespace mentorkit;
using namespace mk_test;

namespace {

struct ProgramWorld {
    World w;
    PersonId coordinator = w.person("Coordinator", 4);
    PersonId mentor = w.person("Mentor", 3, {{"research", 5}});
    PersonId mentee = w.person("Mentee", 1, {{"research", 1}});
    PersonId other = w.person("Other", 2);
    Programs& programs = w.store.programs();
    ProgramId program = programs.create({"Early career", "Help juniors publish", coordinator});

    explicit ProgramWorld(Store s = Store::open_memory()) : w(std::move(s)) {}
};

} // namespace

TEST_CASE("A program is created, read, listed and changed by its coordinator", "[programs]") {
    ProgramWorld t;
    Program p = t.programs.get(t.program);
    CHECK(p.name == "Early career");
    CHECK(p.purpose == "Help juniors publish");
    CHECK(p.coordinator == t.coordinator);
    REQUIRE(t.programs.list().size() == 1);

    t.programs.update(t.program, {.name = "Early careers", .purpose = {}, .coordinator = {}},
                      t.coordinator);
    CHECK(t.programs.get(t.program).name == "Early careers");
    CHECK(t.programs.get(t.program).purpose == "Help juniors publish");
    t.programs.update(t.program, {.coordinator = t.other}, t.coordinator);
    CHECK(t.programs.get(t.program).coordinator == t.other);
    // The old coordinator has handed over.
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  t.programs.update(t.program, {.name = "x"}, t.coordinator));
}

TEST_CASE("Program changes are refused before anything is written", "[programs][refusals]") {
    ProgramWorld t;
    std::int64_t audit = t.w.audit().total();
    REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                  t.programs.create({"  ", "", t.coordinator}));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, t.programs.create({"New", "", PersonId{999}}));
    REQUIRE_ERROR(RuleViolation, ErrorCode::rule_violation,
                  t.programs.create({"EARLY CAREER", "", t.coordinator}));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, t.programs.get(ProgramId{42}));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  t.programs.set_mentor(t.program, t.mentor, 2, t.mentee));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  t.programs.add_standard(t.program, "Training", "", t.mentor));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  t.programs.set_mentor(t.program, t.mentor, 0, t.coordinator));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  t.programs.set_mentor(t.program, t.mentor, 1001, t.coordinator));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  t.programs.set_mentor(t.program, PersonId{77}, 2, t.coordinator));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  t.programs.set_mentee(t.program, {t.mentee, {}, {}, false}, t.coordinator));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  t.programs.set_mentee(t.program, {t.mentee, {"Research", "research "}, {}, false},
                                        t.coordinator));
    REQUIRE_ERROR(
        InvalidArgument, ErrorCode::empty_text,
        t.programs.set_mentee(t.program, {t.mentee, {"research", " "}, {}, false}, t.coordinator));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  t.programs.remove_mentor(t.program, t.mentor, t.coordinator));
    REQUIRE_ERROR(
        InvalidArgument, ErrorCode::invalid_argument,
        t.programs.mark_pair(t.program, t.mentee, t.mentee, PairMark::wanted, "x", t.coordinator));
    REQUIRE_ERROR(
        InvalidArgument, ErrorCode::empty_text,
        t.programs.mark_pair(t.program, t.mentee, t.mentor, PairMark::wanted, "", t.coordinator));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  t.programs.clear_mark(t.program, t.mentee, t.mentor, t.coordinator));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  t.programs.add_relationship(t.program, RelationshipId{5}, t.coordinator));
    CHECK(t.w.audit().total() == audit);
    CHECK(t.programs.mentees(t.program).empty());
    CHECK(t.programs.mentors(t.program).empty());
}

TEST_CASE("Program goals measure a derived metric in a stated direction", "[programs][goals]") {
    ProgramWorld t;
    NewProgramGoal g{.title = "Most goals attained",
                     .metric = ProgramMetric::goal_attainment,
                     .unit = "share",
                     .baseline = 0.2,
                     .target = 0.8,
                     .direction = Direction::increase,
                     .due = make_date(2024, 12, 31)};
    ProgramGoalId id = t.programs.add_goal(t.program, g, t.coordinator);
    auto goals = t.programs.goals(t.program);
    REQUIRE(goals.size() == 1);
    CHECK(goals[0].id == id);
    CHECK(goals[0].metric == ProgramMetric::goal_attainment);
    CHECK(goals[0].unit == "share");
    CHECK(goals[0].due == make_date(2024, 12, 31));

    std::int64_t audit = t.w.audit().total();
    NewProgramGoal bad = g;
    bad.direction = Direction::decrease;
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  t.programs.add_goal(t.program, bad, t.coordinator));
    bad = g;
    bad.target = bad.baseline;
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  t.programs.add_goal(t.program, bad, t.coordinator));
    bad = g;
    bad.target = std::nan("");
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  t.programs.add_goal(t.program, bad, t.coordinator));
    bad = g;
    bad.title = "";
    REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                  t.programs.add_goal(t.program, bad, t.coordinator));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  t.programs.add_goal(t.program, g, t.mentor));
    CHECK(t.w.audit().total() == audit);
    CHECK(t.programs.goals(t.program).size() == 1);
}

TEST_CASE("The quality report scores the latest assessment of each standard",
          "[programs][quality]") {
    ProgramWorld t;
    StandardId training =
        t.programs.add_standard(t.program, "Mentors are trained", "", t.coordinator);
    StandardId matching =
        t.programs.add_standard(t.program, "Matches are made by a coordinator", "", t.coordinator);
    StandardId review = t.programs.add_standard(t.program, "Yearly review", "", t.coordinator);
    StandardId ethics = t.programs.add_standard(t.program, "Ethics policy", "", t.coordinator);

    QualityReport empty = t.programs.quality(t.program);
    CHECK_FALSE(empty.score.has_value());
    CHECK(empty.unassessed.size() == 4);

    Date d1 = make_date(2024, 1, 2), d2 = make_date(2024, 1, 5);
    t.programs.assess(training, Assessment::not_met, "no sessions yet", d1, t.coordinator);
    t.programs.assess(training, Assessment::met, "two sessions held", d2, t.coordinator);
    t.programs.assess(matching, Assessment::partly, "half matched by hand", d1, t.coordinator);
    t.programs.assess(review, Assessment::not_met, "no review", d2, t.coordinator);
    // An assessment recorded later for an earlier day does not replace a later day's one.
    t.programs.assess(review, Assessment::met, "backdated", d1, t.coordinator);

    QualityReport q = t.programs.quality(t.program);
    CHECK(q.assessed == 3);
    CHECK(q.met == 1);
    CHECK(q.partly == 1);
    CHECK(q.not_met == 1);
    REQUIRE(q.score.has_value());
    CHECK(*q.score == Approx(0.5));
    CHECK(q.unassessed == std::vector<StandardId>{ethics});
    REQUIRE(q.standards.size() == 4);
    CHECK(q.standards[0].latest->rating == Assessment::met);
    CHECK(q.standards[0].latest->evidence == "two sessions held");
    CHECK(t.programs.assessments(training).size() == 2);
    CHECK(t.programs.assessments(review).back().on == d2);

    std::int64_t audit = t.w.audit().total();
    REQUIRE_ERROR(
        InvalidArgument, ErrorCode::invalid_date,
        t.programs.assess(ethics, Assessment::met, "x", make_date(2024, 2, 1), t.coordinator));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                  t.programs.assess(ethics, Assessment::met, " ", d1, t.coordinator));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  t.programs.assess(ethics, Assessment::met, "x", d1, t.mentor));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  t.programs.assess(StandardId{99}, Assessment::met, "x", d1, t.coordinator));
    CHECK(t.w.audit().total() == audit);
}

TEST_CASE("Assessments and program links are history the database keeps", "[programs][history]") {
    TempDir dir;
    auto path = dir.file("p.db");
    {
        ProgramWorld t(Store::open(path));
        StandardId s = t.programs.add_standard(t.program, "Trained", "", t.coordinator);
        t.programs.assess(s, Assessment::met, "yes", make_date(2024, 1, 2), t.coordinator);
        auto r = t.w.active(Model::mentoring, t.mentor, t.mentee);
        t.programs.add_relationship(t.program, r, t.coordinator);
        CHECK(t.programs.program_of(r) == t.program);
        ProgramId second = t.programs.create({"Second", "", t.coordinator});
        REQUIRE_ERROR(RuleViolation, ErrorCode::rule_violation,
                      t.programs.add_relationship(second, r, t.coordinator));
    }
    RawDb raw(path);
    CHECK(raw.exec("UPDATE program_assessment SET rating = 'not_met'") != SQLITE_OK);
    CHECK(raw.exec("DELETE FROM program_assessment") != SQLITE_OK);
    CHECK(raw.exec("DELETE FROM program_relationship") != SQLITE_OK);
    CHECK(raw.exec("UPDATE program_relationship SET program_id = 2") != SQLITE_OK);
    CHECK(raw.exec("DELETE FROM program") != SQLITE_OK);
    CHECK(raw.exec("INSERT INTO program_goal (program_id, title, metric, unit, baseline, target, "
                   "direction, created_at) VALUES (1, 't', 'held_ratio', '', 0, 1, 'decrease', "
                   "0)") != SQLITE_OK);
    CHECK(raw.scalar("SELECT count(*) FROM program_assessment") == "1");
}

TEST_CASE("Participants and marks are kept per program", "[programs][participants]") {
    ProgramWorld t;
    t.programs.set_mentee(t.program, {t.mentee, {"writing", "Research"}, Style::traditional, true},
                          t.coordinator);
    t.programs.set_mentee(t.program, {t.other, {"research"}, {}, false}, t.coordinator);
    t.programs.set_mentor(t.program, t.mentor, 3, t.coordinator);
    auto mentees = t.programs.mentees(t.program);
    REQUIRE(mentees.size() == 2);
    CHECK(mentees[0].person == t.mentee);
    CHECK(mentees[0].areas == std::vector<std::string>{"writing", "Research"});
    CHECK(mentees[0].preferred_style == Style::traditional);
    CHECK(mentees[0].board);
    CHECK_FALSE(mentees[1].preferred_style.has_value());

    // Setting again replaces areas, preference and board.
    t.programs.set_mentee(t.program, {t.mentee, {"research"}, {}, false}, t.coordinator);
    mentees = t.programs.mentees(t.program);
    CHECK(mentees[0].areas == std::vector<std::string>{"research"});
    CHECK_FALSE(mentees[0].board);
    t.programs.set_mentor(t.program, t.mentor, 5, t.coordinator);
    REQUIRE(t.programs.mentors(t.program).size() == 1);
    CHECK(t.programs.mentors(t.program)[0].capacity == 5);

    t.programs.mark_pair(t.program, t.mentee, t.mentor, PairMark::wanted, "asked for",
                         t.coordinator);
    t.programs.mark_pair(t.program, t.mentee, t.mentor, PairMark::forbidden, "conflict",
                         t.coordinator);
    auto marks = t.programs.marks(t.program);
    REQUIRE(marks.size() == 1);
    CHECK(marks[0].mark == PairMark::forbidden);
    CHECK(marks[0].reason == "conflict");
    t.programs.clear_mark(t.program, t.mentee, t.mentor, t.coordinator);
    CHECK(t.programs.marks(t.program).empty());

    t.programs.remove_mentee(t.program, t.other, t.coordinator);
    t.programs.remove_mentor(t.program, t.mentor, t.coordinator);
    CHECK(t.programs.mentees(t.program).size() == 1);
    CHECK(t.programs.mentors(t.program).empty());
}

TEST_CASE("The effectiveness report derives each program goal from the relationships",
          "[programs][effectiveness]") {
    ProgramWorld t;
    World& w = t.w;
    PersonId mentor2 = w.person("Mentor 2", 3, {{"research", 4}});
    PersonId mentee2 = w.person("Mentee 2", 1);
    PersonId mentee3 = w.person("Mentee 3", 1);
    RelationshipId a = w.active(Model::mentoring, t.mentor, t.mentee);
    RelationshipId b = w.active(Model::mentoring, mentor2, mentee2);
    // Proposed only: linked, not started; its goals do not count.
    RelationshipId c = w.rels().propose(w.request(Model::mentoring, t.mentor, mentee3));
    for (RelationshipId r : {a, b, c})
        t.programs.add_relationship(t.program, r, t.coordinator);

    Date start = default_start();
    auto goal = [&](RelationshipId r, PersonId learner, double target) {
        GoalId g = w.store.goals().create({.relationship = r,
                                           .title = "goal",
                                           .measure = Measure{"papers", "papers", 0, target},
                                           .by = learner,
                                           .on = start});
        w.store.goals().activate(g, learner, start);
        return g;
    };
    w.clock.set_today(make_date(2024, 3, 1));
    GoalId g1 = goal(a, t.mentee, 10);
    GoalId g2 = goal(a, t.mentee, 2);
    GoalId g3 = goal(b, mentee2, 4);
    w.store.goals().check_in(g1, t.mentee, make_date(2024, 2, 1), 5.0);
    w.store.goals().check_in(g2, t.mentee, make_date(2024, 2, 10), 2.0);
    w.store.goals().achieve(g3, mentee2, make_date(2024, 2, 20), "done");

    auto meeting = [&](RelationshipId r, PersonId by, Date d) {
        return w.store.meetings().schedule({.relationship = r,
                                            .by = by,
                                            .start = time_on(d, 10),
                                            .link = "https://meet.example/x"});
    };
    w.store.meetings().mark_held(meeting(a, t.mentee, make_date(2024, 1, 20)), t.mentee);
    w.store.meetings().cancel(meeting(a, t.mentee, make_date(2024, 2, 20)), t.mentor,
                              time_on(make_date(2024, 2, 18), 9));
    w.store.meetings().mark_held(meeting(b, mentee2, make_date(2024, 2, 25)), mentee2);

    ProgramGoalId attain =
        t.programs.add_goal(t.program,
                            {"Goals attained", ProgramMetric::goal_attainment, "share", 0.2, 0.8,
                             Direction::increase, make_date(2024, 12, 31)},
                            t.coordinator);
    t.programs.add_goal(t.program,
                        {"Fewer started", ProgramMetric::started_relationships, "pairs", 5, 1,
                         Direction::decrease, make_date(2024, 2, 1)},
                        t.coordinator);
    t.programs.add_goal(t.program,
                        {"Meet early",
                         ProgramMetric::mean_held_first_90_days,
                         "meetings",
                         0,
                         1,
                         Direction::increase,
                         {}},
                        t.coordinator);

    EffectivenessReport rep = t.programs.effectiveness(t.program);
    const ProgramNumbers& n = rep.numbers;
    CHECK(rep.as_of == make_date(2024, 3, 1));
    CHECK(n.relationships == 3);
    CHECK(n.started == 2);
    CHECK(n.active == 2);
    CHECK(n.completed == 0);
    CHECK(n.measurable_goals == 3);
    CHECK(n.goals_attained == 2); // g2 reached its target, g3 achieved
    CHECK(*n.goal_attainment == Approx(2.0 / 3));
    CHECK(*n.mean_goal_progress == Approx((0.5 + 1 + 1) / 3));
    CHECK(n.planned == 3);
    CHECK(n.held == 2);
    CHECK(*n.held_ratio == Approx(2.0 / 3));
    CHECK(n.held_first_90_days == 2);
    CHECK(*n.mean_held_first_90_days == Approx(1.0));
    int judged = 0, on_track = 0;
    for (RelationshipId r : {a, b}) {
        auto h = w.store.meetings().stats(r).health;
        if (h && *h != Health::too_early) {
            ++judged;
            on_track += *h == Health::on_track ? 1 : 0;
        }
    }
    CHECK(n.health_judged == judged);
    CHECK(n.on_track == on_track);
    CHECK(n.share_on_track.has_value() == (judged > 0));

    REQUIRE(rep.goals.size() == 3);
    CHECK(rep.goals[0].goal.id == attain);
    CHECK(*rep.goals[0].current == Approx(2.0 / 3));
    CHECK(*rep.goals[0].progress == Approx((2.0 / 3 - 0.2) / 0.6));
    CHECK_FALSE(rep.goals[0].attained);
    CHECK_FALSE(rep.goals[0].overdue);
    CHECK(*rep.goals[1].current == 2);
    CHECK(*rep.goals[1].progress == Approx(0.75));
    CHECK_FALSE(rep.goals[1].attained);
    CHECK(rep.goals[1].overdue);
    CHECK(rep.goals[2].attained);
    CHECK(*rep.goals[2].progress == Approx(1.0));

    // As of a day before any check-in: only the achieved goal is attained.
    EffectivenessReport early = t.programs.effectiveness(t.program, make_date(2024, 1, 25));
    CHECK(early.numbers.goals_attained == 1);
    CHECK(*early.numbers.mean_goal_progress == Approx(1.0 / 3));
}

TEST_CASE("An empty program reports nothing measurable yet", "[programs][effectiveness]") {
    ProgramWorld t;
    t.programs.add_goal(t.program,
                        {"Held", ProgramMetric::held_ratio, "", 0.5, 0.9, Direction::increase, {}},
                        t.coordinator);
    EffectivenessReport rep = t.programs.effectiveness(t.program);
    CHECK(rep.numbers.relationships == 0);
    CHECK_FALSE(rep.numbers.goal_attainment.has_value());
    CHECK_FALSE(rep.numbers.held_ratio.has_value());
    CHECK_FALSE(rep.numbers.share_on_track.has_value());
    REQUIRE(rep.goals.size() == 1);
    CHECK_FALSE(rep.goals[0].current.has_value());
    CHECK_FALSE(rep.goals[0].progress.has_value());
    CHECK_FALSE(rep.goals[0].attained);
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, t.programs.effectiveness(ProgramId{9}));
    CHECK(to_string(ProgramMetric::mean_held_first_90_days) == "mean_held_first_90_days");
    CHECK(to_string(Assessment::not_met) == "not_met");
    CHECK(to_string(PairMark::forbidden) == "forbidden");
    CHECK(to_string(Direction::decrease) == "decrease");
}
