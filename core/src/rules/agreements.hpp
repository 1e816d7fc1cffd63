#pragma once
// The states of an agreement's versions (agreements.hpp "Rules"), a pure function of the
// versions and their signatures; the per-model template is agreement_template (agreements.hpp),
// defined beside it.

#include "mentorkit/agreements.hpp"

#include <vector>

namespace mentorkit::rules {

/// Sets each version's state (oldest first): the in-force version is the latest one both
/// parties signed; an older one both signed is superseded; the latest otherwise is a draft or
/// partially signed; any other is replaced.
void derive_states(std::vector<AgreementVersion>& versions, PersonId guide, PersonId learner);

} // namespace mentorkit::rules
