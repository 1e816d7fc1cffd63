// Meetings: scheduling and its refusals, who sees a meeting, agenda ownership by model, outcomes
// (held, cancelled with notice, no-show), ratings and their privacy, notes on meetings, the
// consistency metrics on hand-made histories, and the health derived from them.
//
// Dates: relationships start on Monday 2024-01-15 (default_start()); the Circle fixture stands on
// 2024-02-01 unless a test moves the clock. Histories are built by moving the store's clock: a
// meeting starts at noon of its day, is scheduled the day before and gets its outcome at 13:00.

#include "fixtures.hpp"

#include <algorithm>
#include <cctype>

using namespace mentorkit;
using namespace mk_test;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

const std::string kLink = "https://meet.example.org/abc-defg-hij";

/// A learner with two mentors, a coach and a supervisor (in the hierarchy and in a supervision
/// relationship), and a stranger. Today is 2024-02-01.
struct Circle {
    World w;
    PersonId supervisor = w.person("Supervisor", 5);
    PersonId learner = w.person("Learner", 1, {{"research", 1}}, supervisor);
    PersonId mentor = w.person("Mentor", 3, {{"research", 4}});
    PersonId mentor2 = w.person("Other mentor", 3);
    PersonId coach = w.person("Coach", 4);
    PersonId stranger = w.person("Stranger", 2);
    RelationshipId rel = w.active(Model::mentoring, mentor, learner, "research");
    RelationshipId other = w.active(Model::mentoring, mentor2, learner, "writing");
    RelationshipId coaching = w.active(Model::coaching, coach, learner, "presenting");
    RelationshipId lab = w.active(Model::supervision, supervisor, learner, "lab work");

    Circle() { w.clock.set_today(day24(2, 1)); }

    Meetings& meetings() { return w.store.meetings(); }
    Notes& notes() { return w.store.notes(); }
    std::int64_t audit() { return w.audit().total(); }

    /// A virtual meeting of `r` (default: the mentoring relationship) with a link.
    NewMeeting request(PersonId by, Timestamp start, int duration = 60,
                       std::optional<RelationshipId> r = {}) const {
        NewMeeting m;
        m.relationship = r.value_or(rel);
        m.by = by;
        m.start = start;
        m.duration_minutes = duration;
        m.setting = Setting::virtual_;
        m.link = kLink;
        return m;
    }
    MeetingId schedule(PersonId by, Timestamp start, int duration = 60,
                       std::optional<RelationshipId> r = {}) {
        return meetings().schedule(request(by, start, duration, r));
    }
    MeetingStatus status(MeetingId id) { return meetings().get(id, learner).status; }
    std::size_t count(std::optional<RelationshipId> r = {}) {
        return meetings().list(r.value_or(rel), learner).size();
    }
};

/// Builds the meeting history of one relationship by moving the store's clock: each meeting
/// starts at noon of its day (60 minutes), is scheduled by the learner the day before at noon,
/// and gets its outcome at 13:00 on its day (a cancellation: when it is scheduled).
struct History {
    World& w;
    RelationshipId rel;
    Relationship r;
    History(World& world, RelationshipId id) : w(world), rel(id), r(world.rels().get(id)) {}

    Meetings& m() { return w.store.meetings(); }
    MeetingId schedule_day_before(Date d) {
        w.clock.set_today(d - days(1));
        NewMeeting n;
        n.relationship = rel;
        n.by = r.learner;
        n.start = noon(d);
        n.duration_minutes = 60;
        n.setting = Setting::virtual_;
        n.link = kLink;
        return m().schedule(n);
    }
    void after_start(Date d) {
        w.clock.set_today(d);
        w.clock.advance(hours(1));
    }
    MeetingId held(Date d) {
        auto id = schedule_day_before(d);
        after_start(d);
        m().mark_held(id, r.guide);
        return id;
    }
    MeetingId cancelled(Date d, PersonId by) {
        auto id = schedule_day_before(d);
        m().cancel(id, by);
        return id;
    }
    MeetingId no_show(Date d, PersonId absent) {
        auto id = schedule_day_before(d);
        after_start(d);
        m().mark_no_show(id, absent, absent == r.guide ? r.learner : r.guide);
        return id;
    }
};

std::vector<MeetingId> ids_of(const std::vector<Meeting>& meetings) {
    std::vector<MeetingId> out;
    for (const auto& m : meetings)
        out.push_back(m.id);
    return out;
}

std::vector<NoteId> note_ids(const std::vector<Note>& notes) {
    std::vector<NoteId> out;
    for (const auto& n : notes)
        out.push_back(n.id);
    return out;
}

const MeetingRating* rating_by(const Meeting& m, PersonId by) {
    for (const auto& r : m.ratings)
        if (r.by == by)
            return &r;
    return nullptr;
}

bool mentions(const std::string& text, const std::string& word) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return lower.find(word) != std::string::npos;
}

/// Two metric rows agree on every field.
void check_same_stats(const MeetingStats& a, const MeetingStats& b) {
    INFO("relationship " << raw(a.relationship));
    CHECK(a.relationship == b.relationship);
    CHECK(a.planned == b.planned);
    CHECK(a.held == b.held);
    CHECK(a.cancelled_by_guide == b.cancelled_by_guide);
    CHECK(a.cancelled_by_learner == b.cancelled_by_learner);
    CHECK(a.no_show_guide == b.no_show_guide);
    CHECK(a.no_show_learner == b.no_show_learner);
    CHECK(a.held_first_90_days == b.held_first_90_days);
    CHECK(a.longest_gap_days == b.longest_gap_days);
    CHECK(a.last_held == b.last_held);
    CHECK(a.days_since_last_held == b.days_since_last_held);
    CHECK(a.misses_since_last_held == b.misses_since_last_held);
    CHECK(a.cadence_days == b.cadence_days);
    CHECK(a.health == b.health);
}

