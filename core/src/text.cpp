#include "text.hpp"

#include <cstdint>
#include <cstring>

namespace mentorkit::detail {

namespace {
// The length of the UTF-8 sequence starting at text[i], or 0 when it is not UTF-8.
std::size_t sequence_length(std::string_view text, std::size_t i) noexcept {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80)
        return 1;
    std::size_t extra = (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 0;
    if (extra == 0 || i + extra >= text.size())
        return 0;
    std::uint32_t cp = c & (0x7Fu >> (extra + 1));
    for (std::size_t k = 1; k <= extra; ++k) {
        auto cc = static_cast<unsigned char>(text[i + k]);
        if ((cc >> 6) != 2)
            return 0;
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    // Overlong encodings, surrogates and values past U+10FFFF are not UTF-8.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return extra + 1;
}
} // namespace

std::size_t utf8_error(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        // ASCII runs are the common case: eight bytes at a time while no high bit is set.
        while (i + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, 8);
            if ((word & 0x8080808080808080ull) != 0)
                break;
            i += 8;
        }
        if (i >= text.size())
            break;
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = sequence_length(text, i);
        if (n == 0)
            return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string valid_utf8(std::string_view text) {
    if (utf8_error(text) == std::string_view::npos)
        return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t n = sequence_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

} // namespace mentorkit::detail
