// People: names, expertise, the supervision hierarchy and the supervision line.

#include "fixtures.hpp"
#include "raw_sqlite.hpp"

#include <algorithm>

using namespace mentorkit;
using namespace mk_test;

namespace {

NewPerson named(const std::string& name, int level = 1) {
    NewPerson p;
    p.name = name;
    p.level = level;
    return p;
}

} // namespace

TEST_CASE("People are created, read, listed and counted", "[people]") {
    World w;
    auto& people = w.people();

    NewPerson p = named("Ada Lovelace", 4);
    p.email = "ada@example.org";
    p.phone = "+44 20 0000";
    p.expertise = {{"writing", 2}, {"research", 5}};
    auto ada = people.create(p);
    auto bob = people.create(named("Bob", 1));

    SECTION("get returns what was stored") {
        auto got = people.get(ada);
        CHECK(got.id == ada);
        CHECK(got.name == "Ada Lovelace");
        CHECK(got.level == 4);
        CHECK(got.email == std::optional<std::string>("ada@example.org"));
        CHECK(got.phone == std::optional<std::string>("+44 20 0000"));
        CHECK_FALSE(got.supervisor.has_value());
        // Expertise is sorted by area.
        REQUIRE(got.expertise.size() == 2);
        CHECK(got.expertise[0] == Expertise{"research", 5});
        CHECK(got.expertise[1] == Expertise{"writing", 2});
        CHECK(got.created_at == w.clock.now());
        CHECK(got.expertise_in("research") == 5);
        CHECK(got.expertise_in("gardening") == 0);
    }
    SECTION("find and list and count") {
        REQUIRE(people.find(bob).has_value());
        CHECK(people.find(bob)->name == "Bob");
        CHECK_FALSE(people.find(PersonId{9999}).has_value());
        auto all = people.list();
        REQUIRE(all.size() == 2);
        CHECK(all[0].id == ada);
        CHECK(all[1].id == bob);
        CHECK(people.count() == 2);
        CHECK(raw(ada) != raw(bob));
    }
    SECTION("unknown ids are NotFound") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, people.get(PersonId{9999}));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, people.rename(PersonId{9999}, "X"));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, people.set_level(PersonId{9999}, 2));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      people.set_expertise(PersonId{9999}, "research", 2));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, people.set_supervisor(PersonId{9999}, ada));
    }
    SECTION("rename, level and contact change") {
        people.rename(bob, "  Robert  ");
        people.set_level(bob, 2);
        people.set_contact(bob, std::string("rob@example.org"), std::nullopt);
        auto got = people.get(bob);
        CHECK(got.name == "Robert");
        CHECK(got.level == 2);
        CHECK(got.email == std::optional<std::string>("rob@example.org"));
        CHECK_FALSE(got.phone.has_value());
        people.set_contact(bob, std::nullopt, std::nullopt);
        CHECK_FALSE(people.get(bob).email.has_value());
    }
}

TEST_CASE("Names are trimmed and must not be empty", "[people]") {
    World w;
    auto& people = w.people();

    SECTION("surrounding whitespace is trimmed") {
        auto id = people.create(named("  \t Grace Hopper \n "));
        CHECK(people.get(id).name == "Grace Hopper");
    }
    SECTION("empty or whitespace-only names are refused and nothing is written") {
        for (const char* name : {"", " ", "   \t\n  "}) {
            INFO("'" << name << "'");
            REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, people.create(named(name)));
        }
        CHECK(people.count() == 0);
        CHECK(w.audit().total() == 0);
    }
    SECTION("rename to empty is refused") {
        auto id = people.create(named("Ada"));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, people.rename(id, "  "));
        CHECK(people.get(id).name == "Ada");
    }
}

TEST_CASE("Names may be any Unicode text, but must be valid UTF-8", "[people][unicode]") {
    World w;
    auto& people = w.people();

    SECTION("round trip") {
        const std::vector<std::string> names = {
            "\xD8\xB3\xD8\xA7\xD8\xB1\xD8\xA9 \xD8\xA7\xD9\x84\xD8\xB9\xD9\x84\xD9\x8A", // Arabic
            "\xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 \xD0\x9F\xD0\xB5\xD1\x82\xD1\x80\xD0\xBE\xD0\xB2\xD0"
            "\xB0",                                                                    // Cyrillic
            "\xE5\xB1\xB1\xE7\x94\xB0\xE5\xA4\xAA\xE9\x83\x8E",                        // CJK
            "Zo\xC3\xAB \xF0\x9F\x9A\x80\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC", // emoji, ZWJ
        };
        std::vector<PersonId> ids;
        for (const auto& n : names)
            ids.push_back(people.create(named(n)));
        for (std::size_t i = 0; i < names.size(); ++i)
            CHECK(people.get(ids[i]).name == names[i]);
    }
    SECTION("round trip through a file") {
        TempDir dir;
        auto file = dir.file("unicode.mentorkit");
        const std::string name = "\xE5\xB1\xB1\xE7\x94\xB0 \xF0\x9F\x8C\xB8";
        PersonId id{};
        {
            Store s = Store::open(file);
            id = s.people().create(named(name));
        }
        Store s = Store::open(file);
        CHECK(s.people().get(id).name == name);
    }
    SECTION("invalid UTF-8 is refused") {
        for (const std::string& bad :
             {std::string("\xFF\xFE"), std::string("Ada \xC3"), std::string("\xC0\xAF"),
              std::string("x\xED\xA0\x80y"), std::string("nul\0byte", 8)}) {
            INFO("bytes: " << bad.size());
            REQUIRE_THROWS_AS(people.create(named(bad)), InvalidArgument);
        }
        CHECK(people.count() == 0);
    }
}

