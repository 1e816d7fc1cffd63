// The dashboard: every relationship the acting person may list, with health, agreement state,
// goals and alerts; sortable and filterable, clipped to the visible rows.

#include "app.hpp"
#include "ui.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace mentorkit::gui {

namespace {

enum Column {
    col_id,
    col_guide,
    col_learner,
    col_model,
    col_style,
    col_status,
    col_focus,
    col_health,
    col_last,
    col_next,
    col_agreement,
    col_goals,
    col_alerts,
    col_count
};

bool contains_folded(std::string_view hay, std::string_view needle) {
    if (needle.empty())
        return true;
    auto lower = [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    };
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                       [&](char a, char b) { return lower(a) == lower(b); }) != hay.end();
}

int alert_count(const DashboardRow& r) {
    return __builtin_popcount(r.alerts);
}

// Sort keys: -1, 0, 1.
template <typename T>
int cmp(const T& a, const T& b) {
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compare(const DashboardRow& a, const DashboardRow& b, int column) {
    switch (column) {
    case col_guide:
        return cmp(a.guide_name, b.guide_name);
    case col_learner:
        return cmp(a.learner_name, b.learner_name);
    case col_model:
        return cmp(a.model, b.model);
    case col_style:
        return cmp(a.style, b.style);
    case col_status:
        return cmp(a.status, b.status);
    case col_focus:
        return cmp(a.focus, b.focus);
    case col_health:
        return cmp(a.health, b.health);
    case col_last:
        return cmp(a.last_meeting, b.last_meeting);
    case col_next:
        return cmp(a.next_office_hour, b.next_office_hour);
    case col_agreement:
        return cmp(a.agreement, b.agreement);
    case col_goals: {
        auto key = [](const DashboardRow& r) {
            return r.goals ? r.goals->at_risk + r.goals->off_track : -1;
        };
        return cmp(key(a), key(b));
    }
    case col_alerts:
        return cmp(alert_count(a), alert_count(b));
    default:
        return cmp(raw(a.id), raw(b.id));
    }
}

const char* alert_text(const DashboardRow& r, std::string& out) {
    out.clear();
    auto add = [&](Alert a, const char* text) {
        if (r.has(a)) {
            if (!out.empty())
                out += ", ";
            out += text;
        }
    };
    add(Alert::silent_too_long, "silent too long");
    add(Alert::unsigned_agreement, "unsigned agreement");
    add(Alert::overdue_goal, "overdue goal");
    add(Alert::open_misunderstanding, "open misunderstanding");
    return out.c_str();
}

} // namespace

void App::rebuild_order() {
    m_order.clear();
    m_order.reserve(m_rows.size());
    for (std::uint32_t i = 0; i < m_rows.size(); ++i) {
        const DashboardRow& r = m_rows[i];
        if (m_model_filter && static_cast<int>(r.model) != m_model_filter - 1)
            continue;
        if (m_status_filter && static_cast<int>(r.status) != m_status_filter - 1)
            continue;
        if (m_health_filter && (!r.health || static_cast<int>(*r.health) != m_health_filter - 1))
            continue;
        if (m_alerts_only && r.alerts == 0)
            continue;
        if (!m_filter.empty() && !contains_folded(r.guide_name, m_filter) &&
            !contains_folded(r.learner_name, m_filter) && !contains_folded(r.focus, m_filter))
            continue;
        m_order.push_back(i);
    }
    std::stable_sort(m_order.begin(), m_order.end(), [&](std::uint32_t x, std::uint32_t y) {
        int c = compare(m_rows[x], m_rows[y], m_sort_column);
        return m_sort_descending ? c > 0 : c < 0;
    });
    m_order_dirty = false;
}

