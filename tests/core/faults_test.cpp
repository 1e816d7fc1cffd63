// Disk faults, in the style of SQLite's own I/O-error loops: a whole scenario (open, create a
// person, sign, check in, a bulk transaction; and a migration from an old file) runs once for
// every write, fsync and read it makes, with exactly that call failing (SQLITE_FULL, or an
// IOERR code), and once with the disk staying full. After every fault the file reopens, passes
// integrity_check, keeps its protections, and holds each change wholly or not at all: its content
// equals the state before the failed step or after it, never anything in between.

#include "fault_vfs.hpp"
#include "fixtures.hpp"
#include "raw_sqlite.hpp"

#include <functional>
#include <iostream>
#include <span>

using namespace mentorkit;
using namespace mk_test;

namespace {

struct Ids {
    PersonId guide{}, learner{};
    RelationshipId rel{};
    GoalId goal{};
};

const Date kToday = default_start() + std::chrono::days{20};

void set_clock(Store& store) {
    store.set_clock(
        [] { return Timestamp{std::chrono::sys_days{kToday}} + std::chrono::hours{9}; });
}

// A store with a mentoring pair and an active measurable goal.
Ids make_base(const std::filesystem::path& file) {
    World w(Store::open(file), kToday);
    Ids ids;
    ids.guide = w.person("Guide", 4, {{"research", 4}});
    ids.learner = w.person("Learner", 2, {{"research", 1}});
    ids.rel = w.active(Model::mentoring, ids.guide, ids.learner);
    ids.goal = w.store.goals().create(
        measurable_goal(ids.rel, ids.learner, 0, 10, {}, default_start() + std::chrono::days{1}));
    w.store.goals().activate(ids.goal, ids.learner, default_start() + std::chrono::days{1});
    return ids;
}

using Step = std::function<void(Store&)>;

std::vector<Step> steps(const Ids& ids) {
    return {
        [](Store& s) {
            NewPerson p;
            p.name = "Step one";
            p.level = 1;
            s.people().create(p);
        },
        [ids](Store& s) { s.agreements().sign(ids.rel, 1, ids.learner); },
        [ids](Store& s) { s.goals().check_in(ids.goal, ids.learner, kToday, 3.0, "progress"); },
        [](Store& s) {
            auto tx = s.begin();
            for (int i = 0; i < 30; ++i) {
                NewPerson p;
                p.name = "Bulk " + std::to_string(i);
                s.people().create(p);
            }
            tx.commit();
        },
    };
}

StoreOptions faulty() {
    StoreOptions o;
    o.vfs = FaultVfs::name;
    o.cache_mib = 1;
    return o;
}

// Runs the scenario on `file`; returns how many steps completed (-1: the open failed).
int run(const std::filesystem::path& file, const std::vector<Step>& scenario,
        std::vector<std::string>* snapshots = nullptr) {
    int done = -1;
    try {
        Store store = Store::open(file, faulty());
        set_clock(store);
        done = 0;
        for (const Step& step : scenario) {
            step(store);
            ++done;
            if (snapshots)
                snapshots->push_back(dump(file));
        }
    } catch (const Error&) {
        // The fault surfaced as a mentorkit error; what matters is the file afterwards.
    }
    return done;
}

// The file after a fault: it is intact, equals one of the allowed states, and opens as a store
// (which checks its protections, and finishes a migration).
void check_after_fault(const std::filesystem::path& file, const std::vector<std::string>& allowed,
                       const std::string& what) {
    INFO(what);
    {
        RawDb raw(file); // read-write: recovers the WAL as any later open would
        CHECK(raw.scalar("PRAGMA integrity_check") == "ok");
    }
    std::string now = dump(file, SQLITE_OPEN_READWRITE);
    bool matches = false;
    for (const std::string& a : allowed)
        matches = matches || now == a;
    CHECK(matches);
    CHECK_NOTHROW(Store::open(file));
}

struct Kind {
    FaultVfs::Op op;
    int code;
    bool persistent;
    const char* name;
};
const Kind kKinds[] = {
    {FaultVfs::Op::write, SQLITE_FULL, false, "write: disk full"},
    {FaultVfs::Op::write, SQLITE_FULL, true, "write: disk stays full"},
    {FaultVfs::Op::write, SQLITE_IOERR_WRITE, false, "write: I/O error"},
    {FaultVfs::Op::sync, SQLITE_IOERR_FSYNC, false, "fsync: I/O error"},
    {FaultVfs::Op::read, SQLITE_IOERR_READ, false, "read: I/O error"},
};

// Makes `file` a fresh copy of `base`, with no WAL, index or journal of an earlier run.
void fresh_copy(const std::filesystem::path& base, const std::filesystem::path& file) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(file.string() + suffix);
    std::filesystem::copy_file(base, file);
}

