// Consistency metrics at scale: Meetings::all_stats over 10,000 relationships with 1,000,000
// meetings vs one hand-written SQL aggregate over the meeting table computing the same numbers
// (planned, held, cancellations and no-shows by side, held in the first 90 days, longest gap,
// last held day), in the same run. The core reads one summary row per relationship, kept
// current on every meeting change, instead of rescanning the meetings.
//
// The relationships are created through the core API; the meetings are inserted with raw SQL in
// one transaction (a million validated API calls would only slow the set-up down) and the
// summaries rebuilt with Meetings::rebuild_stats. The run fails if any number differs.
//
// Prints: BENCH name=<id> value=<seconds> unit=s baseline=<seconds> ratio=<value/baseline>

#include <mentorkit/mentorkit.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace mentorkit;
using namespace std::chrono;

namespace {

const Date kStart = make_date(2024, 1, 8);
const Date kToday = make_date(2026, 6, 1);

void fail(const std::string& what) {
    std::fprintf(stderr, "meetings_bench: %s\n", what.c_str());
    std::exit(1);
}

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        fail(std::string(what) + ": " + sqlite3_errmsg(db));
}

double seconds_since(steady_clock::time_point t0) {
    return duration<double>(steady_clock::now() - t0).count();
}

struct Rel {
    std::int64_t id, guide, learner;
};

std::vector<Rel> build(const fs::path& file, std::size_t n_rels, std::size_t per_rel) {
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(file.string() + suffix);
    std::vector<Rel> rels;
    {
        Store store = Store::open(file);
        store.set_clock([] { return Timestamp{kStart} + hours(9); });
        auto tx = store.begin();
        std::vector<PersonId> people;
        for (std::size_t i = 0; i < n_rels / 2 + 2; ++i)
            people.push_back(store.people().create({"Person " + std::to_string(i), 1}));
        for (std::size_t r = 0; r < n_rels; ++r) {
            PersonId g = people[r % people.size()], l = people[(r * 7 + 1) % people.size()];
            if (g == l)
                l = people[(r * 7 + 2) % people.size()];
            NewRelationship req;
            req.model = Model::mentoring;
            req.guide = g;
            req.learner = l;
            req.focus = "area " + std::to_string(r);
            req.start = kStart;
            req.proposed_by = l;
            req.proposed_on = kStart;
            RelationshipId id = store.relationships().propose(req);
            store.relationships().accept(id, g, kStart);
            rels.push_back({raw(id), raw(g), raw(l)});
        }
        tx.commit();
    }
    sqlite3* db = nullptr;
    check(sqlite3_open(file.c_str(), &db), db, "open");
    sqlite3_stmt* ins = nullptr;
    check(sqlite3_prepare_v2(
              db,
              "INSERT INTO meeting (uid, relationship_id, starts_at, duration_min, setting, "
              "place, link, status, scheduled_by, cancelled_by, cancelled_at, absent_id, "
              "outcome_by, created_at) VALUES (randomblob(16), ?1, ?2, 30, 'virtual', '', "
              "'https://meet.example/x', ?3, ?4, ?5, ?6, ?7, ?4, ?2)",
              -1, &ins, nullptr),
          db, "prepare");
    std::mt19937_64 rng(3);
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    for (const Rel& r : rels) {
        std::int64_t t =
            duration_cast<milliseconds>((sys_days{kStart} + hours(16)).time_since_epoch()).count();
        for (std::size_t k = 0; k < per_rel; ++k) {
            t += static_cast<std::int64_t>(3 + rng() % 12) * 86400000; // every 3..14 days
            int roll = static_cast<int>(rng() % 20);
            const char* status = roll < 15 ? "held" : roll < 18 ? "cancelled" : "no_show";
            std::int64_t who = rng() % 2 ? r.guide : r.learner;
            sqlite3_bind_int64(ins, 1, r.id);
            sqlite3_bind_int64(ins, 2, t);
            sqlite3_bind_text(ins, 3, status, -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins, 4, r.learner);
            if (roll >= 15 && roll < 18) {
                sqlite3_bind_int64(ins, 5, who);
                sqlite3_bind_int64(ins, 6, t - 3600000);
            } else {
                sqlite3_bind_null(ins, 5);
                sqlite3_bind_null(ins, 6);
            }
            if (roll >= 18)
                sqlite3_bind_int64(ins, 7, who);
            else
                sqlite3_bind_null(ins, 7);
            check(sqlite3_step(ins), db, "insert meeting");
            sqlite3_reset(ins);
        }
    }
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    sqlite3_finalize(ins);
    sqlite3_close(db);
    Store store = Store::open(file);
    store.meetings().rebuild_stats();
    return rels;
}

// The same numbers straight from the meeting table (days are UTC days of the start).
const char* kAggregateSql = R"sql(
WITH m AS MATERIALIZED (
    SELECT m.relationship_id AS rid, m.status, m.cancelled_by, m.absent_id,
           CAST(m.starts_at / 86400000 AS INTEGER) AS day,
           CAST(julianday(r.start_date) - 2440587.5 AS INTEGER) AS start_day,
           r.guide_id, r.learner_id
    FROM meeting m JOIN relationship r ON r.id = m.relationship_id),
