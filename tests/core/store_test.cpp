// The Store: opening, persistence, migrations, refusal of foreign and newer files, closing,
// caller transactions, atomicity of multi-row changes, the audit log, dates and error codes.

#include "fixtures.hpp"
#include "raw_sqlite.hpp"

#include <system_error>

using namespace mentorkit;
using namespace mk_test;

namespace {

NewPerson new_person(const std::string& name, int level, std::vector<Expertise> expertise = {}) {
    NewPerson p;
    p.name = name;
    p.level = level;
    p.expertise = std::move(expertise);
    return p;
}

// Pseudo-random bytes that do not start with the SQLite header.
std::string random_bytes(std::size_t n) {
    std::mt19937 gen(12345);
    std::string bytes(n, '\0');
    for (auto& b : bytes)
        b = static_cast<char>(gen() & 0xFF);
    bytes[0] = 'X';
    return bytes;
}

} // namespace

TEST_CASE("A store opens in memory and on a file", "[store]") {
    SECTION("in memory") {
        Store s = Store::open_memory();
        REQUIRE(s.is_open());
        CHECK(s.path().empty());
        CHECK(s.people().count() == 0);
        CHECK(s.audit().total() == 0);
        auto id = s.people().create(new_person("Ada", 2));
        CHECK(s.people().get(id).name == "Ada");
        CHECK(s.people().count() == 1);
    }
    SECTION("two in-memory stores are independent") {
        Store a = Store::open_memory();
        Store b = Store::open_memory();
        a.people().create(new_person("Ada", 2));
        CHECK(a.people().count() == 1);
        CHECK(b.people().count() == 0);
    }
    SECTION("on a file that does not exist yet") {
        TempDir dir;
        auto file = dir.file("new.mentorkit");
        REQUIRE_FALSE(std::filesystem::exists(file));
        Store s = Store::open(file);
        CHECK(std::filesystem::exists(file));
        CHECK(s.is_open());
        CHECK(s.path() == file);
        CHECK(s.people().count() == 0);
    }
    SECTION("an empty path is refused") {
        REQUIRE_THROWS_AS(Store::open(std::filesystem::path{}), InvalidArgument);
    }
}

TEST_CASE("A file store keeps everything across close and reopen", "[store]") {
    TempDir dir;
    auto file = dir.file("persist.mentorkit");
    PersonId boss{}, ada{}, bob{};
    RelationshipId rel{};
    {
        World w(Store::open(file));
        boss = w.person("Boss", 5);
        ada = w.person("Ada Lovelace", 3, {{"research", 4}, {"writing", 2}}, boss);
        bob = w.person("Bob", 1, {{"research", 1}});
        w.people().set_contact(ada, std::string("ada@example.org"), std::nullopt);
        rel = w.active(Model::mentoring, ada, bob);
        w.rels().pause(rel, bob, make_date(2024, 2, 1), "holiday");
        w.store.close();
    }
    World w(Store::open(file));
    REQUIRE(w.people().count() == 3);
    auto a = w.people().get(ada);
    CHECK(a.name == "Ada Lovelace");
    CHECK(a.level == 3);
    CHECK(a.supervisor == boss);
    CHECK(a.email == std::optional<std::string>("ada@example.org"));
    CHECK_FALSE(a.phone.has_value());
    REQUIRE(a.expertise.size() == 2);
    CHECK(a.expertise_in("research") == 4);
    CHECK(a.expertise_in("writing") == 2);
    auto r = w.rels().get(rel);
    CHECK(r.status == Status::paused);
    CHECK(r.guide == ada);
    CHECK(r.learner == bob);
    CHECK(r.style == Style::traditional);
    CHECK(r.start == default_start());
    auto h = w.rels().history(rel);
    REQUIRE(h.size() == 3);
    CHECK(h[2].kind == EventKind::paused);
    CHECK(h[2].reason == std::optional<std::string>("holiday"));
    CHECK(w.audit().total() > 0);
    // And new writes still work after reopening.
    auto c = w.person("Cleo", 2);
    CHECK(w.people().get(c).name == "Cleo");
}

