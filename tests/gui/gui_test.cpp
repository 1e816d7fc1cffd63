// The desktop client's views, driven headless: an ImGui context with no window and no GPU, frames
// rendered to draw data, buttons clicked by moving the mouse onto the rectangle they were drawn
// in. Each test checks what a user relies on: the click changes the core's state, a refusal is
// shown with the core's message and writes nothing, and nothing is drawn for a person who may
// not see it.

#include "../core/fixtures.hpp"

#include <app.hpp>
#include <headless.hpp>
#include <ui.hpp>

#include <imgui.h>

using namespace mentorkit;
using namespace mk_test;

#define CHECK_MSG_EMPTY(text)                                                                      \
    do {                                                                                           \
        INFO("message shown: " << (text));                                                         \
        CHECK((text).empty());                                                                     \
    } while (false)

namespace {

/// A supervisor, a mentee under her, a mentor with an active mentoring relationship, and a
/// stranger; the client acts as the mentor.
struct Client {
    World w;
    PersonId boss = w.person("Ирина Ковалёва", 5);
    PersonId mentee = w.person("فاطمة الزهراء", 1, {{"research", 1}}, boss);
    PersonId mentor = w.person("Νίκος Παπαδόπουλος", 3, {{"research", 4}});
    PersonId stranger = w.person("陈伟 (Chen Wei)", 2);
    RelationshipId rel = w.active(Model::mentoring, mentor, mentee, "research");
    gui::Headless ui{1280, 800, names()};
    gui::App app;

    Client() : app(std::move(w.store), gui::Settings{}) {
        w.clock.set_today(day24(3, 1)); // six weeks into the relationship
        app.set_acting(mentor);
        ui.frames(app, 2);
    }
    Store& store() { return app.store(); }
    std::string names() {
        std::string all;
        for (const Person& p : w.people().list())
            all += p.name;
        return all;
    }
    /// Opens the relationship and one of its tabs.
    void open(const char* tab) {
        app.open_relationship(rel);
        ui.frames(app, 3);
        REQUIRE(ui.click(app, tab));
        ui.frames(app, 2);
    }
};

} // namespace

TEST_CASE("The dashboard lists the acting person's relationships and filters them", "[gui]") {
    Client c;
    CHECK(c.app.dashboard_size() == 1);
    CHECK(c.ui.vertices() > 0);
    c.app.set_acting(c.stranger);
    c.ui.frames(c.app, 2);
    CHECK(c.app.dashboard_size() == 0);
    c.app.set_scope(DashboardScope::all);
    c.ui.frames(c.app, 2);
    CHECK(c.app.dashboard_size() == 1);
    c.app.set_filter("nobody by that name");
    c.ui.frames(c.app, 1);
    CHECK(c.app.dashboard_visible() == 0);
    c.app.set_filter("RESEARCH"); // focus, case-insensitive
    c.ui.frames(c.app, 1);
    CHECK(c.app.dashboard_visible() == 1);
}

TEST_CASE("Frames reuse the cached data and only a change reloads it", "[gui]") {
    Client c;
    c.app.open_relationship(c.rel);
    c.ui.frames(c.app, 3);
    const int before = c.app.reloads();
    c.ui.frames(c.app, 50);
    CHECK(c.app.reloads() == before);
    c.store().agreements().raise_misunderstanding(c.rel, c.mentee, c.store().today(),
                                                  "Who books the room?");
    c.ui.frames(c.app, 5);
    CHECK(c.app.reloads() == before); // changes made outside the client show after a reload
    REQUIRE(c.ui.click(c.app, "Overview"));
    c.app.inputs().reason = "exam season";
    REQUIRE(c.ui.click(c.app, "Pause")); // a change through the client reloads
    CHECK_MSG_EMPTY(c.app.error());
    CHECK(c.store().relationships().get(c.rel).status == Status::paused);
    c.ui.frames(c.app, 2);
    CHECK(c.app.reloads() > before);
    CHECK(gui::ui::find("Resume")); // and the view shows the new state
}

TEST_CASE("Signing the agreement from the relationship view signs it in the core", "[gui]") {
    Client c;
    c.open("Agreement");
    CHECK_FALSE(c.store().agreements().current(c.rel, c.mentor).signed_by(c.mentor));
    REQUIRE(c.ui.click(c.app, "Sign"));
    CHECK_MSG_EMPTY(c.app.error());
    AgreementVersion v = c.store().agreements().current(c.rel, c.mentor);
    CHECK(v.signed_by(c.mentor));
    CHECK_FALSE(v.signed_by(c.mentee));
    CHECK(v.state == AgreementState::partially_signed);
    // Signed by the mentor, the button is gone for the mentor ...
    c.ui.frames(c.app, 2);
    CHECK_FALSE(gui::ui::find("Sign"));
    // ... and there for the mentee, whose signature puts the agreement in force.
    c.app.set_acting(c.mentee);
    c.ui.frames(c.app, 3);
    REQUIRE(c.ui.click(c.app, "Sign"));
    CHECK(c.store().agreements().in_force(c.rel, c.mentee).has_value());
}