/// A refusal of a meeting that is not (or not yet) allowed to take an outcome because of time:
/// InvalidArgument invalid_date, or a RuleViolation (the contract leaves the class open).
void check_time_refusal(const Refusal& r) {
    INFO(r.kind << ": " << r.message);
    CHECK(
        ((r.is("InvalidArgument") && r.code == ErrorCode::invalid_date) || r.is("RuleViolation")));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Names

TEST_CASE("Meeting enums have lower-case names", "[meetings][names]") {
    CHECK(to_string(Setting::in_person_public) == "in_person_public");
    CHECK(to_string(Setting::in_person_private) == "in_person_private");
    CHECK(to_string(Setting::virtual_) == "virtual");
    CHECK(to_string(MeetingStatus::planned) == "planned");
    CHECK(to_string(MeetingStatus::held) == "held");
    CHECK(to_string(MeetingStatus::cancelled) == "cancelled");
    CHECK(to_string(MeetingStatus::no_show) == "no_show");
    CHECK(to_string(Health::too_early) == "too_early");
    CHECK(to_string(Health::on_track) == "on_track");
    CHECK(to_string(Health::needs_check_in) == "needs_check_in");
    CHECK(to_string(Health::stalled) == "stalled");
}

// ---------------------------------------------------------------------------------------------
// Scheduling

TEST_CASE("Either party schedules a meeting of an active relationship", "[meetings][schedule]") {
    Circle c;
    auto audit = c.audit();

    auto by_mentee = c.schedule(c.learner, time_on(day24(2, 5), 10), 60);
    CHECK(c.audit() > audit);
    auto m = c.meetings().get(by_mentee, c.learner);
    CHECK(m.id == by_mentee);
    CHECK(m.relationship == c.rel);
    CHECK(m.start == time_on(day24(2, 5), 10));
    CHECK(m.duration_minutes == 60);
    CHECK(m.setting == Setting::virtual_);
    CHECK(m.link == kLink);
    CHECK(m.place.empty());
    CHECK(m.status == MeetingStatus::planned);
    CHECK(m.scheduled_by == c.learner);
    CHECK_FALSE(m.cancelled_by.has_value());
    CHECK_FALSE(m.cancelled_at.has_value());
    CHECK_FALSE(m.absent.has_value());
    CHECK(m.agenda.empty());
    CHECK(m.ratings.empty());
    CHECK_FALSE(m.notice().has_value());

    auto in_person = c.request(c.mentor, time_on(day24(2, 12), 9, 30), 45);
    in_person.setting = Setting::in_person_private;
    in_person.place = "Room 4.12";
    in_person.link = "";
    auto by_mentor = c.meetings().schedule(in_person);
    auto p = c.meetings().get(by_mentor, c.mentor);
    CHECK(p.scheduled_by == c.mentor);
    CHECK(p.setting == Setting::in_person_private);
    CHECK(p.place == "Room 4.12");
    CHECK(p.link.empty());
    CHECK(p.duration_minutes == 45);
    CHECK(p.start == time_on(day24(2, 12), 9, 30));

    SECTION("a public in-person meeting needs no place") {
        auto cafe = c.request(c.learner, time_on(day24(2, 20), 8), 30);
        cafe.setting = Setting::in_person_public;
        cafe.link = "";
        auto id = c.meetings().schedule(cafe);
        CHECK(c.meetings().get(id, c.mentor).setting == Setting::in_person_public);
        CHECK(c.meetings().get(id, c.mentor).place.empty());
    }
    SECTION("durations of 1 and 1440 minutes are accepted") {
        auto one = c.schedule(c.learner, time_on(day24(2, 20), 10), 1);
        auto whole_day = c.schedule(c.mentor, time_on(day24(2, 21), 0), 1440);
        CHECK(c.meetings().get(one, c.mentor).duration_minutes == 1);
        CHECK(c.meetings().get(whole_day, c.mentor).duration_minutes == 1440);
    }
    SECTION("list() returns the meetings by start, for either party") {
        auto earlier = c.schedule(c.learner, time_on(day24(2, 3), 15));
        using V = std::vector<MeetingId>;
        CHECK(ids_of(c.meetings().list(c.rel, c.mentor)) == V{earlier, by_mentee, by_mentor});
        CHECK(ids_of(c.meetings().list(c.rel, c.learner)) == V{earlier, by_mentee, by_mentor});
        // Each relationship lists its own meetings only.
        CHECK(c.meetings().list(c.other, c.learner).empty());
    }
}

TEST_CASE("Scheduling is refused for non-parties and malformed requests, writing nothing",
          "[meetings][schedule][validation]") {
    Circle c;
    auto existing = c.schedule(c.learner, time_on(day24(2, 5), 10));
    auto audit = c.audit();
    auto at = time_on(day24(2, 8), 10);
    auto nothing_written = [&] {
        CHECK(c.audit() == audit);
        CHECK(ids_of(c.meetings().list(c.rel, c.learner)) == std::vector<MeetingId>{existing});
    };

    SECTION("a non-party, including the learner's supervisor and another mentor") {
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().schedule(c.request(c.stranger, at)));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().schedule(c.request(c.supervisor, at)));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().schedule(c.request(c.mentor2, at)));
        nothing_written();
    }
    SECTION("an unknown relationship") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      c.meetings().schedule(c.request(c.learner, at, 60, RelationshipId{9999})));
        nothing_written();
    }
    SECTION("a start before the relationship's start day") {
        c.w.clock.set_today(day24(1, 12));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      c.schedule(c.learner, time_on(day24(1, 14), 23, 30)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      c.schedule(c.learner, time_on(day24(1, 1), 12)));
        nothing_written();
        // The start day itself is fine, from midnight on.
        auto first = c.schedule(c.learner, time_on(default_start(), 0));
        CHECK(c.meetings().get(first, c.mentor).start == time_on(default_start(), 0));
    }
    SECTION("a duration outside 1..1440 minutes") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, c.schedule(c.learner, at, 0));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.schedule(c.learner, at, 1441));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, c.schedule(c.learner, at, -30));
        nothing_written();
    }
    SECTION("a virtual meeting without a link") {
        auto r = c.request(c.learner, at);
        r.link = "";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, c.meetings().schedule(r));
        r.link = "   ";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, c.meetings().schedule(r));
        nothing_written();
    }
}

TEST_CASE("Only an active relationship takes meetings", "[meetings][schedule][lifecycle]") {
    Circle c;
    auto at = time_on(day24(2, 8), 10);

    SECTION("proposed") {
        auto proposed = c.w.rels().propose(c.w.request(Model::coaching, c.mentor, c.learner));
        REQUIRE(c.w.rels().get(proposed).status == Status::proposed);
        auto audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.schedule(c.mentor, at, 60, proposed));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.schedule(c.learner, at, 60, proposed));
        CHECK(c.audit() == audit);
        CHECK(c.count(proposed) == 0);
    }
    SECTION("declined") {
        auto declined = c.w.rels().propose(c.w.request(Model::coaching, c.mentor, c.learner));
        c.w.rels().decline(declined, c.learner, day24(2, 1), "not now");
        auto audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.schedule(c.learner, at, 60, declined));
        CHECK(c.audit() == audit);
    }
    SECTION("paused, and again once resumed") {
        c.w.rels().pause(c.rel, c.learner, day24(2, 1), "exams");
        auto audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, c.schedule(c.learner, at));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, c.schedule(c.mentor, at));
        CHECK(c.audit() == audit);
        CHECK(c.count() == 0);
        c.w.rels().resume(c.rel, c.learner, day24(2, 1));
        auto id = c.schedule(c.learner, at);
        CHECK(c.status(id) == MeetingStatus::planned);
    }
    SECTION("completed") {
        c.w.rels().complete(c.rel, c.learner, day24(2, 1), "thesis submitted");
        auto audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, c.schedule(c.mentor, at));
        CHECK(c.audit() == audit);
        CHECK(c.count() == 0);
    }
    SECTION("withdrawn") {
        c.w.rels().withdraw(c.rel, c.mentor, day24(2, 1), "moving abroad");
        auto audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, c.schedule(c.learner, at));
        CHECK(c.audit() == audit);
        CHECK(c.count() == 0);
    }
}

TEST_CASE("A meeting may not overlap another planned or held meeting of the pair",
          "[meetings][schedule][overlap]") {
    Circle c;
    auto first = c.schedule(c.learner, time_on(day24(2, 5), 10), 60); // 10:00-11:00
    auto audit = c.audit();

    auto require_overlap = [&](PersonId by, Timestamp start, int duration) {
        INFO("start " << to_string(start) << ", " << duration << " min");
        auto r = REQUIRE_REFUSAL(c.schedule(by, start, duration));
        INFO(r.kind << ": " << r.message);
        CHECK(r.is("RuleViolation"));
        CHECK(mentions(r.message, "overlap"));
    };

    SECTION("overlapping a planned meeting, by either party") {
        require_overlap(c.learner, time_on(day24(2, 5), 10, 30), 30); // inside
        require_overlap(c.mentor, time_on(day24(2, 5), 10), 60);      // the same slot
        require_overlap(c.mentor, time_on(day24(2, 5), 9, 30), 31);   // ends a minute into it
        require_overlap(c.learner, time_on(day24(2, 5), 10, 59), 30); // starts in its last minute
        require_overlap(c.learner, time_on(day24(2, 5), 9), 180);     // around it
        require_overlap(c.learner, time_on(day24(2, 4), 12), 1440);   // a day-long one across it
        CHECK(c.audit() == audit);
        CHECK(c.count() == 1);
    }
    SECTION("back-to-back meetings do not overlap") {
        auto before = c.schedule(c.learner, time_on(day24(2, 5), 9), 60);
        auto after = c.schedule(c.mentor, time_on(day24(2, 5), 11), 30);
        CHECK(ids_of(c.meetings().list(c.rel, c.mentor)) ==
              std::vector<MeetingId>{before, first, after});
    }
    SECTION("overlapping a held meeting") {
        c.w.clock.set_today(day24(2, 5));
        c.w.clock.advance(-minutes(90)); // 10:30, while it runs
        c.meetings().mark_held(first, c.mentor);
        audit = c.audit();
        require_overlap(c.learner, time_on(day24(2, 5), 10, 45), 60);
        CHECK(c.audit() == audit);
        CHECK(c.count() == 1);
    }
    SECTION("a cancelled meeting does not block its slot") {
        c.meetings().cancel(first, c.mentor);
        auto again = c.schedule(c.learner, time_on(day24(2, 5), 10), 60);
        CHECK(c.status(first) == MeetingStatus::cancelled);
        CHECK(c.status(again) == MeetingStatus::planned);
        CHECK(c.count() == 2);
    }
    SECTION("another relationship's meeting at the same time is not an overlap of the pair") {
        auto elsewhere = c.schedule(c.learner, time_on(day24(2, 5), 10), 60, c.other);
        CHECK(c.meetings().get(elsewhere, c.mentor2).relationship == c.other);
    }
}

