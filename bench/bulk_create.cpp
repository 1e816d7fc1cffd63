// Bulk creation of people and relationships through the core API, against the same rows
// inserted with the raw SQLite C API into the same schema, in the same run.
//
// Both sides write to a fresh WAL file with the same connection settings (WAL, foreign keys on,
// synchronous=FULL, 32 MiB cache), in one transaction, and end with the same rows: people (with
// their uids), expertise, relationships and the operation the core appends for each change
// (payload, audit entry, hash chain; bench/raw_log.hpp). The difference is what the API does:
// validating every request (names, levels, supervision line, style, duplicates), reading what
// that needs, and encoding and applying each change as an operation.
//
// ops_bulk_create compares the core against inserting the domain rows alone (no log): it
// prices the operations log and the validation together.
//
// Prints: BENCH name=<id> value=<seconds> unit=s baseline=<seconds> ratio=<value/baseline>

#include <mentorkit/mentorkit.hpp>

#include "raw_log.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace mentorkit;

namespace {

const char* const kAreas[] = {"research",     "teaching",   "clinical practice", "leadership",
                              "social media", "statistics", "writing",           "negotiation"};
constexpr int kFanout = 8;

struct PersonRow {
    std::string name;
    int level;
    std::optional<std::int64_t> supervisor; // 1-based row id
    std::vector<Expertise> expertise;
};

struct RelRow {
    Model model;
    std::int64_t guide, learner; // 1-based row ids
    std::string focus;
    std::optional<Style> style;
};

struct Data {
    std::vector<PersonRow> people;
    std::vector<RelRow> rels;
};

int depth_of(std::int64_t i) { // 0-based index in a kFanout-ary tree
    int d = 0;
    while (i > 0) {
        i = (i - 1) / kFanout;
        ++d;
    }
    return d;
}

bool in_chain(std::int64_t upper, std::int64_t lower) { // 0-based, tree ancestors
    while (lower > 0) {
        lower = (lower - 1) / kFanout;
        if (lower == upper)
            return true;
    }
    return false;
}

Data generate(std::size_t n_people, std::size_t n_rels) {
    std::mt19937_64 rng(42);
    Data d;
    d.people.reserve(n_people);
    for (std::size_t i = 0; i < n_people; ++i) {
        PersonRow p;
        p.name = "Person " + std::to_string(i) + " Ünal-Øster";
        p.level = 10 - std::min(depth_of(static_cast<std::int64_t>(i)), 9);
        if (i > 0)
            p.supervisor = static_cast<std::int64_t>((i - 1) / kFanout) + 1;
        std::size_t a = rng() % 8, b = (a + 1 + rng() % 7) % 8;
        p.expertise = {{kAreas[a], static_cast<int>(rng() % 5 + 1)},
                       {kAreas[b], static_cast<int>(rng() % 5 + 1)}};
        std::sort(p.expertise.begin(), p.expertise.end(),
                  [](auto& x, auto& y) { return x.area < y.area; });
        d.people.push_back(std::move(p));
    }
    auto expertise = [&](std::size_t i, const std::string& area) {
        for (auto& e : d.people[i].expertise)
            if (e.area == area)
                return e.level;
        return 0;
    };
    std::set<std::tuple<std::int64_t, std::int64_t, int, std::string>> seen;
    while (d.rels.size() < n_rels) {
        std::size_t g = rng() % n_people, l = rng() % n_people;
        if (g == l)
            continue;
        int roll = static_cast<int>(rng() % 10);
        Model model = roll < 7 ? Model::mentoring : roll < 9 ? Model::coaching : Model::supervision;
        std::string focus = kAreas[rng() % 8];
        const auto& gp = d.people[g];
        const auto& lp = d.people[l];
        std::optional<Style> style;
        if (model == Model::supervision) {
            if (gp.level <= lp.level)
                continue;
        } else {
            if (in_chain(static_cast<std::int64_t>(g), static_cast<std::int64_t>(l)) ||
                in_chain(static_cast<std::int64_t>(l), static_cast<std::int64_t>(g)))
                continue;
            if (model == Model::mentoring) {
                if (gp.level > lp.level)
                    style = Style::traditional;
                else if (gp.level == lp.level)
                    style = Style::peer;
                else if (expertise(g, focus) > expertise(l, focus))
                    style = Style::reverse;
                else
                    continue;
            }
        }
        auto key = std::make_tuple(static_cast<std::int64_t>(g), static_cast<std::int64_t>(l),
                                   static_cast<int>(model), focus);
        if (!seen.insert(key).second)
            continue;
        d.rels.push_back({model, static_cast<std::int64_t>(g) + 1, static_cast<std::int64_t>(l) + 1,
                          focus, style});
    }
    return d;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void remove_db(const fs::path& p) {
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(p.string() + suffix);
}

struct Times {
    double people = 0, rels = 0;
};

const Date kStart = make_date(2026, 1, 5);
const Date kEnd = make_date(2026, 12, 18);

Times run_core(const Data& d, const fs::path& file) {
    remove_db(file);
    Store store = Store::open(file);
    Times t;
    auto t0 = std::chrono::steady_clock::now();
    auto tx = store.begin();
    for (const PersonRow& p : d.people) {
        NewPerson np{p.name, p.level, std::nullopt, std::nullopt, std::nullopt, p.expertise};
        if (p.supervisor)
            np.supervisor = PersonId{*p.supervisor};
        store.people().create(np);
    }
    t.people = seconds_since(t0);
    auto t1 = std::chrono::steady_clock::now();
    for (const RelRow& r : d.rels) {
        NewRelationship nr;
        nr.model = r.model;
        nr.guide = PersonId{r.guide};
        nr.learner = PersonId{r.learner};
        nr.focus = r.focus;
        nr.formality = Formality::formal;
        nr.start = kStart;
        nr.end = kEnd;
        nr.proposed_by = nr.learner;
        nr.proposed_on = kStart;
        store.relationships().propose(nr);
    }
    tx.commit();
    t.rels = seconds_since(t1);
    if (store.people().count() != static_cast<std::int64_t>(d.people.size()) ||
        store.relationships().list().size() != d.rels.size()) {
        std::fprintf(stderr, "core run stored the wrong number of rows\n");
        std::exit(1);
    }
    return t;
}

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

Times run_raw(const Data& d, const fs::path& file, bool with_log) {
    remove_db(file);
    Store::open(file).close(); // the same schema, indexes and triggers as the core run
    sqlite3* db = nullptr;
    check(sqlite3_open(file.c_str(), &db), db, "open");
    // The same connection settings as a Store opened with default options.
    check(sqlite3_exec(db,
                       "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; "
                       "PRAGMA synchronous=FULL; PRAGMA cache_size=-32768; "
                       "PRAGMA temp_store=MEMORY",
                       nullptr, nullptr, nullptr),
          db, "pragmas");
    auto prep = [&](const char* sql) {
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), db, sql);
        return s;
    };
    sqlite3_stmt* ins_person = prep("INSERT INTO person (uid, name, level, supervisor_id, "
                                    "created_at, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    sqlite3_stmt* ins_exp =
        prep("INSERT INTO expertise (person_id, area, level) VALUES (?1, ?2, ?3)");
    sqlite3_stmt* ins_rel = prep(
        "INSERT INTO relationship (uid, model, guide_id, learner_id, focus, formality, style, "
        "status, start_date, end_date, proposed_by, proposed_on, guide_accepted, "
        "learner_accepted, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'formal', ?6, 'proposed', ?7, "
        "?8, ?9, ?10, 0, 1, ?11)");
    std::optional<bench::RawLog> log;
    if (with_log)
        log.emplace(db);
    const std::string start = to_string(kStart), end = to_string(kEnd);
    Times t;
    auto now_ms = [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
    std::vector<std::string> uids; // of the people, by row id - 1
    uids.reserve(d.people.size());
    // Their supervision lines ("1/3/17/", the row's denormalised chain), known here already.
    std::vector<std::string> lines;
    lines.reserve(d.people.size());
    auto t0 = std::chrono::steady_clock::now();
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    for (const PersonRow& p : d.people) {
        std::int64_t at = now_ms();
        uids.push_back(bench::new_uid(at));
        const std::string& uid = uids.back();
        sqlite3_bind_blob(ins_person, 1, uid.data(), 16, SQLITE_STATIC);
        sqlite3_bind_text(ins_person, 2, p.name.c_str(), static_cast<int>(p.name.size()),
                          SQLITE_STATIC);
        sqlite3_bind_int(ins_person, 3, p.level);
        if (p.supervisor)
            sqlite3_bind_int64(ins_person, 4, *p.supervisor);
        else
            sqlite3_bind_null(ins_person, 4);
        sqlite3_bind_int64(ins_person, 5, at);
        lines.push_back(p.supervisor ? lines[static_cast<std::size_t>(*p.supervisor - 1)] +
                                           std::to_string(*p.supervisor) + "/"
                                     : std::string());
        sqlite3_bind_text(ins_person, 6, lines.back().c_str(),
                          static_cast<int>(lines.back().size()), SQLITE_STATIC);
        check(sqlite3_step(ins_person), db, "insert person");
        sqlite3_reset(ins_person);
        sqlite3_int64 id = sqlite3_last_insert_rowid(db);
        for (const Expertise& e : p.expertise) {
            sqlite3_bind_int64(ins_exp, 1, id);
            sqlite3_bind_text(ins_exp, 2, e.area.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_int(ins_exp, 3, e.level);
            check(sqlite3_step(ins_exp), db, "insert expertise");
            sqlite3_reset(ins_exp);
        }
        if (!log)
            continue;
        // The operation the core writes: its payload names records by uid.
        bench::Entry op;
        op.at = at;
        op.kind = "person.create";
        op.payload =
            "{\"id\":\"" + bench::hex(uid) + "\",\"name\":\"" + p.name +
            "\",\"level\":" + std::to_string(p.level) +
            // Unset members are left out (ops/json.hpp): no email, phone or top supervisor.
            (p.supervisor ? ",\"supervisor\":\"" +
                                bench::hex(uids[static_cast<std::size_t>(*p.supervisor - 1)]) + "\""
                          : std::string()) +
            ",\"expertise\":[";
        for (std::size_t i = 0; i < p.expertise.size(); ++i)
            op.payload += (i ? ",[\"" : "[\"") + p.expertise[i].area + "\"," +
                          std::to_string(p.expertise[i].level) + "]";
        op.payload += "]}";
        op.action = "create";
        op.entity = "person";
        op.entity_id = id;
        op.detail = "{\"name\":\"" + p.name + "\",\"level\":" + std::to_string(p.level);
        if (p.supervisor)
            op.detail += ",\"supervisor\":" + std::to_string(*p.supervisor);
        op.detail += "}";
        log->append(op);
    }
    t.people = seconds_since(t0);
    auto t1 = std::chrono::steady_clock::now();
    for (const RelRow& r : d.rels) {
        std::int64_t at = now_ms();
        const std::string uid = bench::new_uid(at);
        std::string_view model = to_string(r.model);
        sqlite3_bind_blob(ins_rel, 1, uid.data(), 16, SQLITE_STATIC);
        sqlite3_bind_text(ins_rel, 2, model.data(), static_cast<int>(model.size()), SQLITE_STATIC);
        sqlite3_bind_int64(ins_rel, 3, r.guide);
        sqlite3_bind_int64(ins_rel, 4, r.learner);
        sqlite3_bind_text(ins_rel, 5, r.focus.c_str(), -1, SQLITE_STATIC);
        if (r.style) {
            std::string_view st = to_string(*r.style);
            sqlite3_bind_text(ins_rel, 6, st.data(), static_cast<int>(st.size()), SQLITE_STATIC);
        } else {
            sqlite3_bind_null(ins_rel, 6);
        }
        sqlite3_bind_text(ins_rel, 7, start.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_rel, 8, end.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins_rel, 9, r.learner);
        sqlite3_bind_text(ins_rel, 10, start.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins_rel, 11, at);
        check(sqlite3_step(ins_rel), db, "insert relationship");
        sqlite3_reset(ins_rel);
        if (!log)
            continue;
        const std::string& learner = uids[static_cast<std::size_t>(r.learner - 1)];
        bench::Entry op;
        op.actor_uid = learner;
        op.actor_id = r.learner;
        op.at = at;
        op.kind = "relationship.propose";
        op.payload = "{\"id\":\"" + bench::hex(uid) + "\",\"model\":\"" + std::string(model) +
                     "\",\"guide\":\"" + bench::hex(uids[static_cast<std::size_t>(r.guide - 1)]) +
                     "\",\"learner\":\"" + bench::hex(learner) + "\",\"focus\":\"" + r.focus +
                     "\",\"formality\":\"formal\",\"start\":\"" + start + "\",\"end\":\"" + end +
                     "\",\"proposed_on\":\"" + start + "\"}";
        op.action = "propose";
        op.entity = "relationship";
        op.entity_id = sqlite3_last_insert_rowid(db);
        op.detail = "{\"model\":\"" + std::string(model) +
                    "\",\"guide\":" + std::to_string(r.guide) +
                    ",\"learner\":" + std::to_string(r.learner) + ",\"focus\":\"" + r.focus +
                    "\",\"formality\":\"formal\"";
        if (r.style)
            op.detail += ",\"style\":\"" + std::string(to_string(*r.style)) + "\"";
        op.detail += "}";
        log->append(op);
    }
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    t.rels = seconds_since(t1);
    sqlite3_finalize(ins_person);
    sqlite3_finalize(ins_exp);
    sqlite3_finalize(ins_rel);
    log.reset();
    sqlite3_close(db);
    return t;
}

// Both files must hold the same rows (timestamps aside), or the comparison means nothing.
void same_rows(const fs::path& raw_file, const fs::path& core_file) {
    sqlite3* db = nullptr;
    check(sqlite3_open(core_file.c_str(), &db), db, "open");
    std::string attach = "ATTACH DATABASE '" + raw_file.string() + "' AS raw";
    check(sqlite3_exec(db, attach.c_str(), nullptr, nullptr, nullptr), db, "attach");
    const char* queries[] = {
        "SELECT count(*) FROM (SELECT id, name, level, supervisor_id, line FROM person EXCEPT "
        "SELECT id, name, level, supervisor_id, line FROM raw.person)",
        "SELECT count(*) FROM (SELECT * FROM expertise EXCEPT SELECT * FROM raw.expertise)",
        "SELECT count(*) FROM (SELECT id, model, guide_id, learner_id, focus, formality, style, "
        "status, start_date, end_date, proposed_by, proposed_on, guide_accepted, "
        "learner_accepted FROM relationship EXCEPT SELECT id, model, guide_id, learner_id, focus, "
        "formality, style, status, start_date, end_date, proposed_by, proposed_on, "
        "guide_accepted, learner_accepted FROM raw.relationship)",
        // The log: the same operations, in the same order, with the same audit entries and
        // payloads of the same length (the uids in them are random on each side).
        "SELECT count(*) FROM (SELECT seq, position, batch_size, actor_id, kind, length(payload), "
        "refused, action, entity, entity_id, detail FROM operation EXCEPT SELECT seq, position, "
        "batch_size, actor_id, kind, length(payload), refused, action, entity, entity_id, detail "
        "FROM raw.operation)",
        "SELECT (SELECT count(*) FROM operation) - (SELECT count(*) FROM raw.operation)",
    };
    for (const char* q : queries) {
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(db, q, -1, &s, nullptr), db, q);
        check(sqlite3_step(s), db, q);
        if (sqlite3_column_int64(s, 0) != 0) {
            std::fprintf(stderr, "the raw baseline wrote different rows: %s\n", q);
            std::exit(1);
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
}

void report(const char* name, double value, double baseline) {
    std::printf("BENCH name=%s value=%.4f unit=s baseline=%.4f ratio=%.3f\n", name, value, baseline,
                value / baseline);
}

} // namespace

int main(int argc, char** argv) {
    std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
    int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    fs::path dir = fs::temp_directory_path() / ("mentorkit-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    Data d = generate(n, n);
    Times best_core{1e9, 1e9}, best_raw{1e9, 1e9};
    double best_core_total = 1e9, best_raw_total = 1e9, best_data_total = 1e9;
    try {
        // Alternate the sides so that none always runs on a warmer machine.
        for (int i = 0; i < repeats; ++i) {
            Times r = run_raw(d, dir / "raw.db", true);
            Times c = run_core(d, dir / "core.db");
            if (i == 0)
                same_rows(dir / "raw.db", dir / "core.db");
            Times data = run_raw(d, dir / "data.db", false);
            best_data_total = std::min(best_data_total, data.people + data.rels);
            best_raw.people = std::min(best_raw.people, r.people);
            best_raw.rels = std::min(best_raw.rels, r.rels);
            best_core.people = std::min(best_core.people, c.people);
            best_core.rels = std::min(best_core.rels, c.rels);
            best_raw_total = std::min(best_raw_total, r.people + r.rels);
            best_core_total = std::min(best_core_total, c.people + c.rels);
        }
    } catch (const mentorkit::Error& e) {
        std::fprintf(stderr, "benchmark failed: %s\n", e.what());
        return 1;
    }
    fs::remove_all(dir);
    std::string suffix = std::to_string(n / 1000) + "k";
    report(("bulk_create_people_" + suffix).c_str(), best_core.people, best_raw.people);
    report(("bulk_create_relationships_" + suffix).c_str(), best_core.rels, best_raw.rels);
    report(("bulk_create_total_" + suffix).c_str(), best_core_total, best_raw_total);
    // The figure: the core (domain rows and their operations) against the domain rows.
    report("ops_bulk_create", best_core_total, best_data_total);
    return 0;
}
