#include "mentorkit/goals.hpp"

#include "enums.hpp"
#include "goals_impl.hpp"
#include "mentorkit/error.hpp"
#include "relationships_impl.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace mentorkit {

using detail::Json;
using namespace std::chrono;

namespace {

constexpr detail::EnumNames<GoalKind, 2> kKind{{"measurable", "open_ended"}, "goal kind"};
constexpr detail::EnumNames<GoalFunction, 5> kFunction{{"career_guidance", "skill_development",
                                                        "sponsorship", "psychosocial_support",
                                                        "role_modelling"},
                                                       "goal function"};
constexpr detail::EnumNames<GoalStatus, 4> kStatus{{"draft", "active", "achieved", "abandoned"},
                                                   "goal status"};
constexpr detail::EnumNames<Forecast, 4> kForecast{
    {"too_early", "on_track", "at_risk", "off_track"}, "forecast"};
constexpr detail::EnumNames<ReviewDecision, 4> kDecision{
    {"kept", "changed", "achieved", "abandoned"}, "review decision"};

std::string goal_text(GoalId id) {
    return "goal " + std::to_string(raw(id));
}

Goal read_goal(db::Statement& s) {
    Goal g;
    g.id = GoalId{s.get_int(0)};
    g.relationship = RelationshipId{s.get_int(1)};
    g.learner = PersonId{s.get_int(2)};
    g.title = s.get_text(3);
    g.kind = kKind.parse(s.get_text(4));
    g.function = kFunction.parse(s.get_text(5));
    if (g.kind == GoalKind::measurable)
        g.measure = Measure{s.get_text(6), s.get_opt_text(7).value_or(""), s.get_double(8),
                            s.get_double(9)};
    if (auto d = s.get_opt_text(10))
        g.due = detail::date_from_db(*d);
    g.status = kStatus.parse(s.get_text(11));
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

Goal load_goal(db::Database& db, GoalId id) {
    Goal g;
    {
        db::Use s(db.cached(
            "SELECT id, relationship_id, learner_id, title, kind, function, metric, unit, "
            "baseline, target, due_date, status, created_by, created_on, activated_on, "
            "closed_on, close_reason FROM goal WHERE id = ?1"));
        s->bind(1, raw(id));
        if (!s->step())
            throw NotFound(goal_text(id) + " does not exist");
        g = read_goal(*s);
    }
    load_milestones(db, g);
    return g;
}

Measure clean_measure(const Measure& m) {
    Measure out = m;
    out.metric = detail::require_text(m.metric, "the metric", kMaxNameBytes);
    out.unit = detail::optional_text(m.unit, "the unit", kMaxNameBytes);
    detail::require_number(m.baseline, "the baseline");
    detail::require_number(m.target, "the target");
    if (m.target == m.baseline)
        throw InvalidArgument("the target must differ from the baseline (" +
                              std::to_string(m.baseline) + ")");
    return out;
}

// The owner rule of DOMAIN.md/seed 003 with a message that says why.
void require_owner(const Goals& goals, const Relationship& r, PersonId by, std::string_view what) {
    detail::require_party(r, by, std::string(what));
    if (!goals.is_owner(r, by)) {
        std::string who = r.model == Model::mentoring ? "the mentee sets the goals"
                                                      : "the supervisor sets the goals";
        throw PermissionDenied("in " + std::string(to_string(r.model)) + " " + who + "; person " +
                               std::to_string(raw(by)) + " cannot " + std::string(what));
    }
}

void require_status(const Goal& g, std::initializer_list<GoalStatus> allowed,
                    std::string_view action) {
    for (GoalStatus s : allowed)
        if (g.status == s)
            return;
    throw RuleViolation("cannot " + std::string(action) + " " + goal_text(g.id) + ": it is " +
                            std::string(to_string(g.status)),
                        ErrorCode::invalid_transition);
}

std::optional<std::string> date_or_null(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(to_string(*d)) : std::nullopt;
}

void set_status(db::Database& db, GoalId id, GoalStatus status, std::optional<Date> activated_on,
                std::optional<Date> closed_on, const std::optional<std::string>& reason) {
    db::Use s(db.cached("UPDATE goal SET status = ?2, activated_on = coalesce(?3, activated_on), "
                        "closed_on = ?4, close_reason = ?5 WHERE id = ?1"));
    s->bind(1, raw(id));
    s->bind(2, kStatus.name(status));
    s->bind(3, date_or_null(activated_on));
    s->bind(4, date_or_null(closed_on));
    s->bind(5, reason);
    s->run();
}

// Closes a goal as achieved or abandoned, with its audit entry (after the checks passed).
void close_goal(detail::StoreImpl& impl, GoalId id, GoalStatus status, PersonId by, Date on,
                const std::optional<std::string>& reason) {
    set_status(impl.db(), id, status, std::nullopt, on, reason);
    impl.audit(by, status == GoalStatus::achieved ? "achieve" : "abandon", "goal", raw(id),
               Json().add("on", to_string(on)).add("reason", reason).str());
}

// Validated changes, ready to write.
struct CleanChanges {
    std::optional<std::string> title;
    std::optional<GoalFunction> function;
    std::optional<Measure> measure;
    std::optional<std::optional<Date>> due;
};

CleanChanges clean_changes(const Goal& g, const GoalChanges& c) {
    CleanChanges out;
    if (c.title)
        out.title = detail::require_text(*c.title, "the goal's title", kMaxNameBytes);
    if (c.function) {
        if (static_cast<std::size_t>(*c.function) > 4)
            throw InvalidArgument("unknown goal function");
        out.function = c.function;
    }
    if (c.measure) {
        if (g.kind != GoalKind::measurable)
            throw InvalidArgument(goal_text(g.id) +
                                  " is open-ended; it has no metric, baseline or target");
        out.measure = clean_measure(*c.measure);
    }
    if (c.due) {
        detail::require_date(*c.due, "the due date");
        if (*c.due)
            detail::require_not_before(**c.due, g.created_on, "the due date",
                                       "the goal's creation");
        out.due = c.due;
    }
    return out;
}

void write_changes(detail::StoreImpl& impl, const Goal& g, const CleanChanges& c, PersonId by,
                   std::string_view action) {
    db::Database& db = impl.db();
    Json detail;
    if (c.title) {
        db::Use s(db.cached("UPDATE goal SET title = ?2 WHERE id = ?1"));
        s->bind(1, raw(g.id));
        s->bind(2, *c.title);
        s->run();
        detail.add("old_title", g.title).add("title", *c.title);
    }
    if (c.function) {
        db::Use s(db.cached("UPDATE goal SET function = ?2 WHERE id = ?1"));
        s->bind(1, raw(g.id));
        s->bind(2, kFunction.name(*c.function));
        s->run();
        detail.add("old_function", kFunction.name(g.function))
            .add("function", kFunction.name(*c.function));
    }
    if (c.measure) {
        db::Use s(db.cached(
            "UPDATE goal SET metric = ?2, unit = ?3, baseline = ?4, target = ?5 WHERE id = ?1"));
        s->bind(1, raw(g.id));
        s->bind(2, c.measure->metric);
        s->bind(3, c.measure->unit);
        s->bind(4, c.measure->baseline);
        s->bind(5, c.measure->target);
        s->run();
        detail.add("old_metric", g.measure->metric)
            .add("old_baseline", std::to_string(g.measure->baseline))
            .add("old_target", std::to_string(g.measure->target))
            .add("metric", c.measure->metric)
            .add("baseline", std::to_string(c.measure->baseline))
            .add("target", std::to_string(c.measure->target));
    }
    if (c.due) {
        db::Use s(db.cached("UPDATE goal SET due_date = ?2 WHERE id = ?1"));
        s->bind(1, raw(g.id));
        s->bind(2, date_or_null(*c.due));
        s->run();
        detail.add("old_due", date_or_null(g.due)).add("due", date_or_null(*c.due));
    }
    impl.audit(by, action, "goal", raw(g.id), detail.str());
}

// --- review computation ----------------------------------------------------------------------

struct Point {
    std::int64_t id = 0;
    Date on{};
    std::optional<double> value;
    std::optional<std::int64_t> supersedes;
};

// The facts of a goal a review needs.
struct GoalFacts {
    GoalId id{};
    GoalKind kind = GoalKind::open_ended;
    GoalStatus status = GoalStatus::draft;
    double baseline = 0, target = 0;
    std::optional<Date> due;
};

double progress_of(const GoalFacts& g, double value) {
    return (value - g.baseline) / (g.target - g.baseline);
}

// Reviews one goal from all its check-ins (any order within the goal is accepted).
GoalReview compute(const GoalFacts& g, std::vector<Point>& points, int milestones_done,
                   int milestones_total, Date as_of) {
    GoalReview r;
    r.goal = g.id;
    r.kind = g.kind;
    r.status = g.status;
    r.milestones_done = milestones_done;
    r.milestones_total = milestones_total;
    r.overdue = g.status == GoalStatus::active && g.due && *g.due < as_of;

    // Superseded check-ins stay in the history but do not count.
    std::unordered_set<std::int64_t> superseded;
    for (const Point& p : points)
        if (p.supersedes)
            superseded.insert(*p.supersedes);
    std::stable_sort(points.begin(), points.end(), [](const Point& a, const Point& b) {
        return a.on != b.on ? a.on < b.on : a.id < b.id;
    });
    std::vector<const Point*> valued;
    for (const Point& p : points) {
        if (superseded.count(p.id) || p.on > as_of)
            continue;
        ++r.check_ins;
        r.latest_on = p.on;
        if (p.value)
            valued.push_back(&p);
    }
    if (g.kind != GoalKind::measurable)
        return r;

    std::optional<double> slope_per_day;
    if (!valued.empty()) {
        const Point& latest = *valued.back();
        r.latest_value = latest.value;
        r.progress = progress_of(g, *latest.value);

        // Least squares over the most recent valued check-ins, x in days from the first.
        std::size_t first = valued.size() > kTrendWindow ? valued.size() - kTrendWindow : 0;
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        Date origin = valued[first]->on;
        for (std::size_t i = first; i < valued.size(); ++i) {
            double x = static_cast<double>((valued[i]->on - origin).count());
            double y = *valued[i]->value;
            n += 1;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denom = n * sxx - sx * sx;
        if (n >= 2 && denom > 0) {
            slope_per_day = (n * sxy - sx * sy) / denom;
            r.trend_per_week = *slope_per_day * 7.0;
        }
        if (g.due) {
            if (latest.on >= *g.due)
                r.projected = *latest.value;
            else if (slope_per_day)
                r.projected = *latest.value +
                              *slope_per_day * static_cast<double>((*g.due - latest.on).count());
            if (r.projected)
                r.projected_progress = progress_of(g, *r.projected);
        }
    }

    if (!g.due || (g.status != GoalStatus::active && g.status != GoalStatus::achieved))
        return r;
    if (g.status == GoalStatus::achieved || (r.progress && *r.progress >= 1.0))
        r.forecast = Forecast::on_track;
    else if (*g.due < as_of)
        r.forecast = Forecast::off_track;
    else if (valued.size() < 2 || (valued.back()->on - valued.front()->on).count() < 7)
        r.forecast = Forecast::too_early;
    else if (r.projected_progress && *r.projected_progress >= 1.0)
        r.forecast = Forecast::on_track;
    else if (r.projected_progress && *r.projected_progress >= 0.75)
        r.forecast = Forecast::at_risk;
    else
        r.forecast = Forecast::off_track;
    return r;
}

// Reviews the goals selected by `goal_sql` (id-ordered) from the check-ins selected by
// `checkin_sql` and the milestone counts from `milestone_sql`; each statement takes the same
// optional parameter ?1.
std::vector<GoalReview> review_many(db::Database& db, const char* goal_sql, const char* checkin_sql,
                                    const char* milestone_sql, std::optional<std::int64_t> param,
                                    Date as_of) {
    std::vector<GoalFacts> goals;
    {
        db::Use s(db.cached(goal_sql));
        if (param)
            s->bind(1, *param);
        while (s->step()) {
            GoalFacts g;
            g.id = GoalId{s->get_int(0)};
            g.kind = kKind.parse(s->get_text(1));
            g.status = kStatus.parse(s->get_text(2));
            if (g.kind == GoalKind::measurable) {
                g.baseline = s->get_double(3);
                g.target = s->get_double(4);
            }
            if (auto d = s->get_opt_text(5))
                g.due = detail::date_from_db(*d);
            goals.push_back(g);
        }
    }
    std::vector<std::pair<int, int>> milestones(goals.size(), {0, 0});
    auto index_of = [&](std::int64_t goal_id) -> std::optional<std::size_t> {
        auto it =
            std::lower_bound(goals.begin(), goals.end(), goal_id,
                             [](const GoalFacts& g, std::int64_t id) { return raw(g.id) < id; });
        if (it == goals.end() || raw(it->id) != goal_id)
            return std::nullopt;
        return static_cast<std::size_t>(it - goals.begin());
    };
    {
        db::Use s(db.cached(milestone_sql));
        if (param)
            s->bind(1, *param);
        while (s->step())
            if (auto i = index_of(s->get_int(0)))
                milestones[*i] = {static_cast<int>(s->get_int(2)), static_cast<int>(s->get_int(1))};
    }
    // Check-ins are read in table order and bucketed per goal: no ORDER BY, so no index walk
    // with a table lookup per row.
    std::vector<std::vector<Point>> points(goals.size());
    {
        db::Use s(db.cached(checkin_sql));
        if (param)
            s->bind(1, *param);
        while (s->step()) {
            auto i = index_of(s->get_int(0));
            if (!i)
                continue;
            Point p;
            p.id = s->get_int(1);
            p.on = detail::date_from_db(s->get_text(2));
            if (!s->is_null(3))
                p.value = s->get_double(3);
            if (!s->is_null(4))
                p.supersedes = s->get_int(4);
            points[*i].push_back(p);
        }
    }
    std::vector<GoalReview> out;
    out.reserve(goals.size());
    for (std::size_t i = 0; i < goals.size(); ++i)
        out.push_back(
            compute(goals[i], points[i], milestones[i].first, milestones[i].second, as_of));
    return out;
}

} // namespace

namespace detail {

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
        return date_from_db(*d);
    return std::nullopt;
}

Goal load_goal(db::Database& db, GoalId id) {
    return mentorkit::load_goal(db, id);
}

std::vector<std::pair<RelationshipId, GoalReview>> review_active_goals(db::Database& db,
                                                                       Date as_of) {
    std::vector<GoalReview> reviews = review_many(
        db,
        "SELECT id, kind, status, baseline, target, due_date FROM goal WHERE status = 'active' "
        "ORDER BY id",
        "SELECT c.goal_id, c.id, c.on_date, c.value, c.supersedes FROM checkin c JOIN goal g ON "
        "g.id = c.goal_id WHERE g.status = 'active'",
        "SELECT goal_id, count(*), count(done_on) FROM milestone GROUP BY goal_id", std::nullopt,
        as_of);
    std::vector<std::pair<RelationshipId, GoalReview>> out;
    out.reserve(reviews.size());
    db::Use s(
        db.cached("SELECT id, relationship_id FROM goal WHERE status = 'active' ORDER BY id"));
    std::size_t i = 0;
    while (s->step() && i < reviews.size()) {
        if (raw(reviews[i].goal) == s->get_int(0))
            out.emplace_back(RelationshipId{s->get_int(1)}, std::move(reviews[i++]));
    }
    return out;
}

} // namespace detail

bool Goals::is_owner(const Relationship& r, PersonId person) const noexcept {
    switch (r.model) {
    case Model::mentoring:
        return person == r.learner;
    case Model::coaching:
        return r.is_party(person);
    case Model::supervision:
        return person == r.guide;
    }
    return false;
}

GoalId Goals::create(const NewGoal& req) {
    std::string title = detail::require_text(req.title, "the goal's title", kMaxNameBytes);
    if (static_cast<std::size_t>(req.function) > 4)
        throw InvalidArgument("unknown goal function");
    std::optional<Measure> measure;
    if (req.measure)
        measure = clean_measure(*req.measure);
    detail::require_date(req.due, "the due date");
    detail::require_date(req.on, "the date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = detail::load_relationship(db, req.relationship);
    require_owner(*this, r, req.by, "set goals");
    if (!r.is_open())
        detail::bad_transition(r, "set goals in");
    Date on = req.on.value_or(m_impl->today());
    if (req.due)
        detail::require_not_before(*req.due, on, "the due date", "the goal's creation");
    std::int64_t id = 0;
    {
        db::Use s(db.cached(
            "INSERT INTO goal (relationship_id, learner_id, title, kind, function, metric, unit, "
            "baseline, target, due_date, status, created_by, created_on, created_at) VALUES "
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'draft', ?11, ?12, ?13)"));
        s->bind(1, raw(r.id));
        s->bind(2, raw(r.learner));
        s->bind(3, title);
        s->bind(4, kKind.name(measure ? GoalKind::measurable : GoalKind::open_ended));
        s->bind(5, kFunction.name(req.function));
        if (measure) {
            s->bind(6, measure->metric);
            s->bind(7, measure->unit);
            s->bind(8, measure->baseline);
            s->bind(9, measure->target);
        }
        s->bind(10, date_or_null(req.due));
        s->bind(11, raw(req.by));
        s->bind(12, to_string(on));
        s->bind(13, detail::to_millis(m_impl->now()));
        s->run();
        id = db.last_insert_rowid();
    }
    Json detail;
    detail.add("relationship", raw(r.id))
        .add("title", title)
        .add("kind", kKind.name(measure ? GoalKind::measurable : GoalKind::open_ended))
        .add("function", kFunction.name(req.function));
    m_impl->audit(req.by, "create", "goal", id, detail.str());
    tx.commit();
    return GoalId{id};
}

Goal Goals::get(GoalId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    Goal g = load_goal(db, id);
    detail::load_for_reader(db, g.relationship, acting, "goals");
    return g;
}

std::vector<Goal> Goals::list(RelationshipId relationship, PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "goals");
    std::vector<Goal> out;
    {
        db::Use s(db.cached(
            "SELECT id, relationship_id, learner_id, title, kind, function, metric, unit, "
            "baseline, target, due_date, status, created_by, created_on, activated_on, "
            "closed_on, close_reason FROM goal WHERE relationship_id = ?1 ORDER BY id"));
        s->bind(1, raw(relationship));
        while (s->step())
            out.push_back(read_goal(*s));
    }
    for (Goal& g : out)
        load_milestones(db, g);
    return out;
}

void Goals::update(GoalId id, const GoalChanges& changes, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Goal g = load_goal(db, id);
    Relationship r = detail::load_relationship(db, g.relationship);
    require_owner(*this, r, by, "change goals");
    require_status(g, {GoalStatus::draft, GoalStatus::active}, "change");
    CleanChanges c = clean_changes(g, changes);
    write_changes(*m_impl, g, c, by, "update");
    tx.commit();
}

void Goals::activate(GoalId id, PersonId by, Date on) {
    detail::require_date(on, "the date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Goal g = load_goal(db, id);
    Relationship r = detail::load_relationship(db, g.relationship);
    require_owner(*this, r, by, "activate goals");
    require_status(g, {GoalStatus::draft}, "activate");
    if (!r.is_open())
        detail::bad_transition(r, "activate a goal of");
    detail::require_not_before(on, g.created_on, "the activation date", "the goal's creation");
    set_status(db, id, GoalStatus::active, on, std::nullopt, std::nullopt);
    m_impl->audit(by, "activate", "goal", raw(id), Json().add("on", to_string(on)).str());
    tx.commit();
}

void Goals::achieve(GoalId id, PersonId by, Date on, const std::string& reason) {
    detail::require_date(on, "the date");
    std::optional<std::string> why = detail::optional_reason(reason, "the reason");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Goal g = load_goal(db, id);
    Relationship r = detail::load_relationship(db, g.relationship);
    require_owner(*this, r, by, "close goals");
    require_status(g, {GoalStatus::active}, "achieve");
    detail::require_not_before(on, *g.activated_on, "the date", "the goal's activation");
    close_goal(*m_impl, id, GoalStatus::achieved, by, on, why);
    tx.commit();
}

void Goals::abandon(GoalId id, PersonId by, Date on, const std::string& reason) {
    detail::require_date(on, "the date");
    std::string why = detail::require_text(reason, "the reason for abandoning a goal");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Goal g = load_goal(db, id);
    Relationship r = detail::load_relationship(db, g.relationship);
    require_owner(*this, r, by, "close goals");
    require_status(g, {GoalStatus::draft, GoalStatus::active}, "abandon");
    detail::require_not_before(on, g.activated_on.value_or(g.created_on), "the date",
                               "the goal's activation");
    close_goal(*m_impl, id, GoalStatus::abandoned, by, on, why);
    tx.commit();
}

std::size_t Goals::add_milestone(GoalId id, const std::string& title, std::optional<Date> due,
                                 PersonId by) {
    std::string t = detail::require_text(title, "the milestone's title", kMaxNameBytes);
    detail::require_date(due, "the milestone's due date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Goal g = load_goal(db, id);
    Relationship r = detail::load_relationship(db, g.relationship);
    require_owner(*this, r, by, "plan milestones");
    require_status(g, {GoalStatus::draft, GoalStatus::active}, "add a milestone to");
    detail::require_list_size(g.milestones.size() + 1, "the goal's milestones");
    std::size_t index = g.milestones.size();
    {
        db::Use s(db.cached("INSERT INTO milestone (goal_id, position, title, due_date) VALUES "
                            "(?1, ?2, ?3, ?4)"));
        s->bind(1, raw(id));
        s->bind(2, static_cast<std::int64_t>(index));
        s->bind(3, t);
        s->bind(4, date_or_null(due));
        s->run();
    }
    m_impl->audit(by, "add_milestone", "goal", raw(id),
                  Json().add("milestone", static_cast<std::int64_t>(index)).add("title", t).str());
    tx.commit();
    return index;
}

void Goals::complete_milestone(GoalId id, std::size_t index, PersonId by, Date on) {
    detail::require_date(on, "the date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Goal g = load_goal(db, id);
    Relationship r = detail::load_relationship(db, g.relationship);
    detail::require_party(r, by, "complete milestones");
    require_status(g, {GoalStatus::active}, "complete a milestone of");
    if (index >= g.milestones.size())
        throw InvalidArgument("milestone " + std::to_string(index) + " does not exist (" +
                              goal_text(id) + " has " + std::to_string(g.milestones.size()) + ")");
    if (g.milestones[index].done())
        throw RuleViolation("milestone " + std::to_string(index) + " of " + goal_text(id) +
                                " was already completed on " +
                                to_string(*g.milestones[index].done_on),
                            ErrorCode::invalid_transition);
    detail::require_not_before(on, g.created_on, "the date", "the goal's creation");
    detail::require_not_future(on, m_impl->today(), "the date");
    {
        db::Use s(db.cached("UPDATE milestone SET done_on = ?3, done_by = ?4 WHERE goal_id = ?1 "
                            "AND position = ?2"));
        s->bind(1, raw(id));
        s->bind(2, static_cast<std::int64_t>(index));
        s->bind(3, to_string(on));
        s->bind(4, raw(by));
        s->run();
    }
    m_impl->audit(
        by, "complete_milestone", "goal", raw(id),
        Json().add("milestone", static_cast<std::int64_t>(index)).add("on", to_string(on)).str());
    tx.commit();
}

namespace {

// What a check-in needs to know about its goal and relationship, in one query.
struct CheckInContext {
    GoalKind kind;
    GoalStatus status;
    Relationship rel; // only id, guide, learner, start, status, ended_on are read
};

CheckInContext checkin_context(db::Database& db, GoalId id) {
    db::Use s(db.cached("SELECT g.kind, g.status, r.id, r.guide_id, r.learner_id, r.start_date, "
                        "r.status, r.ended_on FROM goal g JOIN relationship r ON "
                        "r.id = g.relationship_id WHERE g.id = ?1"));
    s->bind(1, raw(id));
    if (!s->step())
        throw NotFound(goal_text(id) + " does not exist");
    CheckInContext c{kKind.parse(s->get_text(0)), kStatus.parse(s->get_text(1)), {}};
    c.rel.id = RelationshipId{s->get_int(2)};
    c.rel.guide = PersonId{s->get_int(3)};
    c.rel.learner = PersonId{s->get_int(4)};
    c.rel.start = detail::date_from_db(s->get_text(5));
    c.rel.status = detail::parse_status(s->get_text(6));
    if (auto e = s->get_opt_text(7))
        c.rel.ended_on = detail::date_from_db(*e);
    return c;
}

struct CleanValue {
    std::optional<double> value;
    std::optional<std::string> note;
};

CleanValue clean_checkin(const CheckInContext& c, std::optional<double> value,
                         const std::string& note) {
    CleanValue out;
    if (value) {
        if (c.kind != GoalKind::measurable)
            throw InvalidArgument("an open-ended goal takes notes, not values");
        detail::require_number(*value, "the value");
        out.value = value;
    }
    out.note = detail::optional_reason(note, "the note");
    if (!out.value && !out.note)
        throw InvalidArgument("a check-in needs a value or a note");
    return out;
}

void check_checkin(detail::StoreImpl& impl, const CheckInContext& c, GoalId id, PersonId by,
                   Date on) {
    detail::require_party(c.rel, by, "record check-ins");
    if (c.status != GoalStatus::active)
        throw RuleViolation("cannot record a check-in on " + goal_text(id) + ": it is " +
                                std::string(to_string(c.status)),
                            ErrorCode::invalid_transition);
    detail::require_not_before(on, c.rel.start, "the check-in date", "the relationship's start");
    if (c.rel.ended_on && on > *c.rel.ended_on)
        throw InvalidArgument("the check-in date " + to_string(on) +
                                  " is after the relationship ended (" +
                                  to_string(*c.rel.ended_on) + ")",
                              ErrorCode::invalid_date);
    detail::require_not_future(on, impl.today(), "the check-in date");
}

CheckInId insert_checkin(detail::StoreImpl& impl, GoalId goal, PersonId by, Date on,
                         const CleanValue& v, std::optional<std::int64_t> supersedes) {
    db::Database& db = impl.db();
    std::string day = to_string(on);
    std::int64_t id = 0;
    {
        db::Use s(db.cached("INSERT INTO checkin (goal_id, on_date, value, note, recorded_by, "
                            "supersedes, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
        s->bind(1, raw(goal));
        s->bind(2, day);
        s->bind(3, v.value);
        s->bind(4, v.note);
        s->bind(5, raw(by));
        s->bind(6, supersedes);
        s->bind(7, detail::to_millis(impl.now()));
        // Goals::correct checked under the write lock that `supersedes` is not corrected yet.
        s->run();
        id = db.last_insert_rowid();
    }
    // The note may be private to the parties: the audit log records the value, not the text.
    Json detail;
    detail.add("goal", raw(goal)).add("on", day).add("has_note", v.note.has_value());
    if (v.value)
        detail.add("value", std::to_string(*v.value));
    if (supersedes)
        detail.add("supersedes", *supersedes);
    impl.audit(by, supersedes ? "correct" : "check_in", "checkin", id, detail.str());
    return CheckInId{id};
}

} // namespace

CheckInId Goals::check_in(GoalId id, PersonId by, Date on, std::optional<double> value,
                          const std::string& note) {
    detail::require_date(on, "the check-in date");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    CheckInContext c = checkin_context(db, id);
    check_checkin(*m_impl, c, id, by, on);
    CleanValue v = clean_checkin(c, value, note);
    CheckInId out = insert_checkin(*m_impl, id, by, on, v, std::nullopt);
    tx.commit();
    return out;
}

CheckInId Goals::correct(CheckInId id, PersonId by, std::optional<double> value,
                         const std::string& note) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    GoalId goal{};
    Date on{};
    {
        db::Use s(db.cached("SELECT goal_id, on_date, EXISTS (SELECT 1 FROM checkin c2 WHERE "
                            "c2.supersedes = c.id) FROM checkin c WHERE c.id = ?1"));
        s->bind(1, raw(id));
        if (!s->step())
            throw NotFound("check-in " + std::to_string(raw(id)) + " does not exist");
        goal = GoalId{s->get_int(0)};
        on = detail::date_from_db(s->get_text(1));
        if (s->get_int(2) != 0)
            throw RuleViolation("check-in " + std::to_string(raw(id)) +
                                    " was already corrected; correct the correction",
                                ErrorCode::invalid_transition);
    }
    CheckInContext c = checkin_context(db, goal);
    check_checkin(*m_impl, c, goal, by, on);
    CleanValue v = clean_checkin(c, value, note);
    CheckInId out = insert_checkin(*m_impl, goal, by, on, v, raw(id));
    tx.commit();
    return out;
}

std::vector<CheckIn> Goals::check_ins(GoalId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, load_goal(db, id).relationship, acting, "check-ins");
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

GoalReview Goals::review(GoalId id, PersonId acting, std::optional<Date> as_of) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, load_goal(db, id).relationship, acting, "goal reviews");
    auto out = review_many(
        db, "SELECT id, kind, status, baseline, target, due_date FROM goal WHERE id = ?1",
        "SELECT goal_id, id, on_date, value, supersedes FROM checkin WHERE goal_id = ?1",
        "SELECT goal_id, count(*), count(done_on) FROM milestone WHERE goal_id = ?1 "
        "GROUP BY goal_id",
        raw(id), as_of.value_or(m_impl->today()));
    return out.front();
}

std::vector<GoalReview> Goals::reviews(RelationshipId relationship, PersonId acting,
                                       std::optional<Date> as_of) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "goal reviews");
    return review_many(
        db,
        "SELECT id, kind, status, baseline, target, due_date FROM goal "
        "WHERE relationship_id = ?1 ORDER BY id",
        "SELECT c.goal_id, c.id, c.on_date, c.value, c.supersedes FROM checkin c JOIN goal g "
        "ON g.id = c.goal_id WHERE g.relationship_id = ?1",
        "SELECT m.goal_id, count(*), count(m.done_on) FROM milestone m JOIN goal g "
        "ON g.id = m.goal_id WHERE g.relationship_id = ?1 GROUP BY m.goal_id",
        raw(relationship), as_of.value_or(m_impl->today()));
}

std::vector<GoalReview> Goals::review_all(std::optional<Date> as_of) const {
    return review_many(m_impl->db(),
                       "SELECT id, kind, status, baseline, target, due_date FROM goal ORDER BY id",
                       "SELECT goal_id, id, on_date, value, supersedes FROM checkin",
                       "SELECT goal_id, count(*), count(done_on) FROM milestone GROUP BY goal_id",
                       std::nullopt, as_of.value_or(m_impl->today()));
}

GoalReviewId Goals::hold_review(RelationshipId relationship, PersonId by, Date on,
                                const std::vector<ReviewItem>& items, const std::string& summary) {
    detail::require_date(on, "the review date");
    std::string sum = detail::optional_text(summary, "the summary");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = detail::load_relationship(db, relationship);
    detail::require_party(r, by, "hold a goal review");
    if (!r.is_open())
        detail::bad_transition(r, "review the goals of");
    detail::require_not_before(on, r.start, "the review date", "the relationship's start");
    detail::require_not_future(on, m_impl->today(), "the review date");

    // Validate the whole review before writing any of it.
    std::vector<Goal> active;
    for (Goal& g : list(relationship, by))
        if (g.status == GoalStatus::active)
            active.push_back(std::move(g));
    struct Planned {
        const Goal* goal;
        const ReviewItem* item;
        std::string reason;
        CleanChanges changes;
    };
    std::vector<Planned> plan;
    for (const ReviewItem& item : items) {
        auto it = std::find_if(active.begin(), active.end(),
                               [&](const Goal& g) { return g.id == item.goal; });
        if (it == active.end())
            throw InvalidArgument(goal_text(item.goal) +
                                  " is not an active goal of this relationship");
        for (const Planned& p : plan)
            if (p.goal->id == item.goal)
                throw InvalidArgument(goal_text(item.goal) + " appears twice in the review");
        if (static_cast<std::size_t>(item.decision) > 3)
            throw InvalidArgument("unknown review decision");
        Planned p{&*it, &item, {}, {}};
        if (item.decision != ReviewDecision::kept) {
            require_owner(*this, r, by, "decide on goals");
            p.reason = detail::require_text(item.reason, "the reason for the decision");
        } else {
            p.reason = detail::optional_text(item.reason, "the reason");
        }
        if (item.decision == ReviewDecision::changed) {
            p.changes = clean_changes(*it, item.changes);
            if (!p.changes.title && !p.changes.function && !p.changes.measure && !p.changes.due)
                throw InvalidArgument("the decision on " + goal_text(it->id) +
                                      " is 'changed' but no change is given");
        }
        if ((item.decision == ReviewDecision::achieved ||
             item.decision == ReviewDecision::abandoned) &&
            on < *it->activated_on)
            throw InvalidArgument("the review date is before " + goal_text(it->id) +
                                      " was activated",
                                  ErrorCode::invalid_date);
        plan.push_back(std::move(p));
    }
    for (const Goal& g : active)
        if (std::none_of(plan.begin(), plan.end(),
                         [&](const Planned& p) { return p.goal->id == g.id; }))
            throw InvalidArgument("the review must decide on every active goal; " +
                                  goal_text(g.id) + " (\"" + g.title + "\") is missing");

    std::vector<GoalReview> snapshot = reviews(relationship, by, on);
    std::int64_t review_id = 0;
    {
        db::Use s(db.cached("INSERT INTO goal_review (relationship_id, held_on, held_by, summary, "
                            "created_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
        s->bind(1, raw(relationship));
        s->bind(2, to_string(on));
        s->bind(3, raw(by));
        s->bind(4, sum);
        s->bind(5, detail::to_millis(m_impl->now()));
        s->run();
        review_id = db.last_insert_rowid();
    }
    for (const Planned& p : plan) {
        auto snap = std::find_if(snapshot.begin(), snapshot.end(),
                                 [&](const GoalReview& g) { return g.goal == p.goal->id; });
        {
            db::Use s(db.cached("INSERT INTO goal_review_item (review_id, goal_id, decision, "
                                "reason, progress, forecast) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
            s->bind(1, review_id);
            s->bind(2, raw(p.goal->id));
            s->bind(3, kDecision.name(p.item->decision));
            s->bind(4, p.reason);
            if (snap != snapshot.end() && snap->progress)
                s->bind(5, *snap->progress);
            if (snap != snapshot.end() && snap->forecast)
                s->bind(6, kForecast.name(*snap->forecast));
            s->run();
        }
        switch (p.item->decision) {
        case ReviewDecision::kept:
            break;
        case ReviewDecision::changed:
            write_changes(*m_impl, *p.goal, p.changes, by, "update");
            break;
        case ReviewDecision::achieved:
            close_goal(*m_impl, p.goal->id, GoalStatus::achieved, by, on, p.reason);
            break;
        case ReviewDecision::abandoned:
            close_goal(*m_impl, p.goal->id, GoalStatus::abandoned, by, on, p.reason);
            break;
        }
    }
    m_impl->audit(by, "hold_review", "goal_review", review_id,
                  Json()
                      .add("relationship", raw(relationship))
                      .add("on", to_string(on))
                      .add("goals", static_cast<std::int64_t>(plan.size()))
                      .str());
    tx.commit();
    return GoalReviewId{review_id};
}

std::vector<GoalReviewRecord> Goals::review_history(RelationshipId relationship,
                                                    PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "goal reviews");
    std::vector<GoalReviewRecord> out;
    {
        db::Use s(db.cached("SELECT id, held_on, held_by, summary FROM goal_review "
                            "WHERE relationship_id = ?1 ORDER BY held_on, id"));
        s->bind(1, raw(relationship));
        while (s->step()) {
            GoalReviewRecord rec;
            rec.id = GoalReviewId{s->get_int(0)};
            rec.relationship = relationship;
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
            line.decision = kDecision.parse(s->get_text(1));
            line.reason = s->get_text(2);
            if (!s->is_null(3))
                line.progress = s->get_double(3);
            if (auto f = s->get_opt_text(4))
                line.forecast = kForecast.parse(*f);
            rec.lines.push_back(std::move(line));
        }
    }
    return out;
}

std::string_view to_string(GoalKind v) noexcept {
    return kKind.name(v);
}
std::string_view to_string(GoalFunction v) noexcept {
    return kFunction.name(v);
}
std::string_view to_string(GoalStatus v) noexcept {
    return kStatus.name(v);
}
std::string_view to_string(Forecast v) noexcept {
    return kForecast.name(v);
}
std::string_view to_string(ReviewDecision v) noexcept {
    return kDecision.name(v);
}

} // namespace mentorkit