// ---------------------------------------------------------------------------------------------
// Who sees a meeting

TEST_CASE("Only the two parties see a meeting", "[meetings][privacy]") {
    Circle c;
    auto id = c.schedule(c.learner, time_on(day24(2, 5), 10));
    auto elsewhere = c.schedule(c.learner, time_on(day24(2, 6), 10), 60, c.other);

    for (auto party : {c.mentor, c.learner}) {
        INFO("party " << raw(party));
        CHECK(c.meetings().get(id, party).id == id);
        CHECK(ids_of(c.meetings().list(c.rel, party)) == std::vector<MeetingId>{id});
    }
    // The learner's supervisor, another mentor of the same learner, a stranger.
    for (auto outsider : {c.supervisor, c.mentor2, c.stranger}) {
        INFO("outsider " << raw(outsider));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.meetings().get(id, outsider));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, c.meetings().list(c.rel, outsider));
    }
    // The other mentor sees the other relationship's meeting, the first mentor does not.
    CHECK(c.meetings().get(elsewhere, c.mentor2).id == elsewhere);
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.meetings().get(elsewhere, c.mentor));
    REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, c.meetings().list(c.other, c.mentor));
    // An unknown meeting is not found either.
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.meetings().get(MeetingId{9999}, c.mentor));
}

// ---------------------------------------------------------------------------------------------
// Agenda

TEST_CASE("Agenda ownership follows the model", "[meetings][agenda]") {
    Circle c;

    SECTION("mentoring: only the mentee sets the agenda") {
        auto id = c.schedule(c.mentor, time_on(day24(2, 5), 10));
        auto audit = c.audit();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      c.meetings().add_agenda_item(id, "My topic", c.mentor));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().add_agenda_item(id, "Supervisor's topic", c.supervisor));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().add_agenda_item(id, "Stranger's topic", c.stranger));
        CHECK(c.audit() == audit);
        CHECK(c.meetings().get(id, c.learner).agenda.empty());

        c.meetings().add_agenda_item(id, "Methods chapter", c.learner);
        c.meetings().add_agenda_item(id, "Conference plans", c.learner);
        CHECK(c.audit() > audit);
        for (auto reader : {c.mentor, c.learner}) {
            auto agenda = c.meetings().get(id, reader).agenda;
            REQUIRE(agenda.size() == 2);
            CHECK(agenda[0].text == "Methods chapter");
            CHECK(agenda[0].proposed_by == c.learner);
            CHECK(agenda[1].text == "Conference plans");
            CHECK(agenda[1].proposed_by == c.learner);
        }
    }
    SECTION("coaching: co-developed, both parties add items in order") {
        auto id = c.schedule(c.coach, time_on(day24(2, 5), 10), 60, c.coaching);
        c.meetings().add_agenda_item(id, "Rehearse the talk", c.coach);
        c.meetings().add_agenda_item(id, "Feedback on the slides", c.learner);
        c.meetings().add_agenda_item(id, "Next steps", c.coach);
        auto audit = c.audit();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().add_agenda_item(id, "Mentor's topic", c.mentor));
        CHECK(c.audit() == audit);
        auto agenda = c.meetings().get(id, c.learner).agenda;
        REQUIRE(agenda.size() == 3);
        CHECK(agenda[0].text == "Rehearse the talk");
        CHECK(agenda[0].proposed_by == c.coach);
        CHECK(agenda[1].text == "Feedback on the slides");
        CHECK(agenda[1].proposed_by == c.learner);
        CHECK(agenda[2].text == "Next steps");
        CHECK(agenda[2].proposed_by == c.coach);
    }
    SECTION("supervision: only the supervisor sets the agenda") {
        auto id = c.schedule(c.learner, time_on(day24(2, 5), 10), 60, c.lab);
        auto audit = c.audit();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::permission_denied,
                      c.meetings().add_agenda_item(id, "My topic", c.learner));
        CHECK(c.audit() == audit);
        CHECK(c.meetings().get(id, c.supervisor).agenda.empty());
        c.meetings().add_agenda_item(id, "Lab safety review", c.supervisor);
        auto agenda = c.meetings().get(id, c.learner).agenda;
        REQUIRE(agenda.size() == 1);
        CHECK(agenda[0].text == "Lab safety review");
        CHECK(agenda[0].proposed_by == c.supervisor);
    }
}

TEST_CASE("Agenda items go on planned meetings and need text", "[meetings][agenda][validation]") {
    Circle c;
    auto id = c.schedule(c.learner, time_on(day24(2, 5), 10));
    c.meetings().add_agenda_item(id, "First item", c.learner);
    auto audit = c.audit();

    SECTION("empty text") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      c.meetings().add_agenda_item(id, "", c.learner));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      c.meetings().add_agenda_item(id, "  \t ", c.learner));
    }
    SECTION("an unknown meeting") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      c.meetings().add_agenda_item(MeetingId{9999}, "Item", c.learner));
    }
    SECTION("a held meeting") {
        c.w.clock.set_today(day24(2, 5));
        c.meetings().mark_held(id, c.mentor);
        audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.meetings().add_agenda_item(id, "Too late", c.learner));
    }
    SECTION("a cancelled meeting") {
        c.meetings().cancel(id, c.mentor);
        audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.meetings().add_agenda_item(id, "Too late", c.learner));
    }
    SECTION("a missed meeting") {
        c.w.clock.set_today(day24(2, 5));
        c.meetings().mark_no_show(id, c.mentor, c.learner);
        audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.meetings().add_agenda_item(id, "Too late", c.learner));
    }
    CHECK(c.audit() == audit);
    auto agenda = c.meetings().get(id, c.learner).agenda;
    REQUIRE(agenda.size() == 1);
    CHECK(agenda[0].text == "First item");
}

// ---------------------------------------------------------------------------------------------
// Outcomes

TEST_CASE("A planned meeting is marked held by either party, not before it starts",
          "[meetings][outcome][held]") {
    Circle c;
    auto id = c.schedule(c.learner, time_on(day24(2, 5), 10), 60);
    auto audit = c.audit();

    SECTION("before the start") {
        check_time_refusal(REQUIRE_REFUSAL(c.meetings().mark_held(id, c.mentor)));
        c.w.clock.set_today(day24(2, 5));
        c.w.clock.advance(-hours(2) - minutes(1)); // 09:59
        check_time_refusal(REQUIRE_REFUSAL(c.meetings().mark_held(id, c.learner)));
        CHECK(c.audit() == audit);
        CHECK(c.status(id) == MeetingStatus::planned);
    }
    SECTION("by a non-party") {
        c.w.clock.set_today(day24(2, 5));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().mark_held(id, c.stranger));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().mark_held(id, c.supervisor));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      c.meetings().mark_held(MeetingId{9999}, c.mentor));
        CHECK(c.audit() == audit);
        CHECK(c.status(id) == MeetingStatus::planned);
    }
    SECTION("by the mentor") {
        c.w.clock.set_today(day24(2, 5));
        c.meetings().mark_held(id, c.mentor);
        CHECK(c.audit() > audit);
        auto m = c.meetings().get(id, c.learner);
        CHECK(m.status == MeetingStatus::held);
        CHECK_FALSE(m.cancelled_by.has_value());
        CHECK_FALSE(m.absent.has_value());
        CHECK_FALSE(m.notice().has_value());
    }
    SECTION("by the mentee, right at the start") {
        auto at_noon = c.schedule(c.mentor, noon(day24(2, 6)), 30);
        c.w.clock.set_today(day24(2, 6)); // noon: the start itself
        c.meetings().mark_held(at_noon, c.learner);
        CHECK(c.status(at_noon) == MeetingStatus::held);
        CHECK(c.status(id) == MeetingStatus::planned);
    }
}

