#pragma once
// Office hours, their skipped or moved occurrences and bookings in SQLite.

#include "mentorkit/office_hours.hpp"
#include "mentorkit/operations.hpp"

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

/// A slot with the relationships it serves, its skips and moves, or nothing.
std::optional<OfficeHoursSlot> find_slot(db::Database& db, OfficeHoursId id);
/// The slots of a guide (every slot when `guide` is empty), by id, with their details.
std::vector<OfficeHoursSlot> slots_of(db::Database& db, std::optional<PersonId> guide);
OfficeHoursId insert_slot(db::Database& db, const Uid& uid, const NewOfficeHours& s, Timestamp at);
/// Skips (no new start) or moves the occurrence of a local day.
void set_exception(db::Database& db, OfficeHoursId id, Date local_day,
                   std::optional<Timestamp> new_start);
/// Bookings per local day of one slot; of every slot, keyed by slot id and day.
std::map<Date, int> booking_counts(db::Database& db, OfficeHoursId id);
std::map<std::pair<std::int64_t, Date>, int> all_booking_counts(db::Database& db);
int bookings_on(db::Database& db, OfficeHoursId id, Date local_day);
bool is_booked_by(db::Database& db, OfficeHoursId id, Date local_day, RelationshipId r);
void insert_booking(db::Database& db, OfficeHoursId id, Date local_day, RelationshipId r,
                    MeetingId meeting);
/// The bookings of local days from..to that `acting` may see (every one when `all`, else those
/// of relationships `acting` is a party to), by day then relationship.
std::vector<Booking> bookings_of(db::Database& db, OfficeHoursId id, Date from, Date to,
                                 PersonId acting, bool all);

} // namespace mentorkit::storage
