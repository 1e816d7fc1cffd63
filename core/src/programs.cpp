#include "mentorkit/programs.hpp"

#include "enums.hpp"
#include "mentorkit/error.hpp"
#include "mentorkit/meetings.hpp"
#include "programs_impl.hpp"
#include "relationships_impl.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace mentorkit {

using detail::Json;

namespace {

constexpr detail::EnumNames<ProgramMetric, 7> kMetric{
    {"goal_attainment", "mean_goal_progress", "held_ratio", "mean_held_first_90_days",
     "share_on_track", "started_relationships", "completed_relationships"},
    "program metric"};
constexpr detail::EnumNames<Direction, 2> kDirection{{"increase", "decrease"}, "direction"};
constexpr detail::EnumNames<Assessment, 3> kAssessment{{"met", "partly", "not_met"}, "assessment"};
constexpr detail::EnumNames<PairMark, 2> kMark{{"wanted", "forbidden"}, "pair mark"};
constexpr detail::EnumNames<Style, 3> kStyle{{"traditional", "peer", "reverse"}, "style"};

constexpr int kMaxCapacity = 1000;

std::string program_text(ProgramId id) {
    return "program " + std::to_string(raw(id));
}

std::string person_text(PersonId id) {
    return "person " + std::to_string(raw(id));
}

// Program names are unique, compared case-insensitively (the column's collation); checked under
// the write lock, with the UNIQUE constraint behind it.
void require_free_name(db::Database& db, const std::string& name, std::int64_t except_id) {
    db::Use s(db.cached("SELECT 1 FROM program WHERE name = ?1 AND id <> ?2"));
    s->bind(1, name);
    s->bind(2, except_id);
    if (s->step())
        throw RuleViolation("a program named '" + name + "' already exists");
}

// The program behind a standard, and the standard's title; throws NotFound.
std::pair<ProgramId, std::string> standard_owner(db::Database& db, StandardId id) {
    db::Use s(db.cached("SELECT program_id, title FROM program_standard WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        throw NotFound("standard " + std::to_string(raw(id)) + " does not exist");
    return {ProgramId{s->get_int(0)}, s->get_text(1)};
}

StandardAssessment read_assessment(db::Statement& s, int col) {
    StandardAssessment a;
    a.standard = StandardId{s.get_int(col)};
    a.rating = kAssessment.parse(s.get_text(col + 1));
    a.evidence = s.get_text(col + 2);
    a.on = detail::date_from_db(s.get_text(col + 3));
    a.by = PersonId{s.get_int(col + 4)};
    a.at = detail::from_millis(s.get_int(col + 5));
    return a;
}

bool is_participant(db::Database& db, const char* sql, ProgramId id, PersonId person) {
    db::Use s(db.cached(sql));
    s->bind(1, raw(id));
    s->bind(2, raw(person));
    return s->step();
}

} // namespace

namespace detail {

Program load_program(db::Database& db, ProgramId id) {
    db::Use s(db.cached(
        "SELECT id, name, purpose, coordinator_id, created_at FROM program WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        throw NotFound(program_text(id) + " does not exist");
    return {ProgramId{s->get_int(0)}, s->get_text(1), s->get_text(2), PersonId{s->get_int(3)},
            from_millis(s->get_int(4))};
}

void require_coordinator(const Program& p, PersonId by, std::string_view action) {
    if (by != p.coordinator)
        throw PermissionDenied(person_text(by) + " does not coordinate " + program_text(p.id) +
                               " and cannot " + std::string(action));
}

std::vector<ProgramMentee> load_mentees(db::Database& db, ProgramId id) {
    std::vector<ProgramMentee> out;
    {
        db::Use s(db.cached("SELECT person_id, preferred_style, board FROM program_mentee "
                            "WHERE program_id = ?1 ORDER BY person_id"));
        s->bind(1, raw(id));
        while (s->step()) {
            ProgramMentee m;
            m.person = PersonId{s->get_int(0)};
            if (auto st = s->get_opt_text(1))
                m.preferred_style = kStyle.parse(*st);
            m.board = s->get_int(2) != 0;
            out.push_back(std::move(m));
        }
    }
    db::Use s(db.cached("SELECT person_id, area FROM program_mentee_area WHERE program_id = ?1 "
                        "ORDER BY person_id, position"));
    s->bind(1, raw(id));
    std::size_t i = 0;
    while (s->step()) {
        std::int64_t person = s->get_int(0);
        while (i < out.size() && raw(out[i].person) < person)
            ++i;
        if (i < out.size() && raw(out[i].person) == person)
            out[i].areas.push_back(s->get_text(1));
    }
    return out;
}

std::vector<ProgramMentor> load_mentors(db::Database& db, ProgramId id) {
    db::Use s(db.cached("SELECT person_id, capacity FROM program_mentor WHERE program_id = ?1 "
                        "ORDER BY person_id"));
    s->bind(1, raw(id));
    std::vector<ProgramMentor> out;
    while (s->step())
        out.push_back({PersonId{s->get_int(0)}, static_cast<int>(s->get_int(1))});
    return out;
}

std::vector<MarkedPair> load_marks(db::Database& db, ProgramId id) {
    db::Use s(db.cached("SELECT mentee_id, mentor_id, mark, reason FROM program_pair_mark "
                        "WHERE program_id = ?1 ORDER BY mentee_id, mentor_id"));
    s->bind(1, raw(id));
    std::vector<MarkedPair> out;
    while (s->step())
        out.push_back({PersonId{s->get_int(0)}, PersonId{s->get_int(1)},
                       kMark.parse(s->get_text(2)), s->get_text(3)});
    return out;
}

void link_relationship(StoreImpl& impl, ProgramId id, RelationshipId relationship, PersonId by) {
    db::Database& db = impl.db();
    {
        db::Use s(db.cached("SELECT program_id FROM program_relationship "
                            "WHERE relationship_id = ?1"));
        s->bind(1, raw(relationship));
        if (s->step())
            throw RuleViolation("relationship " + std::to_string(raw(relationship)) +
                                " already belongs to program " + std::to_string(s->get_int(0)));
    }
    db::Use s(db.cached("INSERT INTO program_relationship (relationship_id, program_id, "
                        "added_by, added_at) VALUES (?1, ?2, ?3, ?4)"));
    s->bind(1, raw(relationship));
    s->bind(2, raw(id));
    s->bind(3, raw(by));
    s->bind(4, to_millis(impl.now()));
    s->run();
}

} // namespace detail

std::optional<double> ProgramNumbers::value(ProgramMetric metric) const noexcept {
    switch (metric) {
    case ProgramMetric::goal_attainment:
        return goal_attainment;
    case ProgramMetric::mean_goal_progress:
        return mean_goal_progress;
    case ProgramMetric::held_ratio:
        return held_ratio;
    case ProgramMetric::mean_held_first_90_days:
        return mean_held_first_90_days;
    case ProgramMetric::share_on_track:
        return share_on_track;
    case ProgramMetric::started_relationships:
        return static_cast<double>(started);
    case ProgramMetric::completed_relationships:
        return static_cast<double>(completed);
    }
    return std::nullopt;
}

ProgramId Programs::create(const NewProgram& req, std::optional<PersonId> by) {
    std::string name = detail::require_text(req.name, "the program name", kMaxNameBytes);
    std::string purpose = detail::optional_text(req.purpose, "the purpose");
    PersonId actor = by.value_or(req.coordinator);
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    m_impl->require_person(req.coordinator, "coordinator");
    if (actor != req.coordinator)
        m_impl->require_person(actor, "person");
    require_free_name(db, name, 0);
    std::int64_t id = 0;
    {
        db::Use s(db.cached("INSERT INTO program (name, purpose, coordinator_id, created_at) "
                            "VALUES (?1, ?2, ?3, ?4)"));
        s->bind(1, name);
        s->bind(2, purpose);
        s->bind(3, raw(req.coordinator));
        s->bind(4, detail::to_millis(m_impl->now()));
        s->run();
        id = db.last_insert_rowid();
    }
    m_impl->audit(actor, "create", "program", id,
                  Json()
                      .add("name", name)
                      .add("purpose", purpose)
                      .add("coordinator", raw(req.coordinator))
                      .str());
    tx.commit();
    return ProgramId{id};
}

Program Programs::get(ProgramId id) const {
    return detail::load_program(m_impl->db(), id);
}

std::vector<Program> Programs::list() const {
    db::Use s(m_impl->db().cached(
        "SELECT id, name, purpose, coordinator_id, created_at FROM program ORDER BY id"));
    std::vector<Program> out;
    while (s->step())
        out.push_back({ProgramId{s->get_int(0)}, s->get_text(1), s->get_text(2),
                       PersonId{s->get_int(3)}, detail::from_millis(s->get_int(4))});
    return out;
}

void Programs::update(ProgramId id, const ProgramChanges& c, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Program p = detail::load_program(db, id);
    detail::require_coordinator(p, by, "change it");
    Program next = p;
    if (c.name)
        next.name = detail::require_text(*c.name, "the program name", kMaxNameBytes);
    if (c.purpose)
        next.purpose = detail::optional_text(*c.purpose, "the purpose");
    if (c.coordinator) {
        m_impl->require_person(*c.coordinator, "coordinator");
        next.coordinator = *c.coordinator;
    }
    require_free_name(db, next.name, raw(id));
    {
        db::Use s(db.cached(
            "UPDATE program SET name = ?2, purpose = ?3, coordinator_id = ?4 WHERE id = ?1"));
        s->bind(1, raw(id));
        s->bind(2, next.name);
        s->bind(3, next.purpose);
        s->bind(4, raw(next.coordinator));
        s->run();
    }
    // The audit entry keeps what was replaced.
    m_impl->audit(by, "update", "program", raw(id),
                  Json()
                      .add("name", next.name)
                      .add("old_name", p.name)
                      .add("purpose", next.purpose)
                      .add("old_purpose", p.purpose)
                      .add("coordinator", raw(next.coordinator))
                      .add("old_coordinator", raw(p.coordinator))
                      .str());
    tx.commit();
}

ProgramGoalId Programs::add_goal(ProgramId id, const NewProgramGoal& g, PersonId by) {
    std::string title = detail::require_text(g.title, "the goal title", kMaxNameBytes);
    std::string unit = detail::optional_text(g.unit, "the unit", kMaxNameBytes);
    detail::require_number(g.baseline, "the baseline");
    detail::require_number(g.target, "the target");
    if (g.target == g.baseline)
        throw InvalidArgument("the target must differ from the baseline");
    Direction implied = g.target > g.baseline ? Direction::increase : Direction::decrease;
    if (g.direction != implied)
        throw InvalidArgument("the direction '" + std::string(kDirection.name(g.direction)) +
                              "' contradicts baseline " + std::to_string(g.baseline) +
                              " and target " + std::to_string(g.target));
    if (static_cast<std::size_t>(g.metric) >= kMetric.names.size())
        throw InvalidArgument("unknown program metric");
    detail::require_date(g.due, "the due date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    detail::require_coordinator(detail::load_program(db, id), by, "add a goal");
    std::int64_t goal = 0;
    {
        db::Use s(db.cached("INSERT INTO program_goal (program_id, title, metric, unit, baseline, "
                            "target, direction, due_date, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                            "?6, ?7, ?8, ?9)"));
        s->bind(1, raw(id));
        s->bind(2, title);
        s->bind(3, kMetric.name(g.metric));
        s->bind(4, unit);
        s->bind(5, g.baseline);
        s->bind(6, g.target);
        s->bind(7, kDirection.name(g.direction));
        if (g.due)
            s->bind(8, to_string(*g.due));
        s->bind(9, detail::to_millis(m_impl->now()));
        s->run();
        goal = db.last_insert_rowid();
    }
    Json detail;
    detail.add("program", raw(id))
        .add("title", title)
        .add("metric", kMetric.name(g.metric))
        .add("direction", kDirection.name(g.direction));
    m_impl->audit(by, "add_goal", "program_goal", goal, detail.str());
    tx.commit();
    return ProgramGoalId{goal};
}

std::vector<ProgramGoal> Programs::goals(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    db::Use s(db.cached("SELECT id, title, metric, unit, baseline, target, direction, due_date, "
                        "created_at FROM program_goal WHERE program_id = ?1 ORDER BY id"));
    s->bind(1, raw(id));
    std::vector<ProgramGoal> out;
    while (s->step()) {
        ProgramGoal g;
        g.id = ProgramGoalId{s->get_int(0)};
        g.program = id;
        g.title = s->get_text(1);
        g.metric = kMetric.parse(s->get_text(2));
        g.unit = s->get_text(3);
        g.baseline = s->get_double(4);
        g.target = s->get_double(5);
        g.direction = kDirection.parse(s->get_text(6));
        if (auto d = s->get_opt_text(7))
            g.due = detail::date_from_db(*d);
        g.created_at = detail::from_millis(s->get_int(8));
        out.push_back(std::move(g));
    }
    return out;
}

StandardId Programs::add_standard(ProgramId id, const std::string& title,
                                  const std::string& description, PersonId by) {
    std::string t = detail::require_text(title, "the standard's title", kMaxNameBytes);
    std::string d = detail::optional_text(description, "the description");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    detail::require_coordinator(detail::load_program(db, id), by, "add a standard");
    std::int64_t standard = 0;
    {
        db::Use s(db.cached("INSERT INTO program_standard (program_id, title, description, "
                            "created_at) VALUES (?1, ?2, ?3, ?4)"));
        s->bind(1, raw(id));
        s->bind(2, t);
        s->bind(3, d);
        s->bind(4, detail::to_millis(m_impl->now()));
        s->run();
        standard = db.last_insert_rowid();
    }
    m_impl->audit(by, "add_standard", "program_standard", standard,
                  Json().add("program", raw(id)).add("title", t).str());
    tx.commit();
    return StandardId{standard};
}

void Programs::assess(StandardId standard, Assessment rating, const std::string& evidence, Date on,
                      PersonId by) {
    if (static_cast<std::size_t>(rating) >= kAssessment.names.size())
        throw InvalidArgument("unknown assessment");
    std::string text = detail::require_text(evidence, "the evidence");
    detail::require_date(on, "the assessment date");
    db::Database& db = m_impl->db();
    detail::require_not_future(on, m_impl->today(), "the assessment date");
    db::Transaction tx(db);
    auto [program, title] = standard_owner(db, standard);
    detail::require_coordinator(detail::load_program(db, program), by, "assess its standards");
    std::int64_t row = 0;
    {
        db::Use s(db.cached("INSERT INTO program_assessment (standard_id, rating, evidence, "
                            "assessed_on, assessed_by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
        s->bind(1, raw(standard));
        s->bind(2, kAssessment.name(rating));
        s->bind(3, text);
        s->bind(4, to_string(on));
        s->bind(5, raw(by));
        s->bind(6, detail::to_millis(m_impl->now()));
        s->run();
        row = db.last_insert_rowid();
    }
    m_impl->audit(by, "assess", "program_standard", raw(standard),
                  Json()
                      .add("assessment", row)
                      .add("rating", kAssessment.name(rating))
                      .add("on", to_string(on))
                      .add("evidence", text)
                      .str());
    tx.commit();
}

std::vector<Standard> Programs::standards(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    std::vector<Standard> out;
    {
        db::Use s(db.cached("SELECT id, title, description FROM program_standard "
                            "WHERE program_id = ?1 ORDER BY id"));
        s->bind(1, raw(id));
        while (s->step())
            out.push_back({StandardId{s->get_int(0)}, id, s->get_text(1), s->get_text(2), {}});
    }
    // The latest assessment of each standard: by day, then by order of recording.
    db::Use s(db.cached(
        "SELECT a.standard_id, a.standard_id, a.rating, a.evidence, a.assessed_on, "
        "a.assessed_by, a.at FROM program_assessment a JOIN program_standard t ON t.id = "
        "a.standard_id WHERE t.program_id = ?1 ORDER BY a.standard_id, a.assessed_on, a.id"));
    s->bind(1, raw(id));
    std::size_t i = 0;
    while (s->step()) {
        std::int64_t standard = s->get_int(0);
        while (i < out.size() && raw(out[i].id) < standard)
            ++i;
        if (i < out.size() && raw(out[i].id) == standard)
            out[i].latest = read_assessment(*s, 1); // later rows overwrite earlier ones
    }
    return out;
}

std::vector<StandardAssessment> Programs::assessments(StandardId standard) const {
    db::Database& db = m_impl->db();
    standard_owner(db, standard);
    db::Use s(db.cached("SELECT standard_id, rating, evidence, assessed_on, assessed_by, at FROM "
                        "program_assessment WHERE standard_id = ?1 ORDER BY assessed_on, id"));
    s->bind(1, raw(standard));
    std::vector<StandardAssessment> out;
    while (s->step())
        out.push_back(read_assessment(*s, 0));
    return out;
}

void Programs::add_relationship(ProgramId id, RelationshipId relationship, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    detail::require_coordinator(detail::load_program(db, id), by, "add relationships to it");
    {
        db::Use s(db.cached("SELECT 1 FROM relationship WHERE id = ?1"));
        s->bind(1, raw(relationship));
        if (!s->step())
            throw NotFound("relationship " + std::to_string(raw(relationship)) + " does not exist");
    }
    detail::link_relationship(*m_impl, id, relationship, by);
    m_impl->audit(by, "add_relationship", "program", raw(id),
                  Json().add("relationship", raw(relationship)).str());
    tx.commit();
}

std::vector<RelationshipId> Programs::relationships(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    db::Use s(db.cached("SELECT relationship_id FROM program_relationship WHERE program_id = ?1 "
                        "ORDER BY relationship_id"));
    s->bind(1, raw(id));
    std::vector<RelationshipId> out;
    while (s->step())
        out.push_back(RelationshipId{s->get_int(0)});
    return out;
}

std::optional<ProgramId> Programs::program_of(RelationshipId relationship) const {
    db::Use s(m_impl->db().cached(
        "SELECT program_id FROM program_relationship WHERE relationship_id = ?1"));
    s->bind(1, raw(relationship));
    if (!s->step())
        return std::nullopt;
    return ProgramId{s->get_int(0)};
}

void Programs::set_mentee(ProgramId id, const ProgramMentee& mentee, PersonId by) {
    if (mentee.areas.empty())
        throw InvalidArgument("a mentee needs at least one area to grow in");
    detail::require_list_size(mentee.areas.size(), "the mentee's areas");
    std::vector<std::string> areas;
    for (const std::string& a : mentee.areas) {
        std::string area = detail::require_text(a, "an area", kMaxNameBytes);
        for (const std::string& seen : areas)
            if (std::equal(seen.begin(), seen.end(), area.begin(), area.end(), [](char x, char y) {
                    return std::tolower(static_cast<unsigned char>(x)) ==
                           std::tolower(static_cast<unsigned char>(y));
                }))
                throw InvalidArgument("the area '" + area + "' is listed twice");
        areas.push_back(std::move(area));
    }
    if (mentee.preferred_style &&
        static_cast<std::size_t>(*mentee.preferred_style) >= kStyle.names.size())
        throw InvalidArgument("unknown style");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    detail::require_coordinator(detail::load_program(db, id), by, "change its mentees");
    m_impl->require_person(mentee.person, "mentee");
    {
        db::Use s(db.cached("DELETE FROM program_mentee_area WHERE program_id = ?1 AND "
                            "person_id = ?2"));
        s->bind(1, raw(id));
        s->bind(2, raw(mentee.person));
        s->run();
    }
    {
        db::Use s(db.cached("INSERT INTO program_mentee (program_id, person_id, preferred_style, "
                            "board) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (program_id, person_id) "
                            "DO UPDATE SET preferred_style = excluded.preferred_style, "
                            "board = excluded.board"));
        s->bind(1, raw(id));
        s->bind(2, raw(mentee.person));
        if (mentee.preferred_style)
            s->bind(3, kStyle.name(*mentee.preferred_style));
        s->bind(4, mentee.board ? 1 : 0);
        s->run();
    }
    std::string listed;
    for (std::size_t i = 0; i < areas.size(); ++i) {
        db::Use s(db.cached("INSERT INTO program_mentee_area (program_id, person_id, position, "
                            "area) VALUES (?1, ?2, ?3, ?4)"));
        s->bind(1, raw(id));
        s->bind(2, raw(mentee.person));
        s->bind(3, static_cast<std::int64_t>(i));
        s->bind(4, areas[i]);
        s->run();
        listed += (i ? ", " : "") + areas[i];
    }
    Json detail;
    detail.add("mentee", raw(mentee.person)).add("areas", listed).add("board", mentee.board);
    if (mentee.preferred_style)
        detail.add("preferred_style", kStyle.name(*mentee.preferred_style));
    else
        detail.add_null("preferred_style");
    m_impl->audit(by, "set_mentee", "program", raw(id), detail.str());
    tx.commit();
}

void Programs::remove_mentee(ProgramId id, PersonId mentee, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    detail::require_coordinator(detail::load_program(db, id), by, "change its mentees");
    if (!is_participant(db, "SELECT 1 FROM program_mentee WHERE program_id = ?1 AND person_id = ?2",
                        id, mentee))
        throw NotFound(person_text(mentee) + " is not a mentee of " + program_text(id));
    {
        db::Use s(db.cached("DELETE FROM program_mentee_area WHERE program_id = ?1 AND "
                            "person_id = ?2"));
        s->bind(1, raw(id));
        s->bind(2, raw(mentee));
        s->run();
    }
    {
        db::Use s(db.cached("DELETE FROM program_mentee WHERE program_id = ?1 AND person_id = ?2"));
        s->bind(1, raw(id));
        s->bind(2, raw(mentee));
        s->run();
    }
    m_impl->audit(by, "remove_mentee", "program", raw(id), Json().add("mentee", raw(mentee)).str());
    tx.commit();
}

std::vector<ProgramMentee> Programs::mentees(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    return detail::load_mentees(db, id);
}

void Programs::set_mentor(ProgramId id, PersonId mentor, int capacity, PersonId by) {
    if (capacity < 1 || capacity > kMaxCapacity)
        throw InvalidArgument("a mentor's capacity must be between 1 and " +
                              std::to_string(kMaxCapacity) + ", got " + std::to_string(capacity));
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    detail::require_coordinator(detail::load_program(db, id), by, "change its mentors");
    m_impl->require_person(mentor, "mentor");
    {
        db::Use s(db.cached("INSERT INTO program_mentor (program_id, person_id, capacity) VALUES "
                            "(?1, ?2, ?3) ON CONFLICT (program_id, person_id) DO UPDATE SET "
                            "capacity = excluded.capacity"));
        s->bind(1, raw(id));
        s->bind(2, raw(mentor));
        s->bind(3, capacity);
        s->run();
    }
    m_impl->audit(by, "set_mentor", "program", raw(id),
                  Json().add("mentor", raw(mentor)).add("capacity", capacity).str());
    tx.commit();
}

void Programs::remove_mentor(ProgramId id, PersonId mentor, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    detail::require_coordinator(detail::load_program(db, id), by, "change its mentors");
    if (!is_participant(db, "SELECT 1 FROM program_mentor WHERE program_id = ?1 AND person_id = ?2",
                        id, mentor))
        throw NotFound(person_text(mentor) + " is not a mentor of " + program_text(id));
    {
        db::Use s(db.cached("DELETE FROM program_mentor WHERE program_id = ?1 AND person_id = ?2"));
        s->bind(1, raw(id));
        s->bind(2, raw(mentor));
        s->run();
    }
    m_impl->audit(by, "remove_mentor", "program", raw(id), Json().add("mentor", raw(mentor)).str());
    tx.commit();
}

std::vector<ProgramMentor> Programs::mentors(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    return detail::load_mentors(db, id);
}

void Programs::mark_pair(ProgramId id, PersonId mentee, PersonId mentor, PairMark mark,
                         const std::string& reason, PersonId by) {
    if (mentee == mentor)
        throw InvalidArgument("a pair needs two different people");
    if (static_cast<std::size_t>(mark) >= kMark.names.size())
        throw InvalidArgument("unknown pair mark");
    std::string why = detail::require_text(reason, "the reason");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    detail::require_coordinator(detail::load_program(db, id), by, "mark pairs");
    m_impl->require_person(mentee, "mentee");
    m_impl->require_person(mentor, "mentor");
    {
        db::Use s(db.cached("INSERT INTO program_pair_mark (program_id, mentee_id, mentor_id, "
                            "mark, reason) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (program_id, "
                            "mentee_id, mentor_id) DO UPDATE SET mark = excluded.mark, "
                            "reason = excluded.reason"));
        s->bind(1, raw(id));
        s->bind(2, raw(mentee));
        s->bind(3, raw(mentor));
        s->bind(4, kMark.name(mark));
        s->bind(5, why);
        s->run();
    }
    m_impl->audit(by, "mark_pair", "program", raw(id),
                  Json()
                      .add("mentee", raw(mentee))
                      .add("mentor", raw(mentor))
                      .add("mark", kMark.name(mark))
                      .add("reason", why)
                      .str());
    tx.commit();
}

void Programs::clear_mark(ProgramId id, PersonId mentee, PersonId mentor, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    detail::require_coordinator(detail::load_program(db, id), by, "mark pairs");
    {
        db::Use s(db.cached("DELETE FROM program_pair_mark WHERE program_id = ?1 AND "
                            "mentee_id = ?2 AND mentor_id = ?3"));
        s->bind(1, raw(id));
        s->bind(2, raw(mentee));
        s->bind(3, raw(mentor));
        s->run();
    }
    if (db.changes() == 0)
        throw NotFound("the pair " + std::to_string(raw(mentee)) + " / " +
                       std::to_string(raw(mentor)) + " is not marked in " + program_text(id));
    m_impl->audit(by, "clear_mark", "program", raw(id),
                  Json().add("mentee", raw(mentee)).add("mentor", raw(mentor)).str());
    tx.commit();
}

std::vector<MarkedPair> Programs::marks(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    return detail::load_marks(db, id);
}

EffectivenessReport Programs::effectiveness(ProgramId id, std::optional<Date> as_of) const {
    db::Database& db = m_impl->db();
    detail::require_date(as_of, "the report date");
    EffectivenessReport report;
    report.program = id;
    report.as_of = as_of.value_or(m_impl->today());
    std::vector<ProgramGoal> program_goals = goals(id); // NotFound for an unknown program
    ProgramNumbers& n = report.numbers;

    std::vector<RelationshipId> started;
    {
        db::Use s(db.cached("SELECT r.id, r.status, r.guide_accepted, r.learner_accepted FROM "
                            "program_relationship p JOIN relationship r ON r.id = "
                            "p.relationship_id WHERE p.program_id = ?1 ORDER BY r.id"));
        s->bind(1, raw(id));
        while (s->step()) {
            ++n.relationships;
            Status status = detail::parse_status(s->get_text(1));
            if (status == Status::active)
                ++n.active;
            if (status == Status::completed)
                ++n.completed;
            if (s->get_int(2) != 0 && s->get_int(3) != 0) {
                ++n.started;
                started.push_back(RelationshipId{s->get_int(0)});
            }
        }
    }
    {
        // Measurable goals of started relationships, not draft or abandoned, with the value of
        // the latest effective (not superseded) valued check-in on or before the day.
        db::Use s(db.cached(
            "SELECT g.status, g.baseline, g.target, (SELECT c.value FROM checkin c WHERE "
            "c.goal_id = g.id AND c.value IS NOT NULL AND c.on_date <= ?2 AND NOT EXISTS "
            "(SELECT 1 FROM checkin x WHERE x.supersedes = c.id) ORDER BY c.on_date DESC, c.id "
            "DESC LIMIT 1) FROM program_relationship p JOIN relationship r ON r.id = "
            "p.relationship_id JOIN goal g ON g.relationship_id = r.id WHERE p.program_id = ?1 "
            "AND r.guide_accepted = 1 AND r.learner_accepted = 1 AND g.kind = 'measurable' AND "
            "(g.status = 'active' OR g.status = 'achieved')"));
        s->bind(1, raw(id));
        s->bind(2, to_string(report.as_of));
        double progress_sum = 0;
        while (s->step()) {
            ++n.measurable_goals;
            bool achieved = s->get_text(0) == "achieved";
            std::optional<double> progress;
            if (!s->is_null(3))
                progress =
                    (s->get_double(3) - s->get_double(1)) / (s->get_double(2) - s->get_double(1));
            if (achieved || (progress && *progress >= 1))
                ++n.goals_attained;
            progress_sum += achieved ? 1.0 : std::clamp(progress.value_or(0.0), 0.0, 1.0);
        }
        if (n.measurable_goals > 0) {
            n.goal_attainment = static_cast<double>(n.goals_attained) / n.measurable_goals;
            n.mean_goal_progress = progress_sum / n.measurable_goals;
        }
    }
    for (RelationshipId r : started) {
        MeetingStats ms = m_impl->meetings.stats(r);
        n.planned += ms.planned;
        n.held += ms.held;
        n.held_first_90_days += ms.held_first_90_days;
        if (ms.health && *ms.health != Health::too_early) {
            ++n.health_judged;
            if (*ms.health == Health::on_track)
                ++n.on_track;
        }
    }
    if (n.planned > 0)
        n.held_ratio = static_cast<double>(n.held) / n.planned;
    if (n.started > 0)
        n.mean_held_first_90_days = static_cast<double>(n.held_first_90_days) / n.started;
    if (n.health_judged > 0)
        n.share_on_track = static_cast<double>(n.on_track) / n.health_judged;

    for (ProgramGoal& g : program_goals) {
        ProgramGoalProgress p;
        p.current = n.value(g.metric);
        if (p.current) {
            p.progress = (*p.current - g.baseline) / (g.target - g.baseline);
            p.attained = g.direction == Direction::increase ? *p.current >= g.target
                                                            : *p.current <= g.target;
        }
        p.overdue = !p.attained && g.due && *g.due < report.as_of;
        p.goal = std::move(g);
        report.goals.push_back(std::move(p));
    }
    return report;
}

QualityReport Programs::quality(ProgramId id) const {
    QualityReport q;
    q.program = id;
    q.standards = standards(id);
    double sum = 0;
    for (const Standard& s : q.standards) {
        if (!s.latest) {
            q.unassessed.push_back(s.id);
            continue;
        }
        ++q.assessed;
        switch (s.latest->rating) {
        case Assessment::met:
            ++q.met;
            sum += 1;
            break;
        case Assessment::partly:
            ++q.partly;
            sum += 0.5;
            break;
        case Assessment::not_met:
            ++q.not_met;
            break;
        }
    }
    if (q.assessed > 0)
        q.score = sum / q.assessed;
    return q;
}

std::string_view to_string(ProgramMetric v) noexcept {
    return kMetric.name(v);
}
std::string_view to_string(Direction v) noexcept {
    return kDirection.name(v);
}
std::string_view to_string(Assessment v) noexcept {
    return kAssessment.name(v);
}
std::string_view to_string(PairMark v) noexcept {
    return kMark.name(v);
}

} // namespace mentorkit
