// The create-person and propose-relationship dialogs. The core decides what is allowed; a
// refusal (supervision line, style contradiction, missing end date...) is shown as its message.

#include "app.hpp"
#include "ui.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace mentorkit::gui {

namespace {

// A combo over the people, by id (0: none, when `allow_none`); clipped, so thousands of
// people cost only the visible lines.
bool person_combo(const char* label, std::int64_t& id, const std::vector<Person>& people,
                  bool allow_none) {
    std::string preview = allow_none ? "none" : "choose";
    for (const Person& p : people)
        if (raw(p.id) == id)
            preview = p.name;
    bool changed = false;
    if (ImGui::BeginCombo(label, preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (allow_none && ImGui::Selectable("none", id == 0)) {
            id = 0;
            changed = true;
        }
        if (ui::person_list(people, id))
            changed = true;
        ImGui::EndCombo();
    }
    return changed;
}

} // namespace

void App::draw_person_form() {
    PersonForm& f = m_person_form;
    if (f.open) {
        ImGui::OpenPopup("New person");
        f.open = false;
    }
    if (!ImGui::BeginPopupModal("New person", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    ImGui::InputText("name", &f.name);
    ImGui::InputInt("level", &f.level);
    person_combo("supervisor", f.supervisor, m_people, true);
    ImGui::InputTextWithHint("expertise area", "e.g. research", &f.area);
    ImGui::SliderInt("expertise level", &f.area_level, 1, 5);
    if (!m_error.empty())
        ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.35f, 1), "%s", m_error.c_str());
    if (ui::button("Create person")) {
        bool ok = act("Person created", [&] {
            NewPerson p;
            p.name = f.name;
            p.level = f.level;
            if (f.supervisor)
                p.supervisor = PersonId{f.supervisor};
            if (!f.area.empty())
                p.expertise.push_back({f.area, f.area_level});
            m_person = raw(m_store.people().create(p, m_acting));
        });
        m_error_popup = false; // the refusal shows in this dialog, which stays open
        if (ok) {
            f = PersonForm{};
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Close"))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void App::draw_relationship_form() {
    RelationshipForm& f = m_rel_form;
    if (f.open) {
        ImGui::OpenPopup("New relationship");
        f.open = false;
    }
    if (!ImGui::BeginPopupModal("New relationship", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    ImGui::Combo("model", &f.model, "mentoring\0coaching\0supervision\0");
    const ModelDefaults& d = defaults_of(static_cast<Model>(f.model));
    person_combo(d.guide_role.data(), f.guide, m_people, false);
    person_combo(d.learner_role.data(), f.learner, m_people, false);
    ImGui::InputTextWithHint("focus", "e.g. research", &f.focus);
    ImGui::Combo("formality", &f.formality, "formal\0informal\0flash\0");
    ImGui::InputTextWithHint("start", "YYYY-MM-DD (empty: today)", &f.start);
    ImGui::InputTextWithHint("planned end", "YYYY-MM-DD (formal)", &f.end);
    ImGui::InputTextWithHint("justification", "only to cross a supervision line", &f.justification);
    if (f.model == static_cast<int>(Model::mentoring))
        ImGui::Combo("style", &f.declared_style,
                     "derive from the levels\0traditional\0peer\0reverse\0");
    ImGui::TextDisabled("A declared style must agree with the levels; proposing counts as your "
                        "acceptance when you are a party.");
    if (!m_error.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.35f, 1), "%s", m_error.c_str());
        ImGui::PopTextWrapPos();
    }
    if (ui::button("Propose")) {
        RelationshipId created{};
        bool ok = act("Relationship proposed", [&] {
            const Date today = m_store.today();
            NewRelationship r;
            r.model = static_cast<Model>(f.model);
            r.formality = static_cast<Formality>(f.formality);
            r.guide = PersonId{f.guide};
            r.learner = PersonId{f.learner};
            r.focus = f.focus;
            r.start = ui::parse_day(f.start, today);
            if (!f.end.empty())
                r.end = ui::parse_day(f.end, today);
            r.proposed_by = m_acting;
            if (!f.justification.empty())
                r.supervision_justification = f.justification;
            if (f.declared_style > 0 && r.model == Model::mentoring)
                r.declared_style = static_cast<Style>(f.declared_style - 1);
            created = m_store.relationships().propose(r);
        });
        m_error_popup = false; // the refusal shows in this dialog, which stays open
        if (ok) {
            f = RelationshipForm{};
            ImGui::CloseCurrentPopup();
            select_relationship(created);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Close"))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

} // namespace mentorkit::gui
