// Relationships: proposals and the lifecycle are operations (relationship.*); the style and the
// supervision line are rules/hierarchy.hpp, the warnings rules/warnings.hpp, the SQL
// storage/relationships.cpp.

#include "mentorkit/relationships.hpp"

#include "agreements_impl.hpp"
#include "mentorkit/agreements.hpp"
#include "mentorkit/error.hpp"
#include "mentorkit/people.hpp"
#include "names.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/registry.hpp"
#include "relationships_impl.hpp"
#include "rules/hierarchy.hpp"
#include "rules/warnings.hpp"
#include "storage/actions.hpp"
#include "storage/agreements.hpp"
#include "storage/goals.hpp"
#include "storage/people.hpp"
#include "storage/relationships.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <tuple>

namespace mentorkit {

using detail::Json;
using rules::PersonFacts;

namespace {

std::string id_text(RelationshipId id) {
    return "relationship " + std::to_string(raw(id));
}

// The two parties' levels and supervision lines (their expertise is read when a rule needs it).
std::pair<PersonFacts, PersonFacts> facts(detail::StoreImpl& impl, PersonId guide,
                                          PersonId learner) {
    Uid guide_uid, learner_uid;
    auto [g, l] = storage::pair_facts(impl.db(), guide, learner, &guide_uid, &learner_uid);
    if (!g)
        throw NotFound("guide " + std::to_string(raw(guide)) + " does not exist");
    if (!l)
        throw NotFound("learner " + std::to_string(raw(learner)) + " does not exist");
    impl.know_person(guide, guide_uid); // the operation names them next
    impl.know_person(learner, learner_uid);
    return {std::move(*g), std::move(*l)};
}

// The hierarchy's style for a mentor and a mentee, reading their expertise in the focus only
// when the rule needs it.
Style style_of(db::Database& db, PersonId mentor, PersonFacts& m, PersonId mentee, PersonFacts& e,
               const std::string& focus) {
    if (rules::style_needs_expertise(m, e))
        std::tie(m.expertise, e.expertise) = storage::pair_expertise(db, mentor, mentee, focus);
    return rules::style_of(m, e, focus);
}

void require_in_order(db::Database& db, const Relationship& r, Date on) {
    detail::require_date(on, "the date");
    Date last = std::max(r.proposed_on, storage::last_event_day(db, r.id).value_or(r.proposed_on));
    if (on < last)
        throw InvalidArgument("the date " + to_string(on) +
                                  " is before the last recorded event of " + id_text(r.id) + " (" +
                                  to_string(last) + ")",
                              ErrorCode::invalid_date);
}

// Appends a lifecycle event with its audit entry.
void record_event(detail::StoreImpl& impl, const Relationship& r, EventKind kind, PersonId by,
                  Date on, const std::optional<std::string>& reason) {
    storage::insert_event(impl.db(), r.id, kind, by, on, reason, impl.now());
    impl.audit(by, names::event_action.name(kind), "relationship", raw(r.id),
               Json().add("on", to_string(on)).add("reason", reason).str());
}

// --- operations --------------------------------------------------------------------------------

struct Propose {
    static constexpr const char* kind = "relationship.propose";
    Uid uid;
    NewRelationship req;

