#pragma once
// Rules of the hierarchy (docs/domain.md "People and the organisation", "Relationships"): the
// mentoring style derived from levels and expertise, and the supervision line. Pure functions
// of the facts storage reads; no storage code.

#include "mentorkit/relationships.hpp"
#include "mentorkit/types.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mentorkit::rules {

/// What the rules need to know about one person.
struct PersonFacts {
    int level = 0;
    int expertise = 0;               ///< In the focus area asked for; 0 when not listed.
    std::vector<std::int64_t> chain; ///< Supervisors, nearest first.
    /// True when `upper` is in the supervisor chain.
    bool under(PersonId upper) const noexcept;
};

/// The style the hierarchy gives a mentor and a mentee for a focus area: traditional when the
/// mentor is more senior, peer at the same level, reverse when more junior but more expert in the
/// focus; RuleViolation (reverse_without_expertise) when more junior and not more expert.
Style style_of(const PersonFacts& mentor, const PersonFacts& mentee, const std::string& focus);
/// True when style_of reads the two people's expertise (the mentor is more junior): callers
/// may read it only then.
bool style_needs_expertise(const PersonFacts& mentor, const PersonFacts& mentee) noexcept;

/// True when the guide and the learner are on one supervision line (either above the other,
/// directly or up the chain): mentoring and coaching must not overlap supervision.
bool on_one_line(PersonId guide, const PersonFacts& g, PersonId learner, const PersonFacts& l);

} // namespace mentorkit::rules