TEST_CASE("A file store uses WAL, enforces foreign keys and stamps its schema", "[store]") {
    TempDir dir;
    auto file = dir.file("wal.mentorkit");
    {
        World w(Store::open(file));
        auto a = w.person("A", 3, {{"research", 3}});
        auto b = w.person("B", 1, {}, a);
        auto c = w.person("C", 1);
        w.active(Model::mentoring, a, c);
        (void)b;
        RawDb raw(file);
        CHECK(raw.scalar("PRAGMA journal_mode") == "wal");
        CHECK(raw.scalar("PRAGMA user_version") == std::to_string(Store::schema_version));
        CHECK(raw.scalar("PRAGMA application_id") == std::to_string(Store::application_id));
        // Every reference the store wrote is valid.
        CHECK(raw.rows("PRAGMA foreign_key_check").empty());
        CHECK(raw.scalar("PRAGMA integrity_check") == "ok");
    }
    SECTION("the WAL mode survives reopening") {
        Store s = Store::open(file);
        RawDb raw(file);
        CHECK(raw.scalar("PRAGMA journal_mode") == "wal");
    }
    SECTION("the store's connection enforces foreign keys") {
        // A dangling supervisor reference written through raw SQL with foreign keys enabled is
        // refused, i.e. the schema declares the references the store relies on.
        RawDb raw(file);
        raw.must("PRAGMA foreign_keys = ON");
        CHECK(raw.exec("UPDATE person SET supervisor_id = 999999") != SQLITE_OK);
    }
    SECTION("tables are STRICT") {
        RawDb raw(file);
        auto rows = raw.rows("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' "
                             "AND type = 'table' AND name NOT LIKE 'sqlite_%'");
        REQUIRE_FALSE(rows.empty());
        for (const auto& r : rows) {
            INFO("table " << r[0]);
            CHECK(r[1] == "1");
        }
    }
}

TEST_CASE("Opening an empty file runs the migrations", "[store][migration]") {
    TempDir dir;
    auto file = dir.file("empty.mentorkit");
    write_bytes(file, "");
    REQUIRE(std::filesystem::file_size(file) == 0);
    {
        Store s = Store::open(file);
        CHECK(s.people().count() == 0);
        s.people().create(new_person("First", 1));
    }
    RawDb raw(file);
    CHECK(raw.scalar("PRAGMA user_version") == std::to_string(Store::schema_version));
    CHECK(raw.scalar("PRAGMA application_id") == std::to_string(Store::application_id));
    CHECK(Store::schema_version >= 1);
    CHECK(Store::application_id == 0x4D4B4954);
    CHECK(raw.scalar("SELECT count(*) FROM person") == "1");

    SECTION("reopening an up-to-date file changes nothing") {
        auto before = dump(file);
        { Store s = Store::open(file); }
        CHECK(dump(file) == before);
    }
}

TEST_CASE("Foreign files are refused and left untouched", "[store][migration]") {
    TempDir dir;

    SECTION("a file that is not SQLite at all") {
        auto file = dir.file("random.bin");
        auto bytes = random_bytes(8192);
        write_bytes(file, bytes);
        REQUIRE_ERROR(StorageError, ErrorCode::not_a_database, Store::open(file));
        CHECK(read_bytes(file) == bytes);
    }
    SECTION("a text file") {
        auto file = dir.file("notes.txt");
        std::string bytes = "These are my notes, not a database.\n";
        write_bytes(file, bytes);
        REQUIRE_ERROR(StorageError, ErrorCode::not_a_database, Store::open(file));
        CHECK(read_bytes(file) == bytes);
    }
    SECTION("an SQLite database of some other application") {
        auto file = dir.file("other.db");
        {
            RawDb raw(file);
            raw.must("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)");
            raw.must("INSERT INTO invoices (amount) VALUES (12.5), (99.0)");
        }
        auto bytes = read_bytes(file);
        REQUIRE_FALSE(bytes.empty());
        REQUIRE_ERROR(StorageError, ErrorCode::not_a_database, Store::open(file));
        CHECK(read_bytes(file) == bytes);
        RawDb raw(file);
        CHECK(raw.scalar("SELECT count(*) FROM invoices") == "2");
        CHECK(raw.scalar("PRAGMA user_version") == "0");
        CHECK(raw.scalar("PRAGMA journal_mode") != "wal");
    }
    SECTION("an empty SQLite database of another application (foreign application_id)") {
        auto file = dir.file("other-app.db");
        {
            RawDb raw(file);
            raw.must("PRAGMA application_id = 1234");
        }
        auto bytes = read_bytes(file);
        REQUIRE_ERROR(StorageError, ErrorCode::not_a_database, Store::open(file));
        CHECK(read_bytes(file) == bytes);
    }
}

