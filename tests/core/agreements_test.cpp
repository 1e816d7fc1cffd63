// Ground-rule agreements: templates, editing drafts, signatures, versions and amendments, the
// immutability of signed versions, and the misunderstanding log.

#include "fixtures.hpp"
#include "raw_sqlite.hpp"

#include <algorithm>
#include <set>

using namespace mentorkit;
using namespace mk_test;

namespace {

const std::vector<ClauseKind> kRequiredKinds = {
    ClauseKind::goals_and_approach,
    ClauseKind::communication,
    ClauseKind::meeting_cadence,
    ClauseKind::setting,
    ClauseKind::confidentiality,
    ClauseKind::boundaries,
    ClauseKind::agenda_ownership,
    ClauseKind::duration_and_review,
    ClauseKind::ending,
};

/// A store with a mentor, a mentee and an outsider, and an active mentoring relationship.
struct Pair {
    World w;
    PersonId guide;
    PersonId learner;
    PersonId outsider;
    RelationshipId rel;
    explicit Pair(Store s = Store::open_memory())
        : w(std::move(s)), guide(w.person("Guide", 3, {{"research", 4}})),
          learner(w.person("Learner", 1)), outsider(w.person("Outsider", 2)),
          rel(w.active(Model::mentoring, guide, learner)) {}
    Agreements& ag() { return w.agreements(); }
};

} // namespace

TEST_CASE("A new relationship's agreement is the model's template", "[agreements][template]") {
    for (auto model : {Model::mentoring, Model::coaching, Model::supervision}) {
        DYNAMIC_SECTION("model " << to_string(model)) {
            World w;
            auto guide = w.person("Guide", 3);
            auto learner = w.person("Learner", 1);
            auto rel = w.rels().propose(w.request(model, guide, learner, "presenting"));
            auto v = w.agreements().current(rel, learner);
            CHECK(v.relationship == rel);
            CHECK(v.number == 1);
            CHECK(v.state == AgreementState::draft);
            CHECK_FALSE(v.stored);
            CHECK(v.signatures.empty());
            CHECK_FALSE(v.signed_by(guide));
            std::set<ClauseKind> kinds;
            for (const auto& c : v.clauses) {
                INFO("clause " << to_string(c.kind));
                CHECK_FALSE(c.text.empty());
                CHECK_FALSE(c.title.empty());
                kinds.insert(c.kind);
            }
            for (auto k : kRequiredKinds) {
                INFO("missing clause " << to_string(k));
                CHECK(kinds.count(k) == 1);
            }
            REQUIRE(v.terms.cadence_days.has_value());
            CHECK(*v.terms.cadence_days == defaults_of(model).default_cadence_days);
            // The template function agrees with what current() shows.
            auto tpl = agreement_template(w.rels().get(rel));
            CHECK(tpl.clauses == v.clauses);
            CHECK(tpl.terms == v.terms);
            // Nothing in force yet; version 1 is the only version.
            CHECK_FALSE(w.agreements().in_force(rel, learner).has_value());
            auto all = w.agreements().versions(rel, learner);
            REQUIRE(all.size() == 1);
            CHECK(all[0].number == 1);
            CHECK(w.agreements().version(rel, 1, learner).clauses == v.clauses);
        }
    }
}

TEST_CASE("Template clauses speak the relationship's language", "[agreements][template]") {
    World w;
    auto a = w.person("Guide", 3);
    auto b = w.person("Learner", 1);
    auto coaching = w.rels().propose(w.request(Model::coaching, a, b, "public speaking"));
    auto mentoring = w.rels().propose(w.request(Model::mentoring, a, b, "public speaking"));
    auto text_of = [&](RelationshipId id) {
        std::string all;
        for (const auto& c : w.agreements().current(id, b).clauses)
            all += c.title + " " + c.text + "\n";
        return all;
    };
    CHECK(text_of(coaching) != text_of(mentoring));
    CHECK_THAT(text_of(coaching), Catch::Contains("coach", Catch::CaseSensitive::No));
    CHECK_THAT(text_of(mentoring), Catch::Contains("mentor", Catch::CaseSensitive::No));
}

