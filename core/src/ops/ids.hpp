#pragma once
// Globally unique ids of records and devices, the hybrid logical clock that orders operations,
// and the hash that chains the operations log.

#include "mentorkit/operations.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mentorkit::ops {

/// A new id: UUIDv7 layout (48 bits of Unix milliseconds, then random bits from libsodium), so
/// ids made one after another sort together and index inserts stay at the end of the B-tree.
Uid new_uid(std::int64_t unix_ms);

/// The next HLC value after `last` (0: none yet) for a change made at `unix_ms`: the physical
/// part is the larger of the two clocks, the counter counts changes within one millisecond, so
/// values only grow whatever the wall clock does.
std::int64_t next_hlc(std::int64_t last, std::int64_t unix_ms);

/// BLAKE2b-256 over a sequence of fields, each length-prefixed (so no two different sequences
/// hash the same bytes). The fields are gathered and hashed in one call.
class Hasher {
public:
    /// `expected` bytes of input are reserved.
    explicit Hasher(std::size_t expected = 512);
    Hasher& add(std::span<const std::uint8_t> bytes);
    Hasher& add(std::string_view text);
    Hasher& add(std::int64_t value);
    std::string finish(); // 32 bytes
private:
    std::string m_input;
};

} // namespace mentorkit::ops
