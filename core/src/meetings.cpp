// Meetings: scheduled, given an outcome and rated as operations (meeting.*); the consistency
// metrics and health are rules/meetings.hpp, the SQL storage/meetings.cpp.

#include "mentorkit/meetings.hpp"

#include "meetings_impl.hpp"
#include "mentorkit/error.hpp"
#include "names.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/registry.hpp"
#include "relationships_impl.hpp"
#include "rules/meetings.hpp"
#include "storage/meetings.hpp"
#include "storage/relationships.hpp"
#include "store_impl.hpp"

#include <algorithm>

namespace mentorkit {

using detail::Json;
using namespace std::chrono;

namespace {

std::string meeting_text(MeetingId id) {
    return "meeting " + std::to_string(raw(id));
}

// The agenda and the ratings `acting` may see: their own, and the other party's shared ones.
void load_details(db::Database& db, Meeting& m, PersonId acting) {
    m.agenda = storage::agenda_of(db, m.id);
    for (MeetingRating& r : storage::ratings_of(db, m.id))
        if (r.by == acting || r.visibility == Visibility::pair)
            m.ratings.push_back(std::move(r));
}

// Applies one outcome to the relationship's summary: incrementally in the usual order, by a
// recount otherwise.
void count_outcome(db::Database& db, const Relationship& r, const Meeting& m,
                   MeetingStatus status) {
    rules::MeetingSummary x = storage::read_summary(db, r.id);
    rules::MeetingFact fact{day_of(m.start), status, m.cancelled_by, m.absent};
    int later_misses = status == MeetingStatus::held ? storage::misses_after(db, r.id, m.start) : 0;
    if (!rules::add_outcome(x, r, fact, later_misses))
        x = rules::summarize(r, storage::meeting_facts(db, r.id));
    storage::write_summary(db, r.id, x);
}

// Loads the meeting for a change by `by`, who must be a party.
std::pair<Meeting, Relationship> for_change(db::Database& db, MeetingId id, PersonId by,
                                            std::string_view action) {
    auto m = storage::find_meeting(db, id);
    if (!m)
        throw NotFound(meeting_text(id) + " does not exist");
    Relationship r = detail::load_relationship(db, m->relationship);
    detail::require_party(r, by, std::string(action));
    return {std::move(*m), std::move(r)};
}

void require_planned(const Meeting& m, std::string_view action) {
    if (m.status != MeetingStatus::planned)
        throw RuleViolation("cannot " + std::string(action) + " " + meeting_text(m.id) +
                                ": it is already " + std::string(to_string(m.status)),
                            ErrorCode::invalid_transition);
}

void set_outcome(detail::StoreImpl& impl, const Meeting& m, const Relationship& r,
                 MeetingStatus status, PersonId by, std::optional<PersonId> cancelled_by,
                 std::optional<Timestamp> cancelled_at, std::optional<PersonId> absent) {
    db::Database& db = impl.db();
    storage::set_meeting_outcome(db, m.id, status, by, cancelled_by, cancelled_at, absent);
    Meeting changed = m;
    changed.cancelled_by = cancelled_by;
    changed.absent = absent;
    count_outcome(db, r, changed, status);
    Json detail;
    detail.add("relationship", raw(r.id)).add("status", names::meeting_status.name(status));
    if (cancelled_at)
        detail.add("notice_minutes", static_cast<std::int64_t>(
                                         duration_cast<minutes>(m.start - *cancelled_at).count()));
    if (absent)
        detail.add("absent", raw(*absent));
    impl.audit(by, names::meeting_status.name(status), "meeting", raw(m.id), detail.str());
}

// --- operations --------------------------------------------------------------------------------

struct Schedule {
    static constexpr const char* kind = "meeting.schedule";
    Uid uid;
    NewMeeting req;

