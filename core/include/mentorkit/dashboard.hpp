#pragma once
/// @file dashboard.hpp
/// The relationships dashboard: one row per relationship with what a mentor scans for (model,
/// style, status, health, last meeting, next office hour, agreement state, goals on track or at
/// risk, alerts), built in a fixed number of set-wide queries whatever the number of
/// relationships. Clients build it once and keep it until something changes; it is not meant to
/// be rebuilt every frame.
///
/// ## What the acting person sees
/// A row's metadata (parties, model, style, status, dates, meeting counts, health, agreement
/// state and the alerts, which `Relationships::warnings` gives anyone as well) is program
/// structure and carries no private text. The goal counts are derived from the relationship's
/// goals, which only its two parties read: they are filled only in rows where the acting person
/// is a party (`goals` is empty otherwise).
///
/// ## Alerts
/// - `silent_too_long`: active and stalled (no meeting held for over twice the cadence; see
///   meetings.hpp "Health").
/// - `unsigned_agreement`: active, and no agreement version is signed by both parties.
/// - `overdue_goal`: an active goal is past its due date.
/// - `open_misunderstanding`: a misunderstanding is raised and not resolved.

#include "mentorkit/meetings.hpp"
#include "mentorkit/relationships.hpp"
#include "mentorkit/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorkit {

class Store;

/// Which relationships the dashboard lists.
enum class DashboardScope {
    mine, ///< Those in which the acting person is the guide or the learner.
    all,  ///< Every relationship of the store (a coordinator's overview; metadata only).
};

/// The agreement of a relationship, summarised.
enum class AgreementSummary {
    draft,              ///< Nobody signed the latest version, none is in force.
    awaiting_signature, ///< One party signed the latest version, none is in force.
    in_force,           ///< The latest version is signed by both.
    amendment_pending,  ///< An older version is in force; the latest awaits signatures.
};

/// Alert bits of a dashboard row (see the file comment).
enum class Alert : std::uint8_t {
    silent_too_long = 1,
    unsigned_agreement = 2,
    overdue_goal = 4,
    open_misunderstanding = 8,
};

/// Active goals of a relationship by forecast (goals.hpp "Forecast").
struct GoalCounts {
    int active = 0;
    int on_track = 0;
    int at_risk = 0;   ///< At risk.
    int off_track = 0; ///< Off track.
    int overdue = 0;   ///< Past their due date.
};

/// One relationship on the dashboard.
struct DashboardRow {
    RelationshipId id{};
    Model model = Model::mentoring;
    Formality formality = Formality::informal;
    std::optional<Style> style{};
    Status status = Status::proposed;
    PersonId guide{};
    PersonId learner{};
    std::string guide_name{};
    std::string learner_name{};
    std::string focus{};
    Date start{};
    std::optional<Health> health{};     ///< Active relationships only.
    std::optional<Date> last_meeting{}; ///< Day of the last held meeting.
    int days_since_last_meeting = 0;    ///< Or since the start when none was held.
    int meetings_held = 0;              ///< Held meetings so far.
    /// The next occurrence the learner could book: active relationships only, of a slot serving
    /// it, starting after now and within kDashboardOfficeHoursDays, not full and not already
    /// booked by this relationship.
    std::optional<Timestamp> next_office_hour{};
    AgreementSummary agreement = AgreementSummary::draft;
    int open_misunderstandings = 0;
    std::optional<GoalCounts> goals{}; ///< Only where the acting person is a party.
    std::uint8_t alerts = 0;           ///< Alert bits.

    /// True when the alert is raised.
    bool has(Alert alert) const noexcept {
        return (alerts & static_cast<std::uint8_t>(alert)) != 0;
    }
};

/// How far ahead the dashboard looks for the next office hour.
inline constexpr int kDashboardOfficeHoursDays = 60;

/// The dashboard as `acting` sees it, ordered by relationship id. Throws NotFound for an
/// unknown acting person.
std::vector<DashboardRow> load_dashboard(Store& store, PersonId acting,
                                         DashboardScope scope = DashboardScope::mine);

/// "draft", "awaiting_signature", "in_force", "amendment_pending".
std::string_view to_string(AgreementSummary value) noexcept;
/// "silent_too_long", "unsigned_agreement", "overdue_goal", "open_misunderstanding".
std::string_view to_string(Alert value) noexcept;

} // namespace mentorkit
