#pragma once
// Schema migrations keyed on PRAGMA user_version (TaskChampion style): an ordered list of
// {version, upgrade}, each applied in its own transaction on open; and the check that the
// schema (tables, indexes, triggers) is exactly the one this build makes.

#include <string>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::detail {

/// The version the last migration produces.
int latest_schema_version() noexcept;
/// Checks the file is a mentorkit database (or empty) and not too new. Reads only: throws
/// StorageError (not_a_database, schema_too_new) and leaves a foreign file untouched.
void check_openable(db::Database& db);
/// Applies the pending migrations, each in its own transaction, re-reading the version once the
/// write lock is held (so that processes opening a new file at once never run a step twice).
void migrate(db::Database& db);
/// Throws StorageError(tampered) unless every table, index and trigger is exactly as this build
/// makes it, with nothing else beside them (SQLite's statistics tables aside).
void verify_schema(db::Database& db);
/// Restores dropped or altered indexes and triggers and removes ones mentorkit did not make, in
/// one transaction; returns what it did. Refuses (StorageError tampered) when a table was
/// dropped, altered or added: that is data, which only a backup restores.
std::vector<std::string> repair_schema(db::Database& db);

} // namespace mentorkit::detail
