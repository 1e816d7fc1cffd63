#pragma once
// Consistency metrics and health (meetings.hpp "Consistency metrics", "Health"): the summary of
// a relationship's meetings, kept current one outcome at a time, and the stats and health read
// from it; pure functions, no storage code.

#include "mentorkit/meetings.hpp"
#include "mentorkit/relationships.hpp"

#include <optional>
#include <vector>

namespace mentorkit::rules {

/// Held meetings in the first this many days after the start count as early ones.
inline constexpr int kFirstDays = 90;

/// The counts kept per relationship (the meeting_stats row).
struct MeetingSummary {
    int planned = 0, held = 0, cancelled_guide = 0, cancelled_learner = 0, no_show_guide = 0,
        no_show_learner = 0, held_first_90 = 0, longest_gap = 0, misses = 0;
    std::optional<Date> first_held{}, last_held{};
};

/// One meeting as the summary reads it.
struct MeetingFact {
    Date day{}; ///< The UTC day of its start.
    MeetingStatus status = MeetingStatus::planned;
    std::optional<PersonId> cancelled_by{}, absent{};
};

/// The summary from every meeting of the relationship, ordered by start.
MeetingSummary summarize(const Relationship& r, const std::vector<MeetingFact>& meetings);

/// Applies one outcome of a meeting on `day` to the summary. Returns false when the outcome
/// comes out of order (on or before the last held day): the summary must then be recomputed.
/// For a held meeting, `misses_after` is the number of cancelled or missed meetings that start
/// after it.
bool add_outcome(MeetingSummary& x, const Relationship& r, const MeetingFact& m, int misses_after);

/// Metrics and health from a summary as of `today`, judged against `cadence` days.
MeetingStats stats_of(RelationshipId id, Status status, Date start, const MeetingSummary& x,
                      int cadence, Date today);

} // namespace mentorkit::rules
