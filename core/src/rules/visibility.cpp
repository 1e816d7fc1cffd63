#include "rules/visibility.hpp"

namespace mentorkit::rules {

bool may_read(const Note& n, const Readers& who, PersonId reader) noexcept {
    if (reader == n.author)
        return true;
    switch (n.visibility) {
    case Visibility::private_:
        return false;
    case Visibility::pair:
        return reader == who.guide || reader == who.learner;
    case Visibility::board:
        return reader == who.learner || who.on_board;
    }
    return false;
}

bool widens(Visibility from, Visibility to) noexcept {
    return static_cast<int>(to) >= static_cast<int>(from);
}

} // namespace mentorkit::rules
