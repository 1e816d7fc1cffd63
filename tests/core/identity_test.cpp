// Identity: Ed25519 keys (checked against RFC 8032's vectors), fingerprints and safety numbers,
// key files readable by their owner only, and personal stores that act as their owner only.

#include "fixtures.hpp"

#include "mentorkit/identity.hpp"

#include <sys/stat.h>

#include <regex>

using namespace mentorkit;
using namespace mk_test;

namespace {

std::vector<std::uint8_t> hex(std::string_view h) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < h.size(); i += 2)
        out.push_back(
            static_cast<std::uint8_t>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
    return out;
}

std::string hex_of(std::span<const std::uint8_t> bytes) {
    std::string out;
    char b[3];
    for (std::uint8_t x : bytes) {
        std::snprintf(b, sizeof b, "%02x", x);
        out += b;
    }
    return out;
}

NewPerson named(const std::string& name, int level = 1) {
    NewPerson p;
    p.name = name;
    p.level = level;
    return p;
}

std::shared_ptr<const SigningKey> new_key() {
    return std::make_shared<const SigningKey>(SigningKey::generate());
}

} // namespace

TEST_CASE("Keys sign and verify as RFC 8032 says", "[identity]") {
    struct Vector {
        const char *seed, *public_key, *message, *signature;
    };
    // RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte).
    const Vector vectors[] = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e"
         "39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f"
         "3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    };
    for (const Vector& v : vectors) {
        SigningKey key = SigningKey::from_seed(hex(v.seed));
        CHECK(key.public_key().to_hex() == v.public_key);
        CHECK(hex_of(key.seed()) == v.seed);
        auto message = hex(v.message);
        auto signature = key.sign(message);
        CHECK(hex_of(signature) == v.signature);
        CHECK(verify_signature(key.public_key(), message, signature));
        // One bit changed in the message, the signature or the key: refused.
        auto other = message;
        other.push_back(0);
        CHECK_FALSE(verify_signature(key.public_key(), other, signature));
        auto bad = signature;
        bad[10] ^= 1;
        CHECK_FALSE(verify_signature(key.public_key(), message, bad));
        PublicKey wrong = key.public_key();
        wrong.bytes[0] ^= 1;
        CHECK_FALSE(verify_signature(wrong, message, signature));
        CHECK_FALSE(verify_signature(key.public_key(), message,
                                     std::span<const std::uint8_t>(signature.data(), 63)));
    }
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  SigningKey::from_seed(std::vector<std::uint8_t>(31)));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, PublicKey::parse("d75a98"));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  PublicKey::parse(std::string(64, 'g')));
    CHECK(PublicKey::parse("D75A980182B10AB7D54BFED3C964073A0EE172F3DAA62325AF021A68F707511A")
              .to_hex() == vectors[0].public_key);

    // Generated keys differ, and a key moved from is wiped (its seed no longer signs).
    SigningKey a = SigningKey::generate(), b = SigningKey::generate();
    CHECK(a.public_key() != b.public_key());
    SigningKey c = SigningKey::from_seed(a.seed());
    CHECK(c.public_key() == a.public_key());
    SigningKey moved = std::move(c);
    CHECK(moved.public_key() == a.public_key());
    CHECK(c.seed() == std::array<std::uint8_t, 32>{});
}

