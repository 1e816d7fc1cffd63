// The operations log's public face: reading it, verifying its chain, applying batches made
// elsewhere through the registry, replaying it into an empty store; and the two kinds that carry
// a migrated file's history (legacy.audit, import.row).

#include "mentorkit/operations.hpp"

#include "mentorkit/error.hpp"
#include "mentorkit/store.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/json.hpp"
#include "ops/registry.hpp"
#include "storage/database.hpp"
#include "storage/oplog.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <mutex>

namespace mentorkit {

// --- Uid -------------------------------------------------------------------------------------

std::string Uid::to_string() const {
    static const char* digits = "0123456789abcdef";
    std::string out(32, '0');
    for (std::size_t i = 0; i < 16; ++i) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    return out;
}

Uid Uid::parse(std::string_view hex) {
    auto nibble = [&](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    if (hex.size() != 32)
        throw InvalidArgument("an id is 32 hex digits, got '" + std::string(hex.substr(0, 40)) +
                              "'");
    Uid u;
    for (std::size_t i = 0; i < 16; ++i) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            throw InvalidArgument("an id is 32 hex digits, got '" + std::string(hex) + "'");
        u.bytes[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return u;
}

bool Uid::is_nil() const noexcept {
    return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

std::string_view to_string(OperationStatus v) noexcept {
    switch (v) {
    case OperationStatus::applied:
        return "applied";
    case OperationStatus::refused:
        return "refused";
    }
    return "?";
}

// --- the registry ----------------------------------------------------------------------------

namespace ops {

namespace {
std::map<std::string, Handler, std::less<>>& handlers() {
    static std::map<std::string, Handler, std::less<>> map;
    return map;
}
} // namespace

void Registry::add(std::string_view kind, Handler apply) {
    handlers().emplace(std::string(kind), apply);
}

Handler find_handler(std::string_view kind) {
    static std::once_flag once;
    std::call_once(once, [] {
        Registry r;
        register_people(r);
        register_relationships(r);
        register_agreements(r);
        register_goals(r);
        register_actions(r);
        register_coaching(r);
        register_notes(r);
        register_meetings(r);
        register_office_hours(r);
        register_programs(r);
        register_matching(r);
        register_keys(r);
        register_history(r);
    });
    auto it = handlers().find(kind);
    return it == handlers().end() ? nullptr : it->second;
}

// --- history of migrated files ----------------------------------------------------------------

namespace {

// legacy.audit: an audit entry written before the log existed; applying it records the same
// entry again (it changes no state).
std::int64_t apply_legacy_audit(detail::StoreImpl& impl, Decoder& d) {
    impl.audit(d.actor(), d.text("action"), d.text("entity"), d.int64("entity_id"),
               d.text("detail"));
    return 0;
}

// import.row: one row of a migrated file, inserted as it was (the file's history up to its
// migration is these rows).
std::int64_t apply_import_row(detail::StoreImpl& impl, Decoder& d) {
    storage::insert_imported_row(impl.db(), d.text("table"), d["row"]);
    return 0;
}

// store.repair: the repair of a file's schema objects (Store::repair); it changes no state.
std::int64_t apply_repair(detail::StoreImpl& impl, Decoder& d) {
    impl.audit(std::nullopt, "repair", "store", 0,
               detail::Json().add("actions", d.text("actions")).str());
    return 0;
}

} // namespace

void register_history(Registry& r) {
    r.add("legacy.audit", &apply_legacy_audit);
    r.add("import.row", &apply_import_row);
    r.add("store.repair", &apply_repair);
}

void record_repair(db::Database& db, const std::string& actions, std::int64_t at_ms) {
    storage::OpRow row;
    row.device = storage::local_device(db);
    row.at_ms = at_ms;
    row.hlc = next_hlc(storage::last_hlc(db), at_ms);
    row.kind = "store.repair";
    row.payload = ObjectBuilder().add("actions", actions).done().dump();
    row.action = "repair";
    row.entity = "store";
    row.entity_id = 0;
    row.detail = detail::Json().add("actions", actions).str();
    storage::append(db, row);
}

} // namespace ops

// --- Operations ------------------------------------------------------------------------------

namespace {

Operation to_operation(const storage::OpRow& r) {
    Operation o;
    o.seq = r.seq;
    o.device = r.device;
    o.hlc = r.hlc;
    o.position = r.position;
    o.batch_size = r.batch_size;
    o.actor = r.actor;
    o.at = detail::from_millis(r.at_ms);
    o.kind = r.kind;
    o.payload = r.payload;
    o.status = r.refused ? OperationStatus::refused : OperationStatus::applied;
    o.reason = r.reason;
    if (r.code)
        o.refusal = static_cast<ErrorCode>(*r.code);
    static const char* digits = "0123456789abcdef";
    for (char c : r.hash) {
        auto b = static_cast<unsigned char>(c);
        o.hash += digits[b >> 4];
        o.hash += digits[b & 15];
    }
    return o;
}

VerifyReport check_chain(const std::vector<storage::OpRow>& rows, std::string previous,
                         std::int64_t first_seq) {
    VerifyReport report;
    std::int64_t expected = first_seq;
    for (const storage::OpRow& r : rows) {
        ++report.checked;
        if (r.seq != expected) {
            report.first_broken = expected;
            report.problem = "entry " + std::to_string(expected) + " is missing";
            return report;
        }
        if (storage::chain_hash(r, previous) != r.hash) {
            report.first_broken = r.seq;
            report.problem = "its content does not match its hash";
            return report;
        }
        previous = r.hash;
        ++expected;
    }
    return report;
}

// Kinds only a replay of this store's own log applies: a migrated file's history and the
// repairs of its schema objects.
bool is_history_kind(std::string_view kind) {
    return kind == "legacy.audit" || kind == "import.row" || kind == "store.repair";
}

// A person.create whose actor is the person it creates: the owner of a personal store making
// their own record, the first change of that store. It applies with no actor (nobody exists
// yet to act), and the record it makes is then the actor.
bool creates_itself(detail::StoreImpl& impl, const storage::OpRow& o, const ops::Value& payload) {
    if (o.kind != "person.create" || o.position != 0)
        return false;
    ops::Decoder d(impl, payload, std::nullopt);
    return d.uid("id") == *o.actor;
}

// How a batch is applied: `replay`, an entry of a log into an empty store (in order, history
// kinds allowed; what it did there is known, so a difference is a divergence, and a batch
// applied there runs without a savepoint: refused here, the whole replay fails and rolls back);
// `refold`, an entry of this store's own log that comes before batches that arrived late (it
// stays in the log as it is, and must do again what it did); `decide`, a batch from elsewhere
// (Operations::apply_all, checked by check_from_elsewhere) or an entry of the log after the late
// ones, decided at its place in a savepoint and appended, refused or applied.
enum class Source { replay, refold, decide };

// The handler of each operation of a well-formed batch: one device, clock value and size, with
// positions 0, 1, ...; InvalidArgument otherwise, or for a kind this build does not know.
std::vector<ops::Handler> handlers_of(const std::vector<storage::OpRow>& batch) {
    if (batch.empty())
        throw InvalidArgument("an empty batch");
    const storage::OpRow& head = batch.front();
    std::vector<ops::Handler> handlers(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const storage::OpRow& o = batch[i];
        if (o.device != head.device || o.hlc != head.hlc || o.batch_size != head.batch_size ||
            o.position != static_cast<int>(i) || o.batch_size != static_cast<int>(batch.size()))
            throw InvalidArgument("a batch's operations share a device, a clock value and a "
                                  "size, with positions 0, 1, ...");
        if (o.hlc <= 0 || o.device.is_nil())
            throw InvalidArgument("an operation needs a clock value and a device");
        handlers[i] = ops::find_handler(o.kind);
        if (!handlers[i])
            throw InvalidArgument("unknown operation kind '" + o.kind + "'");
    }
    return handlers;
}

// Applies one batch. `batch` holds the operations as they travel (device, hlc, position,
// batch_size, actor, at_ms, kind, payload); what this store adds (actor_id, the audit entry,
// refusals) is filled in, then they are appended. For a replay or refold, `was_refused` and
// `reason` say what became of the batch in the log.
OperationStatus apply_rows(detail::StoreImpl& impl, std::vector<storage::OpRow>& batch,
                           Source source, bool was_refused = false,
                           const std::string& reason = {}) {
    std::vector<ops::Handler> handlers = handlers_of(batch);
    const storage::OpRow& head = batch.front();
    const bool from_log = source == Source::replay || source == Source::refold;
    db::Database& db = impl.db();
    db::Transaction tx(db);
    std::optional<Error> refusal;
    {
        std::optional<db::Savepoint> sp;
        if (!from_log || was_refused)
            sp.emplace(db);
        try {
            for (std::size_t i = 0; i < batch.size(); ++i) {
                storage::OpRow& o = batch[i];
                std::optional<PersonId> actor;
                ops::Value payload = ops::Value::parse(o.payload);
                bool self_made = false;
                if (o.actor) {
                    auto id = impl.id_of(storage::Table::person, *o.actor);
                    self_made = !id && creates_itself(impl, o, payload);
                    if (!id && !self_made)
                        throw NotFound("the actor " + o.actor->to_string() +
                                       " is not a person of this store");
                    if (id)
                        actor = PersonId{*id};
                }
                detail::Applying state{detail::from_millis(o.at_ms), actor};
                {
                    ops::ApplyingScope scope(impl, state);
                    ops::Decoder d(impl, payload, actor);
                    handlers[i](impl, d);
                }
                if (self_made)
                    actor = PersonId{*impl.id_of(storage::Table::person, *o.actor)};
                o.actor_id = actor ? std::optional<std::int64_t>(raw(*actor)) : std::nullopt;
                o.action = std::move(state.action);
                o.entity = std::move(state.entity);
                o.entity_id = state.entity_id;
                o.detail = std::move(state.detail);
            }
            if (sp)
                sp->release();
        } catch (const StorageError&) {
            throw; // the disk, not the rules: nothing is recorded
        } catch (const Error& e) {
            if (!sp) // from a log: applied there, refused here
                throw StorageError(
                    "the replay diverged at the batch of entry " + std::to_string(head.seq) +
                        ": it was applied there and is refused here (" + e.what() + ")",
                    ErrorCode::corrupt);
            refusal = e;
        }
    }
    if (refusal)
        tx.forget_changes();
    for (storage::OpRow& row : batch) {
        row.refused = refusal.has_value();
        row.reason.clear();
        row.code.reset();
        if (refusal) {
            row.action.reset();
            row.entity.reset();
            row.entity_id.reset();
            row.detail.reset();
            row.reason = refusal->what();
            row.code = static_cast<int>(refusal->code());
            row.actor_id =
                row.actor ? storage::id_of(db, storage::Table::person, *row.actor) : std::nullopt;
        }
    }
    if (from_log &&
        (refusal.has_value() != was_refused || (refusal && batch.front().reason != reason)))
        throw StorageError("the replay diverged at the batch of entry " + std::to_string(head.seq) +
                               ": it was refused there (" + reason + ") and is " +
                               (refusal ? "refused here (" + batch.front().reason + ")"
                                        : std::string("applied here")),
                           ErrorCode::corrupt);
    if (source != Source::refold)
        for (storage::OpRow& row : batch)
            storage::append(db, row, &impl.log_head);
    tx.commit();
    return refusal ? OperationStatus::refused : OperationStatus::applied;
}

// The log's entries after `after_seq` (up to `before_seq`, when given), as batches.
template <typename F>
void for_each_batch(db::Database& db, std::int64_t after_seq,
                    std::optional<std::int64_t> before_seq, F&& f) {
    std::vector<storage::OpRow> batch;
    for (;;) {
        std::vector<storage::OpRow> page = storage::read_travelling(db, after_seq, 10000);
        if (page.empty())
            break;
        for (storage::OpRow& o : page) {
            if (before_seq && o.seq >= *before_seq)
                break;
            after_seq = o.seq;
            batch.push_back(std::move(o));
            if (static_cast<int>(batch.size()) < batch.back().batch_size)
                continue;
            f(batch);
            batch.clear();
        }
        if (before_seq && after_seq + 1 >= *before_seq)
            break;
    }
    if (!batch.empty())
        throw StorageError("the log ends inside a batch (entry " +
                               std::to_string(batch.front().seq) + ")",
                           ErrorCode::corrupt);
}

// Where a batch goes in the order of operations: by clock value, then device.
bool comes_before(const storage::OpRow& a, const storage::OpRow& b) {
    return a.hlc != b.hlc ? a.hlc < b.hlc : a.device < b.device;
}

// Batches that come before entries the log holds (from `first_after` on): every row of state is
// removed and made again, in one transaction — the entries before them as they were, then the
// new batches and the entries after them, merged in order, each decided again at its place (a
// batch refused before may apply now, one applied may be refused). Records keep their local
// ids (storage::IdPlan). Every store that holds the same operations ends with the same state
// and the same outcomes, whatever order they arrived in. `incoming` is in order.
std::vector<OperationStatus> rewind_and_apply(detail::StoreImpl& impl,
                                              std::vector<std::vector<storage::OpRow>>& incoming,
                                              std::int64_t first_after) {
    db::Database& db = impl.db();
    // The whole log is read first: an entry names its actor by local id, which only the state
    // (about to be made again) turns into a uid.
    std::vector<std::vector<storage::OpRow>> earlier, later;
    for_each_batch(db, 0, first_after,
                   [&](std::vector<storage::OpRow>& b) { earlier.push_back(std::move(b)); });
    for_each_batch(db, first_after - 1, std::nullopt,
                   [&](std::vector<storage::OpRow>& b) { later.push_back(std::move(b)); });
    storage::PlannedIds ids(db, storage::plan_ids(db));
    storage::clear_state(db);
    for (std::vector<storage::OpRow>& b : earlier) {
        const bool was_refused = b.front().refused;
        const std::string reason = b.front().reason;
        apply_rows(impl, b, Source::refold, was_refused, reason);
    }
    storage::truncate_log(db, first_after);
    std::vector<OperationStatus> statuses;
    std::size_t next_later = 0;
    for (std::vector<storage::OpRow>& b : incoming) {
        while (next_later < later.size() && comes_before(later[next_later].front(), b.front()))
            apply_rows(impl, later[next_later++], Source::decide);
        statuses.push_back(apply_rows(impl, b, Source::decide));
    }
    for (; next_later < later.size(); ++next_later)
        apply_rows(impl, later[next_later], Source::decide);
    storage::mark_ids_planned(db);
    return statuses;
}

// A batch from elsewhere: well formed (handlers_of), and no migrated file's history.
void check_from_elsewhere(const std::vector<storage::OpRow>& batch) {
    handlers_of(batch);
    for (const storage::OpRow& o : batch) {
        if (is_history_kind(o.kind))
            throw InvalidArgument("'" + o.kind +
                                  "' operations carry a migrated file's history; "
                                  "only a replay of that file applies them");
    }
}

std::vector<storage::OpRow> rows_of(const std::vector<Operation>& batch) {
    std::vector<storage::OpRow> rows(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Operation& o = batch[i];
        storage::OpRow& r = rows[i];
        r.device = o.device;
        r.hlc = o.hlc;
        r.position = o.position;
        r.batch_size = o.batch_size;
        r.actor = o.actor;
        r.at_ms = detail::to_millis(o.at);
        r.kind = o.kind;
        r.payload = o.payload;
    }
    return rows;
}

} // namespace

std::int64_t Operations::count() const {
    return storage::count(m_impl->db());
}

std::vector<Operation> Operations::list(std::int64_t after_seq, std::int64_t limit) const {
    if (limit < 1 || limit > 100000)
        throw InvalidArgument("the page size must be between 1 and 100000");
    std::vector<Operation> out;
    for (const storage::OpRow& r : storage::read(m_impl->db(), after_seq, limit))
        out.push_back(to_operation(r));
    return out;
}

VerifyReport Operations::verify() const {
    db::Database& db = m_impl->db();
    VerifyReport total;
    std::string previous;
    std::int64_t after = 0;
    for (;;) {
        auto rows = storage::read(db, after, 10000);
        if (rows.empty())
            return total;
        VerifyReport part = check_chain(rows, previous, after + 1);
        total.checked += part.checked;
        if (!part.ok()) {
            total.first_broken = part.first_broken;
            total.problem = part.problem;
            return total;
        }
        previous = rows.back().hash;
        after = rows.back().seq;
    }
}

VerifyReport Operations::verify_newest(std::int64_t n) const {
    if (n < 1)
        throw InvalidArgument("verify at least one entry");
    auto [rows, previous] = storage::newest(m_impl->db(), n);
    if (rows.empty())
        return {};
    return check_chain(rows, previous, rows.front().seq);
}

Uid Operations::device() const {
    return m_impl->device;
}

OperationStatus Operations::apply(const std::vector<Operation>& batch) {
    return apply_all({batch}).front();
}

std::vector<OperationStatus>
Operations::apply_all(const std::vector<std::vector<Operation>>& batches) {
    std::vector<std::vector<storage::OpRow>> rows;
    rows.reserve(batches.size());
    for (const std::vector<Operation>& b : batches) {
        rows.push_back(rows_of(b));
        check_from_elsewhere(rows.back());
    }
    std::vector<OperationStatus> statuses(batches.size(), OperationStatus::applied);
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    // What the log holds already changes nothing and stays what it became; the rest goes in
    // the order of operations (the map's), a batch given twice once.
    std::map<std::pair<std::int64_t, Uid>, std::size_t> first_copy;
    std::vector<std::size_t> copies;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const storage::OpRow& head = rows[i].front();
        if (auto refused = storage::refused_entry(db, head.device, head.hlc, 0))
            statuses[i] = *refused ? OperationStatus::refused : OperationStatus::applied;
        else if (!first_copy.emplace(std::pair(head.hlc, head.device), i).second)
            copies.push_back(i);
    }
    if (!first_copy.empty()) {
        std::vector<std::vector<storage::OpRow>> incoming;
        for (const auto& [key, i] : first_copy)
            incoming.push_back(rows[i]);
        const storage::OpRow& first = incoming.front().front();
        std::vector<OperationStatus> done;
        if (auto at = storage::first_after(db, first.hlc, first.device)) {
            done = rewind_and_apply(*m_impl, incoming, *at);
        } else {
            for (std::vector<storage::OpRow>& b : incoming)
                done.push_back(apply_rows(*m_impl, b, Source::decide));
        }
        std::size_t k = 0;
        for (const auto& [key, i] : first_copy)
            statuses[i] = done[k++];
        for (std::size_t i : copies)
            statuses[i] = statuses[first_copy.at({rows[i].front().hlc, rows[i].front().device})];
    }
    tx.commit();
    return statuses;
}

void Operations::replay_into(Store& target) const {
    detail::StoreImpl& to = detail::impl_of(target);
    if (&to == m_impl)
        throw InvalidArgument("a store cannot be replayed into itself");
    if (storage::count(to.db()) != 0)
        throw InvalidArgument("the target of a replay must be an empty store");
    db::BulkLoad bulk(to.db()); // before the transaction: it ends after it
    db::Transaction tx(to.db());
    storage::DeferredLogIndexes indexes(to.db());
    // After a rewind the records' ids no longer follow the log's order: the target takes them
    // from this store, and every row comes out the same.
    std::optional<storage::PlannedIds> ids;
    if (storage::ids_planned(m_impl->db())) {
        ids.emplace(to.db(), storage::plan_ids(m_impl->db()));
        storage::mark_ids_planned(to.db());
    }
    std::optional<std::pair<std::int64_t, Uid>> previous; // the batch before, in the order
    for_each_batch(m_impl->db(), 0, std::nullopt, [&](std::vector<storage::OpRow>& batch) {
        std::pair<std::int64_t, Uid> key(batch.front().hlc, batch.front().device);
        if (previous && !(*previous < key))
            throw StorageError("the log is out of order at entry " +
                                   std::to_string(batch.front().seq),
                               ErrorCode::corrupt);
        previous = key;
        const bool was_refused = batch.front().refused;
        const std::string reason = batch.front().reason;
        apply_rows(to, batch, Source::replay, was_refused, reason);
    });
    indexes.restore();
    tx.commit();
}

} // namespace mentorkit
