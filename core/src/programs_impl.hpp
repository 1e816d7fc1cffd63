#pragma once
// Program helpers shared inside the core (matching reads a program and links what it creates).

#include "mentorkit/programs.hpp"

#include <string_view>

namespace mentorkit::db {
class Database;
}
namespace mentorkit::ops {
class LocalBatch;
}

namespace mentorkit::detail {

struct StoreImpl;

/// Reads one program; throws NotFound.
Program load_program(db::Database& db, ProgramId id);
/// Throws PermissionDenied unless `by` coordinates the program: "... cannot <action>".
void require_coordinator(const Program& program, PersonId by, std::string_view action);
/// Adds a program.add_relationship operation to `batch` (applied at once).
void add_relationship_in(ops::LocalBatch& batch, ProgramId program, RelationshipId relationship,
                         PersonId by);

} // namespace mentorkit::detail
