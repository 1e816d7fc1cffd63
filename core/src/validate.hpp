#pragma once
// Validation shared by every area and rule: text, dates, instants, numbers, lists and levels
// within their limits (limits.hpp), and the audit detail builder. Pure functions: no storage.

#include "mentorkit/limits.hpp"
#include "mentorkit/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentorkit::detail {

/// Trims ASCII whitespace at both ends.
std::string trim(std::string_view text);
/// Trims and refuses an empty result (InvalidArgument empty_text naming `what`), as well as
/// what require_utf8 refuses. The default limit is free text's; names pass kMaxNameBytes.
std::string require_text(std::string_view text, std::string_view what,
                         std::size_t max_bytes = kMaxTextBytes);
/// Refuses (InvalidArgument naming `what`) text longer than `max_bytes`, text that is not
/// UTF-8 and text holding a NUL character (limits.hpp).
void require_utf8(std::string_view text, std::string_view what,
                  std::size_t max_bytes = kMaxTextBytes);

/// Optional free text: refuses what require_utf8 refuses, returns it trimmed (maybe empty).
std::string optional_text(std::string_view text, std::string_view what,
                          std::size_t max_bytes = kMaxTextBytes);
/// Like optional_text, but empty text becomes no value.
std::optional<std::string> optional_reason(std::string_view text, std::string_view what);
/// Refuses (InvalidArgument naming `what`) a number that is not finite or lies past
/// ±kMaxMagnitude.
void require_number(double value, std::string_view what);
/// Refuses (InvalidArgument naming `what`) more than kMaxListItems items.
void require_list_size(std::size_t size, std::string_view what);
/// Refuses (InvalidArgument naming `what`) an instant outside [1900-01-01, 3000-01-01) UTC.
void require_instant(Timestamp at, std::string_view what);
/// Refuses (InvalidArgument) an organisational level outside kMinLevel..kMaxLevel.
void require_level(int level);
/// Refuses (InvalidArgument invalid_date) a day before `earliest`: "<what> <on> is before
/// <earliest_what> (<earliest>)".
void require_not_before(Date on, Date earliest, std::string_view what,
                        std::string_view earliest_what);
/// Refuses (InvalidArgument invalid_date) a day after `today`: "<what> <on> is in the future".
void require_not_future(Date on, Date today, std::string_view what);

/// Builds a flat JSON object for audit details.
class Json {
public:
    Json& add(std::string_view key, std::string_view value);
    Json& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
    Json& add(std::string_view key, const std::string& value) {
        return add(key, std::string_view(value));
    }
    Json& add(std::string_view key, std::int64_t value);
    Json& add(std::string_view key, int value) { return add(key, std::int64_t{value}); }
    Json& add(std::string_view key, bool value);
    Json& add_null(std::string_view key);
    template <typename T>
    Json& add(std::string_view key, const std::optional<T>& value) {
        return value ? add(key, *value) : add_null(key);
    }
    std::string str() const { return m_text + "}"; }

private:
    void key(std::string_view k);
    void quoted(std::string_view s);
    std::string m_text = "{";
};

/// Refuses a date outside 1900-01-01 .. 2999-12-31 (InvalidArgument invalid_date naming `what`):
/// the range of any partnership, and far enough from the text format's limits that derived dates
/// (a review six months on) stay valid.
void require_date(Date date, std::string_view what);
inline void require_date(const std::optional<Date>& date, std::string_view what) {
    if (date)
        require_date(*date, what);
}

/// Dates are stored as ISO-8601 text, instants as integer milliseconds since the Unix epoch.
std::int64_t to_millis(Timestamp at) noexcept;
Timestamp from_millis(std::int64_t ms) noexcept;
Date date_from_db(std::string_view text);

} // namespace mentorkit::detail
