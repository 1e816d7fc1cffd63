// Rebuilding a store from its operations log (Operations::replay_into) against inserting the
// same domain rows with the raw SQLite C API, in the same run.
//
// The source store holds a program of mentoring relationships with active measurable goals and
// then N operations, check-ins and meetings alternating (goal.check_in, meeting.schedule), all
// made through the core (not timed). The replay applies every operation of the log to an empty
// file through the same code the calls ran — decoding, validating, writing the rows and
// appending the operation with its hash — in one transaction. The baseline writes the rows the
// replayed store ends with (every table of state: people, relationships and their events,
// goals, check-ins, meetings and their summaries; read from the source before the clock starts)
// with one prepared INSERT per table, in one transaction, on an empty file with the same schema and
// connection settings. Both load the way the replay does into an empty file: through a rollback
// journal, switching back to WAL at the end (db::BulkLoad), so every page is written once. The
// run fails unless the replayed store holds exactly the source's rows.
//
// Prints: BENCH name=ops_replay value=<seconds> unit=s baseline=<seconds> ratio=<value/baseline>

#include <mentorkit/mentorkit.hpp>

#include "storage/records.hpp" // core/src: the tables of state, as the core lists them

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <variant>
#include <vector>

namespace fs = std::filesystem;
using namespace mentorkit;

namespace {

const Date kStart = make_date(2020, 1, 6);
double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void fail(const std::string& what) {
    std::fprintf(stderr, "replay_bench: %s\n", what.c_str());
    std::exit(1);
}

void check(int rc, sqlite3* db, const std::string& what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        fail(what + ": " + sqlite3_errmsg(db));
}

void remove_db(const fs::path& p) {
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(p.string() + suffix);
}

// The source: relationships with goals, then `n_ops` check-ins and meetings, alternating.
void build_source(const fs::path& file, std::size_t n_ops) {
    remove_db(file);
    Store store = Store::open(file);
    store.set_clock([] { return Timestamp{kStart} + std::chrono::days(6000); });
    const std::size_t n_rels = 1000, goals_per_rel = 5;
    auto tx = store.begin();
    std::vector<PersonId> people;
    for (std::size_t i = 0; i < n_rels + 1; ++i)
        people.push_back(store.people().create({"Person " + std::to_string(i), 1 + int(i % 5)}));
    struct Pair {
        RelationshipId rel;
        PersonId learner;
        std::vector<GoalId> goals;
    };
    std::vector<Pair> pairs;
    for (std::size_t r = 0; r < n_rels; ++r) {
        NewRelationship req;
        req.model = Model::coaching;
        req.guide = people[r];
        req.learner = people[r + 1];
        req.focus = "skill " + std::to_string(r);
        req.start = kStart;
        req.proposed_by = req.learner;
        req.proposed_on = kStart;
        Pair p{store.relationships().propose(req), req.learner, {}};
        store.relationships().accept(p.rel, req.guide, kStart);
        for (std::size_t k = 0; k < goals_per_rel; ++k) {
            GoalId g = store.goals().create(
                {p.rel, "Goal " + std::to_string(k), GoalFunction::skill_development,
                 Measure{"score", "points", 0, 100}, std::nullopt, p.learner, kStart});
            store.goals().activate(g, p.learner, kStart);
            p.goals.push_back(g);
        }
        pairs.push_back(std::move(p));
    }
    for (std::size_t i = 0; i < n_ops; ++i) {
        Pair& p = pairs[(i / 2) % pairs.size()];
        const std::size_t round = i / (2 * pairs.size()); // how many times this pair came up
        if (i % 2 == 0) {
            GoalId g = p.goals[round % goals_per_rel];
            store.goals().check_in(g, p.learner, kStart + std::chrono::days(round % 3650),
                                   static_cast<double>(round % 100), "");
        } else {
            NewMeeting m;
            m.relationship = p.rel;
            m.by = p.learner;
            // Every other day, at 9 (a steady cadence; round < 2000 for a million operations).
            m.start = Timestamp{kStart} + std::chrono::days(2 * static_cast<long>(round)) +
                      std::chrono::hours(9);
            m.duration_minutes = 45;
            m.link = "https://meet.example.org/room";
            store.meetings().schedule(m);
        }
    }
    tx.commit();
}

using Cell = std::variant<std::monostate, std::int64_t, double, std::string, std::vector<char>>;
struct TableRows {
    std::string insert; // INSERT INTO t (...) VALUES (?, ...)
    std::vector<std::vector<Cell>> rows;
};

sqlite3* open_raw(const fs::path& file) {
    sqlite3* db = nullptr;
    check(sqlite3_open(file.c_str(), &db), db, "open");
    // The connection settings of a Store opened with default options.
    check(sqlite3_exec(db,
                       "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                       "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY",
                       nullptr, nullptr, nullptr),
          db, "pragmas");
    return db;
}

std::vector<TableRows> read_rows(const fs::path& file) {
    sqlite3* db = open_raw(file);
    std::vector<TableRows> out;
    for (const char* t : storage::state_tables()) {
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(db, (std::string("SELECT * FROM ") + t).c_str(), -1, &s, nullptr),
              db, t);
        TableRows tr;
        const int n = sqlite3_column_count(s);
        std::string columns, params;
        for (int c = 0; c < n; ++c) {
            columns += (c ? ", " : "") + std::string(sqlite3_column_name(s, c));
            params += (c ? ", ?" : "?");
        }
        tr.insert = std::string("INSERT INTO ") + t + " (" + columns + ") VALUES (" + params + ")";
        while (sqlite3_step(s) == SQLITE_ROW) {
            std::vector<Cell> row;
            for (int c = 0; c < n; ++c) {
                switch (sqlite3_column_type(s, c)) {
                case SQLITE_INTEGER:
                    row.emplace_back(std::int64_t{sqlite3_column_int64(s, c)});
                    break;
                case SQLITE_FLOAT:
                    row.emplace_back(sqlite3_column_double(s, c));
                    break;
                case SQLITE_TEXT:
                    row.emplace_back(
                        std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, c)),
                                    static_cast<std::size_t>(sqlite3_column_bytes(s, c))));
                    break;
                case SQLITE_BLOB: {
                    auto* p = static_cast<const char*>(sqlite3_column_blob(s, c));
                    row.emplace_back(std::vector<char>(p, p + sqlite3_column_bytes(s, c)));
                    break;
                }
                default:
                    row.emplace_back(std::monostate{});
                }
            }
            tr.rows.push_back(std::move(row));
        }
        sqlite3_finalize(s);
        out.push_back(std::move(tr));
    }
    sqlite3_close(db);
    return out;
}

