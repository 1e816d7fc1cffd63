#pragma once
/// @file error.hpp
/// The one error hierarchy of mentorkit. Every failure of the core is thrown as a subclass of
/// mentorkit::Error; nothing else is ever thrown across the public API.

#include <stdexcept>
#include <string>
#include <system_error>

namespace mentorkit {

/// Fine-grained reason for an error, so callers compare codes instead of parsing messages.
/// Each code belongs to exactly one exception class (see error_kind()).
enum class ErrorCode {
    // NotFound
    not_found = 1, ///< The referenced record does not exist.
    // InvalidArgument
    invalid_argument = 100, ///< A value is malformed or out of range.
    empty_text,             ///< A required text is empty after trimming.
    invalid_date,           ///< A date is malformed or in an impossible order.
    wrong_key,              ///< The key given is not the one the personal store was made with.
    // RuleViolation (a domain rule or a conflict with stored state)
    rule_violation = 200,      ///< A domain rule forbids the change.
    supervisor_cycle,          ///< The supervisor chain would loop.
    supervision_line,          ///< Mentoring/coaching across a supervision line.
    style_contradiction,       ///< A declared mentoring style contradicts the hierarchy.
    reverse_without_expertise, ///< Reverse mentoring where the mentor is not more expert.
    duplicate_relationship,    ///< The same pair, model and focus is already open.
    invalid_transition,        ///< A lifecycle change not allowed from the current state.
    agreement_frozen,          ///< The agreement version was signed and can only be amended.
    already_signed,            ///< The party already signed this version.
    already_resolved,          ///< The misunderstanding is already resolved.
    stale_version,             ///< The version acted on is no longer the latest.
    key_taken,                 ///< The key, or the device, already has a registration.
    key_revoked,               ///< The key was revoked (or is already, through that seal).
    // PermissionDenied
    permission_denied = 300, ///< The acting person may not do this.
    not_a_party,             ///< The acting person is not a party to the relationship.
    not_owner,               ///< A personal store acts as its owner only.
    key_required,            ///< A personal store opened without its owner's key cannot change.
    unsafe_key_file,         ///< A key file others may read or write is refused.
    // StorageError
    storage = 400,       ///< SQLite reported an error (see StorageError::sqlite_code()).
    not_a_database,      ///< The file is not SQLite, or not a mentorkit database.
    schema_too_new,      ///< The file was written by a newer mentorkit.
    closed,              ///< The store was closed.
    transaction_aborted, ///< A change failed inside Store::Transaction after writing: roll back.
    read_only,           ///< The file (or its folder) cannot be written.
    corrupt,             ///< The file holds data mentorkit did not write (e.g. text not UTF-8).
    tampered,            ///< The file's protections (triggers, tables) were dropped or altered.
};

/// The std::error_category of ErrorCode ("mentorkit").
const std::error_category& error_category() noexcept;

/// Makes ErrorCode usable as std::error_code.
inline std::error_code make_error_code(ErrorCode e) noexcept {
    return {static_cast<int>(e), error_category()};
}

/// Base of every mentorkit exception: a message and an ErrorCode.
class Error : public std::runtime_error {
public:
    /// Creates an error with a code and a human-readable message. The message is always valid
    /// UTF-8: a sequence that is not (quoted from a foreign file, say) becomes U+FFFD.
    Error(ErrorCode code, const std::string& message);
    /// The fine-grained reason.
    ErrorCode code() const noexcept { return m_code; }

private:
    ErrorCode m_code;
};

/// A referenced record (person, relationship, agreement version, ...) does not exist.
class NotFound : public Error {
public:
    /// Creates a not-found error.
    explicit NotFound(const std::string& message, ErrorCode code = ErrorCode::not_found)
        : Error(code, message) {}
};

/// An argument is malformed or out of range; nothing was changed.
class InvalidArgument : public Error {
public:
    /// Creates an invalid-argument error.
    explicit InvalidArgument(const std::string& message,
                             ErrorCode code = ErrorCode::invalid_argument)
        : Error(code, message) {}
};

/// A domain rule or the stored state forbids the change; nothing was changed.
class RuleViolation : public Error {
public:
    /// Creates a rule-violation error.
    explicit RuleViolation(const std::string& message, ErrorCode code = ErrorCode::rule_violation)
        : Error(code, message) {}
};

/// The acting person may not perform the action; nothing was changed.
class PermissionDenied : public Error {
public:
    /// Creates a permission error.
    explicit PermissionDenied(const std::string& message,
                              ErrorCode code = ErrorCode::permission_denied)
        : Error(code, message) {}
};

/// The storage layer failed; carries SQLite's primary and extended result codes (0 when the
/// error was detected by mentorkit itself, e.g. a foreign file).
class StorageError : public Error {
public:
    /// Creates a storage error.
    StorageError(const std::string& message, ErrorCode code = ErrorCode::storage,
                 int sqlite_code = 0, int sqlite_extended_code = 0)
        : Error(code, message), m_sqlite_code(sqlite_code),
          m_sqlite_extended_code(sqlite_extended_code) {}
    /// SQLite's primary result code (e.g. SQLITE_BUSY = 5), or 0.
    int sqlite_code() const noexcept { return m_sqlite_code; }
    /// SQLite's extended result code (e.g. SQLITE_CONSTRAINT_FOREIGNKEY), or 0.
    int sqlite_extended_code() const noexcept { return m_sqlite_extended_code; }

private:
    int m_sqlite_code;
    int m_sqlite_extended_code;
};

} // namespace mentorkit

template <>
struct std::is_error_code_enum<mentorkit::ErrorCode> : std::true_type {};
