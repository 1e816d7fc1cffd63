#include "storage/meetings.hpp"

#include "names.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

namespace mentorkit::storage {

namespace {

#define MK_MEETING_COLUMNS                                                                         \
    "id, relationship_id, starts_at, duration_min, setting, place, link, status, scheduled_by, "   \
    "cancelled_by, cancelled_at, absent_id"

Meeting read_meeting(db::Statement& s) {
    Meeting m;
    m.id = MeetingId{s.get_int(0)};
    m.relationship = RelationshipId{s.get_int(1)};
    m.start = detail::from_millis(s.get_int(2));
    m.duration_minutes = static_cast<int>(s.get_int(3));
    m.setting = names::setting.parse(s.get_text(4));
    m.place = s.get_text(5);
    m.link = s.get_text(6);
    m.status = names::meeting_status.parse(s.get_text(7));
    m.scheduled_by = PersonId{s.get_int(8)};
    if (auto v = s.get_opt_int(9))
        m.cancelled_by = PersonId{*v};
    if (auto v = s.get_opt_int(10))
        m.cancelled_at = detail::from_millis(*v);
    if (auto v = s.get_opt_int(11))
        m.absent = PersonId{*v};
    return m;
}

// The cadence of every relationship in one statement (see stats_of). A macro, so that the two
// statements are distinct literals for the statement cache.
#define MK_STATS_SELECT                                                                            \
    "SELECT r.id, r.status, r.start_date, r.model, "                                               \
    "  (SELECT v.cadence_days FROM agreement_version v WHERE v.relationship_id = r.id AND "        \
    "     (SELECT count(*) FROM agreement_signature g WHERE g.version_id = v.id AND "              \
    "      g.person_id IN (r.guide_id, r.learner_id)) = 2 ORDER BY v.number DESC LIMIT 1), "       \
    "  EXISTS (SELECT 1 FROM agreement_version v WHERE v.relationship_id = r.id AND "              \
    "     (SELECT count(*) FROM agreement_signature g WHERE g.version_id = v.id AND "              \
    "      g.person_id IN (r.guide_id, r.learner_id)) = 2), "                                      \
    "  (SELECT v.cadence_days FROM agreement_version v WHERE v.relationship_id = r.id "            \
    "     ORDER BY v.number DESC LIMIT 1), "                                                       \
    "  EXISTS (SELECT 1 FROM agreement_version v WHERE v.relationship_id = r.id), "                \
    "  s.planned, s.held, s.cancelled_guide, s.cancelled_learner, s.no_show_guide, "               \
    "  s.no_show_learner, s.held_first_90, s.first_held, s.last_held, s.longest_gap, "             \
    "  s.misses_since_held "                                                                       \
    "FROM relationship r LEFT JOIN meeting_stats s ON s.relationship_id = r.id "

MeetingStats stats_row(db::Statement& s, Date today) {
    RelationshipId id{s.get_int(0)};
    Status status = names::status.parse(s.get_text(1));
    Date start = detail::date_from_db(s.get_text(2));
    Model model = names::model.parse(s.get_text(3));
    int cadence = defaults_of(model).default_cadence_days;
    if (s.get_int(5) != 0) {
        if (auto c = s.get_opt_int(4))
            cadence = static_cast<int>(*c);
    } else if (s.get_int(7) != 0) {
        if (auto c = s.get_opt_int(6))
            cadence = static_cast<int>(*c);
    }
    rules::MeetingSummary x;
    if (!s.is_null(8)) {
        auto i = [&](int c) {
            return static_cast<int>(s.get_int(c));
        };
        x = {i(8),  i(9),  i(10), i(11),        i(12),       i(13),
             i(14), i(17), i(18), std::nullopt, std::nullopt};
        if (auto d = s.get_opt_text(15))
            x.first_held = detail::date_from_db(*d);
        if (auto d = s.get_opt_text(16))
            x.last_held = detail::date_from_db(*d);
    }
    return rules::stats_of(id, status, start, x, cadence, today);
}

} // namespace

std::optional<Meeting> find_meeting(db::Database& db, MeetingId id) {
    db::Use s(db.cached("SELECT " MK_MEETING_COLUMNS " FROM meeting WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return read_meeting(*s);
}

std::optional<RelationshipId> meeting_relationship(db::Database& db, MeetingId id) {
    db::Use s(db.cached("SELECT relationship_id FROM meeting WHERE id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return RelationshipId{s->get_int(0)};
}

std::vector<Meeting> meetings_of(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT " MK_MEETING_COLUMNS
                        " FROM meeting WHERE relationship_id = ?1 ORDER BY starts_at, id"));
    s->bind(1, raw(id));
    std::vector<Meeting> out;
    while (s->step())
        out.push_back(read_meeting(*s));
    return out;
}

std::vector<AgendaItem> agenda_of(db::Database& db, MeetingId id) {
    db::Use s(db.cached("SELECT text, proposed_by FROM agenda_item WHERE meeting_id = ?1 "
                        "ORDER BY position"));
    s->bind(1, raw(id));
    std::vector<AgendaItem> out;
    while (s->step())
        out.push_back({s->get_text(0), PersonId{s->get_int(1)}});
    return out;
}

std::vector<MeetingRating> ratings_of(db::Database& db, MeetingId id) {
    db::Use s(db.cached("SELECT person_id, rating, comment, visibility, rated_at FROM "
                        "meeting_rating WHERE meeting_id = ?1 ORDER BY rated_at, person_id"));
    s->bind(1, raw(id));
    std::vector<MeetingRating> out;
    while (s->step())
        out.push_back({PersonId{s->get_int(0)}, static_cast<int>(s->get_int(1)), s->get_text(2),
                       s->get_text(3) == "pair" ? Visibility::pair : Visibility::private_,
                       detail::from_millis(s->get_int(4))});
    return out;
}

std::optional<std::int64_t> overlapping_meeting(db::Database& db, RelationshipId id,
                                                Timestamp start, Timestamp end) {
    // No meeting lasts more than a day (schedule refuses it), so only meetings starting in the
    // day before can reach into this one: the index range stays a day long, however many
    // meetings the relationship has held.
    db::Use s(db.cached("SELECT id FROM meeting WHERE relationship_id = ?1 AND "
                        "starts_at > ?2 - 86400000 AND starts_at < ?3 AND "
                        "(status = 'planned' OR status = 'held') AND "
                        "starts_at + duration_min * 60000 > ?2 LIMIT 1"));
    s->bind(1, raw(id));
    s->bind(2, detail::to_millis(start));
    s->bind(3, detail::to_millis(end));
    if (s->step())
        return s->get_int(0);
    return std::nullopt;
}

MeetingId insert_meeting(db::Database& db, const Uid& uid, const Meeting& m, Timestamp at) {
    db::Use s(db.cached("INSERT INTO meeting (id, uid, relationship_id, starts_at, duration_min, "
                        "setting, place, link, status, scheduled_by, created_at) VALUES "
                        "(?10, ?1, ?2, ?3, ?4, ?5, ?6, ?7, 'planned', ?8, ?9)"));
    s->bind_blob(1, std::string_view(reinterpret_cast<const char*>(uid.bytes.data()), 16));
    s->bind(10, planned_id(db, "meeting", uid_blob(uid)));
    s->bind(2, raw(m.relationship));
    s->bind(3, detail::to_millis(m.start));
    s->bind(4, m.duration_minutes);
    s->bind(5, names::setting.name(m.setting));
    s->bind(6, m.place);
    s->bind(7, m.link);
    s->bind(8, raw(m.scheduled_by));
    s->bind(9, detail::to_millis(at));
    s->run();
    return MeetingId{db.last_insert_rowid()};
}

void set_meeting_outcome(db::Database& db, MeetingId id, MeetingStatus status, PersonId by,
                         std::optional<PersonId> cancelled_by,
                         std::optional<Timestamp> cancelled_at, std::optional<PersonId> absent) {
    db::Use s(db.cached("UPDATE meeting SET status = ?2, cancelled_by = ?3, cancelled_at = ?4, "
                        "absent_id = ?5, outcome_by = ?6 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, names::meeting_status.name(status));
    if (cancelled_by)
        s->bind(3, raw(*cancelled_by));
    if (cancelled_at)
        s->bind(4, detail::to_millis(*cancelled_at));
    if (absent)
        s->bind(5, raw(*absent));
    s->bind(6, raw(by));
    s->run();
}

int agenda_length(db::Database& db, MeetingId id) {
    db::Use s(db.cached("SELECT count(*) FROM agenda_item WHERE meeting_id = ?1"));
    s->bind(1, raw(id));
    s->step();
    return static_cast<int>(s->get_int(0));
}

void insert_agenda_item(db::Database& db, MeetingId id, int position, const std::string& text,
                        PersonId by) {
    db::Use s(db.cached("INSERT INTO agenda_item (meeting_id, position, text, proposed_by) "
                        "VALUES (?1, ?2, ?3, ?4)"));
    s->bind(1, raw(id));
    s->bind(2, position);
    s->bind(3, text);
    s->bind(4, raw(by));
    s->run();
}

bool has_rating(db::Database& db, MeetingId id, PersonId by) {
    db::Use s(db.cached("SELECT 1 FROM meeting_rating WHERE meeting_id = ?1 AND person_id = ?2"));
    s->bind(1, raw(id));
    s->bind(2, raw(by));
    return s->step();
}

void insert_rating(db::Database& db, MeetingId id, const MeetingRating& r) {
    db::Use s(db.cached("INSERT INTO meeting_rating (meeting_id, person_id, rating, comment, "
                        "visibility, rated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    s->bind(1, raw(id));
    s->bind(2, raw(r.by));
    s->bind(3, r.rating);
    s->bind(4, r.comment);
    s->bind(5, names::visibility.name(r.visibility));
    s->bind(6, detail::to_millis(r.at));
    s->run();
}

rules::MeetingSummary read_summary(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT planned, held, cancelled_guide, cancelled_learner, "
                        "no_show_guide, no_show_learner, held_first_90, first_held, last_held, "
                        "longest_gap, misses_since_held FROM meeting_stats "
                        "WHERE relationship_id = ?1"));
    s->bind(1, raw(id));
    rules::MeetingSummary out;
    if (!s->step())
        return out;
    auto i = [&](int c) {
        return static_cast<int>(s->get_int(c));
    };
    out = {i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(9), i(10), std::nullopt, std::nullopt};
    if (auto d = s->get_opt_text(7))
        out.first_held = detail::date_from_db(*d);
    if (auto d = s->get_opt_text(8))
        out.last_held = detail::date_from_db(*d);
    return out;
}

void write_summary(db::Database& db, RelationshipId id, const rules::MeetingSummary& x) {
    // The summary is derived (meeting_stats is not history): replacing the row is the update.
    db::Use s(db.cached(
        "INSERT OR REPLACE INTO meeting_stats (relationship_id, planned, held, cancelled_guide, "
        "cancelled_learner, no_show_guide, no_show_learner, held_first_90, first_held, "
        "last_held, longest_gap, misses_since_held) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12)"));
    s->bind(1, raw(id));
    s->bind(2, x.planned);
    s->bind(3, x.held);
    s->bind(4, x.cancelled_guide);
    s->bind(5, x.cancelled_learner);
    s->bind(6, x.no_show_guide);
    s->bind(7, x.no_show_learner);
    s->bind(8, x.held_first_90);
    if (x.first_held)
        s->bind(9, to_string(*x.first_held));
    if (x.last_held)
        s->bind(10, to_string(*x.last_held));
    s->bind(11, x.longest_gap);
    s->bind(12, x.misses);
    s->run();
}

void count_planned(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("INSERT INTO meeting_stats (relationship_id, planned, held, "
                        "cancelled_guide, cancelled_learner, no_show_guide, no_show_learner, "
                        "held_first_90, longest_gap, misses_since_held) VALUES (?1, 1, 0, 0, 0, "
                        "0, 0, 0, 0, 0) ON CONFLICT (relationship_id) DO UPDATE SET planned = "
                        "planned + 1"));
    s->bind(1, raw(id));
    s->run();
}

std::vector<rules::MeetingFact> meeting_facts(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT starts_at, status, cancelled_by, absent_id FROM meeting "
                        "WHERE relationship_id = ?1 ORDER BY starts_at, id"));
    s->bind(1, raw(id));
    std::vector<rules::MeetingFact> out;
    while (s->step()) {
        rules::MeetingFact m;
        m.day = day_of(detail::from_millis(s->get_int(0)));
        m.status = names::meeting_status.parse(s->get_text(1));
        if (auto v = s->get_opt_int(2))
            m.cancelled_by = PersonId{*v};
        if (auto v = s->get_opt_int(3))
            m.absent = PersonId{*v};
        out.push_back(m);
    }
    return out;
}

int misses_after(db::Database& db, RelationshipId id, Timestamp start) {
    db::Use s(db.cached("SELECT count(*) FROM meeting WHERE relationship_id = ?1 AND "
                        "starts_at > ?2 AND (status = 'cancelled' OR status = 'no_show')"));
    s->bind(1, raw(id));
    s->bind(2, detail::to_millis(start));
    s->step();
    return static_cast<int>(s->get_int(0));
}

std::optional<MeetingStats> stats_of(db::Database& db, RelationshipId id, Date today) {
    db::Use s(db.cached(MK_STATS_SELECT "WHERE r.id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return stats_row(*s, today);
}

std::vector<MeetingStats> all_stats(db::Database& db, Date today) {
    db::Use s(db.cached(MK_STATS_SELECT "ORDER BY r.id"));
    std::vector<MeetingStats> out;
    while (s->step())
        out.push_back(stats_row(*s, today));
    return out;
}

#undef MK_STATS_SELECT
#undef MK_MEETING_COLUMNS

} // namespace mentorkit::storage