TEST_CASE("The draft can be edited by a party", "[agreements][draft]") {
    Pair p;
    auto& ag = p.ag();
    auto template_clauses = ag.current(p.rel, p.learner).clauses;
    REQUIRE(template_clauses.size() >= kRequiredKinds.size());

    SECTION("edit a clause's text, and its title") {
        ag.edit_clause(p.rel, 0, "We meet to grow research skills.", p.learner);
        auto v = ag.current(p.rel, p.learner);
        CHECK(v.stored);
        CHECK(v.number == 1);
        CHECK(v.state == AgreementState::draft);
        CHECK(v.clauses[0].text == "We meet to grow research skills.");
        CHECK(v.clauses[0].title == template_clauses[0].title);
        CHECK(v.clauses[0].kind == template_clauses[0].kind);
        ag.edit_clause(p.rel, 1, "Email, answered within two days.", p.guide, "How we talk");
        v = ag.current(p.rel, p.learner);
        CHECK(v.clauses[1].title == "How we talk");
        CHECK(v.clauses[1].text == "Email, answered within two days.");
        CHECK(v.clauses.size() == template_clauses.size());
        CHECK(ag.versions(p.rel, p.learner).size() == 1);
    }
    SECTION("add and remove clauses") {
        auto index =
            ag.add_clause(p.rel, Clause{ClauseKind::other, "Snacks", "Bring coffee."}, p.guide);
        CHECK(index == template_clauses.size());
        auto v = ag.current(p.rel, p.learner);
        REQUIRE(v.clauses.size() == template_clauses.size() + 1);
        CHECK(v.clauses.back() == Clause{ClauseKind::other, "Snacks", "Bring coffee."});
        CHECK(v.stored);
        ag.remove_clause(p.rel, index, p.learner);
        CHECK(ag.current(p.rel, p.learner).clauses == template_clauses);
        ag.remove_clause(p.rel, 0, p.learner);
        v = ag.current(p.rel, p.learner);
        REQUIRE(v.clauses.size() == template_clauses.size() - 1);
        CHECK(v.clauses[0] == template_clauses[1]);
    }
    SECTION("set the structured terms") {
        AgreementTerms terms;
        terms.cadence_days = 14;
        terms.review_date = make_date(2024, 6, 1);
        ag.set_terms(p.rel, terms, p.learner);
        auto v = ag.current(p.rel, p.learner);
        CHECK(v.terms == terms);
        CHECK(v.stored);
        CHECK(v.clauses == template_clauses);
    }
    SECTION("a cadence must be positive") {
        AgreementTerms terms;
        terms.cadence_days = 0;
        REQUIRE_THROWS_AS(ag.set_terms(p.rel, terms, p.learner), InvalidArgument);
        terms.cadence_days = -7;
        REQUIRE_THROWS_AS(ag.set_terms(p.rel, terms, p.learner), InvalidArgument);
    }
    SECTION("out-of-range clause indexes") {
        auto n = template_clauses.size();
        REQUIRE_THROWS_AS(ag.edit_clause(p.rel, n, "x", p.guide), InvalidArgument);
        REQUIRE_THROWS_AS(ag.edit_clause(p.rel, n + 100, "x", p.guide), InvalidArgument);
        REQUIRE_THROWS_AS(ag.remove_clause(p.rel, n, p.guide), InvalidArgument);
        CHECK(ag.current(p.rel, p.learner).clauses == template_clauses);
    }
    SECTION("a non-party may neither edit nor sign") {
        auto audit = p.w.audit().total();
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      ag.edit_clause(p.rel, 0, "forged", p.outsider));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      ag.add_clause(p.rel, Clause{ClauseKind::other, "x", "y"}, p.outsider));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      ag.remove_clause(p.rel, 0, p.outsider));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      ag.set_terms(p.rel, AgreementTerms{}, p.outsider));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, ag.sign(p.rel, 1, p.outsider));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, ag.sign(p.rel, 1, PersonId{9999}));
        auto v = ag.current(p.rel, p.learner);
        CHECK_FALSE(v.stored);
        CHECK(v.signatures.empty());
        CHECK(p.w.audit().total() == audit);
    }
    SECTION("unknown relationship") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, ag.current(RelationshipId{999}, p.learner));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, ag.sign(RelationshipId{999}, 1, p.guide));
    }
}

