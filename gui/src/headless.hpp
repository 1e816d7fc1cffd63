#pragma once
// Runs the client's views with no window and no GPU: an ImGui context with a display size and a
// built font atlas, frames rendered to draw data only. Used by the view tests and the frame
// benchmark.

#include "app.hpp"

#include <string>
#include <string_view>

struct ImGuiContext;

namespace mentorkit::gui {

/// An ImGui context of its own, headless.
class Headless {
public:
    /// Creates the context (display `width` x `height`), loads the fonts with the characters of
    /// `text_in_use` and builds the atlas; records item rectangles for click().
    explicit Headless(float width = 1280, float height = 800, const std::string& text_in_use = {});
    ~Headless();
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    /// One frame of `app`: NewFrame, draw, Render.
    void frame(App& app);
    /// `n` frames.
    void frames(App& app, int n);
    /// Draws a frame, then clicks the item recorded under `label` in it (move, press, release:
    /// three more frames). False when no such item was drawn.
    bool click(App& app, std::string_view label);
    /// Presses and releases a key (an ImGuiKey_ value): two frames.
    void press(App& app, int key);
    /// Vertices in the last frame's draw data (0 before any frame).
    int vertices() const;
    /// What the font loader loaded.
    const std::string& fonts() const { return m_fonts; }

private:
    ImGuiContext* m_context = nullptr;
    std::string m_fonts;
};

} // namespace mentorkit::gui
