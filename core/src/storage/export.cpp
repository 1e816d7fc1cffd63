#include "mentorkit/export.hpp"

#include "mentorkit/error.hpp"
#include "mentorkit/meetings.hpp"
#include "mentorkit/people.hpp"
#include "mentorkit/store.hpp"
#include "storage/database.hpp"
#include "store_impl.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <type_traits>
#include <unordered_map>

namespace mentorkit {

namespace {

std::int64_t millis(Timestamp at) noexcept {
    return at.time_since_epoch().count();
}

template <typename E>
std::int8_t code(E value) noexcept {
    return static_cast<std::int8_t>(value);
}

template <typename Id>
std::int64_t id_or_none(const std::optional<Id>& id) noexcept {
    return id ? raw(*id) : no_id;
}

std::int64_t day_or_none(const std::optional<Date>& date) noexcept {
    return date ? day_number(*date) : no_day;
}

double value_or_none(const std::optional<double>& value) noexcept {
    return value ? *value : no_value;
}

template <typename E>
std::int8_t code_or_none(const std::optional<E>& value) noexcept {
    return value ? code(*value) : no_code;
}

// The tables read whole SQL tables with one statement each (a million meetings must not cost a
// million queries), through the store's connection (detail::impl_of).

// "CASE <column> WHEN '<name 0>' THEN 0 ... END": an enumeration's stored name as its code,
// with the names taken from to_string (the core's table), so SQL never lists them by hand.
template <typename E>
std::string case_of(std::string_view column) {
    std::string sql = "CASE " + std::string(column);
    for (int i = 0; i < 127; ++i) {
        std::string_view name = to_string(static_cast<E>(i));
        if (name.empty() || name == "?")
            break;
        sql += " WHEN '" + std::string(name) + "' THEN " + std::to_string(i);
    }
    return sql + " END";
}

// A code read through case_of: NULL means a name this build does not know.
std::int8_t code_column(db::Statement& s, int col, std::string_view what) {
    if (s.is_null(col))
        throw StorageError("unknown " + std::string(what) + " in the database");
    return static_cast<std::int8_t>(s.get_int(col));
}

// A statement over the raw handle, for the one table big enough for the wrappers' copies of text
// to show: the meetings export reads the stored names in place (no std::string per row).
class RawStatement {
public:
    RawStatement(db::Database& db, const char* sql) : m_db(db) {
        int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &m_stmt, nullptr);
        if (rc != SQLITE_OK)
            db.fail(rc, "cannot prepare the export");
    }
    ~RawStatement() { sqlite3_finalize(m_stmt); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;
    bool step() {
        int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        m_db.fail(rc, "the export failed");
    }
    std::int64_t get_int(int col) const { return sqlite3_column_int64(m_stmt, col); }
    std::string_view get_view(int col) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)))
                 : std::string_view();
    }

private:
    db::Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// The stored names of an enumeration (from to_string), to turn a stored name into its code.
template <typename E, std::size_t N>
class CodeOf {
public:
    explicit CodeOf(std::string_view what) : m_what(what) {
        for (std::size_t i = 0; i < N; ++i)
            m_names[i] = to_string(static_cast<E>(i));
    }
    std::int8_t operator()(std::string_view name) const {
        for (std::size_t i = 0; i < N; ++i)
            if (m_names[i] == name)
                return static_cast<std::int8_t>(i);
        throw StorageError("unknown " + std::string(m_what) + " '" + std::string(name) +
                           "' in the database");
    }

private:
    std::array<std::string_view, N> m_names{};
    std::string_view m_what;
};

std::int64_t opt_day(db::Statement& s, int col) {
    if (auto text = s.get_opt_text(col))
        return day_number(detail::date_from_db(*text));
    return no_day;
}

} // namespace

// The tables are built from the areas' public reads, so they follow the same rules (and the
// same validation of stored data) as every other reader; one read each, no per-row queries
// beyond what list() does.

