#include "mentorkit/people.hpp"

#include "mentorkit/error.hpp"
#include "store_impl.hpp"
#include "text.hpp"

#include <algorithm>
#include <set>

namespace mentorkit {

using detail::Json;

namespace {

constexpr const char* kSelectPerson =
    "SELECT id, name, level, email, phone, supervisor_id, created_at FROM person WHERE id = ?1";

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

void load_expertise(db::Database& db, Person& p) {
    db::Use s(db.cached("SELECT area, level FROM expertise WHERE person_id = ?1 ORDER BY area"));
    s->bind(1, raw(p.id));
    while (s->step())
        p.expertise.push_back({s->get_text(0), static_cast<int>(s->get_int(1))});
}

std::string clean_area(const std::string& area) {
    return detail::require_text(area, "expertise area", kMaxNameBytes);
}

void check_level(int level) {
    if (level < 1 || level > 5)
        throw InvalidArgument("expertise level must be between 1 and 5, got " +
                              std::to_string(level));
}

std::optional<std::string> clean_contact(const std::optional<std::string>& v, const char* what) {
    if (!v)
        return std::nullopt;
    detail::require_utf8(*v, what, kMaxNameBytes);
    std::string t = detail::trim(*v);
    if (t.empty())
        return std::nullopt;
    return t;
}

bool ascii_iequal(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lx = (x >= 'A' && x <= 'Z') ? char(x - 'A' + 'a') : x;
        auto ly = (y >= 'A' && y <= 'Z') ? char(y - 'A' + 'a') : y;
        return lx == ly;
    });
}

} // namespace

namespace detail {

std::optional<PersonFacts> person_facts(db::Database& db, PersonId id, std::string_view area) {
    // Level, expertise and eight levels of supervisors in one statement: real hierarchies are
    // shallow, so one step usually reads the whole chain (a recursive CTE costs more here: it
    // builds an ephemeral queue per call). Longer chains continue from the eighth supervisor.
    db::Statement& s = db.cached(
        "SELECT p0.level, (SELECT e.level FROM expertise e WHERE e.person_id = p0.id AND "
        "e.area = ?2), p0.supervisor_id, p1.supervisor_id, p2.supervisor_id, p3.supervisor_id, "
        "p4.supervisor_id, p5.supervisor_id, p6.supervisor_id, p7.supervisor_id FROM person p0 "
        "LEFT JOIN person p1 ON p1.id = p0.supervisor_id "
        "LEFT JOIN person p2 ON p2.id = p1.supervisor_id "
        "LEFT JOIN person p3 ON p3.id = p2.supervisor_id "
        "LEFT JOIN person p4 ON p4.id = p3.supervisor_id "
        "LEFT JOIN person p5 ON p5.id = p4.supervisor_id "
        "LEFT JOIN person p6 ON p6.id = p5.supervisor_id "
        "LEFT JOIN person p7 ON p7.id = p6.supervisor_id WHERE p0.id = ?1");
    std::optional<PersonFacts> facts;
    std::int64_t current = raw(id);
    // Cycles are refused on write; the bound only guards against a file edited by hand.
    for (std::size_t round = 0; round < 100000 / 8; ++round) {
        db::Use use(s);
        s.bind(1, current);
        if (!area.empty())
            s.bind(2, area);
        if (!s.step())
            break;
        if (!facts)
            facts = PersonFacts{
                static_cast<int>(s.get_int(0)), static_cast<int>(s.get_opt_int(1).value_or(0)), {}};
        for (int i = 2; i < 10; ++i) {
            if (s.is_null(i))
                return facts;
            facts->chain.push_back(s.get_int(i));
        }
        current = facts->chain.back();
    }
    return facts;
}

std::vector<std::int64_t> supervisor_chain(db::Database& db, PersonId id) {
    auto facts = person_facts(db, id, {});
    return facts ? std::move(facts->chain) : std::vector<std::int64_t>{};
}

} // namespace detail

int Person::expertise_in(const std::string& area) const {
    std::string a = detail::trim(area);
    for (const Expertise& e : expertise)
        if (ascii_iequal(e.area, a))
            return e.level;
    return 0;
}

