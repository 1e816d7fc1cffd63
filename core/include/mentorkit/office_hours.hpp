#pragma once
/// @file office_hours.hpp
/// Office hours (seed 001: "similar to how professors post office hours … mentor meetings
/// every Thursday 4pm – 4:30pm"): a guide's recurring slot in an IANA time zone that serves one
/// or several of the guide's relationships; each occurrence has a capacity and learners book it.
///
/// Recurrence, in the slot's local time: weekly every N weeks on chosen weekdays (weeks start on
/// Monday and are counted from the week of the first day), monthly every N months on the n-th
/// (or last) weekday, or monthly on a day of the month (months without that day are skipped).
/// Single occurrences can be skipped or moved; an occurrence is identified by its local day in
/// the rule, even when moved.
///
/// Time zones come from the system tz database (Howard Hinnant's tz library, the one behind
/// C++20's std::chrono zones), and expansion is exact across DST changes. A local start that
/// does not exist (the spring-forward gap) is read with the UTC offset before the gap — it moves
/// forward by the gap, as RFC 5545 prescribes; a local start that happens twice (fall back) is
/// the first of the two.

#include "mentorkit/meetings.hpp"
#include "mentorkit/types.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// Identifies an office-hours slot.
enum class OfficeHoursId : std::int64_t {};

/// How a slot recurs.
enum class Recurrence {
    weekly,          ///< Every `interval` weeks on `weekdays`.
    monthly_weekday, ///< Every `interval` months on the `nth` `weekday` (nth −1: the last).
    monthly_day,     ///< Every `interval` months on `day_of_month`.
};

/// The recurrence rule of a slot (local time of its zone).
struct RecurrenceRule {
    Recurrence kind = Recurrence::weekly;
    int interval = 1;                             ///< 1..52.
    std::vector<std::chrono::weekday> weekdays{}; ///< weekly: at least one.
    int nth = 1;                                  ///< monthly_weekday: 1..4, or −1.
    std::chrono::weekday weekday{};               ///< monthly_weekday.
    int day_of_month = 1;                         ///< monthly_day: 1..31.
};

/// A request to post office hours.
struct NewOfficeHours {
    PersonId guide{};
    std::string time_zone{}; ///< IANA name, e.g. "Europe/London".
    RecurrenceRule rule{};
    Date first_day{};               ///< First local day it may occur.
    std::optional<Date> last_day{}; ///< Last local day, if it ends.
    std::chrono::minutes start{};   ///< Local time of day, 0..1439 minutes.
    int duration_minutes = 30;      ///< 1..1440.
    Setting setting = Setting::in_person_private;
    std::string place{};
    std::string link{};                   ///< Required for virtual office hours.
    int capacity = 1;                     ///< Bookings per occurrence, 1..100.
    std::vector<RelationshipId> serves{}; ///< Active relationships in which `guide` is the guide.
};

/// A stored slot.
struct OfficeHoursSlot {
    OfficeHoursId id{};
    NewOfficeHours spec{};
    std::vector<Date> skipped{};                     ///< Local days skipped.
    std::vector<std::pair<Date, Timestamp>> moved{}; ///< Local day → new start.
};

/// How far past the first occurrence (or today, if later) the VTIMEZONE of an open-ended slot
/// reaches in OfficeHours::to_icalendar: two years.
inline constexpr int kIcalHorizonDays = 731;

/// One occurrence of a slot.
struct Occurrence {
    OfficeHoursId slot{};
    Date local_day{};  ///< The occurrence's day in the rule (its identity).
    Timestamp start{}; ///< UTC.
    Timestamp end{};   ///< UTC.
    bool moved = false;
    int booked = 0;
    int capacity = 0;
};

/// A booking of one occurrence.
struct Booking {
    Date local_day{}; ///< The occurrence's day in the rule.
    RelationshipId relationship{};
    PersonId learner{};  ///< Who booked.
    MeetingId meeting{}; ///< The meeting the booking scheduled.
};

/// Expands a slot's rule (no skips or moves) into the occurrences starting in [from, to), in
/// start order. Throws InvalidArgument for an invalid rule or an unknown time zone. The pure
/// function behind OfficeHours::occurrences.
std::vector<Occurrence> expand(const NewOfficeHours& slot, Timestamp from, Timestamp to);

/// Office hours of the store.
class OfficeHours {
public:
    explicit OfficeHours(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Posts a slot; `by` is the guide. Refuses an unknown zone, an invalid rule or time, a
    /// served relationship that is not the guide's or not active.
    OfficeHoursId create(const NewOfficeHours& slot);
    /// The slot; throws NotFound.
    OfficeHoursSlot get(OfficeHoursId id) const;
    /// The slots of a guide.
    std::vector<OfficeHoursSlot> list(PersonId guide) const;
    /// Skips the occurrence of a local day (the guide only; refused once booked).
    void skip(OfficeHoursId id, Date local_day, PersonId by);
    /// Moves the occurrence of a local day to another start (the guide only; refused once
    /// booked).
    void move(OfficeHoursId id, Date local_day, Timestamp new_start, PersonId by);
    /// Occurrences starting in [from, to), skips removed, moves applied, with booking counts.
    std::vector<Occurrence> occurrences(OfficeHoursId id, Timestamp from, Timestamp to) const;
    /// Occurrences of every slot starting in [from, to) (e.g. "next office hour" on a
    /// dashboard), by slot id, then start (sort a window yourself for a merged calendar).
    std::vector<Occurrence> all_occurrences(Timestamp from, Timestamp to) const;
    /// The learner of a served relationship books the occurrence of a local day: a meeting of
    /// that relationship is scheduled at the occurrence. Refused when full, when the
    /// relationship is not served, when the occurrence does not exist or is in the past.
    MeetingId book(OfficeHoursId id, Date local_day, RelationshipId relationship, PersonId by);
    /// Who booked the occurrences of local days `from`..`to` (inclusive), by day then
    /// relationship, as `acting` may see them: the slot's guide sees every booking, anyone else
    /// only the bookings of relationships they are a party to (the counts in Occurrence are
    /// public; who booked is the pair's business). NotFound for an unknown slot or person.
    std::vector<Booking> bookings(OfficeHoursId id, Date from, Date to, PersonId acting) const;
    /// The slot as an iCalendar (RFC 5545) object: a VTIMEZONE for the slot's zone, one
    /// recurring VEVENT with RRULE and EXDATE, plus one VEVENT with RECURRENCE-ID per moved
    /// occurrence. Lines end in CRLF and are folded at 75 octets.
    ///
    /// The VTIMEZONE (RFC 5545 3.6.5) is generated from the tz database: one STANDARD or
    /// DAYLIGHT sub-component per period — the one in force at the first occurrence, then one
    /// per transition — each with an explicit DTSTART (the local time of the transition, read
    /// in the offset before it, e.g. 01:00 in London and 02:00 in New York on the spring
    /// change), TZOFFSETFROM, TZOFFSETTO and TZNAME, and no RRULE or RDATE. It covers the
    /// first occurrence to the end of the last day; an open-ended slot is covered up to
    /// kIcalHorizonDays after the first occurrence or today, whichever is later (and up to any
    /// later skipped or moved occurrence). A zone without changes in that range (UTC,
    /// Asia/Tokyo) gets a single STANDARD component.
    std::string to_icalendar(OfficeHoursId id) const;

private:
    detail::StoreImpl* m_impl;
};

/// "weekly", "monthly_weekday", "monthly_day".
std::string_view to_string(Recurrence value) noexcept;

} // namespace mentorkit
