#pragma once
/// @file programs.hpp
/// Programs (docs/domain.md "Programs and matching"; seed 002): a coordinator groups relationships
/// under a purpose and program-level goals, keeps a standards checklist, and lists the participants
/// to match (mentees with the areas they want to grow in and a preferred style; mentors with a
/// capacity).
///
/// A program is *effective* when it gets closer to its goals and of *quality* when it meets its
/// standards; both are reported as numbers.
///
/// ## Who may change a program
/// Every change is made `by` the program's coordinator (PermissionDenied otherwise), in one
/// transaction with its audit entry. Programs, program goals, standards and the links to
/// relationships are never deleted; assessments are appended (the latest one counts).
///
/// ## Effectiveness (EffectivenessReport)
/// Computed as of a day (default today) from the program's relationships (those linked by
/// Programs::add_relationship or created by accepting matches). A relationship has *started*
/// when both parties accepted it (it became active at some point, whatever its status now).
/// ProgramNumbers holds every derived metric; a program goal measures exactly one of them
/// (ProgramMetric), so its progress is never typed in:
/// - goal_attainment: among the measurable goals (status active or achieved, i.e. not draft or
///   abandoned) of started relationships, the share *attained*: achieved, or progress ≥ 1 as of
///   the day (progress as in goals.hpp: latest effective check-in value on or before the day).
///   Empty when there is no such goal.
/// - mean_goal_progress: the mean over the same goals of their progress clamped to [0, 1]
///   (achieved goals count 1, goals without a valued check-in count 0). Empty without goals.
/// - held_ratio: Σ held / Σ planned meetings over started relationships (meetings.hpp: planned
///   counts every scheduled meeting whatever its outcome). Empty when nothing was planned.
/// - mean_held_first_90_days: the mean number of meetings held in the first 90 days of each
///   started relationship ("the frequency of interaction in the first months predicts
///   success"). Empty without started relationships.
/// - share_on_track: among the active relationships whose health is judged (meetings.hpp; not
///   too_early), the share on_track. Empty when none is judged.
/// - started_relationships, completed_relationships: counts.
///
/// Goal progress is judged as of the day; the meeting metrics and health come from the
/// meetings' summary rows (meetings.hpp), which are as of now, and statuses are the current ones.
///
/// A program goal has a baseline and a target of that metric and a direction (increase:
/// target > baseline, decrease: target < baseline); its progress is
/// (current − baseline) / (target − baseline), not clamped (as for relationship goals), and it is
/// attained when current reaches the target in its direction. Shares are fractions in [0, 1].
///
/// ## Quality (QualityReport)
/// Each standard's latest assessment counts: met = 1, partly = 0.5, not met = 0. The score is
/// the mean over assessed standards (empty when none is assessed); unassessed standards are
/// listed separately, never counted as 0.

#include "mentorkit/relationships.hpp"
#include "mentorkit/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// Identifies a program.
enum class ProgramId : std::int64_t {};
/// Identifies a program-level goal.
enum class ProgramGoalId : std::int64_t {};
/// Identifies an item of a program's standards checklist.
enum class StandardId : std::int64_t {};

/// The derived metric a program goal measures (see "Effectiveness" above).
enum class ProgramMetric {
    goal_attainment,         ///< Share of measurable goals attained (0..1).
    mean_goal_progress,      ///< Mean clamped progress of measurable goals (0..1).
    held_ratio,              ///< Held / planned meetings (0..1).
    mean_held_first_90_days, ///< Meetings held in the first 90 days, per started relationship.
    share_on_track,          ///< Share of judged active relationships on track (0..1).
    started_relationships,   ///< Relationships both parties accepted.
    completed_relationships, ///< Relationships completed.
};

/// Which way a program goal's metric should move.
enum class Direction {
    increase, ///< The target is above the baseline.
    decrease, ///< The target is below the baseline.
};

/// An assessment of one standard.
enum class Assessment {
    met,     ///< Counts 1.
    partly,  ///< Counts 0.5.
    not_met, ///< Counts 0.
};

/// A coordinator's mark on a mentee–mentor pair, used by matching.
enum class PairMark {
    wanted,    ///< Adds FitWeights::wanted to the pair's fit (a preference, not a must).
    forbidden, ///< The pair is never proposed (a hard constraint).
};

/// A request to create a program.
struct NewProgram {
    std::string name{};     ///< Required; unique (case-insensitively) in the store.
    std::string purpose{};  ///< What the program sets out to do; may be empty.
    PersonId coordinator{}; ///< Who runs it and may change it (must exist).
};

