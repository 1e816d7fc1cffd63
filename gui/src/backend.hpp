#pragma once
// The window system behind one small class (Tracy's Backend): GLFW with an OpenGL 3.3 core
// context and Dear ImGui's GLFW and OpenGL 3 backends.

#include <filesystem>

struct GLFWwindow;

namespace mentorkit::gui {

class Backend {
public:
    /// Opens a window; throws std::runtime_error when there is no display or no OpenGL 3.3.
    Backend(const char* title, int width, int height);
    ~Backend();
    Backend(const Backend&) = delete;
    Backend& operator=(const Backend&) = delete;

    /// The monitor's content scale (1 on a 96-dpi screen, 2 on a typical HiDPI one).
    float content_scale() const;
    /// True once the user closed the window.
    bool should_close() const;
    /// Polls events and starts an ImGui frame (call ImGui::NewFrame after it).
    void new_frame();
    /// Renders ImGui's draw data to the back buffer (call after ImGui::Render).
    void render();
    /// Writes the back buffer as a PNG; false when writing failed.
    bool screenshot(const std::filesystem::path& file) const;
    /// Shows the back buffer.
    void present();
    /// The window size in screen coordinates.
    void window_size(int& width, int& height) const;
    /// The framebuffer size in pixels.
    void framebuffer_size(int& width, int& height) const;
    /// Uploads the font atlas again (after the fonts changed).
    void rebuild_fonts();

private:
    GLFWwindow* m_window = nullptr;
};

} // namespace mentorkit::gui
