// Columnar export: the tables the Python package hands to NumPy.

#include "fixtures.hpp"

#include <mentorkit/export.hpp>

using namespace mentorkit;
using namespace mk_test;

TEST_CASE("An empty store exports empty tables", "[export]") {
    Store store = Store::open_memory();
    CHECK(export_people(store).size() == 0);
    CHECK(export_expertise(store).size() == 0);
    CHECK(export_relationships(store).size() == 0);
}

TEST_CASE("People export one row per person with encoded missing values", "[export]") {
    Trio t;
    PersonId report = t.w.person("Report", 0, {{"social media", 5}, {"art", 2}}, t.senior);
    t.w.people().set_contact(t.junior, std::string("junior@example.org"), std::nullopt);

    PeopleColumns p = export_people(t.w.store);
    REQUIRE(p.size() == 4);
    CHECK(p.name.size() == 4);
    CHECK(p.created_at.size() == 4);
    CHECK(p.id ==
          std::vector<std::int64_t>{raw(t.senior), raw(t.junior), raw(t.coordinator), raw(report)});
    CHECK(p.name[3] == "Report");
    CHECK(p.level == std::vector<std::int64_t>{3, 1, 5, 0});
    CHECK(p.supervisor == std::vector<std::int64_t>{no_id, no_id, no_id, raw(t.senior)});
    CHECK(p.email[1] == std::optional<std::string>("junior@example.org"));
    CHECK_FALSE(p.email[0].has_value());
    CHECK(p.expertise_areas == std::vector<std::int64_t>{1, 1, 0, 2});
    CHECK(p.created_at[0] == t.w.clock.now().time_since_epoch().count());

    ExpertiseColumns e = export_expertise(t.w.store);
    REQUIRE(e.size() == 4);
    CHECK(e.person ==
          std::vector<std::int64_t>{raw(t.senior), raw(t.junior), raw(report), raw(report)});
    CHECK(e.area == std::vector<std::string>{"research", "research", "art", "social media"});
    CHECK(e.level == std::vector<std::int64_t>{4, 1, 2, 5});
}

TEST_CASE("Relationships export codes, days and flags", "[export]") {
    Trio t;
    RelationshipId mentoring = t.w.active(Model::mentoring, t.senior, t.junior);
    NewRelationship req = t.w.request(Model::coaching, t.coordinator, t.junior, "writing");
    req.formality = Formality::formal;
    req.end = make_date(2024, 9, 30);
    RelationshipId coaching = t.w.rels().propose(req);
    t.w.rels().decline(coaching, t.junior, make_date(2024, 1, 12), "no time");

    RelationshipColumns r = export_relationships(t.w.store);
    REQUIRE(r.size() == 2);
    CHECK(r.focus.size() == 2);
    CHECK(r.id == std::vector<std::int64_t>{raw(mentoring), raw(coaching)});
    CHECK(r.model == std::vector<std::int8_t>{static_cast<std::int8_t>(Model::mentoring),
                                              static_cast<std::int8_t>(Model::coaching)});
    CHECK(r.style[0] == static_cast<std::int8_t>(Style::traditional));
    CHECK(r.style[1] == no_code);
    CHECK(r.status[1] == static_cast<std::int8_t>(Status::declined));
    CHECK(r.formality[1] == static_cast<std::int8_t>(Formality::formal));
    CHECK(r.start[0] == day_number(default_start()));
    CHECK(r.end[0] == no_day);
    CHECK(r.end[1] == day_number(make_date(2024, 9, 30)));
    CHECK(r.ended_on[0] == no_day);
    CHECK(r.ended_on[1] == day_number(make_date(2024, 1, 12)));
    CHECK(r.ended_by == std::vector<std::int64_t>{no_id, raw(t.junior)});
    CHECK(r.end_reason[1] == std::optional<std::string>("no time"));
    CHECK(r.guide_accepted == std::vector<std::uint8_t>{1, 1});
    CHECK(r.learner_accepted == std::vector<std::uint8_t>{1, 0});
    CHECK(r.proposed_on[0] == day_number(default_today()));
    CHECK(day_number(make_date(1970, 1, 2)) == 1);

    SECTION("the filter is the one of Relationships::list") {
        RelationshipFilter open;
        open.open_only = true;
        RelationshipColumns o = export_relationships(t.w.store, open);
        CHECK(o.id == std::vector<std::int64_t>{raw(mentoring)});
    }
}

TEST_CASE("Exporting from a closed store is refused", "[export]") {
    Store store = Store::open_memory();
    store.close();
    REQUIRE_ERROR(StorageError, ErrorCode::closed, export_people(store));
    REQUIRE_ERROR(StorageError, ErrorCode::closed, export_relationships(store));
}

TEST_CASE("The demo program exports consistent tables", "[export][demo]") {
    Store store = Store::open_memory();
    populate_demo(store, make_date(2026, 11, 24));
    PeopleColumns p = export_people(store);
    RelationshipColumns r = export_relationships(store);
    CHECK(p.size() == static_cast<std::size_t>(store.people().count()));
    CHECK(r.size() == store.relationships().list().size());
    for (std::size_t i = 0; i < r.size(); ++i) {
        CHECK(r.guide[i] != r.learner[i]);
        CHECK(r.guide[i] >= 1);
    }
}