double insert_raw(const std::vector<TableRows>& tables, const fs::path& file) {
    remove_db(file);
    Store::open(file).close(); // the same schema, indexes and triggers
    sqlite3* db = open_raw(file);
    auto t0 = std::chrono::steady_clock::now();
    check(sqlite3_exec(db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr), db, "journal");
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    for (const TableRows& t : tables) {
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(db, t.insert.c_str(), -1, &s, nullptr), db, t.insert);
        for (const auto& row : t.rows) {
            for (std::size_t c = 0; c < row.size(); ++c) {
                const int i = static_cast<int>(c) + 1;
                const Cell& v = row[c];
                if (auto* n = std::get_if<std::int64_t>(&v))
                    sqlite3_bind_int64(s, i, *n);
                else if (auto* d = std::get_if<double>(&v))
                    sqlite3_bind_double(s, i, *d);
                else if (auto* text = std::get_if<std::string>(&v))
                    sqlite3_bind_text(s, i, text->data(), static_cast<int>(text->size()),
                                      SQLITE_STATIC);
                else if (auto* b = std::get_if<std::vector<char>>(&v))
                    sqlite3_bind_blob(s, i, b->data(), static_cast<int>(b->size()), SQLITE_STATIC);
                else
                    sqlite3_bind_null(s, i);
            }
            check(sqlite3_step(s), db, t.insert);
            sqlite3_reset(s);
        }
        sqlite3_finalize(s);
    }
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    check(sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr), db, "journal");
    double t = seconds_since(t0);
    sqlite3_close(db);
    return t;
}

double replay(const fs::path& source, const fs::path& target) {
    remove_db(target);
    Store from = Store::open(source);
    Store to = Store::open(target);
    auto t0 = std::chrono::steady_clock::now();
    from.operations().replay_into(to);
    return seconds_since(t0);
}

// The replayed store and the raw one hold the source's rows, every column.
void same_rows(const fs::path& source, const fs::path& other) {
    sqlite3* db = open_raw(source);
    check(sqlite3_exec(db, ("ATTACH '" + other.string() + "' AS other").c_str(), nullptr, nullptr,
                       nullptr),
          db, "attach");
    for (const char* t : storage::state_tables()) {
        for (const std::string& q : {"SELECT count(*) FROM (SELECT * FROM main." + std::string(t) +
                                         " EXCEPT SELECT * FROM other." + t + ")",
                                     "SELECT (SELECT count(*) FROM main." + std::string(t) +
                                         ") - (SELECT count(*) FROM other." + t + ")"}) {
            sqlite3_stmt* s = nullptr;
            check(sqlite3_prepare_v2(db, q.c_str(), -1, &s, nullptr), db, q);
            check(sqlite3_step(s), db, q);
            if (sqlite3_column_int64(s, 0) != 0)
                fail("different rows in " + other.string() + ": " + q);
            sqlite3_finalize(s);
        }
    }
    sqlite3_close(db);
}

} // namespace

int main(int argc, char** argv) {
    std::size_t n_ops = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000000;
    int repeats = argc > 2 ? std::atoi(argv[2]) : 2;
    if (n_ops < 2 || repeats < 1)
        fail("usage: bench_replay [operations >= 2] [repeats >= 1]");
    fs::path dir = fs::temp_directory_path() / ("mentorkit-replay-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    double core = 1e9, raw = 1e9;
    std::int64_t total = 0;
    try {
        build_source(dir / "source.db", n_ops);
        total = Store::open(dir / "source.db").operations().count();
        std::vector<TableRows> rows = read_rows(dir / "source.db");
        for (int i = 0; i < repeats; ++i) {
            raw = std::min(raw, insert_raw(rows, dir / "raw.db"));
            core = std::min(core, replay(dir / "source.db", dir / "replayed.db"));
            if (i == 0) {
                same_rows(dir / "source.db", dir / "replayed.db");
                same_rows(dir / "source.db", dir / "raw.db");
            }
        }
    } catch (const Error& e) {
        fail(e.what());
    }
    fs::remove_all(dir);
    std::fprintf(stderr, "replay_bench: %lld operations in the log\n",
                 static_cast<long long>(total));
    std::printf("BENCH name=ops_replay value=%.4f unit=s baseline=%.4f ratio=%.3f\n", core, raw,
                core / raw);
    return 0;
}