PersonId People::create(const NewPerson& person, std::optional<PersonId> by) {
    std::string name = detail::require_text(person.name, "a person's name", kMaxNameBytes);
    detail::require_level(person.level);
    detail::require_list_size(person.expertise.size(), "the expertise list");
    auto email = clean_contact(person.email, "email");
    auto phone = clean_contact(person.phone, "phone");
    // Validate the whole request before writing anything.
    std::vector<Expertise> expertise;
    for (const Expertise& e : person.expertise) {
        check_level(e.level);
        std::string area = clean_area(e.area);
        for (const Expertise& seen : expertise)
            if (ascii_iequal(seen.area, area))
                throw InvalidArgument("expertise area '" + area + "' is listed twice");
        expertise.push_back({area, e.level});
    }
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    if (by)
        m_impl->require_person(*by, "acting person");
    if (person.supervisor)
        m_impl->require_person(*person.supervisor, "supervisor");
    std::int64_t id = 0;
    {
        db::Use s(db.cached("INSERT INTO person (name, level, email, phone, supervisor_id, "
                            "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
        s->bind(1, name);
        s->bind(2, person.level);
        s->bind(3, email);
        s->bind(4, phone);
        if (person.supervisor)
            s->bind(5, raw(*person.supervisor));
        s->bind(6, detail::to_millis(m_impl->now()));
        s->run();
        id = db.last_insert_rowid();
    }
    for (const Expertise& e : expertise) {
        db::Use s(db.cached("INSERT INTO expertise (person_id, area, level) VALUES (?1, ?2, ?3)"));
        s->bind(1, id);
        s->bind(2, e.area);
        s->bind(3, e.level);
        s->run();
    }
    Json detail;
    detail.add("name", name).add("level", person.level);
    if (person.supervisor)
        detail.add("supervisor", raw(*person.supervisor));
    m_impl->audit(by, "create", "person", id, detail.str());
    tx.commit();
    return PersonId{id};
}

std::optional<Person> People::find(PersonId id) const {
    db::Database& db = m_impl->db();
    std::optional<Person> p;
    {
        db::Use s(db.cached(kSelectPerson));
        s->bind(1, raw(id));
        if (!s->step())
            return std::nullopt;
        p = read_person(*s);
    }
    load_expertise(db, *p);
    return p;
}

Person People::get(PersonId id) const {
    auto p = find(id);
    if (!p)
        throw NotFound("person " + std::to_string(raw(id)) + " does not exist");
    return std::move(*p);
}

std::vector<Person> People::list() const {
    db::Database& db = m_impl->db();
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

std::int64_t People::count() const {
    db::Use s(m_impl->db().cached("SELECT count(*) FROM person"));
    s->step();
    return s->get_int(0);
}

void People::rename(PersonId id, const std::string& name, std::optional<PersonId> by) {
    std::string clean = detail::require_text(name, "a person's name", kMaxNameBytes);
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    if (by)
        m_impl->require_person(*by, "acting person");
    // The old name is read as bytes: renaming is how a name another program wrote as invalid
    // UTF-8 is mended, so it must not fail on it (the audit keeps it with U+FFFD).
    std::string old_name;
    {
        db::Use s(db.cached("SELECT name FROM person WHERE id = ?1"));
        s->bind(1, raw(id));
        if (!s->step())
            throw NotFound("person " + std::to_string(raw(id)) + " does not exist");
        old_name = detail::valid_utf8(s->get_bytes(0));
    }
    {
        db::Use s(db.cached("UPDATE person SET name = ?2 WHERE id = ?1"));
        s->bind(1, raw(id));
        s->bind(2, clean);
        s->run();
    }
    m_impl->audit(by, "rename", "person", raw(id),
                  Json().add("from", old_name).add("to", clean).str());
    tx.commit();
}

void People::set_level(PersonId id, int level, std::optional<PersonId> by) {
    detail::require_level(level);
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    if (by)
        m_impl->require_person(*by, "acting person");
    Person old = get(id);
    {
        db::Use s(db.cached("UPDATE person SET level = ?2 WHERE id = ?1"));
        s->bind(1, raw(id));
        s->bind(2, level);
        s->run();
    }
    m_impl->audit(by, "set_level", "person", raw(id),
                  Json().add("from", old.level).add("to", level).str());
    tx.commit();
}

void People::set_contact(PersonId id, std::optional<std::string> email,
                         std::optional<std::string> phone, std::optional<PersonId> by) {
    auto e = clean_contact(email, "email");
    auto p = clean_contact(phone, "phone");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    if (by)
        m_impl->require_person(*by, "acting person");
    m_impl->require_person(id, "person");
    {
        db::Use s(db.cached("UPDATE person SET email = ?2, phone = ?3 WHERE id = ?1"));
        s->bind(1, raw(id));
        s->bind(2, e);
        s->bind(3, p);
        s->run();
    }
    m_impl->audit(by, "set_contact", "person", raw(id),
                  Json().add("email", e).add("phone", p).str());
    tx.commit();
}

void People::set_expertise(PersonId id, const std::string& area, int level,
                           std::optional<PersonId> by) {
    check_level(level);
    std::string a = clean_area(area);
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    if (by)
        m_impl->require_person(*by, "acting person");
    m_impl->require_person(id, "person");
    {
        // The area keeps the spelling it was first given; only the level changes.
        db::Use s(db.cached("INSERT INTO expertise (person_id, area, level) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (person_id, area) DO UPDATE SET level = excluded.level"));
        s->bind(1, raw(id));
        s->bind(2, a);
        s->bind(3, level);
        s->run();
    }
    m_impl->audit(by, "set_expertise", "person", raw(id),
                  Json().add("area", a).add("level", level).str());
    tx.commit();
}

void People::remove_expertise(PersonId id, const std::string& area, std::optional<PersonId> by) {
    std::string a = clean_area(area);
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    if (by)
        m_impl->require_person(*by, "acting person");
    m_impl->require_person(id, "person");
    {
        db::Use s(db.cached("DELETE FROM expertise WHERE person_id = ?1 AND area = ?2"));
        s->bind(1, raw(id));
        s->bind(2, a);
        s->run();
    }
    if (db.changes() == 0)
        throw NotFound("person " + std::to_string(raw(id)) + " lists no expertise in '" + a + "'");
    m_impl->audit(by, "remove_expertise", "person", raw(id), Json().add("area", a).str());
    tx.commit();
}

std::vector<PersonId> People::supervisor_chain(PersonId id) const {
    m_impl->require_person(id, "person");
    std::vector<PersonId> chain;
    for (std::int64_t s : detail::supervisor_chain(m_impl->db(), id))
        chain.push_back(PersonId{s});
    return chain;
}

std::vector<PersonId> People::direct_reports(PersonId id) const {
    db::Database& db = m_impl->db();
    m_impl->require_person(id, "person");
    std::vector<PersonId> out;
    db::Use s(db.cached("SELECT id FROM person WHERE supervisor_id = ?1 ORDER BY id"));
    s->bind(1, raw(id));
    while (s->step())
        out.push_back(PersonId{s->get_int(0)});
    return out;
}

bool People::supervises(PersonId upper, PersonId lower) const {
    auto chain = supervisor_chain(lower);
    return std::find(chain.begin(), chain.end(), upper) != chain.end();
}

void People::set_supervisor(PersonId id, std::optional<PersonId> supervisor,
                            std::optional<PersonId> by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    if (by)
        m_impl->require_person(*by, "acting person");
    Person old = get(id);
    if (supervisor) {
        m_impl->require_person(*supervisor, "supervisor");
        if (*supervisor == id)
            throw RuleViolation("a person cannot supervise themselves",
                                ErrorCode::supervisor_cycle);
        if (supervises(id, *supervisor))
            throw RuleViolation("person " + std::to_string(raw(id)) + " already supervises " +
                                    std::to_string(raw(*supervisor)) +
                                    " (directly or up the chain); the line would loop",
                                ErrorCode::supervisor_cycle);
        // The new line puts everyone in {supervisor and above} over everyone in {id and
        // below}. Any open mentoring or coaching between the two groups would then cross a
        // supervision line (DOMAIN.md: refused unless justified).
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
        s->bind(2, raw(*supervisor));
        if (s->step())
            throw RuleViolation("the new supervision line would cross open relationship " +
                                    std::to_string(s->get_int(0)) +
                                    " (mentoring or coaching must not overlap supervision); "
                                    "end it first",
                                ErrorCode::supervision_line);
    }
    {
        db::Use s(db.cached("UPDATE person SET supervisor_id = ?2 WHERE id = ?1"));
        s->bind(1, raw(id));
        if (supervisor)
            s->bind(2, raw(*supervisor));
        else
            s->bind_null(2);
        s->run();
    }
    Json detail;
    if (old.supervisor)
        detail.add("from", raw(*old.supervisor));
    else
        detail.add_null("from");
    if (supervisor)
        detail.add("to", raw(*supervisor));
    else
        detail.add_null("to");
    m_impl->audit(by, "set_supervisor", "person", raw(id), detail.str());
    tx.commit();
}

} // namespace mentorkit
