#include "storage/records.hpp"

#include "mentorkit/error.hpp"
#include "ops/ids.hpp"
#include "ops/json.hpp"
#include "storage/database.hpp"
#include "storage/oplog.hpp"
#include "text.hpp"

#include <array>
#include <chrono>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace mentorkit::storage {

namespace {

constexpr std::array<const char*, kTables> kNames = {
    "person",       "relationship",    "misunderstanding", "goal",
    "checkin",      "goal_review",     "action_item",      "coaching_cycle",
    "note",         "meeting",         "office_hours",     "program",
    "program_goal", "program_standard"};

// The lookups, one literal per table (the statement cache is keyed by the SQL's address).
#define MK_LOOKUPS(t)                                                                              \
    { "SELECT uid FROM " t " WHERE id = ?1", "SELECT id FROM " t " WHERE uid = ?1" }
constexpr std::array<std::array<const char*, 2>, kTables> kLookups = {{
    MK_LOOKUPS("person"),
    MK_LOOKUPS("relationship"),
    MK_LOOKUPS("misunderstanding"),
    MK_LOOKUPS("goal"),
    MK_LOOKUPS("checkin"),
    MK_LOOKUPS("goal_review"),
    MK_LOOKUPS("action_item"),
    MK_LOOKUPS("coaching_cycle"),
    MK_LOOKUPS("note"),
    MK_LOOKUPS("meeting"),
    MK_LOOKUPS("office_hours"),
    MK_LOOKUPS("program"),
    MK_LOOKUPS("program_goal"),
    MK_LOOKUPS("program_standard"),
}};
#undef MK_LOOKUPS

// Schema v8, the tables of the log. `operation` is the log: one row per operation, in the
// order this store applied them; the audit log is a view of its applied rows that carry an
// audit entry. `store_meta` holds this store's own identity (its device id), which is not
// state: a replay of the log into another store keeps that store's identity.
constexpr const char* kSchemaV8 = R"sql(
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT, WITHOUT ROWID;

-- The devices operations come from, numbered in this store (a log entry names its device by
-- number; the uid is what travels and what the hash chain covers).
CREATE TABLE device (
    id  INTEGER PRIMARY KEY,
    uid BLOB    NOT NULL UNIQUE CHECK (length(uid) = 16)
) STRICT;
CREATE TRIGGER device_no_update BEFORE UPDATE ON device
BEGIN SELECT RAISE(ABORT, 'a device keeps its number'); END;
CREATE TRIGGER device_no_delete BEFORE DELETE ON device
BEGIN SELECT RAISE(ABORT, 'a device keeps its number'); END;

CREATE TABLE operation (
    seq        INTEGER PRIMARY KEY,
    device     INTEGER NOT NULL CHECK (device > 0), -- device.id; the chain covers its uid
    hlc        INTEGER NOT NULL CHECK (hlc > 0),
    position   INTEGER NOT NULL CHECK (position >= 0),
    batch_size INTEGER NOT NULL CHECK (batch_size >= 1 AND position < batch_size),
    -- The actor: a person of this store by id (their uid is person.uid; people are never
    -- deleted), or by uid alone when the store does not know them (a refused entry).
    actor      BLOB CHECK (actor IS NULL OR (length(actor) = 16 AND actor_id IS NULL)),
    actor_id   INTEGER,
    at         INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (length(kind) > 0),
    payload    TEXT    NOT NULL,
    refused    INTEGER NOT NULL CHECK (refused = 0 OR refused = 1), -- applied: 0
    reason     TEXT,
    code       INTEGER,
    action     TEXT,
    entity     TEXT,
    entity_id  INTEGER,
    detail     TEXT,
    hash       BLOB    NOT NULL CHECK (length(hash) = 32),
    CHECK ((refused = 1) = (reason IS NOT NULL)),
    CHECK (action IS NULL OR (entity IS NOT NULL AND entity_id IS NOT NULL AND detail IS NOT NULL))
) STRICT;

-- The log is appended, never edited. An entry overwritten by INSERT OR REPLACE (which fires no
-- delete trigger) breaks the hash chain and is found by every verify: a BEFORE INSERT trigger
-- would refuse it, at a fifth of the cost of every append.
CREATE TRIGGER operation_no_update BEFORE UPDATE ON operation
BEGIN SELECT RAISE(ABORT, 'the operations log is append-only'); END;
CREATE TRIGGER operation_no_delete BEFORE DELETE ON operation
BEGIN SELECT RAISE(ABORT, 'the operations log is append-only'); END;
-- A learner's board: every active mentoring or coaching relationship is a seat on it (the
-- board of directors of docs/domain.md). Boards and board-visible notes read this one definition.
CREATE VIEW board_seat AS
    SELECT id AS relationship_id, learner_id, guide_id, model, focus, style FROM relationship
    WHERE status = 'active' AND (model = 'mentoring' OR model = 'coaching');

