#pragma once
// People, their expertise and the supervision hierarchy in SQLite.

#include "mentorkit/operations.hpp"
#include "mentorkit/people.hpp"
#include "rules/hierarchy.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

using rules::PersonFacts;

bool person_exists(db::Database& db, PersonId id);
/// The person with their expertise, or nothing.
std::optional<Person> find_person(db::Database& db, PersonId id);
/// Every person, by id, with their expertise.
std::vector<Person> list_people(db::Database& db);
std::int64_t count_people(db::Database& db);
/// The stored name as bytes (it may be text another program wrote that is not UTF-8).
std::optional<std::string> person_name_bytes(db::Database& db, PersonId id);

/// Inserts a person (and their expertise); returns the new id.
PersonId insert_person(db::Database& db, const Uid& uid, const NewPerson& clean, Timestamp at);
void set_person_name(db::Database& db, PersonId id, const std::string& name);
void set_person_level(db::Database& db, PersonId id, int level);
void set_person_contact(db::Database& db, PersonId id, const std::optional<std::string>& email,
                        const std::optional<std::string>& phone);
/// Adds or updates one area (the area keeps the spelling it was first given).
void upsert_expertise(db::Database& db, PersonId id, const std::string& area, int level);
/// Removes one area; false when the person did not list it.
bool delete_expertise(db::Database& db, PersonId id, const std::string& area);
void set_person_supervisor(db::Database& db, PersonId id, std::optional<PersonId> supervisor);

/// Level, expertise in `area` (if given) and the supervisor chain, or nothing for an unknown id.
std::optional<PersonFacts> person_facts(db::Database& db, PersonId id, std::string_view area);
/// person_facts of two people at once (the first, then the second), without their expertise
/// (left 0: pair_expertise reads it when a rule needs it).
std::pair<std::optional<PersonFacts>, std::optional<PersonFacts>>
pair_facts(db::Database& db, PersonId a, PersonId b, Uid* uid_a, Uid* uid_b);
/// The two people's levels of expertise in `area` (0 when not listed).
std::pair<int, int> pair_expertise(db::Database& db, PersonId a, PersonId b, std::string_view area);
/// The supervisors above a person, nearest first (empty for an unknown id).
std::vector<std::int64_t> supervisor_chain(db::Database& db, PersonId id);
/// People whose direct supervisor is `id`, by id.
std::vector<PersonId> direct_reports(db::Database& db, PersonId id);
/// An open mentoring or coaching relationship without a recorded justification that a new line
/// "`supervisor` supervises `id`" would put across a supervision line, if any.
std::optional<std::int64_t> relationship_across_new_line(db::Database& db, PersonId id,
                                                         PersonId supervisor);

} // namespace mentorkit::storage
