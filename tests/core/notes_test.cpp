// Notes and resistance entries: private by default, shared with the pair or the learner's board,
// never visible to the learner's supervisor or anyone else; sharing only widens; the audit log
// never holds a note's text.

#include "fixtures.hpp"

#include <algorithm>

using namespace mentorkit;
using namespace mk_test;

namespace {

/// A learner with a board of two mentors and a coach, a supervisor (in the hierarchy and in a
/// supervision relationship) and a stranger. Today is 2024-03-01.
struct Circle {
    World w;
    PersonId supervisor = w.person("Supervisor", 5);
    PersonId learner = w.person("Learner", 1, {}, supervisor);
    PersonId mentor = w.person("Research mentor", 3);
    PersonId mentor2 = w.person("Writing mentor", 3);
    PersonId coach = w.person("Coach", 4);
    PersonId stranger = w.person("Stranger", 2);
    RelationshipId research = w.active(Model::mentoring, mentor, learner, "research");
    RelationshipId writing = w.active(Model::mentoring, mentor2, learner, "writing");
    RelationshipId presenting = w.active(Model::coaching, coach, learner, "presenting");
    RelationshipId lab = w.active(Model::supervision, supervisor, learner, "lab work");

    Circle() { w.clock.set_today(day24(3, 1)); }

    Notes& notes() { return w.store.notes(); }

    NoteId write(RelationshipId rel, PersonId author, const std::string& text,
                 std::optional<Visibility> visibility = {}, std::optional<GoalId> goal = {},
                 Date on = day24(2, 1)) {
        NewNote n;
        n.relationship = rel;
        n.author = author;
        n.text = text;
        if (visibility)
            n.visibility = *visibility;
        n.goal = goal;
        n.on = on;
        return notes().write(n);
    }

    std::vector<PersonId> everyone() const {
        return {supervisor, learner, mentor, mentor2, coach, stranger};
    }

    /// Who of everyone() may see the note, checked through get(), can_see() and list().
    std::vector<PersonId> readers(NoteId id, RelationshipId rel) {
        std::vector<PersonId> out;
        for (auto person : everyone()) {
            INFO("person " << raw(person));
            bool listed = false;
            for (const auto& n : notes().list(rel, person))
                if (n.id == id)
                    listed = true;
            bool got = false;
            try {
                auto n = notes().get(id, person);
                got = true;
                CHECK(n.id == id);
                CHECK(notes().can_see(n, person));
            } catch (const NotFound& e) {
                CHECK(e.code() == ErrorCode::not_found);
            }
            CHECK(listed == got);
            if (got)
                out.push_back(person);
        }
        std::sort(out.begin(), out.end());
        return out;
    }
    std::vector<PersonId> sorted(std::vector<PersonId> people) const {
        std::sort(people.begin(), people.end());
        return people;
    }
};

std::vector<NoteId> ids_of(const std::vector<Note>& notes) {
    std::vector<NoteId> out;
    for (const auto& n : notes)
        out.push_back(n.id);
    return out;
}

} // namespace

TEST_CASE("Note enums have lower-case names", "[notes][names]") {
    CHECK(to_string(Visibility::private_) == "private");
    CHECK(to_string(Visibility::pair) == "pair");
    CHECK(to_string(Visibility::board) == "board");
    CHECK(to_string(NoteKind::note) == "note");
    CHECK(to_string(NoteKind::resistance) == "resistance");
}

