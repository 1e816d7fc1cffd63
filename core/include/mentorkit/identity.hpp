#pragma once
/// @file identity.hpp
/// Who a store belongs to and the keys that vouch for people (docs/sync.md "Keys", "Who vouches
/// for a key"). Each device of a person has an Ed25519 key pair (libsodium). The private part is
/// a 32-byte seed that never enters a database file: it lives in a key file readable by its
/// owner only (KeyFile), or with the host (a phone's keychain), which hands it to the core at
/// open (StoreOptions::key). A personal store (Store::create_personal) belongs to one person on
/// one device and acts as that person only.

#include "mentorkit/operations.hpp"
#include "mentorkit/types.hpp"

#include <array>
#include <compare>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// An Ed25519 public key (32 bytes).
struct PublicKey {
    std::array<std::uint8_t, 32> bytes{};
    /// 64 lower-case hex digits.
    std::string to_hex() const;
    /// Parses 64 hex digits; InvalidArgument otherwise.
    static PublicKey parse(std::string_view hex);
    /// The key's fingerprint for people: 30 decimal digits in six groups of five separated by
    /// spaces, from 5200 iterations of BLAKE2b-512 over the key (docs/sync.md "Keys").
    std::string fingerprint() const;
    auto operator<=>(const PublicKey&) const = default;
};

/// The safety number of two keys: both fingerprints, the smaller first, as 12 groups of five
/// digits. Both people's devices show the same number; comparing it out of band confirms that
/// each holds the other's real key.
std::string safety_number(const PublicKey& a, const PublicKey& b);

/// A device's signing key: an Ed25519 key pair made from a 32-byte seed. Move-only; the secret
/// is wiped when the key is destroyed. Copies are explicit: from_seed(key.seed()).
class SigningKey {
public:
    /// A new key pair from the system's randomness.
    static SigningKey generate();
    /// The key pair of a seed the host kept (32 bytes; InvalidArgument otherwise).
    static SigningKey from_seed(std::span<const std::uint8_t> seed);

    SigningKey(SigningKey&& other) noexcept;
    SigningKey& operator=(SigningKey&& other) noexcept;
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;
    ~SigningKey();

    /// The public half.
    const PublicKey& public_key() const noexcept { return m_public; }
    /// The seed, for a host that keeps the key itself (its keychain). Handle it as a secret.
    std::array<std::uint8_t, 32> seed() const;
    /// The detached Ed25519 signature (64 bytes) of a message.
    std::array<std::uint8_t, 64> sign(std::span<const std::uint8_t> message) const;

private:
    SigningKey() = default;
    std::array<std::uint8_t, 64> m_secret{}; // libsodium's secret key: seed then public key
    PublicKey m_public{};
};

/// True when `signature` (64 bytes) is `key`'s signature of `message`; false for any other
/// input, including a signature of the wrong size.
bool verify_signature(const PublicKey& key, std::span<const std::uint8_t> message,
                      std::span<const std::uint8_t> signature) noexcept;

/// Key files: a signing key's seed on disk, readable and writable by its owner only.
///
/// The file holds one line "mentorkit-ed25519-seed-v1 <64 hex digits>". create() makes it with
/// mode 0600 and refuses to replace an existing file; read() refuses a file that anyone but its
/// owner may read or write (PermissionDenied, ErrorCode::unsafe_key_file: change it with
/// `chmod 600`), a missing one (NotFound) and a malformed one (InvalidArgument).
namespace key_file {
/// Writes `key` to a new file at `path` (InvalidArgument when the file exists; StorageError when
/// it cannot be written).
void create(const std::filesystem::path& path, const SigningKey& key);
/// Reads the key of a key file.
SigningKey read(const std::filesystem::path& path);
/// Where the clients look for a personal store's key when none is named: beside the store, its
/// path with ".key" appended ("ada.mentorkit.key").
std::filesystem::path beside(const std::filesystem::path& store);
} // namespace key_file

/// A key registered for a person: the public key of one of their devices, who vouched for it,
/// and whether it was revoked (docs/sync.md "Who vouches for a key").
struct PersonKey {
    PublicKey key{};
    PersonId person{};
    Uid device{};                         ///< The device that holds the private half.
    std::optional<PersonId> vouched_by{}; ///< A coordinator who vouched; empty: the person.
    Timestamp added_at{};
    /// Set once revoked: the last seal of its device that still counts (0: none does).
    std::optional<std::int64_t> revoked_through{};
    std::optional<Timestamp> revoked_at{};
    bool revoked() const noexcept { return revoked_through.has_value(); }
};

/// The owner and keys of a store (`Store::identity()`).
class Identity {
public:
    explicit Identity(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// True for a personal store (it has an owner), false for a shared file.
    bool is_personal() const;
    /// The owner of a personal store; nothing for a shared file.
    std::optional<PersonId> owner() const;
    /// The public key of this device's owner key (personal stores; nothing for a shared file).
    std::optional<PublicKey> device_key() const;
    /// True when changes can be made: always on a shared file; on a personal store, when it
    /// was opened with its owner's key.
    bool can_act() const;

    /// Registers `key` as the key of `person`'s device `device` (operation key.add). Who may:
    /// the person themselves, the coordinator of a program the person takes part in (who then
    /// vouches for it), or an administrator of a shared file (no `by`). A key is registered
    /// once and a device has one key: RuleViolation key_taken otherwise. PermissionDenied for
    /// anyone else; NotFound for an unknown person.
    void add_key(PersonId person, const PublicKey& key, const Uid& device,
                 std::optional<PersonId> by = std::nullopt);
    /// Revokes a registered key (operation key.revoke): operations its device sealed after
    /// seal `through_seal` no longer count (0: none of them). Who may: as for add_key, with the
    /// key's person in place of `person`. A revocation is never undone and only moves earlier
    /// (RuleViolation key_revoked for a number not below the current one); a personal store
    /// cannot revoke its own device's key (revoke it from another device). NotFound for a key
    /// that is not registered; InvalidArgument for a negative number.
    void revoke_key(const PublicKey& key, std::int64_t through_seal,
                    std::optional<PersonId> by = std::nullopt);
    /// A person's registered keys, oldest first (NotFound for an unknown person).
    std::vector<PersonKey> keys(PersonId person) const;
    /// The registration of a key, if it is registered here.
    std::optional<PersonKey> find_key(const PublicKey& key) const;

private:
    detail::StoreImpl* m_impl;
};

} // namespace mentorkit
