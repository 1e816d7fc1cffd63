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
/// - text is UTF-8; optional text is std::optional.

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

/// The people table of a store. Throws StorageError (closed) after Store::close().
PeopleColumns export_people(Store& store);
/// The expertise table of a store (one row per person and area).
ExpertiseColumns export_expertise(Store& store);
/// The relationships table of a store, filtered like Relationships::list.
RelationshipColumns export_relationships(Store& store, const RelationshipFilter& filter = {});

} // namespace mentorkit
