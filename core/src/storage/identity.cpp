#include "storage/identity.hpp"

#include "mentorkit/error.hpp"
#include "storage/database.hpp"
#include "storage/oplog.hpp"
#include "storage/records.hpp"

#include <cstring>

namespace mentorkit::storage {

namespace {
std::optional<std::string> meta(db::Database& db, const char* key) {
    db::Use s(db.cached("SELECT value FROM store_meta WHERE key = ?1"));
    s->bind(1, key);
    if (!s->step())
        return std::nullopt;
    return s->get_bytes(0);
}
} // namespace

std::optional<Owner> read_owner(db::Database& db) {
    auto person = meta(db, "owner");
    auto key = meta(db, "owner_key");
    if (!person && !key)
        return std::nullopt;
    if (!person || !key || key->size() != 32)
        throw StorageError("the store's owner entries (store_meta) are incomplete or malformed",
                           ErrorCode::corrupt);
    Owner o;
    o.person = uid_from_blob(*person);
    std::memcpy(o.key.bytes.data(), key->data(), 32);
    return o;
}

void write_owner(db::Database& db, const Owner& owner) {
    db::Use s(db.cached("INSERT INTO store_meta (key, value) VALUES ('owner', ?1), "
                        "('owner_key', ?2)"));
    s->bind_blob(1, uid_blob(owner.person));
    s->bind_blob(2, std::string(reinterpret_cast<const char*>(owner.key.bytes.data()), 32));
    s->run();
}

} // namespace mentorkit::storage