TEST_CASE("Either party cancels a planned meeting and the notice is recorded",
          "[meetings][outcome][cancel]") {
    Circle c;
    auto id = c.schedule(c.learner, time_on(day24(2, 5), 10), 60); // clock: 2024-02-01 12:00

    SECTION("by the mentee, days ahead") {
        c.meetings().cancel(id, c.learner);
        auto m = c.meetings().get(id, c.mentor);
        CHECK(m.status == MeetingStatus::cancelled);
        CHECK(m.cancelled_by == std::optional<PersonId>(c.learner));
        CHECK(m.cancelled_at == std::optional<Timestamp>(noon(day24(2, 1))));
        REQUIRE(m.notice().has_value());
        // 2024-02-01 12:00 -> 2024-02-05 10:00: 3 days and 22 hours.
        CHECK(m.notice()->count() == (3 * 24 + 22) * 60);
    }
    SECTION("by the mentor, after the start: negative notice") {
        c.w.clock.set_today(day24(2, 5)); // 12:00, two hours after the start
        c.meetings().cancel(id, c.mentor);
        auto m = c.meetings().get(id, c.learner);
        CHECK(m.status == MeetingStatus::cancelled);
        CHECK(m.cancelled_by == std::optional<PersonId>(c.mentor));
        CHECK(m.cancelled_at == std::optional<Timestamp>(noon(day24(2, 5))));
        REQUIRE(m.notice().has_value());
        CHECK(m.notice()->count() == -120);
    }
    SECTION("with an explicit time of cancellation") {
        c.w.clock.set_today(day24(2, 5));
        c.meetings().cancel(id, c.mentor, time_on(day24(2, 5), 9, 45));
        auto m = c.meetings().get(id, c.mentor);
        CHECK(m.cancelled_at == std::optional<Timestamp>(time_on(day24(2, 5), 9, 45)));
        REQUIRE(m.notice().has_value());
        CHECK(*m.notice() == minutes(15));
    }
    SECTION("not dated in the future") {
        auto audit = c.audit();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      c.meetings().cancel(id, c.learner, c.w.clock.now() + hours(1)));
        CHECK(c.audit() == audit);
        CHECK(c.status(id) == MeetingStatus::planned);
    }
    SECTION("not by a non-party") {
        auto audit = c.audit();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().cancel(id, c.stranger));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().cancel(id, c.supervisor));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, c.meetings().cancel(id, c.mentor2));
        CHECK(c.audit() == audit);
        auto m = c.meetings().get(id, c.learner);
        CHECK(m.status == MeetingStatus::planned);
        CHECK_FALSE(m.cancelled_by.has_value());
        CHECK_FALSE(m.cancelled_at.has_value());
    }
}

TEST_CASE("A no-show is recorded by the other party, after the start",
          "[meetings][outcome][no_show]") {
    Circle c;
    auto id = c.schedule(c.learner, time_on(day24(2, 5), 10), 60);
    c.w.clock.set_today(day24(2, 5)); // 12:00

    SECTION("the mentor did not come; the mentee records it") {
        c.meetings().mark_no_show(id, c.mentor, c.learner);
        auto m = c.meetings().get(id, c.mentor);
        CHECK(m.status == MeetingStatus::no_show);
        CHECK(m.absent == std::optional<PersonId>(c.mentor));
        CHECK_FALSE(m.cancelled_by.has_value());
        CHECK_FALSE(m.notice().has_value());
    }
    SECTION("the mentee did not come; the mentor records it") {
        c.meetings().mark_no_show(id, c.learner, c.mentor);
        auto m = c.meetings().get(id, c.learner);
        CHECK(m.status == MeetingStatus::no_show);
        CHECK(m.absent == std::optional<PersonId>(c.learner));
    }
    SECTION("refusals write nothing") {
        auto audit = c.audit();
        // The absent person must be a party.
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.meetings().mark_no_show(id, c.stranger, c.mentor));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.meetings().mark_no_show(id, c.supervisor, c.learner));
        // A party does not record its own absence: the other party does.
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.meetings().mark_no_show(id, c.learner, c.learner));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.meetings().mark_no_show(id, c.mentor, c.mentor));
        // A third person records nothing.
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().mark_no_show(id, c.learner, c.stranger));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().mark_no_show(id, c.learner, c.supervisor));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().mark_no_show(id, c.mentor, c.mentor2));
        CHECK(c.audit() == audit);
        auto m = c.meetings().get(id, c.learner);
        CHECK(m.status == MeetingStatus::planned);
        CHECK_FALSE(m.absent.has_value());
    }
    SECTION("not before the start") {
        auto later = c.schedule(c.learner, time_on(day24(2, 6), 10), 60);
        auto audit = c.audit();
        check_time_refusal(REQUIRE_REFUSAL(c.meetings().mark_no_show(later, c.mentor, c.learner)));
        CHECK(c.audit() == audit);
        CHECK(c.status(later) == MeetingStatus::planned);
    }
}

TEST_CASE("A meeting takes one outcome only", "[meetings][outcome]") {
    Circle c;
    auto id = c.schedule(c.learner, time_on(day24(2, 5), 10), 60);
    c.w.clock.set_today(day24(2, 5)); // 12:00, after the start

    MeetingStatus first = MeetingStatus::planned;
    SECTION("held first") {
        c.meetings().mark_held(id, c.mentor);
        first = MeetingStatus::held;
    }
    SECTION("cancelled first") {
        c.meetings().cancel(id, c.learner);
        first = MeetingStatus::cancelled;
    }
    SECTION("missed first") {
        c.meetings().mark_no_show(id, c.mentor, c.learner);
        first = MeetingStatus::no_show;
    }
    auto audit = c.audit();
    auto before = c.meetings().get(id, c.learner);
    REQUIRE(before.status == first);

    REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                  c.meetings().mark_held(id, c.learner));
    REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                  c.meetings().mark_held(id, c.mentor));
    REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, c.meetings().cancel(id, c.mentor));
    REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                  c.meetings().mark_no_show(id, c.learner, c.mentor));
    REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                  c.meetings().mark_no_show(id, c.mentor, c.learner));

    CHECK(c.audit() == audit);
    auto after = c.meetings().get(id, c.learner);
    CHECK(after.status == first);
    CHECK(after.cancelled_by == before.cancelled_by);
    CHECK(after.cancelled_at == before.cancelled_at);
    CHECK(after.absent == before.absent);
}

// ---------------------------------------------------------------------------------------------
// Ratings

