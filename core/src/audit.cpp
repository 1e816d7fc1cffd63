// The audit log: a view of the operations that carry an audit entry; the SQL (and the rule of
// who reads which entry) is storage/audit.cpp.

#include "mentorkit/audit.hpp"

#include "mentorkit/error.hpp"
#include "relationships_impl.hpp"
#include "storage/audit.hpp"
#include "store_impl.hpp"

namespace mentorkit {

std::vector<AuditEntry> AuditLog::entries(PersonId acting, const AuditFilter& f) const {
    if (f.limit < 1 || f.limit > 100000)
        throw InvalidArgument("the audit page size must be between 1 and 100000");
    db::Database& db = m_impl->db();
    detail::require_known_person(db, acting);
    return storage::audit_entries(db, acting, f);
}

std::int64_t AuditLog::count(PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::require_known_person(db, acting);
    return storage::audit_count(db, acting);
}

std::int64_t AuditLog::total() const {
    return storage::audit_total(m_impl->db());
}

} // namespace mentorkit
