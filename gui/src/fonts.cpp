#include "fonts.hpp"

#include <imgui.h>

#include <filesystem>
#include <string>
#include <vector>

namespace mentorkit::gui {

namespace {

// Glyph ranges must outlive the atlas build: static storage.
constexpr ImWchar kLatinGreekCyrillic[] = {
    0x0020, 0x024F, // Basic Latin, Latin-1, Latin Extended-A and -B
    0x0250, 0x02FF, // IPA extensions, spacing modifiers
    0x0300, 0x036F, // combining diacritics
    0x0370, 0x03FF, // Greek
    0x0400, 0x052F, // Cyrillic and its supplement
    0x1E00, 0x1FFF, // Latin Extended Additional, Greek Extended
    0x2000, 0x206F, // general punctuation
    0x20A0, 0x20CF, // currency
    0,
};
constexpr ImWchar kArabic[] = {0x0600, 0x06FF, 0x0750, 0x077F, 0xFB50, 0xFDFF, 0xFE70, 0xFEFF, 0};
constexpr ImWchar kHebrew[] = {0x0590, 0x05FF, 0xFB1D, 0xFB4F, 0};
constexpr ImWchar kSymbols[] = {0x2190, 0x21FF, 0x2500, 0x25FF, 0x2600, 0x26FF, 0x2713, 0x2717, 0};

const char* first_existing(std::initializer_list<const char*> paths) {
    for (const char* p : paths) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec))
            return p;
    }
    return nullptr;
}

} // namespace

std::string load_fonts(float size_pixels, const std::string& text_in_use) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const char* main = first_existing({"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                       "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"});
    if (!main) {
        ImFontConfig config;
        config.SizePixels = size_pixels;
        io.Fonts->AddFontDefault(&config);
        return "ImGui's built-in font (ASCII only: install fonts-noto-core or fonts-dejavu-core)";
    }
    std::string loaded = main;
    io.Fonts->AddFontFromFileTTF(main, size_pixels, nullptr, kLatinGreekCyrillic);

    ImFontConfig merge;
    merge.MergeMode = true;
    auto add = [&](std::initializer_list<const char*> paths, const ImWchar* ranges) {
        if (const char* path = first_existing(paths)) {
            io.Fonts->AddFontFromFileTTF(path, size_pixels, &merge, ranges);
            loaded += std::string(" + ") + std::filesystem::path(path).filename().string();
        }
    };
    add({"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"},
        kArabic);
    add({"/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"},
        kHebrew);
    add({"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}, kSymbols);

    // CJK and anything else outside the fixed ranges: only the characters in use.
    static ImVector<ImWchar> used;
    used.clear();
    ImFontGlyphRangesBuilder builder;
    ImVector<ImWchar> all;
    {
        ImFontGlyphRangesBuilder every;
        every.AddText(text_in_use.c_str(), text_in_use.c_str() + text_in_use.size());
        every.BuildRanges(&all);
    }
    bool any = false;
    for (int i = 0; i + 1 < all.Size; i += 2)
        for (unsigned c = all[i]; c <= all[i + 1]; ++c)
            if (c >= 0x2E80) { // CJK radicals onwards (not covered by the fixed ranges)
                builder.AddChar(static_cast<ImWchar>(c));
                any = true;
            }
    if (any) {
        builder.BuildRanges(&used);
        add({"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
             "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"},
            used.Data);
    }
    return loaded;
}

} // namespace mentorkit::gui
