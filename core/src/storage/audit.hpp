#pragma once
// The audit log's reads: the entries a person may read (audit.hpp "Who reads which entry"),
// from the audit_log view over the operations log.

#include "mentorkit/audit.hpp"

#include <cstdint>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

std::vector<AuditEntry> audit_entries(db::Database& db, PersonId acting, const AuditFilter& f);
std::int64_t audit_count(db::Database& db, PersonId acting);
/// Every entry, whoever may read it.
std::int64_t audit_total(db::Database& db);

} // namespace mentorkit::storage