// Runs `attempt` once for every call of each kind (of `kinds`) that a clean run made (`calls`:
// writes, fsyncs, reads; reads only when `reads`), with exactly that call failing, and `check`
// after each run in which the fault fired (a run may make fewer calls than the clean one). Returns
// how many fired.
int inject_each(const int (&calls)[3], bool reads, const std::function<void()>& attempt,
                const std::function<void(const std::string& what)>& check,
                std::span<const Kind> kinds = kKinds) {
    int injected = 0;
    for (const Kind& kind : kinds) {
        if (kind.op == FaultVfs::Op::read && !reads)
            continue;
        const int total = calls[static_cast<int>(kind.op)];
        for (int nth = 1; nth <= total; ++nth) {
            FaultVfs::arm(kind.op, nth, kind.code, kind.persistent);
            attempt();
            const bool fired = FaultVfs::fired();
            FaultVfs::disarm();
            if (!fired)
                continue;
            ++injected;
            check(std::string(kind.name) + ", call " + std::to_string(nth));
        }
    }
    return injected;
}

// How many writes, fsyncs and reads `clean_run` makes.
void count_calls(const std::function<void()>& clean_run, int (&calls)[3]) {
    FaultVfs::disarm();
    FaultVfs::reset_counts();
    clean_run();
    calls[0] = FaultVfs::count(FaultVfs::Op::write);
    calls[1] = FaultVfs::count(FaultVfs::Op::sync);
    calls[2] = FaultVfs::count(FaultVfs::Op::read);
}

} // namespace

TEST_CASE("Every injected write, fsync and read fault leaves each change whole or absent",
          "[reliability][faults]") {
    FaultVfs::install();
    TempDir dir;
    auto base = dir.file("base.mentorkit");
    Ids ids = make_base(base);
    auto scenario = steps(ids);

    // A clean run gives the allowed states and how many calls of each kind there are.
    auto clean = dir.file("clean.mentorkit");
    std::filesystem::copy_file(base, clean);
    std::vector<std::string> states{dump(clean)};
    int calls[3];
    count_calls(
        [&] { REQUIRE(run(clean, scenario, &states) == static_cast<int>(scenario.size())); },
        calls);
    REQUIRE(calls[0] > 10);
    REQUIRE(calls[1] > 3);
    REQUIRE(calls[2] > 3);

    auto file = dir.file("run.mentorkit");
    int done = -1;
    int injected = inject_each(
        calls, true,
        [&] {
            fresh_copy(base, file);
            done = run(file, scenario);
        },
        [&](const std::string& what) {
            // Before the step that failed, or after it if its commit reached the disk first.
            std::vector<std::string> allowed;
            std::size_t at = static_cast<std::size_t>(std::max(done, 0));
            allowed.push_back(states[at]);
            if (at + 1 < states.size())
                allowed.push_back(states[at + 1]);
            check_after_fault(file, allowed, what + ", steps done " + std::to_string(done));
        });
    std::cout << "RELIABILITY faults_injected=" << injected << " (writes " << calls[0]
              << ", fsyncs " << calls[1] << ", reads " << calls[2] << " per clean run)\n";
    CHECK(injected >= calls[0]);
}

namespace {

// From v7 to the latest version with the fault of `kind` at each write or fsync in turn.
void migration_sweep(const Kind& kind) {
    FaultVfs::install();
    TempDir dir;
    // From v7: the step to v8 (the operations log, a uid on every record, the history as
    // operations) is the largest transaction a migration makes; v9 follows it.
    auto fixture = std::filesystem::path(MENTORKIT_FIXTURES) / "schema-v7.mentorkit";
    REQUIRE(std::filesystem::exists(fixture));
    auto base = dir.file("old.mentorkit");
    std::filesystem::copy_file(fixture, base);
    const std::string old_state = dump(base);

    auto clean = dir.file("clean.mentorkit");
    std::filesystem::copy_file(base, clean);
    int calls[3];
    count_calls([&] { Store s = Store::open(clean, faulty()); }, calls);
    const std::string migrated = dump(clean);
    REQUIRE(migrated != old_state);
    // Between the two steps the file is at v8: the migrated file without what v9 adds (the key
    // tables; a shared file gains no rows at v9).
    auto at_v8_file = dir.file("v8.mentorkit");
    std::filesystem::copy_file(clean, at_v8_file);
    {
        RawDb raw(at_v8_file);
        raw.must("DROP TABLE person_key; DROP TABLE key_revocation; PRAGMA user_version = 8");
    }
    const std::string at_v8 = dump(at_v8_file);

    auto file = dir.file("run.mentorkit");
    int injected = inject_each(
        calls, false,
        [&] {
            fresh_copy(base, file);
            try {
                Store s = Store::open(file, faulty());
            } catch (const Error&) {
            }
        },
        [&](const std::string& what) {
            // Each migration step is one transaction: the file is at v7, v8 or the latest
            // version, and opening it again finishes the job.
            check_after_fault(file, {old_state, at_v8, migrated}, what);
            CHECK(dump(file) == migrated);
        },
        std::span<const Kind>(&kind, 1));
    std::cout << "RELIABILITY migration_faults_injected=" << injected << " (" << kind.name
              << "; writes " << calls[0] << ", fsyncs " << calls[1] << " per clean migration)\n";
    CHECK(injected > 0);
}

} // namespace