/// A stored program.
struct Program {
    ProgramId id{};
    std::string name{};
    std::string purpose{};
    PersonId coordinator{};
    Timestamp created_at{};
};

/// Changes to a program; empty members stay as they are.
struct ProgramChanges {
    std::optional<std::string> name{};
    std::optional<std::string> purpose{};
    std::optional<PersonId> coordinator{}; ///< Hands the program to another coordinator.
};

/// A request to add a program-level goal.
struct NewProgramGoal {
    std::string title{}; ///< Required.
    ProgramMetric metric = ProgramMetric::goal_attainment;
    std::string unit{}; ///< Optional display unit ("share", "meetings", ...).
    double baseline = 0;
    double target = 0;
    Direction direction = Direction::increase; ///< Must agree with baseline and target.
    std::optional<Date> due{};
};

/// A stored program-level goal.
struct ProgramGoal {
    ProgramGoalId id{};
    ProgramId program{};
    std::string title{};
    ProgramMetric metric = ProgramMetric::goal_attainment;
    std::string unit{};
    double baseline = 0;
    double target = 0;
    Direction direction = Direction::increase;
    std::optional<Date> due{};
    Timestamp created_at{};
};

/// One assessment of a standard (appended; the latest one counts).
struct StandardAssessment {
    StandardId standard{};
    Assessment rating = Assessment::not_met;
    std::string evidence{};
    Date on{};
    PersonId by{};
    Timestamp at{};
};

/// An item of the standards checklist with its latest assessment.
struct Standard {
    StandardId id{};
    ProgramId program{};
    std::string title{};
    std::string description{};
    std::optional<StandardAssessment> latest{}; ///< Empty while unassessed.
};

/// A mentee taking part in a program.
struct ProgramMentee {
    PersonId person{};
    /// The areas the mentee wants to grow in, most important first (at least one; distinct,
    /// compared case-insensitively). Without `board` the first is the focus of the match.
    std::vector<std::string> areas{};
    /// The mentoring style the mentee prefers; empty = no preference.
    std::optional<Style> preferred_style{};
    /// True: the mentee wants a board — one mentor per wanted area (mentor by committee).
    bool board = false;
};

/// A mentor taking part in a program.
struct ProgramMentor {
    PersonId person{};
    int capacity = 1; ///< How many mentees of this program at once (1..1000).
};

/// A marked pair.
struct MarkedPair {
    PersonId mentee{};
    PersonId mentor{};
    PairMark mark = PairMark::wanted;
    std::string reason{};
};

/// Every derived metric of a program as of a day (see "Effectiveness" above).
struct ProgramNumbers {
    int relationships = 0;    ///< Linked to the program (any status).
    int started = 0;          ///< Both parties accepted.
    int active = 0;           ///< Active now.
    int completed = 0;        ///< Completed.
    int measurable_goals = 0; ///< Active or achieved measurable goals of started ones.
    int goals_attained = 0;   ///< Of those, achieved or progress ≥ 1.
    std::optional<double> goal_attainment{};
    std::optional<double> mean_goal_progress{};
    int planned = 0; ///< Meetings planned (any outcome), started relationships.
    int held = 0;    ///< Meetings held, started relationships.
    std::optional<double> held_ratio{};
    int held_first_90_days = 0; ///< Sum over started relationships.
    std::optional<double> mean_held_first_90_days{};
    int health_judged = 0; ///< Active relationships with a health other than too_early.
    int on_track = 0;      ///< Of those, on track.
    std::optional<double> share_on_track{};

    /// The value of one metric (counts as doubles); empty when it cannot be measured yet.
    std::optional<double> value(ProgramMetric metric) const noexcept;
};

/// Progress of one program goal.
struct ProgramGoalProgress {
    ProgramGoal goal{};
    std::optional<double> current{};  ///< The metric's value; empty when not measurable yet.
    std::optional<double> progress{}; ///< (current − baseline) / (target − baseline).
    bool attained = false;            ///< current reached the target in the goal's direction.
    bool overdue = false;             ///< Not attained and the due date is before the day.
};

/// The effectiveness of a program: its numbers and each goal's progress.
struct EffectivenessReport {
    ProgramId program{};
    Date as_of{};
    ProgramNumbers numbers{};
    std::vector<ProgramGoalProgress> goals{}; ///< In goal id order.
};

/// The quality of a program against its standards checklist.
struct QualityReport {
    ProgramId program{};
    std::vector<Standard> standards{}; ///< Every item, in id order, with its latest assessment.
    int assessed = 0;
    int met = 0;
    int partly = 0;
    int not_met = 0;
    std::optional<double> score{};        ///< Mean over assessed items; empty when none is.
    std::vector<StandardId> unassessed{}; ///< Items never assessed.
};

