// Every read of a relationship's content goes through an acting person (store.hpp "Who reads
// what"): the two parties read goals, check-ins, reviews, agreement versions, misunderstandings,
// action items and coaching cycles; the learner's supervisor, another guide of the same learner
// and a stranger are refused and nothing is written; the audit log shows each person only the
// entries that concern them.

#include "fixtures.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

using namespace mentorkit;
using namespace mk_test;

namespace {

const std::string kLink = "https://meet.example.org/abc";

/// A coachee with a coach (the pair under test), a mentor, a supervisor (in the hierarchy and in
/// a supervision relationship) and a stranger; the pair's relationship holds one of everything.
/// Today is 2024-03-01.
struct Pair {
    World w;
    PersonId supervisor = w.person("Supervisor", 5);
    PersonId learner = w.person("Coachee", 1, {{"presenting", 1}}, supervisor);
    PersonId coach = w.person("Coach", 4, {{"presenting", 5}});
    PersonId mentor = w.person("Mentor", 3);
    PersonId stranger = w.person("Stranger", 2);
    RelationshipId pair = w.active(Model::coaching, coach, learner, "presenting");
    RelationshipId mentoring = w.active(Model::mentoring, mentor, learner, "writing");
    RelationshipId lab = w.active(Model::supervision, supervisor, learner, "lab work");

    GoalId goal{};
    CheckInId check_in{};
    GoalReviewId review{};
    MisunderstandingId misunderstanding{};
    ActionItemId item{};
    CoachingCycleId cycle{};
    MeetingId meeting{};
    NoteId coach_private{}, learner_pair{};

    Pair() {
        w.clock.set_today(day24(3, 1));
        Store& s = w.store;
        goal = s.goals().create(
            measurable_goal(pair, learner, 0, 10, day24(6, 30), default_start(), "Talk at ICML"));
        s.goals().activate(goal, learner, default_start());
        s.goals().add_milestone(goal, "Outline", day24(2, 1), learner);
        check_in = s.goals().check_in(goal, coach, day24(2, 1), 3.0, "Quokka: nervous at slide 4");
        review = s.goals().hold_review(pair, coach, day24(2, 15),
                                       {ReviewItem{goal, ReviewDecision::kept, "", {}}}, "fine");
        s.agreements().edit_clause(pair, 0, "Platypus clause: we rehearse weekly.", coach);
        s.agreements().sign(pair, 1, coach);
        s.agreements().sign(pair, 1, learner);
        misunderstanding =
            s.agreements().raise_misunderstanding(pair, learner, day24(2, 2), "Who books rooms?");
        NewActionItem a;
        a.relationship = pair;
        a.title = "Rehearse the opening";
        a.assignee = learner;
        a.due = day24(2, 10);
        a.by = coach;
        a.on = day24(2, 1);
        item = s.actions().create(a);
        NewCoachingCycle c;
        c.relationship = pair;
        c.by = coach;
        c.on = day24(2, 5);
        c.skill = "opening";
        c.score = 5;
        c.question = "What did the audience need first?";
        cycle = s.coaching().record(c);
        NewMeeting m;
        m.relationship = pair;
        m.by = learner;
        m.start = time_on(day24(2, 20), 10);
        m.link = kLink;
        meeting = s.meetings().schedule(m);
        s.meetings().mark_held(meeting, coach);
        s.meetings().rate(meeting, coach, 2, "Axolotl: tired", Visibility::private_);
        s.meetings().rate(meeting, learner, 4, "useful", Visibility::pair);
        coach_private = note(coach, "Marmalade: private to the coach", Visibility::private_);
        learner_pair = note(learner, "Shared with my coach", Visibility::pair);

        // The outsiders have content of their own elsewhere.
        s.goals().create(open_goal(mentoring, learner, {}, default_start(), "Write more"));
        s.agreements().raise_misunderstanding(lab, supervisor, day24(2, 2), "Lab hours");
    }

    NoteId note(PersonId author, const std::string& text, Visibility visibility) {
        NewNote n;
        n.relationship = pair;
        n.author = author;
        n.text = text;
        n.visibility = visibility;
        n.on = day24(2, 20);
        return w.store.notes().write(n);
    }

