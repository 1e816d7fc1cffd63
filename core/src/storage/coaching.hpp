#pragma once
// Coaching cycles in SQLite.

#include "mentorkit/coaching.hpp"
#include "mentorkit/operations.hpp"

#include <string>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

CoachingCycleId insert_cycle(db::Database& db, const Uid& uid, const CoachingCycle& c,
                             Timestamp at);
/// The cycles of a relationship (of one skill, compared case-insensitively, when given), by day
/// then id.
std::vector<CoachingCycle> cycles_of(db::Database& db, RelationshipId id);
std::vector<CoachingCycle> cycles_of_skill(db::Database& db, RelationshipId id,
                                           const std::string& skill);

} // namespace mentorkit::storage
