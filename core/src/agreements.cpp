// Agreements and the misunderstanding log: every change is an operation (agreement.*,
// misunderstanding.*); the states are rules/agreements.hpp, the SQL storage/agreements.cpp.

#include "mentorkit/agreements.hpp"

#include "agreements_impl.hpp"
#include "mentorkit/error.hpp"
#include "names.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/registry.hpp"
#include "relationships_impl.hpp"
#include "rules/agreements.hpp"
#include "storage/agreements.hpp"
#include "store_impl.hpp"

#include <algorithm>

namespace mentorkit {

using detail::Json;

namespace {

std::string rel_text(RelationshipId id) {
    return "relationship " + std::to_string(raw(id));
}

// The versions with their rows (0 while version 1 is the unsaved template) and states.
std::vector<storage::StoredVersion> load_all(db::Database& db, const Relationship& r) {
    std::vector<storage::StoredVersion> out = storage::load_versions(db, r.id);
    if (out.empty()) {
        storage::StoredVersion l;
        AgreementTemplate t = agreement_template(r);
        l.version.relationship = r.id;
        l.version.number = 1;
        l.version.clauses = std::move(t.clauses);
        l.version.terms = t.terms;
        l.version.created_by = r.proposed_by;
        l.version.created_at = r.created_at;
        l.version.change_note = "from the " + std::string(to_string(r.model)) + " template";
        out.push_back(std::move(l));
    }
    std::vector<AgreementVersion> plain;
    for (const storage::StoredVersion& v : out)
        plain.push_back(v.version);
    rules::derive_states(plain, r.guide, r.learner);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].version.state = plain[i].state;
    return out;
}

// A write to an agreement: the relationship and its versions (the latest last), checked for
// who may write. Nothing is written until stored_latest(), called once the change is validated,
// so a refused change writes nothing.
struct Context {
    detail::StoreImpl* impl;
    Relationship rel;
    std::vector<storage::StoredVersion> versions;
    storage::StoredVersion& latest() { return versions.back(); }
    // The row of the latest version, storing version 1 first if it is still the template.
    std::int64_t stored_latest() {
        storage::StoredVersion& l = latest();
        if (l.row_id == 0) {
            const AgreementVersion& v = l.version;
            l.row_id = storage::insert_version(impl->db(), rel.id, 1, v, v.created_by, v.created_at,
                                               v.change_note);
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

void require_draft(const storage::StoredVersion& latest, RelationshipId id) {
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

std::size_t index_of(const ops::Decoder& d) {
    std::int64_t i = d.int64("index");
    if (i < 0)
        throw InvalidArgument("a clause index is not negative");
    return static_cast<std::size_t>(i);
}

// --- operations --------------------------------------------------------------------------------

struct EditClause {
    static constexpr const char* kind = "agreement.edit_clause";
    RelationshipId relationship;
    std::size_t index = 0;
    std::string text, title;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string body = detail::require_text(text, "the clause text");
        std::string new_title = detail::optional_text(title, "the clause title", kMaxNameBytes);
        Context c = prepare_write(impl, relationship, by, "edit");
        require_draft(c.latest(), relationship);
        require_index(c.latest().version, index);
        Clause old = c.latest().version.clauses[index];
        std::int64_t row = c.stored_latest();
        std::string kept_title = new_title.empty() ? old.title : new_title;
        storage::update_clause(impl.db(), row, index, body, kept_title);
        // The draft is edited in place; the audit entry keeps the text it replaced.
        impl.audit(by, "edit_clause", "agreement", row,
                   Json()
                       .add("relationship", raw(relationship))
                       .add("version", c.latest().version.number)
                       .add("clause", static_cast<std::int64_t>(index))
                       .add("old_title", old.title)
                       .add("old_text", old.text)
                       .add("title", kept_title)
                       .add("text", body)
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("relationship", e.ref(relationship))
            .add("index", static_cast<std::int64_t>(index))
            .add("text", text)
            .add("title", title)
            .done();
    }
    static EditClause decode(ops::Decoder& d) {
        return {d.ref<RelationshipId>("relationship"), index_of(d), d.text("text"), d.text("title"),
                d.actor_required()};
    }
};

struct AddClause {
    static constexpr const char* kind = "agreement.add_clause";
    RelationshipId relationship;
    Clause clause;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        Clause cl{clause.kind,
                  detail::require_text(clause.title, "the clause title", kMaxNameBytes),
                  detail::require_text(clause.text, "the clause text")};
        if (static_cast<std::size_t>(clause.kind) > static_cast<std::size_t>(ClauseKind::other))
            throw InvalidArgument("unknown clause kind");
        Context c = prepare_write(impl, relationship, by, "edit");
        require_draft(c.latest(), relationship);
        std::size_t index = c.latest().version.clauses.size();
        detail::require_list_size(index + 1, "the agreement's clauses");
        std::int64_t row = c.stored_latest();
        storage::insert_clause(impl.db(), row, index, cl);
        impl.audit(by, "add_clause", "agreement", row,
                   Json()
                       .add("relationship", raw(relationship))
                       .add("version", c.latest().version.number)
                       .add("clause", static_cast<std::int64_t>(index))
                       .add("kind", names::clause.name(cl.kind))
                       .add("title", cl.title)
                       .add("text", cl.text)
                       .str());
        return static_cast<std::int64_t>(index);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("relationship", e.ref(relationship))
            .add("kind", names::clause.name(clause.kind))
            .add("title", clause.title)
            .add("text", clause.text)
            .done();
    }
    static AddClause decode(ops::Decoder& d) {
        return {d.ref<RelationshipId>("relationship"),
                {d.name("kind", names::clause), d.text("title"), d.text("text")},
                d.actor_required()};
    }
};

struct RemoveClause {
    static constexpr const char* kind = "agreement.remove_clause";
    RelationshipId relationship;
    std::size_t index = 0;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        Context c = prepare_write(impl, relationship, by, "edit");
        require_draft(c.latest(), relationship);
        require_index(c.latest().version, index);
        std::vector<Clause> clauses = c.latest().version.clauses;
        Clause old = clauses[index];
        clauses.erase(clauses.begin() + static_cast<std::ptrdiff_t>(index));
        std::int64_t row = c.stored_latest();
        storage::rewrite_clauses(impl.db(), row, clauses);
        impl.audit(by, "remove_clause", "agreement", row,
                   Json()
                       .add("relationship", raw(relationship))
                       .add("version", c.latest().version.number)
                       .add("clause", static_cast<std::int64_t>(index))
                       .add("old_title", old.title)
                       .add("old_text", old.text)
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("relationship", e.ref(relationship))
            .add("index", static_cast<std::int64_t>(index))
            .done();
    }
    static RemoveClause decode(ops::Decoder& d) {
        return {d.ref<RelationshipId>("relationship"), index_of(d), d.actor_required()};
    }
};

struct SetTerms {
    static constexpr const char* kind = "agreement.set_terms";
    RelationshipId relationship;
    AgreementTerms terms;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        if (terms.cadence_days && (*terms.cadence_days <= 0 || *terms.cadence_days > 366))
            throw InvalidArgument("the meeting cadence must be between 1 and 366 days");
        detail::require_date(terms.review_date, "the review date");
        Context c = prepare_write(impl, relationship, by, "edit");
        if (terms.review_date && *terms.review_date < c.rel.start)
            throw InvalidArgument("the review date " + to_string(*terms.review_date) +
                                      " is before the start " + to_string(c.rel.start),
                                  ErrorCode::invalid_date);
        require_draft(c.latest(), relationship);
        std::int64_t row = c.stored_latest();
        storage::update_terms(impl.db(), row, terms);
        const AgreementTerms& old = c.latest().version.terms;
        auto date_or_null = [](const std::optional<Date>& d) {
            return d ? std::optional<std::string>(to_string(*d)) : std::nullopt;
        };
        impl.audit(by, "set_terms", "agreement", row,
                   Json()
                       .add("relationship", raw(relationship))
                       .add("version", c.latest().version.number)
                       .add("old_cadence_days", old.cadence_days)
                       .add("old_review_date", date_or_null(old.review_date))
                       .add("cadence_days", terms.cadence_days)
                       .add("review_date", date_or_null(terms.review_date))
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("relationship", e.ref(relationship))
            .add("cadence_days", terms.cadence_days)
            .add("review_date", e.date(terms.review_date))
            .done();
    }
    static SetTerms decode(ops::Decoder& d) {
        return {d.ref<RelationshipId>("relationship"),
                {d.opt_integer("cadence_days"), d.opt_date("review_date")},
                d.actor_required()};
    }
};

struct Sign {
    static constexpr const char* kind = "agreement.sign";
    RelationshipId relationship;
    int number = 1;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        Context c = prepare_write(impl, relationship, by, "sign");
        const AgreementVersion& latest = c.latest().version;
        if (number < 1 || number > latest.number)
            throw NotFound("the agreement of " + rel_text(relationship) + " has no version " +
                           std::to_string(number));
        if (number < latest.number)
            throw RuleViolation("version " + std::to_string(number) + " of the agreement of " +
                                    rel_text(relationship) + " was replaced by version " +
                                    std::to_string(latest.number) + "; read and sign that one",
                                ErrorCode::stale_version);
        if (latest.signed_by(by))
            throw RuleViolation("person " + std::to_string(raw(by)) + " already signed version " +
                                    std::to_string(number),
                                ErrorCode::already_signed);
        std::int64_t row = c.stored_latest();
        storage::insert_signature(impl.db(), row, by, impl.now());
        PersonId other = by == c.rel.guide ? c.rel.learner : c.rel.guide;
        impl.audit(by, "sign", "agreement", row,
                   Json()
                       .add("relationship", raw(relationship))
                       .add("version", number)
                       .add("in_force", latest.signed_by(other))
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("relationship", e.ref(relationship))
            .add("number", number)
            .done();
    }
    static Sign decode(ops::Decoder& d) {
        return {d.ref<RelationshipId>("relationship"), d.integer("number"), d.actor_required()};
    }
};

struct Amend {
    static constexpr const char* kind = "agreement.amend";
    RelationshipId relationship;
    std::string note;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string clean = detail::optional_text(note, "the change note");
        Context c = prepare_write(impl, relationship, by, "amend");
        const AgreementVersion& latest = c.latest().version;
        if (latest.signatures.empty())
            throw RuleViolation("version " + std::to_string(latest.number) +
                                    " is an unsigned draft; edit it instead of amending",
                                ErrorCode::invalid_transition);
        int number = latest.number + 1;
        std::int64_t row =
            storage::insert_version(impl.db(), relationship, number, latest, by, impl.now(), clean);
        impl.audit(by, "amend", "agreement", row,
                   Json()
                       .add("relationship", raw(relationship))
                       .add("version", number)
                       .add("from_version", latest.number)
                       .add("note", clean)
                       .str());
        return number;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("relationship", e.ref(relationship))
            .add("note", note)
            .done();
    }
    static Amend decode(ops::Decoder& d) {
        return {d.ref<RelationshipId>("relationship"), d.text("note"), d.actor_required()};
    }
};

struct Raise {
    static constexpr const char* kind = "misunderstanding.raise";
    Uid uid;
    RelationshipId relationship;
    PersonId by;
    Date on;
    std::string description;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string text = detail::require_text(description, "the description");
        detail::require_date(on, "the date");
        Relationship r = detail::load_relationship(impl.db(), relationship);
        detail::require_party(r, by, "raise a misunderstanding");
        if (!r.is_open())
            detail::bad_transition(r, "raise a misunderstanding on");
        MisunderstandingId id = storage::insert_misunderstanding(impl.db(), uid, relationship, by,
                                                                 on, text, impl.now());
        impl.audit(by, "raise", "misunderstanding", raw(id),
                   Json().add("relationship", raw(relationship)).add("on", to_string(on)).str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("relationship", e.ref(relationship))
            .add("on", e.date(on))
            .add("description", description)
            .done();
    }
    static Raise decode(ops::Decoder& d) {
        return {d.uid("id"), d.ref<RelationshipId>("relationship"), d.actor_required(),
                d.date("on"), d.text("description")};
    }
};

struct Resolve {
    static constexpr const char* kind = "misunderstanding.resolve";
    MisunderstandingId id;
    PersonId by;
    Date on;
    std::string resolution;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string text = detail::require_text(resolution, "the resolution");
        detail::require_date(on, "the date");
        auto m = storage::find_misunderstanding(impl.db(), id);
        if (!m)
            throw NotFound("misunderstanding " + std::to_string(raw(id)) + " does not exist");
        Relationship r = detail::load_relationship(impl.db(), m->relationship);
        detail::require_party(r, by, "resolve a misunderstanding");
        if (!m->is_open())
            throw RuleViolation("misunderstanding " + std::to_string(raw(id)) +
                                    " is already resolved",
                                ErrorCode::already_resolved);
        if (on < m->raised_on)
            throw InvalidArgument("the resolution date " + to_string(on) +
                                      " is before the misunderstanding was raised (" +
                                      to_string(m->raised_on) + ")",
                                  ErrorCode::invalid_date);
        storage::resolve_misunderstanding(impl.db(), id, by, on, text);
        impl.audit(by, "resolve", "misunderstanding", raw(id),
                   Json().add("relationship", raw(r.id)).add("on", to_string(on)).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("misunderstanding", e.ref(id))
            .add("on", e.date(on))
            .add("resolution", resolution)
            .done();
    }
    static Resolve decode(ops::Decoder& d) {
        return {d.ref<MisunderstandingId>("misunderstanding"), d.actor_required(), d.date("on"),
                d.text("resolution")};
    }
};

} // namespace

namespace ops {
void register_agreements(Registry& r) {
    r.add(EditClause::kind, &handle<EditClause>);
    r.add(AddClause::kind, &handle<AddClause>);
    r.add(RemoveClause::kind, &handle<RemoveClause>);
    r.add(SetTerms::kind, &handle<SetTerms>);
    r.add(Sign::kind, &handle<Sign>);
    r.add(Amend::kind, &handle<Amend>);
    r.add(Raise::kind, &handle<Raise>);
    r.add(Resolve::kind, &handle<Resolve>);
}
} // namespace ops

namespace detail {

std::vector<AgreementVersion> agreement_versions(db::Database& db, const Relationship& r) {
    std::vector<AgreementVersion> out;
    for (storage::StoredVersion& l : load_all(db, r))
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
    ops::run(*m_impl, by, EditClause{id, index, text, title, by});
}

std::size_t Agreements::add_clause(RelationshipId id, const Clause& clause, PersonId by) {
    return static_cast<std::size_t>(ops::run(*m_impl, by, AddClause{id, clause, by}));
}

void Agreements::remove_clause(RelationshipId id, std::size_t index, PersonId by) {
    ops::run(*m_impl, by, RemoveClause{id, index, by});
}

void Agreements::set_terms(RelationshipId id, const AgreementTerms& terms, PersonId by) {
    ops::run(*m_impl, by, SetTerms{id, terms, by});
}

void Agreements::sign(RelationshipId id, int number, PersonId by) {
    ops::run(*m_impl, by, Sign{id, number, by});
}

int Agreements::amend(RelationshipId id, PersonId by, const std::string& change_note) {
    return static_cast<int>(ops::run(*m_impl, by, Amend{id, change_note, by}));
}

MisunderstandingId Agreements::raise_misunderstanding(RelationshipId id, PersonId by, Date on,
                                                      const std::string& description) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return MisunderstandingId{ops::run(*m_impl, by, Raise{uid, id, by, on, description})};
}

void Agreements::resolve_misunderstanding(MisunderstandingId id, PersonId by, Date on,
                                          const std::string& resolution) {
    ops::run(*m_impl, by, Resolve{id, by, on, resolution});
}

std::vector<Misunderstanding> Agreements::misunderstandings(RelationshipId id,
                                                            PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, id, acting, "misunderstanding log");
    return storage::misunderstandings_of(db, id);
}

std::string_view to_string(ClauseKind v) noexcept {
    return names::clause.name(v);
}
std::string_view to_string(AgreementState v) noexcept {
    return names::agreement_state.name(v);
}

} // namespace mentorkit
