#include "rules/recurrence.hpp"

#include "mentorkit/error.hpp"

#include <algorithm>
#include <cstdio>

namespace mentorkit {

namespace rules {

const date::time_zone* zone_of(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        throw InvalidArgument("unknown time zone '" + name +
                              "' (expected an IANA name such as Europe/London)");
    }
}

void validate(const NewOfficeHours& s) {
    const RecurrenceRule& r = s.rule;
    if (static_cast<std::size_t>(r.kind) > 2)
        throw InvalidArgument("unknown recurrence");
    if (r.interval < 1 || r.interval > 52)
        throw InvalidArgument("the interval must be between 1 and 52");
    if (r.kind == Recurrence::weekly) {
        if (r.weekdays.empty())
            throw InvalidArgument("weekly office hours need at least one weekday");
        for (weekday w : r.weekdays)
            if (!w.ok())
                throw InvalidArgument("invalid weekday");
    }
    if (r.kind == Recurrence::monthly_weekday &&
        (!r.weekday.ok() || r.nth == 0 || r.nth < -1 || r.nth > 4))
        throw InvalidArgument("monthly office hours fall on the 1st to 4th or the last weekday");
    if (r.kind == Recurrence::monthly_day && (r.day_of_month < 1 || r.day_of_month > 31))
        throw InvalidArgument("the day of the month must be between 1 and 31");
    if (s.start < minutes{0} || s.start >= minutes{1440})
        throw InvalidArgument("the start time must be within the day (00:00 to 23:59)");
    if (s.duration_minutes < 1 || s.duration_minutes > 1440)
        throw InvalidArgument("office hours last 1 to 1440 minutes");
    if (s.capacity < 1 || s.capacity > 100)
        throw InvalidArgument("the capacity must be between 1 and 100");
    detail::require_date(s.first_day, "the first day");
    detail::require_date(s.last_day, "the last day");
    if (s.last_day && *s.last_day < s.first_day)
        throw InvalidArgument("the last day is before the first day", ErrorCode::invalid_date);
}

std::string too_many_occurrences(std::size_t limit) {
    return "the range holds more than " + std::to_string(limit) +
           " occurrences; ask for a shorter one";
}

// A range of instants to expand: both ends within the instants the core keeps.
void require_range(Timestamp from, Timestamp to) {
    detail::require_instant(from, "the start of the range");
    if (to != Timestamp{milliseconds{kEndInstantMillis}})
        detail::require_instant(to, "the end of the range");
}

Timestamp to_ts(sys_seconds s) {
    return time_point_cast<milliseconds>(s);
}

void expand_into(const NewOfficeHours& s, const date::time_zone* zone, OfficeHoursId id,
                 Timestamp from, Timestamp to, std::vector<Occurrence>& out, std::size_t limit) {
    // Local days can differ from UTC days by up to a day on either side.
    Date lo = floor<days>(from) - days{2};
    Date hi = floor<days>(to) + days{2};
    Converter convert(zone);
    auto length = minutes{s.duration_minutes};
    rule_days(s, lo, hi, [&](Date day) {
        date::local_seconds local{duration_cast<seconds>(day.time_since_epoch() + s.start)};
        Timestamp start = to_ts(convert(local));
        if (start >= from && start < to) {
            // Refused, not cut: a silently shortened calendar would mislead. The margin covers
            // the week finish() adds on either side for moved occurrences.
            if (out.size() >= limit + 64)
                throw InvalidArgument(too_many_occurrences(limit));
            out.push_back({id, day, start, start + length, false, 0, s.capacity});
        }
    });
}

std::vector<Occurrence> occurrences_of(const OfficeHoursSlot& o, Timestamp from, Timestamp to,
                                       const std::map<Date, int>& booked) {
    std::vector<Occurrence> plain, out;
    // A moved occurrence may come from a local day outside the window: widen by a week.
    expand_into(o.spec, zone_of(o.spec.time_zone), o.id, from - days{7}, to + days{7}, plain);
    for (Occurrence& occ : plain) {
        if (std::find(o.skipped.begin(), o.skipped.end(), occ.local_day) != o.skipped.end())
            continue;
        auto mv = std::find_if(o.moved.begin(), o.moved.end(),
                               [&](const auto& m) { return m.first == occ.local_day; });
        if (mv != o.moved.end()) {
            occ.start = mv->second;
            occ.end = mv->second + minutes{o.spec.duration_minutes};
            occ.moved = true;
        }
        if (occ.start < from || occ.start >= to)
            continue;
        if (auto b = booked.find(occ.local_day); b != booked.end())
            occ.booked = b->second;
        out.push_back(occ);
    }
    return out;
}

namespace {

std::string ical_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == ';' || c == ',')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '\r')
            continue;
        out += c;
    }
    return out;
}

// Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence.
void ical_line(std::string& out, const std::string& line) {
    std::size_t pos = 0, limit = 75;
    while (line.size() - pos > limit) {
        std::size_t cut = pos + limit;
        while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut;
        out += line.substr(pos, cut - pos);
        out += "\r\n ";
        pos = cut;
        limit = 74; // the leading space counts
    }
    out += line.substr(pos);
    out += "\r\n";
}

std::string local_stamp(Date day, minutes start) {
    year_month_day ymd{day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d00", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(start.count() / 60), static_cast<int>(start.count() % 60));
    return buf;
}

std::string utc_stamp(Timestamp t) {
    Date d = floor<days>(t);
    auto s = duration_cast<seconds>(t - d).count();
    year_month_day ymd{d};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02lld%02lld%02lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60),
                  static_cast<long long>(s % 60));
    return buf;
}

const char* kIcalDay[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

// A local date-time as iCalendar DATE-TIME (no zone): YYYYMMDDTHHMMSS.
std::string local_time_stamp(date::local_seconds t) {
    auto d = floor<days>(t);
    auto s = (t - d).count();
    year_month_day ymd{sys_days{d.time_since_epoch()}};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02lld%02lld%02lld", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60),
                  static_cast<long long>(s % 60));
    return buf;
}

// A UTC offset as iCalendar UTC-OFFSET: +HHMM, or +HHMMSS when it has seconds (local mean time).
std::string ical_offset(seconds offset) {
    long long s = offset.count();
    char sign = s < 0 ? '-' : '+';
    s = s < 0 ? -s : s;
    char buf[64];
    if (s % 60 != 0)
        std::snprintf(buf, sizeof buf, "%c%02lld%02lld%02lld", sign, s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%c%02lld%02lld", sign, s / 3600, s / 60 % 60);
    return buf;
}

// The VTIMEZONE of `zone` for the instants [lo, hi] (RFC 5545 3.6.5): one STANDARD or DAYLIGHT
// sub-component per period of the tz database that overlaps the range — the one in force at lo,
// then one per transition up to hi — each with an explicit DTSTART (the local time of the
// transition, in the offset before it), TZOFFSETFROM, TZOFFSETTO and TZNAME, no RRULE or RDATE.
// A zone without transitions (UTC, or Asia/Tokyo since 1951 when lo is after it) gets a single
// component; one whose period began before 1900 (or never changed) starts at 1970-01-01 with
// TZOFFSETFROM = TZOFFSETTO.
void ical_vtimezone(std::string& out, const date::time_zone* zone, sys_seconds lo, sys_seconds hi) {
    ical_line(out, "BEGIN:VTIMEZONE");
    ical_line(out, "TZID:" + std::string(zone->name()));
    const sys_seconds earliest = sys_days{year{1900} / 1 / 1};
    date::sys_info info = zone->get_info(lo);
    for (;;) {
        seconds from = info.offset;
        std::string start;
        if (info.begin >= earliest) {
            from = zone->get_info(info.begin - seconds{1}).offset;
            start = local_time_stamp(date::local_seconds{info.begin.time_since_epoch() + from});
        } else {
            start = "19700101T000000";
        }
        const char* kind = info.save != minutes{0} ? "DAYLIGHT" : "STANDARD";
        ical_line(out, std::string("BEGIN:") + kind);
        ical_line(out, "DTSTART:" + start);
        ical_line(out, "TZOFFSETFROM:" + ical_offset(from));
        ical_line(out, "TZOFFSETTO:" + ical_offset(info.offset));
        if (!info.abbrev.empty())
            ical_line(out, "TZNAME:" + ical_escape(info.abbrev));
        ical_line(out, std::string("END:") + kind);
        if (info.end > hi || info.end == sys_seconds::max())
            break;
        info = zone->get_info(info.end);
    }
    ical_line(out, "END:VTIMEZONE");
}

} // namespace

