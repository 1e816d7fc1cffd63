#include "storage/database.hpp"

#include "mentorkit/error.hpp"
#include "text.hpp"

#include <sqlite3.h>

#include <chrono>

namespace mentorkit::db {

namespace {
ErrorCode code_for(int rc) {
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
        return ErrorCode::not_a_database;
    case SQLITE_READONLY:
        return ErrorCode::read_only;
    case SQLITE_CORRUPT:
        return ErrorCode::corrupt;
    default:
        return ErrorCode::storage;
    }
}

std::int64_t steady_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

Database::Database(const std::string& path, const std::string& vfs) {
    int rc = sqlite3_open_v2(path.c_str(), &m_db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                                 SQLITE_OPEN_EXRESCODE,
                             vfs.empty() ? nullptr : vfs.c_str());
    if (rc != SQLITE_OK) {
        std::string msg = "cannot open database '" + path +
                          "': " + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
        int ext = m_db ? sqlite3_extended_errcode(m_db) : rc;
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw StorageError(msg, code_for(rc), rc & 0xff, ext);
    }
    // SQLite falls back to read-only when the file cannot be opened for writing; reading it in
    // WAL mode would then leave -wal and -shm files behind and fail on the first write.
    if (sqlite3_db_readonly(m_db, "main") == 1) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw StorageError("cannot open database '" + path +
                               "' for writing: the file is read-only (mentorkit writes to every "
                               "store it opens; copy it somewhere writable to read it)",
                           ErrorCode::read_only, SQLITE_READONLY, SQLITE_READONLY);
    }
    sqlite3_extended_result_codes(m_db, 1);
}

void Database::set_busy_timeout(int ms) noexcept {
    m_busy_timeout_ms = ms;
    sqlite3_busy_handler(m_db, ms > 0 ? &Database::on_busy : nullptr, this);
}

int Database::on_busy(void* self, int count) noexcept {
    auto* db = static_cast<Database*>(self);
    std::int64_t now = steady_ns();
    if (count == 0)
        db->m_busy_since_ns = now;
    if (now - db->m_busy_since_ns >= std::int64_t{db->m_busy_timeout_ms} * 1'000'000)
        return 0; // give up: the caller gets SQLITE_BUSY
    // 1, 2, 4 ms, then every 4 ms: another writer's commit is noticed within a few ms.
    int sleep_us = 1000 << (count < 2 ? count : 2);
    sqlite3_sleep((sleep_us + 999) / 1000);
    return 1;
}

Database::~Database() {
    m_cache.clear(); // finalize statements before closing the connection
    sqlite3_close_v2(m_db);
}

void Database::note_failure() noexcept {
    // SQLite rolled the transaction back (the error was one of those that end it): everything
    // written since BEGIN is gone, so the enclosing transaction can only report the failure.
    if (m_depth > 0 && sqlite3_get_autocommit(m_db)) {
        m_aborted = true;
        ++m_epoch;
    }
}

void Database::fail(int rc, std::string_view context) const {
    const_cast<Database*>(this)->note_failure();
    std::string msg(context);
    msg += ": ";
    msg += sqlite3_errmsg(m_db);
    throw StorageError(msg, code_for(rc), rc & 0xff, sqlite3_extended_errcode(m_db));
}

void Database::exec(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        note_failure();
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        std::string_view what(sql);
        throw StorageError("SQL failed (" +
                               std::string(what.substr(0, what.find('\n'))).substr(0, 60) +
                               "): " + msg,
                           code_for(rc), rc & 0xff, sqlite3_extended_errcode(m_db));
    }
}

void Database::exec_waiting(const char* sql) {
    for (int count = 0;; ++count) {
        try {
            exec(sql);
            return;
        } catch (const StorageError& e) {
            if (e.sqlite_code() != SQLITE_BUSY || on_busy(this, count) == 0)
                throw;
        }
    }
}

Statement& Database::cached(const char* sql) {
    auto it = m_cache.find(sql);
    if (it == m_cache.end())
        it = m_cache.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
    else
        it->second->reset_if_busy();
    return *it->second;
}

std::int64_t Database::last_insert_rowid() const noexcept {
    return sqlite3_last_insert_rowid(m_db);
}
int Database::changes() const noexcept {
    return sqlite3_changes(m_db);
}
bool Database::autocommit() const noexcept {
    return sqlite3_get_autocommit(m_db) != 0;
}