TEST_CASE("Ratings follow a held meeting, once per party, from 1 to 4", "[meetings][ratings]") {
    Circle c;
    auto id = c.schedule(c.learner, time_on(day24(2, 5), 10), 60);
    c.w.clock.set_today(day24(2, 5)); // 12:00

    SECTION("not before the meeting was held") {
        auto audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.meetings().rate(id, c.learner, 3));
        c.meetings().cancel(id, c.learner);
        audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.meetings().rate(id, c.learner, 3));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.meetings().rate(id, c.mentor, 1, "never happened"));
        CHECK(c.audit() == audit);
        CHECK(c.meetings().get(id, c.learner).ratings.empty());
    }
    SECTION("not on a missed meeting") {
        c.meetings().mark_no_show(id, c.mentor, c.learner);
        auto audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.meetings().rate(id, c.learner, 1, "He did not come"));
        CHECK(c.audit() == audit);
        CHECK(c.meetings().get(id, c.learner).ratings.empty());
    }
    SECTION("held: each party rates once") {
        c.meetings().mark_held(id, c.mentor);
        auto audit = c.audit();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.meetings().rate(id, c.learner, 0));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.meetings().rate(id, c.learner, 5));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.meetings().rate(id, c.mentor, -1));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().rate(id, c.stranger, 3));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().rate(id, c.supervisor, 3));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      c.meetings().rate(id, c.mentor2, 3));
        // A rating is private or shared with the pair, never with the board.
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                      c.meetings().rate(id, c.learner, 3, "board?", Visibility::board));
        CHECK(c.audit() == audit);
        CHECK(c.meetings().get(id, c.learner).ratings.empty());

        c.meetings().rate(id, c.learner, 4, "Very useful");
        c.meetings().rate(id, c.mentor, 1);
        CHECK(c.audit() > audit);
        audit = c.audit();
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.meetings().rate(id, c.learner, 2, "changed my mind"));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      c.meetings().rate(id, c.mentor, 4, "changed my mind", Visibility::pair));
        CHECK(c.audit() == audit);

        auto mine = c.meetings().get(id, c.learner);
        const auto* r = rating_by(mine, c.learner);
        REQUIRE(r != nullptr);
        CHECK(r->rating == 4);
        CHECK(r->comment == "Very useful");
        CHECK(r->visibility == Visibility::private_);
        CHECK(r->at == c.w.clock.now());
        auto his = c.meetings().get(id, c.mentor);
        const auto* h = rating_by(his, c.mentor);
        REQUIRE(h != nullptr);
        CHECK(h->rating == 1);
        CHECK(h->comment.empty());
    }
}

TEST_CASE("A rating is private to its author unless shared with the pair",
          "[meetings][ratings][privacy]") {
    Circle c;
    auto id = c.schedule(c.learner, time_on(day24(2, 5), 10), 60);
    c.w.clock.set_today(day24(2, 5));
    c.meetings().mark_held(id, c.mentor);

    const std::string secret = "Zebra-striped honesty: the mentor kept checking his phone";
    const std::string shared = "Quokka-level progress on the methods chapter";
    c.meetings().rate(id, c.learner, 2, secret); // private by default
    c.meetings().rate(id, c.mentor, 4, shared, Visibility::pair);

    SECTION("the author sees its private rating, the other party does not") {
        auto learner_view = c.meetings().get(id, c.learner);
        REQUIRE(learner_view.ratings.size() == 2);
        REQUIRE(rating_by(learner_view, c.learner) != nullptr);
        CHECK(rating_by(learner_view, c.learner)->comment == secret);
        CHECK(rating_by(learner_view, c.learner)->visibility == Visibility::private_);
        REQUIRE(rating_by(learner_view, c.mentor) != nullptr);
        CHECK(rating_by(learner_view, c.mentor)->comment == shared);
        CHECK(rating_by(learner_view, c.mentor)->rating == 4);
        CHECK(rating_by(learner_view, c.mentor)->visibility == Visibility::pair);

        auto mentor_view = c.meetings().get(id, c.mentor);
        REQUIRE(mentor_view.ratings.size() == 1);
        CHECK(mentor_view.ratings[0].by == c.mentor);
        CHECK(rating_by(mentor_view, c.learner) == nullptr);
    }
    SECTION("list() hides it the same way") {
        auto mentor_list = c.meetings().list(c.rel, c.mentor);
        REQUIRE(mentor_list.size() == 1);
        REQUIRE(mentor_list[0].ratings.size() == 1);
        CHECK(mentor_list[0].ratings[0].by == c.mentor);
        for (const auto& r : mentor_list[0].ratings)
            CHECK(r.comment.find("Zebra-striped") == std::string::npos);
        auto learner_list = c.meetings().list(c.rel, c.learner);
        REQUIRE(learner_list.size() == 1);
        CHECK(learner_list[0].ratings.size() == 2);
    }
    SECTION("a non-party sees no rating through any call") {
        for (auto outsider : {c.supervisor, c.mentor2, c.stranger}) {
            REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.meetings().get(id, outsider));
            REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                          c.meetings().list(c.rel, outsider));
        }
    }
    SECTION("the audit log never holds a comment") {
        std::vector<AuditEntry> entries; // what anyone may read
        for (auto who : {c.supervisor, c.learner, c.mentor, c.mentor2, c.coach, c.stranger})
            for (auto& e : c.w.audit().entries(who))
                entries.push_back(std::move(e));
        REQUIRE_FALSE(entries.empty());
        for (const auto& e : entries) {
            INFO(e.action << " " << e.entity << " " << e.entity_id << ": " << e.detail);
            CHECK(e.detail.find("Zebra-striped") == std::string::npos);
            CHECK(e.detail.find("Quokka-level") == std::string::npos);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Notes on meetings

TEST_CASE("Notes attach to a meeting and keep the notes' visibility", "[meetings][notes]") {
    Circle c;
    auto m = c.schedule(c.learner, time_on(day24(2, 5), 10), 60);
    auto elsewhere = c.schedule(c.learner, time_on(day24(2, 6), 10), 60, c.other);
    c.w.clock.set_today(day24(2, 6));
    c.meetings().mark_held(m, c.mentor);
    c.meetings().mark_held(elsewhere, c.mentor2);

    auto write = [&](PersonId author, const std::string& text, Visibility visibility,
                     std::optional<MeetingId> meeting, RelationshipId rel) {
        NewNote n;
        n.relationship = rel;
        n.meeting = meeting;
        n.author = author;
        n.visibility = visibility;
        n.on = day24(2, 5);
        n.text = text;
        return c.notes().write(n);
    };
    auto n1 = write(c.mentor, "n1 mentor private", Visibility::private_, m, c.rel);
    auto n2 = write(c.learner, "n2 learner pair", Visibility::pair, m, c.rel);
    auto n3 = write(c.mentor, "n3 mentor board", Visibility::board, m, c.rel);
    auto n4 = write(c.learner, "n4 learner private", Visibility::private_, m, c.rel);
    auto n5 = write(c.learner, "n5 on the relationship", Visibility::pair, {}, c.rel);

    using V = std::vector<NoteId>;
    CHECK(note_ids(c.notes().for_meeting(m, c.mentor)) == V{n1, n2, n3});
    CHECK(note_ids(c.notes().for_meeting(m, c.learner)) == V{n2, n3, n4});
    // Board guides see the board note only; the supervisor and a stranger see none and do not
    // even learn that the meeting exists.
    CHECK(note_ids(c.notes().for_meeting(m, c.mentor2)) == V{n3});
    CHECK(note_ids(c.notes().for_meeting(m, c.coach)) == V{n3});
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.notes().for_meeting(m, c.supervisor));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.notes().for_meeting(m, c.stranger));
    CHECK(c.notes().for_meeting(elsewhere, c.learner).empty());

    for (const auto& n : c.notes().for_meeting(m, c.learner))
        CHECK(n.meeting == std::optional<MeetingId>(m));
    CHECK(c.notes().get(n1, c.mentor).meeting == std::optional<MeetingId>(m));
    CHECK_FALSE(c.notes().get(n5, c.mentor).meeting.has_value());
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.notes().get(n2, c.supervisor));
    // Meeting notes are notes of the relationship too.
    CHECK(note_ids(c.notes().list(c.rel, c.learner)) == V{n2, n3, n4, n5});

    SECTION("a meeting of another relationship is refused") {
        auto audit = c.audit();
        NewNote n;
        n.relationship = c.rel;
        n.meeting = elsewhere;
        n.author = c.learner;
        n.visibility = Visibility::pair;
        n.on = day24(2, 5);
        n.text = "on the wrong meeting";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, c.notes().write(n));
        CHECK(c.audit() == audit);
        CHECK(c.notes().for_meeting(elsewhere, c.learner).empty());
        CHECK(note_ids(c.notes().list(c.rel, c.learner)) == V{n2, n3, n4, n5});
    }
    SECTION("an unknown meeting is not found") {
        auto audit = c.audit();
        NewNote n;
        n.relationship = c.rel;
        n.meeting = MeetingId{9999};
        n.author = c.learner;
        n.on = day24(2, 5);
        n.text = "on no meeting";
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, c.notes().write(n));
        CHECK(c.audit() == audit);
    }
    SECTION("a non-party does not write on a meeting") {
        auto audit = c.audit();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      write(c.supervisor, "supervisor's view", Visibility::pair, m, c.rel));
        CHECK(c.audit() == audit);
        for (const auto& n : c.notes().for_meeting(m, c.learner))
            CHECK(n.author != c.supervisor);
    }
}

