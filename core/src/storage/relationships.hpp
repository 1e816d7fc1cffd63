#pragma once
// Relationships, their lifecycle events and the learners' boards in SQLite.

#include "mentorkit/operations.hpp"
#include "mentorkit/relationships.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

std::optional<Relationship> find_relationship(db::Database& db, RelationshipId id);
std::vector<Relationship> list_relationships(db::Database& db, const RelationshipFilter& f);
/// The recorded lifecycle events (not the proposal), oldest first.
std::vector<RelationshipEvent> relationship_events(db::Database& db, RelationshipId id);
/// The day of the latest lifecycle event, if any.
std::optional<Date> last_event_day(db::Database& db, RelationshipId id);
/// Inserts a proposed relationship (id and created_at of `r` are ignored); returns its id, or
/// nothing when the pair already has an open (proposed, active or paused) relationship of the
/// model on the focus (refused by the schema's unique index, not read first).
std::optional<RelationshipId> insert_relationship(db::Database& db, const Uid& uid,
                                                  const Relationship& r, Timestamp at);
/// Records one party's acceptance.
void set_accepted(db::Database& db, RelationshipId id, bool guide);
/// Sets the status and, for final states, who ended it, when and why.
void set_status(db::Database& db, RelationshipId id, Status status,
                std::optional<PersonId> ended_by = {}, std::optional<Date> ended_on = {},
                const std::optional<std::string>& reason = {});
void set_formality(db::Database& db, RelationshipId id, Formality formality,
                   std::optional<Date> end);
void insert_event(db::Database& db, RelationshipId id, EventKind kind, PersonId actor, Date on,
                  const std::optional<std::string>& reason, Timestamp at);

/// The learner's board: every seat of the board_seat view (active mentoring and coaching), by
/// focus then relationship id.
std::vector<BoardSeat> board_of(db::Database& db, PersonId learner);

} // namespace mentorkit::storage
