// Goal tracking at scale, against raw SQLite in the same run:
//
// 1. checkins_append: 1,000,000 check-ins appended through Goals::check_in (each validated:
//    goal active, acting party, dates within the relationship) vs the same rows — check-ins and
//    the operation of each (payload, audit entry, hash chain; bench/raw_log.hpp) — inserted with
//    the raw SQLite C API. Both in one transaction on a copy of the same database, same
//    connection settings. A second figure compares against the check-in rows alone (no log).
// 2. goal_review: Goals::review_all over 100,000 goals and their 1,000,000 check-ins vs one
//    hand-written SQL query (window functions) returning the same numbers: effective check-ins,
//    latest value, progress, trend per week over the last six, projection to the due date and
//    the forecast. The run fails if any number differs.
//
// Prints: BENCH name=<id> value=<seconds> unit=s baseline=<seconds> ratio=<value/baseline>

#include <mentorkit/mentorkit.hpp>

#include "raw_log.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace mentorkit;

namespace {

const Date kStart = make_date(2025, 1, 6);
const Date kAsOf = make_date(2025, 3, 20);
constexpr int kWeeks = 10;

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void fail(const std::string& what) {
    std::fprintf(stderr, "goals_bench: %s\n", what.c_str());
    std::exit(1);
}

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        fail(std::string(what) + ": " + sqlite3_errmsg(db));
}

void remove_db(const fs::path& p) {
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(p.string() + suffix);
}

void copy_db(const fs::path& from, const fs::path& to) {
    remove_db(to);
    fs::copy_file(from, to);
}

struct Goalset {
    std::vector<std::int64_t> goal;    // goal ids
    std::vector<std::int64_t> learner; // who records the check-ins of each goal
    std::vector<double> slope;         // weekly progress of each goal's series
};

// People, relationships and active measurable goals, through the core API (not timed).
Goalset build_base(const fs::path& file, std::size_t n_goals) {
    remove_db(file);
    Store store = Store::open(file);
    store.set_clock([] { return Timestamp{kStart} + std::chrono::hours(9); });
    std::mt19937_64 rng(7);
    const std::size_t per_rel = 5;
    const std::size_t n_rels = n_goals / per_rel;
    const std::size_t n_people = n_rels / 2 + 2;
    Goalset out;
    auto tx = store.begin();
    std::vector<PersonId> people;
    for (std::size_t i = 0; i < n_people; ++i)
        people.push_back(store.people().create(
            {"Person " + std::to_string(i), static_cast<int>(rng() % 5) + 1}));
    for (std::size_t r = 0; r < n_rels; ++r) {
        PersonId coach = people[r % n_people];
        PersonId coachee = people[(r * 7 + 1) % n_people];
        if (coach == coachee)
            coachee = people[(r * 7 + 2) % n_people];
        NewRelationship req;
        req.model = Model::coaching;
        req.guide = coach;
        req.learner = coachee;
        req.focus = "skill " + std::to_string(r);
        req.formality = Formality::formal;
        req.start = kStart;
        req.end = kStart + std::chrono::days(300);
        req.proposed_by = coachee;
        req.proposed_on = kStart;
        RelationshipId rel = store.relationships().propose(req);
        store.relationships().accept(rel, coach, kStart);
        for (std::size_t k = 0; k < per_rel; ++k) {
            double target = 10.0 + static_cast<double>(rng() % 20);
            Date due = kStart + std::chrono::days(60 + static_cast<int>(rng() % 60));
            GoalId g = store.goals().create(
                {rel, "Goal " + std::to_string(k), GoalFunction::skill_development,
                 Measure{"score", "points", 0, target}, due, coachee, kStart});
            store.goals().activate(g, coachee, kStart);
            out.goal.push_back(raw(g));
            out.learner.push_back(raw(coachee));
            out.slope.push_back(static_cast<double>(rng() % 300) / 100.0);
        }
    }
    tx.commit();
    return out;
}