Statement::Statement(Database& db, const char* sql) : m_db(db) {
    int rc = sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        db.fail(rc, "cannot prepare statement");
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

void Statement::bind(int index, std::int64_t value) {
    if (int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        m_db.fail(rc, "bind");
}
void Statement::bind(int index, double value) {
    if (int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        m_db.fail(rc, "bind");
}
void Statement::bind(int index, std::string_view value) {
    if (int rc = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
        rc != SQLITE_OK)
        m_db.fail(rc, "bind");
}
void Statement::bind_unowned(int index, std::string_view value) {
    if (int rc = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_STATIC,
                                     SQLITE_UTF8);
        rc != SQLITE_OK)
        m_db.fail(rc, "bind");
}
void Statement::bind_blob(int index, std::string_view bytes) {
    if (int rc = sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        m_db.fail(rc, "bind");
}
void Statement::bind_null(int index) {
    if (int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        m_db.fail(rc, "bind");
}

bool Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt); // as reset() does: an idle statement holds no bindings
    m_db.fail(rc, "statement failed");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset_if_busy() noexcept {
    // Users reset through Use or run(), which clear the bindings too (and a failed step does);
    // this only catches a statement left mid-iteration.
    if (sqlite3_stmt_busy(m_stmt)) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

void Statement::reset() noexcept {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int Statement::type(int col) const {
    return sqlite3_column_type(m_stmt, col);
}
int Statement::columns() const {
    return sqlite3_column_count(m_stmt);
}
std::string Statement::column_name(int col) const {
    const char* n = sqlite3_column_name(m_stmt, col);
    return n ? n : "";
}
bool Statement::is_null(int col) const {
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}
std::int64_t Statement::get_int(int col) const {
    return sqlite3_column_int64(m_stmt, col);
}
double Statement::get_double(int col) const {
    return sqlite3_column_double(m_stmt, col);
}
std::string Statement::get_text(int col) const {
    return std::string(get_view(col));
}
std::string_view Statement::get_view(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    if (!p)
        return {};
    std::string_view text(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)));
    if (std::size_t at = detail::utf8_error(text); at != std::string_view::npos) {
        const char* name = sqlite3_column_name(m_stmt, col);
        throw StorageError(std::string("the file holds text that is not UTF-8 (column '") +
                               (name ? name : "?") + "', byte " + std::to_string(at) +
                               "): it was written by another program; correct it there, or "
                               "through mentorkit by writing the value again",
                           ErrorCode::corrupt);
    }
    return text;
}
std::string Statement::get_bytes(int col) const {
    auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)))
             : std::string();
}
std::optional<std::int64_t> Statement::get_opt_int(int col) const {
    if (is_null(col))
        return std::nullopt;
    return get_int(col);
}
std::optional<std::string> Statement::get_opt_text(int col) const {
    if (is_null(col))
        return std::nullopt;
    return get_text(col);
}

std::int64_t Database::total_changes() const noexcept {
    return sqlite3_total_changes64(m_db);
}

// The transaction statements are prepared once per connection: they run around every change.
Transaction::Transaction(Database& db) : m_db(db), m_nested(db.m_depth > 0) {
    if (m_nested) {
        if (m_db.m_aborted)
            throw StorageError("an earlier change in this transaction failed after writing; "
                               "the transaction can only be rolled back",
                               ErrorCode::transaction_aborted);
        m_changes_at_start = m_db.total_changes();
        ++m_db.m_depth;
        return;
    }
    m_db.cached("BEGIN IMMEDIATE").run();
    m_db.m_aborted = false;
    m_db.m_depth = 1;
    ++m_db.m_epoch;
}

Transaction::~Transaction() {
    if (m_abandoned)
        return;
    --m_db.m_depth;
    if (m_done)
        return;
    if (m_nested) {
        if (m_db.total_changes() != m_changes_at_start) {
            m_db.m_aborted = true;
            ++m_db.m_epoch;
        }
        return;
    }
    // Never throw from a destructor. SQLite may have rolled back already (e.g. on SQLITE_FULL).
    if (!m_db.autocommit())
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    m_db.m_aborted = false;
    ++m_db.m_epoch;
}

void Transaction::commit() {
    if (m_nested) {
        m_done = true;
        return;
    }
    // SQLite may have ended the transaction itself (SQLITE_FULL and the like) without a failed
    // statement reaching us (e.g. inside a callback); committing then would commit nothing.
    if (m_db.m_aborted || m_db.autocommit())
        throw StorageError("an earlier change in this transaction failed after writing; "
                           "nothing was committed",
                           ErrorCode::transaction_aborted);
    m_db.cached("COMMIT").run();
    m_done = true;
    ++m_db.m_epoch;
}

void Transaction::forget_changes() noexcept {
    m_changes_at_start = m_db.total_changes();
}

Savepoint::Savepoint(Database& db) : m_db(db) {
    m_db.cached("SAVEPOINT mk_batch").run();
}

Savepoint::~Savepoint() {
    if (m_done)
        return;
    // Never throws. If SQLite already rolled the whole transaction back, there is nothing left.
    ++m_db.m_epoch;
    if (!m_db.autocommit()) {
        sqlite3_exec(m_db.handle(), "ROLLBACK TO mk_batch", nullptr, nullptr, nullptr);
        sqlite3_exec(m_db.handle(), "RELEASE mk_batch", nullptr, nullptr, nullptr);
    }
}

void Savepoint::release() {
    m_db.cached("RELEASE mk_batch").run();
    m_done = true;
}

std::string journal_mode(Database& db) {
    Statement s(db, "PRAGMA journal_mode");
    return s.step() ? s.get_text(0) : std::string();
}

BulkLoad::BulkLoad(Database& db) : m_db(db) {
    if (db.in_transaction() || journal_mode(db) != "wal")
        return;
    // SQLite answers BUSY at once, without the busy handler, when another connection has the
    // file open; the load then runs in WAL.
    try {
        db.exec("PRAGMA journal_mode = DELETE");
    } catch (const StorageError& e) {
        if (e.sqlite_code() != SQLITE_BUSY)
            throw;
        return;
    }
    m_active = journal_mode(db) == "delete";
}

BulkLoad::~BulkLoad() {
    if (!m_active || m_db.in_transaction())
        return;
    try {
        m_db.exec_waiting("PRAGMA journal_mode = WAL");
    } catch (const Error&) {
        // Another connection holds the file: the next open of the store switches it back.
    }
}

} // namespace mentorkit::db
