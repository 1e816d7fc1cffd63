#include "mentorkit/office_hours.hpp"

#include "enums.hpp"
#include "mentorkit/error.hpp"
#include "relationships_impl.hpp"
#include "store_impl.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <map>

namespace mentorkit {

using detail::Json;
using namespace std::chrono;

namespace {

constexpr detail::EnumNames<Recurrence, 3> kRecurrence{{"weekly", "monthly_weekday", "monthly_day"},
                                                       "recurrence"};
constexpr detail::EnumNames<Setting, 3> kSetting{
    {"in_person_public", "in_person_private", "virtual"}, "setting"};

std::string slot_text(OfficeHoursId id) {
    return "office hours " + std::to_string(raw(id));
}

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

std::string too_many_occurrences() {
    return "the range holds more than " + std::to_string(kMaxOccurrences) +
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

// Expands without skips or moves, into `out`, occurrences starting in [from, to).
void expand_into(const NewOfficeHours& s, const date::time_zone* zone, OfficeHoursId id,
                 Timestamp from, Timestamp to, std::vector<Occurrence>& out) {
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
            if (out.size() >= kMaxOccurrences + 64)
                throw InvalidArgument(too_many_occurrences());
            out.push_back({id, day, start, start + length, false, 0, s.capacity});
        }
    });
}

} // namespace

