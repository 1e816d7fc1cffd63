// Action items between meetings: assignment to either party, refusals, ordering, overdue
// items and the overdue_action_items warning, closing.

#include "fixtures.hpp"

using namespace mentorkit;
using namespace mk_test;

namespace {

NewActionItem action(RelationshipId rel, PersonId by, PersonId assignee, const std::string& title,
                     std::optional<Date> due = {}, std::optional<GoalId> goal = {},
                     std::optional<Date> on = {}) {
    NewActionItem a;
    a.relationship = rel;
    a.by = by;
    a.assignee = assignee;
    a.title = title;
    a.due = due;
    a.goal = goal;
    a.on = on;
    return a;
}

std::vector<ActionItemId> ids_of(const std::vector<ActionItem>& items) {
    std::vector<ActionItemId> out;
    for (const auto& i : items)
        out.push_back(i.id);
    return out;
}

} // namespace

TEST_CASE("Action items are assigned to either party", "[actions][create]") {
    Duo p(Model::mentoring, day24(2, 1));
    auto& actions = p.w.store.actions();
    auto goal = p.active_measurable(0, 3, {}, "Publish");

    auto attempt =
        actions.create(action(p.rel, p.guide, p.learner, "Give the talk again", day24(2, 15)));
    auto intro = actions.create(action(p.rel, p.learner, p.guide, "Introduce me to the editor",
                                       std::nullopt, goal, day24(1, 20)));

    auto a = actions.get(attempt, p.learner);
    CHECK(a.id == attempt);
    CHECK(a.relationship == p.rel);
    CHECK_FALSE(a.goal.has_value());
    CHECK(a.title == "Give the talk again");
    CHECK(a.assignee == p.learner);
    CHECK(a.due == std::optional<Date>(day24(2, 15)));
    CHECK(a.created_by == p.guide);
    CHECK(a.created_on == day24(2, 1)); // today by default
    CHECK_FALSE(a.done_on.has_value());
    CHECK_FALSE(a.closed_by.has_value());
    CHECK(a.is_open());
    CHECK_FALSE(a.overdue(day24(2, 15)));
    CHECK(a.overdue(day24(2, 16)));

    auto b = actions.get(intro, p.learner);
    CHECK(b.goal == std::optional<GoalId>(goal));
    CHECK(b.assignee == p.guide);
    CHECK(b.created_by == p.learner);
    CHECK(b.created_on == day24(1, 20));
    CHECK_FALSE(b.due.has_value());
    CHECK_FALSE(b.overdue(day24(12, 31))); // no due date, never overdue

    // A party may assign to themselves; the due date may be the day of creation.
    CHECK_NOTHROW(
        actions.create(action(p.rel, p.learner, p.learner, "Read chapter 3", day24(2, 1))));
    CHECK(actions.list(p.rel, p.learner).size() == 3);

    REQUIRE_ERROR(NotFound, ErrorCode::not_found, actions.get(ActionItemId{999}, p.learner));
}

TEST_CASE("Malformed or unauthorised action items are refused", "[actions][create][validation]") {
    Duo p(Model::coaching, day24(2, 1));
    auto& actions = p.w.store.actions();
    auto other = p.w.active(Model::coaching, p.guide, p.learner, "presenting");
    auto foreign_goal = p.w.store.goals().create(
        measurable_goal(other, p.guide, 0, 1, {}, default_start(), "foreign"));
    auto audit = p.w.audit().total();

    SECTION("a non-party creator") {
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      actions.create(action(p.rel, p.outsider, p.learner, "Spy")));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      actions.create(action(p.rel, PersonId{9999}, p.learner, "Ghost")));
    }
    SECTION("a non-party assignee") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      actions.create(action(p.rel, p.guide, p.outsider, "Delegate")));
    }
    SECTION("a goal of another relationship") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      actions.create(action(p.rel, p.guide, p.learner, "Wrong goal", std::nullopt,
                                            foreign_goal)));
    }
    SECTION("an empty title") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      actions.create(action(p.rel, p.guide, p.learner, "")));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      actions.create(action(p.rel, p.guide, p.learner, "   ")));
    }
    SECTION("a due date before the day of creation") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      actions.create(action(p.rel, p.guide, p.learner, "Late", day24(1, 31))));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      actions.create(action(p.rel, p.guide, p.learner, "Late", day24(1, 19),
                                            std::nullopt, day24(1, 20))));
    }
    SECTION("an ended relationship") {
        p.w.rels().complete(p.rel, p.learner, day24(2, 1), "done");
        audit = p.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      actions.create(action(p.rel, p.guide, p.learner, "After the end")));
    }
    SECTION("an unknown relationship") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      actions.create(action(RelationshipId{999}, p.guide, p.learner, "x")));
    }
    CHECK(actions.list(p.rel, p.learner).empty());
    CHECK(actions.list(other, p.learner).empty());
    CHECK(p.w.audit().total() == audit);
}