TEST_CASE("Agreement edits persist across reopening a file store", "[agreements][persistence]") {
    TempDir dir;
    auto file = dir.file("agreements.mentorkit");
    RelationshipId rel{};
    PersonId guide{}, learner{};
    std::vector<Clause> expected;
    AgreementTerms terms;
    terms.cadence_days = 21;
    terms.review_date = make_date(2024, 9, 1);
    {
        Pair p(Store::open(file));
        rel = p.rel;
        guide = p.guide;
        learner = p.learner;
        p.ag().edit_clause(rel, 2, "Every third Thursday, 30 minutes.", guide, "Cadence");
        p.ag().add_clause(rel, Clause{ClauseKind::other, "Notes", "Shared notes doc."}, learner);
        p.ag().set_terms(rel, terms, guide);
        p.ag().sign(rel, 1, guide);
        expected = p.ag().current(rel, learner).clauses;
    }
    Store s = Store::open(file);
    auto v = s.agreements().current(rel, learner);
    CHECK(v.stored);
    CHECK(v.number == 1);
    CHECK(v.clauses == expected);
    CHECK(v.clauses[2].text == "Every third Thursday, 30 minutes.");
    CHECK(v.clauses[2].title == "Cadence");
    CHECK(v.terms == terms);
    CHECK(v.state == AgreementState::partially_signed);
    CHECK(v.signed_by(guide));
    CHECK_FALSE(v.signed_by(learner));
}

TEST_CASE("An agreement is in force only when both parties signed", "[agreements][sign]") {
    Pair p;
    auto& ag = p.ag();

    ag.sign(p.rel, 1, p.guide);
    auto v = ag.current(p.rel, p.learner);
    CHECK(v.state == AgreementState::partially_signed);
    CHECK(v.stored);
    CHECK(v.signed_by(p.guide));
    CHECK_FALSE(v.signed_by(p.learner));
    REQUIRE(v.signatures.size() == 1);
    CHECK(v.signatures[0].person == p.guide);
    CHECK(v.signatures[0].at == p.w.clock.now());
    CHECK_FALSE(ag.in_force(p.rel, p.learner).has_value());

    SECTION("a signed version is frozen") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::agreement_frozen,
                      ag.edit_clause(p.rel, 0, "changed", p.learner));
        REQUIRE_ERROR(RuleViolation, ErrorCode::agreement_frozen,
                      ag.add_clause(p.rel, Clause{ClauseKind::other, "x", "y"}, p.learner));
        REQUIRE_ERROR(RuleViolation, ErrorCode::agreement_frozen,
                      ag.remove_clause(p.rel, 0, p.guide));
        REQUIRE_ERROR(RuleViolation, ErrorCode::agreement_frozen,
                      ag.set_terms(p.rel, AgreementTerms{}, p.guide));
        CHECK(ag.current(p.rel, p.learner).clauses == v.clauses);
    }
    SECTION("signing twice is refused") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::already_signed, ag.sign(p.rel, 1, p.guide));
        CHECK(ag.current(p.rel, p.learner).signatures.size() == 1);
    }
    SECTION("the second signature puts it in force") {
        p.w.clock.advance(std::chrono::hours(1));
        ag.sign(p.rel, 1, p.learner);
        auto now = ag.current(p.rel, p.learner);
        CHECK(now.state == AgreementState::in_force);
        CHECK(now.signed_by(p.learner));
        REQUIRE(ag.in_force(p.rel, p.learner).has_value());
        CHECK(ag.in_force(p.rel, p.learner)->number == 1);
        CHECK(ag.in_force(p.rel, p.learner)->clauses == v.clauses);
        REQUIRE_ERROR(RuleViolation, ErrorCode::already_signed, ag.sign(p.rel, 1, p.learner));
    }
    SECTION("unknown version numbers") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, ag.sign(p.rel, 99, p.learner));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, ag.version(p.rel, 99, p.learner));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, ag.version(p.rel, 0, p.learner));
    }
}

