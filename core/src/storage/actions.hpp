#pragma once
// Action items in SQLite.

#include "mentorkit/actions.hpp"
#include "mentorkit/operations.hpp"

#include <optional>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

std::optional<ActionItem> find_action_item(db::Database& db, ActionItemId id);
/// Items of a relationship, open ones first, then by due date and id.
std::vector<ActionItem> action_items_of(db::Database& db, RelationshipId id, bool open_only);
ActionItemId insert_action_item(db::Database& db, const Uid& uid, const ActionItem& a,
                                Timestamp at);
void close_action_item(db::Database& db, ActionItemId id, PersonId by, Date on);
/// How many open items of the relationship are due before `as_of`.
int overdue_action_items(db::Database& db, RelationshipId id, Date as_of);

} // namespace mentorkit::storage
