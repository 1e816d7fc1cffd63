#include "mentorkit/error.hpp"
#include "mentorkit/types.hpp"
#include "store_impl.hpp"

#include <cmath>
#include <cstdio>

namespace mentorkit {

using namespace std::chrono;

Date make_date(int y, unsigned m, unsigned d) {
    year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok() || y < 1 || y > 9999)
        throw InvalidArgument("impossible date " + std::to_string(y) + "-" + std::to_string(m) +
                                  "-" + std::to_string(d),
                              ErrorCode::invalid_date);
    return sys_days{ymd};
}

namespace {
Date parse_date_text(std::string_view text) {
    auto digits = [&](std::size_t from, std::size_t n) {
        unsigned v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            char c = text[i];
            if (c < '0' || c > '9')
                throw InvalidArgument("malformed date '" + std::string(text) +
                                          "' (expected YYYY-MM-DD)",
                                      ErrorCode::invalid_date);
            v = v * 10 + static_cast<unsigned>(c - '0');
        }
        return v;
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        throw InvalidArgument("malformed date '" + std::string(text) + "' (expected YYYY-MM-DD)",
                              ErrorCode::invalid_date);
    return make_date(static_cast<int>(digits(0, 4)), digits(5, 2), digits(8, 2));
}
} // namespace

Date parse_date(const std::string& text) {
    return parse_date_text(text);
}

namespace {
// Two or more decimal digits of v, most significant first, into p[0..n).
void put_digits(char* p, int n, long long v) noexcept {
    for (int i = n - 1; i >= 0; --i, v /= 10)
        p[i] = static_cast<char>('0' + v % 10);
}

// YYYY-MM-DD into p[0..10) for a four-digit year; false for others.
bool put_date(char* p, Date date) noexcept {
    year_month_day ymd{date};
    const int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999)
        return false;
    put_digits(p, 4, y);
    p[4] = '-';
    put_digits(p + 5, 2, static_cast<unsigned>(ymd.month()));
    p[7] = '-';
    put_digits(p + 8, 2, static_cast<unsigned>(ymd.day()));
    return true;
}
} // namespace

std::string to_string(Date date) {
    char buf[16];
    if (put_date(buf, date)) // written by hand: dates are formatted for every row and entry
        return std::string(buf, 10);
    year_month_day ymd{date};
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string to_string(Timestamp at) {
    Date d = floor<days>(at);
    auto ms = (at - d).count(); // 0 .. 86,399,999
    char buf[40];
    if (put_date(buf, d)) {
        buf[10] = 'T';
        put_digits(buf + 11, 2, ms / 3600000);
        buf[13] = ':';
        put_digits(buf + 14, 2, ms / 60000 % 60);
        buf[16] = ':';
        put_digits(buf + 17, 2, ms / 1000 % 60);
        buf[19] = '.';
        put_digits(buf + 20, 3, ms % 1000);
        buf[23] = 'Z';
        return std::string(buf, 24);
    }
    std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lld.%03lldZ", to_string(d).c_str(),
                  static_cast<long long>(ms / 3600000), static_cast<long long>(ms / 60000 % 60),
                  static_cast<long long>(ms / 1000 % 60), static_cast<long long>(ms % 1000));
    return buf;
}

Date day_of(Timestamp at) noexcept {
    return floor<days>(at);
}

namespace detail {
std::int64_t to_millis(Timestamp at) noexcept {
    return at.time_since_epoch().count();
}
Timestamp from_millis(std::int64_t ms) noexcept {
    return Timestamp{milliseconds{ms}};
}
Date date_from_db(std::string_view text) {
    try {
        return parse_date_text(text);
    } catch (const InvalidArgument& e) {
        throw StorageError(std::string("the file holds a date that is not one: ") + e.what(),
                           ErrorCode::corrupt);
    }
}

void require_date(Date date, std::string_view what) {
    static const Date first = make_date(1900, 1, 1), last = make_date(2999, 12, 31);
    if (date < first || date > last)
        throw InvalidArgument(std::string(what) + " must be between 1900-01-01 and 2999-12-31",
                              ErrorCode::invalid_date);
}
void require_instant(Timestamp at, std::string_view what) {
    auto ms = to_millis(at);
    if (ms < kMinInstantMillis || ms >= kEndInstantMillis)
        throw InvalidArgument(std::string(what) +
                                  " must be between 1900-01-01T00:00:00Z and 2999-12-31T23:59:59Z",
                              ErrorCode::invalid_date);
}

void require_number(double value, std::string_view what) {
    if (!std::isfinite(value) || std::fabs(value) > kMaxMagnitude)
        throw InvalidArgument(std::string(what) + " must be a finite number within ±1e15");
}

void require_list_size(std::size_t size, std::string_view what) {
    if (size > kMaxListItems)
        throw InvalidArgument(std::string(what) + " holds " + std::to_string(size) +
                              " items; at most " + std::to_string(kMaxListItems) + " are kept");
}

void require_level(int level) {
    if (level < kMinLevel || level > kMaxLevel)
        throw InvalidArgument("an organisational level lies between " + std::to_string(kMinLevel) +
                              " and " + std::to_string(kMaxLevel) + ", got " +
                              std::to_string(level));
}
} // namespace detail

} // namespace mentorkit
