// Office hours: posted, skipped, moved and booked as operations (office_hours.*); the
// recurrence and iCalendar are rules/recurrence.hpp, the SQL storage/office_hours.cpp.

#include "mentorkit/office_hours.hpp"

#include "meetings_impl.hpp"
#include "mentorkit/error.hpp"
#include "names.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/registry.hpp"
#include "relationships_impl.hpp"
#include "rules/recurrence.hpp"
#include "storage/office_hours.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <map>

namespace mentorkit {

using detail::Json;
using namespace std::chrono;

namespace {

std::string slot_text(OfficeHoursId id) {
    return "office hours " + std::to_string(raw(id));
}

OfficeHoursSlot load_slot(db::Database& db, OfficeHoursId id) {
    auto o = storage::find_slot(db, id);
    if (!o)
        throw NotFound(slot_text(id) + " does not exist");
    return std::move(*o);
}

void require_guide(const OfficeHoursSlot& o, PersonId by) {
    if (o.spec.guide != by)
        throw PermissionDenied("only the guide who posted " + slot_text(o.id) + " can change it");
}

void require_unbooked(db::Database& db, OfficeHoursId id, Date day) {
    if (storage::bookings_on(db, id, day) > 0)
        throw RuleViolation("the occurrence of " + to_string(day) +
                                " is booked; cancel the booked meetings first",
                            ErrorCode::invalid_transition);
}

// The occurrence of a local day, skips and moves applied; NotFound if the rule has none.
Occurrence occurrence_of(db::Database& db, const OfficeHoursSlot& o, Date day) {
    std::vector<Occurrence> plain;
    Timestamp from{sys_days{day} - days{2}}, to{sys_days{day} + days{3}};
    rules::expand_into(o.spec, rules::zone_of(o.spec.time_zone), o.id, from, to, plain);
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
    occ.booked = storage::bookings_on(db, o.id, day);
    return occ;
}

ops::Value encode_rule(const RecurrenceRule& r) {
    ops::Array weekdays;
    for (weekday w : r.weekdays)
        weekdays.push_back(static_cast<int>(w.iso_encoding()));
    return ops::ObjectBuilder()
        .add("kind", names::recurrence.name(r.kind))
        .add("interval", r.interval)
        .add("weekdays", std::move(weekdays))
        .add("nth", r.nth)
        .add("weekday", static_cast<int>(r.weekday.iso_encoding()))
        .add("day_of_month", r.day_of_month)
        .done();
}

RecurrenceRule decode_rule(const ops::Value& v) {
    RecurrenceRule r;
    r.kind = ops::Decoder::parse_name(names::recurrence, v["kind"].as_string("kind"));
    r.interval = static_cast<int>(v["interval"].as_int("interval"));
    for (const ops::Value& w : v["weekdays"].as_array("weekdays"))
        r.weekdays.push_back(weekday{static_cast<unsigned>(w.as_int("a weekday") % 7)});
    r.nth = static_cast<int>(v["nth"].as_int("nth"));
    r.weekday = weekday{static_cast<unsigned>(v["weekday"].as_int("weekday") % 7)};
    r.day_of_month = static_cast<int>(v["day_of_month"].as_int("day_of_month"));
    return r;
}

// --- operations --------------------------------------------------------------------------------

struct Post {
    static constexpr const char* kind = "office_hours.create";
    Uid uid;
    NewOfficeHours req;

