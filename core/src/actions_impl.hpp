#pragma once
// Action item helpers shared inside the core (relationship warnings).

#include "db/database.hpp"
#include "mentorkit/actions.hpp"

namespace mentorkit::detail {

/// How many open action items of the relationship are due before `as_of` (a count for the
/// overdue_action_items warning; no acting person, no item handed out).
int overdue_action_items(db::Database& db, RelationshipId id, Date as_of);

} // namespace mentorkit::detail
