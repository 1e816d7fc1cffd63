#pragma once
// Relationship helpers shared inside the core.

#include "db/database.hpp"
#include "mentorkit/relationships.hpp"

namespace mentorkit::detail {

struct StoreImpl;

/// Reads one relationship; throws NotFound.
Relationship load_relationship(db::Database& db, RelationshipId id);
/// Appends a lifecycle event and its audit entry.
void record_event(StoreImpl& impl, const Relationship& r, EventKind kind, PersonId by, Date on,
                  const std::optional<std::string>& reason);

} // namespace mentorkit::detail