TEST_CASE("A file written by a newer mentorkit is refused and left untouched",
          "[store][migration]") {
    TempDir dir;
    auto file = dir.file("newer.mentorkit");

    SECTION("a real mentorkit file whose user_version is newer") {
        {
            Store s = Store::open(file);
            s.people().create(new_person("Ada", 1));
        }
        {
            RawDb raw(file);
            raw.must("PRAGMA user_version = " + std::to_string(Store::schema_version + 1));
        }
        auto bytes = read_bytes(file);
        REQUIRE_ERROR(StorageError, ErrorCode::schema_too_new, Store::open(file));
        CHECK(read_bytes(file) == bytes);
    }
    SECTION("a crafted file with mentorkit's application_id and a future version") {
        {
            RawDb raw(file);
            raw.must("CREATE TABLE future_things (id INTEGER PRIMARY KEY)");
            raw.must("PRAGMA application_id = " + std::to_string(Store::application_id));
            raw.must("PRAGMA user_version = " + std::to_string(Store::schema_version + 7));
        }
        auto bytes = read_bytes(file);
        REQUIRE_ERROR(StorageError, ErrorCode::schema_too_new, Store::open(file));
        CHECK(read_bytes(file) == bytes);
    }
}

TEST_CASE("A closed store refuses every call", "[store]") {
    Store s = Store::open_memory();
    auto id = s.people().create(new_person("Ada", 1));
    s.close();
    CHECK_FALSE(s.is_open());
    REQUIRE_ERROR(StorageError, ErrorCode::closed, s.people().count());
    REQUIRE_ERROR(StorageError, ErrorCode::closed, s.people().get(id));
    REQUIRE_ERROR(StorageError, ErrorCode::closed, s.people().create(new_person("Bob", 1)));
    REQUIRE_ERROR(StorageError, ErrorCode::closed, s.relationships().list());
    REQUIRE_ERROR(StorageError, ErrorCode::closed, s.audit().total());
    REQUIRE_ERROR(StorageError, ErrorCode::closed, s.begin());

    SECTION("a transaction begun before close can no longer commit") {
        Store t = Store::open_memory();
        {
            auto tx = t.begin();
            t.people().create(new_person("Pending", 1));
            t.close();
            REQUIRE_ERROR(StorageError, ErrorCode::closed, tx.commit());
        } // and its destructor must not touch the closed connection
        CHECK_FALSE(t.is_open());
    }
    SECTION("closing twice is harmless") {
        s.close();
        CHECK_FALSE(s.is_open());
    }
}

