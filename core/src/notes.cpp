// Notes: written and shared as operations (note.*); who reads them is rules/visibility.hpp, the
// SQL storage/notes.cpp.

#include "mentorkit/notes.hpp"

#include "goals_impl.hpp"
#include "mentorkit/error.hpp"
#include "names.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/registry.hpp"
#include "relationships_impl.hpp"
#include "rules/visibility.hpp"
#include "storage/meetings.hpp"
#include "storage/notes.hpp"
#include "store_impl.hpp"

namespace mentorkit {

using detail::Json;
using rules::Readers;

namespace {

// Who may read the notes of one relationship, from `acting`'s side; computed once per read.
Readers readers_for(db::Database& db, RelationshipId rel, PersonId acting) {
    Relationship r = detail::load_relationship(db, rel);
    Readers out{r.guide, r.learner, storage::on_board(db, r.learner, acting)};
    if (acting != out.guide && acting != out.learner && !out.on_board)
        detail::require_known_person(db, acting); // an unknown acting person is NotFound
    return out;
}

std::string note_text(NoteId id) {
    return "note " + std::to_string(raw(id));
}

struct WriteNote {
    static constexpr const char* kind = "note.write";
    Uid uid;
    NewNote req;

    std::int64_t apply(detail::StoreImpl& impl) const {
        Note n;
        n.text = detail::optional_text(req.text, "the note");
        n.tried = detail::optional_text(req.tried, "what was tried");
        n.response = detail::optional_text(req.response, "the response");
        if (static_cast<std::size_t>(req.kind) > 1)
            throw InvalidArgument("unknown note kind");
        if (static_cast<std::size_t>(req.visibility) > 2)
            throw InvalidArgument("unknown visibility");
        if (req.kind == NoteKind::note && n.text.empty())
            throw InvalidArgument("a note needs text", ErrorCode::empty_text);
        if (req.kind == NoteKind::resistance && (n.tried.empty() || n.response.empty()))
            throw InvalidArgument("an entry on resistance or lack of progress records what was "
                                  "tried and the response",
                                  ErrorCode::empty_text);
        if (req.kind == NoteKind::note && (!n.tried.empty() || !n.response.empty()))
            throw InvalidArgument("'tried' and 'response' belong to resistance entries");
        detail::require_date(req.on, "the date");
        db::Database& db = impl.db();
        Relationship r = detail::load_relationship(db, req.relationship);
        detail::require_party(r, req.author, "write notes on it");
        if (r.status == Status::declined)
            throw RuleViolation("relationship " + std::to_string(raw(r.id)) + " was declined",
                                ErrorCode::invalid_transition);
        if (req.goal && detail::load_goal(db, *req.goal).relationship != r.id)
            throw InvalidArgument("goal " + std::to_string(raw(*req.goal)) +
                                  " belongs to another relationship");
        if (req.meeting) {
            auto owner = storage::meeting_relationship(db, *req.meeting);
            if (!owner)
                throw NotFound("meeting " + std::to_string(raw(*req.meeting)) + " does not exist");
            if (*owner != r.id)
                throw InvalidArgument("meeting " + std::to_string(raw(*req.meeting)) +
                                      " belongs to another relationship");
        }
        detail::require_not_future(req.on, impl.today(), "the note's date");
        n.relationship = r.id;
        n.goal = req.goal;
        n.author = req.author;
        n.kind = req.kind;
        n.visibility = req.visibility;
        n.on = req.on;
        n.meeting = req.meeting;
        NoteId id = storage::insert_note(db, uid, n, impl.now());
        // Never the text: the audit log is readable more widely than a private note.
        impl.audit(req.author, "write", "note", raw(id),
                   Json()
                       .add("relationship", raw(r.id))
                       .add("kind", names::note_kind.name(req.kind))
                       .add("visibility", names::visibility.name(req.visibility))
                       .str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("relationship", e.ref(req.relationship))
            .add("goal", e.ref(req.goal))
            .add("meeting", e.ref(req.meeting))
            .add("kind", names::note_kind.name(req.kind))
            .add("visibility", names::visibility.name(req.visibility))
            .add("on", e.date(req.on))
            .add("text", req.text)
            .add("tried", req.tried)
            .add("response", req.response)
            .done();
    }
    static WriteNote decode(ops::Decoder& d) {
        WriteNote op{d.uid("id"), {}};
        NewNote& n = op.req;
        n.relationship = d.ref<RelationshipId>("relationship");
        n.goal = d.opt_ref<GoalId>("goal");
        n.meeting = d.opt_ref<MeetingId>("meeting");
        n.author = d.actor_required();
        n.kind = d.name("kind", names::note_kind);
        n.visibility = d.name("visibility", names::visibility);
        n.on = d.date("on");
        n.text = d.text("text");
        n.tried = d.text("tried");
        n.response = d.text("response");
        return op;
    }
};

struct ShareNote {
    static constexpr const char* kind = "note.share";
    NoteId id;
    Visibility visibility = Visibility::pair;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        if (static_cast<std::size_t>(visibility) > 2)
            throw InvalidArgument("unknown visibility");
        db::Database& db = impl.db();
        auto n = storage::find_note(db, id);
        // NotFound for anyone who cannot see it.
        if (!n || !rules::may_read(*n, readers_for(db, n->relationship, by), by))
            throw NotFound(note_text(id) + " does not exist");
        if (n->author != by)
            throw PermissionDenied("only the author of " + note_text(id) + " can share it");
        if (visibility == n->visibility)
            throw InvalidArgument(note_text(id) + " is already " +
                                  std::string(to_string(visibility)));
        if (!rules::widens(n->visibility, visibility))
            throw RuleViolation("a shared note cannot be taken back: " + note_text(id) + " is " +
                                std::string(to_string(n->visibility)));
        storage::set_note_visibility(db, id, visibility);
        impl.audit(by, "share", "note", raw(id),
                   Json()
                       .add("from", names::visibility.name(n->visibility))
                       .add("to", names::visibility.name(visibility))
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("note", e.ref(id))
            .add("visibility", names::visibility.name(visibility))
            .done();
    }
    static ShareNote decode(ops::Decoder& d) {
        return {d.ref<NoteId>("note"), d.name("visibility", names::visibility), d.actor_required()};
    }
};

} // namespace

namespace ops {
void register_notes(Registry& r) {
    r.add(WriteNote::kind, &handle<WriteNote>);
    r.add(ShareNote::kind, &handle<ShareNote>);
}
} // namespace ops

NoteId Notes::write(const NewNote& req) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return NoteId{ops::run(*m_impl, req.author, WriteNote{uid, req})};
}

Note Notes::get(NoteId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    auto n = storage::find_note(db, id);
    if (!n || !rules::may_read(*n, readers_for(db, n->relationship, acting), acting))
        throw NotFound(note_text(id) + " does not exist");
    return std::move(*n);
}

std::vector<Note> Notes::list(RelationshipId relationship, PersonId acting) const {
    db::Database& db = m_impl->db();
    Readers who = readers_for(db, relationship, acting);
    std::vector<Note> out;
    for (Note& n : storage::notes_of(db, relationship))
        if (rules::may_read(n, who, acting))
            out.push_back(std::move(n));
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
    auto rel = storage::meeting_relationship(db, meeting);
    if (!rel)
        throw NotFound("meeting " + std::to_string(raw(meeting)) + " does not exist");
    // Like Meetings::get: only those who may read notes of the relationship learn that the
    // meeting exists.
    Readers who = readers_for(db, *rel, acting);
    if (acting != who.guide && acting != who.learner && !who.on_board)
        throw NotFound("meeting " + std::to_string(raw(meeting)) + " does not exist");
    std::vector<Note> out;
    for (Note& n : list(*rel, acting))
        if (n.meeting == meeting)
            out.push_back(std::move(n));
    return out;
}

void Notes::share(NoteId id, Visibility visibility, PersonId by) {
    ops::run(*m_impl, by, ShareNote{id, visibility, by});
}

bool Notes::can_see(const Note& note, PersonId acting) const {
    return rules::may_read(note, readers_for(m_impl->db(), note.relationship, acting), acting);
}

std::string_view to_string(Visibility v) noexcept {
    return names::visibility.name(v);
}
std::string_view to_string(NoteKind v) noexcept {
    return names::note_kind.name(v);
}

} // namespace mentorkit
