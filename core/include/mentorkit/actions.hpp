#pragma once
/// @file actions.hpp
/// Action items between meetings: the coachee's next attempt, the mentor's promised
/// introduction (sponsorship). Assigned to either party, optionally tied to a goal and a due
/// date; open until closed by a party, who is recorded with the day.

#include "mentorkit/goals.hpp"
#include "mentorkit/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// Identifies an action item.
enum class ActionItemId : std::int64_t {};

/// A request to create an action item.
struct NewActionItem {
    RelationshipId relationship{};
    std::string title{}; ///< Required.
    PersonId assignee{}; ///< The guide or the learner.
    std::optional<Date> due{};
    std::optional<GoalId> goal{}; ///< A goal of the same relationship.
    PersonId by{};                ///< A party.
    std::optional<Date> on{};     ///< Day of creation; defaults to today.
};

/// A stored action item.
struct ActionItem {
    ActionItemId id{};
    RelationshipId relationship{};
    std::optional<GoalId> goal{};
    std::string title{};
    PersonId assignee{};
    std::optional<Date> due{};
    PersonId created_by{};
    Date created_on{};
    std::optional<Date> done_on{};
    std::optional<PersonId> closed_by{};
    bool is_open() const noexcept { return !done_on.has_value(); }
    /// Open with a due date before `today`.
    bool overdue(Date today) const noexcept { return is_open() && due && *due < today; }
};

/// The action items of the store. Reads name the acting person: only the relationship's two
/// parties read its items (store.hpp "Who reads what"); anyone else gets PermissionDenied
/// (not_a_party), an unknown person NotFound. How many are overdue shows to everyone as the
/// overdue_action_items warning, without the titles.
class ActionItems {
public:
    explicit ActionItems(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Creates an open item. Refuses a non-party creator or assignee (PermissionDenied /
    /// InvalidArgument), a goal of another relationship, a closed relationship, an empty title,
    /// a due date before the day of creation.
    ActionItemId create(const NewActionItem& item);
    /// The item, for a party of its relationship (`acting`); NotFound for an unknown item.
    ActionItem get(ActionItemId id, PersonId acting) const;
    /// Items of a relationship, open ones first, then by due date and id, for a party.
    std::vector<ActionItem> list(RelationshipId relationship, PersonId acting,
                                 bool open_only = false) const;
    /// Open items of a relationship due before `as_of` (default today), oldest due first, for a
    /// party (`acting`).
    std::vector<ActionItem> overdue(RelationshipId relationship, PersonId acting,
                                    std::optional<Date> as_of = {}) const;
    /// Closes an open item (either party), recording who and when.
    void close(ActionItemId id, PersonId by, Date on);

private:
    detail::StoreImpl* m_impl;
};

} // namespace mentorkit