TEST_CASE("Expertise areas have levels 1 to 5 and are case-insensitive", "[people][expertise]") {
    World w;
    auto& people = w.people();
    auto id = people.create(named("Ada"));

    SECTION("levels outside 1..5 are refused") {
        REQUIRE_THROWS_AS(people.set_expertise(id, "research", 0), InvalidArgument);
        REQUIRE_THROWS_AS(people.set_expertise(id, "research", 6), InvalidArgument);
        REQUIRE_THROWS_AS(people.set_expertise(id, "research", -1), InvalidArgument);
        CHECK(people.get(id).expertise.empty());
        people.set_expertise(id, "research", 1);
        people.set_expertise(id, "writing", 5);
        CHECK(people.get(id).expertise.size() == 2);
    }
    SECTION("levels outside 1..5 are refused on create") {
        NewPerson p = named("Bob");
        p.expertise = {{"research", 0}};
        REQUIRE_THROWS_AS(people.create(p), InvalidArgument);
        p.expertise = {{"research", 6}};
        REQUIRE_THROWS_AS(people.create(p), InvalidArgument);
        CHECK(people.count() == 1);
    }
    SECTION("an empty area is refused") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, people.set_expertise(id, "  ", 3));
    }
    SECTION("setting the same area in another case updates it") {
        people.set_expertise(id, "Research", 2);
        people.set_expertise(id, "research", 4);
        auto p = people.get(id);
        REQUIRE(p.expertise.size() == 1);
        CHECK(p.expertise[0].level == 4);
        CHECK(p.expertise_in("research") == 4);
        CHECK(p.expertise_in("RESEARCH") == 4);
        CHECK(p.expertise_in("Research") == 4);
    }
    SECTION("areas are trimmed") {
        people.set_expertise(id, "  social media ", 3);
        auto p = people.get(id);
        REQUIRE(p.expertise.size() == 1);
        CHECK(p.expertise[0].area == "social media");
        CHECK(p.expertise_in("Social Media") == 3);
    }
    SECTION("duplicate areas on create are refused, case-insensitively") {
        NewPerson p = named("Bob");
        p.expertise = {{"Research", 2}, {"research", 3}};
        REQUIRE_THROWS_AS(people.create(p), InvalidArgument);
        CHECK(people.count() == 1);
    }
    SECTION("remove_expertise") {
        people.set_expertise(id, "research", 3);
        people.set_expertise(id, "writing", 2);
        people.remove_expertise(id, "RESEARCH");
        auto p = people.get(id);
        REQUIRE(p.expertise.size() == 1);
        CHECK(p.expertise[0].area == "writing");
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, people.remove_expertise(id, "research"));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, people.remove_expertise(id, "gardening"));
    }
}

TEST_CASE("Supervisors must exist and never form a cycle", "[people][hierarchy]") {
    World w;
    auto& people = w.people();
    auto a = w.person("A", 5);
    auto b = w.person("B", 4, {}, a);
    auto c = w.person("C", 3, {}, b);
    auto d = w.person("D", 2, {}, c);

    SECTION("unknown supervisor") {
        NewPerson p = named("X");
        p.supervisor = PersonId{9999};
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, people.create(p));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, people.set_supervisor(d, PersonId{9999}));
        CHECK(people.get(d).supervisor == c);
    }
    SECTION("self") {
        auto e = w.person("E", 1);
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervisor_cycle, people.set_supervisor(e, e));
        CHECK_FALSE(people.get(e).supervisor.has_value());
    }
    SECTION("two people") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervisor_cycle, people.set_supervisor(a, b));
    }
    SECTION("a longer chain") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervisor_cycle, people.set_supervisor(a, d));
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervisor_cycle, people.set_supervisor(b, d));
        CHECK_FALSE(people.get(a).supervisor.has_value());
        CHECK(people.get(b).supervisor == a);
    }
    SECTION("re-parenting without a cycle is fine, and clearing too") {
        people.set_supervisor(d, a);
        CHECK(people.get(d).supervisor == a);
        people.set_supervisor(d, std::nullopt);
        CHECK_FALSE(people.get(d).supervisor.has_value());
        CHECK(people.supervisor_chain(d).empty());
    }
}

