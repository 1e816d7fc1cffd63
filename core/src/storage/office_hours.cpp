#include "storage/office_hours.hpp"

#include "names.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

using namespace std::chrono;

namespace {

#define MK_SLOT_COLUMNS                                                                            \
    "id, guide_id, time_zone, kind, interval, weekdays, nth, weekday, day_of_month, first_day, "   \
    "last_day, start_minute, duration_min, setting, place, link, capacity"

OfficeHoursSlot read_slot(db::Statement& s) {
    OfficeHoursSlot o;
    o.id = OfficeHoursId{s.get_int(0)};
    NewOfficeHours& n = o.spec;
    n.guide = PersonId{s.get_int(1)};
    n.time_zone = s.get_text(2);
    n.rule.kind = names::recurrence.parse(s.get_text(3));
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
    n.setting = names::setting.parse(s.get_text(13));
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

int weekday_mask(const RecurrenceRule& r) {
    int mask = 0;
    for (weekday w : r.weekdays)
        mask |= 1 << w.iso_encoding();
    return mask;
}

} // namespace

std::optional<OfficeHoursSlot> find_slot(db::Database& db, OfficeHoursId id) {
    std::optional<OfficeHoursSlot> o;
    {
        db::Use s(db.cached("SELECT " MK_SLOT_COLUMNS " FROM office_hours WHERE id = ?1"));
        s->bind(1, raw(id));
        if (!s->step())
            return std::nullopt;
        o = read_slot(*s);
    }
    load_details(db, *o);
    return o;
}

std::vector<OfficeHoursSlot> slots_of(db::Database& db, std::optional<PersonId> guide) {
    std::vector<OfficeHoursSlot> out;
    {
        db::Use s(db.cached("SELECT " MK_SLOT_COLUMNS " FROM office_hours WHERE ?1 IS NULL OR "
                            "guide_id = ?1 ORDER BY id"));
        if (guide)
            s->bind(1, raw(*guide));
        while (s->step())
            out.push_back(read_slot(*s));
    }
    if (guide) {
        for (OfficeHoursSlot& o : out)
            load_details(db, o);
        return out;
    }
    // Every slot: the details in two passes rather than two queries per slot.
    std::map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < out.size(); ++i)
        index[raw(out[i].id)] = i;
    {
        db::Use s(db.cached("SELECT office_hours_id, relationship_id FROM "
                            "office_hours_relationship ORDER BY office_hours_id, relationship_id"));
        while (s->step())
            if (auto it = index.find(s->get_int(0)); it != index.end())
                out[it->second].spec.serves.push_back(RelationshipId{s->get_int(1)});
    }
    db::Use s(db.cached("SELECT office_hours_id, local_day, new_start FROM "
                        "office_hours_exception ORDER BY office_hours_id, local_day"));
    while (s->step()) {
        auto it = index.find(s->get_int(0));
        if (it == index.end())
            continue;
        Date d = detail::date_from_db(s->get_text(1));
        if (s->is_null(2))
            out[it->second].skipped.push_back(d);
        else
            out[it->second].moved.push_back({d, detail::from_millis(s->get_int(2))});
    }
    return out;
}

OfficeHoursId insert_slot(db::Database& db, const Uid& uid, const NewOfficeHours& n, Timestamp at) {
    std::int64_t id = 0;
    {
        db::Use s(db.cached(
            "INSERT INTO office_hours (id, uid, guide_id, time_zone, kind, interval, weekdays, "
            "nth, "
            "weekday, day_of_month, first_day, last_day, start_minute, duration_min, setting, "
            "place, link, capacity, created_at) VALUES (?19, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
            "?10, "
            "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"));
        s->bind_blob(1, std::string_view(reinterpret_cast<const char*>(uid.bytes.data()), 16));
        s->bind(19, planned_id(db, "office_hours", uid_blob(uid)));
        s->bind(2, raw(n.guide));
        s->bind(3, n.time_zone);
        s->bind(4, names::recurrence.name(n.rule.kind));
        s->bind(5, n.rule.interval);
        s->bind(6, weekday_mask(n.rule));
        s->bind(7, n.rule.nth);
        s->bind(8, static_cast<int>(n.rule.weekday.c_encoding()));
        s->bind(9, n.rule.day_of_month);
        s->bind(10, to_string(n.first_day));
        if (n.last_day)
            s->bind(11, to_string(*n.last_day));
        s->bind(12, static_cast<std::int64_t>(n.start.count()));
        s->bind(13, n.duration_minutes);
        s->bind(14, names::setting.name(n.setting));
        s->bind(15, n.place);
        s->bind(16, n.link);
        s->bind(17, n.capacity);
        s->bind(18, detail::to_millis(at));
        s->run();
        id = db.last_insert_rowid();
    }
    for (RelationshipId rid : n.serves) {
        db::Use s(db.cached("INSERT OR IGNORE INTO office_hours_relationship (office_hours_id, "
                            "relationship_id) VALUES (?1, ?2)"));
        s->bind(1, id);
        s->bind(2, raw(rid));
        s->run();
    }
    return OfficeHoursId{id};
}