// ---------------------------------------------------------------------------------------------
// Consistency metrics

TEST_CASE("A relationship without meetings counts its silence from the start",
          "[meetings][stats]") {
    Circle c; // today 2024-02-01, 17 days after the start
    auto s = c.meetings().stats(c.rel);
    CHECK(s.relationship == c.rel);
    CHECK(s.planned == 0);
    CHECK(s.held == 0);
    CHECK(s.cancelled_by_guide == 0);
    CHECK(s.cancelled_by_learner == 0);
    CHECK(s.no_show_guide == 0);
    CHECK(s.no_show_learner == 0);
    CHECK(s.held_first_90_days == 0);
    CHECK_FALSE(s.last_held.has_value());
    CHECK(s.days_since_last_held == 17);
    CHECK(s.misses_since_last_held == 0);

    SECTION("misses without any held meeting count from the start") {
        History h(c.w, c.rel);
        h.cancelled(day24(2, 5), c.mentor);
        h.no_show(day24(2, 8), c.mentor);
        c.w.clock.set_today(day24(2, 10));
        auto t = c.meetings().stats(c.rel);
        CHECK(t.planned == 2);
        CHECK(t.held == 0);
        CHECK(t.cancelled_by_guide == 1);
        CHECK(t.no_show_guide == 1);
        CHECK(t.misses_since_last_held == 2);
        CHECK(t.days_since_last_held == 26);
    }
}

TEST_CASE("Consistency metrics of a hand-made history", "[meetings][stats]") {
    Circle c;
    History h(c.w, c.rel);
    // Start: Monday 2024-01-15 (day 0).
    h.held(day24(1, 20));                // day 5: the first gap (start -> first held) is 5
    h.held(day24(2, 3));                 // day 19: gap 14
    h.cancelled(day24(2, 10), c.mentor); // by the guide
    h.cancelled(day24(2, 17), c.learner);

    c.w.clock.set_today(day24(2, 20)); // day 36
    {
        auto s = c.meetings().stats(c.rel);
        CHECK(s.planned == 4);
        CHECK(s.held == 2);
        CHECK(s.cancelled_by_guide == 1);
        CHECK(s.cancelled_by_learner == 1);
        CHECK(s.no_show_guide == 0);
        CHECK(s.no_show_learner == 0);
        CHECK(s.held_first_90_days == 2);
        CHECK(s.last_held == std::optional<Date>(day24(2, 3)));
        CHECK(s.days_since_last_held == 17);
        CHECK(s.longest_gap_days == 17); // open: the last held meeting -> today
        CHECK(s.misses_since_last_held == 2);
        CHECK(s.cadence_days == defaults_of(Model::mentoring).default_cadence_days);
        CHECK(s.health == std::optional<Health>(Health::needs_check_in)); // two misses
    }

    h.no_show(day24(3, 2), c.mentor);  // the guide did not come
    h.no_show(day24(3, 9), c.learner); // the learner did not come
    h.held(day24(4, 13));              // day 89: still in the first 90 days; gap 70
    h.held(day24(4, 14));              // day 90: no longer; gap 1
    h.cancelled(day24(5, 1), c.learner);
    h.no_show(day24(5, 8), c.learner);
    c.w.clock.set_today(day24(5, 10)); // day 116
    auto upcoming = c.schedule(c.mentor, time_on(day24(5, 20), 9), 60);

    auto s = c.meetings().stats(c.rel);
    CHECK(s.relationship == c.rel);
    CHECK(s.planned == 11); // every meeting scheduled, whatever its outcome
    CHECK(s.held == 4);
    CHECK(s.cancelled_by_guide == 1);
    CHECK(s.cancelled_by_learner == 2);
    CHECK(s.no_show_guide == 1);
    CHECK(s.no_show_learner == 2);
    CHECK(s.held_first_90_days == 3); // 01-20, 02-03, 04-13; not 04-14 (start + 90)
    CHECK(s.longest_gap_days == 70);  // 02-03 -> 04-13
    CHECK(s.last_held == std::optional<Date>(day24(4, 14)));
    CHECK(s.days_since_last_held == 26);
    CHECK(s.misses_since_last_held == 2);
    CHECK(s.cadence_days == defaults_of(Model::mentoring).default_cadence_days);
    CHECK(s.health == std::optional<Health>(Health::needs_check_in)); // two misses
    CHECK(c.meetings().health(c.rel) == s.health);

    SECTION("while open, the silence since the last held meeting is a gap") {
        c.w.clock.set_today(day24(7, 1)); // day 168
        auto t = c.meetings().stats(c.rel);
        CHECK(t.longest_gap_days == 78); // 04-14 -> 07-01
        CHECK(t.days_since_last_held == 78);
        CHECK(t.planned == 11);
        CHECK(c.status(upcoming) == MeetingStatus::planned); // past, but nobody recorded it
        CHECK(t.misses_since_last_held == 2);
        CHECK(t.health == std::optional<Health>(Health::stalled));
        CHECK(c.w.rels().get(c.rel).status == Status::active); // nothing closed automatically

        h.held(day24(7, 2)); // day 169
        auto u = c.meetings().stats(c.rel);
        CHECK(u.held == 5);
        CHECK(u.planned == 12);
        CHECK(u.held_first_90_days == 3);
        CHECK(u.longest_gap_days == 79); // 04-14 -> 07-02
        CHECK(u.last_held == std::optional<Date>(day24(7, 2)));
        CHECK(u.days_since_last_held == 0);
        CHECK(u.misses_since_last_held == 0);
        CHECK(u.health == std::optional<Health>(Health::on_track));

        SECTION("once ended, the silence after the last held meeting is no gap") {
            c.w.rels().complete(c.rel, c.learner, day24(7, 2), "thesis submitted");
            c.w.clock.set_today(day24(12, 31));
            auto v = c.meetings().stats(c.rel);
            CHECK(v.longest_gap_days == 79);
            CHECK(v.held == 5);
            CHECK(v.last_held == std::optional<Date>(day24(7, 2)));
            CHECK_FALSE(v.health.has_value());
        }
    }
}

TEST_CASE("A held meeting recorded out of order still gives the right gaps",
          "[meetings][stats][order]") {
    Circle c;
    History h(c.w, c.rel);
    h.held(day24(3, 1)); // day 46
    c.w.clock.set_today(day24(3, 10));
    auto s = c.meetings().stats(c.rel);
    CHECK(s.longest_gap_days == 46); // start -> first held
    CHECK(s.held_first_90_days == 1);

    // Recorded late: a meeting on 2024-02-01 (day 17) that took place.
    auto late = c.schedule(c.learner, noon(day24(2, 1)), 60);
    c.meetings().mark_held(late, c.learner);
    auto t = c.meetings().stats(c.rel);
    CHECK(t.planned == 2);
    CHECK(t.held == 2);
    CHECK(t.held_first_90_days == 2);
    CHECK(t.longest_gap_days == 29); // 17 (start -> 02-01), 29 (02-01 -> 03-01), 9 (-> today)
    CHECK(t.last_held == std::optional<Date>(day24(3, 1)));
    CHECK(t.days_since_last_held == 9);
    CHECK(t.misses_since_last_held == 0);

    SECTION("a miss dated before the last held meeting is not a miss since it") {
        auto missed = c.schedule(c.learner, noon(day24(2, 20)), 60);
        c.meetings().cancel(missed, c.mentor); // recorded today, after its start
        auto u = c.meetings().stats(c.rel);
        CHECK(u.planned == 3);
        CHECK(u.cancelled_by_guide == 1);
        CHECK(u.misses_since_last_held == 0);
        CHECK(u.longest_gap_days == 29);
        c.meetings().rebuild_stats();
        check_same_stats(c.meetings().stats(c.rel), u);
    }
    SECTION("a rebuild from the meetings agrees") {
        c.meetings().rebuild_stats();
        check_same_stats(c.meetings().stats(c.rel), t);
    }
}

