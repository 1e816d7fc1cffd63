#pragma once
/// @file export.hpp
/// Columnar export for analysis: whole tables of a store as one std::vector per column, ready
/// to be handed to array libraries (the Python package moves them into NumPy arrays without
/// copying). Every column of a table has the same length; row i of every column is one record.
///
/// Encodings, chosen so that numeric columns map one-to-one onto NumPy dtypes:
/// - ids are int64; a missing id (no supervisor, not ended) is `no_id` (-1; real ids are >= 1);
/// - enumerations are int8 codes, the enumerator's position in its declaration (the same value
///   as `static_cast` and as the Python enum's value); a missing one (no style) is `no_code` (-1,
///   pandas' own code for a missing category);
/// - dates are int64 days since 1970-01-01 (NumPy datetime64[D]); a missing date is `no_day`
///   (INT64_MIN, NumPy's NaT);
/// - instants are int64 milliseconds since the Unix epoch, UTC (NumPy datetime64[ms]);
/// - flags are uint8 0/1 (NumPy bool);
/// - text is UTF-8; optional text is std::optional;
/// - measurements (values, progress, trends) are double; a missing one is `no_value` (NaN).
///
/// Privacy: the tables hold what an administrator may analyse, never text private to the
/// parties — no note, check-in note, rating or rating comment, no agenda text, no place or link
/// of a meeting.

#include "mentorkit/goals.hpp"
#include "mentorkit/relationships.hpp"
#include "mentorkit/types.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

class Store;

/// The id column value of a missing reference.
inline constexpr std::int64_t no_id = -1;
/// The code column value of a missing enumeration (e.g. the style of a coaching relationship).
inline constexpr std::int8_t no_code = -1;
/// The date column value of a missing date (NumPy's NaT).
inline constexpr std::int64_t no_day = std::numeric_limits<std::int64_t>::min();

/// The value of a missing measurement (NaN, NumPy's and pandas' own missing float).
inline constexpr double no_value = std::numeric_limits<double>::quiet_NaN();

/// Days since 1970-01-01 of a date (the encoding of date columns).
constexpr std::int64_t day_number(Date date) noexcept {
    return date.time_since_epoch().count();
}

/// Every person, ordered by id.
struct PeopleColumns {
    std::vector<std::int64_t> id;                  ///< Person id.
    std::vector<std::string> name;                 ///< Display name.
    std::vector<std::int64_t> level;               ///< Rank; higher = more senior.
    std::vector<std::optional<std::string>> email; ///< Contact, if any.
    std::vector<std::optional<std::string>> phone; ///< Contact, if any.
    std::vector<std::int64_t> supervisor;          ///< Direct supervisor, or no_id.
    std::vector<std::int64_t> expertise_areas;     ///< Number of expertise areas listed.
    std::vector<std::int64_t> created_at;          ///< Milliseconds since the epoch, UTC.
    /// Number of rows.
    std::size_t size() const noexcept { return id.size(); }
};

/// Every expertise area of every person (long format: one row per person and area), ordered by
/// person id, then area.
struct ExpertiseColumns {
    std::vector<std::int64_t> person; ///< Person id.
    std::vector<std::string> area;    ///< Area tag.
    std::vector<std::int64_t> level;  ///< 1..5.
    /// Number of rows.
    std::size_t size() const noexcept { return person.size(); }
};

