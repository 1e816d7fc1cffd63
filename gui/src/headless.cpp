#include "headless.hpp"

#include "fonts.hpp"
#include "ui.hpp"

#include <imgui.h>

namespace mentorkit::gui {

Headless::Headless(float width, float height, const std::string& text_in_use) {
    m_context = ImGui::CreateContext();
    ImGui::SetCurrentContext(m_context);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60;
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // Keys are their own indices (a backend maps them to its key codes): press() uses them.
    for (int k = 0; k < ImGuiKey_COUNT; ++k)
        io.KeyMap[k] = k;
    m_fonts = load_fonts(16, text_in_use);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ui::set_recording(true);
}

Headless::~Headless() {
    ui::set_recording(false);
    ImGui::DestroyContext(m_context);
}

void Headless::frame(App& app) {
    ImGui::SetCurrentContext(m_context);
    ImGui::NewFrame();
    app.draw();
    ImGui::Render();
}

void Headless::frames(App& app, int n) {
    for (int i = 0; i < n; ++i)
        frame(app);
}

bool Headless::click(App& app, std::string_view label) {
    frame(app); // lay out the current state first: the last action may have moved the item
    std::optional<ui::Rect> r = ui::find(label);
    if (!r)
        return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = r->center();
    frame(app); // hover
    io.MouseDown[0] = true;
    frame(app); // press
    io.MouseDown[0] = false;
    frame(app); // release: the click happens here
    return true;
}

void Headless::press(App& app, int key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[key]] = true;
    frame(app);
    io.KeysDown[io.KeyMap[key]] = false;
    frame(app);
}

int Headless::vertices() const {
    const ImDrawData* d = ImGui::GetDrawData();
    return d && d->Valid ? d->TotalVtxCount : 0;
}

} // namespace mentorkit::gui
