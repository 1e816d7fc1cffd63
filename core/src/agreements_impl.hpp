#pragma once
// Agreement helpers shared inside the core (relationship warnings).

#include "mentorkit/agreements.hpp"
#include "storage/database.hpp"

#include <vector>

namespace mentorkit::detail {

/// Every version of the relationship's agreement with its derived state, oldest first (version
/// 1 is the unsaved template until someone edits or signs it). No acting person: for the core's
/// own rules (warnings), never handed out as such.
std::vector<AgreementVersion> agreement_versions(db::Database& db, const Relationship& r);

} // namespace mentorkit::detail
