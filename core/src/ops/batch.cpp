#include "ops/batch.hpp"

#include "mentorkit/error.hpp"
#include "ops/ids.hpp"

namespace mentorkit::ops {

ApplyingScope::ApplyingScope(detail::StoreImpl& impl, detail::Applying& state) : m_impl(impl) {
    // An operation's apply never makes another operation: composite calls are batches.
    if (impl.applying)
        throw StorageError("internal error: an operation was made while another one applied");
    impl.applying = &state;
}

LocalBatch::LocalBatch(detail::StoreImpl& impl, std::optional<PersonId> actor, bool several)
    : m_impl(impl), m_actor(impl.acting(actor)), m_at(impl.now()),
      m_nested(impl.db().in_transaction()), m_tx(impl.db()) {
    if (several && m_nested)
        m_savepoint.emplace(impl.db());
}

LocalBatch::~LocalBatch() {
    if (m_committed || !m_savepoint)
        return;
    // Refused halfway inside a caller's transaction: undo this batch only.
    m_savepoint.reset();
    m_tx.forget_changes();
}

void LocalBatch::record(std::string_view kind, std::string payload, detail::Applying&& state) {
    storage::OpRow& row = m_rows.emplace_back();
    row.kind = std::string(kind);
    row.payload = std::move(payload);
    row.action = std::move(state.action);
    row.entity = std::move(state.entity);
    row.entity_id = state.entity_id;
    row.detail = std::move(state.detail);
}

void LocalBatch::commit() {
    db::Database& db = m_impl.db();
    std::optional<Uid> actor;
    if (m_actor)
        actor = Encoder(m_impl).uid(storage::Table::person, raw(*m_actor), "person");
    std::int64_t at = detail::to_millis(m_at);
    std::int64_t hlc = next_hlc(storage::last_hlc(db, &m_impl.log_head), at);
    int size = static_cast<int>(m_rows.size());
    for (int i = 0; i < size; ++i) {
        storage::OpRow& row = m_rows[static_cast<std::size_t>(i)];
        row.device = m_impl.device;
        row.hlc = hlc;
        row.position = i;
        row.batch_size = size;
        row.actor = actor;
        row.actor_id = m_actor ? std::optional<std::int64_t>(raw(*m_actor)) : std::nullopt;
        row.at_ms = at;
        storage::append(db, row, &m_impl.log_head);
    }
    if (m_savepoint)
        m_savepoint->release();
    m_tx.commit();
    m_committed = true;
}

} // namespace mentorkit::ops