TEST_CASE("Store transactions are all-or-nothing", "[store][transaction]") {
    World w;
    auto base = w.person("Base", 1);
    (void)base;
    auto people_before = w.people().count();
    auto audit_before = w.audit().total();

    SECTION("destroyed without commit: nothing stays") {
        {
            auto tx = w.store.begin();
            w.person("Ghost", 1);
            w.person("Phantom", 2);
            CHECK(w.people().count() == people_before + 2);
        }
        CHECK(w.people().count() == people_before);
        CHECK(w.audit().total() == audit_before);
    }
    SECTION("committed: everything stays") {
        PersonId a{}, b{};
        {
            auto tx = w.store.begin();
            a = w.person("Real", 1);
            b = w.person("Also real", 2);
            tx.commit();
        }
        CHECK(w.people().count() == people_before + 2);
        CHECK(w.people().get(a).name == "Real");
        CHECK(w.people().get(b).name == "Also real");
        CHECK(w.audit().total() == audit_before + 2);
    }
    SECTION("a failing call inside a transaction leaves only its own changes out") {
        PersonId a{};
        {
            auto tx = w.store.begin();
            a = w.person("Kept", 1);
            REQUIRE_THROWS_AS(w.person("Broken", 1, {{"research", 3}, {"teaching", 9}}),
                              InvalidArgument);
            CHECK(w.people().count() == people_before + 1);
            tx.commit();
        }
        CHECK(w.people().count() == people_before + 1);
        CHECK(w.people().get(a).name == "Kept");
        CHECK(w.audit().total() == audit_before + 1);
        for (const auto& p : w.people().list())
            CHECK(p.name != "Broken");
    }
    SECTION("a failing call inside a transaction that is then dropped leaves nothing") {
        {
            auto tx = w.store.begin();
            w.person("Temp", 1);
            REQUIRE_THROWS_AS(w.person("   ", 1), InvalidArgument);
        }
        CHECK(w.people().count() == people_before);
        CHECK(w.audit().total() == audit_before);
    }
    SECTION("an uncommitted inner transaction is never half-kept") {
        // store.hpp says both "nested transactions become savepoints" (begin) and "only one
        // Transaction can be open per store at a time" (Transaction). Either reading is
        // acceptable here: the inner work is rolled back alone (savepoint) or the outer commit is
        // refused with transaction_aborted and nothing is kept. Keeping the inner work is not.
        bool outer_committed = false;
        {
            auto outer = w.store.begin();
            w.person("Outer", 1);
            {
                auto inner = w.store.begin();
                w.person("Inner", 1);
            }
            try {
                outer.commit();
                outer_committed = true;
            } catch (const StorageError& e) {
                CHECK(e.code() == ErrorCode::transaction_aborted);
            }
        }
        for (const auto& p : w.people().list())
            CHECK(p.name != "Inner");
        CHECK(w.people().count() == people_before + (outer_committed ? 1 : 0));
    }
    SECTION("a moved transaction still rolls back once") {
        {
            auto tx = w.store.begin();
            auto moved = std::move(tx);
            w.person("Moved", 1);
        }
        CHECK(w.people().count() == people_before);
    }
}

TEST_CASE("A failed multi-row change leaves the database exactly as before", "[store][atomic]") {
    TempDir dir;
    auto file = dir.file("atomic.mentorkit");
    World w(Store::open(file));
    auto boss = w.person("Boss", 5, {{"leadership", 5}});
    auto mid = w.person("Mid", 3, {{"research", 4}}, boss);
    auto low = w.person("Low", 1, {{"research", 1}}, mid);
    auto peer = w.person("Peer", 3);
    auto rel = w.active(Model::mentoring, peer, low);
    w.agreements().sign(rel, 1, peer);
    const auto before = dump(file);
    const auto audit_before = w.audit().total();

    SECTION("a person with an invalid expertise level in the middle of the list") {
        NewPerson p = new_person("Half", 2, {{"a", 1}, {"b", 2}, {"c", 9}, {"d", 3}});
        REQUIRE_THROWS_AS(w.people().create(p), InvalidArgument);
    }
    SECTION("a person with duplicate expertise areas") {
        NewPerson p = new_person("Dup", 2, {{"research", 1}, {"writing", 2}, {"Research", 3}});
        REQUIRE_THROWS_AS(w.people().create(p), InvalidArgument);
    }
    SECTION("a person with an unknown supervisor") {
        NewPerson p = new_person("Orphan", 2, {{"research", 2}});
        p.supervisor = PersonId{424242};
        REQUIRE_THROWS_AS(w.people().create(p), NotFound);
    }
    SECTION("a supervisor cycle") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervisor_cycle,
                      w.people().set_supervisor(boss, low));
    }
    SECTION("a refused relationship proposal") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line,
                      w.rels().propose(w.request(Model::mentoring, boss, low)));
    }
    SECTION("a refused signature and a refused edit") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::already_signed, w.agreements().sign(rel, 1, peer));
        REQUIRE_ERROR(RuleViolation, ErrorCode::agreement_frozen,
                      w.agreements().edit_clause(rel, 0, "changed", low));
    }
    SECTION("a transaction of several good calls dropped after a failing one") {
        {
            auto tx = w.store.begin();
            w.person("One", 1, {{"x", 1}, {"y", 2}});
            w.people().set_expertise(mid, "teaching", 3);
            w.rels().pause(rel, low, make_date(2024, 2, 1), "exams");
            REQUIRE_THROWS_AS(w.people().set_expertise(mid, "teaching", 0), InvalidArgument);
        }
    }
    CHECK(w.audit().total() == audit_before);
    CHECK(dump(file) == before);
}

