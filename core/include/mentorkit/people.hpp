#pragma once
/// @file people.hpp
/// People, their expertise and the supervision hierarchy.

#include "mentorkit/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// Expertise in one area ("research", "social media"), level 1 (novice) to 5 (authority).
/// Areas are trimmed and compared case-insensitively (ASCII).
struct Expertise {
    std::string area{}; ///< Free-text tag.
    int level = 1;      ///< 1..5.
    bool operator==(const Expertise&) const = default;
};

/// What is needed to create a person.
struct NewPerson {
    std::string name{};                   ///< Required; trimmed; any Unicode.
    int level = 0;                        ///< Rank in the hierarchy; higher = more senior.
    std::optional<std::string> email{};   ///< Optional contact.
    std::optional<std::string> phone{};   ///< Optional contact.
    std::optional<PersonId> supervisor{}; ///< Optional supervisor (must exist).
    std::vector<Expertise> expertise{};   ///< Optional expertise areas (distinct areas).
};

/// A stored person.
struct Person {
    PersonId id{};                        ///< Identity.
    std::string name{};                   ///< Display name.
    int level = 0;                        ///< Rank; higher = more senior.
    std::optional<std::string> email{};   ///< Contact.
    std::optional<std::string> phone{};   ///< Contact.
    std::optional<PersonId> supervisor{}; ///< Direct supervisor, if any.
    std::vector<Expertise> expertise{};   ///< Sorted by area.
    Timestamp created_at{};               ///< When the record was created.

    /// This person's level in an area (0 when the area is not listed).
    int expertise_in(const std::string& area) const;
};

/// The people of a store. Every change is written with its audit entry in one transaction.
/// `by` names who acted (for the audit log); empty means an administrator/importer.
class People {
public:
    explicit People(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Creates a person. Throws InvalidArgument (empty name, expertise level outside 1..5,
    /// duplicate area) or NotFound (supervisor).
    PersonId create(const NewPerson& person, std::optional<PersonId> by = {});
    /// The person; throws NotFound.
    Person get(PersonId id) const;
    /// The person, or nothing.
    std::optional<Person> find(PersonId id) const;
    /// Every person, ordered by id.
    std::vector<Person> list() const;
    /// Number of people.
    std::int64_t count() const;

    /// Renames; the name is trimmed and must not be empty.
    void rename(PersonId id, const std::string& name, std::optional<PersonId> by = {});
    /// Changes the organisational level. Existing relationships keep the style they began with.
    void set_level(PersonId id, int level, std::optional<PersonId> by = {});
    /// Replaces the contact data.
    void set_contact(PersonId id, std::optional<std::string> email,
                     std::optional<std::string> phone, std::optional<PersonId> by = {});
    /// Adds or updates one expertise area (level 1..5).
    void set_expertise(PersonId id, const std::string& area, int level,
                       std::optional<PersonId> by = {});
    /// Removes one expertise area; throws NotFound if the person does not list it.
    void remove_expertise(PersonId id, const std::string& area, std::optional<PersonId> by = {});

    /// Sets or clears the direct supervisor. Refuses a cycle (RuleViolation supervisor_cycle)
    /// and a new line that would put an open mentoring/coaching relationship across a
    /// supervision line without a recorded justification (RuleViolation supervision_line).
    void set_supervisor(PersonId id, std::optional<PersonId> supervisor,
                        std::optional<PersonId> by = {});
    /// The supervisors above a person, nearest first.
    std::vector<PersonId> supervisor_chain(PersonId id) const;
    /// People whose direct supervisor is `id`.
    std::vector<PersonId> direct_reports(PersonId id) const;
    /// True when `upper` supervises `lower` directly or up the chain.
    bool supervises(PersonId upper, PersonId lower) const;

private:
    detail::StoreImpl* m_impl;
};

} // namespace mentorkit
