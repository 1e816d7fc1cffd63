#include "mentorkit/agreements.hpp"

#include "agreements_impl.hpp"
#include "enums.hpp"
#include "mentorkit/error.hpp"
#include "relationships_impl.hpp"
#include "store_impl.hpp"

#include <algorithm>

namespace mentorkit {

using detail::Json;
using namespace std::chrono;

namespace {

constexpr detail::EnumNames<ClauseKind, 10> kClause{
    {"goals_and_approach", "communication", "meeting_cadence", "setting", "confidentiality",
     "boundaries", "agenda_ownership", "duration_and_review", "ending", "other"},
    "clause kind"};
constexpr detail::EnumNames<AgreementState, 5> kState{
    {"draft", "partially_signed", "in_force", "superseded", "replaced"}, "agreement state"};

std::string rel_text(RelationshipId id) {
    return "relationship " + std::to_string(raw(id));
}

// A version as stored, before its state is derived from its neighbours.
struct Loaded {
    std::int64_t row_id = 0; // 0 while version 1 is the unsaved template
    AgreementVersion version;
};

std::vector<Loaded> load_versions(db::Database& db, const Relationship& r) {
    std::vector<Loaded> out;
    {
        db::Use s(db.cached("SELECT id, number, cadence_days, review_date, created_by, "
                            "created_at, change_note FROM agreement_version "
                            "WHERE relationship_id = ?1 ORDER BY number"));
        s->bind(1, raw(r.id));
        while (s->step()) {
            Loaded l;
            l.row_id = s->get_int(0);
            AgreementVersion& v = l.version;
            v.relationship = r.id;
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
    if (out.empty()) {
        Loaded l;
        AgreementTemplate t = agreement_template(r);
        l.version.relationship = r.id;
        l.version.number = 1;
        l.version.clauses = std::move(t.clauses);
        l.version.terms = t.terms;
        l.version.created_by = r.proposed_by;
        l.version.created_at = r.created_at;
        l.version.change_note = "from the " + std::string(to_string(r.model)) + " template";
        out.push_back(std::move(l));
        return out;
    }
    for (Loaded& l : out) {
        {
            db::Use s(db.cached("SELECT kind, title, body FROM agreement_clause "
                                "WHERE version_id = ?1 ORDER BY position"));
            s->bind(1, l.row_id);
            while (s->step())
                l.version.clauses.push_back(
                    {kClause.parse(s->get_text(0)), s->get_text(1), s->get_text(2)});
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

// Derives each version's state: the in-force version is the latest one both parties signed.
void derive_states(std::vector<Loaded>& versions, const Relationship& r) {
    auto full = [&](const AgreementVersion& v) {
        return v.signed_by(r.guide) && v.signed_by(r.learner);
    };
    std::optional<std::size_t> in_force;
    for (std::size_t i = 0; i < versions.size(); ++i)
        if (full(versions[i].version))
            in_force = i;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        AgreementVersion& v = versions[i].version;
        if (in_force && i == *in_force)
            v.state = AgreementState::in_force;
        else if (full(v))
            v.state = AgreementState::superseded;
        else if (i + 1 == versions.size())
            v.state =
                v.signatures.empty() ? AgreementState::draft : AgreementState::partially_signed;
        else
            v.state = AgreementState::replaced;
    }
}

std::vector<Loaded> load_all(db::Database& db, const Relationship& r) {
    auto v = load_versions(db, r);
    derive_states(v, r);
    return v;
}

std::int64_t insert_version(detail::StoreImpl& impl, const Relationship& r, int number,
                            const AgreementVersion& content, std::optional<PersonId> by,
                            Timestamp created_at, const std::string& note) {
    db::Database& db = impl.db();
    std::int64_t id = 0;
    {
        db::Use s(db.cached("INSERT INTO agreement_version (relationship_id, number, "
                            "cadence_days, review_date, created_by, created_at, change_note) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
        s->bind(1, raw(r.id));
        s->bind(2, number);
        s->bind(3, content.terms.cadence_days);
        if (content.terms.review_date)
            s->bind(4, to_string(*content.terms.review_date));
        if (by)
            s->bind(5, raw(*by));
        s->bind(6, detail::to_millis(created_at));
        s->bind(7, note);
        s->run();
        id = db.last_insert_rowid();
    }
    for (std::size_t i = 0; i < content.clauses.size(); ++i) {
        const Clause& c = content.clauses[i];
        db::Use s(db.cached("INSERT INTO agreement_clause (version_id, position, kind, title, "
                            "body) VALUES (?1, ?2, ?3, ?4, ?5)"));
        s->bind(1, id);
        s->bind(2, static_cast<std::int64_t>(i));
        s->bind(3, kClause.name(c.kind));
        s->bind(4, c.title);
        s->bind(5, c.text);
        s->run();
    }
    return id;
}

// A write to an agreement: the relationship and its versions (the latest last), checked for
// who may write. Nothing is written until stored_latest(), called once the change is validated,
// so a refused change writes nothing.
struct Context {
    detail::StoreImpl* impl;
    Relationship rel;
    std::vector<Loaded> versions;
    Loaded& latest() { return versions.back(); }
    // The row of the latest version, storing version 1 first if it is still the template.
    std::int64_t stored_latest() {
        Loaded& l = latest();
        if (l.row_id == 0) {
            const AgreementVersion& v = l.version;
            l.row_id = insert_version(*impl, rel, 1, v, v.created_by, v.created_at, v.change_note);
            l.version.stored = true;
        }
        return l.row_id;
    }
};

Context prepare_write(detail::StoreImpl& impl, RelationshipId id, PersonId by,
                      std::string_view action) {
    db::Database& db = impl.db();
    Context c{&impl, detail::load_relationship(db, id), {}};
    detail::require_party(c.rel, by, std::string(action) + " its agreement");
    if (!c.rel.is_open())
        throw RuleViolation("cannot " + std::string(action) + " the agreement of " + rel_text(id) +
                                ": the relationship is " + std::string(to_string(c.rel.status)),
                            ErrorCode::invalid_transition);
    c.versions = load_all(db, c.rel);
    return c;
}

void require_draft(const Loaded& latest, RelationshipId id) {
    if (!latest.version.signatures.empty())
        throw RuleViolation("version " + std::to_string(latest.version.number) +
                                " of the agreement of " + rel_text(id) +
                                " is signed; amend it to make a new version",
                            ErrorCode::agreement_frozen);
}

void require_index(const AgreementVersion& v, std::size_t index) {
    if (index >= v.clauses.size())
        throw InvalidArgument("clause " + std::to_string(index) + " does not exist (version " +
                              std::to_string(v.number) + " has " +
                              std::to_string(v.clauses.size()) + " clauses)");
}

void rewrite_clauses(db::Database& db, std::int64_t version_id, const std::vector<Clause>& cl) {
    {
        db::Use s(db.cached("DELETE FROM agreement_clause WHERE version_id = ?1"));
        s->bind(1, version_id);
        s->run();
    }
    for (std::size_t i = 0; i < cl.size(); ++i) {
        db::Use s(db.cached("INSERT INTO agreement_clause (version_id, position, kind, title, "
                            "body) VALUES (?1, ?2, ?3, ?4, ?5)"));
        s->bind(1, version_id);
        s->bind(2, static_cast<std::int64_t>(i));
        s->bind(3, kClause.name(cl[i].kind));
        s->bind(4, cl[i].title);
        s->bind(5, cl[i].text);
        s->run();
    }
}

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

bool AgreementVersion::signed_by(PersonId person) const noexcept {
    return std::any_of(signatures.begin(), signatures.end(),
                       [&](const Signature& s) { return s.person == person; });
}

AgreementTemplate agreement_template(const Relationship& r) {
    const ModelDefaults& d = defaults_of(r.model);
    const std::string guide(d.guide_role), learner(d.learner_role);
    const std::string cadence = std::to_string(d.default_cadence_days);
    AgreementTemplate t;
    t.terms.cadence_days = d.default_cadence_days;
    // A first review after a quarter of the usual length: 3 months for coaching, 6 otherwise.
    Date review = sys_days{year_month_day{r.start} + months{r.model == Model::coaching ? 3 : 6}};
    if (r.end && *r.end < review)
        review = *r.end;
    t.terms.review_date = review;

    std::string approach, meetings, agenda;
    switch (r.model) {
    case Model::mentoring:
        approach = "Development-driven mentoring in " + r.focus +
                   ". The mentee sets the goals, open-ended or measurable; the mentor shares "
                   "experience, guidance and advice, and the mentee asks most of the questions.";
        meetings = "We meet as needed, about every " + cadence +
                   " days, initiated by the mentee. Consistency matters more than frequency: "
                   "a cancelled meeting is rescheduled within a week.";
        agenda = "The mentee sets the agenda and shares it before each meeting.";
        break;
    case Model::coaching:
        approach = "Performance-driven coaching in " + r.focus +
                   ". We agree clear, measurable goals; the coachee performs, the coach observes "
                   "and gives feedback (questions, challenge, encouragement), and the cycle "
                   "repeats until the best possible performance.";
        meetings =
            "We meet regularly every " + cadence + " days at a fixed time, in structured sessions.";
        agenda = "The coach and the coachee develop the agenda together.";
        break;
    case Model::supervision:
        approach = "Supervision in " + r.focus +
                   ": developing competency and safeguarding the quality of the supervisee's "
                   "work, with formal feedback and evaluation.";
        meetings = "We meet formally every " + cadence + " days.";
        agenda = "The supervisor sets the agenda; the supervisee brings cases and questions.";
        break;
    }
    std::string duration = "From " + to_string(r.start) +
                           (r.end ? " until " + to_string(*r.end) : std::string(", open-ended")) +
                           ". We review this agreement and our progress on " + to_string(review) +
                           ".";
    std::string confidentiality =
        r.model == Model::supervision
            ? "Case material stays within supervision. Evaluations are shared with the "
              "supervisee before anyone else."
            : "What we discuss stays between us unless both agree otherwise. Nothing is "
              "reported to either person's supervisor or used in evaluations.";
    std::string boundaries =
        r.model == Model::supervision
            ? "Supervision is evaluative; personal matters are discussed only as they affect "
              "the work."
            : "This relationship is separate from supervision and evaluation. Either of us may "
              "decline a topic; we keep to professional decorum in every setting.";
    t.clauses = {
        {ClauseKind::goals_and_approach, "Goals and approach", approach},
        {ClauseKind::communication, "Communication",
         "We write by email or chat and answer within two working days; urgent matters by "
         "phone."},
        {ClauseKind::meeting_cadence, "Meeting cadence", meetings},
        {ClauseKind::setting, "Setting",
         "We meet where both find it appropriate: in person in a public or a private place, or "
         "virtually with a link shared in advance."},
        {ClauseKind::confidentiality, "Confidentiality", confidentiality},
        {ClauseKind::boundaries, "Boundaries", boundaries},
        {ClauseKind::agenda_ownership, "Agenda", agenda},
        {ClauseKind::duration_and_review, "Duration and review", duration},
        {ClauseKind::ending, "Ending the relationship",
         "Either of us can end the relationship at any time with a short explanation; the " +
             learner +
             " can always end it. We close with a final conversation about what was "
             "learned. The " +
             guide + " never holds this against the " + learner + "."},
    };
    return t;
}

namespace detail {

std::vector<AgreementVersion> agreement_versions(db::Database& db, const Relationship& r) {
    std::vector<AgreementVersion> out;
    for (Loaded& l : load_all(db, r))
        out.push_back(std::move(l.version));
    return out;
}

} // namespace detail

AgreementVersion Agreements::current(RelationshipId id, PersonId acting) const {
    return std::move(versions(id, acting).back());
}

std::optional<AgreementVersion> Agreements::in_force(RelationshipId id, PersonId acting) const {
    for (AgreementVersion& v : versions(id, acting))
        if (v.state == AgreementState::in_force)
            return std::move(v);
    return std::nullopt;
}

std::vector<AgreementVersion> Agreements::versions(RelationshipId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    return detail::agreement_versions(db, detail::load_for_reader(db, id, acting, "agreement"));
}

AgreementVersion Agreements::version(RelationshipId id, int number, PersonId acting) const {
    for (AgreementVersion& v : versions(id, acting))
        if (v.number == number)
            return std::move(v);
    throw NotFound("the agreement of " + rel_text(id) + " has no version " +
                   std::to_string(number));
}

void Agreements::edit_clause(RelationshipId id, std::size_t index, const std::string& text,
                             PersonId by, const std::string& title) {
    std::string body = detail::require_text(text, "the clause text");
    std::string new_title = detail::optional_text(title, "the clause title", kMaxNameBytes);
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Context c = prepare_write(*m_impl, id, by, "edit");
    require_draft(c.latest(), id);
    require_index(c.latest().version, index);
    Clause old = c.latest().version.clauses[index];
    std::int64_t row = c.stored_latest();
    {
        db::Use s(db.cached("UPDATE agreement_clause SET body = ?3, title = ?4 "
                            "WHERE version_id = ?1 AND position = ?2"));
        s->bind(1, row);
        s->bind(2, static_cast<std::int64_t>(index));
        s->bind(3, body);
        s->bind(4, new_title.empty() ? old.title : new_title);
        s->run();
    }
    // The draft is edited in place; the audit entry keeps the text it replaced.
    m_impl->audit(by, "edit_clause", "agreement", row,
                  Json()
                      .add("relationship", raw(id))
                      .add("version", c.latest().version.number)
                      .add("clause", static_cast<std::int64_t>(index))
                      .add("old_title", old.title)
                      .add("old_text", old.text)
                      .add("title", new_title.empty() ? old.title : new_title)
                      .add("text", body)
                      .str());
    tx.commit();
}

std::size_t Agreements::add_clause(RelationshipId id, const Clause& clause, PersonId by) {
    Clause cl{clause.kind, detail::require_text(clause.title, "the clause title", kMaxNameBytes),
              detail::require_text(clause.text, "the clause text")};
    if (static_cast<std::size_t>(clause.kind) > static_cast<std::size_t>(ClauseKind::other))
        throw InvalidArgument("unknown clause kind");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Context c = prepare_write(*m_impl, id, by, "edit");
    require_draft(c.latest(), id);
    std::size_t index = c.latest().version.clauses.size();
    detail::require_list_size(index + 1, "the agreement's clauses");
    std::int64_t row = c.stored_latest();
    {
        db::Use s(db.cached("INSERT INTO agreement_clause (version_id, position, kind, title, "
                            "body) VALUES (?1, ?2, ?3, ?4, ?5)"));
        s->bind(1, row);
        s->bind(2, static_cast<std::int64_t>(index));
        s->bind(3, kClause.name(cl.kind));
        s->bind(4, cl.title);
        s->bind(5, cl.text);
        s->run();
    }
    m_impl->audit(by, "add_clause", "agreement", row,
                  Json()
                      .add("relationship", raw(id))
                      .add("version", c.latest().version.number)
                      .add("clause", static_cast<std::int64_t>(index))
                      .add("kind", kClause.name(cl.kind))
                      .add("title", cl.title)
                      .add("text", cl.text)
                      .str());
    tx.commit();
    return index;
}

void Agreements::remove_clause(RelationshipId id, std::size_t index, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Context c = prepare_write(*m_impl, id, by, "edit");
    require_draft(c.latest(), id);
    require_index(c.latest().version, index);
    std::vector<Clause> clauses = c.latest().version.clauses;
    Clause old = clauses[index];
    clauses.erase(clauses.begin() + static_cast<std::ptrdiff_t>(index));
    std::int64_t row = c.stored_latest();
    rewrite_clauses(db, row, clauses);
    m_impl->audit(by, "remove_clause", "agreement", row,
                  Json()
                      .add("relationship", raw(id))
                      .add("version", c.latest().version.number)
                      .add("clause", static_cast<std::int64_t>(index))
                      .add("old_title", old.title)
                      .add("old_text", old.text)
                      .str());
    tx.commit();
}

void Agreements::set_terms(RelationshipId id, const AgreementTerms& terms, PersonId by) {
    if (terms.cadence_days && (*terms.cadence_days <= 0 || *terms.cadence_days > 366))
        throw InvalidArgument("the meeting cadence must be between 1 and 366 days");
    detail::require_date(terms.review_date, "the review date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Context c = prepare_write(*m_impl, id, by, "edit");
    if (terms.review_date && *terms.review_date < c.rel.start)
        throw InvalidArgument("the review date " + to_string(*terms.review_date) +
                                  " is before the start " + to_string(c.rel.start),
                              ErrorCode::invalid_date);
    require_draft(c.latest(), id);
    std::int64_t row = c.stored_latest();
    {
        db::Use s(db.cached(
            "UPDATE agreement_version SET cadence_days = ?2, review_date = ?3 WHERE id = ?1"));
        s->bind(1, row);
        s->bind(2, terms.cadence_days);
        if (terms.review_date)
            s->bind(3, to_string(*terms.review_date));
        s->run();
    }
    const AgreementTerms& old = c.latest().version.terms;
    auto date_or_null = [](const std::optional<Date>& d) {
        return d ? std::optional<std::string>(to_string(*d)) : std::nullopt;
    };
    m_impl->audit(by, "set_terms", "agreement", row,
                  Json()
                      .add("relationship", raw(id))
                      .add("version", c.latest().version.number)
                      .add("old_cadence_days", old.cadence_days)
                      .add("old_review_date", date_or_null(old.review_date))
                      .add("cadence_days", terms.cadence_days)
                      .add("review_date", date_or_null(terms.review_date))
                      .str());
    tx.commit();
}

void Agreements::sign(RelationshipId id, int number, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Context c = prepare_write(*m_impl, id, by, "sign");
    const AgreementVersion& latest = c.latest().version;
    if (number < 1 || number > latest.number)
        throw NotFound("the agreement of " + rel_text(id) + " has no version " +
                       std::to_string(number));
    if (number < latest.number)
        throw RuleViolation("version " + std::to_string(number) + " of the agreement of " +
                                rel_text(id) + " was replaced by version " +
                                std::to_string(latest.number) + "; read and sign that one",
                            ErrorCode::stale_version);
    if (latest.signed_by(by))
        throw RuleViolation("person " + std::to_string(raw(by)) + " already signed version " +
                                std::to_string(number),
                            ErrorCode::already_signed);
    std::int64_t row = c.stored_latest();
    {
        db::Use s(db.cached("INSERT INTO agreement_signature (version_id, person_id, signed_at) "
                            "VALUES (?1, ?2, ?3)"));
        s->bind(1, row);
        s->bind(2, raw(by));
        s->bind(3, detail::to_millis(m_impl->now()));
        s->run();
    }
    PersonId other = by == c.rel.guide ? c.rel.learner : c.rel.guide;
    m_impl->audit(by, "sign", "agreement", row,
                  Json()
                      .add("relationship", raw(id))
                      .add("version", number)
                      .add("in_force", latest.signed_by(other))
                      .str());
    tx.commit();
}

int Agreements::amend(RelationshipId id, PersonId by, const std::string& change_note) {
    std::string note = detail::optional_text(change_note, "the change note");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Context c = prepare_write(*m_impl, id, by, "amend");
    const AgreementVersion& latest = c.latest().version;
    if (latest.signatures.empty())
        throw RuleViolation("version " + std::to_string(latest.number) +
                                " is an unsigned draft; edit it instead of amending",
                            ErrorCode::invalid_transition);
    int number = latest.number + 1;
    std::int64_t row = insert_version(*m_impl, c.rel, number, latest, by, m_impl->now(), note);
    m_impl->audit(by, "amend", "agreement", row,
                  Json()
                      .add("relationship", raw(id))
                      .add("version", number)
                      .add("from_version", latest.number)
                      .add("note", note)
                      .str());
    tx.commit();
    return number;
}

MisunderstandingId Agreements::raise_misunderstanding(RelationshipId id, PersonId by, Date on,
                                                      const std::string& description) {
    std::string text = detail::require_text(description, "the description");
    detail::require_date(on, "the date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = detail::load_relationship(db, id);
    detail::require_party(r, by, "raise a misunderstanding");
    if (!r.is_open())
        detail::bad_transition(r, "raise a misunderstanding on");
    std::int64_t mid = 0;
    {
        db::Use s(db.cached("INSERT INTO misunderstanding (relationship_id, raised_by, "
                            "raised_on, description, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
        s->bind(1, raw(id));
        s->bind(2, raw(by));
        s->bind(3, to_string(on));
        s->bind(4, text);
        s->bind(5, detail::to_millis(m_impl->now()));
        s->run();
        mid = db.last_insert_rowid();
    }
    m_impl->audit(by, "raise", "misunderstanding", mid,
                  Json().add("relationship", raw(id)).add("on", to_string(on)).str());
    tx.commit();
    return MisunderstandingId{mid};
}

void Agreements::resolve_misunderstanding(MisunderstandingId id, PersonId by, Date on,
                                          const std::string& resolution) {
    std::string text = detail::require_text(resolution, "the resolution");
    detail::require_date(on, "the date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Misunderstanding m;
    {
        db::Use s(db.cached("SELECT id, relationship_id, raised_by, raised_on, description, "
                            "resolution, resolved_by, resolved_on FROM misunderstanding "
                            "WHERE id = ?1"));
        s->bind(1, raw(id));
        if (!s->step())
            throw NotFound("misunderstanding " + std::to_string(raw(id)) + " does not exist");
        m = read_misunderstanding(*s);
    }
    Relationship r = detail::load_relationship(db, m.relationship);
    detail::require_party(r, by, "resolve a misunderstanding");
    if (!m.is_open())
        throw RuleViolation("misunderstanding " + std::to_string(raw(id)) + " is already resolved",
                            ErrorCode::already_resolved);
    if (on < m.raised_on)
        throw InvalidArgument("the resolution date " + to_string(on) +
                                  " is before the misunderstanding was raised (" +
                                  to_string(m.raised_on) + ")",
                              ErrorCode::invalid_date);
    {
        db::Use s(db.cached("UPDATE misunderstanding SET resolution = ?2, resolved_by = ?3, "
                            "resolved_on = ?4 WHERE id = ?1"));
        s->bind(1, raw(id));
        s->bind(2, text);
        s->bind(3, raw(by));
        s->bind(4, to_string(on));
        s->run();
    }
    m_impl->audit(by, "resolve", "misunderstanding", raw(id),
                  Json().add("relationship", raw(r.id)).add("on", to_string(on)).str());
    tx.commit();
}

std::vector<Misunderstanding> Agreements::misunderstandings(RelationshipId id,
                                                            PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, id, acting, "misunderstanding log");
    db::Use s(db.cached("SELECT id, relationship_id, raised_by, raised_on, description, "
                        "resolution, resolved_by, resolved_on FROM misunderstanding "
                        "WHERE relationship_id = ?1 ORDER BY id"));
    s->bind(1, raw(id));
    std::vector<Misunderstanding> out;
    while (s->step())
        out.push_back(read_misunderstanding(*s));
    return out;
}

std::string_view to_string(ClauseKind v) noexcept {
    return kClause.name(v);
}
std::string_view to_string(AgreementState v) noexcept {
    return kState.name(v);
}

} // namespace mentorkit
