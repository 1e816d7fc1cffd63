#include "mentorkit/meetings.hpp"

#include "enums.hpp"
#include "goals_impl.hpp"
#include "mentorkit/error.hpp"
#include "relationships_impl.hpp"
#include "store_impl.hpp"

#include <algorithm>

namespace mentorkit {

using detail::Json;
using namespace std::chrono;

namespace {

constexpr detail::EnumNames<Setting, 3> kSetting{
    {"in_person_public", "in_person_private", "virtual"}, "setting"};
constexpr detail::EnumNames<MeetingStatus, 4> kStatus{{"planned", "held", "cancelled", "no_show"},
                                                      "meeting status"};
constexpr detail::EnumNames<Health, 4> kHealth{
    {"too_early", "on_track", "needs_check_in", "stalled"}, "health"};

constexpr int kFirstDays = 90;

std::string meeting_text(MeetingId id) {
    return "meeting " + std::to_string(raw(id));
}

Date day_of_ms(std::int64_t ms) {
    return day_of(detail::from_millis(ms));
}

Meeting read_meeting(db::Statement& s) {
    Meeting m;
    m.id = MeetingId{s.get_int(0)};
    m.relationship = RelationshipId{s.get_int(1)};
    m.start = detail::from_millis(s.get_int(2));
    m.duration_minutes = static_cast<int>(s.get_int(3));
    m.setting = kSetting.parse(s.get_text(4));
    m.place = s.get_text(5);
    m.link = s.get_text(6);
    m.status = kStatus.parse(s.get_text(7));
    m.scheduled_by = PersonId{s.get_int(8)};
    if (auto v = s.get_opt_int(9))
        m.cancelled_by = PersonId{*v};
    if (auto v = s.get_opt_int(10))
        m.cancelled_at = detail::from_millis(*v);
    if (auto v = s.get_opt_int(11))
        m.absent = PersonId{*v};
    return m;
}

constexpr const char* kSelectMeeting =
    "SELECT id, relationship_id, starts_at, duration_min, setting, place, link, status, "
    "scheduled_by, cancelled_by, cancelled_at, absent_id FROM meeting WHERE id = ?1";

std::optional<Meeting> find_meeting(db::Database& db, MeetingId id) {
    db::Use s(db.cached(kSelectMeeting));
    s->bind(1, raw(id));
    if (!s->step())
        return std::nullopt;
    return read_meeting(*s);
}

// Agenda and the ratings `acting` may see: their own, and the other party's shared ones.
void load_details(db::Database& db, Meeting& m, PersonId acting) {
    {
        db::Use s(db.cached("SELECT text, proposed_by FROM agenda_item WHERE meeting_id = ?1 "
                            "ORDER BY position"));
        s->bind(1, raw(m.id));
        while (s->step())
            m.agenda.push_back({s->get_text(0), PersonId{s->get_int(1)}});
    }
    db::Use s(db.cached("SELECT person_id, rating, comment, visibility, rated_at FROM "
                        "meeting_rating WHERE meeting_id = ?1 ORDER BY rated_at, person_id"));
    s->bind(1, raw(m.id));
    while (s->step()) {
        PersonId by{s->get_int(0)};
        Visibility v = s->get_text(3) == "pair" ? Visibility::pair : Visibility::private_;
        if (by != acting && v == Visibility::private_)
            continue;
        m.ratings.push_back({by, static_cast<int>(s->get_int(1)), s->get_text(2), v,
                             detail::from_millis(s->get_int(4))});
    }
}

// --- the summary row ---------------------------------------------------------------------

struct Summary {
    int planned = 0, held = 0, cancelled_guide = 0, cancelled_learner = 0, no_show_guide = 0,
        no_show_learner = 0, held_first_90 = 0, longest_gap = 0, misses = 0;
    std::optional<Date> first_held, last_held;
};

Summary read_summary(db::Database& db, RelationshipId rel) {
    db::Use s(db.cached("SELECT planned, held, cancelled_guide, cancelled_learner, "
                        "no_show_guide, no_show_learner, held_first_90, first_held, last_held, "
                        "longest_gap, misses_since_held FROM meeting_stats "
                        "WHERE relationship_id = ?1"));
    s->bind(1, raw(rel));
    Summary out;
    if (!s->step())
        return out;
    auto i = [&](int c) {
        return static_cast<int>(s->get_int(c));
    };
    out = {i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(9), i(10), std::nullopt, std::nullopt};
    if (auto d = s->get_opt_text(7))
        out.first_held = detail::date_from_db(*d);
    if (auto d = s->get_opt_text(8))
        out.last_held = detail::date_from_db(*d);
    return out;
}

void write_summary(db::Database& db, RelationshipId rel, const Summary& x) {
    db::Use s(db.cached(
        "INSERT OR REPLACE INTO meeting_stats (relationship_id, planned, held, cancelled_guide, "
        "cancelled_learner, no_show_guide, no_show_learner, held_first_90, first_held, "
        "last_held, longest_gap, misses_since_held) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12)"));
    s->bind(1, raw(rel));
    s->bind(2, x.planned);
    s->bind(3, x.held);
    s->bind(4, x.cancelled_guide);
    s->bind(5, x.cancelled_learner);
    s->bind(6, x.no_show_guide);
    s->bind(7, x.no_show_learner);
    s->bind(8, x.held_first_90);
    if (x.first_held)
        s->bind(9, to_string(*x.first_held));
    if (x.last_held)
        s->bind(10, to_string(*x.last_held));
    s->bind(11, x.longest_gap);
    s->bind(12, x.misses);
    s->run();
}

// The summary recomputed from every meeting of the relationship (the reference the incremental
// updates follow; used when a change arrives out of order and by rebuild_stats).
Summary recompute(db::Database& db, const Relationship& r) {
    Summary x;
    db::Use s(db.cached("SELECT starts_at, status, cancelled_by, absent_id FROM meeting "
                        "WHERE relationship_id = ?1 ORDER BY starts_at, id"));
    s->bind(1, raw(r.id));
    Date previous = r.start;
    while (s->step()) {
        ++x.planned;
        Date day = day_of_ms(s->get_int(0));
        MeetingStatus status = kStatus.parse(s->get_text(1));
        if (status == MeetingStatus::held) {
            ++x.held;
            if (day < r.start + days{kFirstDays})
                ++x.held_first_90;
            if (!x.first_held)
                x.first_held = day;
            x.longest_gap = std::max(x.longest_gap, static_cast<int>((day - previous).count()));
            previous = day;
            x.last_held = day;
            x.misses = 0;
        } else if (status == MeetingStatus::cancelled) {
            (PersonId{s->get_int(2)} == r.guide ? x.cancelled_guide : x.cancelled_learner)++;
            ++x.misses;
        } else if (status == MeetingStatus::no_show) {
            (PersonId{s->get_int(3)} == r.guide ? x.no_show_guide : x.no_show_learner)++;
            ++x.misses;
        }
    }
    return x;
}

// Applies one outcome to the summary. In the usual order (the meeting is on a later day than
// the last held one) the update is incremental; otherwise — including the same day, where the
// order within the day decides — the summary is recomputed.
void apply_outcome(db::Database& db, const Relationship& r, const Meeting& m,
                   MeetingStatus status) {
    Summary x = read_summary(db, r.id);
    Date day = day_of(m.start);
    if (x.last_held && day <= *x.last_held) {
        write_summary(db, r.id, recompute(db, r));
        return;
    }
    switch (status) {
    case MeetingStatus::held: {
        ++x.held;
        if (day < r.start + days{kFirstDays})
            ++x.held_first_90;
        if (!x.first_held)
            x.first_held = day;
        Date previous = x.last_held.value_or(r.start);
        x.longest_gap = std::max(x.longest_gap, static_cast<int>((day - previous).count()));
        x.last_held = day;
        // Misses dated after this meeting still count as misses since the last held one.
        db::Use s(db.cached("SELECT count(*) FROM meeting WHERE relationship_id = ?1 AND "
                            "starts_at > ?2 AND (status = 'cancelled' OR status = 'no_show')"));
        s->bind(1, raw(r.id));
        s->bind(2, detail::to_millis(m.start));
        s->step();
        x.misses = static_cast<int>(s->get_int(0));
        break;
    }
    case MeetingStatus::cancelled:
        (*m.cancelled_by == r.guide ? x.cancelled_guide : x.cancelled_learner)++;
        ++x.misses;
        break;
    case MeetingStatus::no_show:
        (*m.absent == r.guide ? x.no_show_guide : x.no_show_learner)++;
        ++x.misses;
        break;
    case MeetingStatus::planned:
        break;
    }
    write_summary(db, r.id, x);
}

int default_cadence(Model model) {
    return defaults_of(model).default_cadence_days;
}

// Metrics and health from a summary row, as of `today`.
MeetingStats finish(RelationshipId id, Status status, Date start, const Summary& x, int cadence,
                    Date today) {
    MeetingStats st;
    st.relationship = id;
    st.planned = x.planned;
    st.held = x.held;
    st.cancelled_by_guide = x.cancelled_guide;
    st.cancelled_by_learner = x.cancelled_learner;
    st.no_show_guide = x.no_show_guide;
    st.no_show_learner = x.no_show_learner;
    st.held_first_90_days = x.held_first_90;
    st.last_held = x.last_held;
    st.misses_since_last_held = x.misses;
    st.cadence_days = cadence;
    Date since = x.last_held.value_or(start);
    st.days_since_last_held = std::max(0, static_cast<int>((today - since).count()));
    st.longest_gap_days = x.longest_gap;
    bool open = status == Status::active || status == Status::paused || status == Status::proposed;
    if (open)
        st.longest_gap_days = std::max(st.longest_gap_days, st.days_since_last_held);
    if (status == Status::active) {
        double silence = st.days_since_last_held;
        if (!x.last_held && (today - start).count() < cadence)
            st.health = Health::too_early;
        else if (silence > 2.0 * cadence)
            st.health = Health::stalled;
        else if (silence > 1.25 * cadence || x.misses >= 2)
            st.health = Health::needs_check_in;
        else
            st.health = Health::on_track;
    }
    return st;
}

// The cadence of every relationship in one statement: the version in force (signed by both),
// else the latest stored version, else the model's default (the unstored template has it).
// A macro, so that the two statements below are distinct literals for the statement cache.
#define MENTORKIT_STATS_SELECT                                                                     \
    "SELECT r.id, r.status, r.start_date, r.model, "                                               \
    "  (SELECT v.cadence_days FROM agreement_version v WHERE v.relationship_id = r.id AND "        \
    "     (SELECT count(*) FROM agreement_signature g WHERE g.version_id = v.id AND "              \
    "      g.person_id IN (r.guide_id, r.learner_id)) = 2 ORDER BY v.number DESC LIMIT 1), "       \
    "  EXISTS (SELECT 1 FROM agreement_version v WHERE v.relationship_id = r.id AND "              \
    "     (SELECT count(*) FROM agreement_signature g WHERE g.version_id = v.id AND "              \
    "      g.person_id IN (r.guide_id, r.learner_id)) = 2), "                                      \
    "  (SELECT v.cadence_days FROM agreement_version v WHERE v.relationship_id = r.id "            \
    "     ORDER BY v.number DESC LIMIT 1), "                                                       \
    "  EXISTS (SELECT 1 FROM agreement_version v WHERE v.relationship_id = r.id), "                \
    "  s.planned, s.held, s.cancelled_guide, s.cancelled_learner, s.no_show_guide, "               \
    "  s.no_show_learner, s.held_first_90, s.first_held, s.last_held, s.longest_gap, "             \
    "  s.misses_since_held "                                                                       \
    "FROM relationship r LEFT JOIN meeting_stats s ON s.relationship_id = r.id "
constexpr const char* kStatsOne = MENTORKIT_STATS_SELECT "WHERE r.id = ?1";
constexpr const char* kStatsAll = MENTORKIT_STATS_SELECT "ORDER BY r.id";
#undef MENTORKIT_STATS_SELECT

MeetingStats stats_row(db::Statement& s, Date today) {
    RelationshipId id{s.get_int(0)};
    Status status = detail::parse_status(s.get_text(1));
    Date start = detail::date_from_db(s.get_text(2));
    Model model = s.get_text(3) == "coaching"      ? Model::coaching
                  : s.get_text(3) == "supervision" ? Model::supervision
                                                   : Model::mentoring;
    int cadence = default_cadence(model);
    if (s.get_int(5) != 0) {
        if (auto c = s.get_opt_int(4))
            cadence = static_cast<int>(*c);
    } else if (s.get_int(7) != 0) {
        if (auto c = s.get_opt_int(6))
            cadence = static_cast<int>(*c);
    }
    Summary x;
    if (!s.is_null(8)) {
        auto i = [&](int c) {
            return static_cast<int>(s.get_int(c));
        };
        x = {i(8),  i(9),  i(10), i(11),        i(12),       i(13),
             i(14), i(17), i(18), std::nullopt, std::nullopt};
        if (auto d = s.get_opt_text(15))
            x.first_held = detail::date_from_db(*d);
        if (auto d = s.get_opt_text(16))
            x.last_held = detail::date_from_db(*d);
    }
    return finish(id, status, start, x, cadence, today);
}

// Loads the meeting for a change by `by`, who must be a party.
std::pair<Meeting, Relationship> for_change(db::Database& db, MeetingId id, PersonId by,
                                            std::string_view action) {
    auto m = find_meeting(db, id);
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
    {
        db::Use s(db.cached("UPDATE meeting SET status = ?2, cancelled_by = ?3, cancelled_at = "
                            "?4, absent_id = ?5, outcome_by = ?6 WHERE id = ?1"));
        s->bind(1, raw(m.id));
        s->bind(2, kStatus.name(status));
        if (cancelled_by)
            s->bind(3, raw(*cancelled_by));
        if (cancelled_at)
            s->bind(4, detail::to_millis(*cancelled_at));
        if (absent)
            s->bind(5, raw(*absent));
        s->bind(6, raw(by));
        s->run();
    }
    Meeting changed = m;
    changed.cancelled_by = cancelled_by;
    changed.absent = absent;
    apply_outcome(db, r, changed, status);
    Json detail;
    detail.add("relationship", raw(r.id)).add("status", kStatus.name(status));
    if (cancelled_at)
        detail.add("notice_minutes", static_cast<std::int64_t>(
                                         duration_cast<minutes>(m.start - *cancelled_at).count()));
    if (absent)
        detail.add("absent", raw(*absent));
    impl.audit(by, kStatus.name(status), "meeting", raw(m.id), detail.str());
}

} // namespace

std::optional<minutes> Meeting::notice() const {
    if (status != MeetingStatus::cancelled || !cancelled_at)
        return std::nullopt;
    return duration_cast<minutes>(start - *cancelled_at);
}

MeetingId Meetings::schedule(const NewMeeting& req) {
    if (req.duration_minutes < 1 || req.duration_minutes > 1440)
        throw InvalidArgument("a meeting lasts 1 to 1440 minutes, not " +
                              std::to_string(req.duration_minutes));
    if (static_cast<std::size_t>(req.setting) > 2)
        throw InvalidArgument("unknown setting");
    std::string place = detail::optional_text(req.place, "the place", kMaxLineBytes);
    std::string link = detail::optional_text(req.link, "the link", kMaxLineBytes);
    if (req.setting == Setting::virtual_ && link.empty())
        throw InvalidArgument("a virtual meeting needs a link", ErrorCode::empty_text);
    detail::require_instant(req.start, "the meeting's start");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Relationship r = detail::load_relationship(db, req.relationship);
    detail::require_party(r, req.by, "schedule its meetings");
    if (r.status != Status::active)
        detail::bad_transition(r, "schedule a meeting of");
    detail::require_not_before(day_of(req.start), r.start, "the meeting's day",
                               "the relationship's start");
    std::int64_t start = detail::to_millis(req.start);
    std::int64_t end = start + std::int64_t{req.duration_minutes} * 60000;
    {
        db::Use s(db.cached("SELECT id FROM meeting WHERE relationship_id = ?1 AND "
                            "(status = 'planned' OR status = 'held') AND starts_at < ?3 AND "
                            "starts_at + duration_min * 60000 > ?2 LIMIT 1"));
        s->bind(1, raw(r.id));
        s->bind(2, start);
        s->bind(3, end);
        if (s->step())
            throw RuleViolation("the meeting would overlap meeting " +
                                std::to_string(s->get_int(0)) + " of the same relationship");
    }
    std::int64_t id = 0;
    {
        db::Use s(db.cached("INSERT INTO meeting (relationship_id, starts_at, duration_min, "
                            "setting, place, link, status, scheduled_by, created_at) VALUES "
                            "(?1, ?2, ?3, ?4, ?5, ?6, 'planned', ?7, ?8)"));
        s->bind(1, raw(r.id));
        s->bind(2, start);
        s->bind(3, req.duration_minutes);
        s->bind(4, kSetting.name(req.setting));
        s->bind(5, place);
        s->bind(6, link);
        s->bind(7, raw(req.by));
        s->bind(8, detail::to_millis(m_impl->now()));
        s->run();
        id = db.last_insert_rowid();
    }
    {
        db::Use s(db.cached(
            "INSERT INTO meeting_stats (relationship_id, planned, held, cancelled_guide, "
            "cancelled_learner, no_show_guide, no_show_learner, held_first_90, longest_gap, "
            "misses_since_held) VALUES (?1, 1, 0, 0, 0, 0, 0, 0, 0, 0) "
            "ON CONFLICT (relationship_id) DO UPDATE SET planned = planned + 1"));
        s->bind(1, raw(r.id));
        s->run();
    }
    m_impl->audit(req.by, "schedule", "meeting", id,
                  Json()
                      .add("relationship", raw(r.id))
                      .add("start", to_string(req.start))
                      .add("minutes", req.duration_minutes)
                      .add("setting", kSetting.name(req.setting))
                      .str());
    tx.commit();
    return MeetingId{id};
}

Meeting Meetings::get(MeetingId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    auto m = find_meeting(db, id);
    if (!m || !detail::load_relationship(db, m->relationship).is_party(acting))
        throw NotFound(meeting_text(id) + " does not exist");
    load_details(db, *m, acting);
    return std::move(*m);
}

std::vector<Meeting> Meetings::list(RelationshipId relationship, PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "meetings");
    std::vector<Meeting> out;
    {
        db::Use s(db.cached("SELECT id, relationship_id, starts_at, duration_min, setting, place, "
                            "link, status, scheduled_by, cancelled_by, cancelled_at, absent_id "
                            "FROM meeting WHERE relationship_id = ?1 ORDER BY starts_at, id"));
        s->bind(1, raw(relationship));
        while (s->step())
            out.push_back(read_meeting(*s));
    }
    for (Meeting& m : out)
        load_details(db, m, acting);
    return out;
}