    std::vector<PersonId> outsiders() const { return {supervisor, mentor, stranger}; }
};

/// Every read of the pair's content, by `acting`, each returning how many things it read.
std::vector<std::pair<std::string, std::function<std::size_t()>>> reads(Pair& p, PersonId acting) {
    Store& s = p.w.store;
    return {
        {"goals.get",
         [&s, &p, acting] {
             return s.goals().get(p.goal, acting).milestones.size();
         }},
        {"goals.list",
         [&s, &p, acting] {
             return s.goals().list(p.pair, acting).size();
         }},
        {"goals.check_ins",
         [&s, &p, acting] {
             return s.goals().check_ins(p.goal, acting).size();
         }},
        {"goals.review",
         [&s, &p, acting] {
             return static_cast<std::size_t>(s.goals().review(p.goal, acting).check_ins);
         }},
        {"goals.reviews",
         [&s, &p, acting] {
             return s.goals().reviews(p.pair, acting).size();
         }},
        {"goals.review_history",
         [&s, &p, acting] {
             return s.goals().review_history(p.pair, acting).size();
         }},
        {"agreements.current",
         [&s, &p, acting] {
             return s.agreements().current(p.pair, acting).clauses.size();
         }},
        {"agreements.in_force",
         [&s, &p, acting] {
             return static_cast<std::size_t>(s.agreements().in_force(p.pair, acting).has_value());
         }},
        {"agreements.versions",
         [&s, &p, acting] {
             return s.agreements().versions(p.pair, acting).size();
         }},
        {"agreements.version",
         [&s, &p, acting] {
             return s.agreements().version(p.pair, 1, acting).clauses.size();
         }},
        {"agreements.misunderstandings",
         [&s, &p, acting] {
             return s.agreements().misunderstandings(p.pair, acting).size();
         }},
        {"actions.get",
         [&s, &p, acting] {
             return static_cast<std::size_t>(s.actions().get(p.item, acting).is_open());
         }},
        {"actions.list",
         [&s, &p, acting] {
             return s.actions().list(p.pair, acting).size();
         }},
        {"actions.overdue",
         [&s, &p, acting] {
             return s.actions().overdue(p.pair, acting).size();
         }},
        {"coaching.list",
         [&s, &p, acting] {
             return s.coaching().list(p.pair, acting).size();
         }},
        {"coaching.series",
         [&s, &p, acting] {
             return s.coaching().series(p.pair, "Opening", acting).size();
         }},
        {"coaching.progress",
         [&s, &p, acting] {
             return s.coaching().progress(p.pair, acting).size();
         }},
        {"meetings.list",
         [&s, &p, acting] {
             return s.meetings().list(p.pair, acting).size();
         }},
    };
}

/// True when an audit entry is about the pair's relationship or one of its records.
bool about_pair(const Pair& p, const AuditEntry& e) {
    const std::string rel = "\"relationship\":" + std::to_string(raw(p.pair));
    auto is = [&](const char* entity, std::int64_t id) {
        return e.entity == entity && e.entity_id == id;
    };
    return is("relationship", raw(p.pair)) || is("goal", raw(p.goal)) ||
           is("checkin", raw(p.check_in)) || is("goal_review", raw(p.review)) ||
           is("misunderstanding", raw(p.misunderstanding)) || is("action_item", raw(p.item)) ||
           is("coaching_cycle", raw(p.cycle)) || is("meeting", raw(p.meeting)) ||
           is("note", raw(p.coach_private)) || is("note", raw(p.learner_pair)) ||
           e.detail.find(rel + ",") != std::string::npos ||
           e.detail.find(rel + "}") != std::string::npos;
}

} // namespace