TEST_CASE("The supervision hierarchy can be queried", "[people][hierarchy]") {
    World w;
    auto& people = w.people();
    auto a = w.person("A", 5);
    auto b = w.person("B", 4, {}, a);
    auto b2 = w.person("B2", 4, {}, a);
    auto c = w.person("C", 3, {}, b);
    auto loner = w.person("Loner", 3);

    CHECK(people.supervisor_chain(c) == std::vector<PersonId>{b, a});
    CHECK(people.supervisor_chain(b) == std::vector<PersonId>{a});
    CHECK(people.supervisor_chain(a).empty());
    CHECK(people.supervisor_chain(loner).empty());

    auto reports = people.direct_reports(a);
    std::sort(reports.begin(), reports.end());
    CHECK(reports == std::vector<PersonId>{b, b2});
    CHECK(people.direct_reports(b) == std::vector<PersonId>{c});
    CHECK(people.direct_reports(c).empty());

    CHECK(people.supervises(a, c));
    CHECK(people.supervises(b, c));
    CHECK(people.supervises(a, b));
    CHECK_FALSE(people.supervises(c, a));
    CHECK_FALSE(people.supervises(b2, c));
    CHECK_FALSE(people.supervises(loner, c));
    CHECK_FALSE(people.supervises(a, loner));
}

TEST_CASE("A supervision line damaged in the file is reported, never half read",
          "[people][hierarchy]") {
    TempDir dir;
    auto file = dir.file("store.mentorkit");
    PersonId c{};
    {
        World w(Store::open(file));
        auto a = w.person("A", 5);
        auto b = w.person("B", 4, {}, a);
        c = w.person("C", 3, {}, b);
    }
    // Stray characters, a missing slash at the end, an empty step: each is damage.
    for (const char* line : {"1/x/", "1/2", "/", "1//"}) {
        INFO("line '" << line << "'");
        {
            RawDb db(file);
            db.must("UPDATE person SET line = '" + std::string(line) +
                    "' WHERE id = " + std::to_string(raw(c)));
        }
        Store store = Store::open(file);
        try {
            store.people().supervisor_chain(c);
            FAIL("a damaged line was read");
        } catch (const StorageError& e) {
            CHECK(e.code() == ErrorCode::corrupt);
            CHECK(std::string(e.what()).find("damaged") != std::string::npos);
        }
    }
}

TEST_CASE("A new supervision line may not cut across open mentoring or coaching",
          "[people][hierarchy][supervision_line]") {
    World w;
    auto& people = w.people();
    // Same levels everywhere: the mentoring is peer mentoring, only the line matters.
    auto a = w.person("A", 3, {{"research", 3}});
    auto b = w.person("B", 3, {{"research", 3}});
    auto top = w.person("Top", 3);
    auto d = w.person("D", 3, {}, a); // A supervises D
    auto rel = w.rels().propose(w.request(Model::mentoring, a, b));

    SECTION("the mentee's supervisor becomes the mentor") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line, people.set_supervisor(b, a));
        CHECK_FALSE(people.get(b).supervisor.has_value());
    }
    SECTION("the mentee's new supervisor is someone the mentor supervises") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line, people.set_supervisor(b, d));
        CHECK_FALSE(people.get(b).supervisor.has_value());
    }
    SECTION("a change higher up the chain puts the mentor above the mentee") {
        people.set_supervisor(b, top);
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line, people.set_supervisor(top, a));
        CHECK_FALSE(people.get(top).supervisor.has_value());
    }
    SECTION("the same holds for an active coaching relationship") {
        auto e = w.person("E", 3);
        w.active(Model::coaching, a, e, "presenting");
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line, people.set_supervisor(e, a));
    }
    SECTION("the mentee would supervise the mentor") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line, people.set_supervisor(a, b));
        CHECK_FALSE(people.get(a).supervisor.has_value());
    }
    SECTION("allowed once the relationship has ended") {
        w.rels().withdraw(rel, b, default_today(), "no time");
        people.set_supervisor(b, a);
        CHECK(people.get(b).supervisor == a);
    }
    SECTION("allowed when the relationship carries a justification") {
        auto e = w.person("E", 3);
        people.set_supervisor(e, a);
        auto r = w.request(Model::mentoring, a, e, "writing");
        r.supervision_justification = "Only writing expert in the lab; approved by the program";
        auto justified = w.rels().propose(r);
        REQUIRE(w.rels().get(justified).supervision_justification.has_value());
        people.set_supervisor(e, std::nullopt);
        people.set_supervisor(e, a);
        CHECK(people.get(e).supervisor == a);
    }
    SECTION("a supervision relationship itself is no obstacle") {
        auto junior = w.person("Junior", 1);
        w.rels().propose(w.request(Model::supervision, a, junior, "lab work"));
        people.set_supervisor(junior, a);
        CHECK(people.get(junior).supervisor == a);
    }
}
