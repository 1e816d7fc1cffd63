#include "storage/goals.hpp"

#include "names.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/rewind.hpp"
#include "store_impl.hpp"

#include <algorithm>

namespace mentorkit::storage {

namespace {

std::string_view blob(const Uid& u) {
    return {reinterpret_cast<const char*>(u.bytes.data()), 16};
}

std::optional<std::string> date_or_null(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(to_string(*d)) : std::nullopt;
}

#define MK_GOAL_COLUMNS                                                                            \
    "id, relationship_id, learner_id, title, kind, function, metric, unit, baseline, target, "     \
    "due_date, status, created_by, created_on, activated_on, closed_on, close_reason"

Goal read_goal(db::Statement& s) {
    Goal g;
    g.id = GoalId{s.get_int(0)};
    g.relationship = RelationshipId{s.get_int(1)};
    g.learner = PersonId{s.get_int(2)};
    g.title = s.get_text(3);
    g.kind = names::goal_kind.parse(s.get_text(4));
    g.function = names::goal_function.parse(s.get_text(5));
    if (g.kind == GoalKind::measurable)
        g.measure = Measure{s.get_text(6), s.get_opt_text(7).value_or(""), s.get_double(8),
                            s.get_double(9)};
    if (auto d = s.get_opt_text(10))
        g.due = detail::date_from_db(*d);
    g.status = names::goal_status.parse(s.get_text(11));
    g.created_by = PersonId{s.get_int(12)};
    g.created_on = detail::date_from_db(s.get_text(13));
    if (auto d = s.get_opt_text(14))
        g.activated_on = detail::date_from_db(*d);
    if (auto d = s.get_opt_text(15))
        g.closed_on = detail::date_from_db(*d);
    g.close_reason = s.get_opt_text(16);
    return g;
}

void load_milestones(db::Database& db, Goal& g) {
    db::Use s(db.cached("SELECT title, due_date, done_on FROM milestone WHERE goal_id = ?1 "
                        "ORDER BY position"));
    s->bind(1, raw(g.id));
    while (s->step()) {
        Milestone m;
        m.title = s->get_text(0);
        if (auto d = s->get_opt_text(1))
            m.due = detail::date_from_db(*d);
        if (auto d = s->get_opt_text(2))
            m.done_on = detail::date_from_db(*d);
        g.milestones.push_back(std::move(m));
    }
}

// The three statements of each scope of goal_histories(): goals, check-ins, milestone counts;
// each takes the same optional parameter ?1.
struct HistorySql {
    const char* goals;
    const char* checkins;
    const char* milestones;
};
const HistorySql kHistorySql[] = {
    // one
    {"SELECT id, kind, status, baseline, target, due_date, relationship_id FROM goal WHERE id = ?1",
     "SELECT goal_id, id, on_date, value, supersedes FROM checkin WHERE goal_id = ?1",
     "SELECT goal_id, count(*), count(done_on) FROM milestone WHERE goal_id = ?1 GROUP BY "
     "goal_id"},
    // relationship
    {"SELECT id, kind, status, baseline, target, due_date, relationship_id FROM goal "
     "WHERE relationship_id = ?1 ORDER BY id",
     "SELECT c.goal_id, c.id, c.on_date, c.value, c.supersedes FROM checkin c JOIN goal g "
     "ON g.id = c.goal_id WHERE g.relationship_id = ?1",
     "SELECT m.goal_id, count(*), count(m.done_on) FROM milestone m JOIN goal g "
     "ON g.id = m.goal_id WHERE g.relationship_id = ?1 GROUP BY m.goal_id"},
    // all
    {"SELECT id, kind, status, baseline, target, due_date, relationship_id FROM goal ORDER BY id",
     "SELECT goal_id, id, on_date, value, supersedes FROM checkin",
     "SELECT goal_id, count(*), count(done_on) FROM milestone GROUP BY goal_id"},
    // active
    {"SELECT id, kind, status, baseline, target, due_date, relationship_id FROM goal "
     "WHERE status = 'active' ORDER BY id",
     "SELECT c.goal_id, c.id, c.on_date, c.value, c.supersedes FROM checkin c JOIN goal g ON "
     "g.id = c.goal_id WHERE g.status = 'active'",
     "SELECT goal_id, count(*), count(done_on) FROM milestone GROUP BY goal_id"},
};

} // namespace

std::optional<Goal> find_goal(db::Database& db, GoalId id) {
    std::optional<Goal> g;
    {
        db::Use s(db.cached("SELECT " MK_GOAL_COLUMNS " FROM goal WHERE id = ?1"));
        s->bind(1, raw(id));
        if (!s->step())
            return std::nullopt;
        g = read_goal(*s);
    }
    load_milestones(db, *g);
    return g;
}

std::vector<Goal> goals_of(db::Database& db, RelationshipId id) {
    std::vector<Goal> out;
    {
        db::Use s(db.cached("SELECT " MK_GOAL_COLUMNS
                            " FROM goal WHERE relationship_id = ?1 ORDER BY id"));
        s->bind(1, raw(id));
        while (s->step())
            out.push_back(read_goal(*s));
    }
    for (Goal& g : out)
        load_milestones(db, g);
    return out;
}

GoalId insert_goal(db::Database& db, const Uid& uid, const Goal& g, Timestamp at) {
    db::Use s(db.cached(
        "INSERT INTO goal (id, uid, relationship_id, learner_id, title, kind, function, metric, "
        "unit, baseline, target, due_date, status, created_by, created_on, created_at) VALUES "
        "(?16, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"));
    s->bind_blob(1, blob(uid));
    s->bind(16, planned_id(db, "goal", uid_blob(uid)));
    s->bind(2, raw(g.relationship));
    s->bind(3, raw(g.learner));
    s->bind(4, g.title);
    s->bind(5, names::goal_kind.name(g.kind));
    s->bind(6, names::goal_function.name(g.function));
    if (g.measure) {
        s->bind(7, g.measure->metric);
        s->bind(8, g.measure->unit);
        s->bind(9, g.measure->baseline);
        s->bind(10, g.measure->target);
    }
    s->bind(11, date_or_null(g.due));
    s->bind(12, names::goal_status.name(g.status));
    s->bind(13, raw(g.created_by));
    s->bind(14, to_string(g.created_on));
    s->bind(15, detail::to_millis(at));
    s->run();
    return GoalId{db.last_insert_rowid()};
}

void set_goal_title(db::Database& db, GoalId id, const std::string& title) {
    db::Use s(db.cached("UPDATE goal SET title = ?2 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, title);
    s->run();
}

void set_goal_function(db::Database& db, GoalId id, GoalFunction function) {
    db::Use s(db.cached("UPDATE goal SET function = ?2 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, names::goal_function.name(function));
    s->run();
}

void set_goal_measure(db::Database& db, GoalId id, const Measure& m) {
    db::Use s(db.cached(
        "UPDATE goal SET metric = ?2, unit = ?3, baseline = ?4, target = ?5 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, m.metric);
    s->bind(3, m.unit);
    s->bind(4, m.baseline);
    s->bind(5, m.target);
    s->run();
}

void set_goal_due(db::Database& db, GoalId id, const std::optional<Date>& due) {
    db::Use s(db.cached("UPDATE goal SET due_date = ?2 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, date_or_null(due));
    s->run();
}

void set_goal_status(db::Database& db, GoalId id, GoalStatus status,
                     std::optional<Date> activated_on, std::optional<Date> closed_on,
                     const std::optional<std::string>& reason) {
    db::Use s(db.cached("UPDATE goal SET status = ?2, activated_on = coalesce(?3, activated_on), "
                        "closed_on = ?4, close_reason = ?5 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, names::goal_status.name(status));
    s->bind(3, date_or_null(activated_on));
    s->bind(4, date_or_null(closed_on));
    s->bind(5, reason);
    s->run();
}

void insert_milestone(db::Database& db, GoalId id, std::size_t index, const std::string& title,
                      std::optional<Date> due) {
    db::Use s(db.cached("INSERT INTO milestone (goal_id, position, title, due_date) VALUES "
                        "(?1, ?2, ?3, ?4)"));
    s->bind(1, raw(id));
    s->bind(2, static_cast<std::int64_t>(index));
    s->bind(3, title);
    s->bind(4, date_or_null(due));
    s->run();
}

void complete_milestone(db::Database& db, GoalId id, std::size_t index, PersonId by, Date on) {
    db::Use s(db.cached("UPDATE milestone SET done_on = ?3, done_by = ?4 WHERE goal_id = ?1 "
                        "AND position = ?2"));
    s->bind(1, raw(id));
    s->bind(2, static_cast<std::int64_t>(index));
    s->bind(3, to_string(on));
    s->bind(4, raw(by));
    s->run();
}

std::optional<CheckInContext> checkin_context(db::Database& db, GoalId id) {
    db::Use s(db.cached("SELECT g.kind, g.status, r.id, r.guide_id, r.learner_id, r.start_date, "
                        "r.status, r.ended_on FROM goal g JOIN relationship r ON "
                        "r.id = g.relationship_id WHERE g.id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    CheckInContext c{
        names::goal_kind.parse(s->get_text(0)), names::goal_status.parse(s->get_text(1)), {}};
    c.rel.id = RelationshipId{s->get_int(2)};
    c.rel.guide = PersonId{s->get_int(3)};
    c.rel.learner = PersonId{s->get_int(4)};
    c.rel.start = detail::date_from_db(s->get_text(5));
    c.rel.status = names::status.parse(s->get_text(6));
    if (auto e = s->get_opt_text(7))
        c.rel.ended_on = detail::date_from_db(*e);
    return c;
}

std::optional<CheckInTarget> checkin_target(db::Database& db, CheckInId id) {
    db::Use s(db.cached("SELECT goal_id, on_date, EXISTS (SELECT 1 FROM checkin c2 WHERE "
                        "c2.supersedes = c.id) FROM checkin c WHERE c.id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return CheckInTarget{GoalId{s->get_int(0)}, detail::date_from_db(s->get_text(1)),
                         s->get_int(2) != 0};
}

CheckInId insert_checkin(db::Database& db, const Uid& uid, GoalId goal, PersonId by, Date on,
                         std::optional<double> value, const std::optional<std::string>& note,
                         std::optional<CheckInId> supersedes, Timestamp at) {
    db::Use s(db.cached("INSERT INTO checkin (id, uid, goal_id, on_date, value, note, recorded_by, "
                        "supersedes, recorded_at) VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    s->bind_blob(1, blob(uid));
    s->bind(9, planned_id(db, "checkin", uid_blob(uid)));
    s->bind(2, raw(goal));
    s->bind(3, to_string(on));
    s->bind(4, value);
    s->bind(5, note);
    s->bind(6, raw(by));
    if (supersedes)
        s->bind(7, raw(*supersedes));
    s->bind(8, detail::to_millis(at));
    s->run();
    return CheckInId{db.last_insert_rowid()};
}

std::vector<CheckIn> checkins_of(db::Database& db, GoalId id) {
    db::Use s(db.cached("SELECT c.id, c.on_date, c.value, c.note, c.recorded_by, c.supersedes, "
                        "c.recorded_at, (SELECT c2.id FROM checkin c2 WHERE c2.supersedes = c.id) "
                        "FROM checkin c WHERE c.goal_id = ?1 ORDER BY c.on_date, c.id"));
    s->bind(1, raw(id));
    std::vector<CheckIn> out;
    while (s->step()) {
        CheckIn c;
        c.id = CheckInId{s->get_int(0)};
        c.goal = id;
        c.on = detail::date_from_db(s->get_text(1));
        if (!s->is_null(2))
            c.value = s->get_double(2);
        c.note = s->get_opt_text(3);
        c.by = PersonId{s->get_int(4)};
        if (auto v = s->get_opt_int(5))
            c.supersedes = CheckInId{*v};
        c.recorded_at = detail::from_millis(s->get_int(6));
        if (auto v = s->get_opt_int(7))
            c.superseded_by = CheckInId{*v};
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<GoalHistory> goal_histories(db::Database& db, GoalScope scope, std::int64_t id) {
    const HistorySql& sql = kHistorySql[static_cast<int>(scope)];
    const bool param = scope == GoalScope::one || scope == GoalScope::relationship;
    std::vector<GoalHistory> goals;
    {
        db::Use s(db.cached(sql.goals));
        if (param)
            s->bind(1, id);
        while (s->step()) {
            GoalHistory h;
            rules::GoalFacts& g = h.facts;
            g.id = GoalId{s->get_int(0)};
            g.kind = names::goal_kind.parse(s->get_text(1));
            g.status = names::goal_status.parse(s->get_text(2));
            if (g.kind == GoalKind::measurable) {
                g.baseline = s->get_double(3);
                g.target = s->get_double(4);
            }
            if (auto d = s->get_opt_text(5))
                g.due = detail::date_from_db(*d);
            h.relationship = RelationshipId{s->get_int(6)};
            goals.push_back(std::move(h));
        }
    }
    auto index_of = [&](std::int64_t goal_id) -> std::optional<std::size_t> {
        auto it = std::lower_bound(
            goals.begin(), goals.end(), goal_id,
            [](const GoalHistory& g, std::int64_t v) { return raw(g.facts.id) < v; });
        if (it == goals.end() || raw(it->facts.id) != goal_id)
            return std::nullopt;
        return static_cast<std::size_t>(it - goals.begin());
    };
    {
        db::Use s(db.cached(sql.milestones));
        if (param)
            s->bind(1, id);
        while (s->step())
            if (auto i = index_of(s->get_int(0))) {
                goals[*i].milestones_done = static_cast<int>(s->get_int(2));
                goals[*i].milestones_total = static_cast<int>(s->get_int(1));
            }
    }
    // Check-ins are read in table order and bucketed per goal: no ORDER BY, so no index walk
    // with a table lookup per row.
    {
        db::Use s(db.cached(sql.checkins));
        if (param)
            s->bind(1, id);
        while (s->step()) {
            auto i = index_of(s->get_int(0));
            if (!i)
                continue;
            rules::CheckInPoint p;
            p.id = s->get_int(1);
            p.on = detail::date_from_db(s->get_text(2));
            if (!s->is_null(3))
                p.value = s->get_double(3);
            if (!s->is_null(4))
                p.supersedes = s->get_int(4);
            goals[*i].points.push_back(p);
        }
    }
    return goals;
}

bool has_active_measurable_goal(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT 1 FROM goal WHERE relationship_id = ?1 AND kind = 'measurable' "
                        "AND status = 'active' LIMIT 1"));
    s->bind(1, raw(id));
    return s->step();
}

int overdue_goals(db::Database& db, RelationshipId id, Date as_of) {
    db::Use s(db.cached("SELECT count(*) FROM goal WHERE relationship_id = ?1 AND "
                        "status = 'active' AND due_date < ?2"));
    s->bind(1, raw(id));
    s->bind(2, to_string(as_of));
    s->step();
    return static_cast<int>(s->get_int(0));
}

std::optional<Date> last_review_day(db::Database& db, RelationshipId id) {
    db::Use s(db.cached("SELECT max(held_on) FROM goal_review WHERE relationship_id = ?1"));
    s->bind(1, raw(id));
    s->step();
    if (auto d = s->get_opt_text(0))
        return detail::date_from_db(*d);
    return std::nullopt;
}

GoalReviewId insert_review(db::Database& db, const Uid& uid, RelationshipId id, Date on,
                           PersonId by, const std::string& summary, Timestamp at) {
    db::Use s(db.cached("INSERT INTO goal_review (id, uid, relationship_id, held_on, held_by, "
                        "summary, created_at) VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)"));
    s->bind_blob(1, blob(uid));
    s->bind(7, planned_id(db, "goal_review", uid_blob(uid)));
    s->bind(2, raw(id));
    s->bind(3, to_string(on));
    s->bind(4, raw(by));
    s->bind(5, summary);
    s->bind(6, detail::to_millis(at));
    s->run();
    return GoalReviewId{db.last_insert_rowid()};
}

void insert_review_item(db::Database& db, GoalReviewId review, GoalId goal, ReviewDecision decision,
                        const std::string& reason, std::optional<double> progress,
                        std::optional<Forecast> forecast) {
    db::Use s(db.cached("INSERT INTO goal_review_item (review_id, goal_id, decision, reason, "
                        "progress, forecast) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    s->bind(1, raw(review));
    s->bind(2, raw(goal));
    s->bind(3, names::decision.name(decision));
    s->bind(4, reason);
    s->bind(5, progress);
    if (forecast)
        s->bind(6, names::forecast.name(*forecast));
    s->run();
}

std::vector<GoalReviewRecord> reviews_of(db::Database& db, RelationshipId id) {
    std::vector<GoalReviewRecord> out;
    {
        db::Use s(db.cached("SELECT id, held_on, held_by, summary FROM goal_review "
                            "WHERE relationship_id = ?1 ORDER BY held_on, id"));
        s->bind(1, raw(id));
        while (s->step()) {
            GoalReviewRecord rec;
            rec.id = GoalReviewId{s->get_int(0)};
            rec.relationship = id;
            rec.held_on = detail::date_from_db(s->get_text(1));
            rec.held_by = PersonId{s->get_int(2)};
            rec.summary = s->get_text(3);
            out.push_back(std::move(rec));
        }
    }
    for (GoalReviewRecord& rec : out) {
        db::Use s(db.cached("SELECT goal_id, decision, reason, progress, forecast FROM "
                            "goal_review_item WHERE review_id = ?1 ORDER BY goal_id"));
        s->bind(1, raw(rec.id));
        while (s->step()) {
            GoalReviewRecord::Line line;
            line.goal = GoalId{s->get_int(0)};
            line.decision = names::decision.parse(s->get_text(1));
            line.reason = s->get_text(2);
            if (!s->is_null(3))
                line.progress = s->get_double(3);
            if (auto f = s->get_opt_text(4))
                line.forecast = names::forecast.parse(*f);
            rec.lines.push_back(std::move(line));
        }
    }
    return out;
}

#undef MK_GOAL_COLUMNS

} // namespace mentorkit::storage
