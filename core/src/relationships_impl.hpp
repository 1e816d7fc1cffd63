#pragma once
// Relationship helpers shared inside the core: the read rule, the party rule, and proposing a
// relationship as one operation of another call's batch (accepting matches).

#include "mentorkit/relationships.hpp"
#include "storage/database.hpp"

namespace mentorkit::ops {
class LocalBatch;
}

namespace mentorkit::detail {

struct StoreImpl;

/// Throws PermissionDenied(not_a_party) unless `by` is the guide or the learner; the message
/// ends with "... and cannot <action>".
void require_party(const Relationship& r, PersonId by, std::string_view action);
/// The read rule for a relationship's content (store.hpp "Who reads what"): passes when `acting`
/// is the guide or the learner. Otherwise throws NotFound("person N does not exist") for an
/// unknown acting person and PermissionDenied(not_a_party) for anyone else: "person N is not a
/// party to relationship R and cannot read its <what>". Reads nothing for a party.
void require_reader(db::Database& db, const Relationship& r, PersonId acting,
                    std::string_view what);
/// Loads the relationship (NotFound) and applies require_reader.
Relationship load_for_reader(db::Database& db, RelationshipId id, PersonId acting,
                             std::string_view what);
/// Throws NotFound("person N does not exist") unless the person exists.
void require_known_person(db::Database& db, PersonId id);
/// Throws RuleViolation(invalid_transition): "cannot <action> relationship N: it is <status>".
[[noreturn]] void bad_transition(const Relationship& r, std::string_view action);
/// The status stored as `text`.
Status parse_status(const std::string& text);
/// Reads one relationship; throws NotFound.
Relationship load_relationship(db::Database& db, RelationshipId id);
/// Adds a relationship.propose operation to `batch` (applied at once); returns the new id.
RelationshipId propose_in(StoreImpl& impl, ops::LocalBatch& batch, const NewRelationship& request);

} // namespace mentorkit::detail
