// The people view: the hierarchy as a tree, a person's level, contact and expertise, and a
// learner's board of advisors.

#include "app.hpp"
#include "ui.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace mentorkit::gui {

namespace {
// Above this many people the hierarchy is shown as a flat, clipped list.
constexpr std::size_t kTreeLimit = 2000;
} // namespace

void App::draw_people() {
    ensure_loaded();
    if (ui::button("New person..."))
        m_person_form.open = true;
    ImGui::SameLine();
    if (ui::button("New relationship...")) {
        m_rel_form.open = true;
        if (m_rel_form.guide == 0)
            m_rel_form.guide = raw(m_acting);
    }
    ImGui::BeginChild("##tree", ImVec2(ImGui::GetFontSize() * 22, 0), true);
    // Depth-first over the hierarchy; the tree nodes are ImGui's, so closed subtrees cost
    // nothing.
    auto node = [&](auto&& self, std::size_t i) -> void {
        const Person& p = m_people[i];
        ImGuiTreeNodeFlags f = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_SpanAvailWidth |
                               ImGuiTreeNodeFlags_DefaultOpen;
        if (m_reports[i].empty())
            f |= ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen;
        if (raw(p.id) == m_person)
            f |= ImGuiTreeNodeFlags_Selected;
        bool open =
            ImGui::TreeNodeEx(reinterpret_cast<void*>(static_cast<std::intptr_t>(raw(p.id))), f,
                              "%s  (level %d)", p.name.c_str(), p.level);
        ui::record(p.name);
        if (ImGui::IsItemClicked() || (ImGui::IsItemFocused() && ImGui::IsItemActivated()))
            m_person = raw(p.id);
        if (open && !m_reports[i].empty()) {
            for (std::size_t child : m_reports[i])
                self(self, child);
            ImGui::TreePop();
        }
    };
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##find", "find a person", &m_people_filter);
    if (m_people_filter.empty() && m_people.size() <= kTreeLimit) {
        for (std::size_t root : m_roots)
            node(node, root);
    } else {
        // A flat, clipped list: a tree of thousands of people would be drawn in full.
        // The matches are recomputed when the filter or the data changes, not every frame.
        if (m_people_shown_for != m_people_filter || m_people_shown_at != m_reloads) {
            m_people_shown.clear();
            for (const Person& p : m_people)
                if (p.name.find(m_people_filter) != std::string::npos)
                    m_people_shown.push_back(p);
            m_people_shown_for = m_people_filter;
            m_people_shown_at = m_reloads;
        }
        ui::person_list(m_people_shown, m_person);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##person");
    const Person* selected = person(PersonId{m_person});
    if (!selected) {
        ImGui::TextDisabled("Select a person.");
        ImGui::EndChild();
        return;
    }
    const Person& p = *selected;
    ImGui::Text("%s", p.name.c_str());
    ImGui::Text("level %d", p.level);
    if (p.email)
        ImGui::Text("email %s", p.email->c_str());
    if (p.phone)
        ImGui::Text("phone %s", p.phone->c_str());
    if (p.supervisor)
        ImGui::Text("supervisor: %s", name_of(*p.supervisor).c_str());
    if (ui::button("Act as this person"))
        set_acting(p.id);
    ui::heading("Expertise");
    for (const Expertise& e : p.expertise)
        ImGui::BulletText("%s: %d / 5", e.area.c_str(), e.level);
    if (p.expertise.empty())
        ImGui::TextDisabled("none listed");
    ui::heading("Board of advisors");
    if (m_board_of != p.id) {
        m_board_of = p.id;
        try {
            m_board = m_store.relationships().board(p.id);
        } catch (const std::exception& e) {
            m_board.clear();
            fail(e.what());
        }
    }
    for (const BoardSeat& seat : m_board) {
        ImGui::PushID(static_cast<int>(raw(seat.relationship)));
        ImGui::BulletText("%s: %s (%s%s%s)", seat.focus.c_str(), name_of(seat.guide).c_str(),
                          to_string(seat.model).data(), seat.style ? ", " : "",
                          seat.style ? to_string(*seat.style).data() : "");
        ImGui::SameLine();
        if (ImGui::SmallButton("open"))
            open_relationship(seat.relationship);
        ui::record("board " + seat.focus);
        ImGui::PopID();
    }
    if (m_board.empty())
        ImGui::TextDisabled("no active mentors or coaches");
    ImGui::EndChild();
}

} // namespace mentorkit::gui
