#include "mentorkit/actions.hpp"

#include "actions_impl.hpp"
#include "goals_impl.hpp"
#include "mentorkit/error.hpp"
#include "relationships_impl.hpp"
#include "store_impl.hpp"

namespace mentorkit {

using detail::Json;

namespace {

std::string item_text(ActionItemId id) {
    return "action item " + std::to_string(raw(id));
}

ActionItem read_item(db::Statement& s) {
    ActionItem a;
    a.id = ActionItemId{s.get_int(0)};
    a.relationship = RelationshipId{s.get_int(1)};
    if (auto g = s.get_opt_int(2))
        a.goal = GoalId{*g};
    a.title = s.get_text(3);
    a.assignee = PersonId{s.get_int(4)};
    if (auto d = s.get_opt_text(5))
        a.due = detail::date_from_db(*d);
    a.created_by = PersonId{s.get_int(6)};
    a.created_on = detail::date_from_db(s.get_text(7));
    if (auto d = s.get_opt_text(8))
        a.done_on = detail::date_from_db(*d);
    if (auto b = s.get_opt_int(9))
        a.closed_by = PersonId{*b};
    return a;
}

ActionItem find_item(db::Database& db, ActionItemId id) {
    db::Use s(
        db.cached("SELECT id, relationship_id, goal_id, title, assignee_id, due_date, created_by, "
                  "created_on, done_on, closed_by FROM action_item WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        throw NotFound(item_text(id) + " does not exist");
    return read_item(*s);
}

} // namespace

namespace detail {

int overdue_action_items(db::Database& db, RelationshipId id, Date as_of) {
    db::Use s(db.cached("SELECT count(*) FROM action_item WHERE relationship_id = ?1 AND "
                        "done_on IS NULL AND due_date < ?2"));
    s->bind(1, raw(id));
    s->bind(2, to_string(as_of));
    s->step();
    return static_cast<int>(s->get_int(0));
}

} // namespace detail

ActionItemId ActionItems::create(const NewActionItem& req) {
    std::string title = detail::require_text(req.title, "the action item's title", kMaxNameBytes);
    detail::require_date(req.due, "the due date");
    detail::require_date(req.on, "the date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = detail::load_relationship(db, req.relationship);
    detail::require_party(r, req.by, "create action items");
    if (!r.is_party(req.assignee))
        throw InvalidArgument("an action item is assigned to the guide or the learner; person " +
                              std::to_string(raw(req.assignee)) + " is neither");
    if (!r.is_open())
        detail::bad_transition(r, "add action items to");
    if (req.goal && detail::load_goal(db, *req.goal).relationship != r.id)
        throw InvalidArgument("goal " + std::to_string(raw(*req.goal)) +
                              " belongs to another relationship");
    Date on = req.on.value_or(m_impl->today());
    if (req.due)
        detail::require_not_before(*req.due, on, "the due date", "the item's creation");
    std::int64_t id = 0;
    {
        db::Use s(db.cached("INSERT INTO action_item (relationship_id, goal_id, title, "
                            "assignee_id, due_date, created_by, created_on, created_at) VALUES "
                            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
        s->bind(1, raw(r.id));
        if (req.goal)
            s->bind(2, raw(*req.goal));
        s->bind(3, title);
        s->bind(4, raw(req.assignee));
        if (req.due)
            s->bind(5, to_string(*req.due));
        s->bind(6, raw(req.by));
        s->bind(7, to_string(on));
        s->bind(8, detail::to_millis(m_impl->now()));
        s->run();
        id = db.last_insert_rowid();
    }
    m_impl->audit(req.by, "create", "action_item", id,
                  Json()
                      .add("relationship", raw(r.id))
                      .add("title", title)
                      .add("assignee", raw(req.assignee))
                      .str());
    tx.commit();
    return ActionItemId{id};
}

ActionItem ActionItems::get(ActionItemId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    ActionItem a = find_item(db, id);
    detail::load_for_reader(db, a.relationship, acting, "action items");
    return a;
}

std::vector<ActionItem> ActionItems::list(RelationshipId relationship, PersonId acting,
                                          bool open_only) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "action items");
    db::Use s(db.cached("SELECT id, relationship_id, goal_id, title, assignee_id, due_date, "
                        "created_by, created_on, done_on, closed_by FROM action_item "
                        "WHERE relationship_id = ?1 AND (?2 = 0 OR done_on IS NULL) "
                        "ORDER BY done_on IS NOT NULL, due_date IS NULL, due_date, id"));
    s->bind(1, raw(relationship));
    s->bind(2, open_only ? 1 : 0);
    std::vector<ActionItem> out;
    while (s->step())
        out.push_back(read_item(*s));
    return out;
}

std::vector<ActionItem> ActionItems::overdue(RelationshipId relationship, PersonId acting,
                                             std::optional<Date> as_of) const {
    Date day = as_of.value_or(m_impl->today());
    std::vector<ActionItem> out;
    for (ActionItem& a : list(relationship, acting, true))
        if (a.overdue(day))
            out.push_back(std::move(a));
    return out;
}

void ActionItems::close(ActionItemId id, PersonId by, Date on) {
    detail::require_date(on, "the date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    ActionItem a = find_item(db, id);
    Relationship r = detail::load_relationship(db, a.relationship);
    detail::require_party(r, by, "close its action items");
    if (!a.is_open())
        throw RuleViolation(item_text(id) + " was already closed on " + to_string(*a.done_on),
                            ErrorCode::invalid_transition);
    detail::require_not_before(on, a.created_on, "the closing date", "the item's creation");
    detail::require_not_future(on, m_impl->today(), "the closing date");
    {
        db::Use s(db.cached("UPDATE action_item SET done_on = ?2, closed_by = ?3 WHERE id = ?1"));
        s->bind(1, raw(id));
        s->bind(2, to_string(on));
        s->bind(3, raw(by));
        s->run();
    }
    m_impl->audit(by, "close", "action_item", raw(id), Json().add("on", to_string(on)).str());
    tx.commit();
}

} // namespace mentorkit
