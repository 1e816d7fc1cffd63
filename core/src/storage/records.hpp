#pragma once
// Records known by a globally unique id: the tables with a uid column (schema v8), and the
// lookups between a record's local id (the API's handle) and its uid.

#include "mentorkit/operations.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorkit::db {
class Database;
}
namespace mentorkit::ops {
class Value;
}

namespace mentorkit::storage {

/// The tables whose rows operations name by uid.
enum class Table {
    person,
    relationship,
    misunderstanding,
    goal,
    checkin,
    goal_review,
    action_item,
    coaching_cycle,
    note,
    meeting,
    office_hours,
    program,
    program_goal,
    program_standard,
};
inline constexpr int kTables = 14;

/// Records whose uid this connection just read or wrote, both ways (local id to uid, uid to
/// local id), so that an operation naming them again, or the next one, reads nothing. Valid
/// while the connection's epoch stays: the core never deletes a row of these tables, so only a
/// rollback (which moves the epoch) can unmake a record or give its id to another. Bounded and
/// free of allocations per record: two open-addressing tables of fixed size hold up to 8192
/// records; when full, the memo starts over (every entry is dropped at once, by generation).
class RecordMemo {
public:
    const Uid* uid(const db::Database& db, Table t, std::int64_t id) const noexcept;
    std::optional<std::int64_t> id(const db::Database& db, Table t, const Uid& uid) const noexcept;
    void note(const db::Database& db, Table t, std::int64_t id, const Uid& uid);

private:
    struct Slot {
        std::uint64_t generation = 0; // holds a record when equal to m_generation
        std::int64_t id = 0;
        Uid uid{};
        Table table = Table::person;
    };
    static constexpr std::size_t kMaxEntries = 8192;
    static constexpr std::size_t kSlots = 2 * kMaxEntries; // a power of two; at most half full
    bool current(const db::Database& db) const noexcept;
    std::vector<Slot> m_by_id;  // probed from a hash of (table, id)
    std::vector<Slot> m_by_uid; // probed from a hash of (table, uid)
    std::uint64_t m_generation = 0;
    std::uint64_t m_epoch = 0;
    std::size_t m_count = 0;
};

/// Every table that holds state (what a replay rebuilds and verify compares), in an order
/// where each row's references come first.
std::span<const char* const> state_tables() noexcept;

/// The table's SQL name ("person", ...).
std::string_view table_name(Table t) noexcept;

/// A uid as the 16 bytes its BLOB column holds.
inline std::string uid_blob(const Uid& u) {
    return std::string(reinterpret_cast<const char*>(u.bytes.data()), u.bytes.size());
}

/// The uid of a row, or nothing for an unknown id.
std::optional<Uid> uid_of(db::Database& db, Table t, std::int64_t id);
/// The local id of the row with this uid, or nothing.
std::optional<std::int64_t> id_of(db::Database& db, Table t, const Uid& uid);

/// Inserts one row of a migrated file as its import.row operation holds it: `row` is an object
/// of column values (a BLOB as {"$blob": hex}, text that is not UTF-8 as {"$text": hex}).
/// InvalidArgument for a table that holds no state or a malformed row.
void insert_imported_row(db::Database& db, std::string_view table, const ops::Value& row);

/// A digest of every table of state (the rows in storage order, every column), by table name:
/// two stores with the same digests hold the same state.
std::vector<std::pair<std::string, std::string>> state_digests(db::Database& db);

/// For a bulk rebuild of the log inside one transaction (a replay into an empty store): the
/// log's indexes are dropped, and restore() makes them again once every entry is in, sorting
/// once instead of updating three B-trees per entry. Entries appended meanwhile must come in
/// order (the replay checks it); the unique index made at the end checks that none repeats.
/// Without restore() the transaction must roll back (the schema check refuses the file).
class DeferredLogIndexes {
public:
    explicit DeferredLogIndexes(db::Database& db);
    void restore();

private:
    db::Database& m_db;
};

/// The schema v8 step: the operations log (operation, store_meta), a uid on every row of the
/// tables above, the audit log's entries as operations (kind legacy.audit, same ids, actors,
/// times and details), the audit_log table turned into a view over the log, and one
/// import.row operation per row already in the file (the history a replay rebuilds it from).
void upgrade_v8(db::Database& db);

} // namespace mentorkit::storage
