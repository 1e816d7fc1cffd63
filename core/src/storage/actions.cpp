#include "storage/actions.hpp"

#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

namespace {

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

} // namespace

std::optional<ActionItem> find_action_item(db::Database& db, ActionItemId id) {
    db::Use s(
        db.cached("SELECT id, relationship_id, goal_id, title, assignee_id, due_date, created_by, "
                  "created_on, done_on, closed_by FROM action_item WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return read_item(*s);
}

std::vector<ActionItem> action_items_of(db::Database& db, RelationshipId id, bool open_only) {
    db::Use s(db.cached("SELECT id, relationship_id, goal_id, title, assignee_id, due_date, "
                        "created_by, created_on, done_on, closed_by FROM action_item "
                        "WHERE relationship_id = ?1 AND (?2 = 0 OR done_on IS NULL) "
                        "ORDER BY done_on IS NOT NULL, due_date IS NULL, due_date, id"));
    s->bind(1, raw(id));
    s->bind(2, open_only ? 1 : 0);
    std::vector<ActionItem> out;
    while (s->step())
        out.push_back(read_item(*s));
    return out;
}

ActionItemId insert_action_item(db::Database& db, const Uid& uid, const ActionItem& a,
                                Timestamp at) {
    db::Use s(db.cached("INSERT INTO action_item (id, uid, relationship_id, goal_id, title, "
                        "assignee_id, due_date, created_by, created_on, created_at) VALUES "
                        "(?10, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    s->bind_blob(1, std::string_view(reinterpret_cast<const char*>(uid.bytes.data()), 16));
    s->bind(10, planned_id(db, "action_item", uid_blob(uid)));
    s->bind(2, raw(a.relationship));
    if (a.goal)
        s->bind(3, raw(*a.goal));
    s->bind(4, a.title);
    s->bind(5, raw(a.assignee));
    if (a.due)
        s->bind(6, to_string(*a.due));
    s->bind(7, raw(a.created_by));
    s->bind(8, to_string(a.created_on));
    s->bind(9, detail::to_millis(at));
    s->run();
    return ActionItemId{db.last_insert_rowid()};
}

void close_action_item(db::Database& db, ActionItemId id, PersonId by, Date on) {
    db::Use s(db.cached("UPDATE action_item SET done_on = ?2, closed_by = ?3 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, to_string(on));
    s->bind(3, raw(by));
    s->run();
}

int overdue_action_items(db::Database& db, RelationshipId id, Date as_of) {
    db::Use s(db.cached("SELECT count(*) FROM action_item WHERE relationship_id = ?1 AND "
                        "done_on IS NULL AND due_date < ?2"));
    s->bind(1, raw(id));
    s->bind(2, to_string(as_of));
    s->step();
    return static_cast<int>(s->get_int(0));
}

} // namespace mentorkit::storage
