#include "storage/programs.hpp"

#include "names.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

namespace {

Program read_program(db::Statement& s) {
    return {ProgramId{s.get_int(0)}, s.get_text(1), s.get_text(2), PersonId{s.get_int(3)},
            detail::from_millis(s.get_int(4))};
}

StandardAssessment read_assessment(db::Statement& s, int col) {
    StandardAssessment a;
    a.standard = StandardId{s.get_int(col)};
    a.rating = names::assessment.parse(s.get_text(col + 1));
    a.evidence = s.get_text(col + 2);
    a.on = detail::date_from_db(s.get_text(col + 3));
    a.by = PersonId{s.get_int(col + 4)};
    a.at = detail::from_millis(s.get_int(col + 5));
    return a;
}

// Runs a statement whose parameters are (program, person[, person]); returns the rows changed.
int run_pair(db::Database& db, const char* sql, ProgramId program, PersonId a,
             std::optional<PersonId> b = {}) {
    db::Use s(db.cached(sql));
    s->bind(1, raw(program));
    s->bind(2, raw(a));
    if (b)
        s->bind(3, raw(*b));
    s->run();
    return db.changes();
}

std::vector<OpenMentoring> read_open(db::Statement& s) {
    std::vector<OpenMentoring> out;
    while (s.step())
        out.push_back({PersonId{s.get_int(0)}, PersonId{s.get_int(1)}, s.get_text(2)});
    return out;
}

} // namespace