    std::int64_t apply(detail::StoreImpl& impl) const {
        detail::require_text(req.time_zone, "the time zone", kMaxNameBytes);
        detail::require_list_size(req.serves.size(), "the relationships served");
        rules::validate(req);
        rules::zone_of(req.time_zone);
        NewOfficeHours n = req;
        n.place = detail::optional_text(req.place, "the place", kMaxLineBytes);
        n.link = detail::optional_text(req.link, "the link", kMaxLineBytes);
        if (req.setting == Setting::virtual_ && n.link.empty())
            throw InvalidArgument("virtual office hours need a link", ErrorCode::empty_text);
        if (static_cast<std::size_t>(req.setting) > 2)
            throw InvalidArgument("unknown setting");
        db::Database& db = impl.db();
        impl.require_person(req.guide, "guide");
        for (RelationshipId rid : req.serves) {
            Relationship r = detail::load_relationship(db, rid);
            if (r.guide != req.guide)
                throw InvalidArgument("relationship " + std::to_string(raw(rid)) +
                                      " is not one in which person " +
                                      std::to_string(raw(req.guide)) + " is the guide");
            if (r.status != Status::active)
                throw RuleViolation("relationship " + std::to_string(raw(rid)) + " is not active",
                                    ErrorCode::invalid_transition);
        }
        OfficeHoursId id = storage::insert_slot(db, uid, n, impl.now());
        impl.audit(req.guide, "create", "office_hours", raw(id),
                   Json()
                       .add("time_zone", req.time_zone)
                       .add("recurrence", names::recurrence.name(req.rule.kind))
                       .add("capacity", req.capacity)
                       .str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        ops::Array serves;
        for (RelationshipId r : req.serves)
            serves.push_back(e.ref(r));
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("time_zone", req.time_zone)
            .add("rule", encode_rule(req.rule))
            .add("first_day", e.date(req.first_day))
            .add("last_day", e.date(req.last_day))
            .add("start_minute", static_cast<std::int64_t>(req.start.count()))
            .add("minutes", req.duration_minutes)
            .add("setting", names::setting.name(req.setting))
            .add("place", req.place)
            .add("link", req.link)
            .add("capacity", req.capacity)
            .add("serves", std::move(serves))
            .done();
    }
    static Post decode(ops::Decoder& d) {
        Post op{d.uid("id"), {}};
        NewOfficeHours& n = op.req;
        n.guide = d.actor_required();
        n.time_zone = d.text("time_zone");
        n.rule = decode_rule(d["rule"]);
        n.first_day = d.date("first_day");
        n.last_day = d.opt_date("last_day");
        n.start = minutes{d.int64("start_minute")};
        n.duration_minutes = d.integer("minutes");
        n.setting = d.name("setting", names::setting);
        n.place = d.text("place");
        n.link = d.text("link");
        n.capacity = d.integer("capacity");
        for (const ops::Value& v : d["serves"].as_array("serves"))
            n.serves.push_back(d.ref_of<RelationshipId>(v));
        return op;
    }
};

// Skips (no new start) or moves one occurrence.
struct Except {
    OfficeHoursId id;
    Date day;
    PersonId by;

    OfficeHoursSlot check(detail::StoreImpl& impl) const {
        OfficeHoursSlot o = load_slot(impl.db(), id);
        require_guide(o, by);
        occurrence_of(impl.db(), o, day); // NotFound unless the rule has it (and not skipped)
        require_unbooked(impl.db(), id, day);
        return o;
    }
};

struct Skip : Except {
    static constexpr const char* kind = "office_hours.skip";
    std::int64_t apply(detail::StoreImpl& impl) const {
        check(impl);
        storage::set_exception(impl.db(), id, day, std::nullopt);
        impl.audit(by, "skip", "office_hours", raw(id), Json().add("day", to_string(day)).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("slot", e.ref(id)).add("day", e.date(day)).done();
    }
    static Skip decode(ops::Decoder& d) {
        return {{d.ref<OfficeHoursId>("slot"), d.date("day"), d.actor_required()}};
    }
};

struct Move : Except {
    static constexpr const char* kind = "office_hours.move";
    Timestamp new_start;
    std::int64_t apply(detail::StoreImpl& impl) const {
        detail::require_instant(new_start, "the new start");
        check(impl);
        storage::set_exception(impl.db(), id, day, new_start);
        impl.audit(by, "move", "office_hours", raw(id),
                   Json().add("day", to_string(day)).add("to", to_string(new_start)).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("slot", e.ref(id))
            .add("day", e.date(day))
            .add("start", e.instant(new_start))
            .done();
    }
    static Move decode(ops::Decoder& d) {
        Move op;
        op.id = d.ref<OfficeHoursId>("slot");
        op.day = d.date("day");
        op.by = d.actor_required();
        op.new_start = d.instant("start");
        return op;
    }
};

// The booking itself; the meeting it schedules is the meeting.schedule operation before it in
// the same batch (OfficeHours::book).
struct Book {
    static constexpr const char* kind = "office_hours.book";
    OfficeHoursId id;
    Date day;
    RelationshipId relationship;
    MeetingId meeting;
    PersonId by;