TEST_CASE("Action items are listed open first, then by due date and id", "[actions][list]") {
    Duo p(Model::coaching, day24(2, 1));
    auto& actions = p.w.store.actions();
    auto a = actions.create(action(p.rel, p.guide, p.learner, "a", day24(3, 1)));
    auto b = actions.create(action(p.rel, p.guide, p.learner, "b", day24(2, 10)));
    auto c = actions.create(action(p.rel, p.learner, p.guide, "c", day24(2, 20)));
    auto e = actions.create(action(p.rel, p.learner, p.learner, "e", day24(2, 10)));
    auto f = actions.create(action(p.rel, p.guide, p.guide, "f", day24(2, 5)));
    actions.close(c, p.guide, day24(2, 1));
    actions.close(f, p.learner, day24(2, 1));

    // Open: b (02-10), e (02-10, later id), a (03-01); then closed: f (02-05), c (02-20).
    CHECK(ids_of(actions.list(p.rel, p.learner)) == std::vector<ActionItemId>{b, e, a, f, c});
    CHECK(ids_of(actions.list(p.rel, p.learner, true)) == std::vector<ActionItemId>{b, e, a});

    SECTION("overdue as of a day: open, due strictly before it, oldest due first") {
        CHECK(actions.overdue(p.rel, p.learner, day24(2, 10)).empty());
        CHECK(ids_of(actions.overdue(p.rel, p.learner, day24(2, 11))) ==
              std::vector<ActionItemId>{b, e});
        CHECK(ids_of(actions.overdue(p.rel, p.learner, day24(3, 2))) ==
              std::vector<ActionItemId>{b, e, a});
        // Closed items are never overdue.
        CHECK(ids_of(actions.overdue(p.rel, p.learner, day24(12, 31))) ==
              std::vector<ActionItemId>{b, e, a});
    }
    SECTION("overdue as of today by default") {
        CHECK(actions.overdue(p.rel, p.learner).empty());
        p.w.clock.set_today(day24(2, 15));
        CHECK(ids_of(actions.overdue(p.rel, p.learner)) == std::vector<ActionItemId>{b, e});
    }
    SECTION("another relationship's items are not listed") {
        auto other = p.w.active(Model::mentoring, p.guide, p.learner, "writing");
        actions.create(action(other, p.guide, p.learner, "elsewhere", day24(2, 2)));
        CHECK(actions.list(p.rel, p.learner).size() == 5);
        CHECK(actions.list(other, p.learner).size() == 1);
        CHECK(ids_of(actions.overdue(p.rel, p.learner, day24(2, 11))) ==
              std::vector<ActionItemId>{b, e});
    }
}

TEST_CASE("Overdue action items earn a warning", "[actions][warnings]") {
    Duo p(Model::mentoring, day24(2, 1));
    auto& actions = p.w.store.actions();
    auto item =
        actions.create(action(p.rel, p.guide, p.learner, "Draft the abstract", day24(2, 10)));
    actions.create(action(p.rel, p.guide, p.learner, "No due date"));
    CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::overdue_action_items));
    p.w.clock.set_today(day24(2, 10));
    CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::overdue_action_items));
    p.w.clock.set_today(day24(2, 12));
    CHECK(p.w.has_warning(p.rel, WarningCode::overdue_action_items));
    actions.close(item, p.learner, day24(2, 12));
    CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::overdue_action_items));
}

TEST_CASE("Closing an action item records who and when", "[actions][close]") {
    Duo p(Model::coaching, day24(2, 1));
    auto& actions = p.w.store.actions();
    auto item =
        actions.create(action(p.rel, p.learner, p.learner, "Practice the opening", day24(2, 8)));

    SECTION("either party closes, once") {
        actions.close(item, p.guide, day24(2, 1)); // not the assignee: still a party
        auto closed = actions.get(item, p.learner);
        CHECK_FALSE(closed.is_open());
        CHECK(closed.done_on == std::optional<Date>(day24(2, 1)));
        CHECK(closed.closed_by == std::optional<PersonId>(p.guide));
        CHECK_FALSE(closed.overdue(day24(12, 31)));

        auto audit = p.w.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      actions.close(item, p.learner, day24(2, 1)));
        CHECK(actions.get(item, p.learner).closed_by == std::optional<PersonId>(p.guide));
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("a non-party cannot close") {
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      actions.close(item, p.outsider, day24(2, 1)));
        CHECK(actions.get(item, p.learner).is_open());
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("unknown items") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      actions.close(ActionItemId{999}, p.guide, day24(2, 1)));
    }
}