PeopleColumns export_people(Store& store) {
    std::vector<Person> people = store.people().list();
    PeopleColumns t;
    const std::size_t n = people.size();
    t.id.reserve(n);
    t.name.reserve(n);
    t.level.reserve(n);
    t.email.reserve(n);
    t.phone.reserve(n);
    t.supervisor.reserve(n);
    t.expertise_areas.reserve(n);
    t.created_at.reserve(n);
    for (Person& p : people) {
        t.id.push_back(raw(p.id));
        t.name.push_back(std::move(p.name));
        t.level.push_back(p.level);
        t.email.push_back(std::move(p.email));
        t.phone.push_back(std::move(p.phone));
        t.supervisor.push_back(id_or_none(p.supervisor));
        t.expertise_areas.push_back(static_cast<std::int64_t>(p.expertise.size()));
        t.created_at.push_back(millis(p.created_at));
    }
    return t;
}

ExpertiseColumns export_expertise(Store& store) {
    std::vector<Person> people = store.people().list();
    ExpertiseColumns t;
    for (Person& p : people) {
        for (Expertise& e : p.expertise) {
            t.person.push_back(raw(p.id));
            t.area.push_back(std::move(e.area));
            t.level.push_back(e.level);
        }
    }
    return t;
}

RelationshipColumns export_relationships(Store& store, const RelationshipFilter& filter) {
    std::vector<Relationship> rels = store.relationships().list(filter);
    RelationshipColumns t;
    const std::size_t n = rels.size();
    t.id.reserve(n);
    t.model.reserve(n);
    t.guide.reserve(n);
    t.learner.reserve(n);
    t.focus.reserve(n);
    t.formality.reserve(n);
    t.style.reserve(n);
    t.status.reserve(n);
    t.start.reserve(n);
    t.end.reserve(n);
    t.proposed_by.reserve(n);
    t.proposed_on.reserve(n);
    t.guide_accepted.reserve(n);
    t.learner_accepted.reserve(n);
    t.supervision_justification.reserve(n);
    t.ended_on.reserve(n);
    t.ended_by.reserve(n);
    t.end_reason.reserve(n);
    t.created_at.reserve(n);
    for (Relationship& r : rels) {
        t.id.push_back(raw(r.id));
        t.model.push_back(code(r.model));
        t.guide.push_back(raw(r.guide));
        t.learner.push_back(raw(r.learner));
        t.focus.push_back(std::move(r.focus));
        t.formality.push_back(code(r.formality));
        t.style.push_back(r.style ? code(*r.style) : no_code);
        t.status.push_back(code(r.status));
        t.start.push_back(day_number(r.start));
        t.end.push_back(day_or_none(r.end));
        t.proposed_by.push_back(raw(r.proposed_by));
        t.proposed_on.push_back(day_number(r.proposed_on));
        t.guide_accepted.push_back(r.guide_accepted ? 1 : 0);
        t.learner_accepted.push_back(r.learner_accepted ? 1 : 0);
        t.supervision_justification.push_back(std::move(r.supervision_justification));
        t.ended_on.push_back(day_or_none(r.ended_on));
        t.ended_by.push_back(id_or_none(r.ended_by));
        t.end_reason.push_back(std::move(r.end_reason));
        t.created_at.push_back(millis(r.created_at));
    }
    return t;
}

} // namespace mentorkit