double value_at(const Goalset& g, std::size_t i, int week) {
    return g.slope[i] * week + static_cast<double>((i * 31 + static_cast<std::size_t>(week)) % 3);
}

// Check-ins go in week by week across all goals, as a program records them.
double append_core(const Goalset& g, const fs::path& file) {
    Store store = Store::open(file);
    store.set_clock([] { return Timestamp{kAsOf} + std::chrono::hours(9); });
    auto t0 = std::chrono::steady_clock::now();
    auto tx = store.begin();
    for (int w = 0; w < kWeeks; ++w) {
        Date on = kStart + std::chrono::days(7 * w);
        for (std::size_t i = 0; i < g.goal.size(); ++i)
            store.goals().check_in(GoalId{g.goal[i]}, PersonId{g.learner[i]}, on,
                                   value_at(g, i, w));
    }
    tx.commit();
    return seconds_since(t0);
}

// The uid of every goal and learner of the set (read before the clock starts).
std::vector<std::string> uids_of(sqlite3* db, const char* table,
                                 const std::vector<std::int64_t>& ids) {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db,
                             (std::string("SELECT uid FROM ") + table + " WHERE id = ?1").c_str(),
                             -1, &s, nullptr),
          db, "prepare");
    std::vector<std::string> out;
    for (std::int64_t id : ids) {
        sqlite3_bind_int64(s, 1, id);
        check(sqlite3_step(s), db, "read a uid");
        out.emplace_back(static_cast<const char*>(sqlite3_column_blob(s, 0)), 16);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return out;
}

double append_raw(const Goalset& g, const fs::path& file, bool with_log) {
    sqlite3* db = nullptr;
    check(sqlite3_open(file.c_str(), &db), db, "open");
    // The connection settings of a Store opened with default options.
    check(sqlite3_exec(db,
                       "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                       "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY",
                       nullptr, nullptr, nullptr),
          db, "pragmas");
    sqlite3_stmt* ins = nullptr;
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO checkin (uid, goal_id, on_date, value, note, "
                             "recorded_by, supersedes, recorded_at) VALUES (?1, ?2, ?3, ?4, NULL, "
                             "?5, NULL, ?6)",
                             -1, &ins, nullptr),
          db, "prepare");
    const std::vector<std::string> goal_uid = uids_of(db, "goal", g.goal);
    const std::vector<std::string> learner_uid = uids_of(db, "person", g.learner);
    std::optional<bench::RawLog> log;
    if (with_log)
        log.emplace(db);
    const std::int64_t at = std::chrono::duration_cast<std::chrono::milliseconds>(
                                (Timestamp{kAsOf} + std::chrono::hours(9)).time_since_epoch())
                                .count();
    auto t0 = std::chrono::steady_clock::now();
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    for (int w = 0; w < kWeeks; ++w) {
        std::string day = to_string(kStart + std::chrono::days(7 * w));
        for (std::size_t i = 0; i < g.goal.size(); ++i) {
            double v = value_at(g, i, w);
            const std::string uid = bench::new_uid(at);
            sqlite3_bind_blob(ins, 1, uid.data(), 16, SQLITE_STATIC);
            sqlite3_bind_int64(ins, 2, g.goal[i]);
            sqlite3_bind_text(ins, 3, day.c_str(), static_cast<int>(day.size()), SQLITE_STATIC);
            sqlite3_bind_double(ins, 4, v);
            sqlite3_bind_int64(ins, 5, g.learner[i]);
            sqlite3_bind_int64(ins, 6, at);
            check(sqlite3_step(ins), db, "insert checkin");
            sqlite3_reset(ins);
            if (!log)
                continue;
            bench::Entry op;
            op.actor_uid = learner_uid[i];
            op.actor_id = g.learner[i];
            op.at = at;
            op.kind = "goal.check_in";
            op.payload = "{\"id\":\"" + bench::hex(uid) + "\",\"goal\":\"" +
                         bench::hex(goal_uid[i]) + "\",\"on\":\"" + day +
                         "\",\"value\":" + bench::number(v) + ",\"note\":\"\"}";
            op.action = "check_in";
            op.entity = "checkin";
            op.entity_id = sqlite3_last_insert_rowid(db);
            op.detail = "{\"goal\":" + std::to_string(g.goal[i]) + ",\"on\":\"" + day +
                        "\",\"has_note\":false,\"value\":\"" + std::to_string(v) + "\"}";
            log->append(op);
        }
    }
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    double t = seconds_since(t0);
    sqlite3_finalize(ins);
    log.reset();
    sqlite3_close(db);
    return t;
}