void Meetings::add_agenda_item(MeetingId id, const std::string& text, PersonId by) {
    std::string item = detail::require_text(text, "the agenda item");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    auto [m, r] = for_change(db, id, by, "add to its agenda");
    // The agenda owner is the goal owner of the model: mentee, both, supervisor (seed 003).
    if (!m_impl->goals.is_owner(r, by))
        throw PermissionDenied(std::string("in ") + std::string(to_string(r.model)) + " the " +
                               std::string(r.model == Model::mentoring ? "mentee" : "supervisor") +
                               " sets the agenda");
    require_planned(m, "add to the agenda of");
    std::int64_t position = 0;
    {
        db::Use s(db.cached("SELECT count(*) FROM agenda_item WHERE meeting_id = ?1"));
        s->bind(1, raw(id));
        s->step();
        position = s->get_int(0);
    }
    detail::require_list_size(static_cast<std::size_t>(position) + 1, "the meeting's agenda");
    {
        db::Use s(db.cached("INSERT INTO agenda_item (meeting_id, position, text, proposed_by) "
                            "VALUES (?1, ?2, ?3, ?4)"));
        s->bind(1, raw(id));
        s->bind(2, position);
        s->bind(3, item);
        s->bind(4, raw(by));
        s->run();
    }
    // The agenda is the pair's: the audit log records that an item was added, not its text.
    m_impl->audit(by, "add_agenda_item", "meeting", raw(id),
                  Json().add("relationship", raw(r.id)).add("position", position).str());
    tx.commit();
}

