#pragma once
/// @file goals.hpp
/// Goals of a relationship's learner, their milestones, check-ins, reviews and forecasts
/// (docs/domain.md "Goals"; seed 000: vision building, goal-setting, review of goal progression).
///
/// Who sets goals follows the model (seed 003): in mentoring the mentee proposes and owns the
/// goals; in coaching they are co-owned (either party); in supervision the supervisor sets them.
/// Only an owner creates, edits, activates, achieves or abandons a goal; both parties record
/// check-ins and milestones.
///
/// ## Review method (GoalReview)
/// Only *effective* check-ins count: a check-in superseded by a correction is kept but ignored.
/// A review is as of a day: check-ins dated after it are ignored too.
/// - **progress** = (latest value − baseline) / (target − baseline). Works for decreasing
///   targets (target < baseline); it is not clamped: −0.2 means 20 % worse than the baseline,
///   1.3 means 30 % past the target. Empty while no check-in has a value.
/// - **trend_per_week**: the least-squares slope of value against time over the most recent
///   kTrendWindow (6) valued check-ins, in units per week. Empty with fewer than two distinct
///   dates.
/// - **projected**: the latest value extended by the trend to the due date (the latest value
///   itself when the last check-in is on or after the due date); **projected_progress** is its
///   progress.
/// - **forecast** (active or achieved measurable goals with a due date; empty otherwise):
///   - achieved goal, or progress ≥ 1 → on_track;
///   - due date passed (due < today) with progress < 1 → off_track;
///   - fewer than two valued check-ins, or valued check-ins spanning less than 7 days →
///     too_early;
///   - projected_progress ≥ 1 → on_track; ≥ 0.75 → at_risk; otherwise (including a trend away
///     from the target) → off_track.

#include "mentorkit/relationships.hpp"
#include "mentorkit/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// Identifies a goal.
enum class GoalId : std::int64_t {};
/// Identifies a check-in.
enum class CheckInId : std::int64_t {};
/// Identifies a periodic goal review.
enum class GoalReviewId : std::int64_t {};

/// Measurable (metric, unit, baseline, target) or open-ended (qualitative).
enum class GoalKind { measurable, open_ended };

/// The mentorship function a goal serves (seed 000, functions of mentorship).
enum class GoalFunction {
    career_guidance,
    skill_development,
    sponsorship,
    psychosocial_support,
    role_modelling,
};

/// Lifecycle of a goal: draft → active → achieved | abandoned; a draft may be abandoned.
enum class GoalStatus { draft, active, achieved, abandoned };

/// The forecast of a measurable goal against its due date (see the method above).
enum class Forecast { too_early, on_track, at_risk, off_track };

/// What a periodic review decided for one goal.
enum class ReviewDecision { kept, changed, achieved, abandoned };

/// How many recent valued check-ins the trend is fitted to.
inline constexpr int kTrendWindow = 6;

/// The measurable part of a goal.
struct Measure {
    std::string metric{}; ///< What is measured, e.g. "papers submitted".
    std::string unit{};   ///< e.g. "papers", "minutes", "%"; may be empty.
    double baseline = 0;  ///< Where the learner starts.
    double target = 0;    ///< Where the goal is reached; ≠ baseline (below it: decreasing).
    /// True when the goal is to go down (target below baseline).
    bool decreasing() const noexcept { return target < baseline; }
    bool operator==(const Measure&) const = default;
};

/// A request to create a goal (status draft).
struct NewGoal {
    RelationshipId relationship{};
    std::string title{}; ///< Required.
    GoalFunction function = GoalFunction::skill_development;
    std::optional<Measure> measure{}; ///< Set: measurable; empty: open-ended.
    std::optional<Date> due{};        ///< Optional due date.
    PersonId by{};                    ///< An owner of goals under the model.
    std::optional<Date> on{};         ///< Day of creation; defaults to today.
};

