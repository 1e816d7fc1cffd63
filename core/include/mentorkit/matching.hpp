#pragma once
/// @file matching.hpp
/// Optimal matching of a program's mentees to its mentors (docs/domain.md "Programs and matching":
/// "an optimal assignment over the whole program, not greedy first-come pairing").
///
/// Two layers: solve_assignment() is the pure solver over a score matrix (no store, no SQL);
/// Matching (`Store::matching()`) builds the scores of a program from the store, runs the
/// solver, explains every proposal, and turns accepted proposals into relationships.
///
/// ## The solver
/// Rows (demands) are assigned to columns (mentors); column j takes at most `capacity[j]` rows;
/// rows that share a group (a mentee's board) never share a column; a pair scored kForbidden is
/// never assigned. Among all such assignments the solver returns one that assigns the most rows
/// and, among those, has the highest total score — exactly (integer scores, no tolerance).
///
/// Method: successive shortest augmenting paths on the min-cost flow network source → row →
/// (group, column) → column → sink with Johnson potentials (Dijkstra on reduced costs), in the
/// dense Hungarian/Jonker–Volgenant form: rows are added one at a time, each Dijkstra runs over
/// the columns with flat arrays and no heap, and a column with capacity is one node whose
/// assigned rows are reached through their residual arcs — so capacity c costs nothing extra
/// (the problem is never expanded into c copies of the column). "Leave the row unassigned" is
/// a dummy column of unbounded capacity whose cost exceeds any difference in total score, which
/// makes "most rows first, then best score" one objective and lets a later row take a seat from
/// an earlier, weaker one. Each added row costs O(visited columns × (rows per column + 1) ×
/// columns) in the worst case, typically far less.
///
/// ## Fit (Matching::run)
/// A *demand* is a mentee's wish for one mentor: a mentee with `board` has one demand per
/// wanted area (focus = that area, areas counted = that area); otherwise one demand (focus =
/// the first wanted area, areas counted = every wanted area). With the mentor's level `t(a)`
/// and the mentee's `m(a)` in area a (0 when not listed), the fit of a mentor for a demand is
/// the sum of four terms, each reported in FitBreakdown:
/// - expertise = weights.expertise × Σ_a t(a);
/// - margin    = weights.margin × Σ_a (t(a) − m(a)) (negative when the mentee knows more);
/// - style     = weights.style when the mentee prefers a style and the style the hierarchy gives
///   the pair for the focus (Relationships::derive_style: traditional if the mentor's level is
///   higher, peer if equal, reverse if lower) is that style; 0 otherwise;
/// - wanted    = weights.wanted when the coordinator marked the pair wanted; 0 otherwise.
///
/// ## Hard constraints (a pair that breaks one is never proposed)
/// - the mentor is not the mentee; the coordinator did not mark the pair forbidden;
/// - no supervision line: neither is in the other's supervisor chain (People::supervises);
/// - the core would accept the relationship: reverse mentoring needs a mentor more expert in
///   the focus than the mentee; no open mentoring relationship (proposed, active or paused) of
///   the mentor with the mentee exists — on any focus, so a board never seats one mentor twice;
/// - capacity: a mentor takes at most capacity − (the mentor's open mentoring relationships in
///   the program: proposed ones hold a seat as much as active ones) new mentees;
/// - one mentor per demand, and one seat per mentor on a mentee's board.
///
/// A demand already served — a board area with an open mentoring relationship in the program
/// on that focus, or a mentee without a board who has any open mentoring relationship in the
/// program — is reported unmatched with reason already_matched and takes no seat.

#include "mentorkit/programs.hpp"
#include "mentorkit/relationships.hpp"
#include "mentorkit/types.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// The score of a pair that must never be assigned.
inline constexpr std::int64_t kForbidden = std::numeric_limits<std::int64_t>::min();
/// Scores must lie in [−kMaxScore, kMaxScore] (kForbidden aside), so every sum stays exact.
inline constexpr std::int64_t kMaxScore = 1'000'000'000;
/// The most rows or columns solve_assignment accepts.
inline constexpr std::size_t kMaxAssignmentSize = 1'000'000;

/// The result of solve_assignment.
struct AssignmentResult {
    std::vector<int> column{}; ///< Per row: the column assigned, or −1.
    std::int64_t total = 0;    ///< Sum of the assigned rows' scores.
    int assigned = 0;          ///< Rows assigned.
};

/// Solves the capacitated assignment problem exactly (see "The solver" above).
/// @param scores   rows × columns scores, row-major; kForbidden marks a pair never assigned.
/// @param capacity per column, how many rows it may take (≥ 0).
/// @param groups   optional, per row: rows with equal values never share a column (empty: every
///                 row is its own group).
/// Throws InvalidArgument when sizes do not match, a capacity is negative, a score is outside
/// [−kMaxScore, kMaxScore] or a dimension exceeds kMaxAssignmentSize.
AssignmentResult solve_assignment(std::span<const std::int64_t> scores, std::size_t rows,
                                  std::size_t columns, std::span<const int> capacity,
                                  std::span<const std::int64_t> groups = {});