std::int64_t scalar(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), db, sql.c_str());
    check(sqlite3_step(s), db, sql.c_str());
    std::int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

void same_rows(const fs::path& core, const fs::path& raw_file) {
    sqlite3* db = nullptr;
    check(sqlite3_open(core.c_str(), &db), db, "open");
    check(sqlite3_exec(db, ("ATTACH '" + raw_file.string() + "' AS raw").c_str(), nullptr, nullptr,
                       nullptr),
          db, "attach");
    const char* q[] = {
        "SELECT count(*) FROM (SELECT id, goal_id, on_date, value, note, recorded_by, supersedes "
        "FROM checkin EXCEPT SELECT id, goal_id, on_date, value, note, recorded_by, supersedes "
        "FROM raw.checkin)",
        // The log: the same operations with the same audit entries and payloads of the same
        // length (the check-ins' uids are random on each side).
        "SELECT count(*) FROM (SELECT seq, actor, actor_id, at, kind, length(payload), refused, "
        "action, entity, entity_id, detail FROM operation EXCEPT SELECT seq, actor, actor_id, at, "
        "kind, length(payload), refused, action, entity, entity_id, detail FROM raw.operation)",
        "SELECT (SELECT count(*) FROM checkin) - (SELECT count(*) FROM raw.checkin)",
        "SELECT (SELECT count(*) FROM operation) - (SELECT count(*) FROM raw.operation)",
    };
    for (const char* sql : q)
        if (scalar(db, sql) != 0)
            fail(std::string("the raw baseline wrote different rows: ") + sql);
    sqlite3_close(db);
}

// The hand-written SQL review: the same method as Goals::review (see goals.hpp).
const char* kReviewSql = R"sql(
WITH eff AS (
    SELECT c.goal_id, c.id, c.on_date, c.value FROM checkin c
    WHERE c.on_date <= ?1 AND NOT EXISTS (SELECT 1 FROM checkin s WHERE s.supersedes = c.id)),
cnt AS (SELECT goal_id, count(*) AS n_eff FROM eff GROUP BY goal_id),
valued AS (
    SELECT goal_id, value, julianday(on_date) - 2460000 AS x,
           row_number() OVER (PARTITION BY goal_id ORDER BY on_date DESC, id DESC) AS rn,
           count(*) OVER (PARTITION BY goal_id) AS n_valued,
           min(julianday(on_date)) OVER (PARTITION BY goal_id) - 2460000 AS first_x
    FROM eff WHERE value IS NOT NULL),
agg AS (
    SELECT goal_id, max(n_valued) AS n_valued, min(first_x) AS first_x,
           max(CASE WHEN rn = 1 THEN value END) AS latest,
           max(CASE WHEN rn = 1 THEN x END) AS latest_x,
           count(*) AS n, sum(x) AS sx, sum(value) AS sy, sum(x * x) AS sxx,
           sum(x * value) AS sxy
    FROM valued WHERE rn <= 6 GROUP BY goal_id),
