// Coaching cycles: recorded as operations (coaching.record); per-skill progress is
// rules/coaching.hpp, the SQL storage/coaching.cpp.

#include "mentorkit/coaching.hpp"

#include "mentorkit/error.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/registry.hpp"
#include "relationships_impl.hpp"
#include "rules/coaching.hpp"
#include "storage/coaching.hpp"
#include "store_impl.hpp"

namespace mentorkit {

using detail::Json;

namespace {

struct RecordCycle {
    static constexpr const char* kind = "coaching.record";
    Uid uid;
    NewCoachingCycle req;

    std::int64_t apply(detail::StoreImpl& impl) const {
        CoachingCycle c;
        c.skill = detail::require_text(req.skill, "the skill", kMaxNameBytes);
        c.situation = detail::optional_text(req.situation, "the situation");
        c.question = detail::optional_text(req.question, "the question");
        c.challenge = detail::optional_text(req.challenge, "the challenge");
        c.encouragement = detail::optional_text(req.encouragement, "the encouragement");
        if (req.score < kScoreMin || req.score > kScoreMax)
            throw InvalidArgument("the score must be between " + std::to_string(kScoreMin) +
                                  " and " + std::to_string(kScoreMax) + ", got " +
                                  std::to_string(req.score));
        detail::require_date(req.on, "the date");
        Relationship r = detail::load_relationship(impl.db(), req.relationship);
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
        detail::require_not_future(req.on, impl.today(), "the cycle's date");
        c.relationship = r.id;
        c.by = req.by;
        c.on = req.on;
        c.score = req.score;
        c.within_mentoring = r.model == Model::mentoring;
        CoachingCycleId id = storage::insert_cycle(impl.db(), uid, c, impl.now());
        impl.audit(req.by, "record", "coaching_cycle", raw(id),
                   Json()
                       .add("relationship", raw(r.id))
                       .add("skill", c.skill)
                       .add("score", req.score)
                       .add("within_mentoring", c.within_mentoring)
                       .str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("relationship", e.ref(req.relationship))
            .add("on", e.date(req.on))
            .add("skill", req.skill)
            .add("situation", req.situation)
            .add("score", req.score)
            .add("question", req.question)
            .add("challenge", req.challenge)
            .add("encouragement", req.encouragement)
            .done();
    }
    static RecordCycle decode(ops::Decoder& d) {
        RecordCycle op{d.uid("id"), {}};
        op.req.relationship = d.ref<RelationshipId>("relationship");
        op.req.by = d.actor_required();
        op.req.on = d.date("on");
        op.req.skill = d.text("skill");
        op.req.situation = d.text("situation");
        op.req.score = d.integer("score");
        op.req.question = d.text("question");
        op.req.challenge = d.text("challenge");
        op.req.encouragement = d.text("encouragement");
        return op;
    }
};

} // namespace

namespace ops {
void register_coaching(Registry& r) {
    r.add(RecordCycle::kind, &handle<RecordCycle>);
}
} // namespace ops

CoachingCycleId CoachingCycles::record(const NewCoachingCycle& req) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return CoachingCycleId{ops::run(*m_impl, req.by, RecordCycle{uid, req})};
}

std::vector<CoachingCycle> CoachingCycles::list(RelationshipId relationship,
                                                PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "coaching cycles");
    return storage::cycles_of(db, relationship);
}

std::vector<CoachingCycle> CoachingCycles::series(RelationshipId relationship,
                                                  const std::string& skill, PersonId acting) const {
    std::string wanted = detail::require_text(skill, "the skill", kMaxNameBytes);
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "coaching cycles");
    return storage::cycles_of_skill(db, relationship, wanted);
}

std::vector<SkillProgress> CoachingCycles::progress(RelationshipId relationship,
                                                    PersonId acting) const {
    return rules::skill_progress(list(relationship, acting));
}

} // namespace mentorkit