CREATE TRIGGER store_meta_no_update BEFORE UPDATE ON store_meta
BEGIN SELECT RAISE(ABORT, 'a store keeps its identity'); END;
CREATE TRIGGER store_meta_no_delete BEFORE DELETE ON store_meta
BEGIN SELECT RAISE(ABORT, 'a store keeps its identity'); END;
CREATE TRIGGER store_meta_no_replace BEFORE INSERT ON store_meta
WHEN EXISTS (SELECT 1 FROM store_meta k WHERE k.key = NEW.key)
BEGIN SELECT RAISE(ABORT, 'a store keeps its identity'); END;
)sql";

// The log's indexes: its order (and that no entry repeats), and the audit log's reads by
// record and by actor. Kept apart so a bulk rebuild can make them once at its end.
constexpr const char* kLogIndexes = R"sql(
CREATE UNIQUE INDEX operation_order ON operation(hlc, device, position);
CREATE INDEX operation_entity ON operation(entity, entity_id) WHERE action IS NOT NULL;
CREATE INDEX operation_actor ON operation(actor_id) WHERE actor_id IS NOT NULL;
)sql";

constexpr const char* kAuditView = R"sql(
DROP TABLE audit_log;
CREATE VIEW audit_log AS
    SELECT seq AS id, at, actor_id, action, entity, entity_id, detail FROM operation
    WHERE refused = 0 AND action IS NOT NULL;
)sql";

// Every table that holds state, in an order where each row's references come first (people
// are sorted by their supervisor line separately).
constexpr const char* kStateTables[] = {
    "person",
    "person_key",
    "expertise",
    "relationship",
    "relationship_event",
    "agreement_version",
    "agreement_clause",
    "agreement_signature",
    "misunderstanding",
    "goal",
    "milestone",
    "checkin",
    "goal_review",
    "goal_review_item",
    "action_item",
    "coaching_cycle",
    "meeting",
    "agenda_item",
    "meeting_rating",
    "meeting_stats",
    "note",
    "office_hours",
    "office_hours_relationship",
    "office_hours_exception",
    "office_hours_booking",
    "program",
    "program_goal",
    "program_standard",
    "program_assessment",
    "program_relationship",
    "program_mentee",
    "program_mentee_area",
    "program_mentor",
    "program_pair_mark",
};

std::string blob(const Uid& u) {
    return std::string(reinterpret_cast<const char*>(u.bytes.data()), 16);
}

std::string hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// One column value of the current row as JSON: integers, reals and text as themselves, blobs
// and text that is not UTF-8 as {"$blob": hex} / {"$text": hex}.
ops::Value column_value(db::Statement& s, int col) {
    switch (s.type(col)) {
    case 1:
        return ops::Value(s.get_int(col));
    case 2:
        return ops::Value(s.get_double(col));
    case 3: {
        std::string bytes = s.get_bytes(col);
        if (detail::utf8_error(bytes) == std::string::npos && bytes.find('\0') == std::string::npos)
            return ops::Value(std::move(bytes));
        return ops::ObjectBuilder().add("$text", hex(bytes)).done();
    }
    case 4:
        return ops::ObjectBuilder().add("$blob", hex(s.get_bytes(col))).done();
    default:
        return ops::Value();
    }
}

} // namespace

