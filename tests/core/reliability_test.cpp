// Reliability: history that raw SQL cannot rewrite (INSERT/UPDATE OR REPLACE, narrowed
// visibility, dropped or added triggers), the schema check on open and its repair, text another
// program wrote that is not UTF-8, read-only files, and transactions
// that stay atomic when a write fails (a fault-injecting VFS).

#include "fault_vfs.hpp"
#include "fixtures.hpp"
#include "raw_sqlite.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <iostream>

using namespace mentorkit;
using namespace mk_test;

namespace {

// The demo in a file: every kept table holds rows.
std::filesystem::path demo_file(const TempDir& dir, const std::string& name = "demo.mentorkit") {
    auto file = dir.file(name);
    Store store = Store::open(file);
    store.set_clock([] { return Timestamp{std::chrono::sys_days{make_date(2026, 11, 24)}}; });
    populate_demo(store, make_date(2026, 11, 24));
    // A second program, so that one program's id can collide with another's.
    store.programs().create({"Second program", "", PersonId{1}});
    return file;
}

// The tables whose rows are history (kept forever; most never change). The operations log is
// guarded by its hash chain instead (operations_test.cpp: an entry REPLACE rewrote is found).
const char* const kKeptTables[] = {
    "relationship",
    "relationship_event",
    "agreement_version",
    "agreement_signature",
    "misunderstanding",
    "goal",
    "milestone",
    "checkin",
    "goal_review",
    "goal_review_item",
    "action_item",
    "coaching_cycle",
    "note",
    "meeting",
    "agenda_item",
    "meeting_rating",
    "office_hours",
    "office_hours_booking",
    "program",
    "program_goal",
    "program_standard",
    "program_assessment",
    "program_relationship",
};

// Kept tables whose rows may change (a status, a visibility), keyed by an integer id.
const char* const kUpdatableById[] = {
    "relationship", "misunderstanding", "goal",    "action_item",  "note",
    "meeting",      "office_hours",     "program", "program_goal", "program_standard"};

int triggers(RawDb& raw) {
    return std::stoi(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"));
}

} // namespace

TEST_CASE("Raw SQL cannot rewrite history through REPLACE or by narrowing a note",
          "[reliability][tamper]") {
    TempDir dir;
    auto file = demo_file(dir);
    {
        // A note shared with the learner's board (the widest visibility), to narrow below.
        RawDb raw(file);
        raw.must("INSERT INTO note (uid, relationship_id, goal_id, author_id, kind, visibility, "
                 "on_date, body, tried, response, written_at, meeting_id) SELECT "
                 "randomblob(16), relationship_id, goal_id, author_id, kind, 'board', on_date, "
                 "body, tried, response, written_at, meeting_id FROM note LIMIT 1");
    }
    const std::string before = dump(file);
    int attempts = 0, undetected = 0;
    {
        RawDb raw(file);
        auto attempt = [&](const std::string& sql) {
            ++attempts;
            int rc = raw.exec(sql);
            INFO(sql << " -> " << raw.last_error());
            if (rc == SQLITE_OK)
                ++undetected;
            CHECK(rc != SQLITE_OK);
        };
        for (const char* table : kKeptTables) {
            std::string t = table;
            REQUIRE(raw.scalar("SELECT count(*) FROM " + t) != "0");
            // The row rewritten in place: REPLACE deletes without firing delete triggers.
            attempt("INSERT OR REPLACE INTO " + t + " SELECT * FROM " + t + " LIMIT 1");
            attempt("REPLACE INTO " + t + " SELECT * FROM " + t + " LIMIT 1");
        }
        for (const char* table : kUpdatableById) {
            std::string t = table;
            // A key moved onto another row's would delete that row.
            attempt("UPDATE OR REPLACE " + t + " SET id = (SELECT max(id) FROM " + t +
                    ") WHERE id = (SELECT min(id) FROM " + t + ")");
        }
        for (const char* table : kUpdatableById) {
            std::string t = table;
            // A new row taking another's uid would delete that row.
            std::string columns, values;
            for (const auto& c : raw.rows("SELECT name FROM pragma_table_info('" + t + "')")) {
                columns += (columns.empty() ? "" : ", ") + c[0];
                values += (values.empty() ? "" : ", ") +
                          (c[0] == "id" ? "(SELECT max(id) + 1 FROM " + t + ")" : c[0]);
            }
            attempt("INSERT OR REPLACE INTO " + t + " (" + columns + ") SELECT " + values +
                    " FROM " + t + " LIMIT 1");
        }
        // A second open relationship of the pair would replace the first one.
        attempt("INSERT OR REPLACE INTO relationship (uid, model, guide_id, learner_id, focus, "
                "formality, style, status, start_date, proposed_by, proposed_on, guide_accepted, "
                "learner_accepted, created_at) SELECT randomblob(16), model, guide_id, "
                "learner_id, focus, "
                "formality, style, 'proposed', start_date, proposed_by, proposed_on, 0, 0, 0 "
                "FROM relationship WHERE status = 'active' LIMIT 1");
        // A correction replacing the earlier correction of the same check-in.
        attempt("INSERT OR REPLACE INTO checkin (uid, goal_id, on_date, value, note, "
                "recorded_by, supersedes, recorded_at) SELECT randomblob(16), goal_id, on_date, "
                "0, NULL, recorded_by, supersedes, 0 FROM checkin WHERE supersedes IS NOT NULL "
                "LIMIT 1");
        // A program renamed onto another's name (names are unique).
        attempt("INSERT INTO program (uid, name, purpose, coordinator_id, created_at) SELECT "
                "randomblob(16), upper(name), '', coordinator_id, 0 FROM program LIMIT 1");
        // A shared note taken back.
        REQUIRE(raw.scalar("SELECT count(*) FROM note WHERE visibility <> 'private'") != "0");
        attempt("UPDATE note SET visibility = 'private' WHERE visibility <> 'private'");
        attempt("UPDATE note SET visibility = 'pair' WHERE visibility = 'board'");
        // Signed text and signature times.
        attempt("UPDATE agreement_signature SET signed_at = signed_at + 1");
        attempt("INSERT OR REPLACE INTO agreement_signature SELECT version_id, person_id, 1 FROM "
                "agreement_signature LIMIT 1");
        attempt("UPDATE OR REPLACE agreement_clause SET version_id = (SELECT version_id FROM "
                "agreement_signature LIMIT 1) WHERE version_id NOT IN (SELECT version_id FROM "
                "agreement_signature)");
    }
    std::cout << "RELIABILITY tamper_attempts=" << attempts << " undetected=" << undetected << "\n";
    CHECK(undetected == 0);
    CHECK(dump(file) == before);
    Store reopened = Store::open(file);
    CHECK(reopened.people().count() == 28);
}

TEST_CASE("A store whose triggers were dropped, added or altered is refused until repaired",
          "[reliability][tamper]") {
    TempDir dir;
    auto file = demo_file(dir);
    int total = 0;
    {
        RawDb raw(file);
        total = triggers(raw);
    }
    CHECK(total >= 44);

    SECTION("every trigger dropped: refused, then repaired") {
        {
            RawDb raw(file);
            for (const auto& row :
                 raw.rows("SELECT name FROM sqlite_schema WHERE type = 'trigger'"))
                raw.must("DROP TRIGGER \"" + row[0] + "\"");
            CHECK(triggers(raw) == 0);
        }
        try {
            Store::open(file);
            FAIL("a store without its triggers opened");
        } catch (const StorageError& e) {
            CHECK(e.code() == ErrorCode::tampered);
            CHECK_THAT(e.what(), Catch::Contains("missing: trigger"));
            CHECK_THAT(e.what(), Catch::Contains("mentorkit repair"));
        }
        RepairReport report = Store::repair(file);
        CHECK(report.actions.size() == static_cast<std::size_t>(total));
        {
            RawDb raw(file);
            CHECK(triggers(raw) == total);
            CHECK(raw.scalar("SELECT count(*) FROM audit_log WHERE action = 'repair'") == "1");
        }
        Store store = Store::open(file);
        CHECK(store.people().count() == 28);
        CHECK(Store::repair(file).actions.empty()); // nothing left to do
    }
    SECTION("one trigger altered to let updates through") {
        {
            RawDb raw(file);
            raw.must("DROP TRIGGER operation_no_update");
            raw.must("CREATE TRIGGER operation_no_update BEFORE UPDATE ON operation WHEN 0 "
                     "BEGIN SELECT RAISE(ABORT, 'no'); END");
        }
        REQUIRE_ERROR(StorageError, ErrorCode::tampered, Store::open(file));
        auto report = Store::repair(file);
        REQUIRE(report.actions.size() == 2);
        CHECK(report.actions[0] == "removed trigger operation_no_update");
        CHECK(report.actions[1] == "restored trigger operation_no_update");
        RawDb raw(file);
        CHECK(raw.exec("UPDATE operation SET detail = '{}'") != SQLITE_OK);
    }
    SECTION("a trigger that is not mentorkit's (copying notes elsewhere)") {
        {
            RawDb raw(file);
            raw.must("CREATE TRIGGER spy AFTER INSERT ON note BEGIN SELECT 1; END");
        }
        REQUIRE_ERROR(StorageError, ErrorCode::tampered, Store::open(file));
        auto report = Store::repair(file);
        REQUIRE(report.actions.size() == 1);
        CHECK(report.actions[0] == "removed trigger spy");
        CHECK_NOTHROW(Store::open(file));
    }
    SECTION("an altered table cannot be repaired") {
        {
            RawDb raw(file);
            raw.must("ALTER TABLE person ADD COLUMN secret TEXT");
        }
        REQUIRE_ERROR(StorageError, ErrorCode::tampered, Store::open(file));
        REQUIRE_ERROR(StorageError, ErrorCode::tampered, Store::repair(file));
    }
    SECTION("statistics from ANALYZE are not tampering") {
        {
            RawDb raw(file);
            raw.must("ANALYZE");
        }
        CHECK_NOTHROW(Store::open(file));
    }
}

TEST_CASE("Text another program wrote that is not UTF-8 is a typed error", "[reliability][text]") {
    TempDir dir;
    auto file = dir.file("foreign-text.mentorkit");
    PersonId ada{};
    {
        World w(Store::open(file));
        ada = w.person("Ada", 2);
        w.person("Grace", 3);
    }
    {
        RawDb db(file);
        db.must("UPDATE person SET name = CAST(X'416461FF' AS TEXT) WHERE id = " +
                std::to_string(raw(ada)));
    }
    Store store = Store::open(file);
    try {
        store.people().get(ada);
        FAIL("invalid UTF-8 was returned as text");
    } catch (const StorageError& e) {
        CHECK(e.code() == ErrorCode::corrupt);
        CHECK_THAT(e.what(), Catch::Contains("not UTF-8"));
        CHECK_THAT(e.what(), Catch::Contains("'name'"));
    }
    REQUIRE_ERROR(StorageError, ErrorCode::corrupt, store.people().list());
    // Writing the value again through mentorkit mends it.
    store.people().rename(ada, "Ada Lovelace");
    CHECK(store.people().get(ada).name == "Ada Lovelace");
}

TEST_CASE("Every error message is valid UTF-8, even when it quotes foreign bytes",
          "[reliability][text]") {
    Error e(ErrorCode::storage, std::string("bad \xFF\xFE bytes \xE2\x82"));
    std::string what = e.what();
    CHECK(what == "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes \xEF\xBF\xBD\xEF\xBF\xBD");
    StorageError kept("caf\xC3\xA9 \xE6\x97\xA5", ErrorCode::storage);
    CHECK(std::string(kept.what()) == "caf\xC3\xA9 \xE6\x97\xA5");
}

TEST_CASE("A read-only file is refused before anything is read, and nothing is left beside it",
          "[reliability][files]") {
    TempDir dir;
    auto file = dir.file("archived.mentorkit");
    {
        World w(Store::open(file));
        w.person("Ada", 2);
    }
    REQUIRE_FALSE(std::filesystem::exists(file.string() + "-wal"));
    std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
    REQUIRE(::chmod(file.c_str(), 0444) == 0);
    // Root may write any file; the refusal is checked as an ordinary user.
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
            ::_exit(3);
        try {
            Store::open(file);
        } catch (const StorageError& e) {
            bool ok = e.code() == ErrorCode::read_only &&
                      std::string(e.what()).find("read-only") != std::string::npos;
            ::_exit(ok ? 0 : 2);
        } catch (...) {
            ::_exit(4);
        }
        ::_exit(1); // opened
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK_FALSE(std::filesystem::exists(file.string() + "-wal"));
    CHECK_FALSE(std::filesystem::exists(file.string() + "-shm"));
}

TEST_CASE("A transaction stays atomic after SQLite rolls it back on a full disk",
          "[reliability][faults]") {
    FaultVfs::install();
    TempDir dir;
    auto file = dir.file("full.mentorkit");
    StoreOptions options;
    options.vfs = FaultVfs::name;
    options.cache_mib = 1; // the transaction spills pages to the WAL long before its commit
    Store store = Store::open(file, options);
    NewPerson before;
    before.name = "Before";
    store.people().create(before);
    {
        auto tx = store.begin();
        FaultVfs::arm(FaultVfs::Op::write, 1, SQLITE_FULL, true);
        bool failed = false;
        for (int i = 0; i < 20000 && !failed; ++i) {
            NewPerson p;
            p.name = "Bulk " + std::to_string(i) + std::string(300, '.');
            try {
                store.people().create(p);
            } catch (const StorageError& e) {
                CHECK(e.sqlite_code() == SQLITE_FULL);
                failed = true;
            }
        }
        REQUIRE(failed);
        REQUIRE(FaultVfs::fired());
        FaultVfs::disarm();
        // Every later call and the commit refuse: nothing commits on its own.
        NewPerson after;
        after.name = "After";
        REQUIRE_ERROR(StorageError, ErrorCode::transaction_aborted, store.people().create(after));
        REQUIRE_ERROR(StorageError, ErrorCode::transaction_aborted, tx.commit());
    }
    CHECK(store.people().count() == 1);
    NewPerson later;
    later.name = "Later";
    store.people().create(later); // the store works again once the transaction is gone
    store.close();
    RawDb raw(file);
    CHECK(raw.scalar("PRAGMA integrity_check") == "ok");
    CHECK(raw.scalar("SELECT group_concat(name, ',') FROM person") == "Before,Later");
}