TEST_CASE("The two parties read everything of their relationship", "[access][parties]") {
    Pair p;
    const std::vector<std::size_t> expected = {
        1, // the goal's milestone
        1, // one goal
        1, // one check-in
        1, // the review counts it
        1, // one goal reviewed
        1, // one periodic review
        agreement_template(p.w.rels().get(p.pair)).clauses.size(),
        1, // in force
        1, // one version
        agreement_template(p.w.rels().get(p.pair)).clauses.size(),
        1, // one misunderstanding
        1, // open
        1, // one item
        1, // overdue since 2024-02-10
        1, // one cycle
        1, // its skill, case-insensitive
        1, // one skill
        1, // one meeting
    };
    for (auto party : {p.coach, p.learner}) {
        INFO("party " << raw(party));
        auto all = reads(p, party);
        REQUIRE(all.size() == expected.size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            INFO(all[i].first);
            CHECK(all[i].second() == expected[i]);
        }
        CHECK(p.w.store.goals().check_ins(p.goal, party).at(0).note ==
              std::optional<std::string>("Quokka: nervous at slide 4"));
        CHECK(p.w.store.agreements().current(p.pair, party).clauses.at(0).text ==
              "Platypus clause: we rehearse weekly.");
    }
}

TEST_CASE(
    "The learner's supervisor, another guide and a stranger are refused and nothing is written",
    "[access][outsiders]") {
    Pair p;
    auto total = p.w.audit().total();
    for (auto outsider : p.outsiders()) {
        for (auto& [name, read] : reads(p, outsider)) {
            INFO("outsider " << raw(outsider) << ": " << name);
            auto message = REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, read());
            CHECK_THAT(message,
                       Catch::Contains("person " + std::to_string(raw(outsider)) +
                                       " is not a party to relationship " +
                                       std::to_string(raw(p.pair)) + " and cannot read its"));
        }
    }
    CHECK(p.w.audit().total() == total);

    // An unknown acting person is not found; unknown records stay NotFound for anyone.
    for (auto& [name, read] : reads(p, PersonId{9999})) {
        INFO(name);
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, read());
    }
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, p.w.store.goals().get(GoalId{9999}, p.coach));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  p.w.store.actions().get(ActionItemId{9999}, p.coach));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  p.w.store.agreements().current(RelationshipId{9999}, p.coach));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, p.w.store.notes().list(p.pair, PersonId{9999}));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  p.w.store.meetings().list(p.pair, PersonId{9999}));
    CHECK(p.w.audit().total() == total);

    // Each outsider still reads their own relationship with the learner.
    CHECK(p.w.store.goals().list(p.mentoring, p.mentor).size() == 1);
    CHECK(p.w.store.agreements().misunderstandings(p.lab, p.supervisor).size() == 1);
    REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                  p.w.store.goals().list(p.mentoring, p.coach));
}

TEST_CASE("Program structure stays readable by anyone", "[access][structure]") {
    Pair p;
    for (auto who : p.outsiders()) {
        INFO("person " << raw(who));
        auto r = p.w.rels().get(p.pair);
        CHECK(r.guide == p.coach);
        CHECK(r.learner == p.learner);
        // Warnings, stats and health carry no text written in the relationship.
        for (const auto& warning : p.w.rels().warnings(p.pair)) {
            CHECK(warning.message.find("Platypus") == std::string::npos);
            CHECK(warning.message.find("Rehearse") == std::string::npos);
        }
        CHECK(p.w.has_warning(p.pair, WarningCode::overdue_action_items));
        CHECK(p.w.store.meetings().stats(p.pair).held == 1);
        CHECK(p.w.store.goals().review_all().size() == 2);
    }
}

