#pragma once
// Agreement versions, their clauses and signatures, and the misunderstanding log in SQLite.

#include "mentorkit/agreements.hpp"
#include "mentorkit/operations.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

/// A stored version (its state is not derived here) and its row.
struct StoredVersion {
    std::int64_t row_id = 0;
    AgreementVersion version;
};

/// The stored versions of a relationship's agreement, by number, with clauses and signatures.
std::vector<StoredVersion> load_versions(db::Database& db, RelationshipId relationship);
/// Inserts a version with its clauses and terms; returns its row.
std::int64_t insert_version(db::Database& db, RelationshipId relationship, int number,
                            const AgreementVersion& content, std::optional<PersonId> by,
                            Timestamp at, const std::string& note);
void update_clause(db::Database& db, std::int64_t version_row, std::size_t index,
                   const std::string& text, const std::string& title);
void insert_clause(db::Database& db, std::int64_t version_row, std::size_t index,
                   const Clause& clause);
/// Replaces every clause of a version (positions 0, 1, ...).
void rewrite_clauses(db::Database& db, std::int64_t version_row, const std::vector<Clause>& cl);
void update_terms(db::Database& db, std::int64_t version_row, const AgreementTerms& terms);
void insert_signature(db::Database& db, std::int64_t version_row, PersonId by, Timestamp at);

std::optional<Misunderstanding> find_misunderstanding(db::Database& db, MisunderstandingId id);
std::vector<Misunderstanding> misunderstandings_of(db::Database& db, RelationshipId id);
MisunderstandingId insert_misunderstanding(db::Database& db, const Uid& uid, RelationshipId id,
                                           PersonId by, Date on, const std::string& text,
                                           Timestamp at);
void resolve_misunderstanding(db::Database& db, MisunderstandingId id, PersonId by, Date on,
                              const std::string& text);
/// Misunderstandings of the relationship not yet resolved.
int open_misunderstandings(db::Database& db, RelationshipId id);

} // namespace mentorkit::storage