    std::int64_t apply(detail::StoreImpl& impl) const {
        if (req.duration_minutes < 1 || req.duration_minutes > 1440)
            throw InvalidArgument("a meeting lasts 1 to 1440 minutes, not " +
                                  std::to_string(req.duration_minutes));
        if (static_cast<std::size_t>(req.setting) > 2)
            throw InvalidArgument("unknown setting");
        Meeting m;
        m.place = detail::optional_text(req.place, "the place", kMaxLineBytes);
        m.link = detail::optional_text(req.link, "the link", kMaxLineBytes);
        if (req.setting == Setting::virtual_ && m.link.empty())
            throw InvalidArgument("a virtual meeting needs a link", ErrorCode::empty_text);
        detail::require_instant(req.start, "the meeting's start");
        db::Database& db = impl.db();
        Relationship r = detail::load_relationship(db, req.relationship);
        detail::require_party(r, req.by, "schedule its meetings");
        if (r.status != Status::active)
            detail::bad_transition(r, "schedule a meeting of");
        detail::require_not_before(day_of(req.start), r.start, "the meeting's day",
                                   "the relationship's start");
        Timestamp end = req.start + minutes{req.duration_minutes};
        if (auto other = storage::overlapping_meeting(db, r.id, req.start, end))
            throw RuleViolation("the meeting would overlap meeting " + std::to_string(*other) +
                                " of the same relationship");
        m.relationship = r.id;
        m.start = req.start;
        m.duration_minutes = req.duration_minutes;
        m.setting = req.setting;
        m.scheduled_by = req.by;
        MeetingId id = storage::insert_meeting(db, uid, m, impl.now());
        storage::count_planned(db, r.id);
        impl.audit(req.by, "schedule", "meeting", raw(id),
                   Json()
                       .add("relationship", raw(r.id))
                       .add("start", to_string(req.start))
                       .add("minutes", req.duration_minutes)
                       .add("setting", names::setting.name(req.setting))
                       .str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("relationship", e.ref(req.relationship))
            .add("start", e.instant(req.start))
            .add("minutes", req.duration_minutes)
            .add("setting", names::setting.name(req.setting))
            .add("place", req.place)
            .add("link", req.link)
            .done();
    }
    static Schedule decode(ops::Decoder& d) {
        Schedule op{d.uid("id"), {}};
        op.req.relationship = d.ref<RelationshipId>("relationship");
        op.req.by = d.actor_required();
        op.req.start = d.instant("start");
        op.req.duration_minutes = d.integer("minutes");
        op.req.setting = d.name("setting", names::setting);
        op.req.place = d.text("place");
        op.req.link = d.text("link");
        return op;
    }
};

struct AddAgendaItem {
    static constexpr const char* kind = "meeting.add_agenda_item";
    MeetingId id;
    std::string text;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string item = detail::require_text(text, "the agenda item");
        db::Database& db = impl.db();
        auto [m, r] = for_change(db, id, by, "add to its agenda");
        // The agenda owner is the goal owner of the model: mentee, both, supervisor (seed 003).
        if (!impl.goals.is_owner(r, by))
            throw PermissionDenied(
                std::string("in ") + std::string(to_string(r.model)) + " the " +
                std::string(r.model == Model::mentoring ? "mentee" : "supervisor") +
                " sets the agenda");
        require_planned(m, "add to the agenda of");
        int position = storage::agenda_length(db, id);
        detail::require_list_size(static_cast<std::size_t>(position) + 1, "the meeting's agenda");
        storage::insert_agenda_item(db, id, position, item, by);
        // The agenda is the pair's: the audit log records that an item was added, not its text.
        impl.audit(by, "add_agenda_item", "meeting", raw(id),
                   Json().add("relationship", raw(r.id)).add("position", position).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("meeting", e.ref(id)).add("text", text).done();
    }
    static AddAgendaItem decode(ops::Decoder& d) {
        return {d.ref<MeetingId>("meeting"), d.text("text"), d.actor_required()};
    }
};

struct MarkHeld {
    static constexpr const char* kind = "meeting.held";
    MeetingId id;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        auto [m, r] = for_change(impl.db(), id, by, "record its meetings");
        require_planned(m, "mark as held");
        if (impl.now() < m.start)
            throw InvalidArgument(meeting_text(id) + " starts at " + to_string(m.start) +
                                      "; it cannot have been held yet",
                                  ErrorCode::invalid_date);
        set_outcome(impl, m, r, MeetingStatus::held, by, std::nullopt, std::nullopt, std::nullopt);
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("meeting", e.ref(id)).done();
    }
    static MarkHeld decode(ops::Decoder& d) {
        return {d.ref<MeetingId>("meeting"), d.actor_required()};
    }
};

struct Cancel {
    static constexpr const char* kind = "meeting.cancel";
    MeetingId id;
    PersonId by;
    std::optional<Timestamp> at;