/// Changes to a draft or active goal; empty members stay as they are.
struct GoalChanges {
    std::optional<std::string> title{};
    std::optional<GoalFunction> function{};
    std::optional<Measure> measure{};         ///< Measurable goals only.
    std::optional<std::optional<Date>> due{}; ///< Set to an empty optional to clear.
};

/// A milestone: an ordered step of a goal, done or not.
struct Milestone {
    std::string title{};
    std::optional<Date> due{};
    std::optional<Date> done_on{};
    bool done() const noexcept { return done_on.has_value(); }
};

/// A stored goal.
struct Goal {
    GoalId id{};
    RelationshipId relationship{};
    PersonId learner{};
    std::string title{};
    GoalKind kind = GoalKind::open_ended;
    GoalFunction function = GoalFunction::skill_development;
    std::optional<Measure> measure{};
    std::optional<Date> due{};
    GoalStatus status = GoalStatus::draft;
    PersonId created_by{};
    Date created_on{};
    std::optional<Date> activated_on{};
    std::optional<Date> closed_on{}; ///< When achieved or abandoned.
    std::optional<std::string> close_reason{};
    std::vector<Milestone> milestones{};
};

/// A progress record. Never edited: a correction is a new check-in that supersedes it.
struct CheckIn {
    CheckInId id{};
    GoalId goal{};
    Date on{};
    std::optional<double> value{};
    std::optional<std::string> note{};
    PersonId by{};
    std::optional<CheckInId> supersedes{};    ///< The check-in this one corrects.
    std::optional<CheckInId> superseded_by{}; ///< Set when a later correction replaced it.
    Timestamp recorded_at{};
    bool effective() const noexcept { return !superseded_by.has_value(); }
};

/// The assessment of one goal as of a day (see the method in this header's documentation).
struct GoalReview {
    GoalId goal{};
    GoalKind kind = GoalKind::open_ended;
    GoalStatus status = GoalStatus::draft;
    int check_ins = 0; ///< Effective check-ins.
    std::optional<double> latest_value{};
    std::optional<Date> latest_on{}; ///< Day of the latest effective check-in.
    std::optional<double> progress{};
    std::optional<double> trend_per_week{};
    std::optional<double> projected{};
    std::optional<double> projected_progress{};
    std::optional<Forecast> forecast{};
    int milestones_done = 0;
    int milestones_total = 0;
    bool overdue = false; ///< Active with a due date before the day.
};

/// One goal's line in a periodic review.
struct ReviewItem {
    GoalId goal{};
    ReviewDecision decision = ReviewDecision::kept;
    std::string reason{};  ///< Required for every decision but kept.
    GoalChanges changes{}; ///< Applied when the decision is changed.
};

/// A recorded periodic review: every active goal re-assessed, with its progress then.
struct GoalReviewRecord {
    GoalReviewId id{};
    RelationshipId relationship{};
    Date held_on{};
    PersonId held_by{};
    std::string summary{};
    struct Line {
        GoalId goal{};
        ReviewDecision decision = ReviewDecision::kept;
        std::string reason{};
        std::optional<double> progress{};   ///< Progress when reviewed.
        std::optional<Forecast> forecast{}; ///< Forecast when reviewed.
    };
    std::vector<Line> lines{};
};

