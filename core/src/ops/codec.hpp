#pragma once
// Payload encoding: a local call names records by their local ids (the API's handles); its
// operation names them by uid. Encoder turns a request into a payload after the change applied
// (so every record it names exists); Decoder turns a payload back into a request, refusing a
// record this store does not know. Both speak the request types the areas apply.

#include "enums.hpp"
#include "mentorkit/actions.hpp"
#include "mentorkit/agreements.hpp"
#include "mentorkit/coaching.hpp"
#include "mentorkit/goals.hpp"
#include "mentorkit/meetings.hpp"
#include "mentorkit/notes.hpp"
#include "mentorkit/office_hours.hpp"
#include "mentorkit/operations.hpp"
#include "mentorkit/programs.hpp"
#include "mentorkit/types.hpp"
#include "ops/json.hpp"
#include "storage/records.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace mentorkit::detail {
struct StoreImpl;
}

namespace mentorkit::ops {

/// The table behind each id type, and the word messages use for it.
template <typename Id>
struct RecordOf;
#define MK_RECORD(Id, t, word)                                                                     \
    template <>                                                                                    \
    struct RecordOf<Id> {                                                                          \
        static constexpr storage::Table table = storage::Table::t;                                 \
        static constexpr const char* what = word;                                                  \
    };
MK_RECORD(PersonId, person, "person")
MK_RECORD(RelationshipId, relationship, "relationship")
MK_RECORD(MisunderstandingId, misunderstanding, "misunderstanding")
MK_RECORD(GoalId, goal, "goal")
MK_RECORD(CheckInId, checkin, "check-in")
MK_RECORD(GoalReviewId, goal_review, "goal review")
MK_RECORD(ActionItemId, action_item, "action item")
MK_RECORD(CoachingCycleId, coaching_cycle, "coaching cycle")
MK_RECORD(NoteId, note, "note")
MK_RECORD(MeetingId, meeting, "meeting")
MK_RECORD(OfficeHoursId, office_hours, "office hours")
MK_RECORD(ProgramId, program, "program")
MK_RECORD(ProgramGoalId, program_goal, "program goal")
MK_RECORD(StandardId, program_standard, "standard")
#undef MK_RECORD

/// A uid as JSON text (32 hex digits).
Value uid_value(const Uid& u);

/// Builds payloads: local ids become uids.
class Encoder {
public:
    explicit Encoder(detail::StoreImpl& impl) : m_impl(impl) {}

    /// The uid of a record; NotFound ("<what> N does not exist") for an unknown id.
    template <typename Id>
    Value ref(Id id) {
        return uid_value(uid(RecordOf<Id>::table, raw(id), RecordOf<Id>::what));
    }
    template <typename Id>
    Value ref(const std::optional<Id>& id) {
        return id ? ref(*id) : Value();
    }
    Uid uid(storage::Table t, std::int64_t id, const char* what);

    static Value date(Date d) { return Value(to_string(d)); }
    static Value date(const std::optional<Date>& d) { return d ? date(*d) : Value(); }
    static Value instant(Timestamp t);
    static Value instant(const std::optional<Timestamp>& t) { return t ? instant(*t) : Value(); }
    template <typename E, std::size_t N>
    static Value name(const detail::EnumNames<E, N>& names, E value) {
        return Value(names.name(value));
    }

private:
    detail::StoreImpl& m_impl;
};

/// Reads payloads back into requests: uids become local ids. Every refusal is an Error with a
/// clear message naming the field ("<key>"), so a refused operation records why.
class Decoder {
public:
    Decoder(detail::StoreImpl& impl, const Value& payload, std::optional<PersonId> actor)
        : m_impl(impl), m_payload(payload), m_actor(actor) {}

    const Value& payload() const noexcept { return m_payload; }
    const Value& operator[](std::string_view key) const { return m_payload[key]; }
    bool has(std::string_view key) const { return m_payload.has(key); }

    /// The operation's actor (a person of this store), when it has one.
    std::optional<PersonId> actor() const noexcept { return m_actor; }
    /// The actor; InvalidArgument when the operation names none.
    PersonId actor_required() const;

    /// A record named by uid; NotFound ("<what> <uid> is not in this store") when unknown.
    template <typename Id>
    Id ref(std::string_view key) const {
        return Id{local(RecordOf<Id>::table, uid(key), RecordOf<Id>::what)};
    }
    template <typename Id>
    std::optional<Id> opt_ref(std::string_view key) const {
        if (m_payload[key].is_null())
            return std::nullopt;
        return ref<Id>(key);
    }
    template <typename Id>
    Id ref_of(const Value& v) const {
        return Id{local(RecordOf<Id>::table, Uid::parse(v.as_string("an id")), RecordOf<Id>::what)};
    }
    /// A uid (the id of a record the operation creates).
    Uid uid(std::string_view key) const;

    std::string text(std::string_view key) const;
    std::optional<std::string> opt_text(std::string_view key) const;
    std::int64_t int64(std::string_view key) const;
    int integer(std::string_view key) const;
    std::optional<int> opt_integer(std::string_view key) const;
    double number(std::string_view key) const;
    std::optional<double> opt_number(std::string_view key) const;
    bool boolean(std::string_view key) const;
    Date date(std::string_view key) const;
    std::optional<Date> opt_date(std::string_view key) const;
    Timestamp instant(std::string_view key) const;
    std::optional<Timestamp> opt_instant(std::string_view key) const;
    template <typename E, std::size_t N>
    E name(std::string_view key, const detail::EnumNames<E, N>& names) const {
        return parse_name(names, text(key));
    }
    template <typename E, std::size_t N>
    std::optional<E> opt_name(std::string_view key, const detail::EnumNames<E, N>& names) const {
        if (m_payload[key].is_null())
            return std::nullopt;
        return name(key, names);
    }
    template <typename E, std::size_t N>
    static E parse_name(const detail::EnumNames<E, N>& names, std::string_view text) {
        for (std::size_t i = 0; i < N; ++i)
            if (names.names[i] == text)
                return static_cast<E>(i);
        throw InvalidArgument("unknown " + std::string(names.what) + " '" + std::string(text) +
                              "' in an operation");
    }

    std::int64_t local(storage::Table t, const Uid& uid, const char* what) const;

private:
    detail::StoreImpl& m_impl;
    const Value& m_payload;
    std::optional<PersonId> m_actor;
};

} // namespace mentorkit::ops
