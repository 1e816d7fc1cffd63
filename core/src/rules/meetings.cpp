#include "rules/meetings.hpp"

#include <algorithm>

namespace mentorkit::rules {

using namespace std::chrono;

MeetingSummary summarize(const Relationship& r, const std::vector<MeetingFact>& meetings) {
    MeetingSummary x;
    Date previous = r.start;
    for (const MeetingFact& m : meetings) {
        ++x.planned;
        if (m.status == MeetingStatus::held) {
            ++x.held;
            if (m.day < r.start + days{kFirstDays})
                ++x.held_first_90;
            if (!x.first_held)
                x.first_held = m.day;
            x.longest_gap = std::max(x.longest_gap, static_cast<int>((m.day - previous).count()));
            previous = m.day;
            x.last_held = m.day;
            x.misses = 0;
        } else if (m.status == MeetingStatus::cancelled) {
            (m.cancelled_by == r.guide ? x.cancelled_guide : x.cancelled_learner)++;
            ++x.misses;
        } else if (m.status == MeetingStatus::no_show) {
            (m.absent == r.guide ? x.no_show_guide : x.no_show_learner)++;
            ++x.misses;
        }
    }
    return x;
}

bool add_outcome(MeetingSummary& x, const Relationship& r, const MeetingFact& m, int misses_after) {
    if (x.last_held && m.day <= *x.last_held)
        return false;
    switch (m.status) {
    case MeetingStatus::held: {
        ++x.held;
        if (m.day < r.start + days{kFirstDays})
            ++x.held_first_90;
        if (!x.first_held)
            x.first_held = m.day;
        Date previous = x.last_held.value_or(r.start);
        x.longest_gap = std::max(x.longest_gap, static_cast<int>((m.day - previous).count()));
        x.last_held = m.day;
        // Misses dated after this meeting still count as misses since the last held one.
        x.misses = misses_after;
        break;
    }
    case MeetingStatus::cancelled:
        (m.cancelled_by == r.guide ? x.cancelled_guide : x.cancelled_learner)++;
        ++x.misses;
        break;
    case MeetingStatus::no_show:
        (m.absent == r.guide ? x.no_show_guide : x.no_show_learner)++;
        ++x.misses;
        break;
    case MeetingStatus::planned:
        break;
    }
    return true;
}

MeetingStats stats_of(RelationshipId id, Status status, Date start, const MeetingSummary& x,
                      int cadence, Date today) {
    MeetingStats st;
    st.relationship = id;
    st.planned = x.planned;
    st.held = x.held;
    st.cancelled_by_guide = x.cancelled_guide;
    st.cancelled_by_learner = x.cancelled_learner;
    st.no_show_guide = x.no_show_guide;
    st.no_show_learner = x.no_show_learner;
    st.held_first_90_days = x.held_first_90;
    st.last_held = x.last_held;
    st.misses_since_last_held = x.misses;
    st.cadence_days = cadence;
    Date since = x.last_held.value_or(start);
    st.days_since_last_held = std::max(0, static_cast<int>((today - since).count()));
    st.longest_gap_days = x.longest_gap;
    bool open = status == Status::active || status == Status::paused || status == Status::proposed;
    if (open)
        st.longest_gap_days = std::max(st.longest_gap_days, st.days_since_last_held);
    if (status == Status::active) {
        double silence = st.days_since_last_held;
        if (!x.last_held && (today - start).count() < cadence)
            st.health = Health::too_early;
        else if (silence > 2.0 * cadence)
            st.health = Health::stalled;
        else if (silence > 1.25 * cadence || x.misses >= 2)
            st.health = Health::needs_check_in;
        else
            st.health = Health::on_track;
    }
    return st;
}

} // namespace mentorkit::rules
