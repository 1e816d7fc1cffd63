#pragma once
// The warnings of a relationship (relationships.hpp WarningCode), a pure function of the
// relationship, the day and the facts storage gathers; no storage code.

#include "mentorkit/meetings.hpp"
#include "mentorkit/relationships.hpp"

#include <optional>
#include <vector>

namespace mentorkit::rules {

/// What the warnings read besides the relationship (only meaningful while it is open, except
/// the count of open misunderstandings).
struct WarningFacts {
    bool active_measurable_goal = false;   ///< Coaching: an active measurable goal exists.
    int latest_version = 1;                ///< The agreement's latest version number.
    std::optional<int> in_force_version{}; ///< The version signed by both, if any.
    std::optional<Date> review_date{};     ///< Of the version in force, else of the latest.
    std::optional<Date> last_review{};     ///< The day of the latest goal review.
    int overdue_goals = 0;                 ///< Active goals past their due date.
    int overdue_action_items = 0;          ///< Open action items past their due date.
    int open_misunderstandings = 0;
    std::optional<Health> health{}; ///< Meetings health (active relationships).
    int days_since_last_held = 0;
    int cadence_days = 0;
};

/// How long a flash relationship may stay open before it is worth converting.
inline constexpr int kFlashLimitDays = 90;

/// The warnings as of `today`, in the order relationships.hpp documents them.
std::vector<Warning> warnings(const Relationship& r, Date today, const WarningFacts& f);

} // namespace mentorkit::rules
