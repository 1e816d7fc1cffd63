#include "storage/notes.hpp"

#include "names.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

namespace {

#define MK_NOTE_COLUMNS                                                                            \
    "id, relationship_id, goal_id, author_id, kind, visibility, on_date, body, tried, response, "  \
    "written_at, meeting_id"

Note read_note(db::Statement& s) {
    Note n;
    n.id = NoteId{s.get_int(0)};
    n.relationship = RelationshipId{s.get_int(1)};
    if (auto g = s.get_opt_int(2))
        n.goal = GoalId{*g};
    n.author = PersonId{s.get_int(3)};
    n.kind = names::note_kind.parse(s.get_text(4));
    n.visibility = names::visibility.parse(s.get_text(5));
    n.on = detail::date_from_db(s.get_text(6));
    n.text = s.get_text(7);
    n.tried = s.get_text(8);
    n.response = s.get_text(9);
    n.written_at = detail::from_millis(s.get_int(10));
    if (auto m = s.get_opt_int(11))
        n.meeting = MeetingId{*m};
    return n;
}

} // namespace

std::optional<Note> find_note(db::Database& db, NoteId id) {
    db::Use s(db.cached("SELECT " MK_NOTE_COLUMNS " FROM note WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return read_note(*s);
}

std::vector<Note> notes_of(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT " MK_NOTE_COLUMNS
                        " FROM note WHERE relationship_id = ?1 ORDER BY on_date, id"));
    s->bind(1, raw(id));
    std::vector<Note> out;
    while (s->step())
        out.push_back(read_note(*s));
    return out;
}

NoteId insert_note(db::Database& db, const Uid& uid, const Note& n, Timestamp at) {
    db::Use s(db.cached("INSERT INTO note (id, uid, relationship_id, goal_id, author_id, kind, "
                        "visibility, on_date, body, tried, response, written_at, meeting_id) "
                        "VALUES (?13, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
    s->bind_blob(1, std::string_view(reinterpret_cast<const char*>(uid.bytes.data()), 16));
    s->bind(13, planned_id(db, "note", uid_blob(uid)));
    s->bind(2, raw(n.relationship));
    if (n.goal)
        s->bind(3, raw(*n.goal));
    s->bind(4, raw(n.author));
    s->bind(5, names::note_kind.name(n.kind));
    s->bind(6, names::visibility.name(n.visibility));
    s->bind(7, to_string(n.on));
    s->bind(8, n.text);
    s->bind(9, n.tried);
    s->bind(10, n.response);
    s->bind(11, detail::to_millis(at));
    if (n.meeting)
        s->bind(12, raw(*n.meeting));
    s->run();
    return NoteId{db.last_insert_rowid()};
}

void set_note_visibility(db::Database& db, NoteId id, Visibility visibility) {
    db::Use s(db.cached("UPDATE note SET visibility = ?2 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, names::visibility.name(visibility));
    s->run();
}

bool on_board(db::Database& db, PersonId learner, PersonId guide) {
    db::Use s(
        db.cached("SELECT 1 FROM board_seat WHERE learner_id = ?1 AND guide_id = ?2 LIMIT 1"));
    s->bind(1, raw(learner));
    s->bind(2, raw(guide));
    return s->step();
}

#undef MK_NOTE_COLUMNS

} // namespace mentorkit::storage
