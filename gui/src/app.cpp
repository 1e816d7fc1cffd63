#include "app.hpp"

#include "ui.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <unordered_map>

namespace mentorkit::gui {

namespace fs = std::filesystem;

namespace {

fs::path xdg_dir(const char* variable, const char* fallback) {
    if (const char* v = std::getenv(variable); v && *v)
        return fs::path(v) / "mentorkit";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / fallback / "mentorkit";
    return fs::current_path() / ".mentorkit";
}

} // namespace

// --- settings ---------------------------------------------------------------------------------

fs::path Settings::default_dir() {
    return xdg_dir("XDG_CONFIG_HOME", ".config");
}

void Settings::load() {
    recent.clear();
    if (dir.empty())
        return;
    std::ifstream in(dir / "recent.txt");
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && recent.size() < 8)
            recent.emplace_back(line);
    std::ifstream window(dir / "window.txt");
    int w = 0, h = 0;
    if (window >> w >> h && w >= 320 && h >= 240 && w <= 16384 && h <= 16384) {
        window_width = w;
        window_height = h;
    }
}

void Settings::save() const {
    if (dir.empty())
        return;
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::ofstream out(dir / "recent.txt", std::ios::trunc);
    for (const fs::path& p : recent)
        out << p.string() << '\n';
    if (window_width > 0 && window_height > 0)
        std::ofstream(dir / "window.txt", std::ios::trunc)
            << window_width << ' ' << window_height << '\n';
}

void Settings::remember(const fs::path& file) {
    std::error_code ec;
    fs::path p = fs::absolute(file, ec);
    if (ec)
        p = file;
    recent.erase(std::remove(recent.begin(), recent.end(), p), recent.end());
    recent.insert(recent.begin(), p);
    if (recent.size() > 8)
        recent.resize(8);
    save();
}

std::string Settings::ini_path() const {
    return dir.empty() ? std::string() : (dir / "layout.ini").string();
}

// --- opening ----------------------------------------------------------------------------------

fs::path App::demo_path() {
    return xdg_dir("XDG_DATA_HOME", ".local/share") / "demo.db";
}

namespace {
// A personal store opens with its owner's key from the key file beside it, when there is one
// (without it, it reads only).
StoreOptions options_for(const fs::path& file) {
    StoreOptions options;
    std::error_code ec;
    if (fs::path key = key_file::beside(file); fs::exists(key, ec))
        options.key = std::make_shared<const SigningKey>(key_file::read(key));
    return options;
}
} // namespace

Store App::open_store(const std::optional<fs::path>& file) {
    if (file)
        return Store::open(*file, options_for(*file));
    const fs::path path = demo_path();
    fs::create_directories(path.parent_path());
    const bool fresh = !fs::exists(path);
    Store store = Store::open(path);
    if (fresh || store.people().count() == 0)
        populate_demo(store, store.today());
    return store;
}

App::App(Store store, Settings settings)
    : m_store(std::move(store)), m_settings(std::move(settings)) {
    m_ini = m_settings.ini_path();
    ImGui::GetIO().IniFilename = m_ini.empty() ? nullptr : m_ini.c_str();
    if (!m_store.path().empty())
        m_settings.remember(m_store.path());
    // Act as the person with the most relationships until the user chooses.
    std::vector<Relationship> all = m_store.relationships().list();
    std::unordered_map<std::int64_t, int> counts;
    for (const Relationship& r : all) {
        ++counts[raw(r.guide)];
        ++counts[raw(r.learner)];
    }
    auto best = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
        return a.second < b.second || (a.second == b.second && a.first > b.first);
    });
    if (auto owner = m_store.identity().owner())
        m_acting = *owner; // a personal store acts as its owner only
    else if (best != counts.end())
        m_acting = PersonId{best->first};
    else if (auto people = m_store.people().list(); !people.empty())
        m_acting = people.front().id;
}

