#pragma once
// Private state behind Store and its areas.

#include "db/database.hpp"
#include "mentorkit/actions.hpp"
#include "mentorkit/agreements.hpp"
#include "mentorkit/audit.hpp"
#include "mentorkit/coaching.hpp"
#include "mentorkit/goals.hpp"
#include "mentorkit/limits.hpp"
#include "mentorkit/matching.hpp"
#include "mentorkit/meetings.hpp"
#include "mentorkit/notes.hpp"
#include "mentorkit/office_hours.hpp"
#include "mentorkit/people.hpp"
#include "mentorkit/programs.hpp"
#include "mentorkit/relationships.hpp"
#include "mentorkit/store.hpp"
#include "mentorkit/types.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorkit::detail {

struct StoreImpl {
    std::unique_ptr<db::Database> database;
    std::filesystem::path path;
    std::function<Timestamp()> clock;
    People people{*this};
    Relationships relationships{*this};
    Agreements agreements{*this};
    Goals goals{*this};
    ActionItems actions{*this};
    CoachingCycles coaching{*this};
    Notes notes{*this};
    Meetings meetings{*this};
    OfficeHours office_hours{*this};
    AuditLog audit_log{*this};
    Programs programs{*this};
    Matching matching{*this};

    /// The open connection; throws StorageError(closed) after close().
    db::Database& db() const;
    Timestamp now() const;
    Date today() const;
    /// Throws NotFound("<role> <id> does not exist") unless the person exists.
    void require_person(PersonId id, std::string_view role) const;
    /// Appends an audit entry (call inside the change's transaction, after validating the
    /// actor: the audit log's foreign key would otherwise abort the transaction).
    void audit(std::optional<PersonId> actor, std::string_view action, std::string_view entity,
               std::int64_t entity_id, const std::string& detail);
};

/// What the relationship rules need to know about one person.
struct PersonFacts {
    int level = 0;
    int expertise = 0;               ///< In the area asked for; 0 when not listed.
    std::vector<std::int64_t> chain; ///< Supervisors, nearest first.
    /// True when `upper` is in the supervisor chain.
    bool under(PersonId upper) const noexcept {
        for (std::int64_t id : chain)
            if (id == raw(upper))
                return true;
        return false;
    }
};
/// The facts of a person (expertise in `area`, if given), or nothing for an unknown id.
std::optional<PersonFacts> person_facts(db::Database& db, PersonId id, std::string_view area);
/// The supervisors above a person, nearest first (empty for an unknown id).
std::vector<std::int64_t> supervisor_chain(db::Database& db, PersonId id);

/// Lets the core's own modules that work on a Store (exports) reach its private state.
class StoreAccess {
public:
    static StoreImpl& of(Store& store) { return *store.m_impl; }
};
inline StoreImpl& impl_of(Store& store) {
    return StoreAccess::of(store);
}

/// Trims ASCII whitespace at both ends.
std::string trim(std::string_view text);
/// Trims and refuses an empty result (InvalidArgument empty_text naming `what`), as well as
/// what require_utf8 refuses. The default limit is free text's; names pass kMaxNameBytes.
std::string require_text(std::string_view text, std::string_view what,
                         std::size_t max_bytes = kMaxTextBytes);
/// Refuses (InvalidArgument naming `what`) text longer than `max_bytes`, text that is not
/// UTF-8 and text holding a NUL character (limits.hpp).
void require_utf8(std::string_view text, std::string_view what,
                  std::size_t max_bytes = kMaxTextBytes);

/// Optional free text: refuses what require_utf8 refuses, returns it trimmed (maybe empty).
std::string optional_text(std::string_view text, std::string_view what,
                          std::size_t max_bytes = kMaxTextBytes);
/// Like optional_text, but empty text becomes no value.
std::optional<std::string> optional_reason(std::string_view text, std::string_view what);
/// Refuses (InvalidArgument naming `what`) a number that is not finite or lies past
/// ±kMaxMagnitude.
void require_number(double value, std::string_view what);
/// Refuses (InvalidArgument naming `what`) more than kMaxListItems items.
void require_list_size(std::size_t size, std::string_view what);
/// Refuses (InvalidArgument naming `what`) an instant outside [1900-01-01, 3000-01-01) UTC.
void require_instant(Timestamp at, std::string_view what);
/// Refuses (InvalidArgument) an organisational level outside kMinLevel..kMaxLevel.
void require_level(int level);
/// Refuses (InvalidArgument invalid_date) a day before `earliest`: "<what> <on> is before
/// <earliest_what> (<earliest>)".
void require_not_before(Date on, Date earliest, std::string_view what,
                        std::string_view earliest_what);
/// Refuses (InvalidArgument invalid_date) a day after `today`: "<what> <on> is in the future".
void require_not_future(Date on, Date today, std::string_view what);

/// Builds a flat JSON object for audit details.
class Json {
public:
    Json& add(std::string_view key, std::string_view value);
    Json& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
    Json& add(std::string_view key, const std::string& value) {
        return add(key, std::string_view(value));
    }
    Json& add(std::string_view key, std::int64_t value);
    Json& add(std::string_view key, int value) { return add(key, std::int64_t{value}); }
    Json& add(std::string_view key, bool value);
    Json& add_null(std::string_view key);
    template <typename T>
    Json& add(std::string_view key, const std::optional<T>& value) {
        return value ? add(key, *value) : add_null(key);
    }
    std::string str() const { return m_text + "}"; }

private:
    void key(std::string_view k);
    void quoted(std::string_view s);
    std::string m_text = "{";
};

/// Refuses a date outside 1900-01-01 .. 2999-12-31 (InvalidArgument invalid_date naming `what`):
/// the range of any partnership, and far enough from the text format's limits that derived dates
/// (a review six months on) stay valid.
void require_date(Date date, std::string_view what);
inline void require_date(const std::optional<Date>& date, std::string_view what) {
    if (date)
        require_date(*date, what);
}

/// Dates are stored as ISO-8601 text, instants as integer milliseconds since the Unix epoch.
std::int64_t to_millis(Timestamp at) noexcept;
Timestamp from_millis(std::int64_t ms) noexcept;
Date date_from_db(const std::string& text);

} // namespace mentorkit::detail