std::span<const char* const> state_tables() noexcept {
    return kStateTables;
}

std::string_view table_name(Table t) noexcept {
    return kNames[static_cast<std::size_t>(t)];
}

namespace {
std::size_t id_hash(Table t, std::int64_t id) noexcept {
    // Fibonacci hashing: consecutive ids of one table spread over the slots.
    std::uint64_t k = static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ull ^
                      static_cast<std::uint64_t>(t) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<std::size_t>(k >> 32);
}

std::size_t uid_hash(Table t, const Uid& uid) noexcept {
    // A UUIDv7's last eight bytes are random.
    std::uint64_t h = 0;
    std::memcpy(&h, uid.bytes.data() + 8, 8);
    return static_cast<std::size_t>(h ^ static_cast<std::uint64_t>(t));
}

// Linear probing from `hash`: the slot holding the record `same` accepts, or the first slot
// holding none (where it would go). The table is never more than half full.
template <typename Slots, typename Same>
auto& probe(Slots& slots, std::size_t hash, std::uint64_t generation, Same same) noexcept {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        auto& s = slots[i];
        if (s.generation != generation || same(s))
            return s;
    }
}
} // namespace

bool RecordMemo::current(const db::Database& db) const noexcept {
    return m_generation != 0 && m_epoch == db.epoch();
}

const Uid* RecordMemo::uid(const db::Database& db, Table t, std::int64_t id) const noexcept {
    if (!current(db))
        return nullptr;
    const Slot& s = probe(m_by_id, id_hash(t, id), m_generation,
                          [&](const Slot& x) { return x.id == id && x.table == t; });
    return s.generation == m_generation ? &s.uid : nullptr;
}

std::optional<std::int64_t> RecordMemo::id(const db::Database& db, Table t,
                                           const Uid& uid) const noexcept {
    if (!current(db))
        return std::nullopt;
    const Slot& s = probe(m_by_uid, uid_hash(t, uid), m_generation,
                          [&](const Slot& x) { return x.uid == uid && x.table == t; });
    if (s.generation != m_generation)
        return std::nullopt;
    return s.id;
}

void RecordMemo::note(const db::Database& db, Table t, std::int64_t id, const Uid& uid) {
    static_assert((kSlots & (kSlots - 1)) == 0 && kSlots >= 2 * kMaxEntries);
    if (m_by_id.empty()) {
        m_by_id.resize(kSlots);
        m_by_uid.resize(kSlots);
    }
    if (!current(db) || m_count >= kMaxEntries) { // start over: every slot is free again
        ++m_generation;
        m_epoch = db.epoch();
        m_count = 0;
    }
    Slot& by_id = probe(m_by_id, id_hash(t, id), m_generation,
                        [&](const Slot& x) { return x.id == id && x.table == t; });
    if (by_id.generation == m_generation)
        return; // known already (a record's uid never changes)
    by_id = Slot{m_generation, id, uid, t};
    probe(m_by_uid, uid_hash(t, uid), m_generation, [&](const Slot& x) {
        return x.uid == uid && x.table == t;
    }) = Slot{m_generation, id, uid, t};
    ++m_count;
}

std::optional<Uid> uid_of(db::Database& db, Table t, std::int64_t id) {
    db::Use s(db.cached(kLookups[static_cast<std::size_t>(t)][0]));
    s->bind(1, id);
    if (!s->step() || s->is_null(0))
        return std::nullopt;
    return uid_from_blob(s->get_bytes(0));
}

std::optional<std::int64_t> id_of(db::Database& db, Table t, const Uid& uid) {
    db::Use s(db.cached(kLookups[static_cast<std::size_t>(t)][1]));
    s->bind_blob(1, blob(uid));
    if (!s->step())
        return std::nullopt;
    return s->get_int(0);
}

