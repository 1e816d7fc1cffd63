#pragma once
// Goal helpers shared inside the core (relationship warnings, action items, notes).

#include "db/database.hpp"
#include "mentorkit/goals.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace mentorkit::detail {

/// True when the relationship has an active measurable goal.
bool has_active_measurable_goal(db::Database& db, RelationshipId id);
/// Active goals of the relationship whose due date is before `as_of`.
int overdue_goals(db::Database& db, RelationshipId id, Date as_of);
/// The day of the latest goal review of the relationship, if any.
std::optional<Date> last_review_day(db::Database& db, RelationshipId id);
/// Reads one goal with its milestones; throws NotFound.
Goal load_goal(db::Database& db, GoalId id);
/// Reviews of every active goal (by goal id) with the goal's relationship: one pass over the
/// goals and their check-ins, for dashboards.
std::vector<std::pair<RelationshipId, GoalReview>> review_active_goals(db::Database& db,
                                                                       Date as_of);

} // namespace mentorkit::detail