TEST_CASE("The audit log shows each party their relationship and outsiders nothing of it",
          "[access][audit]") {
    Pair p;
    auto& log = p.w.audit();
    auto private_to_coach = [&](const AuditEntry& e) {
        return (e.entity == "note" && e.entity_id == raw(p.coach_private)) ||
               (e.entity == "meeting" && e.action == "rate" && e.actor == p.coach);
    };
    // What was written about the pair: propose and accept; create, activate and a milestone of
    // the goal; a check-in; a periodic review; a clause edit and two signatures; a
    // misunderstanding; an action item; a coaching cycle; a meeting scheduled, held and rated
    // twice; two notes. The coach sees all 19, the learner all but the coach's private note and
    // private rating.
    std::multiset<std::string> written = {"relationship propose",
                                          "relationship accept",
                                          "goal create",
                                          "goal activate",
                                          "goal add_milestone",
                                          "checkin check_in",
                                          "goal_review hold_review",
                                          "agreement edit_clause",
                                          "agreement sign",
                                          "agreement sign",
                                          "misunderstanding raise",
                                          "action_item create",
                                          "coaching_cycle record",
                                          "meeting schedule",
                                          "meeting held",
                                          "meeting rate",
                                          "meeting rate",
                                          "note write",
                                          "note write"};
    for (auto party : {p.coach, p.learner}) {
        INFO("party " << raw(party));
        auto seen = log.entries(party);
        CHECK(log.count(party) == static_cast<std::int64_t>(seen.size()));
        std::multiset<std::string> about;
        for (const auto& e : seen)
            if (about_pair(p, e))
                about.insert(e.entity + " " + e.action);
        std::multiset<std::string> expected = written;
        if (party == p.learner) {
            expected.erase(expected.find("meeting rate"));
            expected.erase(expected.find("note write"));
        }
        CHECK(about == expected);
        // Nothing of the pair's text is in any payload.
        for (const auto& e : seen)
            for (const char* secret : {"Quokka", "Marmalade", "Axolotl", "Shared with my"}) {
                INFO(e.action << " " << e.entity << ": " << e.detail);
                CHECK(e.detail.find(secret) == std::string::npos);
            }
    }
    // The coach sees their private note and rating being written; the learner does not.
    auto learner_sees = log.entries(p.learner);
    CHECK(std::none_of(learner_sees.begin(), learner_sees.end(), private_to_coach));
    auto coach_sees = log.entries(p.coach);
    CHECK(std::count_if(coach_sees.begin(), coach_sees.end(), private_to_coach) == 2);

    for (auto outsider : p.outsiders()) {
        INFO("outsider " << raw(outsider));
        auto seen = log.entries(outsider);
        CHECK(log.count(outsider) == static_cast<std::int64_t>(seen.size()));
        for (const auto& e : seen) {
            INFO(e.action << " " << e.entity << " " << e.entity_id << ": " << e.detail);
            CHECK_FALSE(about_pair(p, e));
        }
        // Filters narrow what may be seen; they never widen it.
        AuditFilter f;
        f.entity = "goal";
        f.entity_id = raw(p.goal);
        CHECK(log.entries(outsider, f).empty());
        f.entity = "relationship";
        f.entity_id = raw(p.pair);
        CHECK(log.entries(outsider, f).empty());
    }
    // A stranger sees only their own person record being created.
    auto stranger = log.entries(p.stranger);
    REQUIRE(stranger.size() == 1);
    CHECK(stranger[0].entity == "person");
    CHECK(stranger[0].entity_id == raw(p.stranger));
    // The supervisor sees the supervision relationship, not the coaching next to it.
    auto boss = log.entries(p.supervisor);
    CHECK(std::any_of(boss.begin(), boss.end(), [&](const AuditEntry& e) {
        return e.entity == "relationship" && e.entity_id == raw(p.lab);
    }));
    CHECK(std::any_of(boss.begin(), boss.end(),
                      [&](const AuditEntry& e) { return e.entity == "misunderstanding"; }));

    // Reading the log writes nothing; an unknown reader is not found.
    auto total = log.total();
    log.entries(p.stranger);
    log.count(p.coach);
    CHECK(log.total() == total);
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, log.entries(PersonId{9999}));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, log.count(PersonId{9999}));
    // The whole log holds more than anyone sees.
    CHECK(log.total() > log.count(p.coach));
    CHECK(log.total() > log.count(p.learner));
}

TEST_CASE("A shared note's entries reach the other party once it is shared", "[access][audit]") {
    Pair p;
    auto sees_note = [&](PersonId who) {
        AuditFilter f;
        f.entity = "note";
        f.entity_id = raw(p.coach_private);
        return p.w.audit().entries(who, f).size();
    };
    CHECK(sees_note(p.coach) == 1);
    CHECK(sees_note(p.learner) == 0);
    p.w.store.notes().share(p.coach_private, Visibility::pair, p.coach);
    CHECK(sees_note(p.coach) == 2);
    CHECK(sees_note(p.learner) == 2);
    CHECK(sees_note(p.mentor) == 0);
}