gaps AS (
    SELECT rid, max(gap) AS gap FROM (
        SELECT rid, day - coalesce(lag(day) OVER (PARTITION BY rid ORDER BY day), start_day)
               AS gap
        FROM m WHERE status = 'held')
    GROUP BY rid),
counts AS (
    SELECT rid, count(*) AS planned, sum(status = 'held') AS held,
           sum(status = 'cancelled' AND cancelled_by = guide_id) AS cg,
           sum(status = 'cancelled' AND cancelled_by = learner_id) AS cl,
           sum(status = 'no_show' AND absent_id = guide_id) AS ng,
           sum(status = 'no_show' AND absent_id = learner_id) AS nl,
           sum(status = 'held' AND day < start_day + 90) AS first90,
           max(CASE WHEN status = 'held' THEN day END) AS last_day
    FROM m GROUP BY rid)
SELECT r.id, coalesce(c.planned, 0), coalesce(c.held, 0), coalesce(c.cg, 0),
       coalesce(c.cl, 0), coalesce(c.ng, 0), coalesce(c.nl, 0), coalesce(c.first90, 0),
       coalesce(g.gap, 0), c.last_day
FROM relationship r LEFT JOIN counts c ON c.rid = r.id LEFT JOIN gaps g ON g.rid = r.id
ORDER BY r.id
)sql";

struct Row {
    std::int64_t id;
    int planned, held, cg, cl, ng, nl, first90, gap;
    std::optional<std::int64_t> last_day;
};

std::vector<Row> aggregate(sqlite3* db) {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db, kAggregateSql, -1, &s, nullptr), db, "aggregate");
    std::vector<Row> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        auto i = [&](int c) {
            return sqlite3_column_int(s, c);
        };
        Row r{sqlite3_column_int64(s, 0),
              i(1),
              i(2),
              i(3),
              i(4),
              i(5),
              i(6),
              i(7),
              i(8),
              std::nullopt};
        if (sqlite3_column_type(s, 9) != SQLITE_NULL)
            r.last_day = sqlite3_column_int64(s, 9);
        out.push_back(r);
    }
    check(rc, db, "aggregate");
    sqlite3_finalize(s);
    return out;
}

void same(const std::vector<MeetingStats>& core, const std::vector<Row>& sql) {
    if (core.size() != sql.size())
        fail("row count differs");
    for (std::size_t i = 0; i < core.size(); ++i) {
        const MeetingStats& c = core[i];
        const Row& s = sql[i];
        std::optional<std::int64_t> last;
        if (c.last_held)
            last = c.last_held->time_since_epoch().count();
        // The core's longest gap also counts the open gap up to today.
        int open_gap = c.days_since_last_held;
        if (raw(c.relationship) != s.id || c.planned != s.planned || c.held != s.held ||
            c.cancelled_by_guide != s.cg || c.cancelled_by_learner != s.cl ||
            c.no_show_guide != s.ng || c.no_show_learner != s.nl ||
            c.held_first_90_days != s.first90 || last != s.last_day ||
            c.longest_gap_days != std::max(s.gap, open_gap))
            fail("the SQL aggregate differs from the core's for relationship " +
                 std::to_string(s.id));
    }
}

} // namespace

int main(int argc, char** argv) {
    std::size_t n_rels = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
    std::size_t per_rel = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100;
    int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
    if (n_rels < 2 || per_rel < 1 || repeats < 1)
        fail("usage: bench_meetings [relationships] [meetings each] [repeats]");
    fs::path dir = fs::temp_directory_path() / ("mentorkit-meetings-" + std::to_string(getpid()));
    fs::create_directories(dir);
    try {
        build(dir / "m.db", n_rels, per_rel);
        Store store = Store::open(dir / "m.db");
        store.set_clock([] { return Timestamp{kToday} + hours(12); });
        sqlite3* db = nullptr;
        check(sqlite3_open((dir / "m.db").c_str(), &db), db, "open");
        check(sqlite3_exec(db, "PRAGMA cache_size=-32768", nullptr, nullptr, nullptr), db, "cache");
        double t_core = 1e9, t_sql = 1e9;
        std::vector<MeetingStats> stats;
        std::vector<Row> rows;
        for (int i = 0; i < repeats; ++i) {
            auto t0 = steady_clock::now();
            rows = aggregate(db);
            t_sql = std::min(t_sql, seconds_since(t0));
            t0 = steady_clock::now();
            stats = store.meetings().all_stats();
            t_core = std::min(t_core, seconds_since(t0));
        }
        same(stats, rows);
        sqlite3_close(db);
        std::string name = "consistency_metrics_" + std::to_string(n_rels / 1000) + "k_rel_" +
                           std::to_string(n_rels * per_rel / 1000) + "k_meetings";
        std::printf("BENCH name=%s value=%.4f unit=s baseline=%.4f ratio=%.3f\n", name.c_str(),
                    t_core, t_sql, t_core / t_sql);
    } catch (const Error& e) {
        fail(e.what());
    }
    fs::remove_all(dir);
    return 0;
}