/// Relationships matching a filter, ordered by id.
struct RelationshipColumns {
    std::vector<std::int64_t> id;                                      ///< Relationship id.
    std::vector<std::int8_t> model;                                    ///< Model code.
    std::vector<std::int64_t> guide;                                   ///< Guide's person id.
    std::vector<std::int64_t> learner;                                 ///< Learner's person id.
    std::vector<std::string> focus;                                    ///< Focus area.
    std::vector<std::int8_t> formality;                                ///< Formality code.
    std::vector<std::int8_t> style;                                    ///< Style code or no_code.
    std::vector<std::int8_t> status;                                   ///< Status code.
    std::vector<std::int64_t> start;                                   ///< Planned start (day).
    std::vector<std::int64_t> end;                                     ///< Planned end or no_day.
    std::vector<std::int64_t> proposed_by;                             ///< Who proposed.
    std::vector<std::int64_t> proposed_on;                             ///< Day of the proposal.
    std::vector<std::uint8_t> guide_accepted;                          ///< 0/1.
    std::vector<std::uint8_t> learner_accepted;                        ///< 0/1.
    std::vector<std::optional<std::string>> supervision_justification; ///< If crossing a line.
    std::vector<std::int64_t> ended_on;                                ///< Day ended or no_day.
    std::vector<std::int64_t> ended_by;                                ///< Who ended or no_id.
    std::vector<std::optional<std::string>> end_reason;                ///< Why it ended.
    std::vector<std::int64_t> created_at; ///< Milliseconds since the epoch, UTC.
    /// Number of rows.
    std::size_t size() const noexcept { return id.size(); }
};

/// Every goal, ordered by id.
struct GoalColumns {
    std::vector<std::int64_t> id;                   ///< Goal id.
    std::vector<std::int64_t> relationship;         ///< Relationship id.
    std::vector<std::int64_t> learner;              ///< The learner's person id.
    std::vector<std::string> title;                 ///< What the goal is.
    std::vector<std::int8_t> kind;                  ///< GoalKind code.
    std::vector<std::int8_t> function;              ///< GoalFunction code.
    std::vector<std::int8_t> status;                ///< GoalStatus code.
    std::vector<std::optional<std::string>> metric; ///< Measurable goals: what is measured.
    std::vector<std::optional<std::string>> unit;   ///< Measurable goals: the unit (maybe "").
    std::vector<double> baseline;                   ///< Measurable goals, else no_value.
    std::vector<double> target;                     ///< Measurable goals, else no_value.
    std::vector<std::int64_t> due;                  ///< Due day or no_day.
    std::vector<std::int64_t> created_by;           ///< Who created it.
    std::vector<std::int64_t> created_on;           ///< Day of creation.
    std::vector<std::int64_t> activated_on;         ///< Day activated or no_day.
    std::vector<std::int64_t> closed_on;            ///< Day achieved/abandoned or no_day.
    std::vector<std::int64_t> milestones_total;     ///< Number of milestones.
    std::vector<std::int64_t> milestones_done;      ///< Milestones done.
    /// Number of rows.
    std::size_t size() const noexcept { return id.size(); }
};

/// Every check-in (effective and superseded), ordered by id. Check-in notes may be private to
/// the parties: only whether there is one is exported.
struct CheckInColumns {
    std::vector<std::int64_t> id;            ///< Check-in id.
    std::vector<std::int64_t> goal;          ///< Goal id.
    std::vector<std::int64_t> relationship;  ///< The goal's relationship id.
    std::vector<std::int64_t> on;            ///< The day it is about.
    std::vector<double> value;               ///< The value, or no_value (a note only).
    std::vector<std::uint8_t> has_note;      ///< 0/1.
    std::vector<std::int64_t> by;            ///< Who recorded it.
    std::vector<std::int64_t> supersedes;    ///< The check-in it corrects, or no_id.
    std::vector<std::int64_t> superseded_by; ///< Its correction, or no_id.
    std::vector<std::uint8_t> effective;     ///< 0/1: not superseded.
    std::vector<std::int64_t> recorded_at;   ///< Milliseconds since the epoch, UTC.
    /// Number of rows.
    std::size_t size() const noexcept { return id.size(); }
};

