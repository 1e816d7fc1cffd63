// Migrations from real old files: tests/fixtures holds the demo program as written by every
// schema version that shipped (made by tests/fixtures/make_fixtures.sh from the old commits).
// Each opens, migrates to the latest version, keeps every row of every table it had, passes
// integrity_check and the schema check, and reads back through the API. (The audit log became a
// view of the operations log in v8: its entries keep their order, times, actors and details,
// and are numbered after the imported rows.)

#include "fixtures.hpp"
#include "raw_sqlite.hpp"

#include <algorithm>
#include <map>

using namespace mentorkit;
using namespace mk_test;

namespace {

std::filesystem::path fixture(int version) {
    return std::filesystem::path(MENTORKIT_FIXTURES) /
           ("schema-v" + std::to_string(version) + ".mentorkit");
}

// The tables of a file and their columns, as a SELECT list.
std::map<std::string, std::string> columns_by_table(const std::filesystem::path& file) {
    RawDb db(file, SQLITE_OPEN_READONLY);
    std::map<std::string, std::string> out;
    for (const auto& t : db.rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND name "
                                 "NOT LIKE 'sqlite_%'")) {
        std::string list;
        for (const auto& c : db.rows("SELECT name FROM pragma_table_info('" + t[0] + "')"))
            list += (list.empty() ? "\"" : ", \"") + c[0] + "\"";
        out[t[0]] = list;
    }
    return out;
}

// Every row of the given tables (only the given columns: later versions add some), as sorted
// text lines per table.
std::map<std::string, std::vector<std::string>>
rows_by_table(const std::filesystem::path& file, const std::map<std::string, std::string>& tables) {
    RawDb db(file, SQLITE_OPEN_READONLY);
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [table, columns] : tables) {
        std::vector<std::string> lines;
        for (const auto& r : db.rows("SELECT " + columns + " FROM \"" + table + "\"")) {
            std::string line;
            for (const auto& v : r)
                line += v + "\x1f";
            lines.push_back(line);
        }
        std::sort(lines.begin(), lines.end());
        out[table] = std::move(lines);
    }
    return out;
}

} // namespace

TEST_CASE("Files of every shipped schema version migrate and keep every record",
          "[store][migration]") {
    for (int version = 1; version <= 7; ++version) {
        INFO("schema v" << version);
        TempDir dir;
        auto file = dir.file("old.mentorkit");
        REQUIRE(std::filesystem::exists(fixture(version)));
        std::filesystem::copy_file(fixture(version), file);
        {
            RawDb raw(file);
            REQUIRE(raw.scalar("PRAGMA user_version") == std::to_string(version));
        }
        auto tables = columns_by_table(file);
        // Audit entries are compared without their ids, and in the order of their ids.
        tables.at("audit_log") = "\"at\", \"actor_id\", \"action\", \"entity\", "
                                 "\"entity_id\", \"detail\"";
        auto audit_order = [](const std::filesystem::path& f) {
            RawDb db(f, SQLITE_OPEN_READONLY);
            return db.rows("SELECT action, entity, entity_id FROM audit_log ORDER BY id");
        };
        const auto audit_before = audit_order(file);
        REQUIRE(!audit_before.empty());
        auto before = rows_by_table(file, tables);
        REQUIRE(before.at("person").size() == 28);

        Store store = Store::open(file);
        // Reads through the API: people, relationships and, as a party, their content.
        CHECK(store.people().count() == 28);
        auto rels = store.relationships().list();
        CHECK(rels.size() == before.at("relationship").size());
        for (const Relationship& r : rels) {
            CHECK_NOTHROW(store.agreements().versions(r.id, r.guide));
            CHECK_NOTHROW(store.relationships().warnings(r.id));
            if (version >= 2)
                CHECK_NOTHROW(store.goals().list(r.id, r.learner));
            if (version >= 3)
                CHECK_NOTHROW(store.meetings().list(r.id, r.learner));
        }
        store.close();

        RawDb raw(file);
        CHECK(raw.scalar("PRAGMA user_version") == std::to_string(Store::schema_version));
        CHECK(raw.scalar("PRAGMA integrity_check") == "ok");
        CHECK(raw.rows("PRAGMA foreign_key_check").empty());
        auto after = rows_by_table(file, tables);
        CHECK(audit_order(file) == audit_before);
        for (const auto& [table, rows] : before) {
            INFO("table " << table);
            CHECK(after.at(table) == rows);
        }
    }
}

