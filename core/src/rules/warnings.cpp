#include "rules/warnings.hpp"

#include <string>

namespace mentorkit::rules {

using namespace std::chrono;

std::vector<Warning> warnings(const Relationship& r, Date today, const WarningFacts& f) {
    std::vector<Warning> out;
    if (r.model == Model::coaching && r.is_open()) {
        if (!f.active_measurable_goal)
            out.push_back({WarningCode::coaching_without_measurable_goal,
                           "coaching is structured around clear, measurable goals; this "
                           "relationship has no active measurable goal"});
        if (!r.end)
            out.push_back({WarningCode::coaching_too_long,
                           "coaching usually lasts 6 to 12 months; this one has no planned end"});
        else if (*r.end > sys_days{year_month_day{r.start} + months{12}})
            out.push_back({WarningCode::coaching_too_long,
                           "coaching usually lasts 6 to 12 months; this one is planned until " +
                               to_string(*r.end)});
    }
    if (r.formality == Formality::flash && r.is_open() && today > r.start + days{kFlashLimitDays})
        out.push_back({WarningCode::flash_too_long,
                       "a flash relationship is short-term; this one has been open since " +
                           to_string(r.start) + ": convert it to informal or formal"});
    if (r.is_open() && r.end && today > *r.end)
        out.push_back({WarningCode::past_planned_end,
                       "the planned end " + to_string(*r.end) +
                           " has passed: complete the relationship or extend it"});
    if (r.supervision_justification)
        out.push_back(
            {WarningCode::crosses_supervision_line,
             "crosses a supervision line, allowed because: " + *r.supervision_justification});
    if (r.is_open()) {
        if (!f.in_force_version && r.status == Status::active)
            out.push_back({WarningCode::agreement_not_in_force,
                           "no version of the agreement is signed by both parties"});
        if (f.in_force_version && f.latest_version > *f.in_force_version)
            out.push_back({WarningCode::amendment_pending,
                           "agreement version " + std::to_string(f.latest_version) +
                               " awaits signatures; version " +
                               std::to_string(*f.in_force_version) + " stays in force until then"});
        // The review date of the agreement in force (else of the draft) has passed and no goal
        // review was held on or after it.
        if (r.status == Status::active && f.review_date && *f.review_date <= today &&
            (!f.last_review || *f.last_review < *f.review_date))
            out.push_back(
                {WarningCode::review_due,
                 "the review agreed for " + to_string(*f.review_date) + " has not been held"});
        if (f.overdue_goals > 0)
            out.push_back({WarningCode::goal_overdue, std::to_string(f.overdue_goals) +
                                                          " active goal(s) past their due date"});
        if (f.health == Health::stalled)
            out.push_back({WarningCode::silent_too_long,
                           "no meeting held for " + std::to_string(f.days_since_last_held) +
                               " days (cadence " + std::to_string(f.cadence_days) +
                               " days): an absent " + std::string(defaults_of(r.model).guide_role) +
                               " tells the " + std::string(defaults_of(r.model).learner_role) +
                               " they are not worth the time"});
        if (f.overdue_action_items > 0)
            out.push_back({WarningCode::overdue_action_items,
                           std::to_string(f.overdue_action_items) +
                               " open action item(s) past their due date"});
    }
    if (f.open_misunderstandings > 0)
        out.push_back({WarningCode::open_misunderstandings,
                       std::to_string(f.open_misunderstandings) +
                           " misunderstanding(s) raised and not resolved"});
    return out;
}

} // namespace mentorkit::rules
