#pragma once
// The operations log in SQLite: the operation, device and store_meta tables (schema v8). Every
// statement on them is here; the rest of the core speaks OpRow.

#include "mentorkit/operations.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

/// One row of the operation table.
struct OpRow {
    std::int64_t seq = 0; ///< Assigned by append() (the next position).
    Uid device{};
    std::int64_t hlc = 0;
    int position = 0;
    int batch_size = 1;
    std::optional<Uid> actor{};
    std::optional<std::int64_t> actor_id{}; ///< The actor's local id, when known here.
    std::int64_t at_ms = 0;
    std::string kind{};
    std::string payload{};
    bool refused = false;
    std::string reason{};
    std::optional<int> code{};
    // The audit entry this operation makes (none when action is empty).
    std::optional<std::string> action{}, entity{};
    std::optional<std::int64_t> entity_id{};
    std::optional<std::string> detail{};
    std::string hash{}; ///< 32 bytes, set by append().
};

/// The hash of a row chained to the previous entry's hash (empty for the first entry).
std::string chain_hash(const OpRow& row, const std::string& previous);

/// What a connection knows of the log's newest entry, kept for one epoch of a write
/// transaction (db::Database::epoch): appending a batch then reads no row of the log.
struct LogHead {
    std::uint64_t epoch = ~std::uint64_t{0}; ///< When it was read; another epoch: read again.
    std::int64_t seq = 0, hlc = 0;
    std::string hash{};
    Uid device{}; ///< The device of the newest append, and its number here.
    std::int64_t device_number = 0;
};

/// Appends a row (seq = last + 1, hash chained to the last entry's). With `head`, the newest
/// entry is taken from it when it is current, and it is kept current.
void append(db::Database& db, OpRow& row, LogHead* head = nullptr);
/// The largest HLC in the log (0 for an empty log); `head` as for append.
std::int64_t last_hlc(db::Database& db, LogHead* head = nullptr);
/// Entries in the log.
std::int64_t count(db::Database& db);
/// Entries after `after_seq`, oldest first.
std::vector<OpRow> read(db::Database& db, std::int64_t after_seq, std::int64_t limit);
/// As read, with only what travels with an entry and what became of it (device, hlc, position,
/// batch size, actor, time, kind, payload, refused and why): what a replay applies.
std::vector<OpRow> read_travelling(db::Database& db, std::int64_t after_seq, std::int64_t limit);
/// The newest `n` entries, oldest first, and the hash of the entry before them.
std::pair<std::vector<OpRow>, std::string> newest(db::Database& db, std::int64_t n);
/// Whether the log's entry (device, hlc, position) was refused; nothing when the log does not
/// hold it.
std::optional<bool> refused_entry(db::Database& db, const Uid& device, std::int64_t hlc,
                                  int position);

/// This store's device: the id store_meta holds (made with the log, by schema v8).
Uid local_device(db::Database& db);
/// Reads a blob column as a Uid (16 bytes; StorageError corrupt otherwise).
Uid uid_from_blob(const std::string& bytes);

} // namespace mentorkit::storage
