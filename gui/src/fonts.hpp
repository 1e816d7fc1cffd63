#pragma once
// Fonts with glyphs beyond ASCII, from the system's font packages.

#include <string>

namespace mentorkit::gui {

/// Loads the UI font into the current ImGui context's atlas at `size_pixels`: Noto Sans (or
/// DejaVu Sans) with Latin Extended, Greek and Cyrillic; Arabic and Hebrew merged from Noto;
/// symbols from DejaVu; and the CJK characters that occur in `text_in_use` (e.g. every name in
/// the database) from Droid Sans Fallback when it is installed, so the atlas stays small.
/// Falls back to ImGui's built-in font (ASCII only) when no system font is found. Returns a
/// one-line description of what was loaded. The atlas is built by the caller (or backend).
std::string load_fonts(float size_pixels, const std::string& text_in_use);

} // namespace mentorkit::gui