void App::draw_dashboard() {
    // Filters.
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (ImGui::InputTextWithHint("##filter", "filter names, focus", &m_filter))
        m_order_dirty = true;
    ImGui::SameLine();
    auto combo = [&](const char* id, int& value, auto first, int count) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        std::string preview = value ? ui::label(to_string(decltype(first)(value - 1))) : "any";
        if (ImGui::BeginCombo(id, preview.c_str())) {
            if (ImGui::Selectable("any", value == 0)) {
                value = 0;
                m_order_dirty = true;
            }
            for (int i = 0; i < count; ++i)
                if (ImGui::Selectable(ui::label(to_string(decltype(first)(i))).c_str(),
                                      value == i + 1)) {
                    value = i + 1;
                    m_order_dirty = true;
                }
            ImGui::EndCombo();
        }
    };
    ImGui::TextUnformatted("model");
    combo("##model", m_model_filter, Model::mentoring, 3);
    ImGui::SameLine();
    ImGui::TextUnformatted("status");
    combo("##status", m_status_filter, Status::proposed, 6);
    ImGui::SameLine();
    ImGui::TextUnformatted("health");
    combo("##health", m_health_filter, Health::too_early, 4);
    ImGui::SameLine();
    if (ImGui::Checkbox("alerts only", &m_alerts_only))
        m_order_dirty = true;
    ImGui::SameLine();
    int scope = m_scope == DashboardScope::mine ? 0 : 1;
    if (ImGui::RadioButton("mine", &scope, 0))
        set_scope(DashboardScope::mine);
    ImGui::SameLine();
    if (ImGui::RadioButton("whole program", &scope, 1))
        set_scope(DashboardScope::all);
    ensure_loaded();
    if (m_order_dirty)
        rebuild_order();
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu", m_order.size(), m_rows.size());

    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_Reorderable |
                                  ImGuiTableFlags_Hideable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("dashboard", col_count, flags))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_DefaultSort, 0, col_id);
    ImGui::TableSetupColumn("Guide", 0, 0, col_guide);
    ImGui::TableSetupColumn("Learner", 0, 0, col_learner);
    ImGui::TableSetupColumn("Model", 0, 0, col_model);
    ImGui::TableSetupColumn("Style", 0, 0, col_style);
    ImGui::TableSetupColumn("Status", 0, 0, col_status);
    ImGui::TableSetupColumn("Focus", 0, 0, col_focus);
    ImGui::TableSetupColumn("Health", 0, 0, col_health);
    ImGui::TableSetupColumn("Last meeting", 0, 0, col_last);
    ImGui::TableSetupColumn("Next office hour", 0, 0, col_next);
    ImGui::TableSetupColumn("Agreement", 0, 0, col_agreement);
    ImGui::TableSetupColumn("Goals ok/risk/off", 0, 0, col_goals);
    ImGui::TableSetupColumn("Alerts", ImGuiTableColumnFlags_WidthStretch, 0, col_alerts);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            m_sort_column = static_cast<int>(specs->Specs[0].ColumnUserID);
            m_sort_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        }
        specs->SpecsDirty = false;
        rebuild_order();
    }

    std::string alerts;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_order.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const DashboardRow& r = m_rows[m_order[static_cast<std::size_t>(i)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(raw(r.id)));
            char id[24];
            std::snprintf(id, sizeof id, "%lld", static_cast<long long>(raw(r.id)));
            if (ImGui::Selectable(id, m_selected == r.id,
                                  ImGuiSelectableFlags_SpanAllColumns |
                                      ImGuiSelectableFlags_AllowDoubleClick)) {
                // A click selects; a double click (or Enter, keyboard navigation) opens.
                select_relationship(r.id);
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) ||
                    ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))
                    show(Tab::relationship);
            }
            ui::record(std::string("row ") + id);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.guide_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.learner_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(to_string(r.model).data());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.style ? to_string(*r.style).data() : "");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(to_string(r.status).data());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.focus.c_str());
            ImGui::TableNextColumn();
            if (r.health)
                ImGui::TextColored(ui::colour(r.health), "%s",
                                   ui::label(to_string(*r.health)).c_str());
            ImGui::TableNextColumn();
            if (r.last_meeting)
                ImGui::Text("%s (%d d)", ui::date(*r.last_meeting).c_str(),
                            r.days_since_last_meeting);
            else if (r.status == Status::active)
                ImGui::TextDisabled("none held");
            ImGui::TableNextColumn();
            if (r.next_office_hour)
                ImGui::TextUnformatted(ui::time(*r.next_office_hour).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ui::label(to_string(r.agreement)).c_str());
            ImGui::TableNextColumn();
            if (r.goals)
                ImGui::Text("%d / %d / %d", r.goals->on_track, r.goals->at_risk,
                            r.goals->off_track);
            else
                ImGui::TextDisabled("not a party");
            ImGui::TableNextColumn();
            if (r.alerts)
                ImGui::TextColored(ImVec4(0.95f, 0.55f, 0.3f, 1), "%s", alert_text(r, alerts));
        }
    }
    ImGui::EndTable();
}

} // namespace mentorkit::gui
