#pragma once
// Program helpers shared inside the core (matching reads participants and writes links).

#include "db/database.hpp"
#include "mentorkit/programs.hpp"

#include <string_view>
#include <vector>

namespace mentorkit::detail {

struct StoreImpl;

/// Reads one program; throws NotFound.
Program load_program(db::Database& db, ProgramId id);
/// Throws PermissionDenied unless `by` coordinates the program: "... cannot <action>".
void require_coordinator(const Program& program, PersonId by, std::string_view action);
/// The program's mentees (with areas in order), mentors and marks, ordered by person id.
std::vector<ProgramMentee> load_mentees(db::Database& db, ProgramId id);
std::vector<ProgramMentor> load_mentors(db::Database& db, ProgramId id);
std::vector<MarkedPair> load_marks(db::Database& db, ProgramId id);
/// Links a relationship to a program (the caller validated both and holds the transaction);
/// throws RuleViolation when the relationship already belongs to a program.
void link_relationship(StoreImpl& impl, ProgramId id, RelationshipId relationship, PersonId by);

} // namespace mentorkit::detail
