#pragma once
// Office hours in a time zone (office_hours.hpp): the recurrence rule, its expansion into
// occurrences exact across DST changes, skips and moves applied, and the iCalendar text; pure
// functions of the slot (and the system tz database); no storage code.

#include "mentorkit/office_hours.hpp"
#include "validate.hpp"

#include <date/tz.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mentorkit::rules {

using namespace std::chrono;

/// The zone of an IANA name; InvalidArgument for an unknown one.
const date::time_zone* zone_of(const std::string& name);
/// Refuses (InvalidArgument) an invalid rule, time, duration, capacity or day range.
void validate(const NewOfficeHours& s);
/// "the range holds more than <limit> occurrences; ask for a shorter one".
std::string too_many_occurrences(std::size_t limit = kMaxOccurrences);
/// A range of instants to expand: both ends within the instants the core keeps.
void require_range(Timestamp from, Timestamp to);
Timestamp to_ts(sys_seconds s);

// Local wall time → UTC with the documented DST rule, caching the zone's current period: within
// a period (away from its edges) the offset is fixed, so most conversions are one subtraction.
class Converter {
public:
    explicit Converter(const date::time_zone* zone) : m_zone(zone) {}
    sys_seconds operator()(date::local_seconds local) {
        if (m_valid) {
            sys_seconds guess{local.time_since_epoch() - m_info.offset};
            if (guess >= m_info.begin + days{1} && guess < m_info.end - days{1})
                return guess;
        }
        date::local_info li = m_zone->get_info(local);
        // unique: its offset; nonexistent: the offset before the gap; ambiguous: the first.
        const date::sys_info& info = li.first;
        sys_seconds at{local.time_since_epoch() - info.offset};
        if (li.result == date::local_info::unique) {
            m_info = info;
            m_valid = true;
        }
        return at;
    }

private:
    const date::time_zone* m_zone;
    date::sys_info m_info{};
    bool m_valid = false;
};

// Calls f(local_day) for each day of the rule between lo and hi (inclusive), in order.
template <typename F>
void rule_days(const NewOfficeHours& s, Date lo, Date hi, F&& f) {
    const RecurrenceRule& r = s.rule;
    lo = std::max(lo, s.first_day);
    if (s.last_day)
        hi = std::min(hi, *s.last_day);
    if (hi < lo)
        return;
    if (r.kind == Recurrence::weekly) {
        std::vector<weekday> wd = r.weekdays;
        std::sort(wd.begin(), wd.end(),
                  [](weekday a, weekday b) { return a.iso_encoding() < b.iso_encoding(); });
        wd.erase(std::unique(wd.begin(), wd.end()), wd.end());
        Date monday0 = s.first_day - (weekday{s.first_day} - Monday);
        Date monday_lo = lo - (weekday{lo} - Monday);
        long long week = (monday_lo - monday0).count() / 7;
        long long step = r.interval;
        long long first_week = week % step == 0 ? week : week + (step - week % step);
        for (long long w = first_week;; w += step) {
            Date monday = monday0 + days{7 * w};
            if (monday > hi)
                break;
            for (weekday d : wd) {
                Date day = monday + days{d.iso_encoding() - 1};
                if (day >= lo && day <= hi)
                    f(day);
            }
        }
        return;
    }
    year_month first{year_month_day{s.first_day}.year(), year_month_day{s.first_day}.month()};
    year_month from{year_month_day{lo}.year(), year_month_day{lo}.month()};
    int offset = static_cast<int>((from - first).count());
    int m0 = offset <= 0 ? 0 : ((offset + r.interval - 1) / r.interval) * r.interval;
    for (int m = m0;; m += r.interval) {
        year_month ym = first + months{m};
        if (sys_days{ym / 1} > hi)
            break;
        std::optional<Date> day;
        if (r.kind == Recurrence::monthly_day) {
            year_month_day ymd = ym / static_cast<unsigned>(r.day_of_month);
            if (ymd.ok())
                day = sys_days{ymd};
        } else if (r.nth == -1) {
            day = sys_days{ym / r.weekday[last]};
        } else {
            year_month_weekday ymw = ym / r.weekday[static_cast<unsigned>(r.nth)];
            if (ymw.ok())
                day = sys_days{ymw};
        }
        if (day && *day >= lo && *day <= hi)
            f(*day);
    }
}

/// Appends to `out`, without skips or moves, the occurrences of `slot` starting in [from, to)
/// (refusing more than `limit` in `out`).
void expand_into(const NewOfficeHours& s, const date::time_zone* zone, OfficeHoursId id,
                 Timestamp from, Timestamp to, std::vector<Occurrence>& out,
                 std::size_t limit = kMaxOccurrences);

/// The occurrences of a slot in [from, to): skipped days dropped, moved ones at their new
/// start, with booking counts per local day; in expansion order.
std::vector<Occurrence> occurrences_of(const OfficeHoursSlot& o, Timestamp from, Timestamp to,
                                       const std::map<Date, int>& booked);

/// The slot as iCalendar (OfficeHours::to_icalendar), stamped `now`.
std::string icalendar(const OfficeHoursSlot& o, Timestamp now);

} // namespace mentorkit::rules