App::~App() {
    if (ImGui::GetCurrentContext() && ImGui::GetIO().IniFilename == m_ini.c_str()) {
        if (!m_ini.empty())
            ImGui::SaveIniSettingsToDisk(m_ini.c_str());
        ImGui::GetIO().IniFilename = nullptr;
    }
}

void App::open_file(const fs::path& file) {
    try {
        Store next = Store::open(file, options_for(file));
        m_store = std::move(next);
        m_settings.remember(file);
        m_selected.reset();
        m_program.reset();
        m_match.reset();
        m_tab = Tab::dashboard;
        m_tab_requested = true;
        std::vector<Person> people = m_store.people().list();
        if (auto owner = m_store.identity().owner())
            m_acting = *owner;
        else if (std::none_of(people.begin(), people.end(),
                              [&](const Person& p) { return p.id == m_acting; }))
            m_acting = people.empty() ? PersonId{} : people.front().id;
        invalidate();
        m_status = "Opened " + file.string();
    } catch (const std::exception& e) {
        fail(std::string("Could not open ") + file.string() + ": " + e.what());
    }
}

// --- state ------------------------------------------------------------------------------------

void App::invalidate() {
    m_dirty = true;
    m_rel_dirty = true;
    m_prog_dirty = true;
}

void App::set_acting(PersonId person) {
    if (auto owner = m_store.identity().owner())
        person = *owner; // a personal store acts as its owner only
    m_acting = person;
    m_in = RelationshipInputs{};
    invalidate();
}

void App::set_scope(DashboardScope scope) {
    m_scope = scope;
    invalidate();
}

void App::set_filter(const std::string& text) {
    m_filter = text;
    m_order_dirty = true;
}

void App::select_relationship(RelationshipId id) {
    m_selected = id;
    m_rel_dirty = true;
    m_goal = m_meeting = 0;
    m_in = RelationshipInputs{};
}

void App::open_relationship(RelationshipId id) {
    select_relationship(id);
    show(Tab::relationship);
}

void App::show(Tab tab) {
    m_tab = tab;
    m_tab_requested = true;
}

void App::fail(const std::string& message) {
    m_error = message;
    m_error_popup = true;
}

const Person* App::person(PersonId id) const {
    auto it = std::lower_bound(m_people.begin(), m_people.end(), raw(id),
                               [](const Person& p, std::int64_t v) { return raw(p.id) < v; });
    return it != m_people.end() && it->id == id ? &*it : nullptr;
}

std::string App::name_of(PersonId id) const {
    const Person* p = person(id);
    return p ? p->name : "#" + std::to_string(raw(id));
}

void App::ensure_loaded() {
    if (!m_dirty)
        return;
    m_dirty = false;
    m_order_dirty = true;
    ++m_reloads;
    try {
        m_people = m_store.people().list();
        m_reports.assign(m_people.size(), {});
        m_roots.clear();
        m_board_of.reset();
        for (std::size_t i = 0; i < m_people.size(); ++i) {
            const auto sup = m_people[i].supervisor;
            if (const Person* boss = sup ? person(*sup) : nullptr)
                m_reports[static_cast<std::size_t>(boss - m_people.data())].push_back(i);
            else
                m_roots.push_back(i);
        }
        m_rows = m_acting == PersonId{} ? std::vector<DashboardRow>{}
                                        : load_dashboard(m_store, m_acting, m_scope);
    } catch (const std::exception& e) {
        m_rows.clear();
        fail(std::string("Could not read the database: ") + e.what());
    }
}

// --- frame ------------------------------------------------------------------------------------

