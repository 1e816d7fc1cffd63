#pragma once
// The keys that vouch for people (schema v9): person_key, the state of which keys belong to
// whom and on which device, and key_revocation, kept facts that outlive every rewind of the
// state (docs/sync.md "Who vouches for a key"). Every statement on them is here.

#include "mentorkit/identity.hpp"
#include "mentorkit/operations.hpp"
#include "mentorkit/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

/// One row of person_key, with its revocation when there is one.
struct KeyRow {
    PublicKey key{};
    PersonId person{};
    Uid device{};
    std::optional<PersonId> vouched_by{};
    std::int64_t added_at_ms = 0;
    std::optional<std::int64_t> revoked_through{};
    std::optional<std::int64_t> revoked_at_ms{};
};

/// Registers a key (the caller checked that neither the key nor the device is taken).
void insert_key(db::Database& db, const KeyRow& row);
/// The row of a key, or of the key a device is bound to; nothing when there is none.
std::optional<KeyRow> find_key(db::Database& db, const PublicKey& key);
std::optional<KeyRow> key_of_device(db::Database& db, const Uid& device);
/// A person's keys, oldest first.
std::vector<KeyRow> keys_of(db::Database& db, PersonId person);
/// Records that `key` counts through seal `through` only; an earlier revocation of the same key
/// keeps the smaller number. Revocations are never deleted.
void revoke_key(db::Database& db, const PublicKey& key, std::int64_t through, std::int64_t at_ms);
/// The seal number a key counts through, when it was revoked.
std::optional<std::int64_t> revoked_through(db::Database& db, const PublicKey& key);
/// True when `coordinator` coordinates a program `person` takes part in (mentee or mentor).
bool coordinates_participant(db::Database& db, PersonId coordinator, PersonId person);

/// The audit detail of a key's registration: its key and device in hex (no private text).
std::string key_added_detail(const PublicKey& key, const Uid& device);

/// Schema v9: the key tables; a personal store's own key becomes its first registered key (a
/// key.add operation of its owner, appended to the log).
void upgrade_v9(db::Database& db);

} // namespace mentorkit::storage