TEST_CASE("A change that fails after it started writing is rolled back completely",
          "[store][atomic]") {
    TempDir dir;
    auto file = dir.file("midwrite.mentorkit");
    World w(Store::open(file));
    auto ada = w.person("Ada", 2, {{"research", 3}});
    {
        // Make the database itself fail in the middle of a multi-row write: the person row and
        // the first expertise row are written before the trigger fires on the second one.
        RawDb raw(file);
        raw.must("CREATE TRIGGER test_boom BEFORE INSERT ON expertise WHEN NEW.area = 'boom' "
                 "BEGIN SELECT RAISE(ABORT, 'boom'); END");
    }
    const auto before = dump(file);
    const auto people_before = w.people().count();
    const auto audit_before = w.audit().total();

    SECTION("a single call") {
        REQUIRE_THROWS_AS(w.person("Half", 1, {{"fine", 1}, {"boom", 2}}), StorageError);
        CHECK(dump(file) == before);
        CHECK(w.people().count() == people_before);
        CHECK(w.audit().total() == audit_before);
        // The store stays usable.
        w.person("Whole", 1, {{"fine", 1}});
        CHECK(w.people().count() == people_before + 1);
    }
    SECTION("inside a caller transaction: the whole transaction is aborted") {
        {
            auto tx = w.store.begin();
            w.person("Earlier", 1);
            w.people().set_expertise(ada, "writing", 2);
            REQUIRE_THROWS_AS(w.person("Half", 1, {{"fine", 1}, {"boom", 2}}), StorageError);
            REQUIRE_ERROR(StorageError, ErrorCode::transaction_aborted, w.person("Later", 1));
            REQUIRE_ERROR(StorageError, ErrorCode::transaction_aborted, tx.commit());
        }
        CHECK(dump(file) == before);
        CHECK(w.people().count() == people_before);
        CHECK(w.people().get(ada).expertise_in("writing") == 0);
        // A new transaction works again.
        {
            auto tx = w.store.begin();
            w.person("After", 1);
            tx.commit();
        }
        CHECK(w.people().count() == people_before + 1);
    }
    SECTION("a refusal by validation inside a transaction does not abort it") {
        {
            auto tx = w.store.begin();
            w.person("Earlier", 1);
            REQUIRE_THROWS_AS(w.person("", 1), InvalidArgument);
            w.person("Later", 1);
            tx.commit();
        }
        CHECK(w.people().count() == people_before + 2);
    }
}

