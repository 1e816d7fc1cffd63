#pragma once
/// @file meetings.hpp
/// Meetings of a relationship, their agenda, outcome and ratings, and the consistency metrics
/// and health derived from them (docs/domain.md "Meetings and office hours"; seed 001:
/// "consistency is more important than frequency", "an absent mentor conveys that the mentee is
/// not worthy").
///
/// Agenda ownership follows the model (seed 003): in mentoring the mentee sets the agenda, in
/// coaching it is co-developed (either party), in supervision the supervisor sets it.
///
/// ## Consistency metrics (MeetingStats)
/// Days are UTC days of the meetings' start. Counted over the relationship's meetings: planned =
/// every meeting scheduled (whatever its outcome), held, cancelled by each side, no-shows of each
/// side, held meetings in the first 90 days after the start, the longest gap in days between
/// consecutive held meetings — counting from the start to the first held meeting, and, while the
/// relationship is open, from the last held meeting to today — and the days since the last held
/// meeting (or since the start). The counts are kept in a summary row updated with every meeting
/// change, so a dashboard of thousands of relationships reads one row each instead of rescanning
/// meetings.
///
/// ## Health
/// For active relationships only (empty otherwise). The cadence is the agreement's
/// (`AgreementTerms::cadence_days` of the version in force, else of the draft), else the
/// model's default. With `silence` = days since the last held meeting (or since the start):
/// - *too early*: started less than one cadence ago and no meeting held yet;
/// - *stalled*: silence > 2 × cadence — the absent mentor;
/// - *needs check-in*: silence > 1.25 × cadence, or two or more meetings cancelled or missed
///   since the last held one;
/// - *on track* otherwise. Nothing is closed automatically.

#include "mentorkit/notes.hpp"
#include "mentorkit/relationships.hpp"
#include "mentorkit/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorkit {

namespace detail {
struct StoreImpl;
}

/// Where a meeting takes place (seed 001 "Where: consider appropriate settings").
enum class Setting {
    in_person_public,  ///< e.g. a café or a hospital canteen.
    in_person_private, ///< e.g. an office.
    virtual_,          ///< a video call; needs a link ("virtual").
};

/// What became of a meeting.
enum class MeetingStatus {
    planned,   ///< Scheduled, no outcome yet.
    held,      ///< It took place.
    cancelled, ///< Cancelled beforehand (by whom and how late is recorded).
    no_show,   ///< One party did not come (who is recorded).
};

/// Health of an active relationship (see the method above).
enum class Health { too_early, on_track, needs_check_in, stalled };

/// A request to schedule a meeting.
struct NewMeeting {
    RelationshipId relationship{};
    PersonId by{};             ///< A party.
    Timestamp start{};         ///< UTC instant.
    int duration_minutes = 30; ///< 1..1440.
    Setting setting = Setting::virtual_;
    std::string place{}; ///< Where (in person); optional.
    std::string link{};  ///< Required for virtual meetings.
};

/// One agenda item and who proposed it.
struct AgendaItem {
    std::string text{};
    PersonId proposed_by{};
};

/// A rating left by a party after a held meeting (1 = poor .. 4 = very useful).
struct MeetingRating {
    PersonId by{};
    int rating = 0;
    std::string comment{};
    Visibility visibility = Visibility::private_; ///< private or pair.
    Timestamp at{};
};

/// A stored meeting (as seen by a party).
struct Meeting {
    MeetingId id{};
    RelationshipId relationship{};
    Timestamp start{};
    int duration_minutes = 0;
    Setting setting = Setting::virtual_;
    std::string place{};
    std::string link{};
    MeetingStatus status = MeetingStatus::planned;
    PersonId scheduled_by{};
    std::optional<PersonId> cancelled_by{};
    std::optional<Timestamp> cancelled_at{};
    std::optional<PersonId> absent{}; ///< Who did not show.
    std::vector<AgendaItem> agenda{};
    std::vector<MeetingRating> ratings{}; ///< Only those the reader may see.

    /// For a cancelled meeting: how long before its start it was cancelled (negative: after).
    std::optional<std::chrono::minutes> notice() const;
};

/// Consistency metrics of one relationship (see the method above).
struct MeetingStats {
    RelationshipId relationship{};
    int planned = 0;
    int held = 0;
    int cancelled_by_guide = 0;
    int cancelled_by_learner = 0;
    int no_show_guide = 0;
    int no_show_learner = 0;
    int held_first_90_days = 0;
    int longest_gap_days = 0;
    std::optional<Date> last_held{};
    int days_since_last_held = 0;   ///< Or since the start when none was held.
    int misses_since_last_held = 0; ///< Cancelled or missed since the last held one.
    int cadence_days = 0;           ///< The cadence health was judged against.
    std::optional<Health> health{}; ///< Active relationships only.
};

/// Meetings of the store. Reads name the acting person; only the relationship's two parties
/// see its meetings, and each sees only the ratings it may (its own and shared ones).
class Meetings {
public:
    explicit Meetings(detail::StoreImpl& impl) : m_impl(&impl) {}

    /// Schedules a meeting of an active relationship. Refuses a non-party (PermissionDenied),
    /// a relationship that is not active (RuleViolation), a start before the relationship's
    /// start day, a duration outside 1..1440 minutes, a virtual meeting without a link
    /// (InvalidArgument), or a meeting overlapping another planned or held one of the pair.
    MeetingId schedule(const NewMeeting& meeting);
    /// The meeting as `acting` may see it; NotFound for anyone but the parties.
    Meeting get(MeetingId id, PersonId acting) const;
    /// The relationship's meetings by start, for a party (PermissionDenied otherwise).
    std::vector<Meeting> list(RelationshipId relationship, PersonId acting) const;

    /// Adds an agenda item to a planned meeting; who may follows the model's agenda owner.
    void add_agenda_item(MeetingId id, const std::string& text, PersonId by);

    /// Records that a planned meeting was held (by either party, not before its start).
    void mark_held(MeetingId id, PersonId by);
    /// Cancels a planned meeting; `at` is when it was cancelled (default now), which gives the
    /// notice. Either party may cancel.
    void cancel(MeetingId id, PersonId by, std::optional<Timestamp> at = {});
    /// Records that `absent` (a party) did not show; recorded by the other party, after start.
    void mark_no_show(MeetingId id, PersonId absent, PersonId by);

    /// A party rates a held meeting once (1..4), with an optional comment, private by default.
    void rate(MeetingId id, PersonId by, int rating, const std::string& comment = {},
              Visibility visibility = Visibility::private_);

    /// Consistency metrics and health of one relationship as of now.
    MeetingStats stats(RelationshipId relationship) const;
    /// Metrics of every relationship (a dashboard), from the summary rows, by relationship id.
    std::vector<MeetingStats> all_stats() const;
    /// Recomputes every summary row from the meetings (maintenance; the rows are kept current
    /// on every change, so this is only needed after editing the file by other means).
    void rebuild_stats();

    /// The health as of now (empty unless the relationship is active).
    std::optional<Health> health(RelationshipId relationship) const;

private:
    detail::StoreImpl* m_impl;
};

/// "in_person_public", "in_person_private", "virtual"; "planned", ...; "too_early", ...
std::string_view to_string(Setting value) noexcept;
std::string_view to_string(MeetingStatus value) noexcept;
std::string_view to_string(Health value) noexcept;

} // namespace mentorkit