    std::int64_t apply(detail::StoreImpl& impl) const {
        auto [m, r] = for_change(impl.db(), id, by, "cancel its meetings");
        require_planned(m, "cancel");
        Timestamp when = at.value_or(impl.now());
        detail::require_instant(when, "the cancellation time");
        if (when > impl.now())
            throw InvalidArgument("a cancellation cannot be dated in the future",
                                  ErrorCode::invalid_date);
        set_outcome(impl, m, r, MeetingStatus::cancelled, by, by, when, std::nullopt);
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("meeting", e.ref(id)).add("at", e.instant(at)).done();
    }
    static Cancel decode(ops::Decoder& d) {
        return {d.ref<MeetingId>("meeting"), d.actor_required(), d.opt_instant("at")};
    }
};

struct NoShow {
    static constexpr const char* kind = "meeting.no_show";
    MeetingId id;
    PersonId absent;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        auto [m, r] = for_change(impl.db(), id, by, "record its meetings");
        if (!r.is_party(absent))
            throw InvalidArgument("person " + std::to_string(raw(absent)) +
                                  " is not a party, so cannot be absent from " + meeting_text(id));
        if (absent == by)
            throw InvalidArgument("a no-show is recorded by the party who came");
        require_planned(m, "mark as a no-show");
        if (impl.now() < m.start)
            throw InvalidArgument(meeting_text(id) + " has not started yet",
                                  ErrorCode::invalid_date);
        set_outcome(impl, m, r, MeetingStatus::no_show, by, std::nullopt, std::nullopt, absent);
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("meeting", e.ref(id)).add("absent", e.ref(absent)).done();
    }
    static NoShow decode(ops::Decoder& d) {
        return {d.ref<MeetingId>("meeting"), d.ref<PersonId>("absent"), d.actor_required()};
    }
};

struct Rate {
    static constexpr const char* kind = "meeting.rate";
    MeetingId id;
    PersonId by;
    int rating = 0;
    std::string comment;
    Visibility visibility = Visibility::private_;

    std::int64_t apply(detail::StoreImpl& impl) const {
        if (rating < 1 || rating > 4)
            throw InvalidArgument("a meeting is rated 1 to 4, not " + std::to_string(rating));
        if (visibility != Visibility::private_ && visibility != Visibility::pair)
            throw InvalidArgument("a rating is private or shared with the pair");
        std::string text = detail::optional_text(comment, "the comment");
        db::Database& db = impl.db();
        auto [m, r] = for_change(db, id, by, "rate its meetings");
        if (m.status != MeetingStatus::held)
            throw RuleViolation("only a held meeting can be rated; " + meeting_text(id) + " is " +
                                    std::string(to_string(m.status)),
                                ErrorCode::invalid_transition);
        if (storage::has_rating(db, id, by))
            throw RuleViolation("person " + std::to_string(raw(by)) + " already rated " +
                                    meeting_text(id),
                                ErrorCode::invalid_transition);
        storage::insert_rating(db, id, {by, rating, text, visibility, impl.now()});
        // Neither the rating nor the comment: both may be private to their author.
        impl.audit(by, "rate", "meeting", raw(id), Json().add("relationship", raw(r.id)).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("meeting", e.ref(id))
            .add("rating", rating)
            .add("comment", comment)
            .add("visibility", names::visibility.name(visibility))
            .done();
    }
    static Rate decode(ops::Decoder& d) {
        return {d.ref<MeetingId>("meeting"), d.actor_required(), d.integer("rating"),
                d.text("comment"), d.name("visibility", names::visibility)};
    }
};

struct RebuildStats {
    static constexpr const char* kind = "meeting.rebuild_stats";

