#include "storage/oplog.hpp"

#include "mentorkit/error.hpp"
#include "ops/ids.hpp"
#include "storage/database.hpp"

#include <algorithm>
#include <cstring>

namespace mentorkit::storage {

namespace {

std::string blob(const Uid& u) {
    return std::string(reinterpret_cast<const char*>(u.bytes.data()), u.bytes.size());
}

constexpr const char* kColumns =
    "o.seq, d.uid, o.hlc, o.position, o.batch_size, coalesce(o.actor, p.uid), o.actor_id, o.at, "
    "o.kind, o.payload, o.refused, o.reason, o.code, o.action, o.entity, o.entity_id, o.detail, "
    "o.hash";
// An entry whose device or actor number names no row reads with a nil device or no actor: the
// hash chain, which covers their uids, finds it.
constexpr const char* kFrom = " FROM operation o LEFT JOIN device d ON d.id = o.device LEFT JOIN "
                              "person p ON p.id = o.actor_id";

OpRow read_row(db::Statement& s) {
    OpRow r;
    r.seq = s.get_int(0);
    if (!s.is_null(1))
        r.device = uid_from_blob(s.get_bytes(1));
    r.hlc = s.get_int(2);
    r.position = static_cast<int>(s.get_int(3));
    r.batch_size = static_cast<int>(s.get_int(4));
    if (!s.is_null(5))
        r.actor = uid_from_blob(s.get_bytes(5));
    r.actor_id = s.get_opt_int(6);
    r.at_ms = s.get_int(7);
    r.kind = s.get_text(8);
    r.payload = s.get_text(9);
    r.refused = s.get_int(10) != 0;
    r.reason = s.get_opt_text(11).value_or("");
    if (auto c = s.get_opt_int(12))
        r.code = static_cast<int>(*c);
    r.action = s.get_opt_text(13);
    r.entity = s.get_opt_text(14);
    r.entity_id = s.get_opt_int(15);
    r.detail = s.get_opt_text(16);
    r.hash = s.get_bytes(17);
    return r;
}

void add_optional(ops::Hasher& h, const std::optional<std::string>& v) {
    h.add(std::int64_t{v ? 1 : 0});
    if (v)
        h.add(*v);
}

} // namespace

Uid uid_from_blob(const std::string& bytes) {
    if (bytes.size() != 16)
        throw StorageError("the file holds an id that is not 16 bytes", ErrorCode::corrupt);
    Uid u;
    std::memcpy(u.bytes.data(), bytes.data(), 16);
    return u;
}

std::string chain_hash(const OpRow& r, const std::string& previous) {
    // Every field length-prefixed into one buffer, hashed once (the same digest as feeding the
    // fields one by one; one call is cheaper).
    ops::Hasher h(96 + r.kind.size() + r.payload.size() + r.reason.size() +
                  (r.detail ? r.detail->size() : 0) + 16 * 8);
    h.add(previous)
        .add(r.seq)
        .add(std::string_view(reinterpret_cast<const char*>(r.device.bytes.data()), 16))
        .add(r.hlc)
        .add(std::int64_t{r.position})
        .add(std::int64_t{r.batch_size});
    h.add(std::int64_t{r.actor ? 1 : 0});
    if (r.actor)
        h.add(std::span<const std::uint8_t>(r.actor->bytes.data(), r.actor->bytes.size()));
    // The local id the audit log reads is covered too: an entry rewritten to name another
    // actor breaks the chain.
    h.add(std::int64_t{r.actor_id ? 1 : 0}).add(r.actor_id.value_or(0));
    h.add(r.at_ms).add(r.kind).add(r.payload).add(std::int64_t{r.refused ? 1 : 0}).add(r.reason);
    h.add(std::int64_t{r.code.value_or(0)});
    add_optional(h, r.action);
    add_optional(h, r.entity);
    h.add(r.entity_id.value_or(0));
    add_optional(h, r.detail);
    return h.finish();
}

namespace {

bool current(const db::Database& db, const LogHead* head) {
    return head && db.in_transaction() && head->epoch == db.epoch();
}

// Reads the newest entry into `head` (empty log: seq 0).
void load(db::Database& db, LogHead& head) {
    head = LogHead{};
    {
        db::Use s(db.cached("SELECT seq, hash FROM operation ORDER BY seq DESC LIMIT 1"));
        if (s->step()) {
            head.seq = s->get_int(0);
            head.hash = s->get_bytes(1);
        }
    }
    db::Use s(db.cached("SELECT max(hlc) FROM operation"));
    s->step();
    head.hlc = s->get_opt_int(0).value_or(0);
    head.epoch = db.epoch();
}

} // namespace

namespace {

// The number of a device in this store, numbering it on first sight.
std::int64_t device_number(db::Database& db, const Uid& device) {
    {
        db::Use s(db.cached("SELECT id FROM device WHERE uid = ?1"));
        s->bind_blob(1, blob(device));
        if (s->step())
            return s->get_int(0);
    }
    db::Use s(db.cached("INSERT INTO device (uid) VALUES (?1)"));
    s->bind_blob(1, blob(device));
    s->run();
    return db.last_insert_rowid();
}

} // namespace

void append(db::Database& db, OpRow& row, LogHead* head) {
    LogHead local;
    LogHead& h = head ? *head : local;
    if (!current(db, head))
        load(db, h);
    if (h.device_number == 0 || h.device != row.device) {
        h.device_number = device_number(db, row.device);
        h.device = row.device;
    }
    row.seq = h.seq + 1;
    const std::string& previous = h.hash;
    row.hash = chain_hash(row, previous);
    db::Use s(db.cached("INSERT INTO operation (seq, device, hlc, position, batch_size, actor, "
                        "actor_id, at, kind, payload, refused, reason, code, action, entity, "
                        "entity_id, detail, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                        "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"));
    s->bind(1, row.seq);
    s->bind(2, h.device_number);
    s->bind(3, row.hlc);
    s->bind(4, row.position);
    s->bind(5, row.batch_size);
    if (row.actor && !row.actor_id) // a known actor is named by id alone (see the schema)
        s->bind_blob(6, blob(*row.actor));
    s->bind(7, row.actor_id);
    s->bind(8, row.at_ms);
    s->bind(9, row.kind);
    s->bind_unowned(10, row.payload); // the row outlives the statement's run
    s->bind(11, row.refused ? 1 : 0);
    if (row.refused)
        s->bind(12, row.reason);
    if (row.code)
        s->bind(13, *row.code);
    s->bind(14, row.action);
    s->bind(15, row.entity);
    s->bind(16, row.entity_id);
    if (row.detail)
        s->bind_unowned(17, *row.detail);
    s->bind_blob(18, row.hash);
    s->run();
    h.seq = row.seq;
    h.hash = row.hash;
    h.hlc = std::max(h.hlc, row.hlc);
}

std::int64_t last_hlc(db::Database& db, LogHead* head) {
    if (current(db, head))
        return head->hlc;
    LogHead local;
    load(db, head ? *head : local);
    return (head ? *head : local).hlc;
}

std::int64_t count(db::Database& db) {
    db::Use s(db.cached("SELECT count(*) FROM operation"));
    s->step();
    return s->get_int(0);
}

std::vector<OpRow> read(db::Database& db, std::int64_t after_seq, std::int64_t limit) {
    static const std::string sql =
        std::string("SELECT ") + kColumns + kFrom + " WHERE o.seq > ?1 ORDER BY o.seq LIMIT ?2";
    db::Use s(db.cached(sql.c_str()));
    s->bind(1, after_seq);
    s->bind(2, limit);
    std::vector<OpRow> out;
    while (s->step())
        out.push_back(read_row(*s));
    return out;
}

std::vector<OpRow> read_travelling(db::Database& db, std::int64_t after_seq, std::int64_t limit) {
    // What travels: no local ids, no audit entry (the applying store makes its own), no hash.
    static const std::string sql =
        std::string("SELECT o.seq, d.uid, o.hlc, o.position, o.batch_size, coalesce(o.actor, "
                    "p.uid), o.at, o.kind, o.payload, o.refused, o.reason") +
        kFrom + " WHERE o.seq > ?1 ORDER BY o.seq LIMIT ?2";
    db::Use s(db.cached(sql.c_str()));
    s->bind(1, after_seq);
    s->bind(2, limit);
    std::vector<OpRow> out;
    while (s->step()) {
        OpRow& r = out.emplace_back();
        r.seq = s->get_int(0);
        if (!s->is_null(1))
            r.device = uid_from_blob(s->get_bytes(1));
        r.hlc = s->get_int(2);
        r.position = static_cast<int>(s->get_int(3));
        r.batch_size = static_cast<int>(s->get_int(4));
        if (!s->is_null(5))
            r.actor = uid_from_blob(s->get_bytes(5));
        r.at_ms = s->get_int(6);
        r.kind = s->get_text(7);
        r.payload = s->get_text(8);
        r.refused = s->get_int(9) != 0;
        r.reason = s->get_opt_text(10).value_or("");
    }
    return out;
}

std::pair<std::vector<OpRow>, std::string> newest(db::Database& db, std::int64_t n) {
    std::int64_t last = 0;
    {
        db::Use s(db.cached("SELECT max(seq) FROM operation"));
        s->step();
        last = s->get_opt_int(0).value_or(0);
    }
    std::int64_t from = last > n ? last - n : 0;
    std::string previous;
    if (from > 0) {
        db::Use s(db.cached("SELECT hash FROM operation WHERE seq = ?1"));
        s->bind(1, from);
        if (s->step())
            previous = s->get_bytes(0);
    }
    return {read(db, from, n), previous};
}

std::optional<bool> refused_entry(db::Database& db, const Uid& device, std::int64_t hlc,
                                  int position) {
    db::Use s(db.cached("SELECT o.refused FROM operation o JOIN device d ON d.id = o.device "
                        "WHERE o.hlc = ?1 AND d.uid = ?2 AND o.position = ?3"));
    s->bind(1, hlc);
    s->bind_blob(2, blob(device));
    s->bind(3, position);
    if (!s->step())
        return std::nullopt;
    return s->get_int(0) != 0;
}

Uid local_device(db::Database& db) {
    db::Use s(db.cached("SELECT value FROM store_meta WHERE key = 'device'"));
    if (!s->step())
        throw StorageError("the store has no device id (store_meta)", ErrorCode::corrupt);
    return uid_from_blob(s->get_bytes(0));
}

} // namespace mentorkit::storage
