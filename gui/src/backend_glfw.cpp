#include "backend.hpp"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace mentorkit::gui {

namespace {

std::string g_glfw_error;

void on_glfw_error(int code, const char* text) {
    g_glfw_error = "GLFW error " + std::to_string(code) + ": " + (text ? text : "");
}

} // namespace

Backend::Backend(const char* title, int width, int height) {
    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit())
        throw std::runtime_error("no display (" + g_glfw_error + ")");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    m_window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (!m_window) {
        glfwTerminate();
        throw std::runtime_error("cannot open an OpenGL 3.3 window (" + g_glfw_error + ")");
    }
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    ImGui_ImplOpenGL3_Init("#version 330");
}

Backend::~Backend() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(m_window);
    glfwTerminate();
}

float Backend::content_scale() const {
    float x = 1, y = 1;
    glfwGetWindowContentScale(m_window, &x, &y);
    return x > 0 ? x : 1;
}

bool Backend::should_close() const {
    return glfwWindowShouldClose(m_window) != 0;
}

void Backend::new_frame() {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
}

void Backend::window_size(int& width, int& height) const {
    glfwGetWindowSize(m_window, &width, &height);
}

void Backend::framebuffer_size(int& width, int& height) const {
    glfwGetFramebufferSize(m_window, &width, &height);
}

void Backend::render() {
    int w = 0, h = 0;
    framebuffer_size(w, h);
    glViewport(0, 0, w, h);
    glClearColor(0.1f, 0.1f, 0.12f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool Backend::screenshot(const std::filesystem::path& file) const {
    int w = 0, h = 0;
    framebuffer_size(w, h);
    if (w <= 0 || h <= 0)
        return false;
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) *
                                      3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1); // OpenGL's rows start at the bottom
    return stbi_write_png(file.string().c_str(), w, h, 3, pixels.data(), w * 3) != 0;
}

void Backend::present() {
    glfwSwapBuffers(m_window);
}

void Backend::rebuild_fonts() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

} // namespace mentorkit::gui
