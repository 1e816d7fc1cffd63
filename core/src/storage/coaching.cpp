#include "storage/coaching.hpp"

#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

namespace {

CoachingCycle read_cycle(db::Statement& s) {
    CoachingCycle c;
    c.id = CoachingCycleId{s.get_int(0)};
    c.relationship = RelationshipId{s.get_int(1)};
    c.by = PersonId{s.get_int(2)};
    c.on = detail::date_from_db(s.get_text(3));
    c.skill = s.get_text(4);
    c.situation = s.get_text(5);
    c.score = static_cast<int>(s.get_int(6));
    c.question = s.get_text(7);
    c.challenge = s.get_text(8);
    c.encouragement = s.get_text(9);
    c.within_mentoring = s.get_int(10) != 0;
    return c;
}

} // namespace

CoachingCycleId insert_cycle(db::Database& db, const Uid& uid, const CoachingCycle& c,
                             Timestamp at) {
    db::Use s(db.cached("INSERT INTO coaching_cycle (id, uid, relationship_id, recorded_by, "
                        "observed_on, skill, situation, score, question, challenge, "
                        "encouragement, within_mentoring, created_at) VALUES (?13, ?1, ?2, ?3, ?4, "
                        "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
    s->bind_blob(1, std::string_view(reinterpret_cast<const char*>(uid.bytes.data()), 16));
    s->bind(13, planned_id(db, "coaching_cycle", uid_blob(uid)));
    s->bind(2, raw(c.relationship));
    s->bind(3, raw(c.by));
    s->bind(4, to_string(c.on));
    s->bind(5, c.skill);
    s->bind(6, c.situation);
    s->bind(7, c.score);
    s->bind(8, c.question);
    s->bind(9, c.challenge);
    s->bind(10, c.encouragement);
    s->bind(11, c.within_mentoring ? 1 : 0);
    s->bind(12, detail::to_millis(at));
    s->run();
    return CoachingCycleId{db.last_insert_rowid()};
}

std::vector<CoachingCycle> cycles_of(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT id, relationship_id, recorded_by, observed_on, skill, situation, "
                        "score, question, challenge, encouragement, within_mentoring FROM "
                        "coaching_cycle WHERE relationship_id = ?1 ORDER BY observed_on, id"));
    s->bind(1, raw(id));
    std::vector<CoachingCycle> out;
    while (s->step())
        out.push_back(read_cycle(*s));
    return out;
}

std::vector<CoachingCycle> cycles_of_skill(db::Database& db, RelationshipId id,
                                           const std::string& skill) {
    // The skill column is COLLATE NOCASE, so the comparison ignores (ASCII) case.
    db::Use s(db.cached("SELECT id, relationship_id, recorded_by, observed_on, skill, situation, "
                        "score, question, challenge, encouragement, within_mentoring FROM "
                        "coaching_cycle WHERE relationship_id = ?1 AND skill = ?2 "
                        "ORDER BY observed_on, id"));
    s->bind(1, raw(id));
    s->bind(2, skill);
    std::vector<CoachingCycle> out;
    while (s->step())
        out.push_back(read_cycle(*s));
    return out;
}

} // namespace mentorkit::storage