/// The review of every goal as of a day (Goals::review_all), ordered by goal id.
struct GoalReviewColumns {
    std::vector<std::int64_t> goal;             ///< Goal id.
    std::vector<std::int64_t> relationship;     ///< The goal's relationship id.
    std::vector<std::int8_t> kind;              ///< GoalKind code.
    std::vector<std::int8_t> status;            ///< GoalStatus code.
    std::vector<std::int64_t> check_ins;        ///< Effective check-ins.
    std::vector<double> latest_value;           ///< Or no_value.
    std::vector<std::int64_t> latest_on;        ///< Day of the latest check-in or no_day.
    std::vector<double> progress;               ///< Or no_value.
    std::vector<double> trend_per_week;         ///< Or no_value.
    std::vector<double> projected;              ///< Or no_value.
    std::vector<double> projected_progress;     ///< Or no_value.
    std::vector<std::int8_t> forecast;          ///< Forecast code or no_code.
    std::vector<std::int64_t> milestones_done;  ///< Milestones done.
    std::vector<std::int64_t> milestones_total; ///< Milestones.
    std::vector<std::uint8_t> overdue;          ///< 0/1.
    /// Number of rows.
    std::size_t size() const noexcept { return goal.size(); }
};

/// Every meeting, ordered by id: when, how long, where (the kind of setting only) and what
/// became of it. No agenda, place, link or rating.
struct MeetingColumns {
    std::vector<std::int64_t> id;               ///< Meeting id.
    std::vector<std::int64_t> relationship;     ///< Relationship id.
    std::vector<std::int64_t> start;            ///< Milliseconds since the epoch, UTC.
    std::vector<std::int64_t> duration_minutes; ///< 1..1440.
    std::vector<std::int8_t> setting;           ///< Setting code.
    std::vector<std::int8_t> status;            ///< MeetingStatus code.
    /// Number of rows.
    std::size_t size() const noexcept { return id.size(); }
};

/// Consistency metrics and health of every relationship as of now (Meetings::all_stats),
/// ordered by relationship id.
struct MeetingStatsColumns {
    std::vector<std::int64_t> relationship;           ///< Relationship id.
    std::vector<std::int64_t> planned;                ///< Meetings scheduled.
    std::vector<std::int64_t> held;                   ///< Meetings held.
    std::vector<std::int64_t> cancelled_by_guide;     ///< Cancelled by the guide.
    std::vector<std::int64_t> cancelled_by_learner;   ///< Cancelled by the learner.
    std::vector<std::int64_t> no_show_guide;          ///< The guide did not come.
    std::vector<std::int64_t> no_show_learner;        ///< The learner did not come.
    std::vector<std::int64_t> held_first_90_days;     ///< Held in the first 90 days.
    std::vector<std::int64_t> longest_gap_days;       ///< Longest gap between held meetings.
    std::vector<std::int64_t> last_held;              ///< Day of the last held one or no_day.
    std::vector<std::int64_t> days_since_last_held;   ///< Or since the start.
    std::vector<std::int64_t> misses_since_last_held; ///< Cancelled or missed since.
    std::vector<std::int64_t> cadence_days;           ///< The cadence health was judged by.
    std::vector<std::int8_t> health;                  ///< Health code or no_code.
    /// Number of rows.
    std::size_t size() const noexcept { return relationship.size(); }
};

/// The people table of a store. Throws StorageError (closed) after Store::close().
PeopleColumns export_people(Store& store);
/// The expertise table of a store (one row per person and area).
ExpertiseColumns export_expertise(Store& store);
/// The relationships table of a store, filtered like Relationships::list.
RelationshipColumns export_relationships(Store& store, const RelationshipFilter& filter = {});
/// The goals table of a store.
GoalColumns export_goals(Store& store);
/// The check-ins table of a store (corrections and the check-ins they supersede both listed).
CheckInColumns export_check_ins(Store& store);
/// The review of every goal as of `as_of` (default: today), one row per goal.
GoalReviewColumns export_goal_reviews(Store& store, std::optional<Date> as_of = {});
/// The meetings table of a store (one statement over the whole table).
MeetingColumns export_meetings(Store& store);
/// The consistency metrics of every relationship (from the summary rows).
MeetingStatsColumns export_meeting_stats(Store& store);

} // namespace mentorkit