void Meetings::mark_held(MeetingId id, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    auto [m, r] = for_change(db, id, by, "record its meetings");
    require_planned(m, "mark as held");
    if (m_impl->now() < m.start)
        throw InvalidArgument(meeting_text(id) + " starts at " + to_string(m.start) +
                                  "; it cannot have been held yet",
                              ErrorCode::invalid_date);
    set_outcome(*m_impl, m, r, MeetingStatus::held, by, std::nullopt, std::nullopt, std::nullopt);
    tx.commit();
}

void Meetings::cancel(MeetingId id, PersonId by, std::optional<Timestamp> at) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    auto [m, r] = for_change(db, id, by, "cancel its meetings");
    require_planned(m, "cancel");
    Timestamp when = at.value_or(m_impl->now());
    detail::require_instant(when, "the cancellation time");
    if (when > m_impl->now())
        throw InvalidArgument("a cancellation cannot be dated in the future",
                              ErrorCode::invalid_date);
    set_outcome(*m_impl, m, r, MeetingStatus::cancelled, by, by, when, std::nullopt);
    tx.commit();
}

void Meetings::mark_no_show(MeetingId id, PersonId absent, PersonId by) {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    auto [m, r] = for_change(db, id, by, "record its meetings");
    if (!r.is_party(absent))
        throw InvalidArgument("person " + std::to_string(raw(absent)) +
                              " is not a party, so cannot be absent from " + meeting_text(id));
    if (absent == by)
        throw InvalidArgument("a no-show is recorded by the party who came");
    require_planned(m, "mark as a no-show");
    if (m_impl->now() < m.start)
        throw InvalidArgument(meeting_text(id) + " has not started yet", ErrorCode::invalid_date);
    set_outcome(*m_impl, m, r, MeetingStatus::no_show, by, std::nullopt, std::nullopt, absent);
    tx.commit();
}

