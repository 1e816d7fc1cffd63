// The relationship view: lifecycle, agreement and misunderstandings, goals with check-ins and a
// progress chart, coaching cycles, meetings with agenda, outcome, ratings and notes, and the
// guide's office hours. Content is read through the acting person; a non-party sees the
// relationship's structure and is told why the rest is not shown.

#include "app.hpp"
#include "ui.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

namespace mentorkit::gui {

namespace {

constexpr auto kOfficeHoursAhead = std::chrono::days{28};

const char* role(const Relationship& r, PersonId p) {
    const ModelDefaults& d = defaults_of(r.model);
    if (p == r.guide)
        return d.guide_role.data();
    if (p == r.learner)
        return d.learner_role.data();
    return "not a party";
}

std::string describe(const RecurrenceRule& rule) {
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    std::string out;
    switch (rule.kind) {
    case Recurrence::weekly:
        out = rule.interval == 1 ? "every week on"
                                 : "every " + std::to_string(rule.interval) + " weeks on";
        for (std::chrono::weekday d : rule.weekdays)
            out += std::string(" ") + kDays[d.c_encoding()];
        break;
    case Recurrence::monthly_weekday:
        out =
            (rule.nth < 0 ? std::string("last ") : std::to_string(rule.nth) + ". ") +
            kDays[rule.weekday.c_encoding()] + " of every " +
            (rule.interval == 1 ? std::string("month") : std::to_string(rule.interval) + " months");
        break;
    case Recurrence::monthly_day:
        out =
            "day " + std::to_string(rule.day_of_month) + " of every " +
            (rule.interval == 1 ? std::string("month") : std::to_string(rule.interval) + " months");
        break;
    }
    return out;
}

// A goal's effective check-in values over time, with baseline, target and the projection to
// the due date, drawn with the window's draw list (x: days, y: the metric).
void progress_chart(const Goal& g, const GoalReview& review, const std::vector<CheckIn>& checks,
                    Date today) {
    if (!g.measure) {
        ImGui::TextDisabled("Open-ended goal: progress is recorded as notes.");
        return;
    }
    std::vector<std::pair<double, double>> pts; // (day, value)
    for (const CheckIn& c : checks)
        if (c.effective() && c.value)
            pts.emplace_back(static_cast<double>(c.on.time_since_epoch().count()), *c.value);
    const double start = static_cast<double>(
        (g.activated_on ? *g.activated_on : g.created_on).time_since_epoch().count());
    double end = static_cast<double>(today.time_since_epoch().count());
    if (g.due)
        end = std::max(end, static_cast<double>(g.due->time_since_epoch().count()));
    for (const auto& p : pts)
        end = std::max(end, p.first);
    double lo = std::min(g.measure->baseline, g.measure->target);
    double hi = std::max(g.measure->baseline, g.measure->target);
    for (const auto& p : pts) {
        lo = std::min(lo, p.second);
        hi = std::max(hi, p.second);
    }
    if (review.projected) {
        lo = std::min(lo, *review.projected);
        hi = std::max(hi, *review.projected);
    }
    if (hi - lo < 1e-9)
        hi = lo + 1;
    const float pad = 0.08f * static_cast<float>(hi - lo);
    const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 9);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##chart", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
    const double span = std::max(1.0, end - start);
    auto at = [&](double day, double v) {
        float x = p0.x + 4 + static_cast<float>((day - start) / span) * (size.x - 8);
        float y =
            p1.y - 4 - static_cast<float>((v - lo + pad) / (hi - lo + 2 * pad)) * (size.y - 8);
        return ImVec2(x, y);
    };
    const ImU32 grey = IM_COL32(150, 150, 150, 200), green = IM_COL32(90, 200, 110, 255);
    dl->AddLine(at(start, g.measure->baseline), at(end, g.measure->baseline), grey);
    dl->AddLine(at(start, g.measure->target), at(end, g.measure->target), green);
    dl->AddText(at(start, g.measure->target), green, "target");
    const double now = static_cast<double>(today.time_since_epoch().count());
    dl->AddLine(at(now, lo), at(now, hi), IM_COL32(120, 160, 230, 160));
    for (std::size_t i = 0; i < pts.size(); ++i) {
        ImVec2 q = at(pts[i].first, pts[i].second);
        if (i > 0)
            dl->AddLine(at(pts[i - 1].first, pts[i - 1].second), q, IM_COL32(230, 230, 230, 255),
                        2);
        dl->AddCircleFilled(q, 3.5f, IM_COL32(230, 230, 230, 255));
    }
    if (review.projected && g.due && !pts.empty()) {
        const ImU32 c = review.forecast == Forecast::on_track  ? green
                        : review.forecast == Forecast::at_risk ? IM_COL32(240, 180, 60, 255)
                                                               : IM_COL32(240, 90, 80, 255);
        const double due = static_cast<double>(g.due->time_since_epoch().count());
        ImVec2 a = at(pts.back().first, pts.back().second), b = at(due, *review.projected);
        // Dashed projection to the due date.
        for (int k = 0; k < 12; k += 2) {
            float t0 = static_cast<float>(k) / 12, t1 = static_cast<float>(k + 1) / 12;
            dl->AddLine(ImVec2(a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0),
                        ImVec2(a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1), c, 2);
        }
    }
}

} // namespace

