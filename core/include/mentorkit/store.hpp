#pragma once
/// @file store.hpp
/// The Store: one mentorkit database (a file or in memory) and the entry point to every area of
/// the core. A Store is not thread-safe: use one per thread (SQLite files can be shared between
/// processes and threads, each with its own Store).
///
/// ## Who reads what
/// Mentoring is "confidential, low-risk" (docs/domain.md "Privacy"), so every read of what happens
/// inside a relationship names the acting person:
/// - **Relationship content** — goals, milestones, check-ins (with their notes), goal reviews
///   and review history, agreement versions and clauses, the misunderstanding log, action
///   items, coaching cycles and skill progress, meetings with their agendas and ratings — is
///   read by the relationship's two parties only. Anyone else, including the learner's
///   supervisor, another guide of the same learner and a stranger, gets PermissionDenied
///   (ErrorCode::not_a_party, "person N is not a party to relationship R and cannot read its
///   ..."). A read of one meeting or note by id answers NotFound instead, so that a hidden
///   meeting or note is not revealed. A refused read writes nothing.
/// - **Notes** have their own visibility (private, pair, board; notes.hpp).
/// - **The audit log** shows a person the entries they acted on or that concern them, their
///   relationships and those relationships' records (audit.hpp "Who reads which entry").
/// - **Program structure** is readable by anyone with the store: people and the hierarchy,
///   relationship metadata (parties, model, style, formality, status, dates, focus, lifecycle
///   events), boards, Relationships::warnings, meeting stats and health, office hours and their
///   occurrences with booking counts. None of it carries text written inside a relationship.
///   Who booked an occurrence is the guide's and the booking pair's (OfficeHours::bookings).
/// - **Aggregate reads** take no acting person: Goals::review_all (ids, states and numbers, no
///   text) and AuditLog::total (one count) for programs, research and benchmarks, and the
///   columnar exports (export.hpp), the administrator's analysis tables, which hold no private
///   text (no note, check-in note, agenda, place, link, rating or comment) but do carry goal
///   titles and metrics.
/// An acting person id that does not exist is NotFound.

#include "mentorkit/types.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mentorkit {

class People;
class Relationships;
class Agreements;
class Goals;
class ActionItems;
class CoachingCycles;
class Notes;
class Meetings;
class OfficeHours;
class AuditLog;
class Programs;
class Matching;
class Operations;
class Identity;
class SigningKey;
struct NewPerson;
struct VerifyReport;

namespace detail {
struct StoreImpl;
class StoreAccess;
} // namespace detail

/// Tunables for opening a store.
struct StoreOptions {
    /// How long a write waits for another connection's lock before failing with SQLITE_BUSY
    /// (polled every few milliseconds, so waiting writers take turns).
    int busy_timeout_ms = 10000;
    /// When true (the default) every commit is fsync'ed (synchronous=FULL); when false a power
    /// loss may lose the last commits, never corrupt the file (synchronous=NORMAL in WAL mode).
    bool durable_commits = true;
    /// Page cache of the connection, in MiB (SQLite's default is 2). Larger caches keep the
    /// indexes of big programs in memory; the memory is only used as the file grows.
    int cache_mib = 32;
    /// The SQLite VFS to open the file through (sqlite3_vfs_register); empty: the platform's
    /// default. Tests inject disk faults through one; a host with its own file layer may too.
    std::string vfs{};
    /// The owner's key of a personal store (identity.hpp), from a key file or the host's
    /// keychain. Without it a personal store reads but refuses every change (PermissionDenied,
    /// ErrorCode::key_required); a key that is not the store's is refused at open
    /// (InvalidArgument, ErrorCode::wrong_key), as is a key given for a shared file.
    std::shared_ptr<const SigningKey> key{};
};

/// What Store::repair did.
struct RepairReport {
    /// One line per object: "restored trigger operation_no_update", "removed trigger x".
    std::vector<std::string> actions{};
};

/// A mentorkit database. Opening runs pending schema migrations, each in its own transaction,
/// and checks that the schema's tables, indexes and triggers (the guards of history) are exactly
/// the ones this build makes. Refused with a StorageError: a file that is not SQLite, not a
/// mentorkit database or from a newer mentorkit (left untouched), a read-only file (read_only),
/// and a file whose protections were dropped or altered (tampered; see repair()).
class Store {
public:
    /// The schema version this build writes (PRAGMA user_version).
    static const int schema_version;
    /// The SQLite application_id stamped on every mentorkit file ('MKIT').
    static const int application_id;

