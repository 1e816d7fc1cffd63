// Keys (libsodium's Ed25519), fingerprints and safety numbers, key files, and the owner of a
// personal store.

#include "mentorkit/identity.hpp"

#include "mentorkit/error.hpp"
#include "storage/identity.hpp"
#include "store_impl.hpp"

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace mentorkit {

namespace {

constexpr std::string_view kKeyFileTag = "mentorkit-ed25519-seed-v1";
constexpr int kFingerprintIterations = 5200;

void ready() {
    static const bool ok = sodium_init() >= 0;
    if (!ok)
        throw StorageError("libsodium could not initialise (no source of randomness)");
}

int nibble(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Hex digits into `out` (exactly out.size() bytes); false when malformed.
bool from_hex(std::string_view hex, std::span<std::uint8_t> out) {
    if (hex.size() != 2 * out.size())
        return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return true;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(2 * bytes.size());
    for (std::uint8_t b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::string system_error(const std::filesystem::path& path, const char* what) {
    return std::string(what) + " '" + path.string() + "': " + std::strerror(errno);
}

// Closes a descriptor when it goes out of scope.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

// --- public keys -----------------------------------------------------------------------------

std::string PublicKey::to_hex() const {
    return mentorkit::to_hex(bytes);
}

PublicKey PublicKey::parse(std::string_view hex) {
    PublicKey k;
    if (!from_hex(hex, k.bytes))
        throw InvalidArgument("a public key is 64 hex digits, got '" +
                              std::string(hex.substr(0, 80)) + "'");
    return k;
}

std::string PublicKey::fingerprint() const {
    ready();
    // Iterated, so that finding another key with the same 30 digits costs 5200 hashes a guess.
    std::array<unsigned char, 64> h{};
    std::string first = "mentorkit-fingerprint-v1";
    first.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(first.data()),
                       first.size(), nullptr, 0);
    std::array<unsigned char, 64 + 32> next{};
    for (int i = 1; i < kFingerprintIterations; ++i) {
        std::memcpy(next.data(), h.data(), 64);
        std::memcpy(next.data() + 64, bytes.data(), 32);
        crypto_generichash(h.data(), h.size(), next.data(), next.size(), nullptr, 0);
    }
    // Six groups of five digits, each from five bytes (40 bits) modulo 100000.
    std::string out;
    for (int g = 0; g < 6; ++g) {
        std::uint64_t v = 0;
        for (int b = 0; b < 5; ++b)
            v = v << 8 | h[static_cast<std::size_t>(5 * g + b)];
        char group[6];
        std::snprintf(group, sizeof group, "%05llu", static_cast<unsigned long long>(v % 100000));
        if (g)
            out += ' ';
        out += group;
    }
    return out;
}

std::string safety_number(const PublicKey& a, const PublicKey& b) {
    std::string fa = a.fingerprint(), fb = b.fingerprint();
    return fa < fb ? fa + ' ' + fb : fb + ' ' + fa;
}

// --- signing keys ----------------------------------------------------------------------------

SigningKey SigningKey::generate() {
    ready();
    std::array<std::uint8_t, 32> seed{};
    randombytes_buf(seed.data(), seed.size());
    SigningKey k = from_seed(seed);
    sodium_memzero(seed.data(), seed.size());
    return k;
}

SigningKey SigningKey::from_seed(std::span<const std::uint8_t> seed) {
    ready();
    if (seed.size() != crypto_sign_SEEDBYTES)
        throw InvalidArgument("a signing key's seed is 32 bytes, got " +
                              std::to_string(seed.size()));
    SigningKey k;
    crypto_sign_seed_keypair(k.m_public.bytes.data(), k.m_secret.data(), seed.data());
    return k;
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : m_secret(other.m_secret), m_public(other.m_public) {
    sodium_memzero(other.m_secret.data(), other.m_secret.size());
}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
    if (this != &other) {
        m_secret = other.m_secret;
        m_public = other.m_public;
        sodium_memzero(other.m_secret.data(), other.m_secret.size());
    }
    return *this;
}

SigningKey::~SigningKey() {
    sodium_memzero(m_secret.data(), m_secret.size());
}

std::array<std::uint8_t, 32> SigningKey::seed() const {
    std::array<std::uint8_t, 32> out{};
    crypto_sign_ed25519_sk_to_seed(out.data(), m_secret.data());
    return out;
}

std::array<std::uint8_t, 64> SigningKey::sign(std::span<const std::uint8_t> message) const {
    std::array<std::uint8_t, 64> sig{};
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), m_secret.data());
    return sig;
}

bool verify_signature(const PublicKey& key, std::span<const std::uint8_t> message,
                      std::span<const std::uint8_t> signature) noexcept {
    if (signature.size() != crypto_sign_BYTES || sodium_init() < 0)
        return false;
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                       key.bytes.data()) == 0;
}

// --- key files -------------------------------------------------------------------------------

namespace key_file {

void create(const std::filesystem::path& path, const SigningKey& key) {
    if (path.empty())
        throw InvalidArgument("the key file path is empty");
    Fd f{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
    if (f.fd < 0) {
        if (errno == EEXIST)
            throw InvalidArgument("the key file '" + path.string() +
                                  "' already exists; a key file is never replaced");
        throw StorageError(system_error(path, "cannot create the key file"));
    }
    // The umask may have narrowed the mode, never widened it; make it exactly 0600.
    if (::fchmod(f.fd, 0600) != 0)
        throw StorageError(system_error(path, "cannot set the mode of the key file"));
    std::array<std::uint8_t, 32> seed = key.seed();
    std::string line = std::string(kKeyFileTag) + ' ' + to_hex(seed) + '\n';
    sodium_memzero(seed.data(), seed.size());
    std::size_t done = 0;
    bool ok = true;
    while (done < line.size()) {
        ssize_t n = ::write(f.fd, line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = false;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(f.fd) == 0;
    sodium_memzero(line.data(), line.size());
    if (!ok) {
        std::string message = system_error(path, "cannot write the key file");
        ::unlink(path.c_str());
        throw StorageError(message);
    }
}

SigningKey read(const std::filesystem::path& path) {
    if (path.empty())
        throw InvalidArgument("the key file path is empty");
    Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)};
    if (f.fd < 0) {
        if (errno == ENOENT)
            throw NotFound("there is no key file '" + path.string() + "'");
        throw StorageError(system_error(path, "cannot open the key file"));
    }
    struct stat st {};
    if (::fstat(f.fd, &st) != 0)
        throw StorageError(system_error(path, "cannot read the key file"));
    if (!S_ISREG(st.st_mode))
        throw InvalidArgument("the key file '" + path.string() + "' is not a regular file");
    if ((st.st_mode & 077) != 0)
        throw PermissionDenied("the key file '" + path.string() +
                                   "' may be read or written by others; make it private "
                                   "(chmod 600) and consider the key exposed",
                               ErrorCode::unsafe_key_file);
    std::array<char, 128> buf{};
    ssize_t n = ::read(f.fd, buf.data(), buf.size());
    if (n < 0)
        throw StorageError(system_error(path, "cannot read the key file"));
    std::string_view text(buf.data(), static_cast<std::size_t>(n));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    std::array<std::uint8_t, 32> seed{};
    bool ok = text.size() == kKeyFileTag.size() + 1 + 64 && text.starts_with(kKeyFileTag) &&
              text[kKeyFileTag.size()] == ' ' &&
              from_hex(text.substr(kKeyFileTag.size() + 1), seed);
    sodium_memzero(buf.data(), buf.size());
    if (!ok)
        throw InvalidArgument("'" + path.string() + "' is not a mentorkit key file (one line: " +
                              std::string(kKeyFileTag) + " and 64 hex digits)");
    SigningKey k = SigningKey::from_seed(seed);
    sodium_memzero(seed.data(), seed.size());
    return k;
}

std::filesystem::path beside(const std::filesystem::path& store) {
    std::filesystem::path p = store;
    p += ".key";
    return p;
}

} // namespace key_file

// --- the owner of a store --------------------------------------------------------------------

bool Identity::is_personal() const {
    m_impl->db(); // throws when closed
    return m_impl->owner.has_value();
}

std::optional<PersonId> Identity::owner() const {
    m_impl->db();
    return m_impl->owner;
}

std::optional<PublicKey> Identity::device_key() const {
    m_impl->db();
    return m_impl->owner_key;
}

bool Identity::can_act() const {
    m_impl->db();
    return !m_impl->owner || m_impl->key != nullptr;
}

} // namespace mentorkit