TEST_CASE("Every change is appended to the audit log", "[store][audit]") {
    World w;
    auto admin = w.person("Admin", 9);
    auto ada = w.people().create(
        [] {
            NewPerson p;
            p.name = "Ada";
            p.level = 2;
            return p;
        }(),
        admin);

    SECTION("create") {
        auto entries = w.audit().entries(admin); // admin's own record and the one admin created
        REQUIRE(entries.size() == 2);
        CHECK(entries[0].action == "create");
        CHECK(entries[0].entity == "person");
        CHECK(entries[0].entity_id == raw(admin));
        CHECK_FALSE(entries[0].actor.has_value());
        CHECK(entries[1].action == "create");
        CHECK(entries[1].entity == "person");
        CHECK(entries[1].entity_id == raw(ada));
        CHECK(entries[1].actor == admin);
        CHECK(entries[1].at == w.clock.now());
        CHECK(entries[0].id < entries[1].id);
        CHECK_FALSE(entries[1].detail.empty());
        CHECK(entries[1].detail.front() == '{');
        CHECK(entries[1].detail.back() == '}');
    }
    SECTION("each kind of change adds one entry naming the record and the actor") {
        auto count = w.audit().total();
        w.people().rename(ada, "Ada L.", admin);
        w.people().set_level(ada, 3, admin);
        w.people().set_expertise(ada, "research", 3, ada);
        w.people().remove_expertise(ada, "research", ada);
        w.people().set_supervisor(ada, admin, admin);
        REQUIRE(w.audit().total() == count + 5);
        auto entries = w.audit().entries(ada, AuditFilter{"person", raw(ada), {}, 0, 1000});
        REQUIRE(entries.size() == 6);
        for (const auto& e : entries) {
            CHECK(e.entity == "person");
            CHECK(e.entity_id == raw(ada));
        }
        CHECK(entries[3].actor == ada);
        CHECK(entries[5].actor == admin);
    }
    SECTION("relationship changes name the relationship and the acting party") {
        auto mentee = w.person("Mentee", 1);
        auto rel = w.active(Model::mentoring, ada, mentee);
        w.rels().withdraw(rel, mentee, make_date(2024, 3, 1), "moving on");
        AuditFilter f;
        f.entity = "relationship";
        f.entity_id = raw(rel);
        auto entries = w.audit().entries(mentee, f);
        REQUIRE(entries.size() >= 3);
        CHECK(entries.back().action == "withdraw");
        CHECK(entries.back().actor == mentee);
        CHECK(entries.back().entity_id == raw(rel));
    }
    SECTION("filters: actor, after_id, limit") {
        w.people().rename(ada, "Ada 2", ada);
        w.people().rename(ada, "Ada 3", ada);
        AuditFilter by_ada;
        by_ada.actor = ada;
        CHECK(w.audit().entries(ada, by_ada).size() == 2);
        auto all = w.audit().entries(ada); // her creation and her two renames
        REQUIRE(all.size() == 3);
        CHECK(w.audit().count(ada) == 3);
        AuditFilter page;
        page.after_id = all[0].id;
        page.limit = 1;
        auto p = w.audit().entries(ada, page);
        REQUIRE(p.size() == 1);
        CHECK(p[0].id == all[1].id);
        AuditFilter bad;
        bad.limit = 0;
        REQUIRE_THROWS_AS(w.audit().entries(ada, bad), InvalidArgument);
    }
    SECTION("refused changes add nothing") {
        auto count = w.audit().total();
        REQUIRE_THROWS_AS(w.people().rename(ada, "  "), InvalidArgument);
        REQUIRE_THROWS_AS(w.people().set_expertise(ada, "x", 6), InvalidArgument);
        CHECK(w.audit().total() == count);
    }
}

TEST_CASE("The audit log cannot be edited, not even with raw SQL", "[store][audit]") {
    TempDir dir;
    auto file = dir.file("audit.mentorkit");
    World w(Store::open(file));
    auto ada = w.person("Ada", 1);
    auto bob = w.person("Bob", 2);
    auto both = [&] {
        auto out = w.audit().entries(ada);
        for (auto& e : w.audit().entries(bob))
            out.push_back(std::move(e));
        return out;
    };
    auto before = both();
    REQUIRE(before.size() == 2);

    RawDb raw(file);
    CHECK(raw.exec("UPDATE audit_log SET action = 'forged'") != SQLITE_OK);
    CHECK(raw.exec("UPDATE audit_log SET actor_id = NULL WHERE id = " +
                   std::to_string(before[0].id)) != SQLITE_OK);
    CHECK(raw.exec("DELETE FROM audit_log") != SQLITE_OK);
    CHECK(raw.exec("DELETE FROM audit_log WHERE id = " + std::to_string(before[1].id)) !=
          SQLITE_OK);
    CHECK(raw.scalar("SELECT count(*) FROM audit_log") == "2");
    // The audit log is a view of the operations log, which is append-only.
    CHECK(raw.exec("UPDATE operation SET detail = '{}'") != SQLITE_OK);
    CHECK(raw.exec("UPDATE operation SET actor_id = NULL") != SQLITE_OK);
    CHECK(raw.exec("DELETE FROM operation") != SQLITE_OK);

    auto after = both();
    REQUIRE(after.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(after[i].action == before[i].action);
        CHECK(after[i].entity_id == before[i].entity_id);
        CHECK(after[i].actor == before[i].actor);
    }
}

