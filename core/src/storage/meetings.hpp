#pragma once
// Meetings, agendas, ratings and the per-relationship meeting summary in SQLite.

#include "mentorkit/meetings.hpp"
#include "mentorkit/operations.hpp"
#include "rules/meetings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

/// A meeting without agenda or ratings, or nothing.
std::optional<Meeting> find_meeting(db::Database& db, MeetingId id);
/// The relationship a meeting belongs to.
std::optional<RelationshipId> meeting_relationship(db::Database& db, MeetingId id);
/// The meetings of a relationship by start, without agenda or ratings.
std::vector<Meeting> meetings_of(db::Database& db, RelationshipId id);
/// A meeting's agenda in order, and every rating (the caller keeps what its reader may see).
std::vector<AgendaItem> agenda_of(db::Database& db, MeetingId id);
std::vector<MeetingRating> ratings_of(db::Database& db, MeetingId id);

/// A planned or held meeting of the relationship overlapping [start, end), if any.
std::optional<std::int64_t> overlapping_meeting(db::Database& db, RelationshipId id,
                                                Timestamp start, Timestamp end);
MeetingId insert_meeting(db::Database& db, const Uid& uid, const Meeting& m, Timestamp at);
void set_meeting_outcome(db::Database& db, MeetingId id, MeetingStatus status, PersonId by,
                         std::optional<PersonId> cancelled_by,
                         std::optional<Timestamp> cancelled_at, std::optional<PersonId> absent);
int agenda_length(db::Database& db, MeetingId id);
void insert_agenda_item(db::Database& db, MeetingId id, int position, const std::string& text,
                        PersonId by);
bool has_rating(db::Database& db, MeetingId id, PersonId by);
void insert_rating(db::Database& db, MeetingId id, const MeetingRating& rating);

/// The summary row (zero when there is none).
rules::MeetingSummary read_summary(db::Database& db, RelationshipId id);
void write_summary(db::Database& db, RelationshipId id, const rules::MeetingSummary& x);
/// One more planned meeting in the summary (creating the row).
void count_planned(db::Database& db, RelationshipId id);
/// Every meeting of the relationship as the summary reads it, by start.
std::vector<rules::MeetingFact> meeting_facts(db::Database& db, RelationshipId id);
/// Cancelled or missed meetings of the relationship that start after `start`.
int misses_after(db::Database& db, RelationshipId id, Timestamp start);

/// The stats of one relationship (nothing for an unknown one) or of all, by id, as of `today`:
/// the summary row with the cadence the health is judged against — the agreement's in force
/// (signed by both), else the latest stored version's, else the model's default.
std::optional<MeetingStats> stats_of(db::Database& db, RelationshipId id, Date today);
std::vector<MeetingStats> all_stats(db::Database& db, Date today);

} // namespace mentorkit::storage
