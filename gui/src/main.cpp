// mentorkit-gui: the desktop client.
//
//   mentorkit-gui [FILE] [--as PERSON_ID] [--relationship ID] [--tab NAME] [--frames N]
//                 [--screenshot FILE.png] [--size WxH]
//
// With no FILE it opens the demo database in the user's data directory, creating it on first
// run. --frames N renders N frames and exits (with --screenshot, the last frame is saved as a
// PNG first); without it the client runs until the window is closed.

#include "app.hpp"
#include "backend.hpp"
#include "fonts.hpp"

#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <string>

namespace {

struct Args {
    std::optional<std::filesystem::path> file;
    std::optional<long long> acting;
    std::optional<long long> relationship;
    std::optional<mentorkit::gui::Tab> tab;
    int frames = 0; // 0: until closed
    std::optional<std::filesystem::path> screenshot;
    int width = 0, height = 0; // 0: the saved size, else 1440 x 900
};

[[noreturn]] void usage(int code) {
    std::fprintf(
        code ? stderr : stdout,
        "usage: mentorkit-gui [FILE] [--as PERSON_ID] [--relationship ID]\n"
        "                     [--tab dashboard|relationship|people|programs] [--frames N]\n"
        "                     [--screenshot FILE.png] [--size WxH]\n"
        "With no FILE, opens the demo database (created on first run).\n");
    std::exit(code);
}

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "mentorkit-gui: %s needs a value\n", arg.c_str());
                usage(2);
            }
            return argv[++i];
        };
        try {
            if (arg == "-h" || arg == "--help")
                usage(0);
            else if (arg == "--as")
                a.acting = std::stoll(value());
            else if (arg == "--relationship")
                a.relationship = std::stoll(value());
            else if (arg == "--tab") {
                using mentorkit::gui::Tab;
                std::string v = value();
                if (v == "dashboard")
                    a.tab = Tab::dashboard;
                else if (v == "relationship")
                    a.tab = Tab::relationship;
                else if (v == "people")
                    a.tab = Tab::people;
                else if (v == "programs")
                    a.tab = Tab::programs;
                else
                    throw std::invalid_argument(v);
            } else if (arg == "--frames")
                a.frames = std::stoi(value());
            else if (arg == "--screenshot")
                a.screenshot = value();
            else if (arg == "--size") {
                std::string v = value();
                if (std::sscanf(v.c_str(), "%dx%d", &a.width, &a.height) != 2 || a.width < 320 ||
                    a.height < 240)
                    throw std::invalid_argument(v);
            } else if (!arg.empty() && arg[0] == '-') {
                std::fprintf(stderr, "mentorkit-gui: unknown option %s\n", arg.c_str());
                usage(2);
            } else if (!a.file)
                a.file = arg;
            else
                usage(2);
        } catch (const std::logic_error&) {
            std::fprintf(stderr, "mentorkit-gui: bad value for %s\n", arg.c_str());
            usage(2);
        }
    }
    if (a.frames < 0)
        usage(2);
    if (a.screenshot && a.frames == 0)
        a.frames = 10;
    return a;
}

} // namespace

int main(int argc, char** argv) {
    using namespace mentorkit;
    const Args args = parse(argc, argv);
    std::optional<Store> store;
    try {
        store = gui::App::open_store(args.file);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mentorkit-gui: cannot open %s: %s\n",
                     args.file ? args.file->string().c_str() : "the demo database", e.what());
        return 1;
    }
    // Characters the font atlas must hold beyond the fixed ranges (CJK names).
    std::string text;
    for (const Person& p : store->people().list())
        text += p.name;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    gui::Settings settings;
    settings.dir = gui::Settings::default_dir();
    settings.load();
    int rc = 0;
    try {
        const bool sized = args.width > 0;
        gui::Backend backend(
            "mentorkit",
            sized ? args.width : (settings.window_width ? settings.window_width : 1440),
            sized ? args.height : (settings.window_height ? settings.window_height : 900));
        const float scale = backend.content_scale();
        ImGui::StyleColorsDark();
        ImGui::GetStyle().ScaleAllSizes(scale);
        std::string fonts = gui::load_fonts(16 * scale, text);
        gui::App app(std::move(*store), std::move(settings));
        if (args.acting)
            app.set_acting(PersonId{*args.acting});
        if (args.relationship)
            app.open_relationship(RelationshipId{*args.relationship});
        if (args.tab)
            app.show(*args.tab);
        for (int frame = 1; !backend.should_close(); ++frame) {
            backend.new_frame();
            ImGui::NewFrame();
            app.draw();
            ImGui::Render();
            backend.render();
            if (args.frames && frame >= args.frames) {
                if (args.screenshot) {
                    if (!backend.screenshot(*args.screenshot)) {
                        std::fprintf(stderr, "mentorkit-gui: cannot write %s\n",
                                     args.screenshot->string().c_str());
                        rc = 1;
                    } else {
                        int w = 0, h = 0;
                        backend.framebuffer_size(w, h);
                        std::printf("screenshot %s (%dx%d, %d frames, fonts: %s)\n",
                                    args.screenshot->string().c_str(), w, h, frame, fonts.c_str());
                    }
                }
                break;
            }
            backend.present();
        }
        if (!args.frames) { // an interactive session: remember the window's size
            backend.window_size(app.settings().window_width, app.settings().window_height);
            app.settings().save();
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mentorkit-gui: %s\n", e.what());
        rc = 3;
    }
    ImGui::DestroyContext();
    return rc;
}
