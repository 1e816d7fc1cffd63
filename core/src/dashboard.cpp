#include "mentorkit/dashboard.hpp"

#include "goals_impl.hpp"
#include "mentorkit/office_hours.hpp"
#include "mentorkit/store.hpp"
#include "names.hpp"
#include "storage/dashboard.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>

namespace mentorkit {

namespace {

void raise(DashboardRow& row, Alert alert) {
    row.alerts = static_cast<std::uint8_t>(row.alerts | static_cast<std::uint8_t>(alert));
}

// Per relationship id: the latest version number, the latest version's signature count and the
// latest version signed by both parties.
struct AgreementFacts {
    std::int64_t latest = 0;
    std::int64_t latest_signatures = 0;
    std::int64_t in_force = 0;
};

AgreementSummary summarise(const AgreementFacts& a) {
    if (a.in_force != 0 && a.in_force == a.latest)
        return AgreementSummary::in_force;
    if (a.in_force != 0)
        return AgreementSummary::amendment_pending;
    return a.latest_signatures > 0 ? AgreementSummary::awaiting_signature : AgreementSummary::draft;
}

} // namespace

std::vector<DashboardRow> load_dashboard(Store& store, PersonId acting, DashboardScope scope) {
    store.people().get(acting); // NotFound for an unknown acting person
    detail::StoreImpl& impl = detail::impl_of(store);
    db::Database& db = impl.db();
    const Date today = impl.today();

    RelationshipFilter filter;
    if (scope == DashboardScope::mine)
        filter.person = acting;
    std::vector<Relationship> rels = store.relationships().list(filter); // by id
    std::vector<DashboardRow> rows;
    rows.reserve(rels.size());
    auto row_of = [&](std::int64_t id) -> DashboardRow* {
        auto it = std::lower_bound(rows.begin(), rows.end(), id,
                                   [](const DashboardRow& r, auto v) { return raw(r.id) < v; });
        return it != rows.end() && raw(it->id) == id ? &*it : nullptr;
    };

    std::unordered_map<std::int64_t, std::string> names = storage::person_names(db);
    for (const Relationship& r : rels) {
        DashboardRow row;
        row.id = r.id;
        row.model = r.model;
        row.formality = r.formality;
        row.style = r.style;
        row.status = r.status;
        row.guide = r.guide;
        row.learner = r.learner;
        row.guide_name = names[raw(r.guide)];
        row.learner_name = names[raw(r.learner)];
        row.focus = r.focus;
        row.start = r.start;
        if (r.is_party(acting))
            row.goals = GoalCounts{};
        rows.push_back(std::move(row));
    }

    for (const MeetingStats& st : store.meetings().all_stats()) {
        DashboardRow* row = row_of(raw(st.relationship));
        if (!row)
            continue;
        row->health = st.health;
        row->last_meeting = st.last_held;
        row->days_since_last_meeting = st.days_since_last_held;
        row->meetings_held = st.held;
        if (st.health == Health::stalled)
            raise(*row, Alert::silent_too_long);
    }

    {
        std::unordered_map<std::int64_t, AgreementFacts> facts;
        for (const storage::VersionSignatures& v : storage::version_signatures(db)) {
            AgreementFacts& a = facts[v.relationship];
            const std::int64_t number = v.number, signatures = v.signatures;
            if (number > a.latest) {
                a.latest = number;
                a.latest_signatures = signatures;
            }
            if (signatures >= 2)
                a.in_force = std::max(a.in_force, number);
        }
        for (DashboardRow& row : rows) {
            auto it = facts.find(raw(row.id));
            row.agreement = it == facts.end() ? AgreementSummary::draft : summarise(it->second);
            if (row.status == Status::active && row.agreement != AgreementSummary::in_force &&
                row.agreement != AgreementSummary::amendment_pending)
                raise(row, Alert::unsigned_agreement);
        }
    }

    for (const auto& [relationship, open] : storage::open_misunderstanding_counts(db))
        if (DashboardRow* row = row_of(relationship)) {
            row->open_misunderstandings = open;
            raise(*row, Alert::open_misunderstanding);
        }

    for (const auto& [relationship, review] : detail::review_active_goals(db, today)) {
        DashboardRow* row = row_of(raw(relationship));
        if (!row)
            continue;
        if (review.overdue)
            raise(*row, Alert::overdue_goal);
        if (!row->goals)
            continue;
        GoalCounts& g = *row->goals;
        ++g.active;
        g.overdue += review.overdue ? 1 : 0;
        if (review.forecast == Forecast::on_track)
            ++g.on_track;
        else if (review.forecast == Forecast::at_risk)
            ++g.at_risk;
        else if (review.forecast == Forecast::off_track)
            ++g.off_track;
    }

    {
        // Bookable as OfficeHours::book() sees it: by an active relationship, an occurrence that
        // has not started, is not full and that this relationship has not booked yet.
        std::unordered_map<std::int64_t, std::vector<std::int64_t>> served;
        for (const auto& [slot, relationship] : storage::office_hours_served(db))
            served[slot].push_back(relationship);
        if (!served.empty()) {
            std::set<std::tuple<std::int64_t, Date, std::int64_t>> booked; // slot, day, rel
            for (const storage::BookingKey& b : storage::office_hours_bookings(db))
                booked.emplace(b.slot, b.day, b.relationship);
            const Timestamp now = impl.now();
            const Timestamp horizon = now + std::chrono::duration_cast<Timestamp::duration>(
                                                std::chrono::days{kDashboardOfficeHoursDays});
            for (const Occurrence& o : store.office_hours().all_occurrences(now, horizon)) {
                if (o.booked >= o.capacity || o.start <= now)
                    continue;
                const auto slot = static_cast<std::int64_t>(o.slot);
                auto it = served.find(slot);
                if (it == served.end())
                    continue;
                for (std::int64_t id : it->second)
                    if (DashboardRow* row = row_of(id);
                        row && row->status == Status::active &&
                        !booked.contains({slot, o.local_day, id}) &&
                        (!row->next_office_hour || o.start < *row->next_office_hour))
                        row->next_office_hour = o.start;
            }
        }
    }
    return rows;
}

std::string_view to_string(AgreementSummary value) noexcept {
    return names::agreement_summary.name(value);
}

std::string_view to_string(Alert value) noexcept {
    switch (value) {
    case Alert::silent_too_long:
        return "silent_too_long";
    case Alert::unsigned_agreement:
        return "unsigned_agreement";
    case Alert::overdue_goal:
        return "overdue_goal";
    case Alert::open_misunderstanding:
        return "open_misunderstanding";
    }
    return "?";
}

} // namespace mentorkit
