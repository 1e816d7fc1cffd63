// The programs view: a coordinator's effectiveness and quality reports, the participants, and
// the optimal matching — run it, review every proposal with its score broken down, accept the
// chosen ones (formal relationships with agreement drafts, created by the core).

#include "app.hpp"
#include "ui.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace mentorkit::gui {

namespace {

const char* metric_name(ProgramMetric m) {
    switch (m) {
    case ProgramMetric::goal_attainment:
        return "goal attainment";
    case ProgramMetric::mean_goal_progress:
        return "mean goal progress";
    case ProgramMetric::held_ratio:
        return "held / planned meetings";
    case ProgramMetric::mean_held_first_90_days:
        return "meetings in the first 90 days";
    case ProgramMetric::share_on_track:
        return "share on track";
    case ProgramMetric::started_relationships:
        return "started relationships";
    case ProgramMetric::completed_relationships:
        return "completed relationships";
    }
    return "?";
}

const char* assessment_name(Assessment a) {
    switch (a) {
    case Assessment::met:
        return "met";
    case Assessment::partly:
        return "partly";
    case Assessment::not_met:
        return "not met";
    }
    return "?";
}

void number_row(const char* label, int count, const std::optional<double>& share,
                bool percent = true) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label);
    ImGui::TableNextColumn();
    ImGui::Text("%d", count);
    ImGui::TableNextColumn();
    if (share)
        ImGui::Text(percent ? "%.0f%%" : "%.2f", percent ? *share * 100 : *share);
    else
        ImGui::TextDisabled("-");
}

} // namespace

void App::load_program() {
    m_prog_dirty = false;
    m_prog.reset();
    ++m_reloads;
    try {
        m_programs = m_store.programs().list();
        if (m_programs.empty())
            return;
        if (!m_program || std::none_of(m_programs.begin(), m_programs.end(),
                                       [&](const Program& p) { return p.id == *m_program; }))
            m_program = m_programs.front().id;
        ProgramData d;
        d.program = m_store.programs().get(*m_program);
        d.effectiveness = m_store.programs().effectiveness(*m_program);
        d.quality = m_store.programs().quality(*m_program);
        d.mentees = m_store.programs().mentees(*m_program);
        d.mentors = m_store.programs().mentors(*m_program);
        d.marks = m_store.programs().marks(*m_program);
        m_prog = std::move(d);
    } catch (const std::exception& e) {
        fail(std::string("Could not read the program: ") + e.what());
    }
}

