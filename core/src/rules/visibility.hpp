#pragma once
// Who reads a note (notes.hpp, docs/domain.md "Privacy"): a pure function of the note, the
// relationship's parties and whether the reader is on the learner's board. The board itself is
// one definition, the board_seat view of the schema (active mentoring and coaching
// relationships of the learner); no storage code here.

#include "mentorkit/notes.hpp"

namespace mentorkit::rules {

/// Who may read the notes of one relationship, as seen from one reader.
struct Readers {
    PersonId guide{}, learner{};
    bool on_board = false; ///< The reader is a guide on the learner's board.
};

/// True when `reader` may read the note: its author always; a pair note the two parties; a
/// board note the learner and the guides on the learner's board; a private note nobody else.
bool may_read(const Note& note, const Readers& who, PersonId reader) noexcept;

/// True when `to` is wider than or as wide as `from` (private < pair < board): visibility only
/// widens.
bool widens(Visibility from, Visibility to) noexcept;

} // namespace mentorkit::rules