TEST_CASE("Amending creates a new version and resets signatures", "[agreements][amend]") {
    Pair p;
    auto& ag = p.ag();
    ag.edit_clause(p.rel, 0, "Original goals.", p.guide);
    ag.sign(p.rel, 1, p.guide);
    ag.sign(p.rel, 1, p.learner);
    const auto v1 = ag.version(p.rel, 1, p.learner);
    REQUIRE(v1.state == AgreementState::in_force);

    SECTION("amending while the latest version is an unsigned draft is refused") {
        auto number = ag.amend(p.rel, p.learner, "new goals");
        CHECK(number == 2);
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      ag.amend(p.rel, p.guide, "another"));
        CHECK(ag.versions(p.rel, p.learner).size() == 2);
    }
    SECTION("a non-party cannot amend") {
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      ag.amend(p.rel, p.outsider, "takeover"));
        CHECK(ag.versions(p.rel, p.learner).size() == 1);
    }

    SECTION("the new version") {
        auto number = ag.amend(p.rel, p.learner, "new goals after the first review");
        REQUIRE(number == 2);
        auto v2 = ag.current(p.rel, p.learner);
        CHECK(v2.number == 2);
        CHECK(v2.state == AgreementState::draft);
        CHECK(v2.signatures.empty());
        CHECK(v2.clauses == v1.clauses);
        CHECK(v2.terms == v1.terms);
        CHECK(v2.created_by == p.learner);
        CHECK(v2.change_note == "new goals after the first review");
        CHECK(v2.stored);

        // Version 1 stays in force until version 2 is signed by both.
        REQUIRE(ag.in_force(p.rel, p.learner).has_value());
        CHECK(ag.in_force(p.rel, p.learner)->number == 1);
        CHECK(ag.version(p.rel, 1, p.learner).state == AgreementState::in_force);
        CHECK(p.w.has_warning(p.rel, WarningCode::amendment_pending));
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::agreement_not_in_force));

        // Signing the old version is refused.
        REQUIRE_ERROR(RuleViolation, ErrorCode::stale_version, ag.sign(p.rel, 1, p.guide));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, ag.sign(p.rel, 99, p.guide));

        // Version 2 is an editable draft.
        ag.edit_clause(p.rel, 0, "Revised goals.", p.learner);
        CHECK(ag.current(p.rel, p.learner).clauses[0].text == "Revised goals.");

        ag.sign(p.rel, 2, p.learner);
        CHECK(ag.current(p.rel, p.learner).state == AgreementState::partially_signed);
        CHECK(ag.in_force(p.rel, p.learner)->number == 1);
        ag.sign(p.rel, 2, p.guide);

        CHECK(ag.current(p.rel, p.learner).state == AgreementState::in_force);
        REQUIRE(ag.in_force(p.rel, p.learner).has_value());
        CHECK(ag.in_force(p.rel, p.learner)->number == 2);
        CHECK(ag.version(p.rel, 1, p.learner).state == AgreementState::superseded);
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::amendment_pending));

        // Every version is kept, the old one unchanged.
        auto all = ag.versions(p.rel, p.learner);
        REQUIRE(all.size() == 2);
        CHECK(all[0].number == 1);
        CHECK(all[1].number == 2);
        CHECK(all[0].clauses == v1.clauses);
        CHECK(all[0].clauses[0].text == "Original goals.");
        CHECK(all[0].terms == v1.terms);
        REQUIRE(all[0].signatures.size() == v1.signatures.size());
        for (std::size_t i = 0; i < v1.signatures.size(); ++i) {
            CHECK(all[0].signatures[i].person == v1.signatures[i].person);
            CHECK(all[0].signatures[i].at == v1.signatures[i].at);
        }
        CHECK(all[1].clauses[0].text == "Revised goals.");

        // And a third amendment starts from version 2.
        CHECK(ag.amend(p.rel, p.guide, "third") == 3);
        CHECK(ag.current(p.rel, p.learner).clauses == all[1].clauses);
        CHECK(ag.in_force(p.rel, p.learner)->number == 2);
    }
}

TEST_CASE("A partially signed version that is amended is replaced", "[agreements][amend]") {
    Pair p;
    auto& ag = p.ag();
    REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, ag.amend(p.rel, p.guide, "early"));
    ag.sign(p.rel, 1, p.guide);
    CHECK(ag.amend(p.rel, p.learner, "I want different terms") == 2);
    CHECK(ag.version(p.rel, 1, p.learner).state == AgreementState::replaced);
    CHECK(ag.version(p.rel, 1, p.learner).signed_by(p.guide));
    CHECK(ag.current(p.rel, p.learner).signatures.empty());
    CHECK_FALSE(ag.in_force(p.rel, p.learner).has_value());
    CHECK(p.w.has_warning(p.rel, WarningCode::agreement_not_in_force));
    ag.sign(p.rel, 2, p.guide);
    ag.sign(p.rel, 2, p.learner);
    CHECK(ag.version(p.rel, 1, p.learner).state == AgreementState::replaced);
    CHECK(ag.version(p.rel, 2, p.learner).state == AgreementState::in_force);
}

