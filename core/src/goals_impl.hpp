#pragma once
// Goal helpers shared inside the core (action items, notes, dashboards).

#include "mentorkit/goals.hpp"
#include "storage/database.hpp"

#include <utility>
#include <vector>

namespace mentorkit::detail {

/// Reads one goal with its milestones; throws NotFound.
Goal load_goal(db::Database& db, GoalId id);
/// Reviews of every active goal (by goal id) with the goal's relationship: one pass over the
/// goals and their check-ins, for dashboards.
std::vector<std::pair<RelationshipId, GoalReview>> review_active_goals(db::Database& db,
                                                                       Date as_of);

} // namespace mentorkit::detail