TEST_CASE("Notes are private by default", "[notes][privacy]") {
    Circle c;
    auto board = c.w.rels().board(c.learner);
    REQUIRE(board.size() == 3); // two mentors and the coach; supervision is not on the board

    auto id = c.write(c.research, c.mentor, "She seems stuck on the methods chapter.");
    auto n = c.notes().get(id, c.mentor);
    CHECK(n.id == id);
    CHECK(n.relationship == c.research);
    CHECK_FALSE(n.goal.has_value());
    CHECK(n.author == c.mentor);
    CHECK(n.kind == NoteKind::note);
    CHECK(n.visibility == Visibility::private_);
    CHECK(n.on == day24(2, 1));
    CHECK(n.text == "She seems stuck on the methods chapter.");
    CHECK(n.written_at == c.w.clock.now());

    CHECK(c.readers(id, c.research) == c.sorted({c.mentor}));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.notes().get(id, c.learner));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.notes().get(id, c.supervisor));
    CHECK_FALSE(c.notes().can_see(n, c.learner));
    CHECK_FALSE(c.notes().can_see(n, c.supervisor));

    SECTION("the learner's private note is the learner's alone") {
        auto mine = c.write(c.research, c.learner, "I am not sure this is the right mentor.");
        CHECK(c.readers(mine, c.research) == c.sorted({c.learner}));
    }
    SECTION("unknown notes are not found either") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.notes().get(NoteId{999}, c.mentor));
    }
}

TEST_CASE("Pair notes are visible to the relationship's two parties only", "[notes][privacy]") {
    Circle c;
    auto id = c.write(c.research, c.mentor, "Agreed: two pages a week.", Visibility::pair);
    CHECK(c.notes().get(id, c.learner).visibility == Visibility::pair);
    // Not the learner's supervisor, not the learner's other mentor or coach, not a stranger.
    CHECK(c.readers(id, c.research) == c.sorted({c.mentor, c.learner}));

    SECTION("in a supervision relationship the pair is the supervisor and the supervisee") {
        auto lab = c.write(c.lab, c.supervisor, "Lab safety refresher booked.", Visibility::pair);
        CHECK(c.readers(lab, c.lab) == c.sorted({c.supervisor, c.learner}));
    }
}

TEST_CASE("Board notes are visible to the learner and every guide on the board",
          "[notes][privacy]") {
    Circle c;
    auto id = c.write(c.research, c.mentor, "Plan for the year: thesis, one paper, one talk.",
                      Visibility::board);
    // The supervisor is not on the board; neither is the stranger.
    CHECK(c.readers(id, c.research) == c.sorted({c.learner, c.mentor, c.mentor2, c.coach}));

    SECTION("written by the learner in the coaching relationship") {
        auto mine =
            c.write(c.presenting, c.learner, "My goals across all my mentors.", Visibility::board);
        CHECK(c.readers(mine, c.presenting) == c.sorted({c.learner, c.mentor, c.mentor2, c.coach}));
    }
    SECTION("a guide who left the board no longer sees it") {
        c.w.rels().complete(c.writing, c.learner, day24(3, 1), "thesis written");
        CHECK(c.readers(id, c.research) == c.sorted({c.learner, c.mentor, c.coach}));
    }
}

TEST_CASE("list() and for_goal() return only what the acting person may see",
          "[notes][privacy][list]") {
    Circle c;
    auto& goals = c.w.store.goals();
    auto g = goals.create(open_goal(c.research, c.learner, {}, default_start(), "Find a postdoc"));
    goals.activate(g, c.learner, default_start());
    auto other_goal =
        goals.create(open_goal(c.research, c.learner, {}, default_start(), "Teach a course"));

    auto n1 = c.write(c.research, c.mentor, "n1 private on goal", {}, g, day24(2, 1));
    auto n2 = c.write(c.research, c.learner, "n2 pair on goal", Visibility::pair, g, day24(2, 2));
    auto n3 = c.write(c.research, c.mentor, "n3 board", Visibility::board, {}, day24(2, 3));
    auto n4 = c.write(c.research, c.learner, "n4 private", {}, {}, day24(2, 4));
    auto n5 = c.write(c.research, c.mentor, "n5 pair on goal", Visibility::pair, g, day24(2, 5));
    auto n6 =
        c.write(c.research, c.learner, "n6 other goal", Visibility::board, other_goal, day24(2, 6));
    c.write(c.writing, c.mentor2, "elsewhere", Visibility::pair, {}, day24(2, 1));

    using V = std::vector<NoteId>;
    CHECK(ids_of(c.notes().list(c.research, c.mentor)) == V{n1, n2, n3, n5, n6});
    CHECK(ids_of(c.notes().list(c.research, c.learner)) == V{n2, n3, n4, n5, n6});
    CHECK(ids_of(c.notes().list(c.research, c.mentor2)) == V{n3, n6});
    CHECK(ids_of(c.notes().list(c.research, c.coach)) == V{n3, n6});
    CHECK(c.notes().list(c.research, c.supervisor).empty());
    CHECK(c.notes().list(c.research, c.stranger).empty());

    CHECK(ids_of(c.notes().for_goal(g, c.mentor)) == V{n1, n2, n5});
    CHECK(ids_of(c.notes().for_goal(g, c.learner)) == V{n2, n5});
    CHECK(c.notes().for_goal(g, c.mentor2).empty());
    CHECK(c.notes().for_goal(g, c.supervisor).empty());
    CHECK(c.notes().for_goal(g, c.stranger).empty());
    CHECK(ids_of(c.notes().for_goal(other_goal, c.coach)) == V{n6});
    for (const auto& n : c.notes().for_goal(g, c.mentor))
        CHECK(n.goal == std::optional<GoalId>(g));
}

