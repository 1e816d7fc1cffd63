#include "storage/relationships.hpp"

#include "mentorkit/error.hpp"
#include "names.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <string_view>

namespace mentorkit::storage {

namespace {

#define MK_REL_COLUMNS                                                                             \
    "id, model, guide_id, learner_id, focus, formality, style, status, start_date, end_date, "     \
    "proposed_by, proposed_on, guide_accepted, learner_accepted, supervision_justification, "      \
    "ended_on, ended_by, end_reason, created_at"

Relationship read_relationship(db::Statement& s) {
    Relationship r;
    r.id = RelationshipId{s.get_int(0)};
    // Names and dates are read in place (no copy); only the free text is kept as a string.
    r.model = names::model.parse(s.get_view(1));
    r.guide = PersonId{s.get_int(2)};
    r.learner = PersonId{s.get_int(3)};
    r.focus = s.get_text(4);
    r.formality = names::formality.parse(s.get_view(5));
    if (!s.is_null(6))
        r.style = names::style.parse(s.get_view(6));
    r.status = names::status.parse(s.get_view(7));
    r.start = detail::date_from_db(s.get_view(8));
    if (!s.is_null(9))
        r.end = detail::date_from_db(s.get_view(9));
    r.proposed_by = PersonId{s.get_int(10)};
    r.proposed_on = detail::date_from_db(s.get_view(11));
    r.guide_accepted = s.get_int(12) != 0;
    r.learner_accepted = s.get_int(13) != 0;
    r.supervision_justification = s.get_opt_text(14);
    if (!s.is_null(15))
        r.ended_on = detail::date_from_db(s.get_view(15));
    if (auto e = s.get_opt_int(16))
        r.ended_by = PersonId{*e};
    r.end_reason = s.get_opt_text(17);
    r.created_at = detail::from_millis(s.get_int(18));
    return r;
}

std::string blob(const Uid& u) {
    return std::string(reinterpret_cast<const char*>(u.bytes.data()), 16);
}

} // namespace

std::optional<Relationship> find_relationship(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT " MK_REL_COLUMNS " FROM relationship WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return read_relationship(*s);
}

std::vector<Relationship> list_relationships(db::Database& db, const RelationshipFilter& f) {
    db::Use s(db.cached(
        "SELECT " MK_REL_COLUMNS " FROM relationship "
        "WHERE (?1 IS NULL OR guide_id = ?1 OR learner_id = ?1) AND (?2 IS NULL OR status = ?2) "
        "AND (?3 IS NULL OR model = ?3) "
        "AND (?4 = 0 OR status IN ('proposed', 'active', 'paused')) ORDER BY id"));
    if (f.person)
        s->bind(1, raw(*f.person));
    if (f.status)
        s->bind(2, names::status.name(*f.status));
    if (f.model)
        s->bind(3, names::model.name(*f.model));
    s->bind(4, f.open_only ? 1 : 0);
    std::vector<Relationship> out;
    while (s->step())
        out.push_back(read_relationship(*s));
    return out;
}

std::vector<RelationshipEvent> relationship_events(db::Database& db, RelationshipId id) {
    std::vector<RelationshipEvent> out;
    db::Use s(db.cached("SELECT kind, actor_id, on_date, reason, at FROM relationship_event "
                        "WHERE relationship_id = ?1 ORDER BY id"));
    s->bind(1, raw(id));
    while (s->step())
        out.push_back({names::event.parse(s->get_text(0)), PersonId{s->get_int(1)},
                       detail::date_from_db(s->get_text(2)), s->get_opt_text(3),
                       detail::from_millis(s->get_int(4))});
    return out;
}

std::optional<Date> last_event_day(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT max(on_date) FROM relationship_event WHERE relationship_id = ?1"));
    s->bind(1, raw(id));
    s->step();
    if (auto d = s->get_opt_text(0))
        return detail::date_from_db(*d);
    return std::nullopt;
}

std::optional<RelationshipId> insert_relationship(db::Database& db, const Uid& uid,
                                                  const Relationship& r, Timestamp at) {
    db::Use s(db.cached(
        "INSERT INTO relationship (id, uid, model, guide_id, learner_id, focus, formality, style, "
        "status, start_date, end_date, proposed_by, proposed_on, guide_accepted, "
        "learner_accepted, supervision_justification, created_at) VALUES (?16, ?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, 'proposed', ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"));
    s->bind_blob(1, blob(uid));
    s->bind(16, planned_id(db, "relationship", uid_blob(uid)));
    s->bind(2, names::model.name(r.model));
    s->bind(3, raw(r.guide));
    s->bind(4, raw(r.learner));
    s->bind(5, r.focus);
    s->bind(6, names::formality.name(r.formality));
    if (r.style)
        s->bind(7, names::style.name(*r.style));
    s->bind(8, to_string(r.start));
    if (r.end)
        s->bind(9, to_string(*r.end));
    s->bind(10, raw(r.proposed_by));
    s->bind(11, to_string(r.proposed_on));
    s->bind(12, r.guide_accepted ? 1 : 0);
    s->bind(13, r.learner_accepted ? 1 : 0);
    s->bind(14, r.supervision_justification);
    s->bind(15, detail::to_millis(at));
    try {
        s->run();
    } catch (const StorageError& e) {
        // One open relationship per pair, model and focus: the insert guard of the table
        // (relationship_no_replace, whose other key, the id, is new here) refuses a second, and
        // the partial unique index relationship_open_pair backs it up.
        const std::string_view what(e.what());
        if ((e.sqlite_extended_code() == SQLITE_CONSTRAINT_TRIGGER &&
             what.find("relationship keeps its records") != std::string_view::npos) ||
            (e.sqlite_extended_code() == SQLITE_CONSTRAINT_UNIQUE &&
             what.find("relationship.guide_id") != std::string_view::npos))
            return std::nullopt;
        throw;
    }
    return RelationshipId{db.last_insert_rowid()};
}

void set_accepted(db::Database& db, RelationshipId id, bool guide) {
    db::Use s(db.cached(guide ? "UPDATE relationship SET guide_accepted = 1 WHERE id = ?1"
                              : "UPDATE relationship SET learner_accepted = 1 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->run();
}

void set_status(db::Database& db, RelationshipId id, Status status,
                std::optional<PersonId> ended_by, std::optional<Date> ended_on,
                const std::optional<std::string>& reason) {
    db::Use s(db.cached("UPDATE relationship SET status = ?2, ended_by = ?3, ended_on = ?4, "
                        "end_reason = ?5 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, names::status.name(status));
    if (ended_by)
        s->bind(3, raw(*ended_by));
    if (ended_on)
        s->bind(4, to_string(*ended_on));
    s->bind(5, reason);
    s->run();
}

void set_formality(db::Database& db, RelationshipId id, Formality formality,
                   std::optional<Date> end) {
    db::Use s(db.cached("UPDATE relationship SET formality = ?2, end_date = ?3 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, names::formality.name(formality));
    if (end)
        s->bind(3, to_string(*end));
    s->run();
}

void insert_event(db::Database& db, RelationshipId id, EventKind kind, PersonId actor, Date on,
                  const std::optional<std::string>& reason, Timestamp at) {
    db::Use s(db.cached("INSERT INTO relationship_event (relationship_id, kind, actor_id, "
                        "on_date, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    s->bind(1, raw(id));
    s->bind(2, names::event.name(kind));
    s->bind(3, raw(actor));
    s->bind(4, to_string(on));
    s->bind(5, reason);
    s->bind(6, detail::to_millis(at));
    s->run();
}

std::vector<BoardSeat> board_of(db::Database& db, PersonId learner) {
    db::Use s(db.cached("SELECT relationship_id, guide_id, model, focus, style FROM board_seat "
                        "WHERE learner_id = ?1 ORDER BY focus, relationship_id"));
    s->bind(1, raw(learner));
    std::vector<BoardSeat> out;
    while (s->step()) {
        BoardSeat seat{RelationshipId{s->get_int(0)}, PersonId{s->get_int(1)},
                       names::model.parse(s->get_text(2)), s->get_text(3), std::nullopt};
        if (auto st = s->get_opt_text(4))
            seat.style = names::style.parse(*st);
        out.push_back(std::move(seat));
    }
    return out;
}

#undef MK_REL_COLUMNS

} // namespace mentorkit::storage