TEST_CASE("Dates parse, format and refuse impossible values", "[store][date]") {
    SECTION("round trip") {
        for (const char* text : {"2024-02-29", "1999-12-31", "2000-01-01", "2023-06-15"}) {
            INFO(text);
            CHECK(to_string(parse_date(text)) == text);
        }
        CHECK(parse_date("2024-03-05") == make_date(2024, 3, 5));
        CHECK(to_string(make_date(2024, 3, 5)) == "2024-03-05");
    }
    SECTION("impossible or malformed dates") {
        for (const char* text : {"2023-02-29", "2024-13-01", "abc", "2024-00-10", "2024-04-31", "",
                                 "2024-1-01", "2024/01/01", "2024-01-01x"}) {
            INFO("'" << text << "'");
            REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date, parse_date(text));
        }
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date, make_date(2023, 2, 29));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date, make_date(2024, 13, 1));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date, make_date(2024, 1, 0));
    }
    SECTION("timestamps") {
        auto t = noon(make_date(2024, 5, 6)) + std::chrono::milliseconds(7);
        CHECK(to_string(t) == "2024-05-06T12:00:00.007Z");
        CHECK(day_of(t) == make_date(2024, 5, 6));
        const Timestamp midnight{make_date(1969, 12, 31)};
        CHECK(to_string(midnight) == "1969-12-31T00:00:00.000Z");
        CHECK(to_string(midnight - std::chrono::milliseconds(1)) == "1969-12-30T23:59:59.999Z");
        CHECK(to_string(Timestamp{make_date(9999, 12, 31)} + std::chrono::hours(23) +
                        std::chrono::minutes(59) + std::chrono::seconds(58)) ==
              "9999-12-31T23:59:58.000Z");
    }
    SECTION("years of other widths keep the printf form") {
        // make_date refuses them; a day count read from a damaged file can still be one.
        using namespace std::chrono;
        auto day = [](int y, unsigned m, unsigned d) {
            return Date{year_month_day{year{y}, month{m}, std::chrono::day{d}}};
        };
        CHECK(to_string(make_date(1, 1, 1)) == "0001-01-01");
        CHECK(to_string(day(0, 3, 1)) == "0000-03-01");
        CHECK(to_string(day(10000, 1, 2)) == "10000-01-02");
        CHECK(to_string(day(-1, 12, 31)) == "-001-12-31");
        CHECK(to_string(Timestamp{day(12345, 6, 7)} + milliseconds(61001)) ==
              "12345-06-07T00:01:01.001Z");
    }
    SECTION("the store's clock gives today") {
        World w;
        CHECK(w.store.today() == default_today());
        w.clock.set_today(make_date(2030, 7, 1));
        CHECK(w.store.today() == make_date(2030, 7, 1));
        w.store.set_clock({});
        CHECK(w.store.today() != make_date(2030, 7, 1));
    }
}

TEST_CASE("ErrorCode works as std::error_code", "[store][error]") {
    std::error_code ec = ErrorCode::not_found;
    CHECK(ec.category().name() == std::string("mentorkit"));
    CHECK(&ec.category() == &error_category());
    CHECK(ec.value() == static_cast<int>(ErrorCode::not_found));
    CHECK(ec == make_error_code(ErrorCode::not_found));
    CHECK(ec != make_error_code(ErrorCode::closed));
    CHECK_FALSE(ec.message().empty());
    CHECK(make_error_code(ErrorCode::supervision_line).message() !=
          make_error_code(ErrorCode::supervisor_cycle).message());

    SECTION("exceptions carry their codes and share one base") {
        World w;
        try {
            w.people().get(PersonId{77});
            FAIL("get of an unknown id must throw");
        } catch (const Error& e) {
            CHECK(dynamic_cast<const NotFound*>(&e) != nullptr);
            CHECK(std::error_code(e.code()) == ErrorCode::not_found);
            CHECK(std::string(e.what()).size() > 0);
        }
        StorageError se("x", ErrorCode::storage, 5, 517);
        CHECK(se.sqlite_code() == 5);
        CHECK(se.sqlite_extended_code() == 517);
        const std::runtime_error& base = se;
        CHECK(std::string(base.what()) == "x");
    }
}
