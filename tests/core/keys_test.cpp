// The keys that vouch for people: who may register a device's key (the person, their program's
// coordinator), once per key and per device; revocations that only move earlier and outlive
// every rewind and replay; a personal store's own key registered with its owner.

#include "fixtures.hpp"
#include "raw_sqlite.hpp"

#include "mentorkit/identity.hpp"

using namespace mentorkit;
using namespace mk_test;

namespace {

PublicKey key_of(std::uint8_t n) {
    std::array<std::uint8_t, 32> seed{};
    seed.fill(n);
    return SigningKey::from_seed(seed).public_key();
}

Uid device_of(std::uint8_t n) {
    Uid u;
    u.bytes.fill(n);
    return u;
}

NewPerson named(const std::string& name) {
    NewPerson p;
    p.name = name;
    p.level = 2;
    return p;
}

// Ada takes part in Grace's program; Eve is nobody to her.
struct Cast {
    Store store;
    PersonId ada, grace, eve;
    ProgramId program;
    explicit Cast(Store s) : store(std::move(s)) {
        ada = store.people().create(named("Ada"));
        grace = store.people().create(named("Grace"));
        eve = store.people().create(named("Eve"));
        program = store.programs().create({"Research mentoring", "grow researchers", grace});
        store.programs().set_mentee(program, {ada, {"research"}, std::nullopt, false}, grace);
    }
};

} // namespace

TEST_CASE("A person's keys are registered by them or their program's coordinator, once",
          "[identity][keys]") {
    Cast c(Store::open_memory());
    Identity& id = c.store.identity();
    CHECK(id.keys(c.ada).empty());

    id.add_key(c.ada, key_of(1), device_of(1), c.ada);
    id.add_key(c.ada, key_of(2), device_of(2), c.grace); // the coordinator vouches
    id.add_key(c.eve, key_of(3), device_of(3));          // an administrator of a shared file
    auto keys = id.keys(c.ada);
    REQUIRE(keys.size() == 2);
    if (keys[0].key != key_of(1)) // added in the same millisecond: in the keys' order
        std::swap(keys[0], keys[1]);
    CHECK(keys[0].key == key_of(1));
    CHECK(keys[0].person == c.ada);
    CHECK(keys[0].device == device_of(1));
    CHECK_FALSE(keys[0].vouched_by.has_value());
    CHECK(keys[1].vouched_by == c.grace);
    CHECK_FALSE(keys[1].revoked());
    REQUIRE(id.find_key(key_of(3)).has_value());
    CHECK(id.find_key(key_of(3))->person == c.eve);
    CHECK_FALSE(id.find_key(key_of(9)).has_value());
    // Each registration is an operation, and the audit log shows it without anything private.
    auto log = c.store.operations().list(0, 1000);
    CHECK(log.back().kind == "key.add");
    // Eve reads the entry of her own record's key: its key and device, nothing else.
    auto audit = c.store.audit().entries(c.eve);
    REQUIRE_FALSE(audit.empty());
    CHECK(audit.back().action == "add_key");
    CHECK(audit.back().entity == "person");
    CHECK(audit.back().detail == "{\"key\":\"" + key_of(3).to_hex() + "\",\"device\":\"" +
                                     device_of(3).to_string() + "\"}");

    // Refusals are typed, say why, and add nothing.
    const std::int64_t ops = c.store.operations().count();
    auto m = REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                           id.add_key(c.ada, key_of(4), device_of(4), c.eve));
    CHECK(m.find("Eve") != std::string::npos);
    CHECK(m.find("coordinator") != std::string::npos);
    // Grace coordinates Ada's program, not Eve's.
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  id.add_key(c.eve, key_of(4), device_of(4), c.grace));
    REQUIRE_ERROR(RuleViolation, ErrorCode::key_taken,
                  id.add_key(c.grace, key_of(1), device_of(5), c.grace));
    REQUIRE_ERROR(RuleViolation, ErrorCode::key_taken,
                  id.add_key(c.ada, key_of(5), device_of(1), c.ada));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                  id.add_key(PersonId{999}, key_of(5), device_of(5)));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, id.keys(PersonId{999}));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  id.add_key(c.ada, key_of(5), Uid{}, c.ada));
    CHECK(c.store.operations().count() == ops);
    CHECK(id.keys(c.ada).size() == 2);
}