    std::int64_t apply(detail::StoreImpl& impl) const {
        if (req.guide == req.learner)
            throw InvalidArgument("guide and learner must be two different people");
        std::string focus = detail::require_text(req.focus, "the focus area", kMaxNameBytes);
        detail::require_date(req.start, "the start date");
        detail::require_date(req.end, "the planned end");
        detail::require_date(req.proposed_on, "the proposal date");
        if (req.formality == Formality::formal && !req.end)
            throw InvalidArgument("a formal relationship needs a planned end date");
        if (req.end && *req.end < req.start)
            throw InvalidArgument("the planned end " + to_string(*req.end) +
                                      " is before the start " + to_string(req.start),
                                  ErrorCode::invalid_date);
        if (req.declared_style && req.model != Model::mentoring)
            throw InvalidArgument(
                "a style (traditional / peer / reverse) applies to mentoring only");
        std::optional<std::string> justification;
        if (req.supervision_justification) {
            if (req.model == Model::supervision)
                throw InvalidArgument(
                    "a supervision justification applies to mentoring or coaching");
            justification = detail::require_text(*req.supervision_justification,
                                                 "the supervision justification");
        }
        const ModelDefaults& roles = defaults_of(req.model);
        db::Database& db = impl.db();
        auto [g, l] = facts(impl, req.guide, req.learner);
        std::optional<Style> style;
        if (req.model == Model::supervision) {
            if (g.level <= l.level)
                throw RuleViolation("supervision is hierarchical: the supervisor's level (" +
                                    std::to_string(g.level) + ") must be above the supervisee's (" +
                                    std::to_string(l.level) + ")");
        } else {
            if (req.model == Model::mentoring) {
                style = style_of(db, req.guide, g, req.learner, l, focus);
                if (req.declared_style && *req.declared_style != *style)
                    throw RuleViolation(
                        "the declared style '" + std::string(to_string(*req.declared_style)) +
                            "' contradicts the hierarchy: mentor level " + std::to_string(g.level) +
                            ", mentee level " + std::to_string(l.level) + " make it '" +
                            std::string(to_string(*style)) + "'",
                        ErrorCode::style_contradiction);
            }
            bool crosses = rules::on_one_line(req.guide, g, req.learner, l);
            if (crosses && !justification)
                throw RuleViolation("the " + std::string(roles.guide_role) + " and the " +
                                        std::string(roles.learner_role) +
                                        " are on one supervision line; " +
                                        std::string(to_string(req.model)) +
                                        " must not overlap supervision (give a justification "
                                        "to override)",
                                    ErrorCode::supervision_line);
            if (!crosses)
                justification.reset(); // nothing to justify
        }
        if (req.proposed_by != req.guide && req.proposed_by != req.learner)
            impl.require_person(req.proposed_by, "proposer");
        Relationship r;
        r.model = req.model;
        r.guide = req.guide;
        r.learner = req.learner;
        r.focus = focus;
        r.formality = req.formality;
        r.style = style;
        r.start = req.start;
        r.end = req.end;
        r.proposed_by = req.proposed_by;
        r.proposed_on = req.proposed_on.value_or(std::min(impl.today(), req.start));
        r.guide_accepted = req.proposed_by == req.guide;
        r.learner_accepted = req.proposed_by == req.learner;
        r.supervision_justification = justification;
        auto inserted = storage::insert_relationship(db, uid, r, impl.now());
        if (!inserted)
            throw RuleViolation("an open " + std::string(to_string(req.model)) +
                                    " relationship of this pair on '" + focus + "' already exists",
                                ErrorCode::duplicate_relationship);
        RelationshipId id = *inserted;
        Json detail;
        detail.add("model", names::model.name(req.model))
            .add("guide", raw(req.guide))
            .add("learner", raw(req.learner))
            .add("focus", focus)
            .add("formality", names::formality.name(req.formality));
        if (style)
            detail.add("style", names::style.name(*style));
        if (justification)
            detail.add("supervision_justification", *justification);
        impl.audit(req.proposed_by, "propose", "relationship", raw(id), detail.str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("model", names::model.name(req.model))
            .add("guide", e.ref(req.guide))
            .add("learner", e.ref(req.learner))
            .add("focus", req.focus)
            .add("formality", names::formality.name(req.formality))
            .add("start", e.date(req.start))
            .add("end", e.date(req.end))
            .add("proposed_on", e.date(req.proposed_on))
            .add("declared_style", req.declared_style
                                       ? ops::Value(names::style.name(*req.declared_style))
                                       : ops::Value())
            .add("supervision_justification", req.supervision_justification)
            .done();
    }
    static Propose decode(ops::Decoder& d) {
        Propose op{d.uid("id"), {}};
        NewRelationship& r = op.req;
        r.model = d.name("model", names::model);
        r.guide = d.ref<PersonId>("guide");
        r.learner = d.ref<PersonId>("learner");
        r.focus = d.text("focus");
        r.formality = d.name("formality", names::formality);
        r.start = d.date("start");
        r.end = d.opt_date("end");
        r.proposed_by = d.actor_required();
        r.proposed_on = d.opt_date("proposed_on");
        r.declared_style = d.opt_name("declared_style", names::style);
        r.supervision_justification = d.opt_text("supervision_justification");
        return op;
    }
};

// The lifecycle: one operation kind per event, each {relationship, on, reason}.
template <EventKind K>
struct Lifecycle;

// What every lifecycle operation shares: encoding and the checks before the status changes.
struct LifecycleBase {
    RelationshipId id;
    PersonId by;
    Date on;
    std::string reason;

    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("relationship", e.ref(id))
            .add("on", e.date(on))
            .add("reason", reason)
            .done();
    }
    template <typename T>
    static T decode_as(ops::Decoder& d) {
        T op;
        op.id = d.ref<RelationshipId>("relationship");
        op.by = d.actor_required();
        op.on = d.date("on");
        op.reason = d.text("reason");
        return op;
    }
    Relationship load(detail::StoreImpl& impl, const char* doing) const {
        Relationship r = detail::load_relationship(impl.db(), id);
        detail::require_party(r, by, doing);
        return r;
    }
};

template <>
struct Lifecycle<EventKind::accepted> : LifecycleBase {
    static constexpr const char* kind = "relationship.accept";
    std::int64_t apply(detail::StoreImpl& impl) const {
        Relationship r = load(impl, "accept it");
        if (r.status != Status::proposed)
            detail::bad_transition(r, "accept");
        bool is_guide = by == r.guide;
        if (is_guide ? r.guide_accepted : r.learner_accepted)
            throw RuleViolation("person " + std::to_string(raw(by)) + " already accepted " +
                                    id_text(id) + "; it waits for the other party",
                                ErrorCode::invalid_transition);
        require_in_order(impl.db(), r, on);
        storage::set_accepted(impl.db(), id, is_guide);
        if (is_guide ? r.learner_accepted : r.guide_accepted)
            storage::set_status(impl.db(), id, Status::active);
        record_event(impl, r, EventKind::accepted, by, on, std::nullopt);
        return 0;
    }
    static Lifecycle decode(ops::Decoder& d) { return decode_as<Lifecycle>(d); }
};

template <>
struct Lifecycle<EventKind::declined> : LifecycleBase {
    static constexpr const char* kind = "relationship.decline";
    std::int64_t apply(detail::StoreImpl& impl) const {
        Relationship r = load(impl, "decline it");
        if (r.status != Status::proposed)
            detail::bad_transition(r, "decline");
        if (by == r.guide ? r.guide_accepted : r.learner_accepted)
            throw RuleViolation("person " + std::to_string(raw(by)) + " already accepted " +
                                    id_text(id) + "; withdraw it instead of declining",
                                ErrorCode::invalid_transition);
        std::optional<std::string> why = detail::optional_reason(reason, "the reason");
        require_in_order(impl.db(), r, on);
        storage::set_status(impl.db(), id, Status::declined, by, on, why);
        record_event(impl, r, EventKind::declined, by, on, why);
        return 0;
    }
    static Lifecycle decode(ops::Decoder& d) { return decode_as<Lifecycle>(d); }
};

template <>
struct Lifecycle<EventKind::paused> : LifecycleBase {
    static constexpr const char* kind = "relationship.pause";
    std::int64_t apply(detail::StoreImpl& impl) const {
        Relationship r = load(impl, "pause it");
        if (r.status != Status::active)
            detail::bad_transition(r, "pause");
        std::optional<std::string> why = detail::optional_reason(reason, "the reason");
        require_in_order(impl.db(), r, on);
        storage::set_status(impl.db(), id, Status::paused);
        record_event(impl, r, EventKind::paused, by, on, why);
        return 0;
    }
    static Lifecycle decode(ops::Decoder& d) { return decode_as<Lifecycle>(d); }
};

template <>
struct Lifecycle<EventKind::resumed> : LifecycleBase {
    static constexpr const char* kind = "relationship.resume";
    std::int64_t apply(detail::StoreImpl& impl) const {
        Relationship r = load(impl, "resume it");
        if (r.status != Status::paused)
            detail::bad_transition(r, "resume");
        require_in_order(impl.db(), r, on);
        storage::set_status(impl.db(), id, Status::active);
        record_event(impl, r, EventKind::resumed, by, on, std::nullopt);
        return 0;
    }
    static Lifecycle decode(ops::Decoder& d) { return decode_as<Lifecycle>(d); }
};

template <>
struct Lifecycle<EventKind::completed> : LifecycleBase {
    static constexpr const char* kind = "relationship.complete";
    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string why = detail::require_text(reason, "the reason for completing");
        Relationship r = load(impl, "complete it");
        if (r.status != Status::active && r.status != Status::paused)
            detail::bad_transition(r, "complete");
        require_in_order(impl.db(), r, on);
        storage::set_status(impl.db(), id, Status::completed, by, on, why);
        record_event(impl, r, EventKind::completed, by, on, why);
        return 0;
    }
    static Lifecycle decode(ops::Decoder& d) { return decode_as<Lifecycle>(d); }
};

template <>
struct Lifecycle<EventKind::withdrawn> : LifecycleBase {
    static constexpr const char* kind = "relationship.withdraw";
    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string why = detail::require_text(reason, "the reason for withdrawing");
        Relationship r = load(impl, "withdraw from it");
        if (!r.is_open())
            detail::bad_transition(r, "withdraw from");
        require_in_order(impl.db(), r, on);
        storage::set_status(impl.db(), id, Status::withdrawn, by, on, why);
        record_event(impl, r, EventKind::withdrawn, by, on, why);
        return 0;
    }
    static Lifecycle decode(ops::Decoder& d) { return decode_as<Lifecycle>(d); }
};