void App::draw() {
    ui::new_frame();
    ensure_loaded();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_MenuBar |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("mentorkit", nullptr, flags);
    draw_menu();
    const float status_height = ImGui::GetFrameHeightWithSpacing();
    ImGui::BeginChild("##main", ImVec2(0, -status_height));
    if (ImGui::BeginTabBar("##tabs")) {
        // A requested tab is selected through SetSelected until it is the open one (a request
        // made while drawing a later tab's content takes effect in the next frame).
        auto tab = [&](const char* name, Tab which) {
            ImGuiTabItemFlags f = 0;
            if (m_tab_requested && m_tab == which)
                f |= ImGuiTabItemFlags_SetSelected;
            bool open = ImGui::BeginTabItem(name, nullptr, f);
            ui::record(name);
            if (open && m_tab_requested && m_tab == which)
                m_tab_requested = false;
            else if (open && !m_tab_requested)
                m_tab = which;
            return open;
        };
        if (tab("Dashboard", Tab::dashboard)) {
            draw_dashboard();
            ImGui::EndTabItem();
        }
        if (tab("Relationship", Tab::relationship)) {
            draw_relationship();
            ImGui::EndTabItem();
        }
        if (tab("People", Tab::people)) {
            draw_people();
            ImGui::EndTabItem();
        }
        if (tab("Programs", Tab::programs)) {
            draw_programs();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
    draw_status();
    draw_person_form();
    draw_relationship_form();
    draw_error();
    ImGui::End();
}

void App::draw_menu() {
    if (!ImGui::BeginMenuBar())
        return;
    bool open_popup = false;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open or create..."))
            open_popup = true;
        if (ImGui::MenuItem("Open demo database"))
            open_file(demo_path());
        if (ImGui::MenuItem("Reload")) // changes made by another program or client
            invalidate();
        if (ImGui::BeginMenu("Recent", !m_settings.recent.empty())) {
            for (const fs::path& p : m_settings.recent)
                if (ImGui::MenuItem(p.string().c_str())) {
                    open_file(p); // reorders the list: stop iterating it
                    break;
                }
            ImGui::EndMenu();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Create")) {
        if (ImGui::MenuItem("Person..."))
            m_person_form.open = true;
        if (ImGui::MenuItem("Relationship...")) {
            m_rel_form.open = true;
            if (m_rel_form.guide == 0)
                m_rel_form.guide = raw(m_acting);
        }
        ImGui::EndMenu();
    }
    ImGui::Separator();
    if (m_store.identity().is_personal()) {
        // A personal store is its owner's: no one else to act as.
        ImGui::TextUnformatted("Owner");
        ImGui::TextUnformatted(name_of(m_acting).c_str());
        if (!m_store.identity().can_act())
            ImGui::TextDisabled("(read only: no key beside the file)");
    } else {
        ImGui::TextUnformatted("Acting as");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        if (ImGui::BeginCombo("##acting", name_of(m_acting).c_str(), ImGuiComboFlags_HeightLarge)) {
            std::int64_t id = raw(m_acting);
            if (ui::person_list(m_people, id))
                set_acting(PersonId{id});
            ImGui::EndCombo();
        }
    }
    ImGui::TextDisabled("%s", m_store.path().string().c_str());
    ImGui::EndMenuBar();

    if (open_popup) {
        m_open_path.clear();
        ImGui::OpenPopup("Open database");
    }
    if (ImGui::BeginPopupModal("Open database", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("A mentorkit file (created when it does not exist):");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
        if (ImGui::IsWindowAppearing())
            ImGui::SetKeyboardFocusHere();
        bool enter = ImGui::InputText("##path", &m_open_path, ImGuiInputTextFlags_EnterReturnsTrue);
        if ((ui::button("Open") || enter) && !m_open_path.empty()) {
            open_file(m_open_path);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel"))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

void App::draw_status() {
    ImGui::Separator();
    if (!m_error.empty())
        ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.35f, 1), "%s", m_error.c_str());
    else
        ImGui::TextDisabled("%s", m_status.c_str());
}

void App::draw_error() {
    if (m_error_popup) {
        ImGui::OpenPopup("Refused");
        m_error_popup = false;
    }
    ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 20, 0),
                                        ImVec2(ImGui::GetFontSize() * 40, FLT_MAX));
    if (ImGui::BeginPopupModal("Refused", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextWrapped("%s", m_error.c_str());
        if (ui::button("OK") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            m_error.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

} // namespace mentorkit::gui
