#pragma once
/// @file audit.hpp
/// The append-only audit log: every change the core makes is recorded in the same transaction
/// as the change (what, which record, who acted, when). Entries cannot be updated or deleted,
/// not even with raw SQL (triggers refuse it). Payloads (`detail`) never hold private text: no
/// note, check-in note, agenda item, place, link, rating or rating comment.
///
/// ## Who reads which entry
/// The log is read through an acting person (store.hpp "Who reads what"). An entry is visible
/// to person P when
/// - P is its actor; or
/// - it concerns P's person record (entity "person", entity_id P); or
/// - it concerns a relationship P is a party to (entity "relationship"), or a record of such a
///   relationship: an agreement version, a misunderstanding, a goal, a check-in, a goal review,
///   an action item, a coaching cycle, a meeting — except another party's rating that is
///   private to its author — or a note P may read (pair notes, and board notes when P is the
///   learner or a guide on the learner's board; private notes only to their author, as actor);
///   or
/// - it concerns office hours P holds (entity "office_hours" of P's slot), or a slot serving a
///   relationship P is a party to — its changes, and the bookings made for that relationship.
/// Nothing else: not the learner's supervisor, another guide of the same learner or a stranger.
/// Entries with no actor that concern no person or relationship (a maintenance rebuild) are
/// visible to nobody through entries(); total() still counts them.

#include "mentorkit/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// One audit entry.
struct AuditEntry {
    std::int64_t id = 0;             ///< Increasing sequence number.
    Timestamp at{};                  ///< When, by the store's clock.
    std::optional<PersonId> actor{}; ///< Who acted; empty for an administrator/importer.
    std::string action{};            ///< e.g. "create", "sign", "withdraw".
    std::string entity{};            ///< e.g. "person", "relationship", "agreement".
    std::int64_t entity_id = 0;      ///< The record's id.
    std::string detail{};            ///< JSON object with the change's particulars.
};

/// Filter for AuditLog::entries.
struct AuditFilter {
    std::optional<std::string> entity{};
    std::optional<std::int64_t> entity_id{};
    std::optional<PersonId> actor{};
    std::int64_t after_id = 0; ///< Only entries with a larger id (for paging).
    std::int64_t limit = 1000; ///< At most this many (1..100000).
};

/// Read access to the audit log, through an acting person (see "Who reads which entry").
class AuditLog {
public:
    explicit AuditLog(detail::StoreImpl& impl) : m_impl(&impl) {}
    /// The entries `acting` may see that match the filter, oldest first. NotFound for an
    /// unknown person; InvalidArgument for a limit outside 1..100000.
    std::vector<AuditEntry> entries(PersonId acting, const AuditFilter& filter = {}) const;
    /// How many entries `acting` may see. NotFound for an unknown person.
    std::int64_t count(PersonId acting) const;
    /// How many entries the whole log holds: a single figure, no entry, no payload (for
    /// maintenance, and to check that a refused call wrote nothing).
    std::int64_t total() const;

private:
    detail::StoreImpl* m_impl;
};

} // namespace mentorkit