/// Goals, milestones, check-ins and reviews. Reads name the acting person: only the
/// relationship's two parties read its goals, check-ins and reviews (store.hpp "Who reads
/// what"); anyone else gets PermissionDenied (not_a_party), an unknown person NotFound.
/// review_all() is the one store-wide read: numbers and states only, for program research.
class Goals {
public:
    explicit Goals(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Creates a draft goal. Refuses a non-owner under the model (PermissionDenied), an ended or
    /// declined relationship (RuleViolation invalid_transition), an empty title, a target equal
    /// to the baseline, a non-finite number or an empty metric (InvalidArgument).
    GoalId create(const NewGoal& goal);
    /// The goal with its milestones, for a party of its relationship (`acting`). NotFound for
    /// an unknown goal or person, PermissionDenied (not_a_party) for anyone else.
    Goal get(GoalId id, PersonId acting) const;
    /// The goals of a relationship, ordered by id, for a party (`acting`; as get()).
    std::vector<Goal> list(RelationshipId relationship, PersonId acting) const;
    /// Changes a draft or active goal (owners only); the audit log keeps the old values.
    void update(GoalId id, const GoalChanges& changes, PersonId by);

    /// draft → active.
    void activate(GoalId id, PersonId by, Date on);
    /// active → achieved (the reason may be empty).
    void achieve(GoalId id, PersonId by, Date on, const std::string& reason = {});
    /// draft or active → abandoned; a reason is required.
    void abandon(GoalId id, PersonId by, Date on, const std::string& reason);

    /// Appends a milestone (owners only, draft or active goals); returns its index.
    std::size_t add_milestone(GoalId id, const std::string& title, std::optional<Date> due,
                              PersonId by);
    /// Marks milestone `index` done (either party; active goals).
    void complete_milestone(GoalId id, std::size_t index, PersonId by, Date on);

    /// Records progress on an active goal: a value (measurable goals only) and/or a note.
    /// Refused: by a non-party, dated before the relationship started, after it ended or in the
    /// future, on a goal that is not active.
    CheckInId check_in(GoalId id, PersonId by, Date on, std::optional<double> value,
                       const std::string& note = {});
    /// Records a correction of an effective check-in: a new check-in dated like the original
    /// that supersedes it; both are kept.
    CheckInId correct(CheckInId id, PersonId by, std::optional<double> value,
                      const std::string& note);
    /// All check-ins of a goal (effective and superseded, with their notes), oldest day
    /// first, for a party of its relationship (`acting`; as get()).
    std::vector<CheckIn> check_ins(GoalId id, PersonId acting) const;

    /// The review of one goal as of `as_of` (default: today), for a party (as get()).
    GoalReview review(GoalId id, PersonId acting, std::optional<Date> as_of = {}) const;
    /// The reviews of every goal of a relationship, for a party (`acting`; as get()).
    std::vector<GoalReview> reviews(RelationshipId relationship, PersonId acting,
                                    std::optional<Date> as_of = {}) const;
    /// The reviews of every goal in the store, in one pass: the aggregate read for programs,
    /// research and benchmarks, with no acting person. A GoalReview carries ids, states,
    /// counts and numbers only — no title, milestone or check-in note — so nothing written in
    /// a relationship as text leaves it through this call (store.hpp "Who reads what").
    std::vector<GoalReview> review_all(std::optional<Date> as_of = {}) const;

    /// Holds a periodic review: one item for every active goal of the relationship (no more,
    /// no fewer), applied together in one transaction and recorded as one event. Either party
    /// may hold it; decisions other than "kept" follow the owner rule and need a reason.
    GoalReviewId hold_review(RelationshipId relationship, PersonId by, Date on,
                             const std::vector<ReviewItem>& items, const std::string& summary = {});
    /// The recorded reviews of a relationship, oldest first, for a party (`acting`; as get()).
    std::vector<GoalReviewRecord> review_history(RelationshipId relationship,
                                                 PersonId acting) const;

    /// True when `person` may create and edit goals of the relationship under its model.
    bool is_owner(const Relationship& relationship, PersonId person) const noexcept;

private:
    detail::StoreImpl* m_impl;
};

/// Lower-case names ("open_ended", "career_guidance", "at_risk", ...).
std::string_view to_string(GoalKind value) noexcept;
std::string_view to_string(GoalFunction value) noexcept;
std::string_view to_string(GoalStatus value) noexcept;
std::string_view to_string(Forecast value) noexcept;
std::string_view to_string(ReviewDecision value) noexcept;

} // namespace mentorkit
