#include "mentorkit/coaching.hpp"

#include "mentorkit/error.hpp"
#include "relationships_impl.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <map>

namespace mentorkit {

using detail::Json;

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

CoachingCycleId CoachingCycles::record(const NewCoachingCycle& req) {
    std::string skill = detail::require_text(req.skill, "the skill", kMaxNameBytes);
    std::string situation = detail::optional_text(req.situation, "the situation");
    std::string question = detail::optional_text(req.question, "the question");
    std::string challenge = detail::optional_text(req.challenge, "the challenge");
    std::string encouragement = detail::optional_text(req.encouragement, "the encouragement");
    if (req.score < kScoreMin || req.score > kScoreMax)
        throw InvalidArgument("the score must be between " + std::to_string(kScoreMin) + " and " +
                              std::to_string(kScoreMax) + ", got " + std::to_string(req.score));
    detail::require_date(req.on, "the date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = detail::load_relationship(db, req.relationship);
    if (r.model == Model::supervision)
        throw RuleViolation("coaching cycles belong to coaching (or coaching inside "
                            "mentoring), not to supervision");
    detail::require_party(r, req.by, "record coaching cycles");
    if (req.by != r.guide)
        throw PermissionDenied("the " + std::string(defaults_of(r.model).guide_role) +
                               " observes and records coaching cycles, not the " +
                               std::string(defaults_of(r.model).learner_role));
    if (r.status != Status::active)
        detail::bad_transition(r, "record a coaching cycle in");
    detail::require_not_before(req.on, r.start, "the cycle's date", "the relationship's start");
    detail::require_not_future(req.on, m_impl->today(), "the cycle's date");
    bool within_mentoring = r.model == Model::mentoring;
    std::int64_t id = 0;
    {
        db::Use s(db.cached("INSERT INTO coaching_cycle (relationship_id, recorded_by, "
                            "observed_on, skill, situation, score, question, challenge, "
                            "encouragement, within_mentoring, created_at) VALUES (?1, ?2, ?3, "
                            "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
        s->bind(1, raw(r.id));
        s->bind(2, raw(req.by));
        s->bind(3, to_string(req.on));
        s->bind(4, skill);
        s->bind(5, situation);
        s->bind(6, req.score);
        s->bind(7, question);
        s->bind(8, challenge);
        s->bind(9, encouragement);
        s->bind(10, within_mentoring ? 1 : 0);
        s->bind(11, detail::to_millis(m_impl->now()));
        s->run();
        id = db.last_insert_rowid();
    }
    m_impl->audit(req.by, "record", "coaching_cycle", id,
                  Json()
                      .add("relationship", raw(r.id))
                      .add("skill", skill)
                      .add("score", req.score)
                      .add("within_mentoring", within_mentoring)
                      .str());
    tx.commit();
    return CoachingCycleId{id};
}

std::vector<CoachingCycle> CoachingCycles::list(RelationshipId relationship,
                                                PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "coaching cycles");
    db::Use s(db.cached("SELECT id, relationship_id, recorded_by, observed_on, skill, situation, "
                        "score, question, challenge, encouragement, within_mentoring FROM "
                        "coaching_cycle WHERE relationship_id = ?1 ORDER BY observed_on, id"));
    s->bind(1, raw(relationship));
    std::vector<CoachingCycle> out;
    while (s->step())
        out.push_back(read_cycle(*s));
    return out;
}

std::vector<CoachingCycle> CoachingCycles::series(RelationshipId relationship,
                                                  const std::string& skill, PersonId acting) const {
    std::string wanted = detail::require_text(skill, "the skill", kMaxNameBytes);
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "coaching cycles");
    // The skill column is COLLATE NOCASE, so the comparison ignores (ASCII) case.
    db::Use s(db.cached("SELECT id, relationship_id, recorded_by, observed_on, skill, situation, "
                        "score, question, challenge, encouragement, within_mentoring FROM "
                        "coaching_cycle WHERE relationship_id = ?1 AND skill = ?2 "
                        "ORDER BY observed_on, id"));
    s->bind(1, raw(relationship));
    s->bind(2, wanted);
    std::vector<CoachingCycle> out;
    while (s->step())
        out.push_back(read_cycle(*s));
    return out;
}

std::vector<SkillProgress> CoachingCycles::progress(RelationshipId relationship,
                                                    PersonId acting) const {
    // Group case-insensitively under the spelling first used.
    auto fold = [](std::string s) {
        for (char& c : s)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        return s;
    };
    std::map<std::string, std::vector<CoachingCycle>> by_skill;
    for (CoachingCycle& c : list(relationship, acting))
        by_skill[fold(c.skill)].push_back(std::move(c));
    std::vector<SkillProgress> out;
    for (auto& [key, cycles] : by_skill) {
        SkillProgress p;
        p.skill = cycles.front().skill;
        p.cycles = static_cast<int>(cycles.size());
        p.first_score = cycles.front().score;
        p.latest_score = cycles.back().score;
        p.first_on = cycles.front().on;
        p.latest_on = cycles.back().on;
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (std::size_t i = 0; i < cycles.size(); ++i) {
            p.best_score = std::max(p.best_score, cycles[i].score);
            double x = static_cast<double>(i + 1), y = cycles[i].score;
            n += 1;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denom = n * sxx - sx * sx;
        p.slope_per_cycle = denom > 0 ? (n * sxy - sx * sy) / denom : 0.0;
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace mentorkit