ms AS (SELECT goal_id, count(*) AS total, count(done_on) AS done FROM milestone GROUP BY goal_id),
base AS (
    SELECT g.id, g.kind, g.status, g.baseline, g.target,
           julianday(g.due_date) - 2460000 AS due_x, julianday(?1) - 2460000 AS asof_x,
           coalesce(cnt.n_eff, 0) AS n_eff, agg.*,
           coalesce(ms.total, 0) AS ms_total, coalesce(ms.done, 0) AS ms_done,
           CASE WHEN agg.n >= 2 AND agg.n * agg.sxx - agg.sx * agg.sx > 0
                THEN (agg.n * agg.sxy - agg.sx * agg.sy) / (agg.n * agg.sxx - agg.sx * agg.sx)
           END AS slope
    FROM goal g LEFT JOIN cnt ON cnt.goal_id = g.id LEFT JOIN agg ON agg.goal_id = g.id
    LEFT JOIN ms ON ms.goal_id = g.id),
proj AS (
    SELECT *, CASE WHEN kind = 'measurable' THEN (latest - baseline) / (target - baseline) END
                  AS progress,
           CASE WHEN kind <> 'measurable' OR latest IS NULL OR due_x IS NULL THEN NULL
                WHEN latest_x >= due_x THEN latest
                WHEN slope IS NOT NULL THEN latest + slope * (due_x - latest_x) END AS projected
    FROM base)
SELECT id, n_eff, latest, progress, slope * 7.0, projected,
       (projected - baseline) / (target - baseline),
       CASE WHEN kind <> 'measurable' OR due_x IS NULL
                 OR status NOT IN ('active', 'achieved') THEN NULL
            WHEN status = 'achieved' OR progress >= 1.0 THEN 'on_track'
            WHEN due_x < asof_x THEN 'off_track'
            WHEN coalesce(n_valued, 0) < 2 OR latest_x - first_x < 7 THEN 'too_early'
            WHEN (projected - baseline) / (target - baseline) >= 1.0 THEN 'on_track'
            WHEN (projected - baseline) / (target - baseline) >= 0.75 THEN 'at_risk'
            ELSE 'off_track' END,
       ms_done, ms_total, status = 'active' AND due_x < asof_x
FROM proj ORDER BY id
)sql";

struct SqlRow {
    std::int64_t id;
    int n;
    std::optional<double> latest, progress, trend, projected, projected_progress;
    std::optional<std::string> forecast;
    int ms_done, ms_total;
    bool overdue;
};

std::vector<SqlRow> review_sql(sqlite3* db) {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db, kReviewSql, -1, &s, nullptr), db, "review sql");
    std::string as_of = to_string(kAsOf);
    sqlite3_bind_text(s, 1, as_of.c_str(), -1, SQLITE_STATIC);
    auto opt = [&](int c) -> std::optional<double> {
        if (sqlite3_column_type(s, c) == SQLITE_NULL)
            return std::nullopt;
        return sqlite3_column_double(s, c);
    };
    std::vector<SqlRow> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        SqlRow r{sqlite3_column_int64(s, 0),
                 sqlite3_column_int(s, 1),
                 opt(2),
                 opt(3),
                 opt(4),
                 opt(5),
                 opt(6),
                 std::nullopt,
                 sqlite3_column_int(s, 8),
                 sqlite3_column_int(s, 9),
                 sqlite3_column_int(s, 10) != 0};
        if (sqlite3_column_type(s, 7) != SQLITE_NULL)
            r.forecast = reinterpret_cast<const char*>(sqlite3_column_text(s, 7));
        out.push_back(std::move(r));
    }
    check(rc, db, "review sql");
    sqlite3_finalize(s);
    return out;
}

bool near(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value())
        return false;
    return !a || std::fabs(*a - *b) <= 1e-9 * std::max(1.0, std::fabs(*a));
}

