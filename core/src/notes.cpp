#include "mentorkit/notes.hpp"

#include "enums.hpp"
#include "goals_impl.hpp"
#include "mentorkit/error.hpp"
#include "relationships_impl.hpp"
#include "store_impl.hpp"

#include <algorithm>

namespace mentorkit {

using detail::Json;

namespace {

constexpr detail::EnumNames<Visibility, 3> kVisibility{{"private", "pair", "board"}, "visibility"};
constexpr detail::EnumNames<NoteKind, 2> kKind{{"note", "resistance"}, "note kind"};

Note read_note(db::Statement& s) {
    Note n;
    n.id = NoteId{s.get_int(0)};
    n.relationship = RelationshipId{s.get_int(1)};
    if (auto g = s.get_opt_int(2))
        n.goal = GoalId{*g};
    n.author = PersonId{s.get_int(3)};
    n.kind = kKind.parse(s.get_text(4));
    n.visibility = kVisibility.parse(s.get_text(5));
    n.on = detail::date_from_db(s.get_text(6));
    n.text = s.get_text(7);
    n.tried = s.get_text(8);
    n.response = s.get_text(9);
    n.written_at = detail::from_millis(s.get_int(10));
    if (auto m = s.get_opt_int(11))
        n.meeting = MeetingId{*m};
    return n;
}

// Who may read the notes of one relationship: its parties, and the guides on its learner's
// board (for board notes). Computed once per read.
struct Readers {
    PersonId guide{}, learner{};
    bool on_board = false; // the acting person is a guide on the learner's board
};

Readers readers_for(db::Database& db, RelationshipId rel, PersonId acting) {
    Relationship r = detail::load_relationship(db, rel);
    Readers out{r.guide, r.learner, false};
    db::Use s(db.cached("SELECT 1 FROM relationship WHERE learner_id = ?1 AND guide_id = ?2 AND "
                        "status = 'active' AND model IN ('mentoring', 'coaching') LIMIT 1"));
    s->bind(1, raw(r.learner));
    s->bind(2, raw(acting));
    out.on_board = s->step();
    if (acting != out.guide && acting != out.learner && !out.on_board)
        detail::require_known_person(db, acting); // an unknown acting person is NotFound
    return out;
}

bool visible(const Note& n, const Readers& who, PersonId acting) {
    if (acting == n.author)
        return true;
    switch (n.visibility) {
    case Visibility::private_:
        return false;
    case Visibility::pair:
        return acting == who.guide || acting == who.learner;
    case Visibility::board:
        return acting == who.learner || who.on_board;
    }
    return false;
}

constexpr const char* kSelectById =
    "SELECT id, relationship_id, goal_id, author_id, kind, visibility, on_date, body, tried, "
    "response, written_at, meeting_id FROM note WHERE id = ?1";

std::optional<Note> find_note(db::Database& db, NoteId id) {
    db::Use s(db.cached(kSelectById));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return read_note(*s);
}

std::string note_text(NoteId id) {
    return "note " + std::to_string(raw(id));
}

} // namespace

NoteId Notes::write(const NewNote& req) {
    std::string text = detail::optional_text(req.text, "the note");
    std::string tried = detail::optional_text(req.tried, "what was tried");
    std::string response = detail::optional_text(req.response, "the response");
    if (static_cast<std::size_t>(req.kind) > 1)
        throw InvalidArgument("unknown note kind");
    if (static_cast<std::size_t>(req.visibility) > 2)
        throw InvalidArgument("unknown visibility");
    if (req.kind == NoteKind::note && text.empty())
        throw InvalidArgument("a note needs text", ErrorCode::empty_text);
    if (req.kind == NoteKind::resistance && (tried.empty() || response.empty()))
        throw InvalidArgument("an entry on resistance or lack of progress records what was "
                              "tried and the response",
                              ErrorCode::empty_text);
    if (req.kind == NoteKind::note && (!tried.empty() || !response.empty()))
        throw InvalidArgument("'tried' and 'response' belong to resistance entries");
    detail::require_date(req.on, "the date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = detail::load_relationship(db, req.relationship);
    detail::require_party(r, req.author, "write notes on it");
    if (r.status == Status::declined)
        throw RuleViolation("relationship " + std::to_string(raw(r.id)) + " was declined",
                            ErrorCode::invalid_transition);
    if (req.goal && detail::load_goal(db, *req.goal).relationship != r.id)
        throw InvalidArgument("goal " + std::to_string(raw(*req.goal)) +
                              " belongs to another relationship");
    if (req.meeting) {
        db::Use s(db.cached("SELECT relationship_id FROM meeting WHERE id = ?1"));
        s->bind(1, raw(*req.meeting));
        if (!s->step())
            throw NotFound("meeting " + std::to_string(raw(*req.meeting)) + " does not exist");
        if (RelationshipId{s->get_int(0)} != r.id)
            throw InvalidArgument("meeting " + std::to_string(raw(*req.meeting)) +
                                  " belongs to another relationship");
    }
    detail::require_not_future(req.on, m_impl->today(), "the note's date");
    std::int64_t id = 0;
    {
        db::Use s(db.cached("INSERT INTO note (relationship_id, goal_id, author_id, kind, "
                            "visibility, on_date, body, tried, response, written_at, meeting_id) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
        s->bind(1, raw(r.id));
        if (req.goal)
            s->bind(2, raw(*req.goal));
        s->bind(3, raw(req.author));
        s->bind(4, kKind.name(req.kind));
        s->bind(5, kVisibility.name(req.visibility));
        s->bind(6, to_string(req.on));
        s->bind(7, text);
        s->bind(8, tried);
        s->bind(9, response);
        s->bind(10, detail::to_millis(m_impl->now()));
        if (req.meeting)
            s->bind(11, raw(*req.meeting));
        s->run();
        id = db.last_insert_rowid();
    }
    // Never the text: the audit log is readable more widely than a private note.
    m_impl->audit(req.author, "write", "note", id,
                  Json()
                      .add("relationship", raw(r.id))
                      .add("kind", kKind.name(req.kind))
                      .add("visibility", kVisibility.name(req.visibility))
                      .str());
    tx.commit();
    return NoteId{id};
}

Note Notes::get(NoteId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    auto n = find_note(db, id);
    if (!n || !visible(*n, readers_for(db, n->relationship, acting), acting))
        throw NotFound(note_text(id) + " does not exist");
    return std::move(*n);
}

std::vector<Note> Notes::list(RelationshipId relationship, PersonId acting) const {
    db::Database& db = m_impl->db();
    Readers who = readers_for(db, relationship, acting);
    db::Use s(db.cached("SELECT id, relationship_id, goal_id, author_id, kind, visibility, "
                        "on_date, body, tried, response, written_at, meeting_id FROM note "
                        "WHERE relationship_id = ?1 ORDER BY on_date, id"));
    s->bind(1, raw(relationship));
    std::vector<Note> out;
    while (s->step()) {
        Note n = read_note(*s);
        if (visible(n, who, acting))
            out.push_back(std::move(n));
    }
    return out;
}

std::vector<Note> Notes::for_goal(GoalId goal, PersonId acting) const {
    db::Database& db = m_impl->db();
    Goal g = detail::load_goal(db, goal);
    std::vector<Note> out;
    for (Note& n : list(g.relationship, acting))
        if (n.goal == goal)
            out.push_back(std::move(n));
    return out;
}

std::vector<Note> Notes::for_meeting(MeetingId meeting, PersonId acting) const {
    db::Database& db = m_impl->db();
    RelationshipId rel{};
    {
        db::Use s(db.cached("SELECT relationship_id FROM meeting WHERE id = ?1"));
        s->bind(1, raw(meeting));
        if (!s->step())
            throw NotFound("meeting " + std::to_string(raw(meeting)) + " does not exist");
        rel = RelationshipId{s->get_int(0)};
    }
    // Like Meetings::get: only those who may read notes of the relationship learn that the
    // meeting exists.
    Readers who = readers_for(db, rel, acting);
    if (acting != who.guide && acting != who.learner && !who.on_board)
        throw NotFound("meeting " + std::to_string(raw(meeting)) + " does not exist");
    std::vector<Note> out;
    for (Note& n : list(rel, acting))
        if (n.meeting == meeting)
            out.push_back(std::move(n));
    return out;
}

void Notes::share(NoteId id, Visibility visibility, PersonId by) {
    if (static_cast<std::size_t>(visibility) > 2)
        throw InvalidArgument("unknown visibility");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Note n = get(id, by); // NotFound for anyone who cannot see it
    if (n.author != by)
        throw PermissionDenied("only the author of " + note_text(id) + " can share it");
    if (visibility == n.visibility)
        throw InvalidArgument(note_text(id) + " is already " + std::string(to_string(visibility)));
    if (visibility < n.visibility)
        throw RuleViolation("a shared note cannot be taken back: " + note_text(id) + " is " +
                            std::string(to_string(n.visibility)));
    {
        db::Use s(db.cached("UPDATE note SET visibility = ?2 WHERE id = ?1"));
        s->bind(1, raw(id));
        s->bind(2, kVisibility.name(visibility));
        s->run();
    }
    m_impl->audit(by, "share", "note", raw(id),
                  Json()
                      .add("from", kVisibility.name(n.visibility))
                      .add("to", kVisibility.name(visibility))
                      .str());
    tx.commit();
}

bool Notes::can_see(const Note& note, PersonId acting) const {
    return visible(note, readers_for(m_impl->db(), note.relationship, acting), acting);
}

std::string_view to_string(Visibility v) noexcept {
    return kVisibility.name(v);
}
std::string_view to_string(NoteKind v) noexcept {
    return kKind.name(v);
}

} // namespace mentorkit