    // The booking's own checks; returns the occurrence and its slot.
    std::pair<Occurrence, OfficeHoursSlot> check(detail::StoreImpl& impl) const {
        db::Database& db = impl.db();
        OfficeHoursSlot o = load_slot(db, id);
        Relationship r = detail::load_relationship(db, relationship);
        if (std::find(o.spec.serves.begin(), o.spec.serves.end(), relationship) ==
            o.spec.serves.end())
            throw RuleViolation(slot_text(id) + " does not serve relationship " +
                                std::to_string(raw(relationship)));
        if (by != r.learner)
            throw PermissionDenied("the learner of relationship " +
                                   std::to_string(raw(relationship)) + " books office hours");
        Occurrence occ = occurrence_of(db, o, day);
        if (occ.start <= impl.now())
            throw RuleViolation("the occurrence of " + to_string(day) + " has already started",
                                ErrorCode::invalid_transition);
        if (occ.booked >= o.spec.capacity)
            throw RuleViolation("the occurrence of " + to_string(day) + " is full (" +
                                std::to_string(o.spec.capacity) + " booking(s))");
        if (storage::is_booked_by(db, id, day, relationship))
            throw RuleViolation("relationship " + std::to_string(raw(relationship)) +
                                    " already booked this occurrence",
                                ErrorCode::invalid_transition);
        return {occ, std::move(o)};
    }
    std::int64_t apply(detail::StoreImpl& impl) const {
        check(impl);
        storage::insert_booking(impl.db(), id, day, relationship, meeting);
        impl.audit(by, "book", "office_hours", raw(id),
                   Json()
                       .add("day", to_string(day))
                       .add("relationship", raw(relationship))
                       .add("meeting", raw(meeting))
                       .str());
        return raw(meeting);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("slot", e.ref(id))
            .add("day", e.date(day))
            .add("relationship", e.ref(relationship))
            .add("meeting", e.ref(meeting))
            .done();
    }
    static Book decode(ops::Decoder& d) {
        return {d.ref<OfficeHoursId>("slot"), d.date("day"), d.ref<RelationshipId>("relationship"),
                d.ref<MeetingId>("meeting"), d.actor_required()};
    }
};

} // namespace

namespace ops {
void register_office_hours(Registry& r) {
    r.add(Post::kind, &handle<Post>);
    r.add(Skip::kind, &handle<Skip>);
    r.add(Move::kind, &handle<Move>);
    r.add(Book::kind, &handle<Book>);
}
} // namespace ops

OfficeHoursId OfficeHours::create(const NewOfficeHours& req) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return OfficeHoursId{ops::run(*m_impl, req.guide, Post{uid, req})};
}

OfficeHoursSlot OfficeHours::get(OfficeHoursId id) const {
    return load_slot(m_impl->db(), id);
}

std::vector<OfficeHoursSlot> OfficeHours::list(PersonId guide) const {
    return storage::slots_of(m_impl->db(), guide);
}

void OfficeHours::skip(OfficeHoursId id, Date local_day, PersonId by) {
    ops::run(*m_impl, by, Skip{{id, local_day, by}});
}

void OfficeHours::move(OfficeHoursId id, Date local_day, Timestamp new_start, PersonId by) {
    Move op;
    op.id = id;
    op.day = local_day;
    op.by = by;
    op.new_start = new_start;
    ops::run(*m_impl, by, op);
}

std::vector<Occurrence> OfficeHours::occurrences(OfficeHoursId id, Timestamp from,
                                                 Timestamp to) const {
    rules::require_range(from, to);
    db::Database& db = m_impl->db();
    OfficeHoursSlot o = load_slot(db, id);
    std::vector<Occurrence> out;
    if (to > from)
        out = rules::occurrences_of(o, from, to, storage::booking_counts(db, id));
    if (out.size() > kMaxOccurrences)
        throw InvalidArgument(rules::too_many_occurrences());
    std::sort(out.begin(), out.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
    return out;
}

std::vector<Occurrence> OfficeHours::all_occurrences(Timestamp from, Timestamp to) const {
    rules::require_range(from, to);
    db::Database& db = m_impl->db();
    std::vector<OfficeHoursSlot> slots = storage::slots_of(db, std::nullopt);
    std::map<std::pair<std::int64_t, Date>, int> booked = storage::all_booking_counts(db);
    std::vector<Occurrence> out;
    if (to <= from)
        return out;
    // Weekly slots dominate: reserve for one occurrence per slot and week.
    out.reserve(std::min<std::size_t>(
        kMaxAllOccurrences, slots.size() * static_cast<std::size_t>((to - from) / days{7} + 2)));
    std::map<std::string, const date::time_zone*> zones;
    for (const OfficeHoursSlot& o : slots) {
        auto z = zones.find(o.spec.time_zone);
        if (z == zones.end())
            z = zones.emplace(o.spec.time_zone, rules::zone_of(o.spec.time_zone)).first;
        bool exceptions = !o.skipped.empty() || !o.moved.empty();
        std::size_t before = out.size();
        Timestamp lo = from, hi = to;
        if (exceptions) {
            lo -= days{7};
            hi += days{7};
        }
        rules::expand_into(o.spec, z->second, o.id, lo, hi, out, kMaxAllOccurrences);
        if (!exceptions && booked.empty())
            continue;
        // Apply this slot's skips, moves and bookings to what it just added, keeping the
        // occurrences that stay in one pass (erasing one at a time would be quadratic).
        auto kept = out.begin() + static_cast<std::ptrdiff_t>(before);
        for (auto it = kept; it != out.end(); ++it) {
            bool drop =
                std::find(o.skipped.begin(), o.skipped.end(), it->local_day) != o.skipped.end();
            for (const auto& [day, start] : o.moved)
                if (day == it->local_day) {
                    it->start = start;
                    it->end = start + minutes{o.spec.duration_minutes};
                    it->moved = true;
                }
            if (drop || it->start < from || it->start >= to)
                continue;
            if (auto b = booked.find({raw(o.id), it->local_day}); b != booked.end())
                it->booked = b->second;
            if (kept != it)
                *kept = std::move(*it);
            ++kept;
        }
        out.erase(kept, out.end());
    }
    if (out.size() > kMaxAllOccurrences)
        throw InvalidArgument(rules::too_many_occurrences(kMaxAllOccurrences));
    return out;
}

MeetingId OfficeHours::book(OfficeHoursId id, Date local_day, RelationshipId relationship,
                            PersonId by) {
    // One batch: the meeting at the occurrence, then the booking that names it. The booking's
    // checks run first, so that a refused booking is refused for its own reason.
    Book booking{id, local_day, relationship, MeetingId{0}, by};
    ops::LocalBatch batch(*m_impl, by, true);
    auto [occ, slot] = booking.check(*m_impl);
    booking.meeting = detail::schedule_in(*m_impl, batch,
                                          {relationship, by, occ.start, slot.spec.duration_minutes,
                                           slot.spec.setting, slot.spec.place, slot.spec.link});
    batch.add(booking);
    batch.commit();
    return booking.meeting;
}

std::vector<Booking> OfficeHours::bookings(OfficeHoursId id, Date from, Date to,
                                           PersonId acting) const {
    db::Database& db = m_impl->db();
    OfficeHoursSlot o = load_slot(db, id);
    detail::require_known_person(db, acting);
    return storage::bookings_of(db, id, from, to, acting, o.spec.guide == acting);
}

std::string OfficeHours::to_icalendar(OfficeHoursId id) const {
    return rules::icalendar(load_slot(m_impl->db(), id), m_impl->now());
}

std::string_view to_string(Recurrence v) noexcept {
    return names::recurrence.name(v);
}

} // namespace mentorkit