TEST_CASE("A revoked key stays revoked, only moving earlier, through replays and raw SQL",
          "[identity][keys]") {
    TempDir dir;
    auto file = dir.file("program.mentorkit");
    {
        Cast c(Store::open(file));
        Identity& id = c.store.identity();
        id.add_key(c.ada, key_of(1), device_of(1), c.ada);
        id.add_key(c.ada, key_of(2), device_of(2), c.ada);
        const std::int64_t ops = c.store.operations().count();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      id.revoke_key(key_of(1), 0, c.eve));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, id.revoke_key(key_of(9), 0, c.ada));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      id.revoke_key(key_of(1), -1, c.ada));
        CHECK(c.store.operations().count() == ops);
        CHECK_FALSE(id.find_key(key_of(1))->revoked());

        id.revoke_key(key_of(1), 5, c.grace); // the coordinator, for a lost phone
        auto k = *id.find_key(key_of(1));
        CHECK(k.revoked());
        CHECK(k.revoked_through == 5);
        CHECK(k.revoked_at.has_value());
        REQUIRE_ERROR(RuleViolation, ErrorCode::key_revoked, id.revoke_key(key_of(1), 5, c.ada));
        REQUIRE_ERROR(RuleViolation, ErrorCode::key_revoked, id.revoke_key(key_of(1), 9, c.ada));
        id.revoke_key(key_of(1), 2, c.ada); // found out it was lost earlier
        CHECK(id.find_key(key_of(1))->revoked_through == 2);
        CHECK_FALSE(id.find_key(key_of(2))->revoked());
        // A revoked key stays registered: its device cannot take another key.
        REQUIRE_ERROR(RuleViolation, ErrorCode::key_taken,
                      id.add_key(c.ada, key_of(7), device_of(1), c.ada));
    }
    {
        // Raw SQL cannot undo a revocation or move it later.
        RawDb raw(file);
        CHECK(raw.exec("DELETE FROM key_revocation") != SQLITE_OK);
        CHECK(raw.exec("UPDATE key_revocation SET through_seal = through_seal + 1") != SQLITE_OK);
        CHECK(raw.scalar("SELECT through_seal FROM key_revocation") == "2");
    }
    // A replay of the log gives the same keys and the same revocation.
    auto copy = dir.file("replay.mentorkit");
    {
        Store source = Store::open(file);
        Store target = Store::open(copy);
        source.operations().replay_into(target);
    }
    Store replayed = Store::open(copy);
    PersonId ada = replayed.people().list().front().id;
    auto keys = replayed.identity().keys(ada);
    REQUIRE(keys.size() == 2);
    if (keys[0].key != key_of(1))
        std::swap(keys[0], keys[1]);
    CHECK(keys[0].revoked_through == 2);
    CHECK_FALSE(keys[1].revoked());
}

TEST_CASE("A personal store revokes its owner's other devices, never its own", "[identity][keys]") {
    TempDir dir;
    auto key = std::make_shared<const SigningKey>(SigningKey::generate());
    Store store = Store::create_personal(dir.file("ada.mentorkit"), named("Ada"), key);
    Identity& id = store.identity();
    PersonId ada = *id.owner();
    // The owner registers their phone, and, acting for nobody else, nobody else's key.
    id.add_key(ada, key_of(1), device_of(1), ada);
    PersonId grace = store.people().create(named("Grace"), ada);
    REQUIRE_ERROR(PermissionDenied, ErrorCode::not_owner,
                  id.add_key(grace, key_of(2), device_of(2), grace));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                  id.add_key(grace, key_of(2), device_of(2), ada));
    REQUIRE(id.keys(ada).size() == 2);
    auto m = REQUIRE_ERROR(RuleViolation, ErrorCode::key_revoked,
                           id.revoke_key(key->public_key(), 0, ada));
    CHECK(m.find("another") != std::string::npos);
    // From elsewhere, a key.add that names no actor is kept as refused: only a shared file
    // acts for nobody.
    Operation own = store.operations().list(0, 2).at(1);
    REQUIRE(own.kind == "key.add");
    Operation anonymous = own;
    anonymous.actor.reset();
    anonymous.device = device_of(9);
    anonymous.position = 0;
    anonymous.batch_size = 1;
    anonymous.hlc = store.operations().list(0, 1000).back().hlc + 1000;
    anonymous.payload = "{\"person\":\"" + own.payload.substr(11, 32) + "\",\"key\":\"" +
                        key_of(9).to_hex() + "\",\"device\":\"" + device_of(9).to_string() + "\"}";
    CHECK(store.operations().apply({anonymous}) == OperationStatus::refused);
    CHECK(store.operations().list(0, 1000).back().refusal == ErrorCode::permission_denied);
    CHECK_FALSE(id.find_key(key_of(9)).has_value());

    id.revoke_key(key_of(1), 0, ada); // the lost phone: nothing it sealed counts
    CHECK(id.find_key(key_of(1))->revoked_through == 0);
    CHECK_FALSE(id.find_key(key->public_key())->revoked());
}