void set_exception(db::Database& db, OfficeHoursId id, Date local_day,
                   std::optional<Timestamp> new_start) {
    // An exception is not history (a skip may become a move): replacing the row is the update.
    db::Use s(db.cached("INSERT OR REPLACE INTO office_hours_exception (office_hours_id, "
                        "local_day, new_start) VALUES (?1, ?2, ?3)"));
    s->bind(1, raw(id));
    s->bind(2, to_string(local_day));
    if (new_start)
        s->bind(3, detail::to_millis(*new_start));
    s->run();
}

std::map<Date, int> booking_counts(db::Database& db, OfficeHoursId id) {
    std::map<Date, int> out;
    db::Use s(db.cached("SELECT local_day, count(*) FROM office_hours_booking WHERE "
                        "office_hours_id = ?1 GROUP BY local_day"));
    s->bind(1, raw(id));
    while (s->step())
        out[detail::date_from_db(s->get_text(0))] = static_cast<int>(s->get_int(1));
    return out;
}

std::map<std::pair<std::int64_t, Date>, int> all_booking_counts(db::Database& db) {
    std::map<std::pair<std::int64_t, Date>, int> out;
    db::Use s(db.cached("SELECT office_hours_id, local_day, count(*) FROM "
                        "office_hours_booking GROUP BY office_hours_id, local_day"));
    while (s->step())
        out[{s->get_int(0), detail::date_from_db(s->get_text(1))}] =
            static_cast<int>(s->get_int(2));
    return out;
}

int bookings_on(db::Database& db, OfficeHoursId id, Date local_day) {
    db::Use s(db.cached("SELECT count(*) FROM office_hours_booking WHERE office_hours_id = ?1 "
                        "AND local_day = ?2"));
    s->bind(1, raw(id));
    s->bind(2, to_string(local_day));
    s->step();
    return static_cast<int>(s->get_int(0));
}

bool is_booked_by(db::Database& db, OfficeHoursId id, Date local_day, RelationshipId r) {
    db::Use s(db.cached("SELECT 1 FROM office_hours_booking WHERE office_hours_id = ?1 AND "
                        "local_day = ?2 AND relationship_id = ?3"));
    s->bind(1, raw(id));
    s->bind(2, to_string(local_day));
    s->bind(3, raw(r));
    return s->step();
}

void insert_booking(db::Database& db, OfficeHoursId id, Date local_day, RelationshipId r,
                    MeetingId meeting) {
    db::Use s(db.cached("INSERT INTO office_hours_booking (office_hours_id, local_day, "
                        "relationship_id, meeting_id) VALUES (?1, ?2, ?3, ?4)"));
    s->bind(1, raw(id));
    s->bind(2, to_string(local_day));
    s->bind(3, raw(r));
    s->bind(4, raw(meeting));
    s->run();
}

std::vector<Booking> bookings_of(db::Database& db, OfficeHoursId id, Date from, Date to,
                                 PersonId acting, bool all) {
    db::Use s(db.cached("SELECT b.local_day, b.relationship_id, r.learner_id, b.meeting_id "
                        "FROM office_hours_booking b JOIN relationship r ON r.id = "
                        "b.relationship_id WHERE b.office_hours_id = ?1 AND b.local_day >= ?2 "
                        "AND b.local_day <= ?3 AND (?4 OR r.guide_id = ?5 OR r.learner_id = ?5) "
                        "ORDER BY b.local_day, b.relationship_id"));
    s->bind(1, raw(id));
    s->bind(2, to_string(from));
    s->bind(3, to_string(to));
    s->bind(4, std::int64_t{all ? 1 : 0});
    s->bind(5, raw(acting));
    std::vector<Booking> out;
    while (s->step())
        out.push_back({detail::date_from_db(s->get_text(0)), RelationshipId{s->get_int(1)},
                       PersonId{s->get_int(2)}, MeetingId{s->get_int(3)}});
    return out;
}

#undef MK_SLOT_COLUMNS

} // namespace mentorkit::storage