TEST_CASE("Schema v8 files migrate, a personal store's key its first registered key",
          "[store][migration][identity]") {
    const auto folder = fixture(8).parent_path();
    {
        // The shared demo: every row of every table as it was, and no key.
        TempDir dir;
        auto file = dir.file("shared.mentorkit");
        std::filesystem::copy_file(fixture(8), file);
        {
            RawDb raw(file);
            REQUIRE(raw.scalar("PRAGMA user_version") == "8");
        }
        auto tables = columns_by_table(file);
        auto before = rows_by_table(file, tables);
        REQUIRE(before.at("person").size() == 28);
        {
            Store store = Store::open(file);
            CHECK(store.people().count() == 28);
            CHECK(store.operations().verify().ok());
            CHECK_FALSE(store.identity().is_personal());
        }
        RawDb raw(file);
        CHECK(raw.scalar("PRAGMA user_version") == std::to_string(Store::schema_version));
        CHECK(raw.scalar("PRAGMA integrity_check") == "ok");
        CHECK(raw.rows("PRAGMA foreign_key_check").empty());
        CHECK(raw.scalar("SELECT count(*) FROM person_key") == "0");
        auto after = rows_by_table(file, tables);
        for (const auto& [table, rows] : before) {
            INFO("table " << table);
            CHECK(after.at(table) == rows);
        }
    }
    {
        // Ada's personal store: its rows kept, its own key registered by a key.add of hers
        // appended to the log, which still chains and replays.
        TempDir dir;
        auto file = dir.file("ada.mentorkit");
        std::filesystem::copy_file(folder / "schema-v8-personal.mentorkit", file);
        auto key_path = dir.file("ada.key");
        std::filesystem::copy_file(folder / "schema-v8-personal.key", key_path);
        std::filesystem::permissions(
            key_path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
            std::filesystem::perm_options::replace);
        auto tables = columns_by_table(file);
        auto before = rows_by_table(file, tables);
        StoreOptions options;
        options.key = std::make_shared<const SigningKey>(key_file::read(key_path));
        {
            Store store = Store::open(file, options);
            PersonId ada = *store.identity().owner();
            auto keys = store.identity().keys(ada);
            REQUIRE(keys.size() == 1);
            CHECK(keys[0].key == options.key->public_key());
            CHECK(keys[0].device == store.operations().device());
            auto log = store.operations().list();
            REQUIRE(log.size() >= 2);
            CHECK(log.back().kind == "key.add");
            CHECK(log.back().actor == log.front().actor);
            CHECK(store.operations().verify().ok());
        }
        auto after = rows_by_table(file, tables);
        for (const auto& [table, rows] : before) {
            INFO("table " << table);
            for (const auto& row : rows)
                CHECK(std::count(after.at(table).begin(), after.at(table).end(), row) >= 1);
        }
        {
            Store store = Store::open(file, options); // and it acts as before
            store.people().rename(*store.identity().owner(), "Ada King", store.identity().owner());
        }
        auto copy = dir.file("replay.mentorkit");
        {
            Store source = Store::open(file);
            Store target = Store::open(copy);
            source.operations().replay_into(target);
        }
        Store replayed = Store::open(copy);
        CHECK(replayed.people().list().front().name == "Ada King");
        auto keys = replayed.identity().keys(replayed.people().list().front().id);
        REQUIRE(keys.size() == 1);
        CHECK(keys[0].key == options.key->public_key());
    }
}