// The longest sweep by far (every write and fsync of migrating the v7 demo, each failing, both
// migrations run again after each): one test case per kind of fault, so that CTest runs them
// side by side.
TEST_CASE("A migration interrupted by a full disk leaves the old file openable and whole",
          "[reliability][faults][migration]") {
    migration_sweep(kKinds[0]); // write: disk full
}

TEST_CASE(
    "A migration interrupted while the disk stays full leaves the old file openable and whole",
    "[reliability][faults][migration]") {
    migration_sweep(kKinds[1]); // write: disk stays full
}

TEST_CASE("A migration interrupted by a write I/O error leaves the old file openable and whole",
          "[reliability][faults][migration]") {
    migration_sweep(kKinds[2]); // write: I/O error
}

TEST_CASE("A migration interrupted by an fsync I/O error leaves the old file openable and whole",
          "[reliability][faults][migration]") {
    migration_sweep(kKinds[3]); // fsync: I/O error
}

TEST_CASE("A replay interrupted by a disk fault leaves the new file empty or whole",
          "[reliability][faults][operations]") {
    // A replay into an empty file writes through a rollback journal (db::BulkLoad): a fault at
    // any write or fsync of it leaves the target as it was (empty) or fully rebuilt, and the
    // next open finds it in WAL again.
    FaultVfs::install();
    TempDir dir;
    auto source = dir.file("source.mentorkit");
    Ids ids = make_base(source);
    REQUIRE(run(source, steps(ids)) == static_cast<int>(steps(ids).size()));
    auto empty = dir.file("empty.mentorkit");
    Store::open(empty).close();
    const std::string before = dump(empty);

    auto replay = [&](const std::filesystem::path& target) {
        Store from = Store::open(source);
        Store to = Store::open(target, faulty());
        from.operations().replay_into(to);
    };
    auto clean = dir.file("clean.mentorkit");
    fresh_copy(empty, clean);
    int calls[3];
    count_calls([&] { replay(clean); }, calls);
    const std::string after = dump(clean);
    REQUIRE(after != before);
    REQUIRE(calls[0] > 10);
    REQUIRE(calls[1] > 2);

    auto file = dir.file("run.mentorkit");
    int injected = inject_each(
        calls, false,
        [&] {
            fresh_copy(empty, file);
            try {
                replay(file);
            } catch (const Error&) {
            }
        },
        [&](const std::string& what) {
            check_after_fault(file, {before, after}, what);
            INFO(what);
            CHECK(RawDb(file).scalar("PRAGMA journal_mode") == "wal");
        });
    std::cout << "RELIABILITY replay_faults_injected=" << injected << " (writes " << calls[0]
              << ", fsyncs " << calls[1] << " per clean replay)\n";
    CHECK(injected >= calls[0]);
}

TEST_CASE("A batch put at its place under a disk fault leaves the store before or after it",
          "[reliability][faults][operations]") {
    // A batch older than the log's newest entries makes the state again in one transaction
    // (tables dropped and made again, the log's tail taken off and appended again): a fault at
    // any write or fsync leaves the store as it was or with the batch at its place.
    FaultVfs::install();
    TempDir dir;
    auto base = dir.file("base.mentorkit");
    Ids ids = make_base(base);
    REQUIRE(run(base, steps(ids)) == static_cast<int>(steps(ids).size()));
    const std::string before = dump(base);
    // A device whose clock was years behind: its batch comes before every entry of the base.
    World early(Store::open_memory(), make_date(2001, 1, 1));
    early.person("Early Bird", 2);
    std::vector<std::vector<Operation>> late;
    for (const Operation& o : early.store.operations().list())
        late.push_back({o});

    auto put = [&](const std::filesystem::path& target) {
        Store to = Store::open(target, faulty());
        to.operations().apply_all(late);
    };
    auto clean = dir.file("clean.mentorkit");
    fresh_copy(base, clean);
    int calls[3];
    count_calls([&] { put(clean); }, calls);
    const std::string after = dump(clean);
    REQUIRE(after != before);
    REQUIRE(Store::verify(clean).ok());
    REQUIRE(calls[0] > 10);

    auto file = dir.file("run.mentorkit");
    int injected = inject_each(
        calls, false,
        [&] {
            fresh_copy(base, file);
            try {
                put(file);
            } catch (const Error&) {
            }
        },
        [&](const std::string& what) {
            check_after_fault(file, {before, after}, what);
        });
    std::cout << "RELIABILITY rewind_faults_injected=" << injected << " (writes " << calls[0]
              << ", fsyncs " << calls[1] << " per clean rewind)\n";
    CHECK(injected >= calls[0]);
}