TEST_CASE("Fingerprints and safety numbers are digits both people can compare", "[identity]") {
    SigningKey a = SigningKey::generate(), b = SigningKey::generate();
    std::string fa = a.public_key().fingerprint();
    CHECK(std::regex_match(fa, std::regex("[0-9]{5}( [0-9]{5}){5}")));
    CHECK(fa == SigningKey::from_seed(a.seed()).public_key().fingerprint()); // stable
    CHECK(fa != b.public_key().fingerprint());
    // A key one bit away has an unrelated fingerprint.
    PublicKey near = a.public_key();
    near.bytes[31] ^= 1;
    CHECK(near.fingerprint() != fa);

    std::string ab = safety_number(a.public_key(), b.public_key());
    CHECK(ab == safety_number(b.public_key(), a.public_key())); // the same on both devices
    CHECK(std::regex_match(ab, std::regex("[0-9]{5}( [0-9]{5}){11}")));
    CHECK(ab.find(fa) != std::string::npos);
    CHECK(ab.find(b.public_key().fingerprint()) != std::string::npos);

    // The derivation of docs/sync.md, computed independently (Python's hashlib.blake2b over
    // RFC 8032's first public key): devices of two versions must show the same digits.
    PublicKey rfc =
        PublicKey::parse("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    CHECK(rfc.fingerprint() == "30993 20437 01777 03138 54968 64228");
}

TEST_CASE("A key file is its owner's only and is never replaced", "[identity]") {
    TempDir dir;
    auto path = dir.file("ada.key");
    SigningKey key = SigningKey::generate();
    key_file::create(path, key);

    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(key_file::read(path).public_key() == key.public_key());
    std::string text = read_bytes(path);
    CHECK(text == "mentorkit-ed25519-seed-v1 " + hex_of(key.seed()) + "\n");

    // Never replaced: the first key stays.
    SigningKey other = SigningKey::generate();
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, key_file::create(path, other));
    CHECK(read_bytes(path) == text);

    // Readable by others: refused, whoever runs it (root included).
    ::chmod(path.c_str(), 0644);
    auto message =
        REQUIRE_ERROR(PermissionDenied, ErrorCode::unsafe_key_file, key_file::read(path));
    CHECK(message.find("chmod 600") != std::string::npos);
    ::chmod(path.c_str(), 0620);
    REQUIRE_ERROR(PermissionDenied, ErrorCode::unsafe_key_file, key_file::read(path));
    ::chmod(path.c_str(), 0600);
    CHECK(key_file::read(path).public_key() == key.public_key());

    REQUIRE_ERROR(NotFound, ErrorCode::not_found, key_file::read(dir.file("missing.key")));
    for (std::string bad : {std::string(""), std::string("mentorkit-ed25519-seed-v1 abc\n"),
                            "mentorkit-ed25519-seed-v2 " + hex_of(key.seed()) + "\n",
                            "mentorkit-ed25519-seed-v1 " + std::string(64, 'z') + "\n",
                            "mentorkit-ed25519-seed-v1 " + hex_of(key.seed()) + " extra\n"}) {
        auto p = dir.file("bad.key");
        std::filesystem::remove(p);
        write_bytes(p, bad);
        ::chmod(p.c_str(), 0600);
        INFO(bad);
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, key_file::read(p));
    }
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, key_file::read(dir.path()));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, key_file::read(""));
}