TEST_CASE("Outcomes recorded out of order within one day agree with a rebuild",
          "[meetings][stats][order]") {
    Circle c;
    // Three meetings on 2024-02-05: A 09:00, B1 10:00 and B2 11:00, C 15:00 (30 minutes each).
    auto a = c.schedule(c.learner, time_on(day24(2, 5), 9), 30);
    auto b1 = c.schedule(c.learner, time_on(day24(2, 5), 10), 30);
    auto b2 = c.schedule(c.learner, time_on(day24(2, 5), 11), 30);
    auto meeting_c = c.schedule(c.learner, time_on(day24(2, 5), 15), 30);
    c.w.clock.set_today(day24(2, 5));
    c.w.clock.advance(hours(4)); // 16:00, after all of them
    using H = std::optional<Health>;

    SECTION("misses earlier the same day, recorded after the later held meeting") {
        c.meetings().mark_held(meeting_c, c.mentor);
        c.meetings().cancel(b1, c.mentor);
        c.meetings().mark_no_show(b2, c.mentor, c.learner);
        c.w.clock.set_today(day24(2, 6));
        auto s = c.meetings().stats(c.rel);
        CHECK(s.held == 1);
        CHECK(s.last_held == std::optional<Date>(day24(2, 5)));
        // Both misses came before C, the last held meeting.
        CHECK(s.misses_since_last_held == 0);
        CHECK(s.health == H(Health::on_track));
        auto dashboard = c.meetings().all_stats();
        c.meetings().rebuild_stats();
        auto rebuilt = c.meetings().all_stats();
        REQUIRE(rebuilt.size() == dashboard.size());
        for (std::size_t i = 0; i < rebuilt.size(); ++i)
            check_same_stats(rebuilt[i], dashboard[i]);
    }
    SECTION("a held meeting earlier the same day, recorded after the later held one") {
        c.meetings().cancel(b1, c.mentor);
        c.meetings().mark_no_show(b2, c.mentor, c.learner);
        c.meetings().mark_held(meeting_c, c.mentor);
        c.meetings().mark_held(a, c.learner);
        c.w.clock.set_today(day24(2, 6));
        auto s = c.meetings().stats(c.rel);
        CHECK(s.held == 2);
        CHECK(s.last_held == std::optional<Date>(day24(2, 5)));
        // The last held meeting is C at 15:00; the misses at 10:00 and 11:00 came before it.
        CHECK(s.misses_since_last_held == 0);
        CHECK(s.health == H(Health::on_track));
        auto dashboard = c.meetings().all_stats();
        c.meetings().rebuild_stats();
        auto rebuilt = c.meetings().all_stats();
        REQUIRE(rebuilt.size() == dashboard.size());
        for (std::size_t i = 0; i < rebuilt.size(); ++i)
            check_same_stats(rebuilt[i], dashboard[i]);
    }
}

TEST_CASE("A meeting on the start day counts in the first 90 days", "[meetings][stats]") {
    Circle c;
    c.w.clock.set_today(day24(1, 14));
    auto first = c.schedule(c.learner, time_on(default_start(), 14), 60);
    c.w.clock.set_today(day24(1, 16));
    c.meetings().mark_held(first, c.mentor);
    auto s = c.meetings().stats(c.rel);
    CHECK(s.held_first_90_days == 1);
    CHECK(s.last_held == std::optional<Date>(default_start()));
    CHECK(s.days_since_last_held == 1);
    CHECK(s.longest_gap_days == 1); // 0 from the start, 1 since
}

TEST_CASE("The dashboard reads the same metrics as stats(), before and after a rebuild",
          "[meetings][stats][dashboard]") {
    TempDir dir;
    auto file = dir.file("meetings.db");
    World w(Store::open(file));
    auto supervisor = w.person("Supervisor", 5);
    auto learner = w.person("Learner", 1, {{"research", 1}}, supervisor);
    auto mentor = w.person("Mentor", 3, {{"research", 4}});
    auto mentor2 = w.person("Other mentor", 3);
    auto coach = w.person("Coach", 4);
    auto rel = w.active(Model::mentoring, mentor, learner, "research");
    auto other = w.active(Model::mentoring, mentor2, learner, "writing");
    auto coaching = w.active(Model::coaching, coach, learner, "presenting");
    auto lab = w.active(Model::supervision, supervisor, learner, "lab work");
    auto proposed = w.rels().propose(w.request(Model::coaching, mentor, learner, "statistics"));
    REQUIRE(w.rels().get(proposed).status == Status::proposed);

    History r(w, rel), o(w, other), l(w, lab);
    r.held(day24(1, 20));
    o.held(day24(1, 25));
    r.cancelled(day24(2, 10), mentor);
    o.no_show(day24(2, 14), learner);
    l.held(day24(2, 20));
    r.held(day24(3, 1));
    w.clock.set_today(day24(3, 2));
    w.rels().complete(lab, learner, day24(3, 2), "moved to another lab");
    w.clock.set_today(day24(3, 15));

    auto before = w.store.meetings().all_stats();
    std::vector<RelationshipId> ids;
    for (const auto& s : before) {
        ids.push_back(s.relationship);
        check_same_stats(s, w.store.meetings().stats(s.relationship));
    }
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    std::vector<RelationshipId> every;
    for (const auto& x : w.rels().list())
        every.push_back(x.id);
    CHECK(ids == every); // every relationship, by id

    // Spot checks of the rows.
    auto row = [&](const std::vector<MeetingStats>& all, RelationshipId id) -> const MeetingStats* {
        for (const auto& s : all)
            if (s.relationship == id)
                return &s;
        return nullptr;
    };
    const auto* rs = row(before, rel);
    REQUIRE(rs != nullptr);
    CHECK(rs->planned == 3);
    CHECK(rs->held == 2);
    CHECK(rs->cancelled_by_guide == 1);
    CHECK(rs->longest_gap_days == 41); // 01-20 -> 03-01
    CHECK(rs->days_since_last_held == 14);
    const auto* os = row(before, other);
    REQUIRE(os != nullptr);
    CHECK(os->held == 1);
    CHECK(os->no_show_learner == 1);
    CHECK(os->misses_since_last_held == 1);
    CHECK(os->days_since_last_held == 50); // 01-25 -> 03-15
    const auto* ls = row(before, lab);
    REQUIRE(ls != nullptr);
    CHECK(ls->held == 1);
    CHECK_FALSE(ls->health.has_value());
    const auto* cs = row(before, coaching);
    REQUIRE(cs != nullptr);
    CHECK(cs->planned == 0);
    CHECK(cs->days_since_last_held == 60); // since the start
    CHECK(cs->health == std::optional<Health>(Health::stalled));

    SECTION("a rebuild leaves the rows unchanged") {
        w.store.meetings().rebuild_stats();
        auto after = w.store.meetings().all_stats();
        REQUIRE(after.size() == before.size());
        for (std::size_t i = 0; i < after.size(); ++i)
            check_same_stats(after[i], before[i]);
    }
    SECTION("the rows survive closing and reopening the file") {
        w.store.close();
        World again(Store::open(file), day24(3, 15));
        auto after = again.store.meetings().all_stats();
        REQUIRE(after.size() == before.size());
        for (std::size_t i = 0; i < after.size(); ++i)
            check_same_stats(after[i], before[i]);
    }
}

// ---------------------------------------------------------------------------------------------
// Health

