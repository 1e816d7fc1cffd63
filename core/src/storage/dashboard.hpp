#pragma once
// The whole-store reads the dashboard makes in one pass each (one query per kind of fact, not
// one per relationship).

#include "mentorkit/types.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

/// Every person's name, by id.
std::unordered_map<std::int64_t, std::string> person_names(db::Database& db);

/// One agreement version: its relationship, number and how many signed it.
struct VersionSignatures {
    std::int64_t relationship = 0, number = 0, signatures = 0;
};
std::vector<VersionSignatures> version_signatures(db::Database& db);

/// Relationship id and its count of unresolved misunderstandings (only those with some).
std::vector<std::pair<std::int64_t, int>> open_misunderstanding_counts(db::Database& db);

/// (office hours id, relationship id): the relationships each office hours serve.
std::vector<std::pair<std::int64_t, std::int64_t>> office_hours_served(db::Database& db);
/// One booking: office hours id, local day, relationship id.
struct BookingKey {
    std::int64_t slot = 0;
    Date day{};
    std::int64_t relationship = 0;
};
std::vector<BookingKey> office_hours_bookings(db::Database& db);

} // namespace mentorkit::storage
