#include "rules/coaching.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace mentorkit::rules {

std::vector<SkillProgress> skill_progress(std::vector<CoachingCycle> cycles) {
    auto fold = [](std::string s) {
        for (char& c : s)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        return s;
    };
    std::map<std::string, std::vector<CoachingCycle>> by_skill;
    for (CoachingCycle& c : cycles)
        by_skill[fold(c.skill)].push_back(std::move(c));
    std::vector<SkillProgress> out;
    for (auto& [key, series] : by_skill) {
        SkillProgress p;
        p.skill = series.front().skill;
        p.cycles = static_cast<int>(series.size());
        p.first_score = series.front().score;
        p.latest_score = series.back().score;
        p.first_on = series.front().on;
        p.latest_on = series.back().on;
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (std::size_t i = 0; i < series.size(); ++i) {
            p.best_score = std::max(p.best_score, series[i].score);
            double x = static_cast<double>(i + 1), y = series[i].score;
            n += 1;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denom = n * sxx - sx * sx;
        p.slope_per_cycle = denom > 0 ? (n * sxy - sx * sy) / denom : 0.0;
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace mentorkit::rules
