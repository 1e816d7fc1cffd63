#include "storage/dashboard.hpp"

#include "storage/database.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

std::unordered_map<std::int64_t, std::string> person_names(db::Database& db) {
    std::unordered_map<std::int64_t, std::string> names;
    db::Use s(db.cached("SELECT id, name FROM person"));
    while (s->step())
        names.emplace(s->get_int(0), s->get_text(1));
    return names;
}

std::vector<VersionSignatures> version_signatures(db::Database& db) {
    db::Use s(db.cached("SELECT v.relationship_id, v.number, count(g.person_id) FROM "
                        "agreement_version v LEFT JOIN agreement_signature g ON g.version_id = "
                        "v.id GROUP BY v.id"));
    std::vector<VersionSignatures> out;
    while (s->step())
        out.push_back({s->get_int(0), s->get_int(1), s->get_int(2)});
    return out;
}

std::vector<std::pair<std::int64_t, int>> open_misunderstanding_counts(db::Database& db) {
    db::Use s(db.cached("SELECT relationship_id, count(*) FROM misunderstanding "
                        "WHERE resolution IS NULL GROUP BY relationship_id"));
    std::vector<std::pair<std::int64_t, int>> out;
    while (s->step())
        out.emplace_back(s->get_int(0), static_cast<int>(s->get_int(1)));
    return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> office_hours_served(db::Database& db) {
    db::Use s(db.cached("SELECT office_hours_id, relationship_id FROM office_hours_relationship"));
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    while (s->step())
        out.emplace_back(s->get_int(0), s->get_int(1));
    return out;
}

std::vector<BookingKey> office_hours_bookings(db::Database& db) {
    db::Use s(db.cached("SELECT office_hours_id, local_day, relationship_id FROM "
                        "office_hours_booking"));
    std::vector<BookingKey> out;
    while (s->step())
        out.push_back({s->get_int(0), detail::date_from_db(s->get_text(1)), s->get_int(2)});
    return out;
}

} // namespace mentorkit::storage