struct Convert {
    static constexpr const char* kind = "relationship.convert";
    RelationshipId id;
    PersonId by;
    Date on;
    Formality formality = Formality::informal;
    std::optional<Date> end;

    std::int64_t apply(detail::StoreImpl& impl) const {
        Relationship r = detail::load_relationship(impl.db(), id);
        detail::require_party(r, by, "convert it");
        if (!r.is_open())
            detail::bad_transition(r, "convert");
        if (formality == r.formality && end == r.end)
            throw InvalidArgument(id_text(id) + " is already " + std::string(to_string(formality)));
        if (formality == Formality::formal && !end)
            throw InvalidArgument("a formal relationship needs a planned end date");
        detail::require_date(end, "the planned end");
        if (end && *end < r.start)
            throw InvalidArgument("the planned end " + to_string(*end) + " is before the start " +
                                      to_string(r.start),
                                  ErrorCode::invalid_date);
        require_in_order(impl.db(), r, on);
        storage::set_formality(impl.db(), id, formality, end);
        std::string what = std::string(to_string(r.formality)) + " -> " +
                           std::string(to_string(formality)) +
                           (end ? " until " + to_string(*end) : std::string());
        record_event(impl, r, EventKind::converted, by, on, what);
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("relationship", e.ref(id))
            .add("on", e.date(on))
            .add("formality", names::formality.name(formality))
            .add("end", e.date(end))
            .done();
    }
    static Convert decode(ops::Decoder& d) {
        return {d.ref<RelationshipId>("relationship"), d.actor_required(), d.date("on"),
                d.name("formality", names::formality), d.opt_date("end")};
    }
};

