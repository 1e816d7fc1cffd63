#pragma once
/// @file types.hpp
/// Identifiers and time types shared by the whole core.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace mentorkit {

/// Identifies a person. A distinct type per record kind so ids cannot be swapped by mistake.
enum class PersonId : std::int64_t {};
/// Identifies a relationship.
enum class RelationshipId : std::int64_t {};
/// Identifies one version of a relationship's agreement.
enum class AgreementVersionId : std::int64_t {};
/// Identifies an entry of a relationship's misunderstanding log.
enum class MisunderstandingId : std::int64_t {};
/// Identifies a meeting.
enum class MeetingId : std::int64_t {};

/// The raw integer of any id (as stored in SQLite).
template <typename Id>
constexpr std::int64_t raw(Id id) noexcept {
    return static_cast<std::int64_t>(id);
}

/// A calendar date (no time of day, no zone), e.g. a start date or the day of an event.
using Date = std::chrono::sys_days;

/// An instant in UTC with millisecond precision, e.g. when an audit entry was written.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// Builds a Date from year, month (1-12) and day (1-31); throws InvalidArgument if impossible.
Date make_date(int year, unsigned month, unsigned day);

/// Parses an ISO-8601 calendar date "YYYY-MM-DD"; throws InvalidArgument if malformed or
/// impossible (e.g. "2023-02-29").
Date parse_date(const std::string& text);

/// Formats a date as ISO-8601 "YYYY-MM-DD".
std::string to_string(Date date);

/// Formats an instant as ISO-8601 UTC "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string to_string(Timestamp at);

/// The UTC calendar day an instant falls on.
Date day_of(Timestamp at) noexcept;

} // namespace mentorkit
