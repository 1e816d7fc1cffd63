#include "mentorkit/audit.hpp"

#include "mentorkit/error.hpp"
#include "store_impl.hpp"

namespace mentorkit {

std::vector<AuditEntry> AuditLog::entries(const AuditFilter& f) const {
    if (f.limit < 1 || f.limit > 100000)
        throw InvalidArgument("the audit page size must be between 1 and 100000");
    db::Use s(m_impl->db().cached(
        "SELECT id, at, actor_id, action, entity, entity_id, detail FROM audit_log "
        "WHERE id > ?1 AND (?2 IS NULL OR entity = ?2) AND (?3 IS NULL OR entity_id = ?3) "
        "AND (?4 IS NULL OR actor_id = ?4) ORDER BY id LIMIT ?5"));
    s->bind(1, f.after_id);
    s->bind(2, f.entity);
    s->bind(3, f.entity_id);
    if (f.actor)
        s->bind(4, raw(*f.actor));
    s->bind(5, f.limit);
    std::vector<AuditEntry> out;
    while (s->step()) {
        AuditEntry e;
        e.id = s->get_int(0);
        e.at = detail::from_millis(s->get_int(1));
        if (auto a = s->get_opt_int(2))
            e.actor = PersonId{*a};
        e.action = s->get_text(3);
        e.entity = s->get_text(4);
        e.entity_id = s->get_int(5);
        e.detail = s->get_text(6);
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t AuditLog::count() const {
    db::Use s(m_impl->db().cached("SELECT count(*) FROM audit_log"));
    s->step();
    return s->get_int(0);
}

} // namespace mentorkit
