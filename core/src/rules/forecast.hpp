#pragma once
// The review of one goal (goals.hpp "Review method"): progress, trend, projection and forecast,
// a pure function of the goal's numbers and its check-ins; no storage code.

#include "mentorkit/goals.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace mentorkit::rules {

/// The numbers of a goal a review reads.
struct GoalFacts {
    GoalId id{};
    GoalKind kind = GoalKind::open_ended;
    GoalStatus status = GoalStatus::draft;
    double baseline = 0, target = 0;
    std::optional<Date> due{};
};

/// One check-in as a review reads it.
struct CheckInPoint {
    std::int64_t id = 0;
    Date on{};
    std::optional<double> value{};
    std::optional<std::int64_t> supersedes{};
};

/// Reviews one goal as of a day from all its check-ins (any order; superseded and later ones
/// are kept out) and its milestone counts.
GoalReview review_goal(const GoalFacts& g, std::vector<CheckInPoint> points, int milestones_done,
                       int milestones_total, Date as_of);

} // namespace mentorkit::rules
