#pragma once
/// @file audit.hpp
/// The append-only audit log: every change the core makes is recorded in the same transaction
/// as the change (what, which record, who acted, when). Entries cannot be updated or deleted,
/// not even with raw SQL (triggers refuse it).

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

/// Read access to the audit log.
class AuditLog {
public:
    explicit AuditLog(detail::StoreImpl& impl) : m_impl(&impl) {}
    /// Entries matching the filter, oldest first.
    std::vector<AuditEntry> entries(const AuditFilter& filter = {}) const;
    /// Total number of entries.
    std::int64_t count() const;

private:
    detail::StoreImpl* m_impl;
};

} // namespace mentorkit