void same_reviews(const std::vector<GoalReview>& core, const std::vector<SqlRow>& sql) {
    if (core.size() != sql.size())
        fail("review count differs");
    for (std::size_t i = 0; i < core.size(); ++i) {
        const GoalReview& c = core[i];
        const SqlRow& s = sql[i];
        std::optional<std::string> f;
        if (c.forecast)
            f = std::string(to_string(*c.forecast));
        // Rounding can put a projection exactly on a threshold (0.75, 1.0) on either side.
        auto on_threshold = [](const std::optional<double>& p) {
            return p && (std::fabs(*p - 0.75) < 1e-9 || std::fabs(*p - 1.0) < 1e-9);
        };
        bool same_forecast = f == s.forecast || on_threshold(c.projected_progress);
        if (raw(c.goal) != s.id || c.check_ins != s.n || !near(c.latest_value, s.latest) ||
            !near(c.progress, s.progress) || !near(c.trend_per_week, s.trend) ||
            !near(c.projected, s.projected) || !near(c.projected_progress, s.projected_progress) ||
            !same_forecast || c.milestones_done != s.ms_done || c.milestones_total != s.ms_total ||
            c.overdue != s.overdue) {
            auto show = [](const std::optional<double>& v) {
                return v ? std::to_string(*v) : std::string("null");
            };
            fail("the SQL review differs from the core's for goal " + std::to_string(s.id) +
                 ": core n=" + std::to_string(c.check_ins) + " latest=" + show(c.latest_value) +
                 " progress=" + show(c.progress) + " trend=" + show(c.trend_per_week) +
                 " projected=" + show(c.projected) + " forecast=" + f.value_or("null") +
                 "; sql n=" + std::to_string(s.n) + " latest=" + show(s.latest) +
                 " progress=" + show(s.progress) + " trend=" + show(s.trend) +
                 " projected=" + show(s.projected) + " forecast=" + s.forecast.value_or("null"));
        }
    }
}

void report(const char* name, double value, double baseline) {
    std::printf("BENCH name=%s value=%.4f unit=s baseline=%.4f ratio=%.3f\n", name, value, baseline,
                value / baseline);
}

} // namespace

int main(int argc, char** argv) {
    std::size_t n_goals = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
    int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    if (n_goals < 10 || repeats < 1)
        fail("usage: bench_goals [goals >= 10] [repeats >= 1]");
    fs::path dir = fs::temp_directory_path() / ("mentorkit-goals-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    try {
        Goalset g = build_base(dir / "base.db", n_goals);
        std::string count = std::to_string(g.goal.size() * kWeeks / 1000) + "k";

        double core = 1e9, raw_same = 1e9, raw_rows = 1e9;
        for (int i = 0; i < repeats; ++i) {
            copy_db(dir / "base.db", dir / "raw.db");
            raw_same = std::min(raw_same, append_raw(g, dir / "raw.db", true));
            copy_db(dir / "base.db", dir / "rows.db");
            raw_rows = std::min(raw_rows, append_raw(g, dir / "rows.db", false));
            copy_db(dir / "base.db", dir / "core.db");
            core = std::min(core, append_core(g, dir / "core.db"));
            if (i == 0)
                same_rows(dir / "core.db", dir / "raw.db");
        }
        report(("checkins_append_" + count).c_str(), core, raw_same);
        report(("checkins_append_vs_data_rows_" + count).c_str(), core, raw_rows);

        Store store = Store::open(dir / "core.db");
        sqlite3* db = nullptr;
        check(sqlite3_open((dir / "core.db").c_str(), &db), db, "open");
        check(sqlite3_exec(db, "PRAGMA cache_size=-32768", nullptr, nullptr, nullptr), db, "cache");
        double t_core = 1e9, t_sql = 1e9;
        std::vector<GoalReview> reviews;
        std::vector<SqlRow> rows;
        for (int i = 0; i < repeats; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            rows = review_sql(db);
            t_sql = std::min(t_sql, seconds_since(t0));
            t0 = std::chrono::steady_clock::now();
            reviews = store.goals().review_all(kAsOf);
            t_core = std::min(t_core, seconds_since(t0));
        }
        same_reviews(reviews, rows);
        sqlite3_close(db);
        report(("goal_review_" + std::to_string(g.goal.size() / 1000) + "k").c_str(), t_core,
               t_sql);
    } catch (const Error& e) {
        fail(e.what());
    }
    fs::remove_all(dir);
    return 0;
}