    /// Opens a database file, creating it if missing. WAL mode, foreign keys on.
    static Store open(const std::filesystem::path& path, const StoreOptions& options = {});
    /// Opens a fresh private in-memory database.
    static Store open_memory();
    /// Restores the indexes and triggers of a file whose protections were dropped or altered
    /// (removing ones mentorkit did not make), in one transaction, and returns what it did;
    /// the file then opens again. Refused (StorageError tampered) when a table was dropped,
    /// altered or added: only a backup restores data. Other refusals as open().
    static RepairReport repair(const std::filesystem::path& path, const StoreOptions& options = {});
    /// Checks a file without the checks of open(), so a file refused as tampered can still be
    /// examined: the whole hash chain of its operations log (Operations::verify; the report
    /// names the first entry that does not verify), then, when the chain holds, that its state
    /// follows from the log — the log is replayed into a private in-memory store and every
    /// table of state compared (`state_differs` names the ones that differ: rows edited behind
    /// the store's back). NotFound for a missing file; other refusals (not a mentorkit file,
    /// newer, read-only) as open(). An older file is migrated first.
    static VerifyReport verify(const std::filesystem::path& path, const StoreOptions& options = {});

    /// Creates a personal store (docs/sync.md): a new file at `path` (InvalidArgument when it
    /// exists) holding one person, its owner, made from `owner`, with `key` as this device's
    /// owner key. Every change made through it is the owner's: a call naming another acting
    /// person is refused (PermissionDenied, ErrorCode::not_owner) and a call naming none acts
    /// as the owner. Opening it again needs the same key in StoreOptions::key to change it.
    /// The owner's record must be valid as People::create requires (no supervisor: the store
    /// holds nobody else yet).
    static Store create_personal(const std::filesystem::path& path, const NewPerson& owner,
                                 std::shared_ptr<const SigningKey> key,
                                 const StoreOptions& options = {});

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    /// People, expertise and the supervision hierarchy.
    People& people();
    /// Relationships: models, styles, lifecycle, boards, warnings.
    Relationships& relationships();
    /// Ground-rule agreements, signatures and the misunderstanding log.
    Agreements& agreements();
    /// Goals, milestones, check-ins, forecasts and periodic reviews.
    Goals& goals();
    /// Action items between meetings.
    ActionItems& actions();
    /// Coaching cycles (perform, observe, feedback) and per-skill progress.
    CoachingCycles& coaching();
    /// Notes and resistance entries, read through an acting person.
    Notes& notes();
    /// Meetings, agendas, outcomes, ratings, consistency metrics and health.
    Meetings& meetings();
    /// Office hours in a time zone: occurrences, skips, moves, bookings, iCalendar.
    OfficeHours& office_hours();
    /// The append-only audit log.
    AuditLog& audit();
    /// Programs: goals, standards, participants, effectiveness and quality reports.
    Programs& programs();
    /// Optimal matching of a program's mentees to its mentors, and accepting matches.
    Matching& matching();
    /// The operations log: every change as an operation, hash-chained; replay and verify.
    Operations& operations();
    /// Who the store belongs to: a personal store's owner and device key (identity.hpp).
    Identity& identity();

    /// Closes the database. Any later call through this store (or its areas) throws
    /// StorageError with ErrorCode::closed. Closing twice is harmless.
    void close() noexcept;
    /// True until close().
    bool is_open() const noexcept;
    /// The file path, or an empty path for an in-memory store.
    const std::filesystem::path& path() const noexcept;

    /// Replaces the clock used for audit timestamps and "today" (for tests and imports).
    /// Passing an empty function restores the system clock.
    void set_clock(std::function<Timestamp()> clock);
    /// The current instant by the store's clock.
    Timestamp now() const;
    /// Today's UTC date by the store's clock.
    Date today() const;

    /// A caller-controlled write transaction: every store call made while it is alive joins it,
    /// and all of them are rolled back unless commit() is called. Use it for bulk imports (one
    /// commit instead of one per call) and to make several calls all-or-nothing.
    ///
    /// A call refused by validation writes nothing, and the transaction goes on. A call that
    /// fails after it started writing (a storage error) aborts the transaction: later calls
    /// and commit() throw StorageError (ErrorCode::transaction_aborted) and everything is
    /// rolled back, so nothing is ever half-written. A Transaction begun inside another joins it
    /// (only the outermost commit() commits). It must not outlive its Store.
    class Transaction {
    public:
        /// Commits everything done since begin().
        void commit();
        Transaction(Transaction&&) noexcept;
        Transaction& operator=(Transaction&&) = delete;
        /// Rolls back unless committed; never throws.
        ~Transaction();

    private:
        friend class Store;
        explicit Transaction(detail::StoreImpl& impl);
        struct State;
        std::unique_ptr<State> m_state;
    };
    /// Starts a Transaction (one begun inside another joins it; see Transaction).
    Transaction begin();

private:
    friend class detail::StoreAccess; // the core's own modules reach the connection
    explicit Store(std::unique_ptr<detail::StoreImpl> impl);
    std::unique_ptr<detail::StoreImpl> m_impl;
};

} // namespace mentorkit
