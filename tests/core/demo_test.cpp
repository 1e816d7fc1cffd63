// The demo program (what the run command shows) and the README's example.

#include "fixtures.hpp"

#include <set>

using namespace mentorkit;
using namespace mk_test;

TEST_CASE("The demo program fills an empty store with every kind of partnership", "[demo]") {
    Store store = Store::open_memory();
    Date today = make_date(2026, 11, 24);
    populate_demo(store, today);

    auto rels = store.relationships().list();
    REQUIRE(store.people().count() >= 24);
    REQUIRE(rels.size() >= 12);

    std::set<Model> models;
    std::set<Style> styles;
    std::set<Status> statuses;
    std::set<Formality> formalities;
    std::set<AgreementState> states;
    bool justified = false;
    for (const Relationship& r : rels) {
        models.insert(r.model);
        if (r.style)
            styles.insert(*r.style);
        statuses.insert(r.status);
        formalities.insert(r.formality);
        justified = justified || r.supervision_justification.has_value();
        for (const AgreementVersion& v : store.agreements().versions(r.id, r.learner))
            states.insert(v.state);
    }
    CHECK(models == std::set<Model>{Model::mentoring, Model::coaching, Model::supervision});
    CHECK(styles == std::set<Style>{Style::traditional, Style::peer, Style::reverse});
    CHECK(statuses == std::set<Status>{Status::proposed, Status::active, Status::paused,
                                       Status::declined, Status::completed, Status::withdrawn});
    CHECK(formalities ==
          std::set<Formality>{Formality::formal, Formality::informal, Formality::flash});
    CHECK(states == std::set<AgreementState>{AgreementState::draft,
                                             AgreementState::partially_signed,
                                             AgreementState::in_force, AgreementState::superseded,
                                             AgreementState::replaced});
    CHECK(justified);

    SECTION("someone has a committee of at least three advisors") {
        std::size_t largest = 0;
        for (const Person& p : store.people().list())
            largest = std::max(largest, store.relationships().board(p.id).size());
        CHECK(largest >= 3);
    }
    SECTION("names in several scripts survive the round trip") {
        std::set<std::string> names;
        for (const Person& p : store.people().list())
            names.insert(p.name);
        CHECK(names.count("Елена Петрова") == 1);
        CHECK(names.count("Νίκος Παπαδόπουλος") == 1);
        CHECK(names.count("فاطمة الزهراء") == 1);
    }
    SECTION("the store's clock is the system clock again afterwards") {
        auto now = std::chrono::system_clock::now();
        CHECK(std::chrono::abs(store.now() - now) < std::chrono::minutes(1));
    }
    SECTION("a store that already holds people is refused") {
        auto before = store.audit().total();
        REQUIRE_ERROR(RuleViolation, ErrorCode::rule_violation, populate_demo(store, today));
        CHECK(store.audit().total() == before);
    }
}

TEST_CASE("The demo program includes a coordinated program ready for matching",
          "[demo][programs]") {
    Store store = Store::open_memory();
    populate_demo(store, make_date(2026, 11, 24));
    auto programs = store.programs().list();
    REQUIRE(programs.size() == 1);
    const ProgramId id = programs[0].id;
    CHECK(store.programs().relationships(id).size() == 3);
    EffectivenessReport e = store.programs().effectiveness(id);
    CHECK(e.goals.size() == 3);
    CHECK(e.numbers.relationships == 3);
    CHECK(e.numbers.measurable_goals >= 1);
    QualityReport q = store.programs().quality(id);
    CHECK(q.assessed == 3);
    CHECK(q.unassessed.size() == 1);
    REQUIRE(q.score);
    CHECK(*q.score == Approx((1 + 0.5 + 1) / 3.0));

    MatchingResult m = store.matching().run(id);
    CHECK_FALSE(m.proposals.empty());
    PersonId elena{}, noor{}, kwame{}, hiroshi{}, yara{}, nikos{};
    for (const Person& p : store.people().list()) {
        if (p.name == "Елена Петрова")
            elena = p.id;
        if (p.name == "نور السيد")
            noor = p.id;
        if (p.name == "Kwame Mensah")
            kwame = p.id;
        if (p.name == "Dr. Hiroshi Tanaka")
            hiroshi = p.id;
        if (p.name == "Yara Haddad")
            yara = p.id;
        if (p.name == "Νίκος Παπαδόπουλος")
            nikos = p.id;
    }
    for (const MatchProposal& p : m.proposals) {
        CHECK_FALSE((p.mentee == noor && p.mentor == elena)); // up Noor's supervisor chain
        CHECK_FALSE((p.mentee == yara && p.mentor == nikos)); // marked forbidden
        if (p.mentee == kwame)
            CHECK(p.mentor == hiroshi); // marked wanted, and the statistics expert
    }
    // Accepting everything the run proposes is allowed by the core.
    auto created = store.matching().accept(
        id, m.proposals, {make_date(2026, 12, 1), make_date(2027, 12, 1), std::nullopt},
        programs[0].coordinator);
    CHECK(created.size() == m.proposals.size());
}

TEST_CASE("The README's C++ example works as written", "[demo][readme]") {
    TempDir dir;
    Store store = Store::open(dir.file("program.db"));
    PersonId maria = store.people().create({.name = "Dr. Maria Kowalczyk", .level = 5});
    PersonId amina =
        store.people().create({.name = "Amina Rahman", .level = 2, .expertise = {{"research", 2}}});
    RelationshipId r = store.relationships().propose({.model = Model::mentoring,
                                                      .guide = maria,
                                                      .learner = amina,
                                                      .focus = "clinical practice",
                                                      .formality = Formality::informal,
                                                      .start = make_date(2026, 3, 2),
                                                      .proposed_by = amina});
    store.relationships().accept(r, maria, make_date(2026, 3, 2));
    store.agreements().sign(r, 1, amina);
    store.agreements().sign(r, 1, maria);

    Relationship rel = store.relationships().get(r);
    CHECK(rel.status == Status::active);
    CHECK(rel.style == Style::traditional);
    REQUIRE(store.agreements().in_force(r, amina));
    CHECK(store.agreements().in_force(r, amina)->number == 1);
}

TEST_CASE("Dates outside the supported range are refused before anything is written", "[date]") {
    World w;
    PersonId senior = w.person("Senior", 3);
    PersonId junior = w.person("Junior", 1);
    auto before = w.audit().total();

    NewRelationship r = w.request(Model::mentoring, senior, junior);
    SECTION("a start in 1850") {
        r.start = make_date(1850, 1, 1);
        r.proposed_on = r.start;
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date, w.rels().propose(r));
    }
    SECTION("an end in 3100") {
        r.end = make_date(3100, 1, 1);
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date, w.rels().propose(r));
    }
    SECTION("a lifecycle event in 3100") {
        auto id = w.rels().propose(r);
        before = w.audit().total();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      w.rels().accept(id, junior, make_date(3100, 1, 1)));
        CHECK(w.rels().get(id).status == Status::proposed);
    }
    CHECK(w.audit().total() == before);
}
