#include "storage/agreements.hpp"

#include "names.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

namespace {

Misunderstanding read_misunderstanding(db::Statement& s) {
    Misunderstanding m;
    m.id = MisunderstandingId{s.get_int(0)};
    m.relationship = RelationshipId{s.get_int(1)};
    m.raised_by = PersonId{s.get_int(2)};
    m.raised_on = detail::date_from_db(s.get_text(3));
    m.description = s.get_text(4);
    m.resolution = s.get_opt_text(5);
    if (auto b = s.get_opt_int(6))
        m.resolved_by = PersonId{*b};
    if (auto d = s.get_opt_text(7))
        m.resolved_on = detail::date_from_db(*d);
    return m;
}

} // namespace

std::vector<StoredVersion> load_versions(db::Database& db, RelationshipId relationship) {
    std::vector<StoredVersion> out;
    {
        db::Use s(db.cached("SELECT id, number, cadence_days, review_date, created_by, "
                            "created_at, change_note FROM agreement_version "
                            "WHERE relationship_id = ?1 ORDER BY number"));
        s->bind(1, raw(relationship));
        while (s->step()) {
            StoredVersion l;
            l.row_id = s->get_int(0);
            AgreementVersion& v = l.version;
            v.relationship = relationship;
            v.number = static_cast<int>(s->get_int(1));
            if (auto c = s->get_opt_int(2))
                v.terms.cadence_days = static_cast<int>(*c);
            if (auto d = s->get_opt_text(3))
                v.terms.review_date = detail::date_from_db(*d);
            if (auto by = s->get_opt_int(4))
                v.created_by = PersonId{*by};
            v.created_at = detail::from_millis(s->get_int(5));
            v.change_note = s->get_text(6);
            v.stored = true;
            out.push_back(std::move(l));
        }
    }
    for (StoredVersion& l : out) {
        {
            db::Use s(db.cached("SELECT kind, title, body FROM agreement_clause "
                                "WHERE version_id = ?1 ORDER BY position"));
            s->bind(1, l.row_id);
            while (s->step())
                l.version.clauses.push_back(
                    {names::clause.parse(s->get_text(0)), s->get_text(1), s->get_text(2)});
        }
        db::Use s(db.cached("SELECT person_id, signed_at FROM agreement_signature "
                            "WHERE version_id = ?1 ORDER BY signed_at, person_id"));
        s->bind(1, l.row_id);
        while (s->step())
            l.version.signatures.push_back(
                {PersonId{s->get_int(0)}, detail::from_millis(s->get_int(1))});
    }
    return out;
}

