#pragma once
// Schema migrations keyed on PRAGMA user_version (TaskChampion style): an ordered list of
// {version, upgrade}, each applied in its own transaction on open.

namespace mentorkit::db {
class Database;
}

namespace mentorkit::detail {

/// The version the last migration produces.
int latest_schema_version() noexcept;
/// Checks the file is a mentorkit database (or empty) and not too new, then migrates it.
/// Throws StorageError (not_a_database, schema_too_new) before writing anything.
void open_schema(db::Database& db);

} // namespace mentorkit::detail
