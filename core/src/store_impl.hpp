#pragma once
// Private state behind Store and its areas.

#include "mentorkit/actions.hpp"
#include "mentorkit/agreements.hpp"
#include "mentorkit/audit.hpp"
#include "mentorkit/coaching.hpp"
#include "mentorkit/goals.hpp"
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
#include "validate.hpp"

#include <array>
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
    /// Uids of the people just read (require_person, the hierarchy reads), so that encoding
    /// an operation does not read them again: a ring of the last few, valid while the
    /// connection's epoch stays (people are never deleted, so only a rollback, which moves the
    /// epoch, can unmake one).
    struct KnownPerson {
        std::int64_t id = 0;
        Uid uid{};
    };
    std::array<KnownPerson, 16> known_people{};
    std::size_t known_next = 0;
    std::uint64_t known_epoch = 0;
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

    /// The open connection; throws StorageError(closed) after close().
    db::Database& db() const;
    Timestamp now() const;
    Date today() const;
    /// Throws NotFound("<role> <id> does not exist") unless the person exists.
    void require_person(PersonId id, std::string_view role);
    /// Notes a person's uid (see known_people).
    void know_person(PersonId id, const Uid& uid);
    /// The uid noted for a person, or nullptr.
    const Uid* known_person(PersonId id) const noexcept;
    /// The person noted with a uid, if any.
    std::optional<PersonId> known_person(const Uid& uid) const noexcept;
    /// Records the audit entry of the operation being applied (one per operation; the audit
    /// log is a view of the log). `actor` is the operation's own.
    void audit(std::optional<PersonId> actor, std::string_view action, std::string_view entity,
               std::int64_t entity_id, const std::string& detail);
};

/// Lets the core's own modules that work on a Store (exports) reach its private state.
class StoreAccess {
public:
    static StoreImpl& of(Store& store) { return *store.m_impl; }
};
inline StoreImpl& impl_of(Store& store) {
    return StoreAccess::of(store);
}

} // namespace mentorkit::detail
