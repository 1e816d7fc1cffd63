#pragma once
/// @file notes.hpp
/// Notes on a relationship, one of its goals or meetings, and entries documenting resistance or
/// lack of progress (seed 004: "documenting the attempts to resolve issues through guidance,
/// including the resistance or lack of progress").
///
/// Privacy (seed 002: mentoring is "confidential, low-risk"): every note has a visibility —
/// *private* (the author only; the default), *pair* (the relationship's two parties) or
/// *board* (the learner and every guide on the learner's board). Every read names the acting
/// person and returns only what that person may see; nobody else — including the learner's
/// supervisor — sees a note through any call, and a hidden note is reported as not found. The
/// audit log records that a note was written, never its text.

#include "mentorkit/goals.hpp"
#include "mentorkit/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// Identifies a note.
enum class NoteId : std::int64_t {};

/// Who may read a note.
enum class Visibility {
    private_, ///< The author only ("private").
    pair,     ///< The relationship's guide and learner.
    board,    ///< The learner and every guide on the learner's board.
};

/// What a note is.
enum class NoteKind {
    note,       ///< Free text.
    resistance, ///< Resistance or lack of progress: what was tried and the response.
};

/// A request to write a note.
struct NewNote {
    RelationshipId relationship{};
    std::optional<GoalId> goal{}; ///< A goal of the same relationship, or none.
    PersonId author{};            ///< A party.
    NoteKind kind = NoteKind::note;
    Visibility visibility = Visibility::private_;
    Date on{};                          ///< The day it is about.
    std::string text{};                 ///< Required for a plain note; optional for resistance.
    std::string tried{};                ///< Resistance: what was tried (required).
    std::string response{};             ///< Resistance: the learner's response (required).
    std::optional<MeetingId> meeting{}; ///< A meeting of the same relationship, or none.
};

/// A stored note.
struct Note {
    NoteId id{};
    RelationshipId relationship{};
    std::optional<GoalId> goal{};
    PersonId author{};
    NoteKind kind = NoteKind::note;
    Visibility visibility = Visibility::private_;
    Date on{};
    std::string text{};
    std::string tried{};
    std::string response{};
    Timestamp written_at{};
    std::optional<MeetingId> meeting{};
};

/// Notes of the store, always read through an acting person.
class Notes {
public:
    explicit Notes(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Writes a note. Refuses a non-party author (PermissionDenied), a goal of another
    /// relationship, missing text (InvalidArgument), a day in the future.
    NoteId write(const NewNote& note);
    /// The note if `acting` may see it; NotFound otherwise (its existence is not revealed).
    Note get(NoteId id, PersonId acting) const;
    /// The notes of a relationship that `acting` may see, oldest first.
    std::vector<Note> list(RelationshipId relationship, PersonId acting) const;
    /// The notes on a goal that `acting` may see, oldest first.
    std::vector<Note> for_goal(GoalId goal, PersonId acting) const;
    /// The notes on a meeting that `acting` may see, oldest first. NotFound for anyone who may
    /// read no note of the relationship (not a party, not on the learner's board), so that
    /// the meeting's existence is not revealed either.
    std::vector<Note> for_meeting(MeetingId meeting, PersonId acting) const;
    /// Changes who may read a note; only its author may, and only to share it more widely
    /// (a shared note cannot be taken back from those who saw it).
    void share(NoteId id, Visibility visibility, PersonId by);
    /// True when `acting` may read the note.
    bool can_see(const Note& note, PersonId acting) const;

private:
    detail::StoreImpl* m_impl;
};

/// "private", "pair", "board"; "note", "resistance".
std::string_view to_string(Visibility value) noexcept;
std::string_view to_string(NoteKind value) noexcept;

} // namespace mentorkit