void App::draw_programs() {
    if (m_prog_dirty)
        load_program();
    if (m_programs.empty()) {
        ImGui::TextDisabled("No programs in this database.");
        return;
    }
    ImGui::BeginChild("##program-list", ImVec2(ImGui::GetFontSize() * 14, 0), true);
    for (const Program& p : m_programs) {
        ImGui::PushID(static_cast<int>(raw(p.id)));
        if (ImGui::Selectable(p.name.c_str(), m_program == p.id)) {
            m_program = p.id;
            m_prog_dirty = true;
            m_match.reset();
        }
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##program");
    if (!m_prog) {
        ImGui::EndChild();
        return;
    }
    const ProgramData& d = *m_prog;
    ImGui::Text("%s", d.program.name.c_str());
    ImGui::TextWrapped("%s", d.program.purpose.c_str());
    ImGui::TextDisabled("coordinator: %s", name_of(d.program.coordinator).c_str());
    if (ImGui::BeginTabBar("##program-tabs")) {
        if (ui::tab("Effectiveness")) {
            draw_effectiveness();
            ImGui::EndTabItem();
        }
        if (ui::tab("Quality")) {
            draw_quality();
            ImGui::EndTabItem();
        }
        if (ui::tab("Participants")) {
            draw_participants();
            ImGui::EndTabItem();
        }
        if (ui::tab("Matching")) {
            draw_matching();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

void App::draw_effectiveness() {
    const EffectivenessReport& e = m_prog->effectiveness;
    const ProgramNumbers& n = e.numbers;
    ImGui::TextDisabled("as of %s", ui::date(e.as_of).c_str());
    if (ImGui::BeginTable("numbers", 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersV |
                              ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("");
        ImGui::TableSetupColumn("count");
        ImGui::TableSetupColumn("rate");
        ImGui::TableHeadersRow();
        number_row("relationships", n.relationships, std::nullopt);
        number_row("started", n.started, std::nullopt);
        number_row("active", n.active, std::nullopt);
        number_row("completed", n.completed, std::nullopt);
        number_row("measurable goals attained", n.goals_attained, n.goal_attainment);
        number_row("measurable goals (mean progress)", n.measurable_goals, n.mean_goal_progress);
        number_row("meetings held of planned", n.held, n.held_ratio);
        number_row("held in first 90 days (mean per relationship)", n.held_first_90_days,
                   n.mean_held_first_90_days, false);
        number_row("on track of judged", n.on_track, n.share_on_track);
        ImGui::EndTable();
    }
    ui::heading("Program goals");
    for (const ProgramGoalProgress& g : e.goals) {
        ImGui::PushID(static_cast<int>(raw(g.goal.id)));
        ImGui::Text("%s  (%s: %g -> %g%s%s)", g.goal.title.c_str(), metric_name(g.goal.metric),
                    g.goal.baseline, g.goal.target, g.goal.due ? ", due " : "",
                    g.goal.due ? ui::date(*g.goal.due).c_str() : "");
        char overlay[64];
        if (g.current)
            std::snprintf(overlay, sizeof overlay, "%.2f now%s%s", *g.current,
                          g.attained ? ", attained" : "", g.overdue ? ", overdue" : "");
        else
            std::snprintf(overlay, sizeof overlay, "not measurable yet");
        const float fraction =
            g.progress ? std::clamp(static_cast<float>(*g.progress), 0.0f, 1.0f) : 0.0f;
        ImGui::ProgressBar(fraction, ImVec2(-1, 0), overlay);
        ImGui::PopID();
    }
    if (e.goals.empty())
        ImGui::TextDisabled("No program goals.");
}

void App::draw_quality() {
    const QualityReport& q = m_prog->quality;
    if (q.score)
        ImGui::Text("score %.0f%% over %d assessed items (%d met, %d partly, %d not met)",
                    *q.score * 100, q.assessed, q.met, q.partly, q.not_met);
    else
        ImGui::TextDisabled("No item assessed yet.");
    if (!q.unassessed.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "%zu not assessed", q.unassessed.size());
    }
    for (const Standard& s : q.standards) {
        ImGui::PushID(static_cast<int>(raw(s.id)));
        ImGui::Separator();
        ImGui::Text("%s", s.title.c_str());
        if (!s.description.empty())
            ImGui::TextDisabled("%s", s.description.c_str());
        if (s.latest)
            ImGui::Text("%s on %s by %s: %s", assessment_name(s.latest->rating),
                        ui::date(s.latest->on).c_str(), name_of(s.latest->by).c_str(),
                        s.latest->evidence.c_str());
        else
            ImGui::TextDisabled("not assessed");
        ImGui::PopID();
    }
    ui::heading("Assess an item");
    std::vector<const char*> titles;
    for (const Standard& s : q.standards)
        titles.push_back(s.title.c_str());
    if (titles.empty())
        return;
    m_in.standard = std::clamp(m_in.standard, 0, static_cast<int>(titles.size()) - 1);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    ImGui::Combo("item", &m_in.standard, titles.data(), static_cast<int>(titles.size()));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::Combo("rating", &m_in.assessment, "met\0partly\0not met\0");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    ImGui::InputTextWithHint("##evidence", "evidence", &m_in.evidence);
    ImGui::SameLine();
    if (ui::button("Assess")) {
        const StandardId id = q.standards[static_cast<std::size_t>(m_in.standard)].id;
        act("Assessment recorded", [&] {
            m_store.programs().assess(id, static_cast<Assessment>(m_in.assessment), m_in.evidence,
                                      m_store.today(), m_acting);
            m_in.evidence.clear();
        });
    }
}

void App::draw_participants() {
    const ProgramData& d = *m_prog;
    ImGui::Text("%zu mentees, %zu mentors, %zu marked pairs", d.mentees.size(), d.mentors.size(),
                d.marks.size());
    if (ImGui::BeginTable("mentees", 4,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersV |
                              ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetFontSize() * 14))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("mentee");
        ImGui::TableSetupColumn("wants to grow in");
        ImGui::TableSetupColumn("preferred style");
        ImGui::TableSetupColumn("board");
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(d.mentees.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const ProgramMentee& m = d.mentees[static_cast<std::size_t>(i)];
                std::string areas;
                for (const std::string& a : m.areas)
                    areas += (areas.empty() ? "" : ", ") + a;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(name_of(m.person).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(areas.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(m.preferred_style ? to_string(*m.preferred_style).data()
                                                         : "any");
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(m.board ? "yes" : "");
            }
        ImGui::EndTable();
    }
    if (ImGui::BeginTable("mentors", 2,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersV |
                              ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetFontSize() * 10))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("mentor");
        ImGui::TableSetupColumn("capacity");
        ImGui::TableHeadersRow();
        for (const ProgramMentor& m : d.mentors) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(name_of(m.person).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", m.capacity);
        }
        ImGui::EndTable();
    }
    for (const MarkedPair& p : d.marks)
        ImGui::BulletText("%s - %s: %s (%s)", name_of(p.mentee).c_str(), name_of(p.mentor).c_str(),
                          p.mark == PairMark::wanted ? "wanted" : "forbidden", p.reason.c_str());
}

void App::draw_matching() {
    const ProgramId program = m_prog->program.id;
    if (ui::button("Run matching")) {
        try {
            m_match = m_store.matching().run(program);
            m_match_selected.assign(m_match->proposals.size(), 1);
            m_error.clear();
            m_status = "Matching: " + std::to_string(m_match->proposals.size()) + " proposals, " +
                       std::to_string(m_match->unmatched.size()) + " unmatched";
        } catch (const std::exception& e) {
            m_match.reset();
            fail(e.what());
        }
    }
    if (!m_match || m_match->program != program) {
        ImGui::SameLine();
        ImGui::TextDisabled("An optimal assignment of the program's mentees to its mentors.");
        return;
    }
    const MatchingResult& r = *m_match;
    ImGui::SameLine();
    ImGui::Text("total fit %lld, %zu proposals, %zu unmatched",
                static_cast<long long>(r.total_score), r.proposals.size(), r.unmatched.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("proposals", 10, flags, ImVec2(0, ImGui::GetFontSize() * 16))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (const char* c : {"accept", "mentee", "mentor", "focus", "style", "expertise", "margin",
                              "style fit", "wanted", "total"})
            ImGui::TableSetupColumn(c);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(r.proposals.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const MatchProposal& p = r.proposals[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(i);
                bool on = m_match_selected[static_cast<std::size_t>(i)] != 0;
                if (ImGui::Checkbox("##accept", &on))
                    m_match_selected[static_cast<std::size_t>(i)] = on ? 1 : 0;
                ImGui::PopID();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(name_of(p.mentee).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(name_of(p.mentor).c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%s%s", p.focus.c_str(), p.board_seat ? " (board)" : "");
                ImGui::TableNextColumn();
                ImGui::Text("%s%s", to_string(p.style).data(), p.style_preferred ? " *" : "");
                for (std::int64_t v :
                     {p.fit.expertise, p.fit.margin, p.fit.style, p.fit.wanted, p.fit.total()}) {
                    ImGui::TableNextColumn();
                    ImGui::Text("%lld", static_cast<long long>(v));
                }
            }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("* the mentee's preferred style");
    if (!r.unmatched.empty() && ImGui::CollapsingHeader("Unmatched")) {
        for (const UnmatchedDemand& u : r.unmatched)
            ImGui::BulletText("%s, %s: %s (%d admissible mentors)", name_of(u.mentee).c_str(),
                              u.focus.c_str(), ui::label(to_string(u.reason)).c_str(),
                              u.admissible_mentors);
    }
    ui::heading("Accept");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputTextWithHint("##mstart", "start YYYY-MM-DD", &m_in.match_start);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputTextWithHint("##mend", "end YYYY-MM-DD", &m_in.match_end);
    ImGui::SameLine();
    const auto chosen =
        static_cast<std::size_t>(std::count(m_match_selected.begin(), m_match_selected.end(), 1));
    const std::string label = "Accept " + std::to_string(chosen) + " selected";
    ImGui::BeginDisabled(chosen == 0);
    bool pressed = ImGui::Button(label.c_str());
    ui::record("Accept selected");
    ImGui::EndDisabled();
    if (pressed) {
        std::vector<MatchProposal> accepted;
        for (std::size_t i = 0; i < r.proposals.size(); ++i)
            if (m_match_selected[i])
                accepted.push_back(r.proposals[i]);
        std::size_t created = 0;
        const bool ok = act("Matches accepted", [&] {
            const Date today = m_store.today();
            MatchTerms terms;
            terms.start = ui::parse_day(m_in.match_start, today);
            terms.end = ui::parse_day(m_in.match_end, terms.start + std::chrono::days{365});
            created = m_store.matching().accept(program, accepted, terms, m_acting).size();
        });
        if (ok) {
            m_status = "Accepted " + std::to_string(created) +
                       " matches: formal relationships with agreement drafts";
            m_match.reset();
        }
    }
}

} // namespace mentorkit::gui