std::optional<Program> find_program(db::Database& db, ProgramId id) {
    db::Use s(db.cached(
        "SELECT id, name, purpose, coordinator_id, created_at FROM program WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return read_program(*s);
}

std::vector<Program> list_programs(db::Database& db) {
    db::Use s(
        db.cached("SELECT id, name, purpose, coordinator_id, created_at FROM program ORDER BY id"));
    std::vector<Program> out;
    while (s->step())
        out.push_back(read_program(*s));
    return out;
}

bool program_name_taken(db::Database& db, const std::string& name, std::int64_t except) {
    db::Use s(db.cached("SELECT 1 FROM program WHERE name = ?1 AND id <> ?2"));
    s->bind(1, name);
    s->bind(2, except);
    return s->step();
}

ProgramId insert_program(db::Database& db, const Uid& uid, const Program& p, Timestamp at) {
    db::Use s(db.cached("INSERT INTO program (id, uid, name, purpose, coordinator_id, created_at) "
                        "VALUES (?6, ?1, ?2, ?3, ?4, ?5)"));
    s->bind_blob(1, uid_blob(uid));
    s->bind(6, planned_id(db, "program", uid_blob(uid)));
    s->bind(2, p.name);
    s->bind(3, p.purpose);
    s->bind(4, raw(p.coordinator));
    s->bind(5, detail::to_millis(at));
    s->run();
    return ProgramId{db.last_insert_rowid()};
}

void update_program(db::Database& db, const Program& p) {
    db::Use s(
        db.cached("UPDATE program SET name = ?2, purpose = ?3, coordinator_id = ?4 WHERE id = ?1"));
    s->bind(1, raw(p.id));
    s->bind(2, p.name);
    s->bind(3, p.purpose);
    s->bind(4, raw(p.coordinator));
    s->run();
}

ProgramGoalId insert_program_goal(db::Database& db, const Uid& uid, ProgramId program,
                                  const NewProgramGoal& g, Timestamp at) {
    db::Use s(
        db.cached("INSERT INTO program_goal (id, uid, program_id, title, metric, unit, "
                  "baseline, target, direction, due_date, created_at) VALUES (?11, ?1, ?2, ?3, "
                  "?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    s->bind_blob(1, uid_blob(uid));
    s->bind(11, planned_id(db, "program_goal", uid_blob(uid)));
    s->bind(2, raw(program));
    s->bind(3, g.title);
    s->bind(4, names::metric.name(g.metric));
    s->bind(5, g.unit);
    s->bind(6, g.baseline);
    s->bind(7, g.target);
    s->bind(8, names::direction.name(g.direction));
    if (g.due)
        s->bind(9, to_string(*g.due));
    s->bind(10, detail::to_millis(at));
    s->run();
    return ProgramGoalId{db.last_insert_rowid()};
}

std::vector<ProgramGoal> program_goals(db::Database& db, ProgramId program) {
    db::Use s(db.cached("SELECT id, title, metric, unit, baseline, target, direction, due_date, "
                        "created_at FROM program_goal WHERE program_id = ?1 ORDER BY id"));
    s->bind(1, raw(program));
    std::vector<ProgramGoal> out;
    while (s->step()) {
        ProgramGoal g;
        g.id = ProgramGoalId{s->get_int(0)};
        g.program = program;
        g.title = s->get_text(1);
        g.metric = names::metric.parse(s->get_text(2));
        g.unit = s->get_text(3);
        g.baseline = s->get_double(4);
        g.target = s->get_double(5);
        g.direction = names::direction.parse(s->get_text(6));
        if (auto d = s->get_opt_text(7))
            g.due = detail::date_from_db(*d);
        g.created_at = detail::from_millis(s->get_int(8));
        out.push_back(std::move(g));
    }
    return out;
}

StandardId insert_standard(db::Database& db, const Uid& uid, ProgramId program,
                           const std::string& title, const std::string& description, Timestamp at) {
    db::Use s(db.cached("INSERT INTO program_standard (id, uid, program_id, title, description, "
                        "created_at) VALUES (?6, ?1, ?2, ?3, ?4, ?5)"));
    s->bind_blob(1, uid_blob(uid));
    s->bind(6, planned_id(db, "program_standard", uid_blob(uid)));
    s->bind(2, raw(program));
    s->bind(3, title);
    s->bind(4, description);
    s->bind(5, detail::to_millis(at));
    s->run();
    return StandardId{db.last_insert_rowid()};
}

std::optional<std::pair<ProgramId, std::string>> standard_owner(db::Database& db, StandardId id) {
    db::Use s(db.cached("SELECT program_id, title FROM program_standard WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return std::pair{ProgramId{s->get_int(0)}, s->get_text(1)};
}

std::int64_t insert_assessment(db::Database& db, const StandardAssessment& a) {
    db::Use s(db.cached("INSERT INTO program_assessment (standard_id, rating, evidence, "
                        "assessed_on, assessed_by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    s->bind(1, raw(a.standard));
    s->bind(2, names::assessment.name(a.rating));
    s->bind(3, a.evidence);
    s->bind(4, to_string(a.on));
    s->bind(5, raw(a.by));
    s->bind(6, detail::to_millis(a.at));
    s->run();
    return db.last_insert_rowid();
}

std::vector<Standard> program_standards(db::Database& db, ProgramId program) {
    std::vector<Standard> out;
    {
        db::Use s(db.cached("SELECT id, title, description FROM program_standard "
                            "WHERE program_id = ?1 ORDER BY id"));
        s->bind(1, raw(program));
        while (s->step())
            out.push_back({StandardId{s->get_int(0)}, program, s->get_text(1), s->get_text(2), {}});
    }
    db::Use s(db.cached(
        "SELECT a.standard_id, a.rating, a.evidence, a.assessed_on, a.assessed_by, a.at FROM "
        "program_assessment a JOIN program_standard t ON t.id = a.standard_id WHERE "
        "t.program_id = ?1 ORDER BY a.standard_id, a.assessed_on, a.id"));
    s->bind(1, raw(program));
    std::size_t i = 0;
    while (s->step()) {
        std::int64_t standard = s->get_int(0);
        while (i < out.size() && raw(out[i].id) < standard)
            ++i;
        if (i < out.size() && raw(out[i].id) == standard)
            out[i].latest = read_assessment(*s, 0); // later rows overwrite earlier ones
    }
    return out;
}

std::vector<StandardAssessment> standard_assessments(db::Database& db, StandardId id) {
    db::Use s(db.cached("SELECT standard_id, rating, evidence, assessed_on, assessed_by, at FROM "
                        "program_assessment WHERE standard_id = ?1 ORDER BY assessed_on, id"));
    s->bind(1, raw(id));
    std::vector<StandardAssessment> out;
    while (s->step())
        out.push_back(read_assessment(*s, 0));
    return out;
}

std::optional<ProgramId> program_of(db::Database& db, RelationshipId relationship) {
    db::Use s(db.cached("SELECT program_id FROM program_relationship WHERE relationship_id = ?1"));
    s->bind(1, raw(relationship));
    if (!s->step())
        return std::nullopt;
    return ProgramId{s->get_int(0)};
}

void link_relationship(db::Database& db, ProgramId program, RelationshipId relationship,
                       PersonId by, Timestamp at) {
    db::Use s(db.cached("INSERT INTO program_relationship (relationship_id, program_id, "
                        "added_by, added_at) VALUES (?1, ?2, ?3, ?4)"));
    s->bind(1, raw(relationship));
    s->bind(2, raw(program));
    s->bind(3, raw(by));
    s->bind(4, detail::to_millis(at));
    s->run();
}

std::vector<RelationshipId> program_relationships(db::Database& db, ProgramId program) {
    db::Use s(db.cached("SELECT relationship_id FROM program_relationship WHERE program_id = ?1 "
                        "ORDER BY relationship_id"));
    s->bind(1, raw(program));
    std::vector<RelationshipId> out;
    while (s->step())
        out.push_back(RelationshipId{s->get_int(0)});
    return out;
}

void put_mentee(db::Database& db, ProgramId program, const ProgramMentee& m) {
    run_pair(db, "DELETE FROM program_mentee_area WHERE program_id = ?1 AND person_id = ?2",
             program, m.person);
    {
        db::Use s(db.cached("INSERT INTO program_mentee (program_id, person_id, preferred_style, "
                            "board) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (program_id, person_id) "
                            "DO UPDATE SET preferred_style = excluded.preferred_style, "
                            "board = excluded.board"));
        s->bind(1, raw(program));
        s->bind(2, raw(m.person));
        if (m.preferred_style)
            s->bind(3, names::style.name(*m.preferred_style));
        s->bind(4, m.board ? 1 : 0);
        s->run();
    }
    for (std::size_t i = 0; i < m.areas.size(); ++i) {
        db::Use s(db.cached("INSERT INTO program_mentee_area (program_id, person_id, position, "
                            "area) VALUES (?1, ?2, ?3, ?4)"));
        s->bind(1, raw(program));
        s->bind(2, raw(m.person));
        s->bind(3, static_cast<std::int64_t>(i));
        s->bind(4, m.areas[i]);
        s->run();
    }
}

bool delete_mentee(db::Database& db, ProgramId program, PersonId mentee) {
    run_pair(db, "DELETE FROM program_mentee_area WHERE program_id = ?1 AND person_id = ?2",
             program, mentee);
    return run_pair(db, "DELETE FROM program_mentee WHERE program_id = ?1 AND person_id = ?2",
                    program, mentee) > 0;
}

std::vector<ProgramMentee> program_mentees(db::Database& db, ProgramId program) {
    std::vector<ProgramMentee> out;
    {
        db::Use s(db.cached("SELECT person_id, preferred_style, board FROM program_mentee "
                            "WHERE program_id = ?1 ORDER BY person_id"));
        s->bind(1, raw(program));
        while (s->step()) {
            ProgramMentee m;
            m.person = PersonId{s->get_int(0)};
            if (auto st = s->get_opt_text(1))
                m.preferred_style = names::style.parse(*st);
            m.board = s->get_int(2) != 0;
            out.push_back(std::move(m));
        }
    }
    db::Use s(db.cached("SELECT person_id, area FROM program_mentee_area WHERE program_id = ?1 "
                        "ORDER BY person_id, position"));
    s->bind(1, raw(program));
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

void put_mentor(db::Database& db, ProgramId program, const ProgramMentor& m) {
    db::Use s(db.cached("INSERT INTO program_mentor (program_id, person_id, capacity) VALUES "
                        "(?1, ?2, ?3) ON CONFLICT (program_id, person_id) DO UPDATE SET "
                        "capacity = excluded.capacity"));
    s->bind(1, raw(program));
    s->bind(2, raw(m.person));
    s->bind(3, m.capacity);
    s->run();
}

bool delete_mentor(db::Database& db, ProgramId program, PersonId mentor) {
    return run_pair(db, "DELETE FROM program_mentor WHERE program_id = ?1 AND person_id = ?2",
                    program, mentor) > 0;
}

std::vector<ProgramMentor> program_mentors(db::Database& db, ProgramId program) {
    db::Use s(db.cached("SELECT person_id, capacity FROM program_mentor WHERE program_id = ?1 "
                        "ORDER BY person_id"));
    s->bind(1, raw(program));
    std::vector<ProgramMentor> out;
    while (s->step())
        out.push_back({PersonId{s->get_int(0)}, static_cast<int>(s->get_int(1))});
    return out;
}

void put_mark(db::Database& db, ProgramId program, const MarkedPair& m) {
    db::Use s(db.cached("INSERT INTO program_pair_mark (program_id, mentee_id, mentor_id, mark, "
                        "reason) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (program_id, mentee_id, "
                        "mentor_id) DO UPDATE SET mark = excluded.mark, reason = excluded.reason"));
    s->bind(1, raw(program));
    s->bind(2, raw(m.mentee));
    s->bind(3, raw(m.mentor));
    s->bind(4, names::mark.name(m.mark));
    s->bind(5, m.reason);
    s->run();
}

bool delete_mark(db::Database& db, ProgramId program, PersonId mentee, PersonId mentor) {
    return run_pair(db,
                    "DELETE FROM program_pair_mark WHERE program_id = ?1 AND mentee_id = ?2 AND "
                    "mentor_id = ?3",
                    program, mentee, mentor) > 0;
}

std::vector<MarkedPair> program_marks(db::Database& db, ProgramId program) {
    db::Use s(db.cached("SELECT mentee_id, mentor_id, mark, reason FROM program_pair_mark "
                        "WHERE program_id = ?1 ORDER BY mentee_id, mentor_id"));
    s->bind(1, raw(program));
    std::vector<MarkedPair> out;
    while (s->step())
        out.push_back({PersonId{s->get_int(0)}, PersonId{s->get_int(1)},
                       names::mark.parse(s->get_text(2)), s->get_text(3)});
    return out;
}

std::vector<LinkedRelationship> linked_relationships(db::Database& db, ProgramId program) {
    db::Use s(db.cached("SELECT r.id, r.status, r.guide_accepted, r.learner_accepted FROM "
                        "program_relationship p JOIN relationship r ON r.id = "
                        "p.relationship_id WHERE p.program_id = ?1 ORDER BY r.id"));
    s->bind(1, raw(program));
    std::vector<LinkedRelationship> out;
    while (s->step())
        out.push_back({RelationshipId{s->get_int(0)}, names::status.parse(s->get_text(1)),
                       s->get_int(2) != 0 && s->get_int(3) != 0});
    return out;
}

std::vector<MeasuredGoal> measured_goals(db::Database& db, ProgramId program, Date as_of) {
    db::Use s(db.cached(
        "SELECT g.status, g.baseline, g.target, (SELECT c.value FROM checkin c WHERE "
        "c.goal_id = g.id AND c.value IS NOT NULL AND c.on_date <= ?2 AND NOT EXISTS "
        "(SELECT 1 FROM checkin x WHERE x.supersedes = c.id) ORDER BY c.on_date DESC, c.id "
        "DESC LIMIT 1) FROM program_relationship p JOIN relationship r ON r.id = "
        "p.relationship_id JOIN goal g ON g.relationship_id = r.id WHERE p.program_id = ?1 "
        "AND r.guide_accepted = 1 AND r.learner_accepted = 1 AND g.kind = 'measurable' AND "
        "(g.status = 'active' OR g.status = 'achieved')"));
    s->bind(1, raw(program));
    s->bind(2, to_string(as_of));
    std::vector<MeasuredGoal> out;
    while (s->step()) {
        MeasuredGoal g;
        g.achieved = s->get_text(0) == "achieved";
        g.baseline = s->get_double(1);
        g.target = s->get_double(2);
        if (!s->is_null(3))
            g.latest = s->get_double(3);
        out.push_back(g);
    }
    return out;
}

std::vector<OpenMentoring> open_mentoring_of_mentees(db::Database& db, ProgramId program) {
    db::Use s(db.cached(
        "SELECT r.guide_id, r.learner_id, r.focus FROM relationship r JOIN program_mentee m ON "
        "m.person_id = r.learner_id WHERE m.program_id = ?1 AND r.model = 'mentoring' AND "
        "(r.status = 'proposed' OR r.status = 'active' OR r.status = 'paused')"));
    s->bind(1, raw(program));
    return read_open(*s);
}

std::vector<OpenMentoring> open_mentoring_in_program(db::Database& db, ProgramId program) {
    db::Use s(db.cached(
        "SELECT r.guide_id, r.learner_id, r.focus FROM program_relationship p JOIN "
        "relationship r ON r.id = p.relationship_id WHERE p.program_id = ?1 AND r.model = "
        "'mentoring' AND (r.status = 'proposed' OR r.status = 'active' OR r.status = 'paused')"));
    s->bind(1, raw(program));
    return read_open(*s);
}

} // namespace mentorkit::storage
