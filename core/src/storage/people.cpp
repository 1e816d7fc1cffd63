#include "storage/people.hpp"

#include "mentorkit/error.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

namespace {

Person read_person(db::Statement& s) {
    Person p;
    p.id = PersonId{s.get_int(0)};
    p.name = s.get_text(1);
    p.level = static_cast<int>(s.get_int(2));
    p.email = s.get_opt_text(3);
    p.phone = s.get_opt_text(4);
    if (auto sup = s.get_opt_int(5))
        p.supervisor = PersonId{*sup};
    p.created_at = detail::from_millis(s.get_int(6));
    return p;
}

std::string blob(const Uid& u) {
    return std::string(reinterpret_cast<const char*>(u.bytes.data()), 16);
}

// A person's supervision line: the ids of the supervisors from the top down to the direct one,
// each followed by '/' ("1/3/17/"; empty at the top). Kept with the row so that a rule reads a
// whole chain with one row, and rewritten for a whole subtree when a supervisor changes.
std::vector<std::int64_t> parse_line(std::string_view line, PersonId id) {
    // "1/2/3/": each ancestor's id and a slash, top down; anything else is damage.
    std::vector<std::int64_t> top_down;
    std::int64_t value = 0;
    bool digits = false, damaged = false;
    for (char c : line) {
        if (c >= '0' && c <= '9' && value < (std::int64_t{1} << 58)) {
            value = value * 10 + (c - '0');
            digits = true;
        } else if (c == '/' && digits) {
            top_down.push_back(value);
            value = 0;
            digits = false;
        } else {
            damaged = true;
            break;
        }
    }
    if (damaged || digits)
        throw StorageError("the supervision line of person " + std::to_string(raw(id)) +
                               " is damaged",
                           ErrorCode::corrupt);
    return {top_down.rbegin(), top_down.rend()}; // nearest first
}

std::string line_of(db::Database& db, PersonId id) {
    db::Use s(db.cached("SELECT line FROM person WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        throw NotFound("person " + std::to_string(raw(id)) + " does not exist");
    return s->get_text(0);
}

} // namespace

bool person_exists(db::Database& db, PersonId id) {
    db::Use s(db.cached("SELECT 1 FROM person WHERE id = ?1"));
    s->bind(1, raw(id));
    return s->step();
}

std::optional<Person> find_person(db::Database& db, PersonId id) {
    std::optional<Person> p;
    {
        db::Use s(db.cached("SELECT id, name, level, email, phone, supervisor_id, created_at FROM "
                            "person WHERE id = ?1"));
        s->bind(1, raw(id));
        if (!s->step())
            return std::nullopt;
        p = read_person(*s);
    }
    db::Use s(db.cached("SELECT area, level FROM expertise WHERE person_id = ?1 ORDER BY area"));
    s->bind(1, raw(id));
    while (s->step())
        p->expertise.push_back({s->get_text(0), static_cast<int>(s->get_int(1))});
    return p;
}

std::vector<Person> list_people(db::Database& db) {
    std::vector<Person> out;
    {
        db::Use s(db.cached("SELECT id, name, level, email, phone, supervisor_id, created_at FROM "
                            "person ORDER BY id"));
        while (s->step())
            out.push_back(read_person(*s));
    }
    // One pass over the expertise table instead of one query per person.
    db::Use s(db.cached("SELECT person_id, area, level FROM expertise ORDER BY person_id, area"));
    std::size_t i = 0;
    while (s->step()) {
        auto pid = PersonId{s->get_int(0)};
        while (i < out.size() && out[i].id < pid)
            ++i;
        if (i < out.size() && out[i].id == pid)
            out[i].expertise.push_back({s->get_text(1), static_cast<int>(s->get_int(2))});
    }
    return out;
}

std::int64_t count_people(db::Database& db) {
    db::Use s(db.cached("SELECT count(*) FROM person"));
    s->step();
    return s->get_int(0);
}

std::optional<std::string> person_name_bytes(db::Database& db, PersonId id) {
    db::Use s(db.cached("SELECT name FROM person WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return s->get_bytes(0);
}

PersonId insert_person(db::Database& db, const Uid& uid, const NewPerson& p, Timestamp at) {
    std::int64_t id = 0;
    {
        db::Use s(
            db.cached("INSERT INTO person (id, uid, name, level, email, phone, supervisor_id, "
                      "created_at, line) VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(("
                      "SELECT line || id || '/' FROM person WHERE id = ?6), ''))"));
        s->bind_blob(1, blob(uid));
        s->bind(8, planned_id(db, "person", uid_blob(uid)));
        s->bind(2, p.name);
        s->bind(3, p.level);
        s->bind(4, p.email);
        s->bind(5, p.phone);
        if (p.supervisor)
            s->bind(6, raw(*p.supervisor));
        s->bind(7, detail::to_millis(at));
        s->run();
        id = db.last_insert_rowid();
    }
    for (const Expertise& e : p.expertise) {
        db::Use s(db.cached("INSERT INTO expertise (person_id, area, level) VALUES (?1, ?2, ?3)"));
        s->bind(1, id);
        s->bind(2, e.area);
        s->bind(3, e.level);
        s->run();
    }
    return PersonId{id};
}

void set_person_name(db::Database& db, PersonId id, const std::string& name) {
    db::Use s(db.cached("UPDATE person SET name = ?2 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, name);
    s->run();
}

void set_person_level(db::Database& db, PersonId id, int level) {
    db::Use s(db.cached("UPDATE person SET level = ?2 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, level);
    s->run();
}

void set_person_contact(db::Database& db, PersonId id, const std::optional<std::string>& email,
                        const std::optional<std::string>& phone) {
    db::Use s(db.cached("UPDATE person SET email = ?2, phone = ?3 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, email);
    s->bind(3, phone);
    s->run();
}

void upsert_expertise(db::Database& db, PersonId id, const std::string& area, int level) {
    db::Use s(db.cached("INSERT INTO expertise (person_id, area, level) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (person_id, area) DO UPDATE SET level = excluded.level"));
    s->bind(1, raw(id));
    s->bind(2, area);
    s->bind(3, level);
    s->run();
}

bool delete_expertise(db::Database& db, PersonId id, const std::string& area) {
    db::Use s(db.cached("DELETE FROM expertise WHERE person_id = ?1 AND area = ?2"));
    s->bind(1, raw(id));
    s->bind(2, area);
    s->run();
    return db.changes() > 0;
}

void set_person_supervisor(db::Database& db, PersonId id, std::optional<PersonId> supervisor) {
    const std::string old_line = line_of(db, id);
    const std::string new_line =
        supervisor ? line_of(db, *supervisor) + std::to_string(raw(*supervisor)) + "/" : "";
    {
        db::Use s(db.cached("UPDATE person SET supervisor_id = ?2 WHERE id = ?1"));
        s->bind(1, raw(id));
        if (supervisor)
            s->bind(2, raw(*supervisor));
        else
            s->bind_null(2);
        s->run();
    }
    // The person and everyone below: the part of their line above the person is replaced.
    db::Use s(db.cached(
        "WITH RECURSIVE down(id) AS (SELECT ?1 UNION SELECT p.id FROM person p JOIN down ON "
        "p.supervisor_id = down.id) UPDATE person SET line = ?2 || substr(line, ?3) WHERE id IN "
        "(SELECT id FROM down)"));
    s->bind(1, raw(id));
    s->bind(2, new_line);
    s->bind(3, static_cast<std::int64_t>(old_line.size()) + 1);
    s->run();
}

std::optional<PersonFacts> person_facts(db::Database& db, PersonId id, std::string_view area) {
    db::Use s(db.cached("SELECT level, (SELECT e.level FROM expertise e WHERE e.person_id = "
                        "person.id AND e.area = ?2), line FROM person WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!area.empty())
        s->bind(2, area);
    if (!s->step())
        return std::nullopt;
    return PersonFacts{static_cast<int>(s->get_int(0)),
                       static_cast<int>(s->get_opt_int(1).value_or(0)),
                       parse_line(s->get_text(2), id)};
}

std::pair<std::optional<PersonFacts>, std::optional<PersonFacts>>
pair_facts(db::Database& db, PersonId a, PersonId b, Uid* uid_a, Uid* uid_b) {
    // Both rows in one statement (a relationship's two parties, read for every proposal); two
    // lookups by rowid, which `id IN (?1, ?2)` would turn into an ephemeral table.
    db::Use s(db.cached("SELECT id, level, line, uid FROM person WHERE id = ?1 UNION ALL "
                        "SELECT id, level, line, uid FROM person WHERE id = ?2"));
    s->bind(1, raw(a));
    s->bind(2, raw(b));
    std::pair<std::optional<PersonFacts>, std::optional<PersonFacts>> out;
    while (s->step()) {
        const PersonId id{s->get_int(0)};
        const bool first = id == a;
        (first ? out.first : out.second) =
            PersonFacts{static_cast<int>(s->get_int(1)), 0, parse_line(s->get_text(2), id)};
        if (Uid* uid = first ? uid_a : uid_b)
            *uid = uid_from_blob(s->get_bytes(3));
    }
    if (a == b && out.first) { // one row for both
        out.second = out.first;
        if (uid_a && uid_b)
            *uid_b = *uid_a;
    }
    return out;
}

std::pair<int, int> pair_expertise(db::Database& db, PersonId a, PersonId b,
                                   std::string_view area) {
    db::Use s(db.cached("SELECT (SELECT level FROM expertise WHERE person_id = ?1 AND area = ?3), "
                        "(SELECT level FROM expertise WHERE person_id = ?2 AND area = ?3)"));
    s->bind(1, raw(a));
    s->bind(2, raw(b));
    s->bind(3, area);
    s->step();
    return {static_cast<int>(s->get_opt_int(0).value_or(0)),
            static_cast<int>(s->get_opt_int(1).value_or(0))};
}

std::vector<std::int64_t> supervisor_chain(db::Database& db, PersonId id) {
    auto facts = person_facts(db, id, {});
    return facts ? std::move(facts->chain) : std::vector<std::int64_t>{};
}

std::vector<PersonId> direct_reports(db::Database& db, PersonId id) {
    std::vector<PersonId> out;
    db::Use s(db.cached("SELECT id FROM person WHERE supervisor_id = ?1 ORDER BY id"));
    s->bind(1, raw(id));
    while (s->step())
        out.push_back(PersonId{s->get_int(0)});
    return out;
}

std::optional<std::int64_t> relationship_across_new_line(db::Database& db, PersonId id,
                                                         PersonId supervisor) {
    // The new line puts everyone in {supervisor and above} over everyone in {id and below}.
    db::Use s(db.cached(
        "WITH RECURSIVE"
        " up(id, depth) AS (SELECT ?2, 0 UNION ALL SELECT p.supervisor_id, up.depth + 1"
        "   FROM person p JOIN up ON p.id = up.id"
        "   WHERE p.supervisor_id IS NOT NULL AND up.depth < 100000),"
        " down(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT p.id, down.depth + 1"
        "   FROM person p JOIN down ON p.supervisor_id = down.id WHERE down.depth < 100000)"
        " SELECT r.id FROM relationship r"
        " WHERE r.model IN ('mentoring', 'coaching')"
        "   AND r.status IN ('proposed', 'active', 'paused')"
        "   AND r.supervision_justification IS NULL"
        "   AND ((r.guide_id IN (SELECT id FROM up) AND r.learner_id IN (SELECT id FROM down))"
        "     OR (r.learner_id IN (SELECT id FROM up) AND r.guide_id IN (SELECT id FROM down)))"
        " LIMIT 1"));
    s->bind(1, raw(id));
    s->bind(2, raw(supervisor));
    if (s->step())
        return s->get_int(0);
    return std::nullopt;
}

} // namespace mentorkit::storage
