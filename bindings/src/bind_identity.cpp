// Identity: signing keys, public keys, fingerprints and safety numbers, key files, a store's
// owner (store.identity), and the registry of which device's key speaks for whom. Keys are held
// by shared pointer, so a Store opened with one keeps it. Devices are 32 hex digits, as
// Operation.device.

#include "areas.hpp"

#include "mentorkit/identity.hpp"

#include <pybind11/operators.h>

#include <memory>

namespace mentorkit::python {

namespace {

std::span<const std::uint8_t> as_span(const py::bytes& b) {
    std::string_view v(b);
    return {reinterpret_cast<const std::uint8_t*>(v.data()), v.size()};
}

py::bytes as_bytes(std::span<const std::uint8_t> b) {
    return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
}

} // namespace

void bind_identity(py::module_& m) {
    py::class_<PublicKey>(m, "PublicKey", "An Ed25519 public key (32 bytes).")
        .def_static("parse", &PublicKey::parse, py::arg("hex"),
                    "Parses 64 hex digits; raises InvalidArgument otherwise.")
        .def_property_readonly("hex", &PublicKey::to_hex, "64 lower-case hex digits.")
        .def_property_readonly(
            "bytes", [](const PublicKey& k) { return as_bytes(k.bytes); }, "The 32 bytes.")
        .def_property_readonly("fingerprint", &PublicKey::fingerprint,
                               "30 digits in six groups of five, for people to compare.")
        .def(py::self == py::self)
        .def(py::self != py::self)
        .def("__hash__", [](const PublicKey& k) { return py::hash(py::str(k.to_hex())); })
        .def("__repr__", [](const PublicKey& k) { return "PublicKey('" + k.to_hex() + "')"; });

    py::class_<SigningKey, std::shared_ptr<SigningKey>>(
        m, "SigningKey",
        "A device's Ed25519 signing key. Keep it secret: in a key file (write_key_file) or "
        "the host's keychain (seed, SigningKey.from_seed). Its repr never shows the secret.")
        .def_static(
            "generate", [] { return std::make_shared<SigningKey>(SigningKey::generate()); },
            "A new key pair from the system's randomness.")
        .def_static(
            "from_seed",
            [](const py::bytes& seed) {
                return std::make_shared<SigningKey>(SigningKey::from_seed(as_span(seed)));
            },
            py::arg("seed"), "The key of a 32-byte seed; raises InvalidArgument otherwise.")
        .def_property_readonly(
            "public_key", [](const SigningKey& k) { return k.public_key(); }, "The public half.")
        .def_property_readonly(
            "seed", [](const SigningKey& k) { return as_bytes(k.seed()); },
            "The 32-byte seed, for a host that keeps the key itself. A secret.")
        .def(
            "sign",
            [](const SigningKey& k, const py::bytes& message) {
                return as_bytes(k.sign(as_span(message)));
            },
            py::arg("message"), "The 64-byte Ed25519 signature of a message.")
        .def("__repr__", [](const SigningKey& k) {
            return "<mentorkit.SigningKey " + k.public_key().fingerprint() + ">";
        });

    m.def(
        "verify_signature",
        [](const PublicKey& key, const py::bytes& message, const py::bytes& signature) {
            return verify_signature(key, as_span(message), as_span(signature));
        },
        py::arg("key"), py::arg("message"), py::arg("signature"),
        "True when `signature` is `key`'s signature of `message`.");
    m.def("safety_number", &safety_number, py::arg("a"), py::arg("b"),
          "The safety number of two keys: 60 digits, the same on both people's devices.");
    m.def(
        "write_key_file",
        [](const std::filesystem::path& path, const SigningKey& key) {
            key_file::create(path, key);
        },
        py::arg("path"), py::arg("key"),
        "Writes a key to a new file readable by its owner only (mode 0600). Raises "
        "InvalidArgument when the file exists (a key file is never replaced).");
    m.def(
        "read_key_file",
        [](const std::filesystem::path& path) {
            return std::make_shared<SigningKey>(key_file::read(path));
        },
        py::arg("path"),
        "Reads a key file. Raises PermissionDenied (unsafe_key_file) for a file others may "
        "read or write, NotFound for a missing file, InvalidArgument for a malformed one.");

    py::class_<PersonKey>(m, "PersonKey",
                          "A key registered for a person: the public key of one of their "
                          "devices, who vouched for it, and whether it was revoked.")
        .def_readonly("key", &PersonKey::key, "The PublicKey.")
        .def_readonly("person", &PersonKey::person, "Whose key it is.")
        .def_property_readonly(
            "device", [](const PersonKey& k) { return k.device.to_string(); },
            "The device that holds the private half (32 hex digits).")
        .def_readonly("vouched_by", &PersonKey::vouched_by,
                      "The coordinator who vouched for it; None: the person themselves.")
        .def_readonly("added_at", &PersonKey::added_at, "When it was registered (UTC).")
        .def_readonly("revoked_through", &PersonKey::revoked_through,
                      "Once revoked: the last seal of its device that still counts (0: none).")
        .def_readonly("revoked_at", &PersonKey::revoked_at, "When it was revoked, or None.")
        .def_property_readonly("revoked", &PersonKey::revoked, "True once revoked.")
        .def("__repr__", [](const PersonKey& k) {
            return repr_of(
                "PersonKey",
                {{"person", obj(k.person)}, {"key", obj(k.key)}, {"revoked", obj(k.revoked())}});
        });

    py::class_<IdentityRef>(m, "Identity",
                            "Who a store belongs to (`store.identity`): a personal store's "
                            "owner and device key; a shared file has neither.")
        .def_property_readonly(
            "is_personal",
            [](const IdentityRef& a) { return a.run([](Identity& i) { return i.is_personal(); }); },
            "True for a personal store.")
        .def_property_readonly(
            "owner",
            [](const IdentityRef& a) { return a.run([](Identity& i) { return i.owner(); }); },
            "The owner's person id (None for a shared file).")
        .def_property_readonly(
            "device_key",
            [](const IdentityRef& a) { return a.run([](Identity& i) { return i.device_key(); }); },
            "This device's public key (None for a shared file).")
        .def_property_readonly(
            "can_act",
            [](const IdentityRef& a) { return a.run([](Identity& i) { return i.can_act(); }); },
            "False for a personal store opened without its owner's key.")
        .def(
            "add_key",
            [](const IdentityRef& a, PersonId person, const PublicKey& key,
               const std::string& device, std::optional<PersonId> by) {
                const Uid d = Uid::parse(device);
                a.run([&](Identity& i) { i.add_key(person, key, d, by); });
            },
            py::arg("person"), py::arg("key"), py::arg("device"), py::kw_only(),
            py::arg("by") = py::none(),
            "Registers `key` as the key of `person`'s device `device` (32 hex digits). `by`: "
            "the person themselves, or the coordinator of a program they are in, who vouches "
            "for it; None only on a shared file. Raises RuleViolation (key_taken) when the key "
            "or the device is registered already, PermissionDenied for anyone else.")
        .def(
            "revoke_key",
            [](const IdentityRef& a, const PublicKey& key, std::int64_t through_seal,
               std::optional<PersonId> by) {
                a.run([&](Identity& i) { i.revoke_key(key, through_seal, by); });
            },
            py::arg("key"), py::kw_only(), py::arg("through_seal") = 0, py::arg("by") = py::none(),
            "Revokes a registered key: what its device sealed after seal `through_seal` no "
            "longer counts (0: nothing does). Never undone; a later revocation may only move it "
            "earlier (RuleViolation key_revoked otherwise). A personal store cannot revoke its "
            "own device's key. Raises NotFound for a key that is not registered.")
        .def(
            "keys",
            [](const IdentityRef& a, PersonId person) {
                return a.run([&](Identity& i) { return i.keys(person); });
            },
            py::arg("person"), "A person's registered keys (PersonKey), oldest first.")
        .def(
            "find_key",
            [](const IdentityRef& a, const PublicKey& key) {
                return a.run([&](Identity& i) { return i.find_key(key); });
            },
            py::arg("key"), "The registration of a key (PersonKey), or None.");
}

} // namespace mentorkit::python
