#include "storage/rewind.hpp"

#include "mentorkit/error.hpp"
#include "storage/oplog.hpp"
#include "storage/records.hpp"

#include <vector>

namespace mentorkit::storage {

std::optional<std::int64_t> IdPlan::id_for(std::string_view table, std::string_view key) {
    auto next = m_next.find(table);
    if (next == m_next.end())
        return std::nullopt; // a table whose ids the API does not hand out
    std::string k(table);
    k += '\x1f';
    k += key;
    auto it = m_ids.find(k);
    if (it != m_ids.end())
        return it->second;
    return next->second++;
}

std::string version_key(std::int64_t relationship_id, int number) {
    return std::to_string(relationship_id) + '/' + std::to_string(number);
}

IdPlan plan_ids(db::Database& db) {
    IdPlan plan;
    auto add_table = [&](const std::string& table, const std::string& select) {
        std::int64_t max = 0;
        db::Statement s(db, select.c_str());
        while (s.step()) {
            std::int64_t id = s.get_int(1);
            plan.m_ids.emplace(table + '\x1f' + s.get_bytes(0), id);
            max = std::max(max, id);
        }
        plan.m_next[table] = max + 1;
    };
    for (int t = 0; t < kTables; ++t) {
        std::string table(table_name(static_cast<Table>(t)));
        add_table(table, "SELECT uid, id FROM " + table);
    }
    add_table("agreement_version",
              "SELECT relationship_id || '/' || number, id FROM agreement_version");
    return plan;
}

bool ids_planned(db::Database& db) {
    db::Use s(db.cached("SELECT 1 FROM store_meta WHERE key = 'ids'"));
    return s->step();
}

void mark_ids_planned(db::Database& db) {
    if (ids_planned(db))
        return;
    db::Use s(db.cached("INSERT INTO store_meta (key, value) VALUES ('ids', X'01')"));
    s->run();
}

std::optional<std::int64_t> first_after(db::Database& db, std::int64_t hlc, const Uid& device) {
    db::Use s(db.cached("SELECT min(o.seq) FROM operation o JOIN device d ON d.id = o.device "
                        "WHERE o.hlc > ?1 OR (o.hlc = ?1 AND d.uid > ?2)"));
    s->bind(1, hlc);
    s->bind_blob(2, uid_blob(device));
    s->step();
    return s->get_opt_int(0);
}

std::optional<std::pair<std::int64_t, Uid>> newest_order(db::Database& db) {
    db::Use s(db.cached("SELECT o.hlc, d.uid FROM operation o JOIN device d ON d.id = o.device "
                        "ORDER BY o.seq DESC LIMIT 1"));
    if (!s->step())
        return std::nullopt;
    return std::pair(s->get_int(0), uid_from_blob(s->get_bytes(1)));
}

namespace {

struct SchemaObject {
    std::string type, sql;
};

// The CREATE statements of a table and of its indexes and triggers, table first.
std::vector<SchemaObject> objects_of(db::Database& db, const char* table) {
    std::vector<SchemaObject> out;
    db::Use s(db.cached("SELECT type, sql FROM sqlite_schema WHERE tbl_name = ?1 AND sql IS NOT "
                        "NULL ORDER BY type = 'table' DESC, type = 'index' DESC, rowid"));
    s->bind(1, table);
    while (s->step())
        out.push_back({s->get_text(0), s->get_text(1)});
    if (out.empty() || out.front().type != "table")
        throw StorageError(std::string("the store has no table ") + table, ErrorCode::tampered);
    return out;
}

} // namespace

void clear_state(db::Database& db) {
    auto tables = state_tables();
    std::vector<std::vector<SchemaObject>> objects;
    for (const char* t : tables)
        objects.push_back(objects_of(db, t));
    // References first when making, last when dropping: no foreign key is ever left dangling.
    for (std::size_t i = tables.size(); i-- > 0;)
        db.exec(("DROP TABLE " + std::string(tables[i])).c_str());
    for (const auto& list : objects)
        db.exec(list.front().sql.c_str());
    for (const auto& list : objects)
        for (std::size_t i = 1; i < list.size(); ++i)
            db.exec(list[i].sql.c_str());
    db.forget_reads();
}

void truncate_log(db::Database& db, std::int64_t seq) {
    std::string guard;
    {
        db::Use s(db.cached("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = "
                            "'operation_no_delete'"));
        if (!s->step())
            throw StorageError("the operations log lost its guard against deletion",
                               ErrorCode::tampered);
        guard = s->get_text(0);
    }
    db.exec("DROP TRIGGER operation_no_delete");
    {
        db::Statement s(db, "DELETE FROM operation WHERE seq >= ?1");
        s.bind(1, seq);
        s.run();
    }
    db.exec(guard.c_str());
    db.forget_reads();
}

} // namespace mentorkit::storage
