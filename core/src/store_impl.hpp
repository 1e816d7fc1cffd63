#pragma once
// Private state behind Store and its areas.

#include "mentorkit/actions.hpp"
#include "mentorkit/agreements.hpp"
#include "mentorkit/audit.hpp"
#include "mentorkit/coaching.hpp"
#include "mentorkit/goals.hpp"
#include "mentorkit/identity.hpp"
#include "mentorkit/limits.hpp"
#include "mentorkit/matching.hpp"
#include "mentorkit/meetings.hpp"
#include "mentorkit/notes.hpp"
#include "mentorkit/office_hours.hpp"
#include "mentorkit/operations.hpp"
#include "mentorkit/people.hpp"
#include "mentorkit/programs.hpp"
#include "mentorkit/relationships.hpp"
#include "mentorkit/store.hpp"
#include "mentorkit/types.hpp"
#include "storage/database.hpp"
#include "storage/oplog.hpp"
#include "storage/records.hpp"
#include "validate.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorkit::detail {

/// The operation being applied: its time is "now" for every rule and row it writes, its actor
/// acts, and the area's audit() call fills its audit entry (ops/batch.hpp).
struct Applying {
    Timestamp at{};
    std::optional<PersonId> actor{};
    std::optional<std::string> action{}, entity{}, detail{};
    std::optional<std::int64_t> entity_id{};
};

struct StoreImpl {
    std::unique_ptr<db::Database> database;
    std::filesystem::path path;
    std::function<Timestamp()> clock;
    Uid device{};                 ///< The device this store writes as (store_meta).
    storage::LogHead log_head{};  ///< The log's newest entry, for appends (storage/oplog.hpp).
    Applying* applying = nullptr; ///< The operation being applied, if any.
    /// A personal store's owner and the public key it was made with (nothing: a shared file),
    /// and the owner's key when the store was opened with it (identity.hpp).
    std::optional<PersonId> owner{};
    std::optional<PublicKey> owner_key{};
    std::shared_ptr<const SigningKey> key{};
    /// Records whose uid was just read or written (require_person, the hierarchy reads, the
    /// payloads encoded and decoded), so that naming them again reads nothing.
    storage::RecordMemo known{};
    People people{*this};
    Relationships relationships{*this};
    Agreements agreements{*this};
    Goals goals{*this};
    ActionItems actions{*this};
    CoachingCycles coaching{*this};
    Notes notes{*this};
    Meetings meetings{*this};
    OfficeHours office_hours{*this};
    AuditLog audit_log{*this};
    Programs programs{*this};
    Matching matching{*this};
    Operations operations{*this};
    Identity identity{*this};

    /// The open connection; throws StorageError(closed) after close().
    db::Database& db() const;
    Timestamp now() const;
    Date today() const;
    /// Throws NotFound("<role> <id> does not exist") unless the person exists.
    void require_person(PersonId id, std::string_view role);
    /// Who acts in a local change: on a shared file `actor` as given; on a personal store its
    /// owner (PermissionDenied not_owner when `actor` names someone else, key_required when the
    /// store was opened without the owner's key).
    std::optional<PersonId> acting(std::optional<PersonId> actor);
    /// Notes a person's uid (see `known`).
    void know_person(PersonId id, const Uid& uid) {
        known.note(db(), storage::Table::person, raw(id), uid);
    }
    /// A record's uid, from `known` or else read (and noted); nothing for an unknown id.
    std::optional<Uid> uid_of(storage::Table t, std::int64_t id);
    /// The local id of the record with this uid, likewise; nothing when it is not here.
    std::optional<std::int64_t> id_of(storage::Table t, const Uid& uid);
    /// Records the audit entry of the operation being applied (one per operation; the audit
    /// log is a view of the log). `actor` is the operation's own.
    void audit(std::optional<PersonId> actor, std::string_view action, std::string_view entity,
               std::int64_t entity_id, const std::string& detail);
};

/// Makes the owner of a new personal store: their person record and this device's key, both
/// made by themselves in one batch (people.cpp).
PersonId create_owner(StoreImpl& impl, const NewPerson& person, const PublicKey& key);

/// Lets the core's own modules that work on a Store (exports) reach its private state.
class StoreAccess {
public:
    static StoreImpl& of(Store& store) { return *store.m_impl; }
};
inline StoreImpl& impl_of(Store& store) {
    return StoreAccess::of(store);
}

} // namespace mentorkit::detail
