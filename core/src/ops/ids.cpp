#include "ops/ids.hpp"

#include "mentorkit/error.hpp"

#include <sodium.h>

#include <cstring>

namespace mentorkit::ops {

namespace {
void init_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw StorageError("libsodium could not initialise (no source of randomness)");
}
} // namespace

Uid new_uid(std::int64_t unix_ms) {
    init_sodium();
    Uid u;
    auto ms = static_cast<std::uint64_t>(unix_ms < 0 ? 0 : unix_ms);
    for (int i = 0; i < 6; ++i)
        u.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    randombytes_buf(u.bytes.data() + 6, 10);
    u.bytes[6] = static_cast<std::uint8_t>(0x70 | (u.bytes[6] & 0x0F)); // version 7
    u.bytes[8] = static_cast<std::uint8_t>(0x80 | (u.bytes[8] & 0x3F)); // RFC 4122 variant
    return u;
}

std::int64_t next_hlc(std::int64_t last, std::int64_t unix_ms) {
    std::int64_t physical = (unix_ms < 0 ? 0 : unix_ms) << 16;
    return physical > last ? physical : last + 1;
}

Hasher::Hasher(std::size_t expected) {
    init_sodium();
    m_input.reserve(expected);
}

Hasher& Hasher::add(std::span<const std::uint8_t> bytes) {
    char len[8];
    auto n = static_cast<std::uint64_t>(bytes.size());
    for (int i = 0; i < 8; ++i)
        len[i] = static_cast<char>(n >> (8 * i));
    m_input.append(len, 8);
    m_input.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return *this;
}

Hasher& Hasher::add(std::string_view text) {
    return add(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()),
                                             text.size()));
}

Hasher& Hasher::add(std::int64_t value) {
    std::uint8_t b[8];
    auto v = static_cast<std::uint64_t>(value);
    for (int i = 0; i < 8; ++i)
        b[i] = static_cast<std::uint8_t>(v >> (8 * i));
    return add(std::span<const std::uint8_t>(b, 8));
}

std::string Hasher::finish() {
    std::string out(32, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                       reinterpret_cast<const unsigned char*>(m_input.data()), m_input.size(),
                       nullptr, 0);
    return out;
}

} // namespace mentorkit::ops
