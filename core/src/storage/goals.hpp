#pragma once
// Goals, milestones, check-ins and periodic reviews in SQLite.

#include "mentorkit/goals.hpp"
#include "mentorkit/operations.hpp"
#include "rules/forecast.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

/// A goal with its milestones, or nothing.
std::optional<Goal> find_goal(db::Database& db, GoalId id);
/// The goals of a relationship by id, with milestones.
std::vector<Goal> goals_of(db::Database& db, RelationshipId id);

/// Inserts a draft goal (`g.status`, ids and dates as given); returns its id.
GoalId insert_goal(db::Database& db, const Uid& uid, const Goal& g, Timestamp at);
void set_goal_title(db::Database& db, GoalId id, const std::string& title);
void set_goal_function(db::Database& db, GoalId id, GoalFunction function);
void set_goal_measure(db::Database& db, GoalId id, const Measure& m);
void set_goal_due(db::Database& db, GoalId id, const std::optional<Date>& due);
/// Sets the status; activated_on is kept when not given.
void set_goal_status(db::Database& db, GoalId id, GoalStatus status,
                     std::optional<Date> activated_on, std::optional<Date> closed_on,
                     const std::optional<std::string>& reason);
void insert_milestone(db::Database& db, GoalId id, std::size_t index, const std::string& title,
                      std::optional<Date> due);
void complete_milestone(db::Database& db, GoalId id, std::size_t index, PersonId by, Date on);

/// What a check-in needs to know of its goal and relationship, in one query.
struct CheckInContext {
    GoalKind kind{};
    GoalStatus status{};
    Relationship rel{}; ///< Only id, guide, learner, start, status and ended_on are read.
};
std::optional<CheckInContext> checkin_context(db::Database& db, GoalId id);
/// A check-in's goal and day, and whether a correction already supersedes it.
struct CheckInTarget {
    GoalId goal{};
    Date on{};
    bool corrected = false;
};
std::optional<CheckInTarget> checkin_target(db::Database& db, CheckInId id);
CheckInId insert_checkin(db::Database& db, const Uid& uid, GoalId goal, PersonId by, Date on,
                         std::optional<double> value, const std::optional<std::string>& note,
                         std::optional<CheckInId> supersedes, Timestamp at);
/// Every check-in of a goal (effective and superseded), by day then id.
std::vector<CheckIn> checkins_of(db::Database& db, GoalId id);

/// The facts, check-ins and milestone counts reviews read, for one goal, one relationship's
/// goals, every goal, or the active goals; each goal in id order.
struct GoalHistory {
    rules::GoalFacts facts;
    std::vector<rules::CheckInPoint> points;
    int milestones_done = 0, milestones_total = 0;
    RelationshipId relationship{};
};
enum class GoalScope { one, relationship, all, active };
std::vector<GoalHistory> goal_histories(db::Database& db, GoalScope scope, std::int64_t id = 0);

bool has_active_measurable_goal(db::Database& db, RelationshipId id);
int overdue_goals(db::Database& db, RelationshipId id, Date as_of);
std::optional<Date> last_review_day(db::Database& db, RelationshipId id);

GoalReviewId insert_review(db::Database& db, const Uid& uid, RelationshipId id, Date on,
                           PersonId by, const std::string& summary, Timestamp at);
void insert_review_item(db::Database& db, GoalReviewId review, GoalId goal, ReviewDecision decision,
                        const std::string& reason, std::optional<double> progress,
                        std::optional<Forecast> forecast);
/// The recorded reviews of a relationship (held_on, id order) with their lines.
std::vector<GoalReviewRecord> reviews_of(db::Database& db, RelationshipId id);

} // namespace mentorkit::storage
