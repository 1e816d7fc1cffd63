#include "mentorkit/relationships.hpp"

#include "actions_impl.hpp"
#include "agreements_impl.hpp"
#include "enums.hpp"
#include "goals_impl.hpp"
#include "mentorkit/agreements.hpp"
#include "mentorkit/error.hpp"
#include "mentorkit/people.hpp"
#include "relationships_impl.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <algorithm>

namespace mentorkit {

using detail::Json;
using namespace std::chrono;

namespace {

constexpr detail::EnumNames<Model, 3> kModel{{"mentoring", "coaching", "supervision"}, "model"};
constexpr detail::EnumNames<Formality, 3> kFormality{{"formal", "informal", "flash"}, "formality"};
constexpr detail::EnumNames<Style, 3> kStyle{{"traditional", "peer", "reverse"}, "style"};
constexpr detail::EnumNames<Status, 6> kStatus{
    {"proposed", "active", "paused", "declined", "completed", "withdrawn"}, "status"};
constexpr detail::EnumNames<EventKind, 8> kEvent{{"proposed", "accepted", "declined", "paused",
                                                  "resumed", "completed", "withdrawn", "converted"},
                                                 "event"};
// Audit actions are verbs, like every other action in the log ("propose", "sign").
constexpr detail::EnumNames<EventKind, 8> kAction{
    {"propose", "accept", "decline", "pause", "resume", "complete", "withdraw", "convert"},
    "action"};
constexpr detail::EnumNames<WarningCode, 12> kWarning{
    {"coaching_without_measurable_goal", "coaching_too_long", "flash_too_long", "past_planned_end",
     "crosses_supervision_line", "agreement_not_in_force", "amendment_pending",
     "open_misunderstandings", "review_due", "goal_overdue", "overdue_action_items",
     "silent_too_long"},
    "warning"};

constexpr const char* kSelectRelationship =
    "SELECT id, model, guide_id, learner_id, focus, formality, style, status, start_date, "
    "end_date, proposed_by, proposed_on, guide_accepted, learner_accepted, "
    "supervision_justification, ended_on, ended_by, end_reason, created_at FROM relationship "
    "WHERE id = ?1";

// How long a flash relationship may stay open before it is worth converting.
constexpr days kFlashLimit{90};

std::string id_text(RelationshipId id) {
    return "relationship " + std::to_string(raw(id));
}

using detail::PersonFacts;

std::pair<PersonFacts, PersonFacts> facts(db::Database& db, PersonId guide, PersonId learner,
                                          const std::string& focus) {
    auto g = detail::person_facts(db, guide, focus);
    if (!g)
        throw NotFound("guide " + std::to_string(raw(guide)) + " does not exist");
    auto l = detail::person_facts(db, learner, focus);
    if (!l)
        throw NotFound("learner " + std::to_string(raw(learner)) + " does not exist");
    return {std::move(*g), std::move(*l)};
}

Style style_from(const PersonFacts& mentor, const PersonFacts& mentee, const std::string& focus) {
    if (mentor.level > mentee.level)
        return Style::traditional;
    if (mentor.level == mentee.level)
        return Style::peer;
    if (mentor.expertise <= mentee.expertise)
        throw RuleViolation("reverse mentoring needs a mentor more expert in '" + focus +
                                "' than the mentee (mentor " + std::to_string(mentor.expertise) +
                                ", mentee " + std::to_string(mentee.expertise) +
                                "); the mentor is more junior, so the pairing makes no sense",
                            ErrorCode::reverse_without_expertise);
    return Style::reverse;
}

Relationship read_relationship(db::Statement& s) {
    Relationship r;
    r.id = RelationshipId{s.get_int(0)};
    r.model = kModel.parse(s.get_text(1));
    r.guide = PersonId{s.get_int(2)};
    r.learner = PersonId{s.get_int(3)};
    r.focus = s.get_text(4);
    r.formality = kFormality.parse(s.get_text(5));
    if (auto st = s.get_opt_text(6))
        r.style = kStyle.parse(*st);
    r.status = kStatus.parse(s.get_text(7));
    r.start = detail::date_from_db(s.get_text(8));
    if (auto e = s.get_opt_text(9))
        r.end = detail::date_from_db(*e);
    r.proposed_by = PersonId{s.get_int(10)};
    r.proposed_on = detail::date_from_db(s.get_text(11));
    r.guide_accepted = s.get_int(12) != 0;
    r.learner_accepted = s.get_int(13) != 0;
    r.supervision_justification = s.get_opt_text(14);
    if (auto e = s.get_opt_text(15))
        r.ended_on = detail::date_from_db(*e);
    if (auto e = s.get_opt_int(16))
        r.ended_by = PersonId{*e};
    r.end_reason = s.get_opt_text(17);
    r.created_at = detail::from_millis(s.get_int(18));
    return r;
}

// The day of the latest lifecycle event (or of the proposal).
Date last_event_day(db::Database& db, const Relationship& r) {
    db::Use s(db.cached("SELECT max(on_date) FROM relationship_event WHERE relationship_id = ?1"));
    s->bind(1, raw(r.id));
    s->step();
    Date last = r.proposed_on;
    if (auto d = s->get_opt_text(0))
        last = std::max(last, detail::date_from_db(*d));
    return last;
}

void require_in_order(db::Database& db, const Relationship& r, Date on) {
    detail::require_date(on, "the date");
    Date last = last_event_day(db, r);
    if (on < last)
        throw InvalidArgument("the date " + to_string(on) +
                                  " is before the last recorded event of " + id_text(r.id) + " (" +
                                  to_string(last) + ")",
                              ErrorCode::invalid_date);
}

std::string require_reason(const std::string& reason, std::string_view what) {
    return detail::require_text(reason, what);
}

} // namespace

namespace detail {

void bad_transition(const Relationship& r, std::string_view action) {
    throw RuleViolation("cannot " + std::string(action) + " " + id_text(r.id) + ": it is " +
                            std::string(to_string(r.status)),
                        ErrorCode::invalid_transition);
}

Status parse_status(const std::string& text) {
    return kStatus.parse(text);
}

void require_party(const Relationship& r, PersonId by, std::string_view action) {
    if (!r.is_party(by))
        throw PermissionDenied("person " + std::to_string(raw(by)) + " is not a party to " +
                                   id_text(r.id) + " and cannot " + std::string(action),
                               ErrorCode::not_a_party);
}

void require_known_person(db::Database& db, PersonId id) {
    db::Use s(db.cached("SELECT 1 FROM person WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
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
    db::Use s(db.cached(kSelectRelationship));
    s->bind(1, raw(id));
    if (!s->step())
        throw NotFound(id_text(id) + " does not exist");
    return read_relationship(*s);
}

void record_event(StoreImpl& impl, const Relationship& r, EventKind kind, PersonId by, Date on,
                  const std::optional<std::string>& reason) {
    db::Database& db = impl.db();
    {
        db::Use s(db.cached("INSERT INTO relationship_event (relationship_id, kind, actor_id, "
                            "on_date, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
        s->bind(1, raw(r.id));
        s->bind(2, kEvent.name(kind));
        s->bind(3, raw(by));
        s->bind(4, to_string(on));
        s->bind(5, reason);
        s->bind(6, to_millis(impl.now()));
        s->run();
    }
    impl.audit(by, kAction.name(kind), "relationship", raw(r.id),
               Json().add("on", to_string(on)).add("reason", reason).str());
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
    auto [g, l] = facts(m_impl->db(), mentor, mentee, f);
    return style_from(g, l, f);
}

RelationshipId Relationships::propose(const NewRelationship& req) {
    if (req.guide == req.learner)
        throw InvalidArgument("guide and learner must be two different people");
    std::string focus = detail::require_text(req.focus, "the focus area", kMaxNameBytes);
    detail::require_date(req.start, "the start date");
    detail::require_date(req.end, "the planned end");
    detail::require_date(req.proposed_on, "the proposal date");
    if (req.formality == Formality::formal && !req.end)
        throw InvalidArgument("a formal relationship needs a planned end date");
    if (req.end && *req.end < req.start)
        throw InvalidArgument("the planned end " + to_string(*req.end) + " is before the start " +
                                  to_string(req.start),
                              ErrorCode::invalid_date);
    if (req.declared_style && req.model != Model::mentoring)
        throw InvalidArgument("a style (traditional / peer / reverse) applies to mentoring only");
    std::optional<std::string> justification;
    if (req.supervision_justification) {
        if (req.model == Model::supervision)
            throw InvalidArgument("a supervision justification applies to mentoring or coaching");
        justification =
            detail::require_text(*req.supervision_justification, "the supervision justification");
    }
    const ModelDefaults& names = defaults_of(req.model);

    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    auto [g, l] = facts(db, req.guide, req.learner, focus);
    std::optional<Style> style;
    if (req.model == Model::supervision) {
        if (g.level <= l.level)
            throw RuleViolation("supervision is hierarchical: the supervisor's level (" +
                                std::to_string(g.level) + ") must be above the supervisee's (" +
                                std::to_string(l.level) + ")");
    } else {
        if (req.model == Model::mentoring) {
            style = style_from(g, l, focus);
            if (req.declared_style && *req.declared_style != *style)
                throw RuleViolation(
                    "the declared style '" + std::string(to_string(*req.declared_style)) +
                        "' contradicts the hierarchy: mentor level " + std::to_string(g.level) +
                        ", mentee level " + std::to_string(l.level) + " make it '" +
                        std::string(to_string(*style)) + "'",
                    ErrorCode::style_contradiction);
        }
        bool crosses = l.under(req.guide) || g.under(req.learner);
        if (crosses && !justification)
            throw RuleViolation("the " + std::string(names.guide_role) + " and the " +
                                    std::string(names.learner_role) +
                                    " are on one supervision line; " +
                                    std::string(to_string(req.model)) +
                                    " must not overlap supervision (give a justification to "
                                    "override)",
                                ErrorCode::supervision_line);
        if (!crosses)
            justification.reset(); // nothing to justify
    }
    if (req.proposed_by != req.guide && req.proposed_by != req.learner)
        m_impl->require_person(req.proposed_by, "proposer");
    Date proposed_on = req.proposed_on.value_or(std::min(m_impl->today(), req.start));
    {
        // At most one open relationship per pair, model and focus (the partial unique index
        // relationship_open_pair backs this up; the check runs under the write lock).
        db::Use s(db.cached("SELECT 1 FROM relationship WHERE guide_id = ?1 AND learner_id = ?2 "
                            "AND model = ?3 AND focus = ?4 AND (status = 'proposed' OR status = "
                            "'active' OR status = 'paused')"));
        s->bind(1, raw(req.guide));
        s->bind(2, raw(req.learner));
        s->bind(3, kModel.name(req.model));
        s->bind(4, focus);
        if (s->step())
            throw RuleViolation("an open " + std::string(to_string(req.model)) +
                                    " relationship of this pair on '" + focus + "' already exists",
                                ErrorCode::duplicate_relationship);
    }
    std::int64_t id = 0;
    {
        db::Use s(db.cached(
            "INSERT INTO relationship (model, guide_id, learner_id, focus, formality, style, "
            "status, start_date, end_date, proposed_by, proposed_on, guide_accepted, "
            "learner_accepted, supervision_justification, created_at) VALUES (?1, ?2, ?3, ?4, "
            "?5, ?6, 'proposed', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
        s->bind(1, kModel.name(req.model));
        s->bind(2, raw(req.guide));
        s->bind(3, raw(req.learner));
        s->bind(4, focus);
        s->bind(5, kFormality.name(req.formality));
        if (style)
            s->bind(6, kStyle.name(*style));
        s->bind(7, to_string(req.start));
        if (req.end)
            s->bind(8, to_string(*req.end));
        s->bind(9, raw(req.proposed_by));
        s->bind(10, to_string(proposed_on));
        s->bind(11, req.proposed_by == req.guide ? 1 : 0);
        s->bind(12, req.proposed_by == req.learner ? 1 : 0);
        s->bind(13, justification);
        s->bind(14, detail::to_millis(m_impl->now()));
        s->run();
        id = db.last_insert_rowid();
    }
    Json detail;
    detail.add("model", kModel.name(req.model))
        .add("guide", raw(req.guide))
        .add("learner", raw(req.learner))
        .add("focus", focus)
        .add("formality", kFormality.name(req.formality));
    if (style)
        detail.add("style", kStyle.name(*style));
    if (justification)
        detail.add("supervision_justification", *justification);
    m_impl->audit(req.proposed_by, "propose", "relationship", id, detail.str());
    tx.commit();
    return RelationshipId{id};
}

Relationship Relationships::get(RelationshipId id) const {
    return detail::load_relationship(m_impl->db(), id);
}

std::vector<Relationship> Relationships::list(const RelationshipFilter& f) const {
    db::Use s(m_impl->db().cached(
        "SELECT id, model, guide_id, learner_id, focus, formality, style, status, start_date, "
        "end_date, proposed_by, proposed_on, guide_accepted, learner_accepted, "
        "supervision_justification, ended_on, ended_by, end_reason, created_at FROM relationship "
        "WHERE (?1 IS NULL OR guide_id = ?1 OR learner_id = ?1) AND (?2 IS NULL OR status = ?2) "
        "AND (?3 IS NULL OR model = ?3) "
        "AND (?4 = 0 OR status IN ('proposed', 'active', 'paused')) ORDER BY id"));
    if (f.person)
        s->bind(1, raw(*f.person));
    if (f.status)
        s->bind(2, kStatus.name(*f.status));
    if (f.model)
        s->bind(3, kModel.name(*f.model));
    s->bind(4, f.open_only ? 1 : 0);
    std::vector<Relationship> out;
    while (s->step())
        out.push_back(read_relationship(*s));
    return out;
}

std::vector<RelationshipEvent> Relationships::history(RelationshipId id) const {
    Relationship r = get(id);
    std::vector<RelationshipEvent> out;
    out.push_back({EventKind::proposed, r.proposed_by, r.proposed_on, std::nullopt, r.created_at});
    db::Use s(m_impl->db().cached("SELECT kind, actor_id, on_date, reason, at FROM "
                                  "relationship_event WHERE relationship_id = ?1 ORDER BY id"));
    s->bind(1, raw(id));
    while (s->step())
        out.push_back({kEvent.parse(s->get_text(0)), PersonId{s->get_int(1)},
                       detail::date_from_db(s->get_text(2)), s->get_opt_text(3),
                       detail::from_millis(s->get_int(4))});
    return out;
}

namespace {

// Sets status (and, for final states, who ended it, when and why) after the checks passed.
void set_status(db::Database& db, const Relationship& r, Status status,
                std::optional<PersonId> ended_by = {}, std::optional<Date> ended_on = {},
                const std::optional<std::string>& reason = {}) {
    db::Use s(db.cached("UPDATE relationship SET status = ?2, ended_by = ?3, ended_on = ?4, "
                        "end_reason = ?5 WHERE id = ?1"));
    s->bind(1, raw(r.id));
    s->bind(2, kStatus.name(status));
    if (ended_by)
        s->bind(3, raw(*ended_by));
    if (ended_on)
        s->bind(4, to_string(*ended_on));
    s->bind(5, reason);
    s->run();
}

} // namespace

void Relationships::accept(RelationshipId id, PersonId by, Date on) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = get(id);
    detail::require_party(r, by, "accept it");
    if (r.status != Status::proposed)
        detail::bad_transition(r, "accept");
    bool is_guide = by == r.guide;
    if (is_guide ? r.guide_accepted : r.learner_accepted)
        throw RuleViolation("person " + std::to_string(raw(by)) + " already accepted " +
                                id_text(id) + "; it waits for the other party",
                            ErrorCode::invalid_transition);
    require_in_order(db, r, on);
    {
        db::Use s(db.cached(is_guide
                                ? "UPDATE relationship SET guide_accepted = 1 WHERE id = ?1"
                                : "UPDATE relationship SET learner_accepted = 1 WHERE id = ?1"));
        s->bind(1, raw(id));
        s->run();
    }
    if (is_guide ? r.learner_accepted : r.guide_accepted)
        set_status(db, r, Status::active);
    detail::record_event(*m_impl, r, EventKind::accepted, by, on, std::nullopt);
    tx.commit();
}

void Relationships::decline(RelationshipId id, PersonId by, Date on, const std::string& reason) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = get(id);
    detail::require_party(r, by, "decline it");
    if (r.status != Status::proposed)
        detail::bad_transition(r, "decline");
    if (by == r.guide ? r.guide_accepted : r.learner_accepted)
        throw RuleViolation("person " + std::to_string(raw(by)) + " already accepted " +
                                id_text(id) + "; withdraw it instead of declining",
                            ErrorCode::invalid_transition);
    std::optional<std::string> why = detail::optional_reason(reason, "the reason");
    require_in_order(db, r, on);
    set_status(db, r, Status::declined, by, on, why);
    detail::record_event(*m_impl, r, EventKind::declined, by, on, why);
    tx.commit();
}

void Relationships::pause(RelationshipId id, PersonId by, Date on, const std::string& reason) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = get(id);
    detail::require_party(r, by, "pause it");
    if (r.status != Status::active)
        detail::bad_transition(r, "pause");
    std::optional<std::string> why = detail::optional_reason(reason, "the reason");
    require_in_order(db, r, on);
    set_status(db, r, Status::paused);
    detail::record_event(*m_impl, r, EventKind::paused, by, on, why);
    tx.commit();
}

void Relationships::resume(RelationshipId id, PersonId by, Date on) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = get(id);
    detail::require_party(r, by, "resume it");
    if (r.status != Status::paused)
        detail::bad_transition(r, "resume");
    require_in_order(db, r, on);
    set_status(db, r, Status::active);
    detail::record_event(*m_impl, r, EventKind::resumed, by, on, std::nullopt);
    tx.commit();
}

void Relationships::complete(RelationshipId id, PersonId by, Date on, const std::string& reason) {
    std::string why = require_reason(reason, "the reason for completing");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = get(id);
    detail::require_party(r, by, "complete it");
    if (r.status != Status::active && r.status != Status::paused)
        detail::bad_transition(r, "complete");
    require_in_order(db, r, on);
    set_status(db, r, Status::completed, by, on, why);
    detail::record_event(*m_impl, r, EventKind::completed, by, on, why);
    tx.commit();
}

void Relationships::withdraw(RelationshipId id, PersonId by, Date on, const std::string& reason) {
    std::string why = require_reason(reason, "the reason for withdrawing");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = get(id);
    detail::require_party(r, by, "withdraw from it");
    if (!r.is_open())
        detail::bad_transition(r, "withdraw from");
    require_in_order(db, r, on);
    set_status(db, r, Status::withdrawn, by, on, why);
    detail::record_event(*m_impl, r, EventKind::withdrawn, by, on, why);
    tx.commit();
}

void Relationships::convert(RelationshipId id, PersonId by, Date on, Formality formality,
                            std::optional<Date> end) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = get(id);
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
    require_in_order(db, r, on);
    {
        db::Use s(db.cached("UPDATE relationship SET formality = ?2, end_date = ?3 WHERE id = ?1"));
        s->bind(1, raw(id));
        s->bind(2, kFormality.name(formality));
        if (end)
            s->bind(3, to_string(*end));
        s->run();
    }
    std::string what = std::string(to_string(r.formality)) + " -> " +
                       std::string(to_string(formality)) +
                       (end ? " until " + to_string(*end) : std::string());
    detail::record_event(*m_impl, r, EventKind::converted, by, on, what);
    tx.commit();
}

std::vector<BoardSeat> Relationships::board(PersonId learner) const {
    db::Database& db = m_impl->db();
    m_impl->require_person(learner, "person");
    db::Use s(db.cached("SELECT id, guide_id, model, focus, style FROM relationship "
                        "WHERE learner_id = ?1 AND status = 'active' "
                        "AND model IN ('mentoring', 'coaching') ORDER BY focus, id"));
    s->bind(1, raw(learner));
    std::vector<BoardSeat> out;
    while (s->step()) {
        BoardSeat seat{RelationshipId{s->get_int(0)}, PersonId{s->get_int(1)},
                       kModel.parse(s->get_text(2)), s->get_text(3), std::nullopt};
        if (auto st = s->get_opt_text(4))
            seat.style = kStyle.parse(*st);
        out.push_back(std::move(seat));
    }
    return out;
}

std::vector<Warning> Relationships::warnings(RelationshipId id) const {
    db::Database& db = m_impl->db();
    Relationship r = get(id);
    std::vector<Warning> out;
    Date today = m_impl->today();
    if (r.model == Model::coaching && r.is_open()) {
        if (!detail::has_active_measurable_goal(db, r.id))
            out.push_back({WarningCode::coaching_without_measurable_goal,
                           "coaching is structured around clear, measurable goals; this "
                           "relationship has no active measurable goal"});
        if (!r.end)
            out.push_back({WarningCode::coaching_too_long,
                           "coaching usually lasts 6 to 12 months; this one has no planned end"});
        else if (*r.end > sys_days{year_month_day{r.start} + months{12}})
            out.push_back({WarningCode::coaching_too_long,
                           "coaching usually lasts 6 to 12 months; this one is planned until " +
                               to_string(*r.end)});
    }
    if (r.formality == Formality::flash && r.is_open() && today > r.start + kFlashLimit)
        out.push_back({WarningCode::flash_too_long,
                       "a flash relationship is short-term; this one has been open since " +
                           to_string(r.start) + ": convert it to informal or formal"});
    if (r.is_open() && r.end && today > *r.end)
        out.push_back({WarningCode::past_planned_end,
                       "the planned end " + to_string(*r.end) +
                           " has passed: complete the relationship or extend it"});
    if (r.supervision_justification)
        out.push_back(
            {WarningCode::crosses_supervision_line,
             "crosses a supervision line, allowed because: " + *r.supervision_justification});
    // The agreement's state and structured terms, read without an acting person: warnings are
    // program structure and carry no clause text.
    std::vector<AgreementVersion> versions;
    const AgreementVersion* in_force = nullptr;
    if (r.is_open()) {
        versions = detail::agreement_versions(db, r);
        for (const AgreementVersion& v : versions)
            if (v.state == AgreementState::in_force)
                in_force = &v;
    }
    if (r.is_open()) {
        const AgreementVersion& latest = versions.back();
        if (!in_force && r.status == Status::active)
            out.push_back({WarningCode::agreement_not_in_force,
                           "no version of the agreement is signed by both parties"});
        if (in_force && latest.number > in_force->number)
            out.push_back({WarningCode::amendment_pending,
                           "agreement version " + std::to_string(latest.number) +
                               " awaits signatures; version " + std::to_string(in_force->number) +
                               " stays in force until then"});
    }
    if (r.is_open()) {
        // The review date of the agreement in force (else of the draft) has passed and no goal
        // review was held on or after it.
        auto review = (in_force ? *in_force : versions.back()).terms.review_date;
        auto last = detail::last_review_day(db, id);
        if (r.status == Status::active && review && *review <= today && (!last || *last < *review))
            out.push_back({WarningCode::review_due,
                           "the review agreed for " + to_string(*review) + " has not been held"});
        if (int n = detail::overdue_goals(db, id, today); n > 0)
            out.push_back({WarningCode::goal_overdue,
                           std::to_string(n) + " active goal(s) past their due date"});
        if (MeetingStats ms = m_impl->meetings.stats(id); ms.health == Health::stalled)
            out.push_back({WarningCode::silent_too_long,
                           "no meeting held for " + std::to_string(ms.days_since_last_held) +
                               " days (cadence " + std::to_string(ms.cadence_days) +
                               " days): an absent " + std::string(defaults_of(r.model).guide_role) +
                               " tells the " + std::string(defaults_of(r.model).learner_role) +
                               " they are not worth the time"});
        if (int n = detail::overdue_action_items(db, id, today); n > 0)
            out.push_back({WarningCode::overdue_action_items,
                           std::to_string(n) + " open action item(s) past their due date"});
    }
    {
        db::Use s(db.cached("SELECT count(*) FROM misunderstanding WHERE relationship_id = ?1 "
                            "AND resolution IS NULL"));
        s->bind(1, raw(id));
        s->step();
        if (auto n = s->get_int(0); n > 0)
            out.push_back({WarningCode::open_misunderstandings,
                           std::to_string(n) + " misunderstanding(s) raised and not resolved"});
    }
    return out;
}

std::string_view to_string(Model v) noexcept {
    return kModel.name(v);
}
std::string_view to_string(Formality v) noexcept {
    return kFormality.name(v);
}
std::string_view to_string(Style v) noexcept {
    return kStyle.name(v);
}
std::string_view to_string(Status v) noexcept {
    return kStatus.name(v);
}
std::string_view to_string(EventKind v) noexcept {
    return kEvent.name(v);
}
std::string_view to_string(WarningCode v) noexcept {
    return kWarning.name(v);
}

} // namespace mentorkit
