#pragma once
/// @file limits.hpp
/// The limits of every text, number, range and list the core accepts. A value past a limit is
/// refused with InvalidArgument naming what it is and the limit, before anything is written
/// (docs/reliability.md "Limits"). Text is measured in bytes of UTF-8: 400 bytes hold 400 Latin
/// letters, about 200 Cyrillic or Greek ones, or 133 Chinese characters.

#include <cstddef>
#include <cstdint>

namespace mentorkit {

/// Name-like text: a person's or a program's name, a title (goal, milestone, clause, action
/// item, standard, program goal), a focus or expertise area, a skill, a metric, a unit, a time
/// zone, an email address or a phone number.
inline constexpr std::size_t kMaxNameBytes = 400;
/// A place or a link (an address, a video-call URL).
inline constexpr std::size_t kMaxLineBytes = 2000;
/// Free text: a note (and what was tried and the response), a clause's text, a description, a
/// purpose, an agenda item, a reason, a resolution, a summary, a comment, evidence, a
/// justification, coaching feedback.
inline constexpr std::size_t kMaxTextBytes = 100000;
/// Items in one list: a person's expertise areas, an agreement version's clauses, a goal's
/// milestones, a meeting's agenda items, the areas a mentee wants, the relationships one
/// office-hours slot serves, the proposals accepted at once, the items of one goal review.
inline constexpr std::size_t kMaxListItems = 1000;
/// An organisational level lies in kMinLevel..kMaxLevel.
inline constexpr int kMinLevel = -1000;
/// See kMinLevel.
inline constexpr int kMaxLevel = 1000;
/// Instants (meeting starts, cancellations, moves, the store's clock) lie in
/// [1900-01-01T00:00:00Z, 3000-01-01T00:00:00Z), the range of dates (1900-01-01..2999-12-31).
inline constexpr std::int64_t kMinInstantMillis = -2208988800000;
/// See kMinInstantMillis (exclusive).
inline constexpr std::int64_t kEndInstantMillis = 32503680000000;
/// The most occurrences one office-hours read returns; a longer range is refused, not cut.
inline constexpr std::size_t kMaxOccurrences = 100000;
/// The most occurrences OfficeHours::all_occurrences returns (every slot of the store: a year of
/// 10,000 weekly slots is 520,000); a longer range is refused, not cut.
inline constexpr std::size_t kMaxAllOccurrences = 1000000;
/// Numbers (check-in values, baselines, targets) lie within ±kMaxMagnitude and are finite.
inline constexpr double kMaxMagnitude = 1e15;

} // namespace mentorkit
