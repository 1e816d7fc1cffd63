#pragma once
// The improvement of each skill over its coaching cycles (coaching.hpp SkillProgress): a pure
// function of the cycles; no storage code.

#include "mentorkit/coaching.hpp"

#include <vector>

namespace mentorkit::rules {

/// Per skill (grouped case-insensitively under the spelling first used, by that name): first,
/// latest and best score and the least-squares slope per cycle. `cycles` by day then id.
std::vector<SkillProgress> skill_progress(std::vector<CoachingCycle> cycles);

} // namespace mentorkit::rules