template <EventKind K>
void run_lifecycle(detail::StoreImpl& impl, RelationshipId id, PersonId by, Date on,
                   const std::string& reason) {
    Lifecycle<K> op;
    op.id = id;
    op.by = by;
    op.on = on;
    op.reason = reason;
    ops::run(impl, by, op);
}

} // namespace

namespace ops {
void register_relationships(Registry& r) {
    r.add(Propose::kind, &handle<Propose>);
    r.add(Lifecycle<EventKind::accepted>::kind, &handle<Lifecycle<EventKind::accepted>>);
    r.add(Lifecycle<EventKind::declined>::kind, &handle<Lifecycle<EventKind::declined>>);
    r.add(Lifecycle<EventKind::paused>::kind, &handle<Lifecycle<EventKind::paused>>);
    r.add(Lifecycle<EventKind::resumed>::kind, &handle<Lifecycle<EventKind::resumed>>);
    r.add(Lifecycle<EventKind::completed>::kind, &handle<Lifecycle<EventKind::completed>>);
    r.add(Lifecycle<EventKind::withdrawn>::kind, &handle<Lifecycle<EventKind::withdrawn>>);
    r.add(Convert::kind, &handle<Convert>);
}
} // namespace ops

namespace detail {

void bad_transition(const Relationship& r, std::string_view action) {
    throw RuleViolation("cannot " + std::string(action) + " " + id_text(r.id) + ": it is " +
                            std::string(to_string(r.status)),
                        ErrorCode::invalid_transition);
}

Status parse_status(const std::string& text) {
    return names::status.parse(text);
}

void require_party(const Relationship& r, PersonId by, std::string_view action) {
    if (!r.is_party(by))
        throw PermissionDenied("person " + std::to_string(raw(by)) + " is not a party to " +
                                   id_text(r.id) + " and cannot " + std::string(action),
                               ErrorCode::not_a_party);
}

void require_known_person(db::Database& db, PersonId id) {
    if (!storage::person_exists(db, id))
        throw NotFound("person " + std::to_string(raw(id)) + " does not exist");
}

void require_reader(db::Database& db, const Relationship& r, PersonId acting,
                    std::string_view what) {
    if (r.is_party(acting))
        return;
    require_known_person(db, acting);
    throw PermissionDenied("person " + std::to_string(raw(acting)) + " is not a party to " +
                               id_text(r.id) + " and cannot read its " + std::string(what),
                           ErrorCode::not_a_party);
}

Relationship load_for_reader(db::Database& db, RelationshipId id, PersonId acting,
                             std::string_view what) {
    Relationship r = load_relationship(db, id);
    require_reader(db, r, acting, what);
    return r;
}

Relationship load_relationship(db::Database& db, RelationshipId id) {
    auto r = storage::find_relationship(db, id);
    if (!r)
        throw NotFound(id_text(id) + " does not exist");
    return std::move(*r);
}

RelationshipId propose_in(StoreImpl& impl, ops::LocalBatch& batch, const NewRelationship& request) {
    Uid uid = ops::new_uid(to_millis(impl.now()));
    return RelationshipId{batch.add(Propose{uid, request})};
}

} // namespace detail

