#include "mentorkit/error.hpp"

#include "text.hpp"

namespace mentorkit {

namespace {
class Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "mentorkit"; }
    std::string message(int value) const override {
        switch (static_cast<ErrorCode>(value)) {
        case ErrorCode::not_found:
            return "record not found";
        case ErrorCode::invalid_argument:
            return "invalid argument";
        case ErrorCode::empty_text:
            return "required text is empty";
        case ErrorCode::invalid_date:
            return "invalid date";
        case ErrorCode::wrong_key:
            return "not the personal store's key";
        case ErrorCode::rule_violation:
            return "rule violation";
        case ErrorCode::supervisor_cycle:
            return "supervisor cycle";
        case ErrorCode::supervision_line:
            return "mentoring or coaching across a supervision line";
        case ErrorCode::style_contradiction:
            return "declared style contradicts the hierarchy";
        case ErrorCode::reverse_without_expertise:
            return "reverse mentoring without more expertise";
        case ErrorCode::duplicate_relationship:
            return "relationship already open";
        case ErrorCode::invalid_transition:
            return "invalid lifecycle transition";
        case ErrorCode::agreement_frozen:
            return "agreement version is signed";
        case ErrorCode::already_signed:
            return "already signed";
        case ErrorCode::already_resolved:
            return "already resolved";
        case ErrorCode::stale_version:
            return "not the latest version";
        case ErrorCode::key_taken:
            return "key or device already registered";
        case ErrorCode::key_revoked:
            return "key revoked";
        case ErrorCode::permission_denied:
            return "permission denied";
        case ErrorCode::not_a_party:
            return "not a party to the relationship";
        case ErrorCode::not_owner:
            return "a personal store acts as its owner only";
        case ErrorCode::key_required:
            return "the owner's key is needed to change a personal store";
        case ErrorCode::unsafe_key_file:
            return "the key file may be read by others";
        case ErrorCode::storage:
            return "storage error";
        case ErrorCode::not_a_database:
            return "not a mentorkit database";
        case ErrorCode::schema_too_new:
            return "database from a newer mentorkit";
        case ErrorCode::closed:
            return "store is closed";
        case ErrorCode::transaction_aborted:
            return "transaction aborted by an earlier failure";
        case ErrorCode::read_only:
            return "the file cannot be written";
        case ErrorCode::corrupt:
            return "the file holds data mentorkit did not write";
        case ErrorCode::tampered:
            return "the file's protections were altered";
        }
        return "unknown mentorkit error";
    }
};
} // namespace

Error::Error(ErrorCode code, const std::string& message)
    : std::runtime_error(detail::valid_utf8(message)), m_code(code) {}

const std::error_category& error_category() noexcept {
    static const Category category;
    return category;
}

} // namespace mentorkit