TEST_CASE("A refused proposal shows the core's message and creates nothing", "[gui]") {
    Client c;
    c.app.set_acting(c.boss);
    auto& f = c.app.relationship_form();
    f.model = static_cast<int>(Model::mentoring);
    f.guide = raw(c.boss);
    f.learner = raw(c.mentee); // the boss supervises the mentee
    f.focus = "research";
    f.open = true;
    c.ui.frames(c.app, 3);
    const auto before = c.store().relationships().list().size();
    const auto audit_before = c.store().audit().total();
    REQUIRE(c.ui.click(c.app, "Propose"));
    CHECK(c.app.error().find("supervis") != std::string::npos);
    CHECK(c.store().relationships().list().size() == before);
    CHECK(c.store().audit().total() == audit_before);
    // The dialog stays open with the message; a justification makes the same proposal pass.
    c.ui.frames(c.app, 2);
    REQUIRE(gui::ui::find("Propose"));
    f.justification = "Program exception approved by the dean";
    REQUIRE(c.ui.click(c.app, "Propose"));
    CHECK_MSG_EMPTY(c.app.error());
    CHECK(c.store().relationships().list().size() == before + 1);

    // A declared style that contradicts the levels (the mentor is senior: traditional).
    f.open = true;
    f.guide = raw(c.mentor);
    f.learner = raw(c.mentee);
    f.focus = "writing";
    f.declared_style = 1 + static_cast<int>(Style::peer);
    c.ui.frames(c.app, 3);
    REQUIRE(c.ui.click(c.app, "Propose"));
    CHECK(c.app.error().find("style") != std::string::npos);
    CHECK(c.store().relationships().list().size() == before + 1);
    f.declared_style = 1 + static_cast<int>(Style::traditional);
    REQUIRE(c.ui.click(c.app, "Propose"));
    CHECK_MSG_EMPTY(c.app.error());
    CHECK(c.store().relationships().list().size() == before + 2);
}

TEST_CASE("A goal check-in entered in the goals tab is recorded", "[gui]") {
    Client c;
    NewGoal g = measurable_goal(c.rel, c.mentee, 0, 4);
    GoalId goal = c.store().goals().create(g);
    c.store().goals().activate(goal, c.mentee, c.store().today());
    c.app.set_acting(c.mentee);
    c.open("Goals");
    c.app.inputs().check_in_value = 2;
    c.app.inputs().check_in_note = "two drafts out";
    REQUIRE(c.ui.click(c.app, "Check in"));
    CHECK_MSG_EMPTY(c.app.error());
    auto checks = c.store().goals().check_ins(goal, c.mentee);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].value == 2.0);
    CHECK(checks[0].note == "two drafts out");
    CHECK(checks[0].by == c.mentee);
}

TEST_CASE("A stranger opening the relationship sees no agreement, goals or meetings", "[gui]") {
    Client c;
    c.app.set_acting(c.stranger);
    c.app.open_relationship(c.rel);
    c.ui.frames(c.app, 3);
    CHECK(gui::ui::find("Overview"));
    for (const char* tab : {"Agreement", "Goals", "Meetings", "Office hours", "Coaching"})
        CHECK_FALSE(gui::ui::find(tab));
    CHECK_FALSE(gui::ui::find("Withdraw")); // no lifecycle actions for a non-party
    CHECK_MSG_EMPTY(c.app.error());
}

TEST_CASE("A new person created from the form is stored, a blank name is refused", "[gui]") {
    Client c;
    auto& f = c.app.person_form();
    f.name = "   ";
    f.open = true;
    c.ui.frames(c.app, 3);
    const auto before = c.store().people().count();
    REQUIRE(c.ui.click(c.app, "Create person"));
    CHECK_FALSE(c.app.error().empty());
    CHECK(c.store().people().count() == before);
    f.name = "Zeynep Yılmaz";
    f.level = 2;
    REQUIRE(c.ui.click(c.app, "Create person"));
    CHECK_MSG_EMPTY(c.app.error());
    CHECK(c.store().people().count() == before + 1);
}

TEST_CASE("Names in Cyrillic, Greek, Arabic and Chinese have glyphs in the font atlas", "[gui]") {
    Client c;
    INFO("fonts: " << c.ui.fonts());
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (ImWchar ch : {ImWchar(0x0416) /* Ж */, ImWchar(0x039D) /* Ν */, ImWchar(0x0641) /* ف */,
                       ImWchar(0x0131) /* ı */, ImWchar(0x9648) /* 陈 */})
        CHECK(font->FindGlyphNoFallback(ch) != nullptr);
}

TEST_CASE("A refusal opens a message that Escape closes", "[gui]") {
    Client c;
    c.open("Agreement");
    const auto before = c.store().agreements().misunderstandings(c.rel, c.mentor).size();
    REQUIRE(c.ui.click(c.app, "Raise")); // with no description
    CHECK_FALSE(c.app.error().empty());
    CHECK(c.store().agreements().misunderstandings(c.rel, c.mentor).size() == before);
    c.ui.frames(c.app, 2);
    CHECK(gui::ui::find("OK")); // the "Refused" message box
    c.ui.press(c.app, ImGuiKey_Escape);
    c.ui.frames(c.app, 2);
    CHECK(c.app.error().empty());
    CHECK_FALSE(gui::ui::find("OK"));
}

