#pragma once
// RAII over the SQLite C API, private to the core (modelled on SQLiteCpp): Statement prepares in
// its constructor and finalizes in its destructor; Transaction rolls back unless committed and
// never throws from its destructor; every SQLite failure becomes a mentorkit::StorageError.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace mentorkit::db {

class Statement;

/// One SQLite connection plus a cache of prepared statements.
class Database {
public:
    /// Opens (creating if missing) a database file, or ":memory:", through the named SQLite VFS
    /// (empty: the default one). A file SQLite can only open read-only is refused
    /// (StorageError read_only) before anything is read, so no -wal or -shm file is left behind.
    explicit Database(const std::string& path, const std::string& vfs = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs one or more statements that return no rows.
    void exec(const char* sql);
    /// Like exec, retrying while another connection holds a lock, up to the busy timeout: for
    /// statements SQLite does not pass to the busy handler (switching the journal to WAL).
    void exec_waiting(const char* sql);
    /// A prepared statement for this SQL, reused across calls, with no bindings set (hold it
    /// through Use, or finish it with run(), so it is reset for the next caller).
    /// The SQL must be a string literal (the cache is keyed by its address).
    Statement& cached(const char* sql);
    /// The rowid of the last successful INSERT.
    std::int64_t last_insert_rowid() const noexcept;
    /// Rows changed by the last statement.
    int changes() const noexcept;
    /// True when SQLite has no transaction open (it may have rolled one back by itself).
    bool autocommit() const noexcept;
    /// True while a Transaction of this connection is alive (the core's own state, not SQLite's
    /// autocommit flag, which turns true when SQLite rolls back on SQLITE_FULL and the like).
    bool in_transaction() const noexcept { return m_depth > 0; }
    /// True when the open transaction must roll back (see Transaction).
    bool aborted() const noexcept { return m_aborted; }
    /// Throws StorageError built from the connection's current error state.
    [[noreturn]] void fail(int rc, std::string_view context) const;
    /// The raw handle (for the raw-SQLite baseline in benchmarks and for pragmas).
    sqlite3* handle() const noexcept { return m_db; }
    /// Changes whenever what this connection may remember about the file can have changed: a
    /// transaction begins or ends, or part of one is rolled back. Within one epoch of an open
    /// write transaction nothing else writes the file, so what was read or written in it holds.
    std::uint64_t epoch() const noexcept { return m_epoch; }
    /// Starts a new epoch inside the open transaction: after the rows a connection knew were
    /// removed and made again (a rewind of the state, storage/records.hpp), nothing read before
    /// may be trusted.
    void forget_reads() noexcept { ++m_epoch; }
    /// While set, the local ids that rows re-made by a rewind take: called with a table's name
    /// and the row's key (its uid's bytes), it names the id, or nothing for SQLite's own choice.
    std::function<std::optional<std::int64_t>(std::string_view table, std::string_view key)>
        id_plan{};
    /// Rows changed since the connection opened (including by triggers).
    std::int64_t total_changes() const noexcept;
    /// Waits up to `ms` for another connection's lock, polling every few milliseconds (SQLite's
    /// own handler sleeps up to 100 ms between tries, which lets a busy writer starve others).
    void set_busy_timeout(int ms) noexcept;

private:
    friend class Transaction;
    friend class Savepoint;
    /// Marks the open transaction aborted when SQLite rolled it back by itself.
    void note_failure() noexcept;
    static int on_busy(void* self, int count) noexcept;

    sqlite3* m_db = nullptr;
    int m_depth = 0; // live Transactions (1 = the outermost one)
    int m_busy_timeout_ms = 0;
    std::int64_t m_busy_since_ns = 0; // steady clock when the current wait began
    bool m_aborted = false;           // the open transaction must roll back (see Transaction)
    std::uint64_t m_epoch = 0;        // see epoch()
    std::unordered_map<const char*, std::unique_ptr<Statement>> m_cache;
};

/// A prepared statement. Bind with 1-based indexes, step, read columns with 0-based indexes.
class Statement {
public:
    Statement(Database& db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
    void bind(int index, double value);
    void bind(int index, std::string_view value);
    void bind(int index, const char* value) { bind(index, std::string_view(value)); }
    void bind(int index, const std::string& value) { bind(index, std::string_view(value)); }
    void bind_null(int index);
    /// Binds bytes as a BLOB (ids, hashes).
    void bind_blob(int index, std::string_view bytes);
    /// Binds text without copying it: the bytes must stay unchanged until the statement is
    /// reset (for large values written once, such as a log entry's payload).
    void bind_unowned(int index, std::string_view value);
    template <typename T>
    void bind(int index, const std::optional<T>& value) {
        if (value)
            bind(index, *value);
        else
            bind_null(index);
    }

    /// Advances; true while a row is available, false when done.
    bool step();
    /// Steps a statement that must not return rows.
    void run();
    /// Resets for re-execution and clears bindings.
    void reset() noexcept;
    /// Resets and clears bindings only if the statement was left mid-iteration (an idle one
    /// holds none: reset() and a failed step clear them).
    void reset_if_busy() noexcept;

    bool is_null(int col) const;
    /// The column's storage class: 1 integer, 2 real, 3 text, 4 blob, 5 null (SQLite's codes).
    int type(int col) const;
    /// Number of columns of the result.
    int columns() const;
    /// The name of a result column.
    std::string column_name(int col) const;
    std::int64_t get_int(int col) const;
    double get_double(int col) const;
    /// Text as stored; StorageError(corrupt) when it is not UTF-8 (written by another program),
    /// so that no binding ever sees bytes it cannot decode.
    std::string get_text(int col) const;
    /// get_text without a copy: valid until the statement steps or resets again.
    std::string_view get_view(int col) const;
    /// The column's bytes as they are, unchecked (for the schema check and raw payloads).
    std::string get_bytes(int col) const;
    std::optional<std::int64_t> get_opt_int(int col) const;
    std::optional<std::string> get_opt_text(int col) const;

private:
    Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// Resets a (cached) statement when leaving scope, so an early return or exception never leaves
/// it mid-iteration for the next user.
class Use {
public:
    explicit Use(Statement& s) noexcept : m_s(s) {}
    ~Use() { m_s.reset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    Statement* operator->() noexcept { return &m_s; }
    Statement& operator*() noexcept { return m_s; }

private:
    Statement& m_s;
};

/// A write transaction: BEGIN IMMEDIATE at the outermost level; nested ones join the outer one,
/// so store operations compose inside a caller's transaction. Rolls back unless commit() is
/// called.
///
/// A nested transaction that ends without commit after it wrote rows cannot undo just its own
/// part (savepoints would, at a measured 30% cost on every call): it aborts the enclosing
/// transaction instead. Every later write in it is refused and its commit rolls everything back
/// (the way PostgreSQL treats an error inside a transaction). A nested call refused before it
/// wrote anything leaves the enclosing transaction usable.
///
/// Whether a transaction is open is the connection's own count of live Transactions, never
/// SQLite's autocommit flag: on SQLITE_FULL, IOERR, NOMEM, INTERRUPT and some BUSY errors SQLite
/// rolls the whole transaction back by itself, and a later call must then fail with
/// transaction_aborted instead of starting (and committing) a transaction of its own.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    /// Makes the changes durable (or releases the savepoint into the enclosing transaction).
    void commit();
    /// Forgets the transaction without touching the connection (after it was closed).
    void abandon() noexcept { m_abandoned = true; }
    /// A nested transaction whose own changes a Savepoint rolled back wrote nothing after all:
    /// ending it without commit must not abort the enclosing one.
    void forget_changes() noexcept;

private:
    Database& m_db;
    bool m_nested;
    bool m_done = false;
    bool m_abandoned = false;
    std::int64_t m_changes_at_start = 0;
};

/// A savepoint inside the open transaction: rolled back (to where it began) unless released, so
/// a batch of several operations refused halfway leaves the enclosing transaction as it was.
class Savepoint {
public:
    explicit Savepoint(Database& db);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void release();

private:
    Database& m_db;
    bool m_done = false;
};

/// A bulk load into an empty file: while it lives, the connection writes through a rollback
/// journal instead of the WAL, so every page reaches the file once instead of twice (into the
/// WAL, then into the file at the checkpoint). A rebuild of a million operations writes about a
/// gigabyte less. A new file's pages have no old content, so the journal stays small; a crash
/// or a fault leaves a hot journal that the next open rolls back, as SQLite always does.
///
/// Taken only when it is safe and cheap: a file in WAL mode, no transaction open, and no other
/// connection on the file (switching needs the file alone; with another one there it stays in
/// WAL and the load is just slower). Create it before the load's Transaction, so the
/// transaction ends first; it switches back to WAL when it goes (if another connection holds
/// the file then, the next open of the store switches, as every open does).
class BulkLoad {
public:
    explicit BulkLoad(Database& db);
    ~BulkLoad();
    BulkLoad(const BulkLoad&) = delete;
    BulkLoad& operator=(const BulkLoad&) = delete;
    /// True when the connection writes through the rollback journal.
    bool active() const noexcept { return m_active; }

private:
    Database& m_db;
    bool m_active = false;
};

/// The connection's journal mode, as SQLite names it ("wal", "delete", "memory", ...).
std::string journal_mode(Database& db);

} // namespace mentorkit::db