TEST_CASE("Resistance entries document what was tried and the response", "[notes][resistance]") {
    Circle c;
    auto& goals = c.w.store.goals();
    auto g = goals.create(open_goal(c.presenting, c.coach, {}, default_start(), "Speak up"));
    goals.activate(g, c.coach, default_start());
    auto audit = c.w.audit().total();

    NewNote r;
    r.relationship = c.presenting;
    r.goal = g;
    r.author = c.coach;
    r.kind = NoteKind::resistance;
    r.on = day24(2, 12);
    r.tried = "Asked her to open the next team meeting";
    r.response = "Declined twice; says the team does not listen";

    SECTION("tried and response are required, text is optional") {
        auto missing_tried = r;
        missing_tried.tried = " ";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, c.notes().write(missing_tried));
        auto missing_response = r;
        missing_response.response = "";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, c.notes().write(missing_response));
        CHECK(c.notes().list(c.presenting, c.coach).empty());
        CHECK(c.w.audit().total() == audit);

        auto id = c.notes().write(r);
        auto n = c.notes().get(id, c.coach);
        CHECK(n.kind == NoteKind::resistance);
        CHECK(n.goal == std::optional<GoalId>(g));
        CHECK(n.tried == "Asked her to open the next team meeting");
        CHECK(n.response == "Declined twice; says the team does not listen");
        CHECK(n.text.empty());
        CHECK(n.on == day24(2, 12));
        // Private by default, like every note.
        CHECK(n.visibility == Visibility::private_);
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.notes().get(id, c.learner));
    }
    SECTION("on the relationship, with a comment, shared with the pair") {
        r.goal.reset();
        r.text = "Third week without progress";
        r.visibility = Visibility::pair;
        auto id = c.notes().write(r);
        auto n = c.notes().get(id, c.learner);
        CHECK_FALSE(n.goal.has_value());
        CHECK(n.text == "Third week without progress");
        CHECK(ids_of(c.notes().list(c.presenting, c.learner)) == std::vector<NoteId>{id});
    }
}

TEST_CASE("Malformed or unauthorised notes are refused", "[notes][validation]") {
    Circle c;
    auto& goals = c.w.store.goals();
    auto foreign_goal = goals.create(open_goal(c.writing, c.learner, {}, default_start()));
    auto audit = c.w.audit().total();

    SECTION("a non-party author, including the learner's supervisor") {
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.write(c.research, c.supervisor, "Supervisor's view"));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.write(c.research, c.mentor2, "Other mentor's view"));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.write(c.research, c.stranger, "Gossip"));
    }
    SECTION("a goal of another relationship") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.write(c.research, c.mentor, "wrong goal", {}, foreign_goal));
    }
    SECTION("missing text") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, c.write(c.research, c.mentor, ""));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      c.write(c.research, c.mentor, "  \n "));
    }
    SECTION("a day in the future") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      c.write(c.research, c.mentor, "tomorrow", {}, {}, day24(3, 2)));
    }
    for (auto person : c.everyone())
        CHECK(c.notes().list(c.research, person).empty());
    CHECK(c.w.audit().total() == audit);
}

