#pragma once
// Who a personal store belongs to: its owner and the public key of its device, two entries of
// store_meta (insert-only, like the device id). A shared file has neither.

#include "mentorkit/identity.hpp"
#include "mentorkit/operations.hpp"

#include <optional>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

struct Owner {
    Uid person{};
    PublicKey key{};
};

/// The owner of a personal store; nothing for a shared file. StorageError corrupt when only
/// one of the two entries is there or either is malformed.
std::optional<Owner> read_owner(db::Database& db);
/// Makes the store personal (inside the caller's transaction; the entries cannot change once
/// written).
void write_owner(db::Database& db, const Owner& owner);

} // namespace mentorkit::storage