TEST_CASE("Signed versions cannot be changed with raw SQL", "[agreements][immutability]") {
    TempDir dir;
    auto file = dir.file("frozen.mentorkit");
    Pair p(Store::open(file));
    p.ag().edit_clause(p.rel, 0, "Signed text.", p.guide);
    p.ag().sign(p.rel, 1, p.guide);
    auto before = p.ag().current(p.rel, p.learner);

    RawDb db(file);
    const std::string version_ids =
        "(SELECT id FROM agreement_version WHERE relationship_id = " + std::to_string(raw(p.rel)) +
        ")";
    CHECK(db.exec("UPDATE agreement_clause SET body = 'tampered' WHERE version_id IN " +
                  version_ids) != SQLITE_OK);
    CHECK(db.exec("DELETE FROM agreement_clause WHERE version_id IN " + version_ids) != SQLITE_OK);
    CHECK(db.exec("DELETE FROM agreement_signature WHERE version_id IN " + version_ids) !=
          SQLITE_OK);
    CHECK(db.exec("DELETE FROM agreement_version WHERE relationship_id = " +
                  std::to_string(raw(p.rel))) != SQLITE_OK);

    auto after = p.ag().current(p.rel, p.learner);
    CHECK(after.clauses == before.clauses);
    CHECK(after.clauses[0].text == "Signed text.");
    CHECK(after.signed_by(p.guide));
}

TEST_CASE("Agreements of an ended relationship are read-only", "[agreements][lifecycle]") {
    Pair p;
    auto& ag = p.ag();
    ag.edit_clause(p.rel, 0, "Goals.", p.guide);
    ag.sign(p.rel, 1, p.guide);
    p.w.rels().withdraw(p.rel, p.learner, make_date(2024, 2, 1), "moving away");

    REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, ag.sign(p.rel, 1, p.learner));
    REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, ag.amend(p.rel, p.learner, "x"));

    SECTION("a draft of an ended relationship cannot be edited either") {
        Pair q;
        q.w.rels().complete(q.rel, q.learner, make_date(2024, 2, 1), "done");
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      q.ag().edit_clause(q.rel, 0, "late edit", q.guide));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition, q.ag().sign(q.rel, 1, q.guide));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      q.ag().raise_misunderstanding(q.rel, q.guide, make_date(2024, 2, 2), "x"));
    }
    SECTION("but everything stays readable") {
        auto v = ag.current(p.rel, p.learner);
        CHECK(v.clauses[0].text == "Goals.");
        CHECK(v.signed_by(p.guide));
        CHECK(ag.versions(p.rel, p.learner).size() == 1);
    }
}