std::int64_t insert_version(db::Database& db, RelationshipId relationship, int number,
                            const AgreementVersion& content, std::optional<PersonId> by,
                            Timestamp at, const std::string& note) {
    std::int64_t id = 0;
    {
        db::Use s(db.cached("INSERT INTO agreement_version (id, relationship_id, number, "
                            "cadence_days, review_date, created_by, created_at, change_note) "
                            "VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
        s->bind(1, raw(relationship));
        s->bind(8, planned_id(db, "agreement_version", version_key(raw(relationship), number)));
        s->bind(2, number);
        s->bind(3, content.terms.cadence_days);
        if (content.terms.review_date)
            s->bind(4, to_string(*content.terms.review_date));
        if (by)
            s->bind(5, raw(*by));
        s->bind(6, detail::to_millis(at));
        s->bind(7, note);
        s->run();
        id = db.last_insert_rowid();
    }
    for (std::size_t i = 0; i < content.clauses.size(); ++i)
        insert_clause(db, id, i, content.clauses[i]);
    return id;
}

void update_clause(db::Database& db, std::int64_t version_row, std::size_t index,
                   const std::string& text, const std::string& title) {
    db::Use s(db.cached("UPDATE agreement_clause SET body = ?3, title = ?4 "
                        "WHERE version_id = ?1 AND position = ?2"));
    s->bind(1, version_row);
    s->bind(2, static_cast<std::int64_t>(index));
    s->bind(3, text);
    s->bind(4, title);
    s->run();
}

void insert_clause(db::Database& db, std::int64_t version_row, std::size_t index,
                   const Clause& clause) {
    db::Use s(db.cached("INSERT INTO agreement_clause (version_id, position, kind, title, body) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)"));
    s->bind(1, version_row);
    s->bind(2, static_cast<std::int64_t>(index));
    s->bind(3, names::clause.name(clause.kind));
    s->bind(4, clause.title);
    s->bind(5, clause.text);
    s->run();
}

void rewrite_clauses(db::Database& db, std::int64_t version_row, const std::vector<Clause>& cl) {
    {
        db::Use s(db.cached("DELETE FROM agreement_clause WHERE version_id = ?1"));
        s->bind(1, version_row);
        s->run();
    }
    for (std::size_t i = 0; i < cl.size(); ++i)
        insert_clause(db, version_row, i, cl[i]);
}

void update_terms(db::Database& db, std::int64_t version_row, const AgreementTerms& terms) {
    db::Use s(db.cached(
        "UPDATE agreement_version SET cadence_days = ?2, review_date = ?3 WHERE id = ?1"));
    s->bind(1, version_row);
    s->bind(2, terms.cadence_days);
    if (terms.review_date)
        s->bind(3, to_string(*terms.review_date));
    s->run();
}

void insert_signature(db::Database& db, std::int64_t version_row, PersonId by, Timestamp at) {
    db::Use s(db.cached("INSERT INTO agreement_signature (version_id, person_id, signed_at) "
                        "VALUES (?1, ?2, ?3)"));
    s->bind(1, version_row);
    s->bind(2, raw(by));
    s->bind(3, detail::to_millis(at));
    s->run();
}

std::optional<Misunderstanding> find_misunderstanding(db::Database& db, MisunderstandingId id) {
    db::Use s(db.cached("SELECT id, relationship_id, raised_by, raised_on, description, "
                        "resolution, resolved_by, resolved_on FROM misunderstanding "
                        "WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return read_misunderstanding(*s);
}

std::vector<Misunderstanding> misunderstandings_of(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT id, relationship_id, raised_by, raised_on, description, "
                        "resolution, resolved_by, resolved_on FROM misunderstanding "
                        "WHERE relationship_id = ?1 ORDER BY id"));
    s->bind(1, raw(id));
    std::vector<Misunderstanding> out;
    while (s->step())
        out.push_back(read_misunderstanding(*s));
    return out;
}

MisunderstandingId insert_misunderstanding(db::Database& db, const Uid& uid, RelationshipId id,
                                           PersonId by, Date on, const std::string& text,
                                           Timestamp at) {
    db::Use s(db.cached("INSERT INTO misunderstanding (id, uid, relationship_id, raised_by, "
                        "raised_on, description, created_at) VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)"));
    s->bind_blob(1, std::string_view(reinterpret_cast<const char*>(uid.bytes.data()), 16));
    s->bind(7, planned_id(db, "misunderstanding", uid_blob(uid)));
    s->bind(2, raw(id));
    s->bind(3, raw(by));
    s->bind(4, to_string(on));
    s->bind(5, text);
    s->bind(6, detail::to_millis(at));
    s->run();
    return MisunderstandingId{db.last_insert_rowid()};
}

void resolve_misunderstanding(db::Database& db, MisunderstandingId id, PersonId by, Date on,
                              const std::string& text) {
    db::Use s(db.cached("UPDATE misunderstanding SET resolution = ?2, resolved_by = ?3, "
                        "resolved_on = ?4 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, text);
    s->bind(3, raw(by));
    s->bind(4, to_string(on));
    s->run();
}

int open_misunderstandings(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT count(*) FROM misunderstanding WHERE relationship_id = ?1 "
                        "AND resolution IS NULL"));
    s->bind(1, raw(id));
    s->step();
    return static_cast<int>(s->get_int(0));
}

} // namespace mentorkit::storage
