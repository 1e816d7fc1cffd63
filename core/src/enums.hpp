#pragma once
// Text names of enumerations, as stored in the database.

#include "mentorkit/error.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace mentorkit::detail {

/// Maps between an enum and its stored name; names are listed in enumerator order.
template <typename E, std::size_t N>
struct EnumNames {
    std::array<std::string_view, N> names;
    std::string_view what;

    constexpr std::string_view name(E value) const noexcept {
        auto i = static_cast<std::size_t>(value);
        return i < N ? names[i] : std::string_view("?");
    }
    E parse(std::string_view text) const {
        for (std::size_t i = 0; i < N; ++i)
            if (names[i] == text)
                return static_cast<E>(i);
        throw StorageError("unknown " + std::string(what) + " '" + std::string(text) +
                               "' in the database",
                           ErrorCode::corrupt);
    }
};

} // namespace mentorkit::detail