void App::load_relationship() {
    m_rel_dirty = false;
    m_rel.reset();
    if (!m_selected)
        return;
    ++m_reloads;
    try {
        RelationshipData d;
        const RelationshipId id = *m_selected;
        d.rel = m_store.relationships().get(id);
        d.history = m_store.relationships().history(id);
        d.warnings = m_store.relationships().warnings(id);
        d.stats = m_store.meetings().stats(id);
        d.party = d.rel.is_party(m_acting);
        if (!d.party) {
            d.hidden_reason = "You act as " + name_of(m_acting) +
                              ", who is not a party to this relationship. Its agreement, goals, "
                              "meetings and notes stay with its two parties.";
            m_rel = std::move(d);
            return;
        }
        d.versions = m_store.agreements().versions(id, m_acting);
        d.misunderstandings = m_store.agreements().misunderstandings(id, m_acting);
        d.goals = m_store.goals().list(id, m_acting);
        std::vector<GoalReview> reviews = m_store.goals().reviews(id, m_acting);
        for (const Goal& g : d.goals) {
            auto it = std::find_if(reviews.begin(), reviews.end(),
                                   [&](const GoalReview& r) { return r.goal == g.id; });
            d.reviews.push_back(it != reviews.end() ? *it : GoalReview{});
            d.check_ins.push_back(m_store.goals().check_ins(g.id, m_acting));
        }
        d.review_history = m_store.goals().review_history(id, m_acting);
        if (d.rel.model != Model::supervision) {
            d.cycles = m_store.coaching().list(id, m_acting);
            d.skills = m_store.coaching().progress(id, m_acting);
        }
        d.actions = m_store.actions().list(id, m_acting);
        d.meetings = m_store.meetings().list(id, m_acting);
        for (const Meeting& mt : d.meetings)
            d.meeting_notes.push_back(m_store.notes().for_meeting(mt.id, m_acting));
        for (Note& n : m_store.notes().list(id, m_acting))
            if (!n.meeting)
                d.notes.push_back(std::move(n));
        const Timestamp now = m_store.now();
        for (OfficeHoursSlot& s : m_store.office_hours().list(d.rel.guide)) {
            if (std::find(s.spec.serves.begin(), s.spec.serves.end(), id) == s.spec.serves.end())
                continue;
            std::vector<Occurrence> next =
                m_store.office_hours().occurrences(s.id, now, now + kOfficeHoursAhead);
            if (!next.empty()) {
                auto [lo, hi] = std::minmax_element(next.begin(), next.end(),
                                                    [](const Occurrence& a, const Occurrence& b) {
                                                        return a.local_day < b.local_day;
                                                    });
                for (Booking& b :
                     m_store.office_hours().bookings(s.id, lo->local_day, hi->local_day, m_acting))
                    d.bookings.emplace_back(s.id, std::move(b));
            }
            d.upcoming.insert(d.upcoming.end(), next.begin(), next.end());
            d.slots.push_back(std::move(s));
        }
        std::sort(d.upcoming.begin(), d.upcoming.end(),
                  [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
        if (!d.versions.empty()) {
            const AgreementVersion& v = d.versions.back();
            if (m_in.clauses.size() != v.clauses.size()) {
                m_in.clauses.clear();
                for (const Clause& c : v.clauses)
                    m_in.clauses.push_back(c.text);
            }
            if (m_in.cadence_days == 0)
                m_in.cadence_days = v.terms.cadence_days.value_or(d.stats.cadence_days);
        }
        m_goal = std::min(m_goal, d.goals.empty() ? 0 : d.goals.size() - 1);
        m_meeting = std::min(m_meeting, d.meetings.empty() ? 0 : d.meetings.size() - 1);
        m_rel = std::move(d);
    } catch (const std::exception& e) {
        fail(std::string("Could not read the relationship: ") + e.what());
    }
}

void App::draw_relationship() {
    if (m_rel_dirty)
        load_relationship();
    if (!m_rel) {
        ImGui::TextDisabled("Select a relationship on the dashboard (click a row).");
        return;
    }
    const RelationshipData& d = *m_rel;
    const Relationship& r = d.rel;
    ImGui::Text("%s (%s)  ->  %s (%s)", name_of(r.guide).c_str(), role(r, r.guide),
                name_of(r.learner).c_str(), role(r, r.learner));
    ImGui::Text("%s, %s%s%s, %s, focus \"%s\", from %s%s%s", to_string(r.model).data(),
                to_string(r.formality).data(), r.style ? ", " : "",
                r.style ? to_string(*r.style).data() : "", to_string(r.status).data(),
                r.focus.c_str(), ui::date(r.start).c_str(), r.end ? " to " : "",
                r.end ? ui::date(*r.end).c_str() : "");
    if (d.stats.health)
        ImGui::TextColored(ui::colour(d.stats.health), "health: %s",
                           ui::label(to_string(*d.stats.health)).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("planned %d, held %d, longest gap %d d, %d d since last, cadence %d d",
                        d.stats.planned, d.stats.held, d.stats.longest_gap_days,
                        d.stats.days_since_last_held, d.stats.cadence_days);
    if (!d.party)
        ImGui::TextWrapped("%s", d.hidden_reason.c_str());
    if (!ImGui::BeginTabBar("##relationship"))
        return;
    if (ui::tab("Overview")) {
        draw_overview();
        ImGui::EndTabItem();
    }
    if (d.party) {
        if (ui::tab("Agreement")) {
            draw_agreement();
            ImGui::EndTabItem();
        }
        if (ui::tab("Goals")) {
            draw_goals();
            ImGui::EndTabItem();
        }
        if (r.model != Model::supervision && ui::tab("Coaching")) {
            draw_coaching();
            ImGui::EndTabItem();
        }
        if (ui::tab("Meetings")) {
            draw_meetings();
            ImGui::EndTabItem();
        }
        if (ui::tab("Office hours")) {
            draw_office_hours();
            ImGui::EndTabItem();
        }
    }
    ImGui::EndTabBar();
}

void App::draw_overview() {
    const RelationshipData& d = *m_rel;
    const Relationship& r = d.rel;
    const RelationshipId id = r.id;
    const Date today = m_store.today();
    if (!d.warnings.empty()) {
        ImGui::TextUnformatted("Warnings");
        for (const Warning& w : d.warnings)
            ImGui::BulletText("%s", w.message.c_str());
    }
    if (d.party && r.is_open()) {
        ImGui::Separator();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
        ImGui::InputTextWithHint("##reason", "reason (pause, complete, withdraw, decline)",
                                 &m_in.reason);
        const std::string reason = m_in.reason;
        if (r.status == Status::proposed) {
            const bool accepted = m_acting == r.guide ? r.guide_accepted : r.learner_accepted;
            if (!accepted && ui::button("Accept"))
                act("Accepted", [&] { m_store.relationships().accept(id, m_acting, today); });
            ImGui::SameLine();
            if (ui::button("Decline"))
                act("Declined",
                    [&] { m_store.relationships().decline(id, m_acting, today, reason); });
        }
        if (r.status == Status::active) {
            if (ui::button("Pause"))
                act("Paused", [&] { m_store.relationships().pause(id, m_acting, today, reason); });
            ImGui::SameLine();
        }
        if (r.status == Status::paused) {
            if (ui::button("Resume"))
                act("Resumed", [&] { m_store.relationships().resume(id, m_acting, today); });
            ImGui::SameLine();
        }
        if (r.status == Status::active || r.status == Status::paused) {
            if (ui::button("Complete"))
                act("Completed",
                    [&] { m_store.relationships().complete(id, m_acting, today, reason); });
            ImGui::SameLine();
        }
        if (ui::button("Withdraw"))
            act("Withdrawn",
                [&] { m_store.relationships().withdraw(id, m_acting, today, reason); });
    }
    ImGui::Separator();
    ImGui::TextUnformatted("History");
    for (const RelationshipEvent& e : d.history)
        ImGui::BulletText("%s  %s by %s%s%s", ui::date(e.on).c_str(), to_string(e.kind).data(),
                          name_of(e.actor).c_str(), e.reason ? ": " : "",
                          e.reason ? e.reason->c_str() : "");
    if (!d.actions.empty()) {
        ImGui::Separator();
        ImGui::TextUnformatted("Action items");
        for (const ActionItem& a : d.actions)
            ImGui::BulletText("%s%s%s%s", a.is_open() ? "[ ] " : "[x] ", a.title.c_str(),
                              a.due ? "  due " : "", a.due ? ui::date(*a.due).c_str() : "");
    }
}

void App::draw_agreement() {
    const RelationshipData& d = *m_rel;
    const RelationshipId id = d.rel.id;
    const Date today = m_store.today();
    if (d.versions.empty()) {
        ImGui::TextDisabled("No agreement.");
        return;
    }
    const AgreementVersion& latest = d.versions.back();
    ImGui::Text("Version %d: %s", latest.number, ui::label(to_string(latest.state)).c_str());
    for (const PersonId p : {d.rel.guide, d.rel.learner}) {
        ImGui::SameLine();
        ImGui::TextColored(
            latest.signed_by(p) ? ImVec4(0.4f, 0.85f, 0.45f, 1) : ImVec4(0.7f, 0.7f, 0.7f, 1),
            "%s %s", latest.signed_by(p) ? "signed:" : "not signed:", name_of(p).c_str());
    }
    const bool editable = latest.state == AgreementState::draft;
    const bool can_sign = (latest.state == AgreementState::draft ||
                           latest.state == AgreementState::partially_signed) &&
                          !latest.signed_by(m_acting);
    if (can_sign && ui::button("Sign"))
        act("Signed version " + std::to_string(latest.number),
            [&] { m_store.agreements().sign(id, latest.number, m_acting); });
    if (!editable) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
        ImGui::InputTextWithHint("##change", "what changes", &m_in.change_note);
        ImGui::SameLine();
        if (ui::button("Amend"))
            act("New version drafted",
                [&] { m_store.agreements().amend(id, m_acting, m_in.change_note); });
    }
    ImGui::Separator();
    for (std::size_t i = 0; i < latest.clauses.size(); ++i) {
        const Clause& c = latest.clauses[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TextColored(ImVec4(0.75f, 0.8f, 1, 1), "%s", c.title.c_str());
        if (editable && i < m_in.clauses.size()) {
            ImGui::InputTextMultiline("##text", &m_in.clauses[i],
                                      ImVec2(-ImGui::GetFontSize() * 6, ImGui::GetFontSize() * 3));
            ImGui::SameLine();
            if (m_in.clauses[i] != c.text && ui::button("Save"))
                act("Clause saved",
                    [&] { m_store.agreements().edit_clause(id, i, m_in.clauses[i], m_acting); });
        } else {
            ImGui::TextWrapped("%s", c.text.c_str());
        }
        ImGui::PopID();
    }
    if (editable) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::InputInt("meeting cadence (days)", &m_in.cadence_days);
        ImGui::SameLine();
        if (ui::button("Save cadence")) {
            AgreementTerms terms = latest.terms;
            terms.cadence_days = m_in.cadence_days;
            act("Cadence saved", [&] { m_store.agreements().set_terms(id, terms, m_acting); });
        }
    }
    if (ImGui::CollapsingHeader("Versions and signatures")) {
        for (const AgreementVersion& v : d.versions) {
            ImGui::BulletText("version %d: %s%s%s", v.number, ui::label(to_string(v.state)).c_str(),
                              v.change_note.empty() ? "" : " - ", v.change_note.c_str());
            for (const Signature& s : v.signatures) {
                ImGui::SameLine();
                ImGui::TextDisabled("%s signed %s", name_of(s.person).c_str(),
                                    ui::time(s.at).c_str());
            }
        }
    }
    ImGui::Separator();
    ImGui::TextUnformatted("Misunderstanding log");
    for (const Misunderstanding& m : d.misunderstandings) {
        ImGui::PushID(static_cast<int>(raw(m.id)));
        ImGui::BulletText("%s %s: %s", ui::date(m.raised_on).c_str(), name_of(m.raised_by).c_str(),
                          m.description.c_str());
        if (m.resolution) {
            ImGui::Indent();
            ImGui::TextDisabled(
                "resolved %s by %s: %s", m.resolved_on ? ui::date(*m.resolved_on).c_str() : "",
                m.resolved_by ? name_of(*m.resolved_by).c_str() : "", m.resolution->c_str());
            ImGui::Unindent();
        } else {
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
            ImGui::InputTextWithHint("##res", "resolution", &m_in.resolution);
            ImGui::SameLine();
            if (ui::button("Resolve"))
                act("Resolved", [&] {
                    m_store.agreements().resolve_misunderstanding(m.id, m_acting, today,
                                                                  m_in.resolution);
                });
        }
        ImGui::PopID();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    ImGui::InputTextWithHint("##raise", "describe a misunderstanding", &m_in.misunderstanding);
    ImGui::SameLine();
    if (ui::button("Raise"))
        act("Misunderstanding logged", [&] {
            m_store.agreements().raise_misunderstanding(id, m_acting, today, m_in.misunderstanding);
            m_in.misunderstanding.clear();
        });
}

void App::draw_goals() {
    const RelationshipData& d = *m_rel;
    const RelationshipId id = d.rel.id;
    const Date today = m_store.today();
    ImGui::BeginChild("##goal-list", ImVec2(ImGui::GetFontSize() * 18, 0), true);
    for (std::size_t i = 0; i < d.goals.size(); ++i) {
        const Goal& g = d.goals[i];
        const GoalReview& rv = d.reviews[i];
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(g.title.c_str(), m_goal == i))
            m_goal = i;
        ImGui::TextDisabled("  %s%s%s", to_string(g.status).data(), rv.forecast ? ", " : "",
                            rv.forecast ? ui::label(to_string(*rv.forecast)).c_str() : "");
        ImGui::PopID();
    }
    ImGui::Separator();
    ImGui::TextUnformatted("New goal");
    ImGui::InputTextWithHint("##title", "title", &m_in.goal_title);
    ImGui::Checkbox("measurable", &m_in.goal_measurable);
    if (m_in.goal_measurable) {
        ImGui::InputTextWithHint("##metric", "metric", &m_in.goal_metric);
        ImGui::InputDouble("baseline", &m_in.goal_baseline);
        ImGui::InputDouble("target", &m_in.goal_target);
    }
    ImGui::InputTextWithHint("##due", "due YYYY-MM-DD", &m_in.goal_due);
    if (ui::button("Add goal"))
        act("Goal added (draft)", [&] {
            NewGoal g;
            g.relationship = id;
            g.title = m_in.goal_title;
            g.by = m_acting;
            if (m_in.goal_measurable)
                g.measure = Measure{m_in.goal_metric, "", m_in.goal_baseline, m_in.goal_target};
            if (!m_in.goal_due.empty())
                g.due = ui::parse_day(m_in.goal_due, today);
            m_store.goals().create(g);
            m_in.goal_title.clear();
        });
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##goal");
    if (d.goals.empty()) {
        ImGui::TextDisabled("No goals yet.");
    } else {
        const Goal& g = d.goals[m_goal];
        const GoalReview& rv = d.reviews[m_goal];
        ImGui::Text("%s", g.title.c_str());
        ImGui::TextDisabled("%s, %s%s%s", to_string(g.status).data(),
                            ui::label(to_string(g.function)).c_str(), g.due ? ", due " : "",
                            g.due ? ui::date(*g.due).c_str() : "");
        if (g.measure)
            ImGui::Text("%s: %g -> %g %s", g.measure->metric.c_str(), g.measure->baseline,
                        g.measure->target, g.measure->unit.c_str());
        if (rv.progress)
            ImGui::Text("progress %.0f%%", *rv.progress * 100);
        if (rv.trend_per_week) {
            ImGui::SameLine();
            ImGui::Text("trend %+.2f / week", *rv.trend_per_week);
        }
        if (rv.projected_progress) {
            ImGui::SameLine();
            ImGui::Text("projected %.0f%% at due date", *rv.projected_progress * 100);
        }
        if (rv.forecast) {
            ImGui::SameLine();
            ImGui::Text("forecast: %s", ui::label(to_string(*rv.forecast)).c_str());
        }
        if (rv.milestones_total)
            ImGui::Text("milestones %d / %d", rv.milestones_done, rv.milestones_total);
        progress_chart(g, rv, d.check_ins[m_goal], today);
        if (g.status == GoalStatus::draft && ui::button("Activate"))
            act("Goal activated", [&] { m_store.goals().activate(g.id, m_acting, today); });
        if (g.status == GoalStatus::active) {
            if (g.measure) {
                ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
                ImGui::InputDouble("value", &m_in.check_in_value);
                ImGui::SameLine();
            }
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
            ImGui::InputTextWithHint("##note", "note", &m_in.check_in_note);
            ImGui::SameLine();
            if (ui::button("Check in"))
                act("Check-in recorded", [&] {
                    std::optional<double> v;
                    if (g.measure)
                        v = m_in.check_in_value;
                    m_store.goals().check_in(g.id, m_acting, today, v, m_in.check_in_note);
                    m_in.check_in_note.clear();
                });
        }
        if (ImGui::BeginTable("checkins", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersV)) {
            ImGui::TableSetupColumn("day");
            ImGui::TableSetupColumn("value");
            ImGui::TableSetupColumn("by");
            ImGui::TableSetupColumn("note", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableHeadersRow();
            for (const CheckIn& c : d.check_ins[m_goal]) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ui::date(c.on).c_str());
                ImGui::TableNextColumn();
                if (c.value)
                    ImGui::Text(c.effective() ? "%g" : "%g (corrected)", *c.value);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(name_of(c.by).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.note ? c.note->c_str() : "");
            }
            ImGui::EndTable();
        }
    }
    if (!d.review_history.empty() && ImGui::CollapsingHeader("Goal reviews")) {
        for (const GoalReviewRecord& rr : d.review_history)
            ImGui::BulletText("%s by %s: %zu goals", ui::date(rr.held_on).c_str(),
                              name_of(rr.held_by).c_str(), rr.lines.size());
    }
    ImGui::EndChild();
}

void App::draw_coaching() {
    const RelationshipData& d = *m_rel;
    if (d.cycles.empty()) {
        ImGui::TextDisabled("No coaching cycles recorded.");
        return;
    }
    for (const SkillProgress& s : d.skills) {
        ImGui::PushID(s.skill.c_str());
        std::vector<float> scores;
        for (const CoachingCycle& c : d.cycles)
            if (c.skill == s.skill)
                scores.push_back(static_cast<float>(c.score));
        char overlay[96];
        std::snprintf(overlay, sizeof overlay, "first %d, latest %d, best %d, %+.2f / cycle",
                      s.first_score, s.latest_score, s.best_score, s.slope_per_cycle);
        ImGui::Text("%s (%d cycles)", s.skill.c_str(), s.cycles);
        ImGui::PlotLines("##scores", scores.data(), static_cast<int>(scores.size()), 0, overlay,
                         static_cast<float>(kScoreMin), static_cast<float>(kScoreMax),
                         ImVec2(-1, ImGui::GetFontSize() * 4));
        ImGui::PopID();
    }
    if (ImGui::CollapsingHeader("Cycles")) {
        for (const CoachingCycle& c : d.cycles)
            ImGui::BulletText("%s %s: %d/10%s%s", ui::date(c.on).c_str(), c.skill.c_str(), c.score,
                              c.question.empty() ? "" : " - ", c.question.c_str());
    }
}

void App::draw_meetings() {
    const RelationshipData& d = *m_rel;
    const RelationshipId id = d.rel.id;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    ImGui::InputTextWithHint("##start", "YYYY-MM-DD HH:MM", &m_in.meeting_start);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    ImGui::InputInt("min", &m_in.meeting_minutes);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    ImGui::InputText("link", &m_in.meeting_link);
    ImGui::SameLine();
    if (ui::button("Schedule"))
        act("Meeting scheduled", [&] {
            NewMeeting m;
            m.relationship = id;
            m.by = m_acting;
            m.start = ui::parse_time(m_in.meeting_start);
            m.duration_minutes = m_in.meeting_minutes;
            m.setting = Setting::virtual_;
            m.link = m_in.meeting_link;
            m_store.meetings().schedule(m);
        });
    ImGui::BeginChild("##meeting-list", ImVec2(ImGui::GetFontSize() * 18, 0), true);
    for (std::size_t i = d.meetings.size(); i-- > 0;) {
        const Meeting& m = d.meetings[i];
        ImGui::PushID(static_cast<int>(i));
        std::string text = ui::time(m.start) + "  " + std::string(to_string(m.status));
        if (ImGui::Selectable(text.c_str(), m_meeting == i))
            m_meeting = i;
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##meeting");
    if (d.meetings.empty()) {
        ImGui::TextDisabled("No meetings yet.");
        ImGui::EndChild();
        return;
    }
    const Meeting& m = d.meetings[m_meeting];
    const PersonId other = m_acting == d.rel.guide ? d.rel.learner : d.rel.guide;
    ImGui::Text("%s, %d min, %s%s%s", ui::time(m.start).c_str(), m.duration_minutes,
                ui::label(to_string(m.setting)).c_str(), m.place.empty() ? "" : ", ",
                m.place.c_str());
    ImGui::Text("outcome: %s", to_string(m.status).data());
    if (m.cancelled_by) {
        ImGui::SameLine();
        auto notice = m.notice();
        ImGui::Text("by %s, %lld h notice", name_of(*m.cancelled_by).c_str(),
                    notice ? static_cast<long long>(notice->count() / 60) : 0LL);
    }
    if (m.absent) {
        ImGui::SameLine();
        ImGui::Text("(%s did not come)", name_of(*m.absent).c_str());
    }
    if (m.status == MeetingStatus::planned) {
        if (ui::button("Held"))
            act("Marked held", [&] { m_store.meetings().mark_held(m.id, m_acting); });
        ImGui::SameLine();
        if (ui::button("Cancel meeting"))
            act("Cancelled", [&] { m_store.meetings().cancel(m.id, m_acting); });
        ImGui::SameLine();
        if (ui::button("No-show"))
            act("No-show recorded",
                [&] { m_store.meetings().mark_no_show(m.id, other, m_acting); });
    }
    ui::heading("Agenda");
    for (const AgendaItem& a : m.agenda)
        ImGui::BulletText("%s  (%s)", a.text.c_str(), name_of(a.proposed_by).c_str());
    if (m.status == MeetingStatus::planned) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
        ImGui::InputTextWithHint("##agenda", "agenda item", &m_in.agenda);
        ImGui::SameLine();
        if (ui::button("Add item"))
            act("Agenda item added", [&] {
                m_store.meetings().add_agenda_item(m.id, m_in.agenda, m_acting);
                m_in.agenda.clear();
            });
    }
    ui::heading("Ratings");
    bool rated = false;
    for (const MeetingRating& rt : m.ratings) {
        rated = rated || rt.by == m_acting;
        ImGui::BulletText("%s: %d/4 %s (%s)", name_of(rt.by).c_str(), rt.rating, rt.comment.c_str(),
                          to_string(rt.visibility).data());
    }
    if (m.status == MeetingStatus::held && !rated) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::SliderInt("rating", &m_in.rating, 1, 4);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        ImGui::InputTextWithHint("##comment", "comment", &m_in.rating_comment);
        ImGui::SameLine();
        ImGui::Checkbox("share with the other party", &m_in.rating_shared);
        ImGui::SameLine();
        if (ui::button("Rate"))
            act("Rated", [&] {
                m_store.meetings().rate(m.id, m_acting, m_in.rating, m_in.rating_comment,
                                        m_in.rating_shared ? Visibility::pair
                                                           : Visibility::private_);
            });
    }
    ui::heading("Notes");
    for (const Note& n : d.meeting_notes[m_meeting])
        ImGui::BulletText("%s (%s, %s): %s", name_of(n.author).c_str(),
                          to_string(n.visibility).data(), ui::date(n.on).c_str(), n.text.c_str());
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
    ImGui::InputTextWithHint("##note", "note on this meeting", &m_in.note_text);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::Combo("##vis", &m_in.note_visibility, "private\0pair\0board\0");
    ImGui::SameLine();
    if (ui::button("Add note"))
        act("Note written", [&] {
            NewNote n;
            n.relationship = id;
            n.meeting = m.id;
            n.author = m_acting;
            n.visibility = static_cast<Visibility>(m_in.note_visibility);
            n.on = std::min(m_store.today(), std::chrono::floor<std::chrono::days>(m.start));
            n.text = m_in.note_text;
            m_store.notes().write(n);
            m_in.note_text.clear();
        });
    ImGui::EndChild();
}

