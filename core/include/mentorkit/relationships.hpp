#pragma once
/// @file relationships.hpp
/// Relationships between a guide and a learner: the three models (mentoring, coaching,
/// supervision), formality, the mentoring style derived from the hierarchy, the lifecycle and
/// the learner's board of mentors (mentor by committee).

#include "mentorkit/types.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// The model of a relationship (docs/domain.md "Relationships").
enum class Model { mentoring, coaching, supervision };

/// How the relationship came about and how structured it is.
enum class Formality {
    formal,   ///< Matched by a third party, specific objectives, fixed end date (required).
    informal, ///< Self-selected, long-term, little structure.
    flash,    ///< One-off, short-term, low intensity; can be converted to informal or formal.
};

/// Mentoring style, derived from the organisational levels, never just typed in.
enum class Style {
    traditional, ///< The mentor is more senior (higher level) than the mentee.
    peer,        ///< Same level.
    reverse,     ///< The mentor is more junior but more expert in the focus area.
};

/// Lifecycle state.
enum class Status {
    proposed,  ///< Waiting for acceptance by the party (or parties) who did not propose it.
    active,    ///< Accepted by both parties.
    paused,    ///< Temporarily on hold; can be resumed.
    declined,  ///< A party declined the proposal (final).
    completed, ///< Ended as completed (final).
    withdrawn, ///< Ended early by one party (final).
};

/// What a lifecycle event was.
enum class EventKind {
    proposed,
    accepted,
    declined,
    paused,
    resumed,
    completed,
    withdrawn,
    converted
};

/// The role names, driver, agenda owner and usual length of a model (docs/domain.md table).
struct ModelDefaults {
    std::string_view guide_role{};       ///< "mentor", "coach", "supervisor".
    std::string_view learner_role{};     ///< "mentee", "coachee", "supervisee".
    std::string_view driver{};           ///< "development", "performance", ...
    std::string_view agenda_owner{};     ///< "learner", "both", "guide".
    std::string_view goals{};            ///< Kind of goals the model expects.
    std::string_view meetings{};         ///< How meetings usually happen.
    std::optional<int> typical_months{}; ///< Usual length; empty = open-ended.
    int default_cadence_days{};          ///< Default meeting cadence for the agreement template.
};
/// The defaults of a model.
const ModelDefaults& defaults_of(Model model) noexcept;

/// A request to start a relationship. It starts as Status::proposed.
struct NewRelationship {
    Model model = Model::mentoring;
    PersonId guide{};    ///< Mentor / coach / supervisor.
    PersonId learner{};  ///< Mentee / coachee / supervisee; never the guide.
    std::string focus{}; ///< Focus area, e.g. "research"; required.
    Formality formality = Formality::informal;
    Date start{};              ///< Planned start.
    std::optional<Date> end{}; ///< Planned end; required when formal.
    /// Who proposes: the guide, the learner, or a third party (a program coordinator). A party
    /// proposing counts as that party's acceptance; a coordinator's proposal needs both.
    PersonId proposed_by{};
    /// The day of the proposal; defaults to the earlier of today and `start`.
    std::optional<Date> proposed_on{};
    /// Optional declared style (mentoring only); refused when it contradicts the hierarchy.
    std::optional<Style> declared_style{};
    /// Mentoring or coaching across a supervision line is refused unless this justification is
    /// given; it is stored and shown as a warning.
    std::optional<std::string> supervision_justification{};
};

/// A stored relationship.
struct Relationship {
    RelationshipId id{};
    Model model = Model::mentoring;
    PersonId guide{};
    PersonId learner{};
    std::string focus{};
    Formality formality = Formality::informal;
    /// The style derived when the relationship was proposed (mentoring only).
    std::optional<Style> style{};
    Status status = Status::proposed;
    Date start{};
    std::optional<Date> end{}; ///< Planned end.
    PersonId proposed_by{};
    Date proposed_on{};
    bool guide_accepted = false;
    bool learner_accepted = false;
    std::optional<std::string> supervision_justification{};
    std::optional<Date> ended_on{};          ///< When declined, completed or withdrawn.
    std::optional<PersonId> ended_by{};      ///< Who declined, completed or withdrew.
    std::optional<std::string> end_reason{}; ///< Why.
    Timestamp created_at{};

    /// True while proposed, active or paused.
    bool is_open() const noexcept;
    /// True when `person` is the guide or the learner.
    bool is_party(PersonId person) const noexcept { return person == guide || person == learner; }
};

