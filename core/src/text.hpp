#pragma once
// UTF-8 checks shared by validation (text written through the API), the storage layer (text read
// back from a file another program may have written) and error messages.

#include <cstddef>
#include <string>
#include <string_view>

namespace mentorkit::detail {

/// The byte offset of the first sequence that is not UTF-8 (overlong forms, surrogates, values
/// past U+10FFFF, truncated sequences), or std::string_view::npos when the text is UTF-8. NUL
/// is UTF-8 (U+0000).
std::size_t utf8_error(std::string_view text) noexcept;

/// The text with every sequence that is not UTF-8 replaced by U+FFFD, so that a message quoting
/// foreign bytes stays readable in every binding.
std::string valid_utf8(std::string_view text);

} // namespace mentorkit::detail