TEST_CASE("Misunderstandings are raised and resolved explicitly",
          "[agreements][misunderstandings]") {
    Pair p;
    auto& ag = p.ag();
    auto raised_on = make_date(2024, 2, 1);

    SECTION("raise and resolve") {
        auto m = ag.raise_misunderstanding(p.rel, p.learner, raised_on,
                                           "I expected answers within a day");
        CHECK(p.w.has_warning(p.rel, WarningCode::open_misunderstandings));
        auto log = ag.misunderstandings(p.rel, p.learner);
        REQUIRE(log.size() == 1);
        CHECK(log[0].id == m);
        CHECK(log[0].relationship == p.rel);
        CHECK(log[0].raised_by == p.learner);
        CHECK(log[0].raised_on == raised_on);
        CHECK(log[0].description == "I expected answers within a day");
        CHECK(log[0].is_open());

        ag.resolve_misunderstanding(m, p.guide, make_date(2024, 2, 3),
                                    "Agreed: two working days, urgent things by phone");
        log = ag.misunderstandings(p.rel, p.learner);
        REQUIRE(log.size() == 1);
        CHECK_FALSE(log[0].is_open());
        CHECK(log[0].resolution ==
              std::optional<std::string>("Agreed: two working days, urgent things by phone"));
        CHECK(log[0].resolved_by == p.guide);
        CHECK(log[0].resolved_on == make_date(2024, 2, 3));
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::open_misunderstandings));

        REQUIRE_ERROR(RuleViolation, ErrorCode::already_resolved,
                      ag.resolve_misunderstanding(m, p.learner, make_date(2024, 2, 4), "again"));
        CHECK(ag.misunderstandings(p.rel, p.learner)[0].resolved_by == p.guide);
    }
    SECTION("the log keeps its order and each entry's state") {
        auto m1 = ag.raise_misunderstanding(p.rel, p.learner, raised_on, "first");
        auto m2 = ag.raise_misunderstanding(p.rel, p.guide, make_date(2024, 2, 2), "second");
        auto m3 = ag.raise_misunderstanding(p.rel, p.learner, make_date(2024, 2, 3), "third");
        ag.resolve_misunderstanding(m2, p.learner, make_date(2024, 2, 5), "talked it through");
        auto log = ag.misunderstandings(p.rel, p.learner);
        REQUIRE(log.size() == 3);
        CHECK(log[0].id == m1);
        CHECK(log[1].id == m2);
        CHECK(log[2].id == m3);
        CHECK(log[0].is_open());
        CHECK_FALSE(log[1].is_open());
        CHECK(log[2].is_open());
        CHECK(p.w.has_warning(p.rel, WarningCode::open_misunderstandings));
        ag.resolve_misunderstanding(m1, p.guide, make_date(2024, 2, 5), "fine");
        CHECK(p.w.has_warning(p.rel, WarningCode::open_misunderstandings));
        ag.resolve_misunderstanding(m3, p.guide, make_date(2024, 2, 5), "fine too");
        CHECK_FALSE(p.w.has_warning(p.rel, WarningCode::open_misunderstandings));
    }
    SECTION("refusals") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      ag.raise_misunderstanding(p.rel, p.learner, raised_on, ""));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      ag.raise_misunderstanding(p.rel, p.learner, raised_on, "  \n "));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      ag.raise_misunderstanding(p.rel, p.outsider, raised_on, "I disagree"));
        CHECK(ag.misunderstandings(p.rel, p.learner).empty());

        auto m = ag.raise_misunderstanding(p.rel, p.learner, raised_on, "Meeting place unclear");
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      ag.resolve_misunderstanding(m, p.guide, raised_on, ""));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      ag.resolve_misunderstanding(m, p.guide, raised_on, "   "));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      ag.resolve_misunderstanding(m, p.outsider, raised_on, "settled by me"));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      ag.resolve_misunderstanding(m, p.guide, make_date(2024, 1, 31), "fixed"));
        REQUIRE_ERROR(
            NotFound, ErrorCode::not_found,
            ag.resolve_misunderstanding(MisunderstandingId{999}, p.guide, raised_on, "x"));
        auto log = ag.misunderstandings(p.rel, p.learner);
        REQUIRE(log.size() == 1);
        CHECK(log[0].is_open());
        // Resolving on the day it was raised is fine.
        ag.resolve_misunderstanding(m, p.guide, raised_on, "Library, room 2");
        CHECK_FALSE(ag.misunderstandings(p.rel, p.learner)[0].is_open());
    }
}

TEST_CASE("The audit log records agreement changes with their actor", "[agreements][audit]") {
    Pair p;
    auto& ag = p.ag();
    auto last = [&] {
        auto all = p.w.audit().entries(p.learner);
        REQUIRE_FALSE(all.empty());
        return all.back();
    };
    auto count = p.w.audit().total();

    ag.edit_clause(p.rel, 0, "Edited.", p.learner);
    CHECK(p.w.audit().total() > count);
    auto e = last();
    CHECK(e.actor == p.learner);
    CHECK_THAT(e.entity, Catch::StartsWith("agreement"));

    count = p.w.audit().total();
    ag.sign(p.rel, 1, p.guide);
    CHECK(p.w.audit().total() == count + 1);
    e = last();
    CHECK(e.action == "sign");
    CHECK(e.actor == p.guide);
    CHECK_THAT(e.entity, Catch::StartsWith("agreement"));

    ag.sign(p.rel, 1, p.learner);
    CHECK(last().action == "sign");
    CHECK(last().actor == p.learner);

    count = p.w.audit().total();
    ag.amend(p.rel, p.learner, "update");
    CHECK(p.w.audit().total() == count + 1);
    e = last();
    CHECK_THAT(e.action, Catch::Contains("amend"));
    CHECK(e.actor == p.learner);

    count = p.w.audit().total();
    auto m = ag.raise_misunderstanding(p.rel, p.guide, make_date(2024, 2, 1), "unclear");
    ag.resolve_misunderstanding(m, p.learner, make_date(2024, 2, 2), "clear now");
    CHECK(p.w.audit().total() == count + 2);
    CHECK(last().actor == p.learner);

    SECTION("refused actions leave no entry") {
        count = p.w.audit().total();
        REQUIRE_THROWS_AS(ag.sign(p.rel, 1, p.guide), RuleViolation);
        REQUIRE_THROWS_AS(ag.edit_clause(p.rel, 0, "x", p.outsider), PermissionDenied);
        CHECK(p.w.audit().total() == count);
    }
}