/// One entry of a relationship's lifecycle history (append-only).
struct RelationshipEvent {
    EventKind kind = EventKind::proposed;
    PersonId actor{};
    Date on{};
    std::optional<std::string> reason{};
    Timestamp at{};
};

/// What a warning is about (warnings are data for the caller, not log lines).
enum class WarningCode {
    coaching_without_measurable_goal, ///< Coaching expects clear, measurable goals.
    coaching_too_long,                ///< Coaching planned past 12 months, or open-ended.
    flash_too_long,                   ///< A flash relationship open for more than 90 days.
    past_planned_end,                 ///< Still open after its planned end date.
    crosses_supervision_line,         ///< Allowed by an explicit justification.
    agreement_not_in_force,           ///< Active, but no agreement version signed by both.
    amendment_pending,                ///< A newer agreement version awaits signatures.
    open_misunderstandings,           ///< Misunderstandings raised and not yet resolved.
    review_due,           ///< The agreement's review date passed with no goal review since.
    goal_overdue,         ///< An active goal is past its due date.
    overdue_action_items, ///< Open action items are past their due date.
    silent_too_long,      ///< No meeting held for over twice the cadence (health: stalled).
};

/// A warning about a relationship.
struct Warning {
    WarningCode code{};
    std::string message{};
};

/// One seat on a learner's personal board of advisors.
struct BoardSeat {
    RelationshipId relationship{};
    PersonId guide{};
    Model model = Model::mentoring;
    std::string focus{};
    std::optional<Style> style{};
};

/// Filter for Relationships::list.
struct RelationshipFilter {
    std::optional<PersonId> person{}; ///< As guide or learner.
    std::optional<Status> status{};
    std::optional<Model> model{};
    bool open_only = false; ///< Only proposed, active or paused.
};

/// The relationships of a store.
class Relationships {
public:
    explicit Relationships(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Proposes a relationship. Refuses: same person on both sides, unknown people, empty
    /// focus, formal without end date, end before start (InvalidArgument); supervision where
    /// the guide is not more senior, a declared style that contradicts the levels, reverse
    /// mentoring where the mentor is not more expert in the focus, mentoring/coaching across a
    /// supervision line without justification, a second open relationship of the same pair,
    /// model and focus (RuleViolation).
    RelationshipId propose(const NewRelationship& request);

    /// The relationship; throws NotFound.
    Relationship get(RelationshipId id) const;
    /// Relationships matching a filter, ordered by id.
    std::vector<Relationship> list(const RelationshipFilter& filter = {}) const;
    /// The lifecycle history, oldest first.
    std::vector<RelationshipEvent> history(RelationshipId id) const;

    /// The party who has not yet accepted accepts; when both have, the relationship is active.
    void accept(RelationshipId id, PersonId by, Date on);
    /// A party declines a proposal (final); a reason is optional.
    void decline(RelationshipId id, PersonId by, Date on, const std::string& reason = {});
    /// A party pauses an active relationship.
    void pause(RelationshipId id, PersonId by, Date on, const std::string& reason);
    /// A party resumes a paused relationship.
    void resume(RelationshipId id, PersonId by, Date on);
    /// A party ends an active or paused relationship as completed (reason required).
    void complete(RelationshipId id, PersonId by, Date on, const std::string& reason);
    /// A party withdraws (reason required). Allowed from proposed, active or paused: the
    /// learner can always end a relationship.
    void withdraw(RelationshipId id, PersonId by, Date on, const std::string& reason);
    /// Converts an open relationship to another formality (typically flash -> informal or
    /// formal); formal needs a planned end.
    void convert(RelationshipId id, PersonId by, Date on, Formality formality,
                 std::optional<Date> end);

    /// The learner's board: every active mentoring or coaching guide, with their focus.
    std::vector<BoardSeat> board(PersonId learner) const;
    /// The warnings of a relationship as of today.
    std::vector<Warning> warnings(RelationshipId id) const;

    /// The style the hierarchy gives a mentor/mentee pair for a focus area; throws RuleViolation
    /// (reverse_without_expertise) when the mentor is junior but not more expert.
    Style derive_style(PersonId mentor, PersonId mentee, const std::string& focus) const;

private:
    detail::StoreImpl* m_impl;
};

/// Lower-case names, as stored and shown ("mentoring", "flash", "reverse", "withdrawn").
std::string_view to_string(Model value) noexcept;
std::string_view to_string(Formality value) noexcept;
std::string_view to_string(Style value) noexcept;
std::string_view to_string(Status value) noexcept;
std::string_view to_string(EventKind value) noexcept;
std::string_view to_string(WarningCode value) noexcept;

} // namespace mentorkit