/// Programs of a store (`Store::programs()`).
class Programs {
public:
    explicit Programs(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Creates a program. Refuses an empty name (InvalidArgument), an unknown coordinator
    /// (NotFound), a name already used (RuleViolation). `by` defaults to the coordinator.
    ProgramId create(const NewProgram& program, std::optional<PersonId> by = {});
    /// The program; throws NotFound.
    Program get(ProgramId id) const;
    /// Every program, ordered by id.
    std::vector<Program> list() const;
    /// Renames, changes the purpose or hands over to another coordinator (by the coordinator).
    void update(ProgramId id, const ProgramChanges& changes, PersonId by);

    /// Adds a program goal measuring one derived metric. Refuses an empty title, a non-finite
    /// number, a target equal to the baseline or a direction that contradicts them
    /// (InvalidArgument).
    ProgramGoalId add_goal(ProgramId id, const NewProgramGoal& goal, PersonId by);
    /// The program's goals, ordered by id.
    std::vector<ProgramGoal> goals(ProgramId id) const;

    /// Adds an item to the standards checklist; the description may be empty.
    StandardId add_standard(ProgramId id, const std::string& title, const std::string& description,
                            PersonId by);
    /// Appends an assessment of a standard (evidence text required; the day must not be in the
    /// future). The latest assessment (by day, then by order of recording) counts.
    void assess(StandardId standard, Assessment rating, const std::string& evidence, Date on,
                PersonId by);
    /// The checklist with each item's latest assessment, ordered by id.
    std::vector<Standard> standards(ProgramId id) const;
    /// Every assessment of one standard, oldest first.
    std::vector<StandardAssessment> assessments(StandardId standard) const;

    /// Links an existing relationship to the program (a relationship belongs to at most one
    /// program: RuleViolation otherwise). Links are kept forever.
    void add_relationship(ProgramId id, RelationshipId relationship, PersonId by);
    /// The program's relationships, ordered by id.
    std::vector<RelationshipId> relationships(ProgramId id) const;
    /// The program a relationship belongs to, if any.
    std::optional<ProgramId> program_of(RelationshipId relationship) const;

    /// Adds a mentee, or replaces an existing mentee's areas, preference and board flag.
    /// Refuses no area, an empty or repeated area (InvalidArgument), an unknown person
    /// (NotFound).
    void set_mentee(ProgramId id, const ProgramMentee& mentee, PersonId by);
    /// Removes a mentee (their relationships stay in the program); NotFound if not a mentee.
    void remove_mentee(ProgramId id, PersonId mentee, PersonId by);
    /// The mentees, ordered by person id.
    std::vector<ProgramMentee> mentees(ProgramId id) const;
    /// Adds a mentor or changes their capacity (1..1000, InvalidArgument otherwise).
    void set_mentor(ProgramId id, PersonId mentor, int capacity, PersonId by);
    /// Removes a mentor (their relationships stay in the program); NotFound if not a mentor.
    void remove_mentor(ProgramId id, PersonId mentor, PersonId by);
    /// The mentors, ordered by person id.
    std::vector<ProgramMentor> mentors(ProgramId id) const;

    /// Marks a pair wanted or forbidden for matching (replacing an earlier mark); the reason is
    /// required. Refuses the same person on both sides (InvalidArgument).
    void mark_pair(ProgramId id, PersonId mentee, PersonId mentor, PairMark mark,
                   const std::string& reason, PersonId by);
    /// Removes a mark; NotFound if the pair is not marked.
    void clear_mark(ProgramId id, PersonId mentee, PersonId mentor, PersonId by);
    /// The marked pairs, ordered by mentee then mentor.
    std::vector<MarkedPair> marks(ProgramId id) const;

    /// Effectiveness as of `as_of` (default today); see the method above.
    EffectivenessReport effectiveness(ProgramId id, std::optional<Date> as_of = {}) const;
    /// Quality against the standards checklist; see the method above.
    QualityReport quality(ProgramId id) const;

private:
    detail::StoreImpl* m_impl;
};

/// Lower-case names ("goal_attainment", "increase", "not_met", "forbidden").
std::string_view to_string(ProgramMetric value) noexcept;
std::string_view to_string(Direction value) noexcept;
std::string_view to_string(Assessment value) noexcept;
std::string_view to_string(PairMark value) noexcept;

} // namespace mentorkit
