"""Identity from Python: keys sign and verify, key files are their owner's only, and a personal
store acts as its owner only (with the key) and reads without it."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

import mentorkit as mk


RFC8032_SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"


def _fingerprint(public: bytes) -> str:
    """docs/sync.md's derivation, written again in Python."""
    h = hashlib.blake2b(b"mentorkit-fingerprint-v1" + public, digest_size=64).digest()
    for _ in range(5199):
        h = hashlib.blake2b(h + public, digest_size=64).digest()
    return " ".join("%05d" % (int.from_bytes(h[5 * g : 5 * g + 5], "big") % 100000) for g in range(6))


def test_keys_sign_verify_and_show_fingerprints():
    key = mk.SigningKey.from_seed(RFC8032_SEED)
    assert key.public_key.hex == RFC8032_PUBLIC
    assert key.seed == RFC8032_SEED
    sig = key.sign(b"")
    assert sig.hex().startswith("e5564300c360ac72")
    assert mk.verify_signature(key.public_key, b"", sig)
    assert not mk.verify_signature(key.public_key, b"x", sig)
    assert not mk.verify_signature(mk.SigningKey.generate().public_key, b"", sig)
    assert key.public_key.fingerprint == _fingerprint(bytes.fromhex(RFC8032_PUBLIC))
    assert "seed" not in repr(key) and RFC8032_SEED.hex() not in repr(key)

    other = mk.SigningKey.generate()
    n = mk.safety_number(key.public_key, other.public_key)
    assert n == mk.safety_number(other.public_key, key.public_key)
    assert len(n.split()) == 12
    assert mk.PublicKey.parse(RFC8032_PUBLIC) == key.public_key
    with pytest.raises(mk.InvalidArgument):
        mk.PublicKey.parse("abc")
    with pytest.raises(mk.InvalidArgument):
        mk.SigningKey.from_seed(b"short")


def test_key_files_are_private(tmp_path):
    path = tmp_path / "ada.key"
    key = mk.SigningKey.generate()
    mk.write_key_file(path, key)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert mk.read_key_file(path).public_key == key.public_key
    with pytest.raises(mk.InvalidArgument):
        mk.write_key_file(path, mk.SigningKey.generate())
    assert mk.read_key_file(path).public_key == key.public_key
    os.chmod(path, 0o644)
    with pytest.raises(mk.PermissionDenied) as info:
        mk.read_key_file(path)
    assert info.value.code == mk.ErrorCode.unsafe_key_file
    with pytest.raises(mk.NotFound):
        mk.read_key_file(tmp_path / "missing.key")


def test_personal_store_acts_as_its_owner_only(tmp_path):
    path = tmp_path / "ada.mentorkit"
    key = mk.SigningKey.generate()
    with mk.Store.create_personal(path, "Ada", key, level=3) as store:
        ada = store.identity.owner
        assert store.identity.is_personal and store.identity.can_act
        assert store.identity.device_key == key.public_key
        assert store.people.get(ada).name == "Ada"
        grace = store.people.create("Grace", 4, by=ada)
        with pytest.raises(mk.PermissionDenied) as info:
            store.people.rename(ada, "Mallory", by=grace)
        assert info.value.code == mk.ErrorCode.not_owner
        with pytest.raises(mk.PermissionDenied):
            store.people.create("Eve")
        assert [p.name for p in store.people.list()] == ["Ada", "Grace"]

    with mk.Store(path) as store:  # without the key: reads, refuses changes
        assert not store.identity.can_act
        with pytest.raises(mk.PermissionDenied) as info:
            store.people.rename(ada, "Ada L.", by=ada)
        assert info.value.code == mk.ErrorCode.key_required
    with pytest.raises(mk.InvalidArgument) as info:
        mk.Store(path, key=mk.SigningKey.generate())
    assert info.value.code == mk.ErrorCode.wrong_key
    with mk.Store(path, key=mk.SigningKey.from_seed(key.seed)) as store:
        store.people.rename(ada, "Ada L.", by=ada)
        assert store.people.get(ada).name == "Ada L."
    assert mk.Store.verify(path).ok

    with mk.Store.memory() as shared:
        assert not shared.identity.is_personal and shared.identity.owner is None
    with pytest.raises(mk.InvalidArgument):
        mk.Store.create_personal(path, "Ada", key)  # the file exists


def test_the_key_registry_says_which_device_speaks_for_whom(tmp_path):
    path = tmp_path / "ada.mentorkit"
    key = mk.SigningKey.generate()
    with mk.Store.create_personal(path, "Ada", key) as store:
        ada = store.identity.owner
        (own,) = store.identity.keys(ada)
        assert own.key == key.public_key and own.person == ada
        assert own.device == store.operations.device and own.vouched_by is None
        assert not own.revoked and own.revoked_through is None

        phone = mk.SigningKey.generate().public_key
        phone_device = "0190f0a0b0c0d0e0f001020304050607"
        store.identity.add_key(ada, phone, phone_device, by=ada)
        assert [k.key for k in store.identity.keys(ada)] == [key.public_key, phone]
        assert store.identity.find_key(phone).device == phone_device
        assert store.identity.find_key(mk.SigningKey.generate().public_key) is None

        with pytest.raises(mk.RuleViolation) as info:  # one key, one device
            store.identity.add_key(ada, phone, "0190f0a0b0c0d0e0f0010203040506ff", by=ada)
        assert info.value.code == mk.ErrorCode.key_taken
        with pytest.raises(mk.InvalidArgument):
            store.identity.add_key(ada, mk.SigningKey.generate().public_key, "not hex", by=ada)
        with pytest.raises(mk.InvalidArgument):
            store.identity.add_key(ada, mk.SigningKey.generate().public_key, "0" * 32, by=ada)
        grace = store.people.create("Grace", 4, by=ada)
        with pytest.raises(mk.PermissionDenied):  # a stranger vouches for no one's key
            store.identity.add_key(grace, mk.SigningKey.generate().public_key,
                                   "0190f0a0b0c0d0e0f0010203040506aa", by=ada)

        store.identity.revoke_key(phone, through_seal=3, by=ada)  # the phone was lost
        lost = store.identity.find_key(phone)
        assert lost.revoked and lost.revoked_through == 3 and lost.revoked_at is not None
        with pytest.raises(mk.RuleViolation) as info:  # a revocation only moves earlier
            store.identity.revoke_key(phone, through_seal=5, by=ada)
        assert info.value.code == mk.ErrorCode.key_revoked
        store.identity.revoke_key(phone, through_seal=0, by=ada)
        assert store.identity.find_key(phone).revoked_through == 0
        with pytest.raises(mk.RuleViolation) as info:  # its own key: from another device
            store.identity.revoke_key(key.public_key, by=ada)
        assert info.value.code == mk.ErrorCode.key_revoked
        with pytest.raises(mk.NotFound):
            store.identity.revoke_key(mk.SigningKey.generate().public_key, by=ada)
        kinds = [o.kind for o in store.operations.list()]
        assert kinds.count("key.add") == 2 and kinds.count("key.revoke") == 2
    assert mk.Store.verify(path).ok
