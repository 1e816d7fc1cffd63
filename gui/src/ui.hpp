#pragma once
// Small helpers shared by the panels: formatting of core values, and the record of where items
// were drawn, which headless tests use to click a button by its label (the role the Dear ImGui
// test engine's item hooks would play; the Debian build of ImGui has no test engine).

#include <mentorkit/mentorkit.hpp>

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorkit::gui::ui {

/// A screen rectangle.
struct Rect {
    ImVec2 min{}, max{};
    ImVec2 center() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
};

/// Turns the record of item rectangles on or off (off by default: no cost in the client).
void set_recording(bool on);
/// Starts a frame's record: what was recorded in the previous frame stays findable.
void new_frame();
/// Records the last item's rectangle under `label`.
void record(std::string_view label);
/// ImGui::Button that records its rectangle under its label.
bool button(const char* label);
/// The rectangle recorded under `label` in the last frame drawn (or the one before).
std::optional<Rect> find(std::string_view label);

/// Selectable lines of people, clipped to the visible ones; sets `id` to the one clicked and
/// returns true then.
bool person_list(const std::vector<Person>& people, std::int64_t& id);
/// ImGui::BeginTabItem that records the tab's rectangle under its label.
bool tab(const char* label);
/// A separator followed by a heading (ImGui 1.86 has no SeparatorText).
void heading(const char* text);
/// "2026-11-24".
std::string date(Date day);
/// "2026-11-24 16:00 UTC".
std::string time(Timestamp at);
/// Parses "YYYY-MM-DD"; empty text gives `fallback`. Throws InvalidArgument.
Date parse_day(const std::string& text, Date fallback);
/// Parses "YYYY-MM-DD HH:MM" (UTC). Throws InvalidArgument.
Timestamp parse_time(const std::string& text);
/// A model's names with underscores replaced for display ("needs check-in").
std::string label(std::string_view stored);
/// Colour of a health state (green, amber, red, grey).
ImVec4 colour(std::optional<Health> health);

} // namespace mentorkit::gui::ui
