#include "ui.hpp"

#include <cstdio>
#include <string>
#include <unordered_map>

namespace mentorkit::gui::ui {

namespace {

struct Record {
    bool on = false;
    std::unordered_map<std::string, Rect> current, previous;
};

Record& record_state() {
    static Record r;
    return r;
}

} // namespace

void set_recording(bool on) {
    record_state() = Record{};
    record_state().on = on;
}

void new_frame() {
    Record& r = record_state();
    if (!r.on)
        return;
    r.previous = std::move(r.current);
    r.current.clear();
}

void record(std::string_view label) {
    Record& r = record_state();
    if (r.on)
        r.current[std::string(label)] = Rect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

bool button(const char* label) {
    bool pressed = ImGui::Button(label);
    record(label);
    return pressed;
}

std::optional<Rect> find(std::string_view label) {
    // Between frames `current` holds the frame just drawn; `previous` the one before.
    const Record& r = record_state();
    for (const auto* map : {&r.current, &r.previous})
        if (auto it = map->find(std::string(label)); it != map->end())
            return it->second;
    return std::nullopt;
}

bool person_list(const std::vector<Person>& people, std::int64_t& id) {
    bool changed = false;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(people.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Person& p = people[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(raw(p.id)));
            if (ImGui::Selectable(p.name.c_str(), raw(p.id) == id)) {
                id = raw(p.id);
                changed = true;
            }
            ImGui::PopID();
        }
    return changed;
}

bool tab(const char* label) {
    bool open = ImGui::BeginTabItem(label);
    record(label);
    return open;
}

void heading(const char* text) {
    ImGui::Separator();
    ImGui::TextUnformatted(text);
}

std::string date(Date day) {
    return to_string(day);
}

std::string time(Timestamp at) {
    const Date day = std::chrono::floor<std::chrono::days>(at);
    const auto minutes = std::chrono::floor<std::chrono::minutes>(at - day).count();
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d:%02d UTC", static_cast<int>(minutes / 60),
                  static_cast<int>(minutes % 60));
    return to_string(day) + buf;
}

Date parse_day(const std::string& text, Date fallback) {
    if (text.empty())
        return fallback;
    return parse_date(text);
}

Timestamp parse_time(const std::string& text) {
    int h = -1, m = -1;
    char tail = 0;
    if (text.size() < 16 || std::sscanf(text.c_str() + 10, " %2d:%2d%c", &h, &m, &tail) != 2 ||
        h < 0 || h > 23 || m < 0 || m > 59)
        throw InvalidArgument("the start '" + text + "' is not YYYY-MM-DD HH:MM (UTC)",
                              ErrorCode::invalid_date);
    Date day = parse_date(text.substr(0, 10));
    return Timestamp{day} + std::chrono::hours{h} + std::chrono::minutes{m};
}

std::string label(std::string_view stored) {
    std::string out(stored);
    for (char& c : out)
        if (c == '_')
            c = ' ';
    if (out == "needs check in")
        out = "needs check-in";
    return out;
}

ImVec4 colour(std::optional<Health> health) {
    if (!health)
        return {0.6f, 0.6f, 0.6f, 1};
    switch (*health) {
    case Health::on_track:
        return {0.35f, 0.8f, 0.4f, 1};
    case Health::needs_check_in:
        return {0.95f, 0.7f, 0.2f, 1};
    case Health::stalled:
        return {0.95f, 0.35f, 0.3f, 1};
    case Health::too_early:
        break;
    }
    return {0.6f, 0.75f, 0.95f, 1};
}

} // namespace mentorkit::gui::ui