void Meetings::rate(MeetingId id, PersonId by, int rating, const std::string& comment,
                    Visibility visibility) {
    if (rating < 1 || rating > 4)
        throw InvalidArgument("a meeting is rated 1 to 4, not " + std::to_string(rating));
    if (visibility != Visibility::private_ && visibility != Visibility::pair)
        throw InvalidArgument("a rating is private or shared with the pair");
    std::string text = detail::optional_text(comment, "the comment");
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    auto [m, r] = for_change(db, id, by, "rate its meetings");
    if (m.status != MeetingStatus::held)
        throw RuleViolation("only a held meeting can be rated; " + meeting_text(id) + " is " +
                                std::string(to_string(m.status)),
                            ErrorCode::invalid_transition);
    {
        db::Use s(db.cached("SELECT 1 FROM meeting_rating WHERE meeting_id = ?1 AND "
                            "person_id = ?2"));
        s->bind(1, raw(id));
        s->bind(2, raw(by));
        if (s->step())
            throw RuleViolation("person " + std::to_string(raw(by)) + " already rated " +
                                    meeting_text(id),
                                ErrorCode::invalid_transition);
    }
    {
        db::Use s(db.cached("INSERT INTO meeting_rating (meeting_id, person_id, rating, comment, "
                            "visibility, rated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
        s->bind(1, raw(id));
        s->bind(2, raw(by));
        s->bind(3, rating);
        s->bind(4, text);
        s->bind(5, to_string(visibility));
        s->bind(6, detail::to_millis(m_impl->now()));
        s->run();
    }
    // Neither the rating nor the comment: both may be private to their author.
    m_impl->audit(by, "rate", "meeting", raw(id), Json().add("relationship", raw(r.id)).str());
    tx.commit();
}

MeetingStats Meetings::stats(RelationshipId relationship) const {
    db::Database& db = m_impl->db();
    detail::load_relationship(db, relationship);
    db::Use s(db.cached(kStatsOne));
    s->bind(1, raw(relationship));
    s->step();
    return stats_row(*s, m_impl->today());
}

std::vector<MeetingStats> Meetings::all_stats() const {
    db::Use s(m_impl->db().cached(kStatsAll));
    Date today = m_impl->today();
    std::vector<MeetingStats> out;
    while (s->step())
        out.push_back(stats_row(*s, today));
    return out;
}

void Meetings::rebuild_stats() {
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    for (const Relationship& r : m_impl->relationships.list()) {
        Summary x = recompute(db, r);
        if (x.planned > 0)
            write_summary(db, r.id, x);
    }
    m_impl->audit(std::nullopt, "rebuild_stats", "meeting_stats", 0, "{}");
    tx.commit();
}

std::optional<Health> Meetings::health(RelationshipId relationship) const {
    return stats(relationship).health;
}

std::string_view to_string(Setting v) noexcept {
    return kSetting.name(v);
}
std::string_view to_string(MeetingStatus v) noexcept {
    return kStatus.name(v);
}
std::string_view to_string(Health v) noexcept {
    return kHealth.name(v);
}

} // namespace mentorkit
