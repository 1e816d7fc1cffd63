#pragma once
/// @file operations.hpp
/// Every change is an operation (docs/domain.md "Two people, two devices"): who (the actor), what
/// (a kind such as "person.create" and a payload naming records by globally unique ids), when
/// (a hybrid-logical-clock value and the actor's clock), and the device that made it. A call of
/// the API makes one batch of one or more operations, applied and appended to the store's
/// operations log in one transaction. The log is the truth: replaying it into an empty store
/// gives the same readable state (Operations::replay_into), and it is hash-chained, so an edit of
/// any entry is found by Operations::verify (run on the newest entries at every open, and in full
/// by `mentorkit verify FILE`).
///
/// ## Order
/// Operations are ordered by (hlc, device, position in batch), devices by their uid's bytes.
/// The HLC of a new batch is larger than every HLC the store holds and follows the wall clock
/// where it can (ops/ids.hpp), and a batch from elsewhere older than the newest entry is put at
/// its place (Operations::apply), so a store's log is always in that order, and so is every
/// replay of it.
///
/// ## Refused operations
/// A local call the rules refuse throws and writes nothing (it never enters the log). A batch
/// from elsewhere (Operations::apply: a replay now; sync and import next) that the rules refuse
/// at its place in the order is kept in the log, marked refused with its reason and error code,
/// and changes nothing; every replay refuses it identically.
///
/// ## The audit log is a view
/// AuditLog reads the applied operations that carry an audit entry (action, entity, record,
/// detail); the detail is free of private text (audit.hpp).

#include "mentorkit/error.hpp"
#include "mentorkit/types.hpp"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorkit {

class Store;

namespace detail {
struct StoreImpl;
}

/// A globally unique id of a record, a device or a store: 128 bits in the UUIDv7 layout.
struct Uid {
    std::array<std::uint8_t, 16> bytes{};
    /// 32 lower-case hex digits.
    std::string to_string() const;
    /// Parses 32 hex digits; InvalidArgument otherwise.
    static Uid parse(std::string_view hex);
    /// True for the all-zero id (never issued).
    bool is_nil() const noexcept;
    auto operator<=>(const Uid&) const = default;
};

/// What became of an operation in this store.
enum class OperationStatus {
    applied, ///< Its change is in the store.
    refused, ///< The rules refused it at its place in the order; it changed nothing.
};

/// One entry of the operations log.
struct Operation {
    std::int64_t seq = 0; ///< Position in this store's log (1, 2, ...).
    Uid device{};         ///< The device that made it.
    std::int64_t hlc = 0; ///< Hybrid logical clock of its batch (milliseconds << 16 | counter).
    int position = 0;     ///< Index within its batch.
    int batch_size = 1;   ///< Operations in its batch (applied or refused together).
    std::optional<Uid> actor{}; ///< The person who acted; empty for an administrator or import.
    Timestamp at{};             ///< The actor's clock when it was made ("now" while it applies).
    std::string kind{};         ///< e.g. "person.create", "agreement.sign".
    std::string payload{};      ///< Canonical JSON; records are named by their Uid.
    OperationStatus status = OperationStatus::applied;
    std::string reason{};               ///< Why it was refused (empty when applied).
    std::optional<ErrorCode> refusal{}; ///< The refusal's code.
    std::string hash{};                 ///< 64 hex digits: BLAKE2b-256 chaining this entry.
};

/// The result of checking the hash chain.
struct VerifyReport {
    std::int64_t checked = 0;                   ///< Entries checked.
    std::optional<std::int64_t> first_broken{}; ///< seq of the first entry that does not verify.
    std::string problem{};                      ///< What is wrong with it.
    /// Store::verify only: the tables whose rows do not follow from the log (edited behind the
    /// store's back: replaying the log gives other rows), by name.
    std::vector<std::string> state_differs{};
    bool ok() const noexcept { return !first_broken.has_value() && state_differs.empty(); }
};

/// The operations log of a store (`Store::operations()`).
class Operations {
public:
    explicit Operations(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Entries in the log (applied and refused).
    std::int64_t count() const;
    /// Entries after `after_seq`, oldest first, at most `limit` (1..100000). This is the raw log
    /// of the whole store, payloads included: an administrator's read (replication and backup),
    /// like a copy of the file.
    std::vector<Operation> list(std::int64_t after_seq = 0, std::int64_t limit = 1000) const;
    /// Recomputes the whole hash chain; the first entry that does not verify is reported.
    VerifyReport verify() const;
    /// The same check on the newest `n` entries only (every open runs it with n = 32).
    VerifyReport verify_newest(std::int64_t n) const;
    /// The device this store writes as.
    Uid device() const;

    /// Applies a batch made elsewhere (all operations of one batch, in position order) through
    /// the same code a local call runs, at its place in the order (hlc, device, position).
    /// Refused by the rules: every operation of the batch is kept, marked refused with the
    /// reason, and nothing changes (the return value says which). A batch the log already
    /// holds changes nothing either (the return value says what it became). A batch older than
    /// entries the log holds is put at its place: the state is made again from the log, in one
    /// transaction, and every entry after it is decided again there (one refused before may
    /// apply now and the reverse), so stores holding the same batches agree whatever order
    /// they arrived in; records keep their local ids, and the entries after it are appended
    /// again after it (their seq grows by the batch's size). InvalidArgument for a malformed
    /// batch (positions, sizes, an unknown kind), StorageError for storage failures.
    OperationStatus apply(const std::vector<Operation>& batch);
    /// Applies several batches at once, in one transaction, as apply() would one by one, in any
    /// order given: they are put in the order of operations first, so the state is made again
    /// at most once (the import of a bundle or a hub's pull). What became of each batch, in the
    /// order given. Nothing is applied when one of them is malformed (InvalidArgument).
    std::vector<OperationStatus> apply_all(const std::vector<std::vector<Operation>>& batches);
    /// Rebuilds `target`, an empty store, from this log alone: every batch in order, through
    /// apply(). The target then has the same readable state, every table alike.
    void replay_into(Store& target) const;

private:
    detail::StoreImpl* m_impl;
};

/// "applied", "refused".
std::string_view to_string(OperationStatus value) noexcept;

} // namespace mentorkit