bool Relationship::is_open() const noexcept {
    return status == Status::proposed || status == Status::active || status == Status::paused;
}

const ModelDefaults& defaults_of(Model model) noexcept {
    static const ModelDefaults mentoring{"mentor",
                                         "mentee",
                                         "development",
                                         "learner",
                                         "open-ended or measurable",
                                         "as needed, initiated by the mentee",
                                         std::nullopt,
                                         28};
    static const ModelDefaults coaching{
        "coach", "coachee", "performance", "both", "measurable, required", "regular and structured",
        12,      14};
    static const ModelDefaults supervision{"supervisor",
                                           "supervisee",
                                           "development and performance",
                                           "guide",
                                           "competency",
                                           "formal",
                                           std::nullopt,
                                           7};
    switch (model) {
    case Model::coaching:
        return coaching;
    case Model::supervision:
        return supervision;
    case Model::mentoring:
        break;
    }
    return mentoring;
}

Style Relationships::derive_style(PersonId mentor, PersonId mentee,
                                  const std::string& focus) const {
    std::string f = detail::require_text(focus, "the focus area", kMaxNameBytes);
    auto [g, l] = facts(*m_impl, mentor, mentee);
    return style_of(m_impl->db(), mentor, g, mentee, l, f);
}

RelationshipId Relationships::propose(const NewRelationship& request) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return RelationshipId{ops::run(*m_impl, request.proposed_by, Propose{uid, request})};
}

