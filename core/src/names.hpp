#pragma once
// The names of every enumeration, as stored in the database, written in operations and shown
// (to_string): one table per enumeration, in enumerator order, shared by storage and operations.

#include "enums.hpp"
#include "mentorkit/agreements.hpp"
#include "mentorkit/dashboard.hpp"
#include "mentorkit/goals.hpp"
#include "mentorkit/matching.hpp"
#include "mentorkit/meetings.hpp"
#include "mentorkit/notes.hpp"
#include "mentorkit/office_hours.hpp"
#include "mentorkit/programs.hpp"
#include "mentorkit/relationships.hpp"

namespace mentorkit::names {

using detail::EnumNames;

inline constexpr EnumNames<Model, 3> model{{"mentoring", "coaching", "supervision"}, "model"};
inline constexpr EnumNames<Formality, 3> formality{{"formal", "informal", "flash"}, "formality"};
inline constexpr EnumNames<Style, 3> style{{"traditional", "peer", "reverse"}, "style"};
inline constexpr EnumNames<Status, 6> status{
    {"proposed", "active", "paused", "declined", "completed", "withdrawn"}, "status"};
inline constexpr EnumNames<EventKind, 8> event{{"proposed", "accepted", "declined", "paused",
                                                "resumed", "completed", "withdrawn", "converted"},
                                               "event"};
// Audit actions are verbs, like every other action in the log ("propose", "sign").
inline constexpr EnumNames<EventKind, 8> event_action{
    {"propose", "accept", "decline", "pause", "resume", "complete", "withdraw", "convert"},
    "action"};
inline constexpr EnumNames<WarningCode, 12> warning{
    {"coaching_without_measurable_goal", "coaching_too_long", "flash_too_long", "past_planned_end",
     "crosses_supervision_line", "agreement_not_in_force", "amendment_pending",
     "open_misunderstandings", "review_due", "goal_overdue", "overdue_action_items",
     "silent_too_long"},
    "warning"};
inline constexpr EnumNames<ClauseKind, 10> clause{
    {"goals_and_approach", "communication", "meeting_cadence", "setting", "confidentiality",
     "boundaries", "agenda_ownership", "duration_and_review", "ending", "other"},
    "clause kind"};
inline constexpr EnumNames<AgreementState, 5> agreement_state{
    {"draft", "partially_signed", "in_force", "superseded", "replaced"}, "agreement state"};
inline constexpr EnumNames<AgreementSummary, 4> agreement_summary{
    {"draft", "awaiting_signature", "in_force", "amendment_pending"}, "agreement summary"};
inline constexpr EnumNames<GoalKind, 2> goal_kind{{"measurable", "open_ended"}, "goal kind"};
inline constexpr EnumNames<GoalFunction, 5> goal_function{{"career_guidance", "skill_development",
                                                           "sponsorship", "psychosocial_support",
                                                           "role_modelling"},
                                                          "goal function"};
inline constexpr EnumNames<GoalStatus, 4> goal_status{{"draft", "active", "achieved", "abandoned"},
                                                      "goal status"};
inline constexpr EnumNames<Forecast, 4> forecast{{"too_early", "on_track", "at_risk", "off_track"},
                                                 "forecast"};
inline constexpr EnumNames<ReviewDecision, 4> decision{{"kept", "changed", "achieved", "abandoned"},
                                                       "review decision"};
inline constexpr EnumNames<Setting, 3> setting{{"in_person_public", "in_person_private", "virtual"},
                                               "setting"};
inline constexpr EnumNames<MeetingStatus, 4> meeting_status{
    {"planned", "held", "cancelled", "no_show"}, "meeting status"};
inline constexpr EnumNames<Health, 4> health{{"too_early", "on_track", "needs_check_in", "stalled"},
                                             "health"};
inline constexpr EnumNames<Visibility, 3> visibility{{"private", "pair", "board"}, "visibility"};
inline constexpr EnumNames<NoteKind, 2> note_kind{{"note", "resistance"}, "note kind"};
inline constexpr EnumNames<Recurrence, 3> recurrence{{"weekly", "monthly_weekday", "monthly_day"},
                                                     "recurrence"};
inline constexpr EnumNames<ProgramMetric, 7> metric{
    {"goal_attainment", "mean_goal_progress", "held_ratio", "mean_held_first_90_days",
     "share_on_track", "started_relationships", "completed_relationships"},
    "program metric"};
inline constexpr EnumNames<Direction, 2> direction{{"increase", "decrease"}, "direction"};
inline constexpr EnumNames<Assessment, 3> assessment{{"met", "partly", "not_met"}, "assessment"};
inline constexpr EnumNames<PairMark, 2> mark{{"wanted", "forbidden"}, "pair mark"};
inline constexpr EnumNames<UnmatchedReason, 3> unmatched{
    {"no_admissible_mentor", "no_capacity_left", "already_matched"}, "unmatched reason"};

} // namespace mentorkit::names
