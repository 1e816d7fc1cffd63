#include "mentorkit/store.hpp"

#include "mentorkit/error.hpp"
#include "mentorkit/identity.hpp"
#include "mentorkit/limits.hpp"
#include "ops/ids.hpp"
#include "ops/json.hpp"
#include "ops/registry.hpp"
#include "storage/identity.hpp"
#include "storage/oplog.hpp"
#include "storage/people.hpp"
#include "storage/records.hpp"
#include "storage/schema.hpp"
#include "store_impl.hpp"
#include "text.hpp"

#include <sqlite3.h>

namespace mentorkit {

namespace detail {

db::Database& StoreImpl::db() const {
    if (!database)
        throw StorageError("the store is closed", ErrorCode::closed);
    return *database;
}

Timestamp StoreImpl::now() const {
    // While an operation applies, its own time is "now" (a replay decides as it was decided).
    if (applying)
        return applying->at;
    if (clock) {
        // A clock set by a host or a test still has to give an instant the store can keep.
        Timestamp at = clock();
        require_instant(at, "the store's clock");
        return at;
    }
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

Date StoreImpl::today() const {
    return day_of(now());
}

void StoreImpl::audit(std::optional<PersonId> actor, std::string_view action,
                      std::string_view entity, std::int64_t entity_id, const std::string& detail) {
    if (applying) {
        // The entry's actor is the operation's (the audit log is a view of the log).
        if (actor != applying->actor)
            throw StorageError("internal error: an audit entry (" + std::string(action) +
                               ") names another actor than its operation");
        if (applying->action)
            throw StorageError("internal error: one operation made two audit entries (" +
                               *applying->action + ", " + std::string(action) + ")");
        applying->action = std::string(action);
        applying->entity = std::string(entity);
        applying->entity_id = entity_id;
        applying->detail = detail;
        return;
    }
    // Every change is an operation: an audit entry outside one would be history with no
    // operation behind it (it could not be replayed or synced).
    throw StorageError("internal error: an audit entry (" + std::string(action) + " " +
                       std::string(entity) + ") was made outside an operation");
}

void StoreImpl::require_person(PersonId id, std::string_view role) {
    if (!uid_of(storage::Table::person, raw(id)))
        throw NotFound(std::string(role) + " " + std::to_string(raw(id)) + " does not exist");
}

std::optional<PersonId> StoreImpl::acting(std::optional<PersonId> actor) {
    if (!owner)
        return actor;
    auto name = [&] {
        auto p = storage::find_person(db(), *owner);
        return p ? p->name : "person " + std::to_string(raw(*owner));
    };
    if (!key)
        throw PermissionDenied("this personal store was opened without " + name() +
                                   "'s key, so it cannot change; open it with the key",
                               ErrorCode::key_required);
    if (!actor)
        throw PermissionDenied("this is " + name() + "'s personal store: every change is " +
                                   name() + "'s; name them as the acting person",
                               ErrorCode::not_owner);
    if (*actor != *owner)
        throw PermissionDenied("this is " + name() + "'s personal store: it acts as " + name() +
                                   " only, not as person " + std::to_string(raw(*actor)),
                               ErrorCode::not_owner);
    return actor;
}

std::optional<Uid> StoreImpl::uid_of(storage::Table t, std::int64_t id) {
    if (const Uid* u = known.uid(db(), t, id))
        return *u;
    auto u = storage::uid_of(db(), t, id);
    if (u)
        known.note(db(), t, id, *u);
    return u;
}

std::optional<std::int64_t> StoreImpl::id_of(storage::Table t, const Uid& uid) {
    if (auto id = known.id(db(), t, uid))
        return id;
    auto id = storage::id_of(db(), t, uid);
    if (id)
        known.note(db(), t, *id, uid);
    return id;
}

std::string trim(std::string_view text) {
    constexpr std::string_view ws = " \t\n\r\f\v";
    auto b = text.find_first_not_of(ws);
    if (b == std::string_view::npos)
        return {};
    auto e = text.find_last_not_of(ws);
    return std::string(text.substr(b, e - b + 1));
}

void require_utf8(std::string_view text, std::string_view what, std::size_t max_bytes) {
    if (text.size() > max_bytes)
        throw InvalidArgument(std::string(what) + " is too long: " + std::to_string(text.size()) +
                              " bytes, at most " + std::to_string(max_bytes) +
                              " bytes of UTF-8 are kept");
    if (std::size_t at = utf8_error(text); at != std::string_view::npos)
        throw InvalidArgument(std::string(what) + " is not valid UTF-8 text (byte " +
                              std::to_string(at) + " starts no UTF-8 character)");
    if (text.find('\0') != std::string_view::npos)
        throw InvalidArgument(std::string(what) + " contains a NUL character (U+0000)");
}

std::string optional_text(std::string_view text, std::string_view what, std::size_t max_bytes) {
    require_utf8(text, what, max_bytes);
    return trim(text);
}

std::optional<std::string> optional_reason(std::string_view text, std::string_view what) {
    std::string t = optional_text(text, what, kMaxTextBytes);
    if (t.empty())
        return std::nullopt;
    return t;
}

void require_not_before(Date on, Date earliest, std::string_view what,
                        std::string_view earliest_what) {
    if (on < earliest)
        throw InvalidArgument(std::string(what) + " " + to_string(on) + " is before " +
                                  std::string(earliest_what) + " (" + to_string(earliest) + ")",
                              ErrorCode::invalid_date);
}

void require_not_future(Date on, Date today, std::string_view what) {
    if (on > today)
        throw InvalidArgument(std::string(what) + " " + to_string(on) +
                                  " is in the future (today is " + to_string(today) + ")",
                              ErrorCode::invalid_date);
}

std::string require_text(std::string_view text, std::string_view what, std::size_t max_bytes) {
    require_utf8(text, what, max_bytes);
    std::string t = trim(text);
    if (t.empty())
        throw InvalidArgument(std::string(what) + " must not be empty", ErrorCode::empty_text);
    return t;
}

void Json::key(std::string_view k) {
    if (m_text.size() > 1)
        m_text += ',';
    quoted(k);
    m_text += ':';
}

void Json::quoted(std::string_view s) {
    ops::append_quoted(m_text, s);
}

Json& Json::add(std::string_view k, std::string_view value) {
    key(k);
    quoted(value);
    return *this;
}
Json& Json::add(std::string_view k, std::int64_t value) {
    key(k);
    m_text += std::to_string(value);
    return *this;
}
Json& Json::add(std::string_view k, bool value) {
    key(k);
    m_text += value ? "true" : "false";
    return *this;
}
Json& Json::add_null(std::string_view k) {
    key(k);
    m_text += "null";
    return *this;
}

} // namespace detail

Store::Store(std::unique_ptr<detail::StoreImpl> impl) : m_impl(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

namespace {

// How many of the newest log entries every open re-hashes.
constexpr std::int64_t kVerifyOnOpen = 32;

void check_options(const StoreOptions& options) {
    if (options.busy_timeout_ms < 0)
        throw InvalidArgument("busy_timeout_ms must not be negative");
    if (options.cache_mib < 1 || options.cache_mib > 65536)
        throw InvalidArgument("cache_mib must be between 1 and 65536");
}

void check_path(const std::filesystem::path& path) {
    if (path.empty())
        throw InvalidArgument("the database path is empty");
    if (path.string().find('\0') != std::string::npos)
        throw InvalidArgument("the database path contains a NUL byte");
}

// Opens the connection and applies the settings every store runs with; the schema is checked
// (read-only) before the first write, which makes the file WAL.
std::unique_ptr<db::Database> connect(const std::string& name, const StoreOptions& options) {
    auto db = std::make_unique<db::Database>(name, options.vfs);
    db->set_busy_timeout(options.busy_timeout_ms);
    db->exec("PRAGMA foreign_keys = ON");
    detail::check_openable(*db); // refuses foreign or newer files before anything is written
    // Switching to WAL takes an exclusive lock without asking the busy handler; processes
    // opening a new file at once would get SQLITE_BUSY.
    db->exec_waiting("PRAGMA journal_mode = WAL");
    db->exec(options.durable_commits ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    // Sorts, statement journals and temporary indexes stay in memory: they are small (bounded
    // by one change), and a phone's temporary directory is not to be relied on.
    db->exec("PRAGMA temp_store = MEMORY");
    // A negative cache_size is in KiB; the value is an integer validated above.
    db->exec(("PRAGMA cache_size = -" + std::to_string(options.cache_mib * 1024)).c_str());
    detail::migrate(*db);
    return db;
}

std::unique_ptr<detail::StoreImpl>
open_impl(const std::string& name, const std::filesystem::path& path, const StoreOptions& options) {
    check_options(options);
    auto impl = std::make_unique<detail::StoreImpl>();
    impl->path = path;
    impl->database = connect(name, options);
    detail::verify_schema(*impl->database);
    impl->device = storage::local_device(*impl->database);
    if (auto owner = storage::read_owner(*impl->database)) {
        auto id = impl->id_of(storage::Table::person, owner->person);
        if (!id)
            throw StorageError("the personal store's owner is not a person of the store",
                               ErrorCode::corrupt);
        impl->owner = PersonId{*id};
        impl->owner_key = owner->key;
        if (options.key && options.key->public_key() != owner->key)
            throw InvalidArgument("this is not the key of this personal store (its key's "
                                  "fingerprint is " +
                                      owner->key.fingerprint() + ")",
                                  ErrorCode::wrong_key);
        impl->key = options.key;
    } else if (options.key) {
        throw InvalidArgument("a key was given for a shared file, which has no owner",
                              ErrorCode::wrong_key);
    }
    // The cheap check: the newest entries of the log still chain (Operations::verify checks all).
    if (VerifyReport v = impl->operations.verify_newest(kVerifyOnOpen); !v.ok())
        throw StorageError("the operations log was altered at entry " +
                               std::to_string(*v.first_broken) + " (" + v.problem +
                               "); `mentorkit verify FILE` checks the whole log",
                           ErrorCode::tampered);
    return impl;
}
} // namespace

Store Store::open(const std::filesystem::path& path, const StoreOptions& options) {
    check_path(path);
    if (path == ":memory:")
        return open_memory();
    // A path such as "file:x" would be read as a URI only with SQLITE_OPEN_URI, which is not
    // set, so every path names a file.
    return Store(open_impl(path.string(), path, options));
}

RepairReport Store::repair(const std::filesystem::path& path, const StoreOptions& options) {
    check_path(path);
    check_options(options);
    if (path == ":memory:")
        throw InvalidArgument("an in-memory store has nothing to repair");
    if (!std::filesystem::exists(path))
        throw NotFound("there is no file '" + path.string() + "' to repair");
    auto db = connect(path.string(), options);
    RepairReport report;
    db::Transaction tx(*db);
    report.actions = detail::repair_schema(*db);
    if (!report.actions.empty()) {
        // The repair itself is history: an entry with no actor, counted by AuditLog::total().
        std::string list;
        for (const std::string& a : report.actions)
            list += (list.empty() ? "" : "; ") + a;
        ops::record_repair(
            *db, list,
            detail::to_millis(std::chrono::time_point_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now())));
    }
    tx.commit();
    return report;
}

VerifyReport Store::verify(const std::filesystem::path& path, const StoreOptions& options) {
    check_path(path);
    check_options(options);
    if (path == ":memory:")
        throw InvalidArgument("an in-memory store has no file to verify");
    if (!std::filesystem::exists(path))
        throw NotFound("there is no file '" + path.string() + "' to verify");
    detail::StoreImpl impl;
    impl.path = path;
    impl.database = connect(path.string(), options);
    VerifyReport report = impl.operations.verify();
    if (!report.ok())
        return report;
    // The state must be what the log gives.
    Store replayed = Store::open_memory();
    impl.operations.replay_into(replayed);
    auto mine = storage::state_digests(*impl.database);
    auto theirs = storage::state_digests(replayed.m_impl->db());
    for (std::size_t i = 0; i < mine.size(); ++i)
        if (mine[i] != theirs[i])
            report.state_differs.push_back(mine[i].first);
    return report;
}

Store Store::create_personal(const std::filesystem::path& path, const NewPerson& owner,
                             std::shared_ptr<const SigningKey> key, const StoreOptions& options) {
    check_path(path);
    if (path == ":memory:")
        throw InvalidArgument("a personal store is a file");
    if (!key)
        throw InvalidArgument("a personal store needs its owner's key");
    if (owner.supervisor)
        throw InvalidArgument("a new personal store holds nobody but its owner: no supervisor");
    std::error_code ec;
    if (std::filesystem::exists(path, ec) || ec)
        throw InvalidArgument("'" + path.string() +
                              "' already exists; a personal store is made in a new file");
    StoreOptions shared = options;
    shared.key.reset();
    auto impl = open_impl(path.string(), path, shared);
    try {
        db::Transaction tx(impl->db());
        PersonId id = detail::create_owner(*impl, owner, key->public_key());
        storage::write_owner(impl->db(),
                             {*impl->uid_of(storage::Table::person, raw(id)), key->public_key()});
        tx.commit();
        impl->owner = id;
        impl->owner_key = key->public_key();
        impl->key = std::move(key);
    } catch (...) {
        // Refused (an invalid owner, a full disk): no half-made store is left behind.
        impl.reset();
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path.string() + suffix, ec);
        throw;
    }
    return Store(std::move(impl));
}

Store Store::open_memory() {
    return Store(open_impl(":memory:", {}, StoreOptions{}));
}

People& Store::people() {
    return m_impl->people;
}
Relationships& Store::relationships() {
    return m_impl->relationships;
}
Agreements& Store::agreements() {
    return m_impl->agreements;
}
Goals& Store::goals() {
    return m_impl->goals;
}
ActionItems& Store::actions() {
    return m_impl->actions;
}
CoachingCycles& Store::coaching() {
    return m_impl->coaching;
}
Notes& Store::notes() {
    return m_impl->notes;
}
Meetings& Store::meetings() {
    return m_impl->meetings;
}
OfficeHours& Store::office_hours() {
    return m_impl->office_hours;
}
AuditLog& Store::audit() {
    return m_impl->audit_log;
}
Programs& Store::programs() {
    return m_impl->programs;
}
Matching& Store::matching() {
    return m_impl->matching;
}
Operations& Store::operations() {
    return m_impl->operations;
}
Identity& Store::identity() {
    return m_impl->identity;
}

void Store::close() noexcept {
    if (m_impl)
        m_impl->database.reset();
}
bool Store::is_open() const noexcept {
    return m_impl && m_impl->database != nullptr;
}
const std::filesystem::path& Store::path() const noexcept {
    return m_impl->path;
}
void Store::set_clock(std::function<Timestamp()> clock) {
    m_impl->clock = std::move(clock);
}
Timestamp Store::now() const {
    return m_impl->now();
}
Date Store::today() const {
    return m_impl->today();
}

// A Transaction must not outlive its Store; it may outlive close(), which already rolled back
// whatever it held, so then it must not touch the closed connection.
struct Store::Transaction::State {
    explicit State(detail::StoreImpl& i) : impl(&i), db(&i.db()), tx(i.db()) {}
    ~State() {
        if (impl->database.get() != db)
            tx.abandon();
    }
    detail::StoreImpl* impl;
    db::Database* db;
    db::Transaction tx;
};

Store::Transaction::Transaction(detail::StoreImpl& impl) : m_state(std::make_unique<State>(impl)) {}
Store::Transaction::Transaction(Transaction&&) noexcept = default;
Store::Transaction::~Transaction() = default;

void Store::Transaction::commit() {
    if (!m_state)
        throw InvalidArgument("the transaction was moved from");
    if (m_state->impl->database.get() != m_state->db)
        throw StorageError("the store is closed", ErrorCode::closed);
    m_state->tx.commit();
}

Store::Transaction Store::begin() {
    return Transaction(*m_impl);
}

} // namespace mentorkit
