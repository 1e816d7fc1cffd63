// The keys that vouch for people (docs/sync.md "Who vouches for a key"): key.add registers a
// device's public key for a person, key.revoke stops a key from counting after a given seal of
// its device. Both are operations, applied by the same code wherever they come from; the SQL is
// in storage/keys.cpp.

#include "ops/keys.hpp"
#include "mentorkit/error.hpp"
#include "mentorkit/identity.hpp"
#include "ops/batch.hpp"
#include "ops/registry.hpp"
#include "storage/keys.hpp"
#include "storage/people.hpp"
#include "store_impl.hpp"

namespace mentorkit {

namespace {

std::string name_of(detail::StoreImpl& impl, PersonId id) {
    auto p = storage::find_person(impl.db(), id);
    return p ? p->name : "person " + std::to_string(raw(id));
}

// Who may vouch for a key of `person`: the person themselves, the coordinator of a program
// they take part in, or an administrator of a shared file (no actor; a personal store always
// names its owner). PermissionDenied otherwise.
void require_voucher(detail::StoreImpl& impl, std::optional<PersonId> by, PersonId person,
                     const char* what) {
    if (!by) {
        // Nobody acts only on a shared file; a personal store never takes a key on no one's word.
        if (impl.owner)
            throw PermissionDenied(std::string("a key operation naming no actor cannot ") + what +
                                   " a key of " + name_of(impl, person) + " on a personal store");
        return;
    }
    if (*by == person)
        return;
    impl.require_person(*by, "acting person");
    if (storage::coordinates_participant(impl.db(), *by, person))
        return;
    throw PermissionDenied(name_of(impl, *by) + " may not " + what + " a key of " +
                           name_of(impl, person) +
                           ": only they, or the coordinator of a program they take part in, can");
}

PersonKey to_public(const storage::KeyRow& r) {
    PersonKey k;
    k.key = r.key;
    k.person = r.person;
    k.device = r.device;
    k.vouched_by = r.vouched_by;
    k.added_at = detail::from_millis(r.added_at_ms);
    k.revoked_through = r.revoked_through;
    if (r.revoked_at_ms)
        k.revoked_at = detail::from_millis(*r.revoked_at_ms);
    return k;
}

std::string short_key(const PublicKey& k) {
    return k.to_hex().substr(0, 16);
}

struct AddKey {
    static constexpr const char* kind = "key.add";
    PersonId person;
    PublicKey key;
    Uid device;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        db::Database& db = impl.db();
        impl.require_person(person, "person");
        if (device.is_nil())
            throw InvalidArgument("a key's device id is not the nil id");
        require_voucher(impl, by, person, "vouch for");
        if (auto held = storage::find_key(db, key))
            throw RuleViolation("key " + short_key(key) + "… is already registered for " +
                                    name_of(impl, held->person) + "'s device " +
                                    held->device.to_string(),
                                ErrorCode::key_taken);
        if (auto held = storage::key_of_device(db, device))
            throw RuleViolation("device " + device.to_string() + " already has key " +
                                    short_key(held->key) +
                                    "…; a new key is registered for a new device",
                                ErrorCode::key_taken);
        storage::insert_key(db, {key,
                                 person,
                                 device,
                                 by && *by != person ? by : std::nullopt,
                                 detail::to_millis(impl.now()),
                                 {},
                                 {}});
        impl.audit(by, "add_key", "person", raw(person), storage::key_added_detail(key, device));
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("person", e.ref(person))
            .add("key", key.to_hex())
            .add("device", ops::uid_value(device))
            .done();
    }
    static AddKey decode(ops::Decoder& d) {
        return {d.ref<PersonId>("person"), PublicKey::parse(d.text("key")), d.uid("device"),
                d.actor()};
    }
};

struct RevokeKey {
    static constexpr const char* kind = "key.revoke";
    PublicKey key;
    std::int64_t through_seal = 0;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        if (through_seal < 0)
            throw InvalidArgument("a revocation counts through seal 0 or later, got " +
                                  std::to_string(through_seal));
        auto held = storage::find_key(impl.db(), key);
        if (!held)
            throw NotFound("key " + short_key(key) + "… is not registered in this store");
        require_voucher(impl, by, held->person, "revoke");
        // Kept facts: applied again (a rewind, a replay), it keeps the smaller number and
        // changes nothing else, so every order of the same operations gives the same result.
        storage::revoke_key(impl.db(), key, through_seal, detail::to_millis(impl.now()));
        impl.audit(by, "revoke_key", "person", raw(held->person),
                   detail::Json()
                       .add("key", key.to_hex())
                       .add("device", held->device.to_string())
                       .add("through_seal", through_seal)
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder&) const {
        return ops::ObjectBuilder()
            .add("key", key.to_hex())
            .add("through_seal", through_seal)
            .done();
    }
    static RevokeKey decode(ops::Decoder& d) {
        return {PublicKey::parse(d.text("key")), d.int64("through_seal"), d.actor()};
    }
};

} // namespace

namespace ops {
void register_keys(Registry& r) {
    r.add(AddKey::kind, &handle<AddKey>);
    r.add(RevokeKey::kind, &handle<RevokeKey>);
}

void add_owner_key(LocalBatch& batch, PersonId owner, const PublicKey& key, const Uid& device) {
    batch.add(AddKey{owner, key, device, owner});
}
} // namespace ops

void Identity::add_key(PersonId person, const PublicKey& key, const Uid& device,
                       std::optional<PersonId> by) {
    ops::run(*m_impl, by, AddKey{person, key, device, by});
}

void Identity::revoke_key(const PublicKey& key, std::int64_t through_seal,
                          std::optional<PersonId> by) {
    auto held = storage::find_key(m_impl->db(), key);
    if (held && held->revoked_through && *held->revoked_through <= through_seal)
        throw RuleViolation("key " + short_key(key) + "… is already revoked through seal " +
                                std::to_string(*held->revoked_through) +
                                "; a revocation only moves earlier",
                            ErrorCode::key_revoked);
    if (held && m_impl->owner && held->device == m_impl->device)
        throw RuleViolation("this device's own key cannot be revoked from this device; revoke "
                            "it from another of " +
                                name_of(*m_impl, held->person) +
                                "'s devices, or ask their program's coordinator",
                            ErrorCode::key_revoked);
    ops::run(*m_impl, by, RevokeKey{key, through_seal, by});
}

std::vector<PersonKey> Identity::keys(PersonId person) const {
    m_impl->require_person(person, "person");
    std::vector<PersonKey> out;
    for (const storage::KeyRow& r : storage::keys_of(m_impl->db(), person))
        out.push_back(to_public(r));
    return out;
}

std::optional<PersonKey> Identity::find_key(const PublicKey& key) const {
    auto r = storage::find_key(m_impl->db(), key);
    if (!r)
        return std::nullopt;
    return to_public(*r);
}

} // namespace mentorkit
