#include "storage/audit.hpp"

#include "storage/database.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

namespace {

// The ids of the entries person ?6 may read (audit.hpp "Who reads which entry"). Every branch is
// driven by an index — the person's relationships (relationship_guide, relationship_learner),
// the records of those relationships (their relationship_id indexes) and the entries of each
// record (operation_entity), or operation_actor — so the cost follows what the person may see,
// not the size of the log. CROSS JOIN fixes that order (SQLite keeps it as written). Keep in step
// with the entities written by StoreImpl::audit callers.
#define MK_AUDIT_SEEN                                                                              \
    "WITH mine(id, guide, learner) AS ("                                                           \
    " SELECT id, guide_id, learner_id FROM relationship WHERE guide_id = ?6"                       \
    " UNION ALL SELECT id, guide_id, learner_id FROM relationship WHERE learner_id = ?6"           \
    "  AND guide_id <> ?6), "                                                                      \
    "seen(id) AS ("                                                                                \
    " SELECT id FROM audit_log WHERE actor_id = ?6"                                                \
    " UNION ALL SELECT id FROM audit_log WHERE entity = 'person' AND entity_id = ?6"               \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN audit_log a"                                      \
    "  ON a.entity = 'relationship' AND a.entity_id = mine.id"                                     \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN agreement_version x ON x.relationship_id = "      \
    "mine.id"                                                                                      \
    "  CROSS JOIN audit_log a ON a.entity = 'agreement' AND a.entity_id = x.id"                    \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN misunderstanding x ON x.relationship_id = "       \
    "mine.id"                                                                                      \
    "  CROSS JOIN audit_log a ON a.entity = 'misunderstanding' AND a.entity_id = x.id"             \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN goal x ON x.relationship_id = mine.id"            \
    "  CROSS JOIN audit_log a ON a.entity = 'goal' AND a.entity_id = x.id"                         \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN goal g ON g.relationship_id = mine.id"            \
    "  CROSS JOIN checkin x ON x.goal_id = g.id"                                                   \
    "  CROSS JOIN audit_log a ON a.entity = 'checkin' AND a.entity_id = x.id"                      \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN goal_review x ON x.relationship_id = mine.id"     \
    "  CROSS JOIN audit_log a ON a.entity = 'goal_review' AND a.entity_id = x.id"                  \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN action_item x ON x.relationship_id = mine.id"     \
    "  CROSS JOIN audit_log a ON a.entity = 'action_item' AND a.entity_id = x.id"                  \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN coaching_cycle x ON x.relationship_id = mine.id"  \
    "  CROSS JOIN audit_log a ON a.entity = 'coaching_cycle' AND a.entity_id = x.id"               \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN meeting x ON x.relationship_id = mine.id"         \
    "  CROSS JOIN audit_log a ON a.entity = 'meeting' AND a.entity_id = x.id"                      \
    "  WHERE a.action <> 'rate' OR EXISTS (SELECT 1 FROM meeting_rating r"                         \
    "   WHERE r.meeting_id = x.id AND r.person_id = a.actor_id AND r.visibility = 'pair')"         \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN note x ON x.relationship_id = mine.id"            \
    "  CROSS JOIN audit_log a ON a.entity = 'note' AND a.entity_id = x.id"                         \
    "  WHERE x.visibility = 'pair' OR (x.visibility = 'board' AND (mine.learner = ?6 OR EXISTS"    \
    "   (SELECT 1 FROM board_seat b WHERE b.learner_id = mine.learner AND b.guide_id = ?6)))"      \
    " UNION ALL SELECT a.id FROM office_hours o"                                                   \
    "  CROSS JOIN audit_log a ON a.entity = 'office_hours' AND a.entity_id = o.id WHERE "          \
    "o.guide_id = ?6"                                                                              \
    " UNION ALL SELECT a.id FROM mine CROSS JOIN office_hours o ON o.guide_id = mine.guide"        \
    "  CROSS JOIN office_hours_relationship s ON s.office_hours_id = o.id AND s.relationship_id "  \
    "= mine.id"                                                                                    \
    "  CROSS JOIN audit_log a ON a.entity = 'office_hours' AND a.entity_id = o.id"                 \
    "  WHERE a.action <> 'book' OR json_extract(a.detail, '$.relationship') = mine.id) "

constexpr const char* kEntries =
    MK_AUDIT_SEEN "SELECT id, at, actor_id, action, entity, entity_id, detail FROM audit_log "
                  "WHERE id IN (SELECT id FROM seen) AND id > ?1 AND (?2 IS NULL OR entity = ?2) "
                  "AND (?3 IS NULL OR entity_id = ?3) AND (?4 IS NULL OR actor_id = ?4) "
                  "ORDER BY id LIMIT ?5";

constexpr const char* kCount =
    MK_AUDIT_SEEN "SELECT count(*) FROM audit_log WHERE id IN (SELECT id FROM seen)";

#undef MK_AUDIT_SEEN

} // namespace

std::vector<AuditEntry> audit_entries(db::Database& db, PersonId acting, const AuditFilter& f) {
    db::Use s(db.cached(kEntries));
    s->bind(1, f.after_id);
    s->bind(2, f.entity);
    s->bind(3, f.entity_id);
    if (f.actor)
        s->bind(4, raw(*f.actor));
    s->bind(5, f.limit);
    s->bind(6, raw(acting));
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

std::int64_t audit_count(db::Database& db, PersonId acting) {
    db::Use s(db.cached(kCount));
    s->bind(6, raw(acting));
    s->step();
    return s->get_int(0);
}

std::int64_t audit_total(db::Database& db) {
    db::Use s(db.cached("SELECT count(*) FROM audit_log"));
    s->step();
    return s->get_int(0);
}

} // namespace mentorkit::storage