    std::int64_t apply(detail::StoreImpl& impl) const {
        db::Database& db = impl.db();
        for (const Relationship& r : storage::list_relationships(db, {})) {
            rules::MeetingSummary x = rules::summarize(r, storage::meeting_facts(db, r.id));
            if (x.planned > 0)
                storage::write_summary(db, r.id, x);
        }
        impl.audit(std::nullopt, "rebuild_stats", "meeting_stats", 0, "{}");
        return 0;
    }
    ops::Value encode(ops::Encoder&) const { return ops::Object{}; }
    static RebuildStats decode(ops::Decoder&) { return {}; }
};

} // namespace

namespace ops {
void register_meetings(Registry& r) {
    r.add(Schedule::kind, &handle<Schedule>);
    r.add(AddAgendaItem::kind, &handle<AddAgendaItem>);
    r.add(MarkHeld::kind, &handle<MarkHeld>);
    r.add(Cancel::kind, &handle<Cancel>);
    r.add(NoShow::kind, &handle<NoShow>);
    r.add(Rate::kind, &handle<Rate>);
    r.add(RebuildStats::kind, &handle<RebuildStats>);
}
} // namespace ops

namespace detail {
MeetingId schedule_in(StoreImpl& impl, ops::LocalBatch& batch, const NewMeeting& meeting) {
    Uid uid = ops::new_uid(to_millis(impl.now()));
    return MeetingId{batch.add(Schedule{uid, meeting})};
}
} // namespace detail

std::optional<minutes> Meeting::notice() const {
    if (status != MeetingStatus::cancelled || !cancelled_at)
        return std::nullopt;
    return duration_cast<minutes>(start - *cancelled_at);
}

MeetingId Meetings::schedule(const NewMeeting& req) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return MeetingId{ops::run(*m_impl, req.by, Schedule{uid, req})};
}

Meeting Meetings::get(MeetingId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    auto m = storage::find_meeting(db, id);
    if (!m || !detail::load_relationship(db, m->relationship).is_party(acting))
        throw NotFound(meeting_text(id) + " does not exist");
    load_details(db, *m, acting);
    return std::move(*m);
}

std::vector<Meeting> Meetings::list(RelationshipId relationship, PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "meetings");
    std::vector<Meeting> out = storage::meetings_of(db, relationship);
    for (Meeting& m : out)
        load_details(db, m, acting);
    return out;
}

void Meetings::add_agenda_item(MeetingId id, const std::string& text, PersonId by) {
    ops::run(*m_impl, by, AddAgendaItem{id, text, by});
}

void Meetings::mark_held(MeetingId id, PersonId by) {
    ops::run(*m_impl, by, MarkHeld{id, by});
}

void Meetings::cancel(MeetingId id, PersonId by, std::optional<Timestamp> at) {
    ops::run(*m_impl, by, Cancel{id, by, at});
}

void Meetings::mark_no_show(MeetingId id, PersonId absent, PersonId by) {
    ops::run(*m_impl, by, NoShow{id, absent, by});
}

void Meetings::rate(MeetingId id, PersonId by, int rating, const std::string& comment,
                    Visibility visibility) {
    ops::run(*m_impl, by, Rate{id, by, rating, comment, visibility});
}

MeetingStats Meetings::stats(RelationshipId relationship) const {
    db::Database& db = m_impl->db();
    auto st = storage::stats_of(db, relationship, m_impl->today());
    if (!st)
        throw NotFound("relationship " + std::to_string(raw(relationship)) + " does not exist");
    return *st;
}

std::vector<MeetingStats> Meetings::all_stats() const {
    return storage::all_stats(m_impl->db(), m_impl->today());
}

void Meetings::rebuild_stats() {
    ops::run(*m_impl, std::nullopt, RebuildStats{});
}

std::optional<Health> Meetings::health(RelationshipId relationship) const {
    return stats(relationship).health;
}

std::string_view to_string(Setting v) noexcept {
    return names::setting.name(v);
}
std::string_view to_string(MeetingStatus v) noexcept {
    return names::meeting_status.name(v);
}
std::string_view to_string(Health v) noexcept {
    return names::health.name(v);
}

} // namespace mentorkit