Relationship Relationships::get(RelationshipId id) const {
    return detail::load_relationship(m_impl->db(), id);
}

std::vector<Relationship> Relationships::list(const RelationshipFilter& f) const {
    return storage::list_relationships(m_impl->db(), f);
}

std::vector<RelationshipEvent> Relationships::history(RelationshipId id) const {
    Relationship r = get(id);
    std::vector<RelationshipEvent> out;
    out.push_back({EventKind::proposed, r.proposed_by, r.proposed_on, std::nullopt, r.created_at});
    for (RelationshipEvent& e : storage::relationship_events(m_impl->db(), id))
        out.push_back(std::move(e));
    return out;
}

void Relationships::accept(RelationshipId id, PersonId by, Date on) {
    run_lifecycle<EventKind::accepted>(*m_impl, id, by, on, {});
}

void Relationships::decline(RelationshipId id, PersonId by, Date on, const std::string& reason) {
    run_lifecycle<EventKind::declined>(*m_impl, id, by, on, reason);
}

void Relationships::pause(RelationshipId id, PersonId by, Date on, const std::string& reason) {
    run_lifecycle<EventKind::paused>(*m_impl, id, by, on, reason);
}

void Relationships::resume(RelationshipId id, PersonId by, Date on) {
    run_lifecycle<EventKind::resumed>(*m_impl, id, by, on, {});
}

void Relationships::complete(RelationshipId id, PersonId by, Date on, const std::string& reason) {
    run_lifecycle<EventKind::completed>(*m_impl, id, by, on, reason);
}

void Relationships::withdraw(RelationshipId id, PersonId by, Date on, const std::string& reason) {
    run_lifecycle<EventKind::withdrawn>(*m_impl, id, by, on, reason);
}

void Relationships::convert(RelationshipId id, PersonId by, Date on, Formality formality,
                            std::optional<Date> end) {
    ops::run(*m_impl, by, Convert{id, by, on, formality, end});
}

std::vector<BoardSeat> Relationships::board(PersonId learner) const {
    m_impl->require_person(learner, "person");
    return storage::board_of(m_impl->db(), learner);
}

std::vector<Warning> Relationships::warnings(RelationshipId id) const {
    db::Database& db = m_impl->db();
    Relationship r = get(id);
    Date today = m_impl->today();
    rules::WarningFacts f;
    f.active_measurable_goal =
        r.model == Model::coaching && r.is_open() && storage::has_active_measurable_goal(db, r.id);
    if (r.is_open()) {
        // The agreement's state and structured terms, read without an acting person: warnings
        // are program structure and carry no clause text.
        std::vector<AgreementVersion> versions = detail::agreement_versions(db, r);
        const AgreementVersion* in_force = nullptr;
        for (const AgreementVersion& v : versions)
            if (v.state == AgreementState::in_force)
                in_force = &v;
        f.latest_version = versions.back().number;
        if (in_force)
            f.in_force_version = in_force->number;
        f.review_date = (in_force ? *in_force : versions.back()).terms.review_date;
        f.last_review = storage::last_review_day(db, id);
        f.overdue_goals = storage::overdue_goals(db, id, today);
        MeetingStats ms = m_impl->meetings.stats(id);
        f.health = ms.health;
        f.days_since_last_held = ms.days_since_last_held;
        f.cadence_days = ms.cadence_days;
        f.overdue_action_items = storage::overdue_action_items(db, id, today);
    }
    f.open_misunderstandings = storage::open_misunderstandings(db, id);
    return rules::warnings(r, today, f);
}

std::string_view to_string(Model v) noexcept {
    return names::model.name(v);
}
std::string_view to_string(Formality v) noexcept {
    return names::formality.name(v);
}
std::string_view to_string(Style v) noexcept {
    return names::style.name(v);
}
std::string_view to_string(Status v) noexcept {
    return names::status.name(v);
}
std::string_view to_string(EventKind v) noexcept {
    return names::event.name(v);
}
std::string_view to_string(WarningCode v) noexcept {
    return names::warning.name(v);
}

} // namespace mentorkit