std::vector<Occurrence> expand(const NewOfficeHours& slot, Timestamp from, Timestamp to) {
    validate(slot);
    require_range(from, to);
    std::vector<Occurrence> out;
    if (to <= from)
        return out;
    expand_into(slot, zone_of(slot.time_zone), OfficeHoursId{0}, from, to, out);
    std::sort(out.begin(), out.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
    return out;
}

namespace {

OfficeHoursSlot read_slot(db::Statement& s) {
    OfficeHoursSlot o;
    o.id = OfficeHoursId{s.get_int(0)};
    NewOfficeHours& n = o.spec;
    n.guide = PersonId{s.get_int(1)};
    n.time_zone = s.get_text(2);
    n.rule.kind = kRecurrence.parse(s.get_text(3));
    n.rule.interval = static_cast<int>(s.get_int(4));
    auto mask = s.get_int(5);
    for (unsigned d = 1; d <= 7; ++d)
        if (mask & (1 << d))
            n.rule.weekdays.push_back(weekday{d});
    n.rule.nth = static_cast<int>(s.get_int(6));
    n.rule.weekday = weekday{static_cast<unsigned>(s.get_int(7))};
    n.rule.day_of_month = static_cast<int>(s.get_int(8));
    n.first_day = detail::date_from_db(s.get_text(9));
    if (auto d = s.get_opt_text(10))
        n.last_day = detail::date_from_db(*d);
    n.start = minutes{s.get_int(11)};
    n.duration_minutes = static_cast<int>(s.get_int(12));
    n.setting = kSetting.parse(s.get_text(13));
    n.place = s.get_text(14);
    n.link = s.get_text(15);
    n.capacity = static_cast<int>(s.get_int(16));
    return o;
}

void load_details(db::Database& db, OfficeHoursSlot& o) {
    {
        db::Use s(db.cached("SELECT relationship_id FROM office_hours_relationship WHERE "
                            "office_hours_id = ?1 ORDER BY relationship_id"));
        s->bind(1, raw(o.id));
        while (s->step())
            o.spec.serves.push_back(RelationshipId{s->get_int(0)});
    }
    db::Use s(db.cached("SELECT local_day, new_start FROM office_hours_exception WHERE "
                        "office_hours_id = ?1 ORDER BY local_day"));
    s->bind(1, raw(o.id));
    while (s->step()) {
        Date d = detail::date_from_db(s->get_text(0));
        if (s->is_null(1))
            o.skipped.push_back(d);
        else
            o.moved.push_back({d, detail::from_millis(s->get_int(1))});
    }
}

OfficeHoursSlot load_slot(db::Database& db, OfficeHoursId id) {
    OfficeHoursSlot o;
    {
        db::Use s(db.cached("SELECT id, guide_id, time_zone, kind, interval, weekdays, nth, "
                            "weekday, day_of_month, first_day, last_day, start_minute, "
                            "duration_min, setting, place, link, capacity FROM office_hours "
                            "WHERE id = ?1"));
        s->bind(1, raw(id));
        if (!s->step())
            throw NotFound(slot_text(id) + " does not exist");
        o = read_slot(*s);
    }
    load_details(db, o);
    return o;
}

// Applies skips, moves and booking counts to the plain expansion of one slot.
void finish(db::Database& db, const OfficeHoursSlot& o, Timestamp from, Timestamp to,
            std::vector<Occurrence>& out) {
    std::vector<Occurrence> plain;
    // A moved occurrence may come from a local day outside the window: widen by a week.
    expand_into(o.spec, zone_of(o.spec.time_zone), o.id, from - days{7}, to + days{7}, plain);
    std::map<Date, int> booked;
    {
        db::Use s(db.cached("SELECT local_day, count(*) FROM office_hours_booking WHERE "
                            "office_hours_id = ?1 GROUP BY local_day"));
        s->bind(1, raw(o.id));
        while (s->step())
            booked[detail::date_from_db(s->get_text(0))] = static_cast<int>(s->get_int(1));
    }
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
}

int weekday_mask(const RecurrenceRule& r) {
    int mask = 0;
    for (weekday w : r.weekdays)
        mask |= 1 << w.iso_encoding();
    return mask;
}

void require_guide(const OfficeHoursSlot& o, PersonId by) {
    if (o.spec.guide != by)
        throw PermissionDenied("only the guide who posted " + slot_text(o.id) + " can change it");
}

void require_unbooked(db::Database& db, OfficeHoursId id, Date day) {
    db::Use s(db.cached("SELECT count(*) FROM office_hours_booking WHERE office_hours_id = ?1 "
                        "AND local_day = ?2"));
    s->bind(1, raw(id));
    s->bind(2, to_string(day));
    s->step();
    if (s->get_int(0) > 0)
        throw RuleViolation("the occurrence of " + to_string(day) +
                                " is booked; cancel the booked meetings first",
                            ErrorCode::invalid_transition);
}

// The occurrence of a local day, skips and moves applied; NotFound if the rule has none.
Occurrence occurrence_of(db::Database& db, const OfficeHoursSlot& o, Date day) {
    std::vector<Occurrence> plain;
    Timestamp from{sys_days{day} - days{2}}, to{sys_days{day} + days{3}};
    expand_into(o.spec, zone_of(o.spec.time_zone), o.id, from, to, plain);
    auto it = std::find_if(plain.begin(), plain.end(),
                           [&](const Occurrence& x) { return x.local_day == day; });
    if (it == plain.end() || std::find(o.skipped.begin(), o.skipped.end(), day) != o.skipped.end())
        throw NotFound(slot_text(o.id) + " has no occurrence on " + to_string(day));
    Occurrence occ = *it;
    for (const auto& [d, start] : o.moved)
        if (d == day) {
            occ.start = start;
            occ.end = start + minutes{o.spec.duration_minutes};
            occ.moved = true;
        }
    db::Use s(db.cached("SELECT count(*) FROM office_hours_booking WHERE office_hours_id = ?1 "
                        "AND local_day = ?2"));
    s->bind(1, raw(o.id));
    s->bind(2, to_string(day));
    s->step();
    occ.booked = static_cast<int>(s->get_int(0));
    return occ;
}

} // namespace

OfficeHoursId OfficeHours::create(const NewOfficeHours& req) {
    detail::require_text(req.time_zone, "the time zone", kMaxNameBytes);
    detail::require_list_size(req.serves.size(), "the relationships served");
    validate(req);
    zone_of(req.time_zone);
    std::string place = detail::optional_text(req.place, "the place", kMaxLineBytes);
    std::string link = detail::optional_text(req.link, "the link", kMaxLineBytes);
    if (req.setting == Setting::virtual_ && link.empty())
        throw InvalidArgument("virtual office hours need a link", ErrorCode::empty_text);
    if (static_cast<std::size_t>(req.setting) > 2)
        throw InvalidArgument("unknown setting");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    m_impl->require_person(req.guide, "guide");
    for (RelationshipId rid : req.serves) {
        Relationship r = detail::load_relationship(db, rid);
        if (r.guide != req.guide)
            throw InvalidArgument("relationship " + std::to_string(raw(rid)) +
                                  " is not one in which person " + std::to_string(raw(req.guide)) +
                                  " is the guide");
        if (r.status != Status::active)
            throw RuleViolation("relationship " + std::to_string(raw(rid)) + " is not active",
                                ErrorCode::invalid_transition);
    }
    std::int64_t id = 0;
    {
        db::Use s(db.cached(
            "INSERT INTO office_hours (guide_id, time_zone, kind, interval, weekdays, nth, "
            "weekday, day_of_month, first_day, last_day, start_minute, duration_min, setting, "
            "place, link, capacity, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
            "?11, ?12, ?13, ?14, ?15, ?16, ?17)"));
        s->bind(1, raw(req.guide));
        s->bind(2, req.time_zone);
        s->bind(3, kRecurrence.name(req.rule.kind));
        s->bind(4, req.rule.interval);
        s->bind(5, weekday_mask(req.rule));
        s->bind(6, req.rule.nth);
        s->bind(7, static_cast<int>(req.rule.weekday.c_encoding()));
        s->bind(8, req.rule.day_of_month);
        s->bind(9, to_string(req.first_day));
        if (req.last_day)
            s->bind(10, to_string(*req.last_day));
        s->bind(11, static_cast<std::int64_t>(req.start.count()));
        s->bind(12, req.duration_minutes);
        s->bind(13, kSetting.name(req.setting));
        s->bind(14, place);
        s->bind(15, link);
        s->bind(16, req.capacity);
        s->bind(17, detail::to_millis(m_impl->now()));
        s->run();
        id = db.last_insert_rowid();
    }
    for (RelationshipId rid : req.serves) {
        db::Use s(db.cached("INSERT OR IGNORE INTO office_hours_relationship (office_hours_id, "
                            "relationship_id) VALUES (?1, ?2)"));
        s->bind(1, id);
        s->bind(2, raw(rid));
        s->run();
    }
    m_impl->audit(req.guide, "create", "office_hours", id,
                  Json()
                      .add("time_zone", req.time_zone)
                      .add("recurrence", kRecurrence.name(req.rule.kind))
                      .add("capacity", req.capacity)
                      .str());
    tx.commit();
    return OfficeHoursId{id};
}

OfficeHoursSlot OfficeHours::get(OfficeHoursId id) const {
    return load_slot(m_impl->db(), id);
}

std::vector<OfficeHoursSlot> OfficeHours::list(PersonId guide) const {
    db::Database& db = m_impl->db();
    std::vector<OfficeHoursSlot> out;
    {
        db::Use s(db.cached("SELECT id, guide_id, time_zone, kind, interval, weekdays, nth, "
                            "weekday, day_of_month, first_day, last_day, start_minute, "
                            "duration_min, setting, place, link, capacity FROM office_hours "
                            "WHERE guide_id = ?1 ORDER BY id"));
        s->bind(1, raw(guide));
        while (s->step())
            out.push_back(read_slot(*s));
    }
    for (OfficeHoursSlot& o : out)
        load_details(db, o);
    return out;
}

void OfficeHours::skip(OfficeHoursId id, Date local_day, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    OfficeHoursSlot o = load_slot(db, id);
    require_guide(o, by);
    occurrence_of(db, o, local_day); // NotFound unless the rule has it (and not skipped yet)
    require_unbooked(db, id, local_day);
    {
        db::Use s(db.cached("INSERT OR REPLACE INTO office_hours_exception (office_hours_id, "
                            "local_day, new_start) VALUES (?1, ?2, NULL)"));
        s->bind(1, raw(id));
        s->bind(2, to_string(local_day));
        s->run();
    }
    m_impl->audit(by, "skip", "office_hours", raw(id),
                  Json().add("day", to_string(local_day)).str());
    tx.commit();
}

void OfficeHours::move(OfficeHoursId id, Date local_day, Timestamp new_start, PersonId by) {
    detail::require_instant(new_start, "the new start");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    OfficeHoursSlot o = load_slot(db, id);
    require_guide(o, by);
    occurrence_of(db, o, local_day);
    require_unbooked(db, id, local_day);
    {
        db::Use s(db.cached("INSERT OR REPLACE INTO office_hours_exception (office_hours_id, "
                            "local_day, new_start) VALUES (?1, ?2, ?3)"));
        s->bind(1, raw(id));
        s->bind(2, to_string(local_day));
        s->bind(3, detail::to_millis(new_start));
        s->run();
    }
    m_impl->audit(by, "move", "office_hours", raw(id),
                  Json().add("day", to_string(local_day)).add("to", to_string(new_start)).str());
    tx.commit();
}

std::vector<Occurrence> OfficeHours::occurrences(OfficeHoursId id, Timestamp from,
                                                 Timestamp to) const {
    require_range(from, to);
    db::Database& db = m_impl->db();
    OfficeHoursSlot o = load_slot(db, id);
    std::vector<Occurrence> out;
    if (to > from)
        finish(db, o, from, to, out);
    if (out.size() > kMaxOccurrences)
        throw InvalidArgument(too_many_occurrences());
    std::sort(out.begin(), out.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
    return out;
}

std::vector<Occurrence> OfficeHours::all_occurrences(Timestamp from, Timestamp to) const {
    require_range(from, to);
    db::Database& db = m_impl->db();
    std::vector<OfficeHoursSlot> slots;
    {
        db::Use s(db.cached("SELECT id, guide_id, time_zone, kind, interval, weekdays, nth, "
                            "weekday, day_of_month, first_day, last_day, start_minute, "
                            "duration_min, setting, place, link, capacity FROM office_hours "
                            "ORDER BY id"));
        while (s->step())
            slots.push_back(read_slot(*s));
    }
    std::map<std::int64_t, std::vector<std::pair<Date, std::optional<std::int64_t>>>> exceptions;
    {
        db::Use s(db.cached("SELECT office_hours_id, local_day, new_start FROM "
                            "office_hours_exception"));
        while (s->step())
            exceptions[s->get_int(0)].push_back(
                {detail::date_from_db(s->get_text(1)), s->get_opt_int(2)});
    }
    std::map<std::pair<std::int64_t, Date>, int> booked;
    {
        db::Use s(db.cached("SELECT office_hours_id, local_day, count(*) FROM "
                            "office_hours_booking GROUP BY office_hours_id, local_day"));
        while (s->step())
            booked[{s->get_int(0), detail::date_from_db(s->get_text(1))}] =
                static_cast<int>(s->get_int(2));
    }
    std::vector<Occurrence> out;
    if (to <= from)
        return out;
    // Weekly slots dominate: reserve for one occurrence per slot and week.
    out.reserve(std::min<std::size_t>(
        kMaxOccurrences, slots.size() * static_cast<std::size_t>((to - from) / days{7} + 2)));
    std::map<std::string, const date::time_zone*> zones;
    for (const OfficeHoursSlot& o : slots) {
        auto z = zones.find(o.spec.time_zone);
        if (z == zones.end())
            z = zones.emplace(o.spec.time_zone, zone_of(o.spec.time_zone)).first;
        auto ex = exceptions.find(raw(o.id));
        std::size_t before = out.size();
        Timestamp lo = from, hi = to;
        if (ex != exceptions.end()) {
            lo -= days{7};
            hi += days{7};
        }
        expand_into(o.spec, z->second, o.id, lo, hi, out);
        if (ex == exceptions.end() && booked.empty())
            continue;
        // Apply this slot's skips, moves and bookings to what it just added.
        auto it = out.begin() + static_cast<std::ptrdiff_t>(before);
        while (it != out.end()) {
            bool drop = false;
            if (ex != exceptions.end())
                for (const auto& [day, start] : ex->second)
                    if (day == it->local_day) {
                        if (!start) {
                            drop = true;
                        } else {
                            it->start = detail::from_millis(*start);
                            it->end = it->start + minutes{o.spec.duration_minutes};
                            it->moved = true;
                        }
                    }
            if (drop || it->start < from || it->start >= to) {
                it = out.erase(it);
                continue;
            }
            if (auto b = booked.find({raw(o.id), it->local_day}); b != booked.end())
                it->booked = b->second;
            ++it;
        }
    }
    return out;
}

MeetingId OfficeHours::book(OfficeHoursId id, Date local_day, RelationshipId relationship,
                            PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    OfficeHoursSlot o = load_slot(db, id);
    Relationship r = detail::load_relationship(db, relationship);
    if (std::find(o.spec.serves.begin(), o.spec.serves.end(), relationship) == o.spec.serves.end())
        throw RuleViolation(slot_text(id) + " does not serve relationship " +
                            std::to_string(raw(relationship)));
    if (by != r.learner)
        throw PermissionDenied("the learner of relationship " + std::to_string(raw(relationship)) +
                               " books office hours");
    Occurrence occ = occurrence_of(db, o, local_day);
    if (occ.start <= m_impl->now())
        throw RuleViolation("the occurrence of " + to_string(local_day) + " has already started",
                            ErrorCode::invalid_transition);
    if (occ.booked >= o.spec.capacity)
        throw RuleViolation("the occurrence of " + to_string(local_day) + " is full (" +
                            std::to_string(o.spec.capacity) + " booking(s))");
    {
        db::Use s(db.cached("SELECT 1 FROM office_hours_booking WHERE office_hours_id = ?1 AND "
                            "local_day = ?2 AND relationship_id = ?3"));
        s->bind(1, raw(id));
        s->bind(2, to_string(local_day));
        s->bind(3, raw(relationship));
        if (s->step())
            throw RuleViolation("relationship " + std::to_string(raw(relationship)) +
                                    " already booked this occurrence",
                                ErrorCode::invalid_transition);
    }
    MeetingId meeting =
        m_impl->meetings.schedule({relationship, by, occ.start, o.spec.duration_minutes,
                                   o.spec.setting, o.spec.place, o.spec.link});
    {
        db::Use s(db.cached("INSERT INTO office_hours_booking (office_hours_id, local_day, "
                            "relationship_id, meeting_id) VALUES (?1, ?2, ?3, ?4)"));
        s->bind(1, raw(id));
        s->bind(2, to_string(local_day));
        s->bind(3, raw(relationship));
        s->bind(4, raw(meeting));
        s->run();
    }
    m_impl->audit(by, "book", "office_hours", raw(id),
                  Json()
                      .add("day", to_string(local_day))
                      .add("relationship", raw(relationship))
                      .add("meeting", raw(meeting))
                      .str());
    tx.commit();
    return meeting;
}

std::vector<Booking> OfficeHours::bookings(OfficeHoursId id, Date from, Date to,
                                           PersonId acting) const {
    db::Database& db = m_impl->db();
    OfficeHoursSlot o = load_slot(db, id);
    detail::require_known_person(db, acting);
    const bool guide = o.spec.guide == acting;
    db::Use s(db.cached("SELECT b.local_day, b.relationship_id, r.learner_id, b.meeting_id "
                        "FROM office_hours_booking b JOIN relationship r ON r.id = "
                        "b.relationship_id WHERE b.office_hours_id = ?1 AND b.local_day >= ?2 "
                        "AND b.local_day <= ?3 AND (?4 OR r.guide_id = ?5 OR r.learner_id = ?5) "
                        "ORDER BY b.local_day, b.relationship_id"));
    s->bind(1, raw(id));
    s->bind(2, to_string(from));
    s->bind(3, to_string(to));
    s->bind(4, std::int64_t{guide ? 1 : 0});
    s->bind(5, raw(acting));
    std::vector<Booking> out;
    while (s->step())
        out.push_back({detail::date_from_db(s->get_text(0)), RelationshipId{s->get_int(1)},
                       PersonId{s->get_int(2)}, MeetingId{s->get_int(3)}});
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

std::string OfficeHours::to_icalendar(OfficeHoursId id) const {
    db::Database& db = m_impl->db();
    OfficeHoursSlot o = load_slot(db, id);
    const NewOfficeHours& n = o.spec;
    std::optional<Date> first;
    rule_days(n, n.first_day, n.first_day + days{400}, [&](Date d) {
        if (!first)
            first = d;
    });
    if (!first)
        throw RuleViolation(slot_text(id) + " has no occurrence to export");
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
        for (std::size_t i = 0; i < wd.size(); ++i)
            rrule += (i ? "," : "") + std::string(kIcalDay[wd[i].c_encoding()]);
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
        hi = std::max(lo, floor<seconds>(m_impl->now())) + days{kIcalHorizonDays};
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
        ical_line(out, "DTSTAMP:" + utc_stamp(m_impl->now()));
        ical_line(out, start_line);
        ical_line(out, "DURATION:PT" + std::to_string(n.duration_minutes) + "M");
        if (rid)
            ical_line(out, "RECURRENCE-ID" + tz + ":" + *rid);
        if (recurring) {
            ical_line(out, rrule);
            if (!o.skipped.empty()) {
                std::string ex = "EXDATE" + tz + ":";
                for (std::size_t i = 0; i < o.skipped.size(); ++i)
                    ex += (i ? "," : "") + local_stamp(o.skipped[i], n.start);
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

std::string_view to_string(Recurrence v) noexcept {
    return kRecurrence.name(v);
}

} // namespace mentorkit