namespace {

std::string from_hex(std::string_view hex) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    if (hex.size() % 2 != 0)
        throw InvalidArgument("odd hex in an imported row");
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0)
            throw InvalidArgument("bad hex in an imported row");
        out += static_cast<char>(hi << 4 | lo);
    }
    return out;
}

} // namespace

void insert_imported_row(db::Database& db, std::string_view table, const ops::Value& row) {
    bool known = false;
    for (const char* t : kStateTables)
        known = known || table == t;
    if (!known)
        throw InvalidArgument("an imported row names a table that holds no state: '" +
                              std::string(table) + "'");
    const ops::Object& columns = row.as_object("an imported row");
    std::string names, params;
    int n = 0;
    for (const ops::Member& m : columns) {
        if (m.first.empty())
            throw InvalidArgument("an imported row names an empty column");
        for (char c : m.first)
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                throw InvalidArgument("an imported row names a bad column");
        names += (n ? ", " : "") + m.first;
        params += (n ? ", ?" : "?") + std::to_string(n + 1);
        ++n;
    }
    // Table and column names are checked above (SQL cannot bind them); values are bound.
    db::Statement s(
        db,
        ("INSERT INTO " + std::string(table) + " (" + names + ") VALUES (" + params + ")").c_str());
    int i = 1;
    for (const ops::Member& m : columns) {
        const ops::Value& v = m.second;
        if (v.is_null())
            s.bind_null(i);
        else if (v.is_int())
            s.bind(i, v.as_int(m.first));
        else if (v.is_number())
            s.bind(i, v.as_number(m.first));
        else if (v.is_string())
            s.bind(i, v.as_string(m.first));
        else if (v.has("$blob"))
            s.bind_blob(i, from_hex(v["$blob"].as_string("$blob")));
        else if (v.has("$text"))
            s.bind(i, from_hex(v["$text"].as_string("$text")));
        else
            throw InvalidArgument("an imported row holds a value of no known type");
        ++i;
    }
    s.run();
}

std::vector<std::pair<std::string, std::string>> state_digests(db::Database& db) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const char* table : kStateTables) {
        // Tables keyed by their rowid in rowid order; the WITHOUT ROWID ones by their key.
        bool rowid = true;
        {
            db::Statement s(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1");
            s.bind(1, table);
            if (s.step())
                rowid = s.get_text(0).find("WITHOUT ROWID") == std::string::npos;
        }
        std::string order = "rowid";
        if (!rowid) {
            db::Statement probe(db, (std::string("SELECT * FROM ") + table + " LIMIT 0").c_str());
            order.clear();
            for (int c = 1; c <= probe.columns(); ++c)
                order += (c > 1 ? ", " : "") + std::to_string(c);
        }
        db::Statement s(db, (std::string("SELECT * FROM ") + table + " ORDER BY " + order).c_str());
        ops::Hasher h(1 << 16);
        std::int64_t rows = 0;
        while (s.step()) {
            ++rows;
            for (int c = 0; c < s.columns(); ++c) {
                h.add(std::int64_t{s.type(c)});
                if (s.type(c) == 2) {
                    double d = s.get_double(c);
                    h.add(std::string_view(reinterpret_cast<const char*>(&d), sizeof d));
                } else if (s.type(c) != 5) {
                    h.add(s.get_bytes(c));
                }
            }
        }
        h.add(rows);
        out.emplace_back(table, h.finish());
    }
    return out;
}

DeferredLogIndexes::DeferredLogIndexes(db::Database& db) : m_db(db) {
    db.exec("DROP INDEX operation_order; DROP INDEX operation_entity; DROP INDEX operation_actor");
}

void DeferredLogIndexes::restore() {
    m_db.exec(kLogIndexes);
}