namespace mentorkit {

GoalColumns export_goals(Store& store) {
    db::Database& db = detail::impl_of(store).db();
    const std::string sql =
        "SELECT g.id, g.relationship_id, g.learner_id, g.title, " + case_of<GoalKind>("g.kind") +
        ", " + case_of<GoalFunction>("g.function") + ", " + case_of<GoalStatus>("g.status") +
        ", g.metric, g.unit, g.baseline, g.target, g.due_date, g.created_by, g.created_on, "
        "g.activated_on, g.closed_on, "
        "(SELECT count(*) FROM milestone m WHERE m.goal_id = g.id), "
        "(SELECT count(m.done_on) FROM milestone m WHERE m.goal_id = g.id) "
        "FROM goal g ORDER BY g.id";
    db::Statement s(db, sql.c_str());
    GoalColumns t;
    while (s.step()) {
        t.id.push_back(s.get_int(0));
        t.relationship.push_back(s.get_int(1));
        t.learner.push_back(s.get_int(2));
        t.title.push_back(s.get_text(3));
        std::int8_t kind = code_column(s, 4, "goal kind");
        t.kind.push_back(kind);
        t.function.push_back(code_column(s, 5, "goal function"));
        t.status.push_back(code_column(s, 6, "goal status"));
        bool measurable = kind == code(GoalKind::measurable);
        t.metric.push_back(measurable ? s.get_opt_text(7) : std::nullopt);
        t.unit.push_back(measurable ? std::optional<std::string>(s.get_opt_text(8).value_or(""))
                                    : std::nullopt);
        t.baseline.push_back(measurable ? s.get_double(9) : no_value);
        t.target.push_back(measurable ? s.get_double(10) : no_value);
        t.due.push_back(opt_day(s, 11));
        t.created_by.push_back(s.get_int(12));
        t.created_on.push_back(opt_day(s, 13));
        t.activated_on.push_back(opt_day(s, 14));
        t.closed_on.push_back(opt_day(s, 15));
        t.milestones_total.push_back(s.get_int(16));
        t.milestones_done.push_back(s.get_int(17));
    }
    return t;
}

CheckInColumns export_check_ins(Store& store) {
    db::Database& db = detail::impl_of(store).db();
    db::Statement s(db, "SELECT c.id, c.goal_id, g.relationship_id, c.on_date, c.value, "
                        "c.note IS NOT NULL, c.recorded_by, c.supersedes, "
                        "(SELECT c2.id FROM checkin c2 WHERE c2.supersedes = c.id), "
                        "c.recorded_at FROM checkin c JOIN goal g ON g.id = c.goal_id "
                        "ORDER BY c.id");
    CheckInColumns t;
    while (s.step()) {
        t.id.push_back(s.get_int(0));
        t.goal.push_back(s.get_int(1));
        t.relationship.push_back(s.get_int(2));
        t.on.push_back(opt_day(s, 3));
        t.value.push_back(s.is_null(4) ? no_value : s.get_double(4));
        t.has_note.push_back(s.get_int(5) != 0 ? 1 : 0);
        t.by.push_back(s.get_int(6));
        t.supersedes.push_back(s.get_opt_int(7).value_or(no_id));
        std::optional<std::int64_t> by = s.get_opt_int(8);
        t.superseded_by.push_back(by.value_or(no_id));
        t.effective.push_back(by ? 0 : 1);
        t.recorded_at.push_back(s.get_int(9));
    }
    return t;
}

GoalReviewColumns export_goal_reviews(Store& store, std::optional<Date> as_of) {
    std::vector<GoalReview> reviews = store.goals().review_all(as_of);
    // Goals are never deleted, so every reviewed goal is in this map.
    std::unordered_map<std::int64_t, std::int64_t> relationship_of;
    {
        db::Statement s(detail::impl_of(store).db(), "SELECT id, relationship_id FROM goal");
        while (s.step())
            relationship_of.emplace(s.get_int(0), s.get_int(1));
    }
    GoalReviewColumns t;
    const std::size_t n = reviews.size();
    t.goal.reserve(n);
    t.relationship.reserve(n);
    t.kind.reserve(n);
    t.status.reserve(n);
    t.check_ins.reserve(n);
    t.latest_value.reserve(n);
    t.latest_on.reserve(n);
    t.progress.reserve(n);
    t.trend_per_week.reserve(n);
    t.projected.reserve(n);
    t.projected_progress.reserve(n);
    t.forecast.reserve(n);
    t.milestones_done.reserve(n);
    t.milestones_total.reserve(n);
    t.overdue.reserve(n);
    for (const GoalReview& r : reviews) {
        auto rel = relationship_of.find(raw(r.goal));
        t.goal.push_back(raw(r.goal));
        t.relationship.push_back(rel == relationship_of.end() ? no_id : rel->second);
        t.kind.push_back(code(r.kind));
        t.status.push_back(code(r.status));
        t.check_ins.push_back(r.check_ins);
        t.latest_value.push_back(value_or_none(r.latest_value));
        t.latest_on.push_back(day_or_none(r.latest_on));
        t.progress.push_back(value_or_none(r.progress));
        t.trend_per_week.push_back(value_or_none(r.trend_per_week));
        t.projected.push_back(value_or_none(r.projected));
        t.projected_progress.push_back(value_or_none(r.projected_progress));
        t.forecast.push_back(code_or_none(r.forecast));
        t.milestones_done.push_back(r.milestones_done);
        t.milestones_total.push_back(r.milestones_total);
        t.overdue.push_back(r.overdue ? 1 : 0);
    }
    return t;
}

MeetingColumns export_meetings(Store& store) {
    db::Database& db = detail::impl_of(store).db();
    const CodeOf<Setting, 3> setting("meeting setting");
    const CodeOf<MeetingStatus, 4> status("meeting status");
    MeetingColumns t;
    {
        // Meetings are never deleted, so the largest id bounds the row count (one index probe).
        RawStatement count(db, "SELECT max(id) FROM meeting");
        if (count.step()) {
            auto n = static_cast<std::size_t>(std::max<std::int64_t>(0, count.get_int(0)));
            t.id.reserve(n);
            t.relationship.reserve(n);
            t.start.reserve(n);
            t.duration_minutes.reserve(n);
            t.setting.reserve(n);
            t.status.reserve(n);
        }
    }
    RawStatement s(db, "SELECT id, relationship_id, starts_at, duration_min, setting, status "
                       "FROM meeting ORDER BY id");
    while (s.step()) {
        t.id.push_back(s.get_int(0));
        t.relationship.push_back(s.get_int(1));
        t.start.push_back(s.get_int(2));
        t.duration_minutes.push_back(s.get_int(3));
        t.setting.push_back(setting(s.get_view(4)));
        t.status.push_back(status(s.get_view(5)));
    }
    return t;
}

MeetingStatsColumns export_meeting_stats(Store& store) {
    std::vector<MeetingStats> stats = store.meetings().all_stats();
    MeetingStatsColumns t;
    const std::size_t n = stats.size();
    t.relationship.reserve(n);
    t.planned.reserve(n);
    t.held.reserve(n);
    t.cancelled_by_guide.reserve(n);
    t.cancelled_by_learner.reserve(n);
    t.no_show_guide.reserve(n);
    t.no_show_learner.reserve(n);
    t.held_first_90_days.reserve(n);
    t.longest_gap_days.reserve(n);
    t.last_held.reserve(n);
    t.days_since_last_held.reserve(n);
    t.misses_since_last_held.reserve(n);
    t.cadence_days.reserve(n);
    t.health.reserve(n);
    for (const MeetingStats& m : stats) {
        t.relationship.push_back(raw(m.relationship));
        t.planned.push_back(m.planned);
        t.held.push_back(m.held);
        t.cancelled_by_guide.push_back(m.cancelled_by_guide);
        t.cancelled_by_learner.push_back(m.cancelled_by_learner);
        t.no_show_guide.push_back(m.no_show_guide);
        t.no_show_learner.push_back(m.no_show_learner);
        t.held_first_90_days.push_back(m.held_first_90_days);
        t.longest_gap_days.push_back(m.longest_gap_days);
        t.last_held.push_back(day_or_none(m.last_held));
        t.days_since_last_held.push_back(m.days_since_last_held);
        t.misses_since_last_held.push_back(m.misses_since_last_held);
        t.cadence_days.push_back(m.cadence_days);
        t.health.push_back(code_or_none(m.health));
    }
    return t;
}

} // namespace mentorkit