std::string icalendar(const OfficeHoursSlot& o, Timestamp now) {
    const NewOfficeHours& n = o.spec;
    const OfficeHoursId id = o.id;
    std::optional<Date> first;
    rule_days(n, n.first_day, n.first_day + days{400}, [&](Date d) {
        if (!first)
            first = d;
    });
    if (!first)
        throw RuleViolation("office hours " + std::to_string(raw(id)) +
                            " have no occurrence to export");
    std::string uid = "office-hours-" + std::to_string(raw(id)) + "@mentorkit";
    std::string tz = ";TZID=" + n.time_zone;
    std::string rrule = "RRULE:FREQ=";
    rrule += n.rule.kind == Recurrence::weekly ? "WEEKLY" : "MONTHLY";
    rrule += ";INTERVAL=" + std::to_string(n.rule.interval);
    if (n.rule.kind == Recurrence::weekly) {
        rrule += ";BYDAY=";
        std::vector<weekday> wd = n.rule.weekdays;
        std::sort(wd.begin(), wd.end(),
                  [](weekday a, weekday b) { return a.iso_encoding() < b.iso_encoding(); });
        // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on
        // `const char* + std::string&&` here at -O3.
        for (std::size_t i = 0; i < wd.size(); ++i) {
            if (i)
                rrule += ',';
            rrule += kIcalDay[wd[i].c_encoding()];
        }
        rrule += ";WKST=MO";
    } else if (n.rule.kind == Recurrence::monthly_weekday) {
        rrule += ";BYDAY=" + std::to_string(n.rule.nth) + kIcalDay[n.rule.weekday.c_encoding()];
    } else {
        rrule += ";BYMONTHDAY=" + std::to_string(n.rule.day_of_month);
    }
    if (n.last_day) {
        // UNTIL is in UTC when DTSTART has a zone: the end of the last local day.
        Converter to_utc(zone_of(n.time_zone));
        auto end = to_utc(date::local_seconds{
                       duration_cast<seconds>((*n.last_day + days{1}).time_since_epoch())}) -
                   seconds{1};
        rrule += ";UNTIL=" + utc_stamp(to_ts(end));
    }
    std::string location = n.setting == Setting::virtual_ ? n.link : n.place;
    // The instants the VTIMEZONE must cover: from the first occurrence to the end of the last
    // day, or, open-ended, to two years after the first occurrence or today (whichever is
    // later); skipped and moved occurrences beyond that widen it.
    const date::time_zone* zone = zone_of(n.time_zone);
    Converter convert(zone);
    auto local_start = [&](Date day) {
        return convert(
            date::local_seconds{duration_cast<seconds>(day.time_since_epoch() + n.start)});
    };
    sys_seconds lo = local_start(*first);
    sys_seconds hi;
    if (n.last_day)
        hi = local_start(*n.last_day) + minutes{n.duration_minutes};
    else
        hi = std::max(lo, floor<seconds>(now)) + days{kIcalHorizonDays};
    for (Date d : o.skipped)
        hi = std::max(hi, local_start(d));
    for (const auto& [day, start] : o.moved)
        hi = std::max({hi, local_start(day), floor<seconds>(start)});
    std::string out;
    ical_line(out, "BEGIN:VCALENDAR");
    ical_line(out, "VERSION:2.0");
    ical_line(out, "PRODID:-//mentorkit//office hours//EN");
    ical_vtimezone(out, zone, lo, hi);
    auto event = [&](const std::string& start_line, const std::optional<std::string>& rid,
                     bool recurring) {
        ical_line(out, "BEGIN:VEVENT");
        ical_line(out, "UID:" + uid);
        ical_line(out, "DTSTAMP:" + utc_stamp(now));
        ical_line(out, start_line);
        ical_line(out, "DURATION:PT" + std::to_string(n.duration_minutes) + "M");
        if (rid)
            ical_line(out, "RECURRENCE-ID" + tz + ":" + *rid);
        if (recurring) {
            ical_line(out, rrule);
            if (!o.skipped.empty()) {
                std::string ex = "EXDATE" + tz + ":";
                for (std::size_t i = 0; i < o.skipped.size(); ++i) {
                    if (i)
                        ex += ',';
                    ex += local_stamp(o.skipped[i], n.start);
                }
                ical_line(out, ex);
            }
        }
        ical_line(out, "SUMMARY:Office hours");
        if (!location.empty())
            ical_line(out, "LOCATION:" + ical_escape(location));
        ical_line(out, "END:VEVENT");
    };
    event("DTSTART" + tz + ":" + local_stamp(*first, n.start), std::nullopt, true);
    for (const auto& [day, start] : o.moved)
        event("DTSTART:" + utc_stamp(start), local_stamp(day, n.start), false);
    ical_line(out, "END:VCALENDAR");
    return out;
}

} // namespace rules

std::vector<Occurrence> expand(const NewOfficeHours& slot, Timestamp from, Timestamp to) {
    rules::validate(slot);
    rules::require_range(from, to);
    std::vector<Occurrence> out;
    if (to <= from)
        return out;
    rules::expand_into(slot, rules::zone_of(slot.time_zone), OfficeHoursId{0}, from, to, out);
    std::sort(out.begin(), out.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
    return out;
}

} // namespace mentorkit
