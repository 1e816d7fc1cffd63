#include "rules/hierarchy.hpp"

#include "mentorkit/error.hpp"

namespace mentorkit::rules {

bool PersonFacts::under(PersonId upper) const noexcept {
    for (std::int64_t id : chain)
        if (id == raw(upper))
            return true;
    return false;
}

bool style_needs_expertise(const PersonFacts& mentor, const PersonFacts& mentee) noexcept {
    return mentor.level < mentee.level;
}

Style style_of(const PersonFacts& mentor, const PersonFacts& mentee, const std::string& focus) {
    if (mentor.level > mentee.level)
        return Style::traditional;
    if (mentor.level == mentee.level)
        return Style::peer;
    if (mentor.expertise <= mentee.expertise)
        throw RuleViolation("reverse mentoring needs a mentor more expert in '" + focus +
                                "' than the mentee (mentor " + std::to_string(mentor.expertise) +
                                ", mentee " + std::to_string(mentee.expertise) +
                                "); the mentor is more junior, so the pairing makes no sense",
                            ErrorCode::reverse_without_expertise);
    return Style::reverse;
}

bool on_one_line(PersonId guide, const PersonFacts& g, PersonId learner, const PersonFacts& l) {
    return l.under(guide) || g.under(learner);
}

} // namespace mentorkit::rules