/// The weights of the fit terms (0..1000 each; see "Fit" above).
struct FitWeights {
    int expertise = 10; ///< Per level of the mentor's expertise in an area counted.
    int margin = 5;     ///< Per level the mentor is above the mentee in an area counted.
    int style = 20;     ///< When the hierarchy gives the pair the mentee's preferred style.
    int wanted = 50;    ///< When the coordinator marked the pair wanted.
};

/// A fit score broken down by term.
struct FitBreakdown {
    std::int64_t expertise = 0;
    std::int64_t margin = 0;
    std::int64_t style = 0;
    std::int64_t wanted = 0;
    /// The sum of the terms (what the solver maximises).
    std::int64_t total() const noexcept { return expertise + margin + style + wanted; }
};

/// Options of a matching run.
struct MatchOptions {
    FitWeights weights{};
};

/// One proposed match, explained.
struct MatchProposal {
    PersonId mentee{};
    PersonId mentor{};
    std::string focus{};          ///< The relationship's focus area.
    bool board_seat = false;      ///< Part of a board (one of several areas of the mentee).
    Style style = Style::peer;    ///< The style the hierarchy gives the pair for the focus.
    bool style_preferred = false; ///< The mentee asked for exactly this style.
    bool wanted = false;          ///< The coordinator marked the pair wanted.
    FitBreakdown fit{};
};

/// Why a demand got no mentor.
enum class UnmatchedReason {
    no_admissible_mentor, ///< Every mentor breaks a hard constraint (or there is none).
    no_capacity_left,     ///< Admissible mentors exist, but their seats went to better uses.
    already_matched,      ///< An open mentoring relationship in the program serves it already.
};

/// A demand without a proposal.
struct UnmatchedDemand {
    PersonId mentee{};
    std::string focus{};
    bool board_seat = false;
    UnmatchedReason reason = UnmatchedReason::no_admissible_mentor;
    int admissible_mentors = 0; ///< Mentors that break no pair constraint (seats aside).
};

/// Seats of one mentor in a run.
struct MentorSeats {
    PersonId mentor{};
    int capacity = 0; ///< As set for the program.
    int open = 0;     ///< Open mentoring relationships in the program (seats taken).
    int proposed = 0; ///< Seats this run proposes to fill.
};

/// The outcome of a matching run (nothing is written).
struct MatchingResult {
    ProgramId program{};
    std::vector<MatchProposal> proposals{}; ///< Ordered by mentee, then focus position.
    std::vector<UnmatchedDemand> unmatched{};
    std::vector<MentorSeats> mentors{}; ///< Ordered by person id.
    std::int64_t total_score = 0;       ///< Sum of the proposals' fit totals.
};

/// The terms of the relationships accepted matches create.
struct MatchTerms {
    Date start{};                      ///< Planned start of every relationship.
    Date end{};                        ///< Planned end (formal relationships need one).
    std::optional<Date> proposed_on{}; ///< Defaults like Relationships::propose.
};

/// Matching of a program (`Store::matching()`).
class Matching {
public:
    explicit Matching(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Computes an optimal matching of the program's current participants (see the fit and
    /// constraints above). Reads only. Throws NotFound for an unknown program, InvalidArgument
    /// for a weight outside 0..1000.
    MatchingResult run(ProgramId program, const MatchOptions& options = {}) const;

    /// Accepts proposals (all of a run's, or a selection): each becomes a formal mentoring
    /// relationship proposed by the coordinator `by` (both parties then accept it as usual),
    /// linked to the program, whose agreement starts as the mentoring template's draft — all in
    /// one transaction. Every proposal is checked again against the current state first: the
    /// coordinator (PermissionDenied), participants and focus (InvalidArgument), the same
    /// mentee and mentor or mentee and focus twice (InvalidArgument), a forbidden mark,
    /// capacity, a supervision line, reverse mentoring without expertise, an open relationship
    /// of the pair (RuleViolation, with the core's codes). One refusal refuses all; nothing is
    /// written. Returns the new relationships in the order of `proposals`.
    std::vector<RelationshipId> accept(ProgramId program,
                                       const std::vector<MatchProposal>& proposals,
                                       const MatchTerms& terms, PersonId by);

private:
    detail::StoreImpl* m_impl;
};

/// "no_admissible_mentor", "no_capacity_left", "already_matched".
std::string_view to_string(UnmatchedReason value) noexcept;

} // namespace mentorkit
