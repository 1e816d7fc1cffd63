#pragma once
// How a local call becomes a batch of operations: each operation's apply() runs the area's
// validation and writes (the same code a replayed or synced operation runs, through the
// registry), its payload is encoded once the change applied, and commit() appends the batch to
// the log in the same transaction.
//
// An operation type is a struct with
//   static constexpr const char* kind;               // "person.create"
//   std::int64_t apply(detail::StoreImpl&) const;    // validate, decide, write; audit() once
//   ops::Value encode(ops::Encoder&) const;          // the payload (records by uid)
//   static T decode(ops::Decoder&);                  // the payload back into a request

#include "ops/codec.hpp"
#include "storage/database.hpp"
#include "storage/oplog.hpp"
#include "store_impl.hpp"

#include <optional>
#include <vector>

namespace mentorkit::ops {

/// Marks the operation being applied (its time and actor; audit() fills its entry).
class ApplyingScope {
public:
    ApplyingScope(detail::StoreImpl& impl, detail::Applying& state);
    ~ApplyingScope() { m_impl.applying = nullptr; }
    ApplyingScope(const ApplyingScope&) = delete;
    ApplyingScope& operator=(const ApplyingScope&) = delete;

private:
    detail::StoreImpl& m_impl;
};

/// The operations of one local call, applied as they are added and appended by commit(). A
/// batch of several operations runs in a savepoint when it is inside a caller's transaction,
/// so refused halfway it leaves that transaction as it was.
class LocalBatch {
public:
    LocalBatch(detail::StoreImpl& impl, std::optional<PersonId> actor, bool several = false);
    ~LocalBatch();
    LocalBatch(const LocalBatch&) = delete;
    LocalBatch& operator=(const LocalBatch&) = delete;

    template <typename Op>
    std::int64_t add(const Op& op) {
        detail::Applying state{m_at, m_actor};
        std::int64_t result = 0;
        {
            ApplyingScope scope(m_impl, state);
            result = op.apply(m_impl);
        }
        Encoder enc(m_impl);
        record(Op::kind, op.encode(enc).dump(), std::move(state));
        return result;
    }
    /// Names the batch's actor after its operations applied (a personal store's owner making
    /// their own record, who did not exist before).
    void act_as(PersonId actor) { m_actor = actor; }
    /// Appends the batch to the log and commits (or joins the caller's transaction).
    void commit();

private:
    void record(std::string_view kind, std::string payload, detail::Applying&& state);

    detail::StoreImpl& m_impl;
    std::optional<PersonId> m_actor;
    Timestamp m_at;
    bool m_nested;
    db::Transaction m_tx;
    std::optional<db::Savepoint> m_savepoint;
    std::vector<storage::OpRow> m_rows;
    bool m_committed = false;
};

/// A local call made of one operation.
template <typename Op>
std::int64_t run(detail::StoreImpl& impl, std::optional<PersonId> actor, const Op& op) {
    LocalBatch batch(impl, actor);
    std::int64_t result = batch.add(op);
    batch.commit();
    return result;
}

/// Applies a decoded operation of type Op (the registry's handler for Op::kind).
template <typename Op>
std::int64_t handle(detail::StoreImpl& impl, Decoder& d) {
    return Op::decode(d).apply(impl);
}

} // namespace mentorkit::ops