TEST_CASE("The people view shows a mentee's board and opens a seat's relationship", "[gui]") {
    Client c;
    c.app.show(gui::Tab::people);
    c.ui.frames(c.app, 3);
    REQUIRE(c.ui.click(c.app, "فاطمة الزهراء"));
    c.ui.frames(c.app, 2);
    REQUIRE(c.ui.click(c.app, "board research"));
    c.ui.frames(c.app, 2);
    CHECK(c.app.selected() == c.rel);
    CHECK(c.app.tab() == gui::Tab::relationship);
}

TEST_CASE("A coordinator runs a matching, reviews it and accepts it from the programs view",
          "[gui][programs]") {
    World w;
    w.clock.set_today(day24(3, 1));
    PersonId coordinator = w.person("Coordinator", 6);
    PersonId m1 = w.person("Mentor One", 4, {{"research", 5}});
    PersonId m2 = w.person("Mentor Two", 4, {{"writing", 5}});
    PersonId a = w.person("Mentee A", 1, {{"research", 1}});
    PersonId b = w.person("Mentee B", 1, {{"writing", 1}});
    Programs& programs = w.store.programs();
    ProgramId program =
        programs.create({"Early career", "Every new researcher has a mentor", coordinator});
    programs.set_mentor(program, m1, 1, coordinator);
    programs.set_mentor(program, m2, 1, coordinator);
    programs.set_mentee(program, {a, {"research"}, std::nullopt, false}, coordinator);
    programs.set_mentee(program, {b, {"writing"}, std::nullopt, false}, coordinator);

    gui::Headless ui;
    gui::App app(std::move(w.store), gui::Settings{});
    Store& store = app.store();
    app.set_acting(coordinator);
    app.show(gui::Tab::programs);
    ui.frames(app, 3);
    REQUIRE(ui.click(app, "Matching"));
    REQUIRE(ui.click(app, "Run matching"));
    REQUIRE(app.matching().has_value());
    const MatchingResult& r = *app.matching();
    REQUIRE(r.proposals.size() == 2);
    CHECK(r.unmatched.empty());
    for (const MatchProposal& p : r.proposals)
        CHECK(p.mentor == (p.mentee == a ? m1 : m2)); // the expert in what each one wants
    CHECK(r.total_score == r.proposals[0].fit.total() + r.proposals[1].fit.total());

    // A refused acceptance (an end before the start) shows the message and creates nothing.
    const auto before = store.relationships().list().size();
    app.inputs().match_start = "2024-03-04";
    app.inputs().match_end = "2024-02-01";
    REQUIRE(ui.click(app, "Accept selected"));
    CHECK_FALSE(app.error().empty());
    CHECK(store.relationships().list().size() == before);

    REQUIRE(ui.click(app, "OK")); // dismiss the message
    app.inputs().match_end = "2025-03-03";
    REQUIRE(ui.click(app, "Accept selected"));
    CHECK_MSG_EMPTY(app.error());
    std::vector<RelationshipId> linked = store.programs().relationships(program);
    REQUIRE(linked.size() == 2);
    for (RelationshipId id : linked) {
        Relationship rel = store.relationships().get(id);
        CHECK(rel.formality == Formality::formal);
        CHECK(rel.start == make_date(2024, 3, 4));
        CHECK(rel.end == make_date(2025, 3, 3));
        CHECK(store.agreements().current(id, rel.learner).state == AgreementState::draft);
    }
}

TEST_CASE("The mentee books office hours from the relationship view and the guide sees who",
          "[gui]") {
    Client c;
    NewOfficeHours s;
    s.guide = c.mentor;
    s.time_zone = "Europe/London";
    s.rule.weekdays = {std::chrono::Thursday};
    s.first_day = make_date(2024, 3, 1);
    s.start = std::chrono::hours{16};
    s.place = "Room 1.07";
    s.capacity = 2;
    s.serves = {c.rel};
    OfficeHoursId slot = c.store().office_hours().create(s);
    c.app.set_acting(c.mentee);
    c.open("Office hours");
    REQUIRE(c.ui.click(c.app, "Book next"));
    CHECK_MSG_EMPTY(c.app.error());
    const Date thursday = make_date(2024, 3, 7); // the first Thursday after today (1 March)
    auto booked = c.store().office_hours().bookings(slot, thursday, thursday, c.mentor);
    REQUIRE(booked.size() == 1);
    CHECK(booked[0].learner == c.mentee);
    Meeting m = c.store().meetings().get(booked[0].meeting, c.mentee);
    CHECK(m.place == "Room 1.07");
    // Booked once, the occurrence offers no second booking to the same pair.
    c.ui.frames(c.app, 2);
    CHECK_FALSE(gui::ui::find("Book next"));
    CHECK(gui::ui::find("Book")); // the following Thursdays
}
