#pragma once
// Making the state again when a batch arrives older than the newest one the log holds
// (docs/sync.md "One order, whatever the arrival"): the rows of state are removed and re-made by
// applying the log again, in order, with the new batch at its place. Every statement of it is
// here. It runs inside one write transaction, so a fault leaves the store as it was.

#include "mentorkit/operations.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace mentorkit::storage {

/// The local ids (the API's handles) of every record that exists, so that a record keeps its id
/// when the state is made again; a record new to the store gets an id after all of them.
class IdPlan {
public:
    /// The id a re-made row of `table` with this key takes (tables whose ids the API hands out:
    /// those with a uid, keyed by its bytes, and agreement versions, keyed by version_key).
    std::optional<std::int64_t> id_for(std::string_view table, std::string_view key);

private:
    friend IdPlan plan_ids(db::Database& db);
    std::map<std::string, std::int64_t> m_ids;               // "table \x1f key"
    std::map<std::string, std::int64_t, std::less<>> m_next; // per table: the next new id
};

/// The ids of every record of the store now.
IdPlan plan_ids(db::Database& db);

/// Gives rows being inserted on `db` the ids of `plan` while it lives.
class PlannedIds {
public:
    PlannedIds(db::Database& db, IdPlan plan) : m_db(db), m_plan(std::move(plan)) {
        m_db.id_plan = [this](std::string_view table, std::string_view key) {
            return m_plan.id_for(table, key);
        };
    }
    ~PlannedIds() { m_db.id_plan = nullptr; }
    PlannedIds(const PlannedIds&) = delete;
    PlannedIds& operator=(const PlannedIds&) = delete;

private:
    db::Database& m_db;
    IdPlan m_plan;
};

/// True once a rewind gave records ids out of the order of the log (store_meta "ids"): a
/// replay of the log must then take the ids from the store (plan_ids) to give the same rows.
bool ids_planned(db::Database& db);
/// Records that it did (once; inside the caller's transaction).
void mark_ids_planned(db::Database& db);

/// The key of an agreement version in an IdPlan: its relationship and number.
std::string version_key(std::int64_t relationship_id, int number);

/// The id a row being inserted takes: the connection's plan during a rewind, else nothing
/// (SQLite's choice).
inline std::optional<std::int64_t> planned_id(db::Database& db, std::string_view table,
                                              std::string_view key) {
    if (!db.id_plan)
        return std::nullopt;
    return db.id_plan(table, key);
}

/// The first entry of the log that comes after (hlc, device) in the order of operations, or
/// nothing when every entry comes before.
std::optional<std::int64_t> first_after(db::Database& db, std::int64_t hlc, const Uid& device);
/// The (hlc, device) of the newest entry, or nothing for an empty log.
std::optional<std::pair<std::int64_t, Uid>> newest_order(db::Database& db);

/// Removes every row of state: each table of state is dropped and made again as the schema
/// has it (its indexes and triggers too), inside the caller's transaction.
void clear_state(db::Database& db);
/// Removes the log's entries from `seq` on, to append them again in their new order (the
/// guard against deleting entries is lifted for this statement only, inside the transaction).
void truncate_log(db::Database& db, std::int64_t seq);

} // namespace mentorkit::storage