TEST_CASE("Health follows the silence against the model's default cadence", "[meetings][health]") {
    Circle c;
    const int cadence = defaults_of(Model::mentoring).default_cadence_days;
    REQUIRE(cadence >= 4);
    auto on_day = [&](int day) {
        c.w.clock.set_today(default_start() + days(day));
        auto s = c.meetings().stats(c.rel);
        INFO("day " << day << ", cadence " << s.cadence_days);
        CHECK(s.cadence_days == cadence);
        CHECK(c.meetings().health(c.rel) == s.health);
        return s.health;
    };
    using H = std::optional<Health>;
    CHECK(on_day(0) == H(Health::too_early));
    CHECK(on_day(cadence - 1) == H(Health::too_early));
    CHECK(on_day(cadence) == H(Health::on_track));
    CHECK(on_day(cadence * 5 / 4) == H(Health::on_track));
    CHECK(on_day(cadence * 5 / 4 + 1) == H(Health::needs_check_in));
    CHECK(on_day(2 * cadence) == H(Health::needs_check_in));
    CHECK(on_day(2 * cadence + 1) == H(Health::stalled));
    CHECK(on_day(400) == H(Health::stalled));
    // Nothing is closed automatically.
    CHECK(c.w.rels().get(c.rel).status == Status::active);

    SECTION("a held meeting ends the silence") {
        auto now = c.w.clock.now();
        auto id = c.meetings().schedule(c.request(c.learner, now + hours(1), 30));
        c.w.clock.advance(hours(2));
        c.meetings().mark_held(id, c.learner);
        auto s = c.meetings().stats(c.rel);
        CHECK(s.days_since_last_held == 0);
        CHECK(s.health == H(Health::on_track));
    }
}

TEST_CASE("A meeting held early is not too early", "[meetings][health]") {
    Circle c;
    History h(c.w, c.rel);
    h.held(default_start() + days(3));
    c.w.clock.set_today(default_start() + days(10));
    CHECK(c.meetings().health(c.rel) == std::optional<Health>(Health::on_track));
}

TEST_CASE("Two misses since the last held meeting need a check-in", "[meetings][health]") {
    Circle c;
    History h(c.w, c.rel);
    h.held(day24(2, 4));
    h.cancelled(day24(2, 6), c.learner);
    c.w.clock.set_today(day24(2, 7));
    CHECK(c.meetings().stats(c.rel).misses_since_last_held == 1);
    CHECK(c.meetings().health(c.rel) == std::optional<Health>(Health::on_track));

    SECTION("a second cancellation") {
        h.cancelled(day24(2, 8), c.mentor);
    }
    SECTION("a no-show") {
        h.no_show(day24(2, 8), c.mentor);
    }
    c.w.clock.set_today(day24(2, 10));
    auto s = c.meetings().stats(c.rel);
    CHECK(s.misses_since_last_held == 2);
    CHECK(s.days_since_last_held == 6);
    CHECK(s.health == std::optional<Health>(Health::needs_check_in));

    h.held(day24(2, 12));
    c.w.clock.set_today(day24(2, 13));
    auto t = c.meetings().stats(c.rel);
    CHECK(t.misses_since_last_held == 0);
    CHECK(t.health == std::optional<Health>(Health::on_track));
}

TEST_CASE("The cadence comes from the agreement in force, else the draft, else the model",
          "[meetings][health][cadence]") {
    Circle c;
    auto& ag = c.w.agreements();
    const int coaching_default = defaults_of(Model::coaching).default_cadence_days;
    auto judge = [&](int day) {
        c.w.clock.set_today(default_start() + days(day));
        auto s = c.meetings().stats(c.coaching);
        CHECK(c.meetings().health(c.coaching) == s.health);
        return s;
    };
    using H = std::optional<Health>;

    SECTION("the model's default (the template's terms)") {
        auto s = judge(20);
        CHECK(s.cadence_days == coaching_default);
        CHECK(defaults_of(Model::supervision).default_cadence_days > 0);
        CHECK(c.meetings().stats(c.lab).cadence_days ==
              defaults_of(Model::supervision).default_cadence_days);
        CHECK(c.meetings().stats(c.rel).cadence_days ==
              defaults_of(Model::mentoring).default_cadence_days);
    }
    SECTION("a draft without a cadence falls back to the model's default") {
        ag.set_terms(c.coaching, AgreementTerms{}, c.coach);
        REQUIRE_FALSE(ag.current(c.coaching, c.learner).terms.cadence_days.has_value());
        CHECK(judge(20).cadence_days == coaching_default);
    }
    SECTION("the draft's cadence while nothing is signed") {
        AgreementTerms terms;
        terms.cadence_days = 10;
        ag.set_terms(c.coaching, terms, c.coach);
        CHECK(judge(9).health == H(Health::too_early));
        CHECK(judge(12).cadence_days == 10);
        CHECK(judge(12).health == H(Health::on_track)); // 12 <= 12.5
        CHECK(judge(13).health == H(Health::needs_check_in));
        CHECK(judge(20).health == H(Health::needs_check_in));
        CHECK(judge(21).health == H(Health::stalled)); // 21 > 20
    }
    SECTION("the version in force wins over a newer draft") {
        AgreementTerms terms;
        terms.cadence_days = 10;
        ag.set_terms(c.coaching, terms, c.learner);
        int first = ag.current(c.coaching, c.learner).number;
        ag.sign(c.coaching, first, c.coach);
        ag.sign(c.coaching, first, c.learner);
        REQUIRE(ag.in_force(c.coaching, c.learner).has_value());
        CHECK(judge(21).cadence_days == 10);
        CHECK(judge(21).health == H(Health::stalled));

        int next = ag.amend(c.coaching, c.coach, "meet less often");
        AgreementTerms slower;
        slower.cadence_days = 40;
        ag.set_terms(c.coaching, slower, c.coach);
        REQUIRE(ag.current(c.coaching, c.learner).number == next);
        REQUIRE(ag.current(c.coaching, c.learner).terms.cadence_days == std::optional<int>(40));
        REQUIRE(ag.in_force(c.coaching, c.learner)->number == first);
        CHECK(judge(21).cadence_days == 10);
        CHECK(judge(21).health == H(Health::stalled));

        // Signed by one party only, the amendment is not in force yet.
        ag.sign(c.coaching, next, c.coach);
        REQUIRE(ag.current(c.coaching, c.learner).state == AgreementState::partially_signed);
        CHECK(judge(21).cadence_days == 10);
        // Once both sign the amendment, its cadence applies.
        ag.sign(c.coaching, next, c.learner);
        CHECK(judge(21).cadence_days == 40);
        CHECK(judge(21).health == H(Health::too_early));
        CHECK(judge(45).health == H(Health::on_track));
    }
    CHECK(c.w.rels().get(c.coaching).status == Status::active);
}

TEST_CASE("Health is empty unless the relationship is active", "[meetings][health][lifecycle]") {
    Circle c;
    using H = std::optional<Health>;

    SECTION("proposed") {
        auto proposed = c.w.rels().propose(c.w.request(Model::coaching, c.mentor, c.learner));
        c.w.clock.set_today(day24(6, 1));
        CHECK(c.meetings().health(proposed) == H{});
        CHECK_FALSE(c.meetings().stats(proposed).health.has_value());
        CHECK(c.meetings().stats(proposed).planned == 0);
    }
    SECTION("paused, and again once resumed") {
        c.w.rels().pause(c.rel, c.learner, day24(2, 1), "exams");
        c.w.clock.set_today(day24(6, 1));
        CHECK(c.meetings().health(c.rel) == H{});
        CHECK_FALSE(c.meetings().stats(c.rel).health.has_value());
        CHECK(c.w.rels().get(c.rel).status == Status::paused);
        c.w.rels().resume(c.rel, c.learner, day24(6, 1));
        CHECK(c.meetings().health(c.rel) == H(Health::stalled));
    }
    SECTION("completed") {
        c.w.rels().complete(c.rel, c.learner, day24(2, 1), "done");
        c.w.clock.set_today(day24(6, 1));
        CHECK(c.meetings().health(c.rel) == H{});
        CHECK_FALSE(c.meetings().stats(c.rel).health.has_value());
    }
    SECTION("withdrawn") {
        c.w.rels().withdraw(c.rel, c.mentor, day24(2, 1), "moving abroad");
        c.w.clock.set_today(day24(6, 1));
        CHECK(c.meetings().health(c.rel) == H{});
        CHECK(c.w.rels().get(c.rel).status == Status::withdrawn);
    }
}