TEST_CASE("Only the author shares a note, and only more widely", "[notes][share]") {
    Circle c;
    auto id = c.write(c.research, c.mentor, "Worth introducing her to the editor.");

    SECTION("private -> pair -> board") {
        c.notes().share(id, Visibility::pair, c.mentor);
        CHECK(c.notes().get(id, c.mentor).visibility == Visibility::pair);
        CHECK(c.readers(id, c.research) == c.sorted({c.mentor, c.learner}));
        c.notes().share(id, Visibility::board, c.mentor);
        CHECK(c.notes().get(id, c.mentor).visibility == Visibility::board);
        CHECK(c.readers(id, c.research) == c.sorted({c.mentor, c.learner, c.mentor2, c.coach}));
        // Still nothing for the supervisor.
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.notes().get(id, c.supervisor));
    }
    SECTION("private -> board directly") {
        c.notes().share(id, Visibility::board, c.mentor);
        CHECK(c.readers(id, c.research) == c.sorted({c.mentor, c.learner, c.mentor2, c.coach}));
    }
    SECTION("a shared note cannot be taken back") {
        c.notes().share(id, Visibility::board, c.mentor);
        auto audit = c.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::rule_violation,
                      c.notes().share(id, Visibility::pair, c.mentor));
        REQUIRE_ERROR(RuleViolation, ErrorCode::rule_violation,
                      c.notes().share(id, Visibility::private_, c.mentor));
        CHECK(c.notes().get(id, c.mentor).visibility == Visibility::board);
        CHECK(c.w.audit().total() == audit);
        auto pair = c.write(c.research, c.mentor, "pair note", Visibility::pair);
        audit = c.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::rule_violation,
                      c.notes().share(pair, Visibility::private_, c.mentor));
        CHECK(c.notes().get(pair, c.mentor).visibility == Visibility::pair);
        CHECK(c.w.audit().total() == audit);
    }
    SECTION("only the author may share") {
        auto pair = c.write(c.research, c.mentor, "pair note", Visibility::pair);
        auto audit = c.w.audit().total();
        // The learner can read it but did not write it.
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      c.notes().share(pair, Visibility::board, c.learner));
        CHECK(c.notes().get(pair, c.mentor).visibility == Visibility::pair);
        CHECK(c.w.audit().total() == audit);
        REQUIRE_THROWS_AS(c.notes().share(id, Visibility::board, c.supervisor), Error);
        CHECK(c.notes().get(id, c.mentor).visibility == Visibility::private_);
        CHECK(c.w.audit().total() == audit);
    }
}

TEST_CASE("The audit log records that a note was written, never its text", "[notes][audit]") {
    Circle c;
    auto audit = c.w.audit().total();
    auto id = c.write(c.research, c.mentor, "Zebra-marmalade confession about the lab.");
    NewNote r;
    r.relationship = c.research;
    r.author = c.mentor;
    r.kind = NoteKind::resistance;
    r.on = day24(2, 20);
    r.text = "Quokka remark";
    r.tried = "Tried the platypus method";
    r.response = "Responded with an axolotl shrug";
    auto rid = c.notes().write(r);
    c.notes().share(id, Visibility::pair, c.mentor);
    c.notes().share(rid, Visibility::board, c.mentor);
    CHECK(c.w.audit().total() >= audit + 2);

    std::vector<AuditEntry> entries; // what anyone may read
    for (auto who : c.everyone())
        for (auto& e : c.w.audit().entries(who))
            entries.push_back(std::move(e));
    REQUIRE(entries.size() >= 4);
    for (const auto& e : entries) {
        INFO("audit entry " << e.id << ": " << e.action << " " << e.entity << " " << e.detail);
        for (const char* phrase : {"Zebra", "marmalade", "Quokka", "platypus", "axolotl"}) {
            CHECK(e.detail.find(phrase) == std::string::npos);
            CHECK(e.action.find(phrase) == std::string::npos);
            CHECK(e.entity.find(phrase) == std::string::npos);
        }
    }
}
