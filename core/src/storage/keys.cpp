#include "storage/keys.hpp"

#include "mentorkit/error.hpp"
#include "ops/ids.hpp"
#include "ops/json.hpp"
#include "storage/database.hpp"
#include "storage/identity.hpp"
#include "storage/oplog.hpp"
#include "storage/records.hpp"
#include "validate.hpp"

#include <chrono>
#include <cstring>

namespace mentorkit::storage {

namespace {

constexpr const char* kSchemaV9 = R"sql(
-- Which key signs for whom, on which device: state, folded from key.add operations. A device
-- has one key and a key one device; people are never deleted, so neither are their keys.
CREATE TABLE person_key (
    public_key BLOB    PRIMARY KEY CHECK (length(public_key) = 32),
    person_id  INTEGER NOT NULL REFERENCES person(id),
    device     BLOB    NOT NULL UNIQUE CHECK (length(device) = 16),
    vouched_by INTEGER REFERENCES person(id),
    added_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX person_key_person ON person_key(person_id, added_at);

-- Revoked keys: kept facts, not state. A rewind of the state keeps them (an operation signed
-- by a stolen key must stay refused whatever order it arrives in), and a revocation only ever
-- moves earlier: through_seal is the last seal of the key's device that still counts.
CREATE TABLE key_revocation (
    public_key   BLOB    PRIMARY KEY CHECK (length(public_key) = 32),
    through_seal INTEGER NOT NULL CHECK (through_seal >= 0),
    revoked_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TRIGGER key_revocation_no_delete BEFORE DELETE ON key_revocation
BEGIN SELECT RAISE(ABORT, 'a revocation is never undone'); END;
CREATE TRIGGER key_revocation_only_earlier BEFORE UPDATE ON key_revocation
WHEN NEW.public_key IS NOT OLD.public_key OR NEW.through_seal >= OLD.through_seal
BEGIN SELECT RAISE(ABORT, 'a revocation only moves earlier'); END;
)sql";

std::string key_blob(const PublicKey& k) {
    return std::string(reinterpret_cast<const char*>(k.bytes.data()), k.bytes.size());
}

PublicKey key_from_blob(const std::string& bytes) {
    if (bytes.size() != 32)
        throw StorageError("a stored public key is not 32 bytes", ErrorCode::corrupt);
    PublicKey k;
    std::memcpy(k.bytes.data(), bytes.data(), 32);
    return k;
}

// The statements are cached by their text's address (db::Database::cached), so each is one
// literal.
#define MK_KEY_SELECT                                                                              \
    "SELECT k.public_key, k.person_id, k.device, k.vouched_by, k.added_at, r.through_seal, "       \
    "r.revoked_at FROM person_key k LEFT JOIN key_revocation r ON r.public_key = k.public_key "

KeyRow read_row(db::Statement& s) {
    KeyRow r;
    r.key = key_from_blob(s.get_bytes(0));
    r.person = PersonId{s.get_int(1)};
    r.device = uid_from_blob(s.get_bytes(2));
    if (auto v = s.get_opt_int(3))
        r.vouched_by = PersonId{*v};
    r.added_at_ms = s.get_int(4);
    r.revoked_through = s.get_opt_int(5);
    r.revoked_at_ms = s.get_opt_int(6);
    return r;
}

std::optional<KeyRow> one(db::Statement& s) {
    if (!s.step())
        return std::nullopt;
    return read_row(s);
}

} // namespace

void insert_key(db::Database& db, const KeyRow& row) {
    db::Use s(db.cached("INSERT INTO person_key (public_key, person_id, device, vouched_by, "
                        "added_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
    s->bind_blob(1, key_blob(row.key));
    s->bind(2, raw(row.person));
    s->bind_blob(3, uid_blob(row.device));
    if (row.vouched_by)
        s->bind(4, raw(*row.vouched_by));
    else
        s->bind_null(4);
    s->bind(5, row.added_at_ms);
    s->run();
}

std::optional<KeyRow> find_key(db::Database& db, const PublicKey& key) {
    db::Use s(db.cached(MK_KEY_SELECT "WHERE k.public_key = ?1"));
    s->bind_blob(1, key_blob(key));
    return one(*s);
}

std::optional<KeyRow> key_of_device(db::Database& db, const Uid& device) {
    db::Use s(db.cached(MK_KEY_SELECT "WHERE k.device = ?1"));
    s->bind_blob(1, uid_blob(device));
    return one(*s);
}

std::vector<KeyRow> keys_of(db::Database& db, PersonId person) {
    db::Use s(db.cached(MK_KEY_SELECT "WHERE k.person_id = ?1 ORDER BY k.added_at, k.public_key"));
    s->bind(1, raw(person));
    std::vector<KeyRow> out;
    while (s->step())
        out.push_back(read_row(*s));
    return out;
}

#undef MK_KEY_SELECT

void revoke_key(db::Database& db, const PublicKey& key, std::int64_t through, std::int64_t at_ms) {
    db::Use s(db.cached("INSERT INTO key_revocation (public_key, through_seal, revoked_at) "
                        "VALUES (?1, ?2, ?3) ON CONFLICT (public_key) DO UPDATE SET "
                        "through_seal = excluded.through_seal, revoked_at = excluded.revoked_at "
                        "WHERE excluded.through_seal < through_seal"));
    s->bind_blob(1, key_blob(key));
    s->bind(2, through);
    s->bind(3, at_ms);
    s->run();
}

std::optional<std::int64_t> revoked_through(db::Database& db, const PublicKey& key) {
    db::Use s(db.cached("SELECT through_seal FROM key_revocation WHERE public_key = ?1"));
    s->bind_blob(1, key_blob(key));
    if (!s->step())
        return std::nullopt;
    return s->get_int(0);
}

bool coordinates_participant(db::Database& db, PersonId coordinator, PersonId person) {
    db::Use s(db.cached(
        "SELECT 1 FROM program p WHERE p.coordinator_id = ?1 AND (EXISTS (SELECT 1 FROM "
        "program_mentee m WHERE m.program_id = p.id AND m.person_id = ?2) OR EXISTS (SELECT 1 "
        "FROM program_mentor m WHERE m.program_id = p.id AND m.person_id = ?2)) LIMIT 1"));
    s->bind(1, raw(coordinator));
    s->bind(2, raw(person));
    return s->step();
}

std::string key_added_detail(const PublicKey& key, const Uid& device) {
    return detail::Json().add("key", key.to_hex()).add("device", device.to_string()).str();
}

void upgrade_v9(db::Database& db) {
    db.exec(kSchemaV9);
    auto owner = read_owner(db);
    if (!owner)
        return; // a shared file: nobody's key is known yet
    // A personal store made at v8 knew its own key from store_meta only: it becomes the first
    // registered key, by a key.add of the owner, so that a replay and every other device see it.
    std::int64_t person = 0;
    {
        db::Statement s(db, "SELECT id FROM person WHERE uid = ?1");
        s.bind_blob(1, uid_blob(owner->person));
        if (!s.step())
            throw StorageError("the personal store's owner is not among its people",
                               ErrorCode::corrupt);
        person = s.get_int(0);
    }
    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    const Uid device = local_device(db);
    insert_key(db, {owner->key, PersonId{person}, device, std::nullopt, now, {}, {}});
    OpRow row;
    row.device = device;
    row.at_ms = now;
    row.hlc = ops::next_hlc(last_hlc(db), now);
    row.actor = owner->person;
    row.actor_id = person;
    row.kind = "key.add";
    row.payload = ops::ObjectBuilder()
                      .add("person", ops::Value(owner->person.to_string()))
                      .add("key", owner->key.to_hex())
                      .add("device", device.to_string())
                      .done()
                      .dump();
    row.action = "add_key";
    row.entity = "person";
    row.entity_id = person;
    row.detail = key_added_detail(owner->key, device);
    append(db, row);
}

} // namespace mentorkit::storage