void App::draw_office_hours() {
    const RelationshipData& d = *m_rel;
    if (d.slots.empty()) {
        ImGui::TextDisabled("%s posts no office hours for this relationship.",
                            name_of(d.rel.guide).c_str());
        return;
    }
    for (const OfficeHoursSlot& s : d.slots) {
        const auto start = s.spec.start.count();
        ImGui::BulletText("%s, %02d:%02d %s, %d min, %s%s%s (capacity %d)",
                          describe(s.spec.rule).c_str(), static_cast<int>(start / 60),
                          static_cast<int>(start % 60), s.spec.time_zone.c_str(),
                          s.spec.duration_minutes, ui::label(to_string(s.spec.setting)).c_str(),
                          s.spec.place.empty() ? "" : ", ", s.spec.place.c_str(), s.spec.capacity);
    }
    ui::heading("Next four weeks");
    if (!ImGui::BeginTable("occurrences", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersV))
        return;
    ImGui::TableSetupColumn("start");
    ImGui::TableSetupColumn("booked");
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < d.upcoming.size(); ++i) {
        const Occurrence& o = d.upcoming[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%s%s", ui::time(o.start).c_str(), o.moved ? " (moved)" : "");
        ImGui::TableNextColumn();
        // Who booked: every name for the guide, this pair's own booking for the learner.
        std::string who;
        bool mine = false;
        for (const auto& [slot, b] : d.bookings)
            if (slot == o.slot && b.local_day == o.local_day) {
                mine = mine || b.relationship == d.rel.id;
                who += (who.empty() ? "  " : ", ") + name_of(b.learner);
            }
        ImGui::Text("%d / %d%s", o.booked, o.capacity, who.c_str());
        ImGui::TableNextColumn();
        if (!mine && m_acting == d.rel.learner && o.booked < o.capacity &&
            ui::button(i == 0 ? "Book next" : "Book"))
            act("Booked " + ui::time(o.start),
                [&] { m_store.office_hours().book(o.slot, o.local_day, d.rel.id, m_acting); });
        ImGui::PopID();
    }
    ImGui::EndTable();
}

} // namespace mentorkit::gui
