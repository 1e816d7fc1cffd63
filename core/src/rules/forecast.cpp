#include "rules/forecast.hpp"

#include <algorithm>
#include <unordered_set>

namespace mentorkit::rules {

namespace {

double progress_of(const GoalFacts& g, double value) {
    return (value - g.baseline) / (g.target - g.baseline);
}

} // namespace

GoalReview review_goal(const GoalFacts& g, std::vector<CheckInPoint> points, int milestones_done,
                       int milestones_total, Date as_of) {
    GoalReview r;
    r.goal = g.id;
    r.kind = g.kind;
    r.status = g.status;
    r.milestones_done = milestones_done;
    r.milestones_total = milestones_total;
    r.overdue = g.status == GoalStatus::active && g.due && *g.due < as_of;

    // Superseded check-ins stay in the history but do not count.
    std::unordered_set<std::int64_t> superseded;
    for (const CheckInPoint& p : points)
        if (p.supersedes)
            superseded.insert(*p.supersedes);
    std::stable_sort(points.begin(), points.end(),
                     [](const CheckInPoint& a, const CheckInPoint& b) {
                         return a.on != b.on ? a.on < b.on : a.id < b.id;
                     });
    std::vector<const CheckInPoint*> valued;
    for (const CheckInPoint& p : points) {
        if (superseded.count(p.id) || p.on > as_of)
            continue;
        ++r.check_ins;
        r.latest_on = p.on;
        if (p.value)
            valued.push_back(&p);
    }
    if (g.kind != GoalKind::measurable)
        return r;

    std::optional<double> slope_per_day;
    if (!valued.empty()) {
        const CheckInPoint& latest = *valued.back();
        r.latest_value = latest.value;
        r.progress = progress_of(g, *latest.value);

        // Least squares over the most recent valued check-ins, x in days from the first.
        std::size_t first = valued.size() > kTrendWindow ? valued.size() - kTrendWindow : 0;
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        Date origin = valued[first]->on;
        for (std::size_t i = first; i < valued.size(); ++i) {
            double x = static_cast<double>((valued[i]->on - origin).count());
            double y = *valued[i]->value;
            n += 1;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denom = n * sxx - sx * sx;
        if (n >= 2 && denom > 0) {
            slope_per_day = (n * sxy - sx * sy) / denom;
            r.trend_per_week = *slope_per_day * 7.0;
        }
        if (g.due) {
            if (latest.on >= *g.due)
                r.projected = *latest.value;
            else if (slope_per_day)
                r.projected = *latest.value +
                              *slope_per_day * static_cast<double>((*g.due - latest.on).count());
            if (r.projected)
                r.projected_progress = progress_of(g, *r.projected);
        }
    }

    if (!g.due || (g.status != GoalStatus::active && g.status != GoalStatus::achieved))
        return r;
    if (g.status == GoalStatus::achieved || (r.progress && *r.progress >= 1.0))
        r.forecast = Forecast::on_track;
    else if (*g.due < as_of)
        r.forecast = Forecast::off_track;
    else if (valued.size() < 2 || (valued.back()->on - valued.front()->on).count() < 7)
        r.forecast = Forecast::too_early;
    else if (r.projected_progress && *r.projected_progress >= 1.0)
        r.forecast = Forecast::on_track;
    else if (r.projected_progress && *r.projected_progress >= 0.75)
        r.forecast = Forecast::at_risk;
    else
        r.forecast = Forecast::off_track;
    return r;
}

} // namespace mentorkit::rules
