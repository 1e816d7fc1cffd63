#pragma once
/// @file coaching.hpp
/// The coaching cycle (seed 000): the coachee performs, the coach observes and gives feedback —
/// a question, a challenge, encouragement — and the coachee performs again, until the best
/// possible performance. Each cycle records the skill observed, the situation, a formative
/// score and the feedback; per skill the series shows the improvement.
///
/// Cycles belong to coaching relationships, or to mentoring relationships that use coaching as
/// one of their strategies (seed 002), where they are flagged `within_mentoring`. Supervision
/// relationships have none. The guide (who observes) records them, while the relationship is
/// active.

#include "mentorkit/relationships.hpp"
#include "mentorkit/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// Identifies a coaching cycle.
enum class CoachingCycleId : std::int64_t {};

/// The fixed formative scale: 1 (not yet) .. 10 (best possible performance).
inline constexpr int kScoreMin = 1;
inline constexpr int kScoreMax = 10;

/// A request to record one cycle.
struct NewCoachingCycle {
    RelationshipId relationship{};
    PersonId by{};               ///< The guide.
    Date on{};                   ///< Day of the observed performance.
    std::string skill{};         ///< Required, e.g. "case presentation".
    std::string situation{};     ///< Where it was observed; may be empty.
    int score = kScoreMin;       ///< kScoreMin..kScoreMax.
    std::string question{};      ///< Feedback: a question provoking reflection (optional).
    std::string challenge{};     ///< Feedback: a challenge (optional).
    std::string encouragement{}; ///< Feedback: encouragement (optional).
};

/// A recorded cycle.
struct CoachingCycle {
    CoachingCycleId id{};
    RelationshipId relationship{};
    PersonId by{};
    Date on{};
    std::string skill{};
    std::string situation{};
    int score = kScoreMin;
    std::string question{};
    std::string challenge{};
    std::string encouragement{};
    bool within_mentoring = false; ///< Coaching used inside a mentoring relationship.
};

/// The improvement of one skill over its cycles.
struct SkillProgress {
    std::string skill{};
    int cycles = 0;
    int first_score = 0;
    int latest_score = 0;
    int best_score = 0;
    /// Least-squares slope of score against cycle number (points per cycle); 0 for one cycle.
    double slope_per_cycle = 0;
    Date first_on{};
    Date latest_on{};
};

/// Coaching cycles of the store. Reads name the acting person: only the relationship's two
/// parties read its cycles and their feedback (store.hpp "Who reads what"); anyone else gets
/// PermissionDenied (not_a_party), an unknown person NotFound.
class CoachingCycles {
public:
    explicit CoachingCycles(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Records a cycle. Refuses supervision relationships and relationships that are not
    /// active (RuleViolation), anyone but the guide (PermissionDenied), an empty skill, a score
    /// off the scale, a day before the start or in the future (InvalidArgument).
    CoachingCycleId record(const NewCoachingCycle& cycle);
    /// The cycles of a relationship, by day then id, for a party (`acting`).
    std::vector<CoachingCycle> list(RelationshipId relationship, PersonId acting) const;
    /// The cycles of one skill (case-insensitive), by day then id, for a party (`acting`).
    std::vector<CoachingCycle> series(RelationshipId relationship, const std::string& skill,
                                      PersonId acting) const;
    /// Per skill: first, latest and best score and the slope, by skill name, for a party
    /// (`acting`).
    std::vector<SkillProgress> progress(RelationshipId relationship, PersonId acting) const;

private:
    detail::StoreImpl* m_impl;
};

} // namespace mentorkit