void upgrade_v8(db::Database& db) {
    // The old triggers and views are set aside while the tables gain their columns, then made
    // again from their own text, so the schema ends as a new store's. (The triggers refuse
    // updates of kept rows, a check-in, a resolved misunderstanding, which writing the uids
    // is; and every ALTER TABLE parses the whole schema again, which without them is short.)
    std::vector<std::pair<std::string, std::string>> kept; // type, sql; in creation order
    {
        db::Statement s(db, "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('trigger', "
                            "'view') AND sql IS NOT NULL ORDER BY rowid");
        std::vector<std::pair<std::string, std::string>> names;
        while (s.step()) {
            names.emplace_back(s.get_text(0), s.get_text(1));
            kept.emplace_back(s.get_text(0), s.get_text(2));
        }
        s.reset();
        for (const auto& [type, name] : names)
            db.exec(
                ("DROP " + std::string(type == "view" ? "VIEW" : "TRIGGER") + " \"" + name + "\"")
                    .c_str());
    }

    // Every person's supervision line (storage/people.cpp), top down, from the supervisors.
    db.exec("ALTER TABLE person ADD COLUMN line TEXT NOT NULL DEFAULT ''");
    {
        std::map<std::int64_t, std::optional<std::int64_t>> boss;
        {
            db::Statement s(db, "SELECT id, supervisor_id FROM person");
            while (s.step())
                boss[s.get_int(0)] = s.get_opt_int(1);
        }
        std::map<std::int64_t, std::string> line;
        // Iteratively (no recursion on deep files): a person's line once their supervisor's is
        // known; cycles were always refused, an unknown supervisor ends the line.
        auto line_of = [&](std::int64_t id) -> const std::string& {
            std::vector<std::int64_t> path;
            std::int64_t at = id;
            while (!line.count(at)) {
                path.push_back(at);
                auto b = boss.find(at);
                if (b == boss.end() || !b->second || !boss.count(*b->second) ||
                    path.size() > boss.size())
                    break;
                at = *b->second;
            }
            for (auto p = path.rbegin(); p != path.rend(); ++p) {
                auto b = boss[*p];
                line[*p] = b && line.count(*b) ? line[*b] + std::to_string(*b) + "/" : "";
            }
            return line[id];
        };
        db::Statement set(db, "UPDATE person SET line = ?2 WHERE id = ?1");
        for (const auto& [id, b] : boss) {
            const std::string& l = line_of(id);
            if (l.empty())
                continue;
            set.bind(1, id);
            set.bind(2, l);
            set.run();
        }
    }

    // A uid on every row of the tables operations name records of; required and fixed from now.
    const std::int64_t now = wall_ms();
    for (const char* t : kNames) {
        std::string table = t;
        db.exec(("ALTER TABLE " + table + " ADD COLUMN uid BLOB").c_str());
        std::vector<std::int64_t> ids;
        {
            db::Statement s(db, ("SELECT id FROM " + table + " ORDER BY id").c_str());
            while (s.step())
                ids.push_back(s.get_int(0));
        }
        db::Statement set(db, ("UPDATE " + table + " SET uid = ?2 WHERE id = ?1").c_str());
        for (std::int64_t id : ids) {
            set.bind(1, id);
            set.bind_blob(2, blob(ops::new_uid(now)));
            set.run();
        }
    }
    for (const auto& [type, sql] : kept)
        db.exec(sql.c_str());
    for (const char* t : kNames) {
        std::string table = t;
        std::string sql = "CREATE UNIQUE INDEX " + table + "_uid ON " + table + "(uid);\n" +
                          // A taken uid is refused before INSERT OR REPLACE could delete the
                          // row holding it (REPLACE fires no delete trigger).
                          "CREATE TRIGGER " + table + "_uid_required BEFORE INSERT ON " + table +
                          "\nWHEN NEW.uid IS NULL OR length(NEW.uid) <> 16 OR EXISTS (SELECT 1 "
                          "FROM " +
                          table +
                          " k WHERE k.uid = NEW.uid)\n"
                          "BEGIN SELECT RAISE(ABORT, 'a record needs its own 16-byte uid'); "
                          "END;\n" +
                          "CREATE TRIGGER " + table + "_uid_fixed BEFORE UPDATE OF uid ON " +
                          table +
                          "\nWHEN NEW.uid IS NOT OLD.uid\n"
                          "BEGIN SELECT RAISE(ABORT, 'a record keeps its uid'); END;\n";
        db.exec(sql.c_str());
    }

    db.exec(kSchemaV8);
    db.exec(kLogIndexes);
    const Uid device = ops::new_uid(now);
    {
        db::Statement s(db, "INSERT INTO store_meta (key, value) VALUES ('device', ?1)");
        s.bind_blob(1, blob(device));
        s.run();
    }

    // First the state: one import.row operation per row, in an order where references come
    // first. Their clock values come before every other entry's (physical time zero): a replay
    // rebuilds the state as it was, then its history and every later change follow. They are
    // dated by the file's last recorded change (the state they hold is the state as of then),
    // so migrating the same file twice writes the same log.
    std::int64_t hlc = 0;
    std::int64_t as_of = 0;
    {
        db::Statement s(db, "SELECT coalesce(max(at), 0) FROM audit_log");
        s.step();
        as_of = s.get_int(0);
    }
    for (const char* t : kStateTables) {
        std::string table = t;
        if (table == "person_key")
            continue; // made by schema v9, after this step
        std::vector<ops::Value> rows;
        std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>> people; // id, boss
        {
            db::Statement s(db, ("SELECT * FROM " + table).c_str());
            while (s.step()) {
                ops::ObjectBuilder row(ops::ObjectBuilder::kKeepNulls); // NULL is a value here
                for (int c = 0; c < s.columns(); ++c)
                    row.add(s.column_name(c), column_value(s, c));
                rows.push_back(row.done());
                if (table == "person")
                    people.push_back({s.get_int(0), s.get_opt_int(5)});
            }
        }
        std::vector<std::size_t> order(rows.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        if (table == "person") {
            // Supervisors before the people they supervise (cycles were always refused).
            std::map<std::int64_t, std::size_t> index;
            for (std::size_t i = 0; i < people.size(); ++i)
                index[people[i].first] = i;
            std::vector<int> state(people.size(), 0);
            order.clear();
            std::function<void(std::size_t)> visit = [&](std::size_t i) {
                if (state[i] != 0)
                    return;
                state[i] = 1;
                if (auto boss = people[i].second; boss && index.count(*boss))
                    visit(index[*boss]);
                state[i] = 2;
                order.push_back(i);
            };
            for (std::size_t i = 0; i < people.size(); ++i)
                visit(i);
        }
        for (std::size_t i : order) {
            OpRow row;
            row.device = device;
            row.at_ms = as_of;
            hlc = ops::next_hlc(hlc, 0);
            row.hlc = hlc;
            row.kind = "import.row";
            row.payload =
                ops::ObjectBuilder().add("table", table).add("row", rows[i]).done().dump();
            append(db, row);
        }
    }

    // Then the audit log's entries, in their order, with their actors, times and details (kind
    // legacy.audit: history, not state; a replay copies them). Their ids (the log's positions)
    // now follow the imported rows'.
    {
        db::Statement s(db, "SELECT a.at, a.actor_id, p.uid, a.action, a.entity, a.entity_id, "
                            "a.detail FROM audit_log a LEFT JOIN person p ON p.id = a.actor_id "
                            "ORDER BY a.id");
        while (s.step()) {
            OpRow row;
            row.device = device;
            row.at_ms = s.get_int(0);
            hlc = ops::next_hlc(hlc, row.at_ms);
            row.hlc = hlc;
            row.actor_id = s.get_opt_int(1);
            if (!s.is_null(2))
                row.actor = uid_from_blob(s.get_bytes(2));
            row.kind = "legacy.audit";
            row.action = s.get_bytes(3);
            row.entity = s.get_bytes(4);
            row.entity_id = s.get_int(5);
            row.detail = detail::valid_utf8(s.get_bytes(6));
            row.payload = ops::ObjectBuilder()
                              .add("action", *row.action)
                              .add("entity", *row.entity)
                              .add("entity_id", *row.entity_id)
                              .add("detail", *row.detail)
                              .done()
                              .dump();
            append(db, row);
        }
    }
    db.exec(kAuditView);
}

} // namespace mentorkit::storage
