#pragma once
// Relationship helpers shared inside the core.

#include "db/database.hpp"
#include "mentorkit/relationships.hpp"

namespace mentorkit::detail {

struct StoreImpl;

/// Throws PermissionDenied(not_a_party) unless `by` is the guide or the learner; the message
/// ends with "... and cannot <action>".
void require_party(const Relationship& r, PersonId by, std::string_view action);
/// Throws RuleViolation(invalid_transition): "cannot <action> relationship N: it is <status>".
[[noreturn]] void bad_transition(const Relationship& r, std::string_view action);
/// The status stored as `text`.
Status parse_status(const std::string& text);
/// Reads one relationship; throws NotFound.
Relationship load_relationship(db::Database& db, RelationshipId id);
/// Appends a lifecycle event and its audit entry.
void record_event(StoreImpl& impl, const Relationship& r, EventKind kind, PersonId by, Date on,
                  const std::optional<std::string>& reason);

} // namespace mentorkit::detail
