#pragma once
// Notes in SQLite.

#include "mentorkit/notes.hpp"
#include "mentorkit/operations.hpp"

#include <optional>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

std::optional<Note> find_note(db::Database& db, NoteId id);
/// The notes of a relationship, by day then id (every visibility: callers filter).
std::vector<Note> notes_of(db::Database& db, RelationshipId id);
NoteId insert_note(db::Database& db, const Uid& uid, const Note& n, Timestamp at);
void set_note_visibility(db::Database& db, NoteId id, Visibility visibility);
/// True when `guide` holds a seat on `learner`'s board (the board_seat view).
bool on_board(db::Database& db, PersonId learner, PersonId guide);

} // namespace mentorkit::storage