TEST_CASE("A personal store acts as its owner only", "[identity]") {
    TempDir dir;
    auto file = dir.file("ada.mentorkit");
    auto key = new_key();
    PersonId ada, grace;
    {
        Store store = Store::create_personal(file, named("Ada", 3), key);
        Identity& id = store.identity();
        REQUIRE(id.is_personal());
        ada = *id.owner();
        CHECK(store.people().get(ada).name == "Ada");
        CHECK(id.device_key() == key->public_key());
        CHECK(id.can_act());
        // The first batch is the owner making their own record and registering this
        // device's key.
        auto first = store.operations().list(0, 10);
        REQUIRE(first.size() == 2);
        CHECK(first[0].kind == "person.create");
        CHECK(first[0].actor.has_value());
        CHECK(first[1].kind == "key.add");
        CHECK(first[1].actor == first[0].actor);
        CHECK(first[1].batch_size == 2);
        auto keys = id.keys(ada);
        REQUIRE(keys.size() == 1);
        CHECK(keys[0].key == key->public_key());
        CHECK(keys[0].device == store.operations().device());
        CHECK_FALSE(keys[0].vouched_by.has_value());
        CHECK_FALSE(keys[0].revoked());

        // The owner acts; nobody else does, and a change naming nobody is refused too.
        grace = store.people().create(named("Grace", 4), ada);
        std::int64_t ops = store.operations().count();
        auto m = REQUIRE_ERROR(PermissionDenied, ErrorCode::not_owner,
                               store.people().rename(ada, "Mallory", grace));
        CHECK(m.find("Ada") != std::string::npos);
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_owner, store.people().rename(ada, "X"));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_owner, store.people().create(named("Eve")));
        CHECK(store.operations().count() == ops);
        CHECK(store.people().get(ada).name == "Ada");

        NewRelationship r;
        r.guide = grace;
        r.learner = ada;
        r.focus = "research";
        r.start = make_date(2026, 12, 1);
        r.proposed_by = ada;
        RelationshipId rel = store.relationships().propose(r);
        r.proposed_by = grace;
        r.focus = "writing";
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_owner, store.relationships().propose(r));
        CHECK(store.relationships().list().size() == 1);
        CHECK(store.relationships().get(rel).focus == "research");
    }
    // Without the key it reads and refuses every change.
    {
        Store store = Store::open(file);
        CHECK(store.identity().owner() == ada);
        CHECK_FALSE(store.identity().can_act());
        CHECK(store.people().get(grace).name == "Grace");
        std::int64_t ops = store.operations().count();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::key_required,
                      store.people().rename(ada, "Ada L.", ada));
        CHECK(store.operations().count() == ops);
    }
    // Another key: refused at open; the right one from its key file: acts again.
    {
        StoreOptions wrong;
        wrong.key = new_key();
        auto m = REQUIRE_ERROR(InvalidArgument, ErrorCode::wrong_key, Store::open(file, wrong));
        CHECK(m.find(key->public_key().fingerprint()) != std::string::npos);
        key_file::create(dir.file("ada.key"), *key);
        StoreOptions right;
        right.key = std::make_shared<const SigningKey>(key_file::read(dir.file("ada.key")));
        Store store = Store::open(file, right);
        CHECK(store.identity().can_act());
        store.people().rename(ada, "Ada L.", ada);
        CHECK(store.people().get(ada).name == "Ada L.");
    }
    // Its log replays to the same state, every table alike, and its chain holds.
    VerifyReport report = Store::verify(file);
    CHECK(report.ok());
    CHECK(report.checked >= 4);
}

TEST_CASE("A personal store is made in a new file, whole or not at all", "[identity]") {
    TempDir dir;
    auto key = new_key();
    // An existing file is never taken over.
    auto shared = dir.file("shared.mentorkit");
    {
        Store s = Store::open(shared);
        s.people().create(named("Grace"));
    }
    std::string before = read_bytes(shared);
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  Store::create_personal(shared, named("Ada"), key));
    CHECK(read_bytes(shared) == before);
    // A key for a shared file is refused rather than ignored.
    StoreOptions with_key;
    with_key.key = key;
    REQUIRE_ERROR(InvalidArgument, ErrorCode::wrong_key, Store::open(shared, with_key));
    {
        Store s = Store::open(shared);
        CHECK_FALSE(s.identity().is_personal());
        CHECK_FALSE(s.identity().owner().has_value());
        CHECK_FALSE(s.identity().device_key().has_value());
        CHECK(s.identity().can_act());
    }

    // An invalid owner leaves no file behind.
    auto file = dir.file("nobody.mentorkit");
    REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                  Store::create_personal(file, named("   "), key));
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK_FALSE(std::filesystem::exists(dir.file("nobody.mentorkit-wal")));
    NewPerson supervised = named("Ada");
    supervised.supervisor = PersonId{1};
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  Store::create_personal(file, supervised, key));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  Store::create_personal(file, named("Ada"), nullptr));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  Store::create_personal(":memory:", named("Ada"), key));
    CHECK_FALSE(std::filesystem::exists(file));
}
