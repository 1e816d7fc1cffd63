#pragma once
/// @file agreements.hpp
/// Ground-rule agreements ("lay ground rules", "define the relationship"): versioned clauses,
/// signatures by both parties, and the misunderstanding log.
///
/// Rules:
/// - Every relationship has an agreement. Until someone edits or signs it, version 1 is the
///   model's template filled in for the relationship (not yet stored).
/// - The latest version may be edited while nobody has signed it. Once signed by anyone it is
///   frozen; a change is made by amend(), which creates a new version and resets signatures.
/// - A version is in force when both parties signed it; the in-force version is the latest one
///   signed by both, so an older version stays in force while an amendment awaits signatures.
/// - Versions, signatures and misunderstandings are never deleted or overwritten.

#include "mentorkit/relationships.hpp"
#include "mentorkit/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// What a clause is about (docs/domain.md: the clauses an agreement covers at least).
enum class ClauseKind {
    goals_and_approach,
    communication,
    meeting_cadence,
    setting,
    confidentiality,
    boundaries,
    agenda_ownership,
    duration_and_review,
    ending,
    other,
};

/// One clause of an agreement.
struct Clause {
    ClauseKind kind = ClauseKind::other;
    std::string title{};
    std::string text{};
    bool operator==(const Clause&) const = default;
};

/// Structured terms that other parts of the core read (cadence for meeting health, review
/// date for goal reviews).
struct AgreementTerms {
    std::optional<int> cadence_days{}; ///< Expected days between meetings (1..366).
    std::optional<Date> review_date{}; ///< When the agreement is reviewed.
    bool operator==(const AgreementTerms&) const = default;
};

/// The state of one version.
enum class AgreementState {
    draft,            ///< Latest version, nobody signed: editable.
    partially_signed, ///< Latest version, one party signed: frozen, awaiting the other.
    in_force,         ///< Signed by both, and no later version is signed by both.
    superseded,       ///< Was in force; a later version is now in force.
    replaced,         ///< Never signed by both; a later version replaced it.
};

/// A signature.
struct Signature {
    PersonId person{};
    Timestamp at{};
};

/// One version of an agreement.
struct AgreementVersion {
    RelationshipId relationship{};
    int number = 1;
    std::vector<Clause> clauses{};
    AgreementTerms terms{};
    std::vector<Signature> signatures{};
    AgreementState state = AgreementState::draft;
    std::optional<PersonId> created_by{};
    Timestamp created_at{};
    std::string change_note{};
    bool stored = false; ///< False while version 1 is still the unmodified template.

    /// True when `person` signed this version.
    bool signed_by(PersonId person) const noexcept;
};

/// An entry in the misunderstanding log: raised by a party, open until explicitly resolved.
struct Misunderstanding {
    MisunderstandingId id{};
    RelationshipId relationship{};
    PersonId raised_by{};
    Date raised_on{};
    std::string description{};
    std::optional<std::string> resolution{};
    std::optional<PersonId> resolved_by{};
    std::optional<Date> resolved_on{};
    bool is_open() const noexcept { return !resolution.has_value(); }
};

/// The template a model's agreements start from (clauses with placeholders resolved by the
/// caller's names, and default terms).
struct AgreementTemplate {
    std::vector<Clause> clauses{};
    AgreementTerms terms{};
};
/// The template for a relationship (model defaults, filled with the parties' roles and focus).
AgreementTemplate agreement_template(const Relationship& relationship);

/// Agreements and misunderstandings. Only the two parties of a relationship edit, sign, raise
/// or resolve (PermissionDenied not_a_party otherwise), and only while it is open. Only they
/// read its versions, clauses and misunderstanding log too: every read names the acting person
/// (store.hpp "Who reads what"); anyone else gets PermissionDenied (not_a_party), an unknown
/// person or relationship NotFound. Whether an agreement is in force shows to everyone through
/// Relationships::warnings (agreement_not_in_force, amendment_pending), without its text.
class Agreements {
public:
    explicit Agreements(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// The latest version, for a party (`acting`).
    AgreementVersion current(RelationshipId relationship, PersonId acting) const;
    /// The version in force, if any, for a party (`acting`).
    std::optional<AgreementVersion> in_force(RelationshipId relationship, PersonId acting) const;
    /// Every version, oldest first, for a party (`acting`).
    std::vector<AgreementVersion> versions(RelationshipId relationship, PersonId acting) const;
    /// One version by number, for a party (`acting`); NotFound for a number that does not
    /// exist.
    AgreementVersion version(RelationshipId relationship, int number, PersonId acting) const;

    /// Replaces the text (and title, if not empty) of clause `index` of the draft.
    void edit_clause(RelationshipId relationship, std::size_t index, const std::string& text,
                     PersonId by, const std::string& title = {});
    /// Appends a clause to the draft; returns its index.
    std::size_t add_clause(RelationshipId relationship, const Clause& clause, PersonId by);
    /// Removes a clause from the draft.
    void remove_clause(RelationshipId relationship, std::size_t index, PersonId by);
    /// Replaces the draft's structured terms.
    void set_terms(RelationshipId relationship, const AgreementTerms& terms, PersonId by);

    /// Signs version `number`, which must be the latest (stale_version otherwise).
    void sign(RelationshipId relationship, int number, PersonId by);
    /// Starts a new version from the latest signed (fully or partly) one; signatures reset.
    /// Returns the new version number. Refused while the latest version is an unsigned draft.
    int amend(RelationshipId relationship, PersonId by, const std::string& change_note);

    /// Logs a misunderstanding raised by a party.
    MisunderstandingId raise_misunderstanding(RelationshipId relationship, PersonId by, Date on,
                                              const std::string& description);
    /// Resolves it explicitly with a resolution text (once).
    void resolve_misunderstanding(MisunderstandingId id, PersonId by, Date on,
                                  const std::string& resolution);
    /// The log of a relationship, oldest first, for a party (`acting`).
    std::vector<Misunderstanding> misunderstandings(RelationshipId relationship,
                                                    PersonId acting) const;

private:
    detail::StoreImpl* m_impl;
};

/// Lower-case names ("goals_and_approach", "in_force").
std::string_view to_string(ClauseKind value) noexcept;
std::string_view to_string(AgreementState value) noexcept;

} // namespace mentorkit
