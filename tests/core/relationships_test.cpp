// Relationships: models, formality, styles, the supervision line, duplicates, the lifecycle,
// history, conversion, boards, listing and warnings.

#include "fixtures.hpp"

#include <algorithm>

using namespace mentorkit;
using namespace mk_test;

namespace {

std::vector<EventKind> kinds(const std::vector<RelationshipEvent>& events) {
    std::vector<EventKind> out;
    for (const auto& e : events)
        out.push_back(e.kind);
    return out;
}

} // namespace

TEST_CASE("Each model has its defaults", "[relationships][models]") {
    CHECK(defaults_of(Model::mentoring).guide_role == "mentor");
    CHECK(defaults_of(Model::mentoring).learner_role == "mentee");
    CHECK(defaults_of(Model::coaching).guide_role == "coach");
    CHECK(defaults_of(Model::coaching).learner_role == "coachee");
    CHECK(defaults_of(Model::supervision).guide_role == "supervisor");
    CHECK(defaults_of(Model::supervision).learner_role == "supervisee");
    for (auto m : {Model::mentoring, Model::coaching, Model::supervision}) {
        INFO(to_string(m));
        CHECK(defaults_of(m).default_cadence_days > 0);
        CHECK_FALSE(defaults_of(m).driver.empty());
    }
    CHECK(defaults_of(Model::mentoring).agenda_owner == "learner");
    CHECK(defaults_of(Model::coaching).agenda_owner == "both");
    CHECK(defaults_of(Model::supervision).agenda_owner == "guide");
    CHECK(defaults_of(Model::coaching).driver == "performance");
    CHECK(defaults_of(Model::mentoring).driver == "development");
    CHECK(to_string(Model::coaching) == "coaching");
    CHECK(to_string(Formality::flash) == "flash");
    CHECK(to_string(Style::reverse) == "reverse");
    CHECK(to_string(Status::withdrawn) == "withdrawn");
}

TEST_CASE("All three models can be proposed", "[relationships][models]") {
    Trio t;
    auto& rels = t.w.rels();

    SECTION("mentoring") {
        auto id = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior));
        auto r = rels.get(id);
        CHECK(r.id == id);
        CHECK(r.model == Model::mentoring);
        CHECK(r.guide == t.senior);
        CHECK(r.learner == t.junior);
        CHECK(r.focus == "research");
        CHECK(r.formality == Formality::informal);
        CHECK(r.status == Status::proposed);
        CHECK(r.start == default_start());
        CHECK_FALSE(r.end.has_value());
        CHECK(r.proposed_by == t.senior);
        CHECK(r.proposed_on == default_today());
        CHECK(r.guide_accepted);
        CHECK_FALSE(r.learner_accepted);
        CHECK(r.style == Style::traditional);
        CHECK_FALSE(r.supervision_justification.has_value());
        CHECK_FALSE(r.ended_on.has_value());
        CHECK(r.is_open());
        CHECK(r.is_party(t.senior));
        CHECK(r.is_party(t.junior));
        CHECK_FALSE(r.is_party(t.coordinator));
        CHECK(r.created_at == t.w.clock.now());
    }
    SECTION("coaching has no style") {
        auto id = rels.propose(t.w.request(Model::coaching, t.senior, t.junior, "presenting"));
        auto r = rels.get(id);
        CHECK(r.model == Model::coaching);
        CHECK_FALSE(r.style.has_value());
    }
    SECTION("supervision has no style") {
        auto id = rels.propose(t.w.request(Model::supervision, t.senior, t.junior, "lab work"));
        auto r = rels.get(id);
        CHECK(r.model == Model::supervision);
        CHECK_FALSE(r.style.has_value());
    }
    SECTION("formal with an end date") {
        auto req = t.w.request(Model::mentoring, t.senior, t.junior);
        req.formality = Formality::formal;
        req.end = make_date(2024, 12, 31);
        auto r = rels.get(rels.propose(req));
        CHECK(r.formality == Formality::formal);
        CHECK(r.end == make_date(2024, 12, 31));
    }
    SECTION("proposed_on defaults to the earlier of today and the start") {
        auto req = t.w.request(Model::mentoring, t.senior, t.junior);
        req.proposed_on.reset();
        CHECK(rels.get(rels.propose(req)).proposed_on == default_today());
        auto req2 = t.w.request(Model::mentoring, t.senior, t.junior, "writing");
        req2.proposed_on.reset();
        req2.start = make_date(2023, 12, 1);
        CHECK(rels.get(rels.propose(req2)).proposed_on == make_date(2023, 12, 1));
    }
    SECTION("the focus is trimmed") {
        auto id = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "  writing  "));
        CHECK(rels.get(id).focus == "writing");
    }
    SECTION("unknown relationship ids are NotFound") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, rels.get(RelationshipId{999}));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, rels.history(RelationshipId{999}));
        REQUIRE_ERROR(NotFound, ErrorCode::not_found,
                      rels.accept(RelationshipId{999}, t.junior, default_start()));
    }
}

TEST_CASE("Malformed proposals are refused", "[relationships][validation]") {
    Trio t;
    auto& rels = t.w.rels();
    auto req = t.w.request(Model::mentoring, t.senior, t.junior);
    auto same_level = t.w.person("Same level", 3);
    auto audit_before = t.w.audit().total();

    SECTION("the same person on both sides") {
        req.learner = t.senior;
        REQUIRE_THROWS_AS(rels.propose(req), InvalidArgument);
    }
    SECTION("unknown people") {
        req.learner = PersonId{4242};
        // The header lists unknown people among the InvalidArgument refusals; NotFound is the
        // other reasonable reading. Either is a typed refusal.
        bool typed = false;
        try {
            rels.propose(req);
        } catch (const NotFound&) {
            typed = true;
        } catch (const InvalidArgument&) {
            typed = true;
        }
        CHECK(typed);
        req.learner = t.junior;
        req.proposed_by = PersonId{4243};
        typed = false;
        try {
            rels.propose(req);
        } catch (const NotFound&) {
            typed = true;
        } catch (const InvalidArgument&) {
            typed = true;
        }
        CHECK(typed);
    }
    SECTION("an empty focus") {
        req.focus = "   ";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, rels.propose(req));
        req.focus = "";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, rels.propose(req));
    }
    SECTION("formal without an end date") {
        req.formality = Formality::formal;
        REQUIRE_THROWS_AS(rels.propose(req), InvalidArgument);
    }
    SECTION("end before start") {
        req.end = make_date(2024, 1, 1);
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date, rels.propose(req));
        req.formality = Formality::formal;
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date, rels.propose(req));
    }
    SECTION("a declared style on coaching or supervision") {
        auto c = t.w.request(Model::coaching, t.senior, t.junior, "presenting");
        c.declared_style = Style::traditional;
        REQUIRE_THROWS_AS(rels.propose(c), InvalidArgument);
        auto s = t.w.request(Model::supervision, t.senior, t.junior, "lab work");
        s.declared_style = Style::traditional;
        REQUIRE_THROWS_AS(rels.propose(s), InvalidArgument);
    }
    SECTION("supervision where the guide is not more senior") {
        REQUIRE_THROWS_AS(rels.propose(t.w.request(Model::supervision, t.junior, t.senior, "x")),
                          RuleViolation);
        REQUIRE_THROWS_AS(rels.propose(t.w.request(Model::supervision, same_level, t.senior, "x")),
                          RuleViolation);
    }
    CHECK(rels.list().empty());
    CHECK(t.w.audit().total() == audit_before);
}

TEST_CASE("The mentoring style is derived from the hierarchy", "[relationships][style]") {
    World w;
    auto& rels = w.rels();
    auto senior = w.person("Senior", 4, {{"research", 2}});
    auto peer_a = w.person("Peer A", 2, {{"research", 3}});
    auto peer_b = w.person("Peer B", 2);
    auto junior_expert = w.person("Junior expert", 1, {{"Social Media", 5}, {"research", 2}});
    auto senior_novice = w.person("Senior novice", 4, {{"social media", 1}});

    SECTION("traditional: the mentor is more senior") {
        auto id = rels.propose(w.request(Model::mentoring, senior, peer_a));
        CHECK(rels.get(id).style == Style::traditional);
        CHECK(rels.derive_style(senior, peer_a, "research") == Style::traditional);
    }
    SECTION("peer: the same level") {
        auto id = rels.propose(w.request(Model::mentoring, peer_a, peer_b));
        CHECK(rels.get(id).style == Style::peer);
        CHECK(rels.derive_style(peer_b, peer_a, "anything") == Style::peer);
    }
    SECTION("reverse: more junior but more expert in the focus (case-insensitive)") {
        auto id =
            rels.propose(w.request(Model::mentoring, junior_expert, senior_novice, "social media"));
        CHECK(rels.get(id).style == Style::reverse);
        CHECK(rels.derive_style(junior_expert, senior_novice, "SOCIAL MEDIA") == Style::reverse);
        // Also when the mentee lists no expertise in the area at all.
        CHECK(rels.derive_style(junior_expert, peer_b, "social media") == Style::reverse);
    }
    SECTION("reverse without more expertise is refused") {
        // Equal expertise.
        REQUIRE_ERROR(RuleViolation, ErrorCode::reverse_without_expertise,
                      rels.propose(w.request(Model::mentoring, junior_expert, senior)));
        // Less expertise.
        REQUIRE_ERROR(
            RuleViolation, ErrorCode::reverse_without_expertise,
            rels.propose(w.request(Model::mentoring, peer_a, senior_novice, "social media")));
        // No expertise at all in the focus.
        REQUIRE_ERROR(RuleViolation, ErrorCode::reverse_without_expertise,
                      rels.propose(w.request(Model::mentoring, peer_b, senior, "research")));
        REQUIRE_ERROR(RuleViolation, ErrorCode::reverse_without_expertise,
                      rels.derive_style(junior_expert, senior, "research"));
        CHECK(rels.list().empty());
    }
    SECTION("a declared style that matches is accepted") {
        auto r = w.request(Model::mentoring, senior, peer_a);
        r.declared_style = Style::traditional;
        CHECK(rels.get(rels.propose(r)).style == Style::traditional);
        auto p = w.request(Model::mentoring, peer_a, peer_b);
        p.declared_style = Style::peer;
        CHECK(rels.get(rels.propose(p)).style == Style::peer);
        auto rv = w.request(Model::mentoring, junior_expert, senior_novice, "social media");
        rv.declared_style = Style::reverse;
        CHECK(rels.get(rels.propose(rv)).style == Style::reverse);
    }
    SECTION("a declared style that contradicts the levels is refused") {
        auto r = w.request(Model::mentoring, senior, peer_a);
        r.declared_style = Style::peer;
        REQUIRE_ERROR(RuleViolation, ErrorCode::style_contradiction, rels.propose(r));
        r.declared_style = Style::reverse;
        REQUIRE_ERROR(RuleViolation, ErrorCode::style_contradiction, rels.propose(r));
        auto p = w.request(Model::mentoring, peer_a, peer_b);
        p.declared_style = Style::traditional;
        REQUIRE_ERROR(RuleViolation, ErrorCode::style_contradiction, rels.propose(p));
        auto rv = w.request(Model::mentoring, junior_expert, senior_novice, "social media");
        rv.declared_style = Style::traditional;
        REQUIRE_ERROR(RuleViolation, ErrorCode::style_contradiction, rels.propose(rv));
        CHECK(rels.list().empty());
    }
    SECTION("a later level change does not rewrite the style") {
        auto id = rels.propose(w.request(Model::mentoring, senior, peer_a));
        w.people().set_level(peer_a, 4);
        CHECK(rels.get(id).style == Style::traditional);
    }
}

TEST_CASE("No mentoring or coaching across a supervision line",
          "[relationships][supervision_line]") {
    World w;
    auto& rels = w.rels();
    // A supervises B supervises C; everyone at the same level so only the line matters.
    auto a = w.person("A", 2, {{"research", 3}});
    auto b = w.person("B", 2, {{"research", 3}}, a);
    auto c = w.person("C", 2, {{"research", 3}}, b);
    auto outsider = w.person("Outsider", 2, {{"research", 3}});

    SECTION("direct") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line,
                      rels.propose(w.request(Model::mentoring, a, b)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line,
                      rels.propose(w.request(Model::coaching, b, c, "presenting")));
    }
    SECTION("up the chain") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line,
                      rels.propose(w.request(Model::mentoring, a, c)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line,
                      rels.propose(w.request(Model::coaching, a, c, "presenting")));
    }
    SECTION("the other direction: the learner supervises the guide") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line,
                      rels.propose(w.request(Model::mentoring, c, a)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line,
                      rels.propose(w.request(Model::coaching, b, a, "presenting")));
    }
    SECTION("refused whoever proposes it") {
        auto req = w.request(Model::mentoring, a, c);
        req.proposed_by = outsider;
        REQUIRE_ERROR(RuleViolation, ErrorCode::supervision_line, rels.propose(req));
        CHECK(rels.list().empty());
    }
    SECTION("outside the line it is fine") {
        auto id = rels.propose(w.request(Model::mentoring, outsider, c));
        CHECK(rels.get(id).style == Style::peer);
        CHECK_FALSE(w.has_warning(id, WarningCode::crosses_supervision_line));
    }
    SECTION("supervision along the line is what the line is for") {
        w.people().set_level(a, 5);
        auto id = rels.propose(w.request(Model::supervision, a, c, "lab work"));
        CHECK(rels.get(id).model == Model::supervision);
    }
    SECTION("allowed with a justification, which is stored and shown as a warning") {
        auto req = w.request(Model::mentoring, a, c);
        req.supervision_justification = "Only research mentor available; approved by HR";
        auto id = rels.propose(req);
        auto r = rels.get(id);
        REQUIRE(r.supervision_justification.has_value());
        CHECK(*r.supervision_justification == "Only research mentor available; approved by HR");
        CHECK(w.has_warning(id, WarningCode::crosses_supervision_line));
        auto creq = w.request(Model::coaching, c, a, "presenting");
        creq.supervision_justification = "Reverse coaching pilot";
        auto cid = rels.propose(creq);
        CHECK(w.has_warning(cid, WarningCode::crosses_supervision_line));
    }
    SECTION("an empty or blank justification is no justification") {
        auto req = w.request(Model::mentoring, a, c);
        req.supervision_justification = "";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, rels.propose(req));
        req.supervision_justification = " \t ";
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text, rels.propose(req));
        CHECK(rels.list().empty());
    }
}

TEST_CASE("A second open relationship of the same pair, model and focus is refused",
          "[relationships][duplicate]") {
    Trio t;
    auto& rels = t.w.rels();
    auto first = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "Research"));

    SECTION("same focus, compared case-insensitively") {
        REQUIRE_ERROR(RuleViolation, ErrorCode::duplicate_relationship,
                      rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "Research")));
        REQUIRE_ERROR(RuleViolation, ErrorCode::duplicate_relationship,
                      rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "research")));
        REQUIRE_ERROR(
            RuleViolation, ErrorCode::duplicate_relationship,
            rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, " RESEARCH ")));
        CHECK(rels.list().size() == 1);
    }
    SECTION("also while the first one is active or paused") {
        rels.accept(first, t.junior, default_start());
        REQUIRE_ERROR(RuleViolation, ErrorCode::duplicate_relationship,
                      rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "research")));
        rels.pause(first, t.junior, default_start(), "busy");
        REQUIRE_ERROR(RuleViolation, ErrorCode::duplicate_relationship,
                      rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "research")));
    }
    SECTION("allowed again once the first has ended") {
        rels.withdraw(first, t.junior, default_today(), "changed my mind");
        auto second = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "research"));
        CHECK(second != first);
        CHECK(rels.get(second).status == Status::proposed);
    }
    SECTION("allowed after a decline") {
        rels.decline(first, t.junior, default_today(), "not now");
        CHECK_NOTHROW(rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "research")));
    }
    SECTION("allowed with a different focus or model") {
        CHECK_NOTHROW(rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "writing")));
        CHECK_NOTHROW(rels.propose(t.w.request(Model::coaching, t.senior, t.junior, "research")));
        CHECK(rels.list().size() == 3);
    }
}

TEST_CASE("Proposals become active when both parties accepted", "[relationships][lifecycle]") {
    Trio t;
    auto& rels = t.w.rels();

    SECTION("proposed by the guide, accepted by the learner") {
        auto id = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.accept(id, t.senior, default_start()));
        rels.accept(id, t.junior, default_start());
        auto r = rels.get(id);
        CHECK(r.status == Status::active);
        CHECK(r.guide_accepted);
        CHECK(r.learner_accepted);
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.accept(id, t.junior, default_start()));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.accept(id, t.senior, default_start()));
    }
    SECTION("proposed by the learner, accepted by the guide") {
        auto req = t.w.request(Model::mentoring, t.senior, t.junior);
        req.proposed_by = t.junior;
        auto id = rels.propose(req);
        auto r = rels.get(id);
        CHECK(r.learner_accepted);
        CHECK_FALSE(r.guide_accepted);
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.accept(id, t.junior, default_start()));
        rels.accept(id, t.senior, default_start());
        CHECK(rels.get(id).status == Status::active);
    }
    SECTION("proposed by a coordinator: both must accept") {
        auto req = t.w.request(Model::mentoring, t.senior, t.junior);
        req.proposed_by = t.coordinator;
        auto id = rels.propose(req);
        auto r = rels.get(id);
        CHECK(r.proposed_by == t.coordinator);
        CHECK_FALSE(r.guide_accepted);
        CHECK_FALSE(r.learner_accepted);
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      rels.accept(id, t.coordinator, default_start()));
        rels.accept(id, t.junior, default_start());
        CHECK(rels.get(id).status == Status::proposed);
        CHECK(rels.get(id).learner_accepted);
        rels.accept(id, t.senior, default_start());
        CHECK(rels.get(id).status == Status::active);
        auto h = rels.history(id);
        CHECK(kinds(h) == std::vector<EventKind>{EventKind::proposed, EventKind::accepted,
                                                 EventKind::accepted});
        CHECK(h[0].actor == t.coordinator);
    }
    SECTION("declined proposals are final") {
        auto id = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior));
        rels.decline(id, t.junior, default_start(), "no time this year");
        auto r = rels.get(id);
        CHECK(r.status == Status::declined);
        CHECK_FALSE(r.is_open());
        CHECK(r.ended_by == t.junior);
        CHECK(r.ended_on == default_start());
        CHECK(r.end_reason == std::optional<std::string>("no time this year"));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.accept(id, t.junior, default_start()));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.decline(id, t.junior, default_start()));
    }
    SECTION("a decline needs no reason, but only a party may decline") {
        auto id = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      rels.decline(id, t.coordinator, default_start()));
        rels.decline(id, t.junior, default_start());
        CHECK(rels.get(id).status == Status::declined);
    }
    SECTION("an active relationship cannot be declined") {
        auto id = t.w.active(Model::mentoring, t.senior, t.junior);
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.decline(id, t.junior, default_start()));
    }
}

TEST_CASE("Pause, resume, complete and withdraw", "[relationships][lifecycle]") {
    Trio t;
    auto& rels = t.w.rels();
    auto id = t.w.active(Model::mentoring, t.senior, t.junior);
    auto d = [](unsigned m, unsigned day) {
        return make_date(2024, m, day);
    };

    SECTION("pause and resume") {
        rels.pause(id, t.senior, d(2, 1), "sabbatical");
        CHECK(rels.get(id).status == Status::paused);
        CHECK(rels.get(id).is_open());
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.pause(id, t.senior, d(2, 2), "again"));
        rels.resume(id, t.junior, d(3, 1));
        CHECK(rels.get(id).status == Status::active);
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.resume(id, t.junior, d(3, 2)));
    }
    SECTION("a proposal can be neither paused nor resumed nor completed") {
        auto p = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "writing"));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.pause(p, t.senior, d(2, 1), "x"));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.resume(p, t.senior, d(2, 1)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.complete(p, t.senior, d(2, 1), "done"));
    }
    SECTION("complete requires a reason") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      rels.complete(id, t.senior, d(6, 1), ""));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      rels.complete(id, t.senior, d(6, 1), "   "));
        CHECK(rels.get(id).status == Status::active);
        rels.complete(id, t.senior, d(6, 1), "goals reached");
        auto r = rels.get(id);
        CHECK(r.status == Status::completed);
        CHECK(r.ended_on == d(6, 1));
        CHECK(r.ended_by == t.senior);
        CHECK(r.end_reason == std::optional<std::string>("goals reached"));
    }
    SECTION("complete from paused") {
        rels.pause(id, t.junior, d(2, 1), "exams");
        rels.complete(id, t.junior, d(3, 1), "enough for now");
        CHECK(rels.get(id).status == Status::completed);
    }
    SECTION("the learner can always withdraw: from active") {
        rels.withdraw(id, t.junior, d(2, 1), "not a fit");
        auto r = rels.get(id);
        CHECK(r.status == Status::withdrawn);
        CHECK(r.ended_by == t.junior);
        CHECK(r.end_reason == std::optional<std::string>("not a fit"));
    }
    SECTION("the learner can always withdraw: from paused") {
        rels.pause(id, t.senior, d(2, 1), "travel");
        rels.withdraw(id, t.junior, d(2, 5), "moved on");
        CHECK(rels.get(id).status == Status::withdrawn);
    }
    SECTION("the learner can always withdraw: from proposed") {
        auto p = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "writing"));
        rels.withdraw(p, t.junior, default_today(), "found another mentor");
        CHECK(rels.get(p).status == Status::withdrawn);
    }
    SECTION("the guide may withdraw too") {
        rels.withdraw(id, t.senior, d(2, 1), "leaving the company");
        CHECK(rels.get(id).status == Status::withdrawn);
        CHECK(rels.get(id).ended_by == t.senior);
    }
    SECTION("withdraw requires a reason") {
        REQUIRE_ERROR(InvalidArgument, ErrorCode::empty_text,
                      rels.withdraw(id, t.junior, d(2, 1), ""));
        CHECK(rels.get(id).status == Status::active);
    }
    SECTION("a non-party can do nothing") {
        auto c = t.coordinator;
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, rels.pause(id, c, d(2, 1), "x"));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, rels.complete(id, c, d(2, 1), "x"));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, rels.withdraw(id, c, d(2, 1), "x"));
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party,
                      rels.convert(id, c, d(2, 1), Formality::informal, std::nullopt));
        rels.pause(id, t.junior, d(2, 1), "x");
        REQUIRE_ERROR(PermissionDenied, ErrorCode::not_a_party, rels.resume(id, c, d(2, 2)));
        CHECK(rels.get(id).status == Status::paused);
    }
    SECTION("an ended relationship accepts no further action") {
        rels.complete(id, t.senior, d(6, 1), "done");
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.pause(id, t.senior, d(6, 2), "x"));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.resume(id, t.senior, d(6, 2)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.complete(id, t.senior, d(6, 2), "again"));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.withdraw(id, t.junior, d(6, 2), "too late"));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.accept(id, t.junior, d(6, 2)));
        REQUIRE_ERROR(RuleViolation, ErrorCode::invalid_transition,
                      rels.convert(id, t.senior, d(6, 2), Formality::informal, std::nullopt));
        CHECK(rels.get(id).status == Status::completed);
        CHECK(rels.get(id).ended_on == d(6, 1));
    }
    SECTION("event dates may not go back in time") {
        rels.pause(id, t.junior, d(3, 1), "exams");
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      rels.resume(id, t.junior, d(2, 28)));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      rels.withdraw(id, t.junior, d(1, 20), "x"));
        rels.resume(id, t.junior, d(3, 1)); // the same day is fine
        CHECK(rels.get(id).status == Status::active);
    }
    SECTION("acceptance may not precede the proposal") {
        auto p = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior, "writing"));
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      rels.accept(p, t.junior, make_date(2024, 1, 5)));
        CHECK(rels.get(p).status == Status::proposed);
    }
}

TEST_CASE("History lists every lifecycle event and ended relationships stay readable",
          "[relationships][history]") {
    TempDir dir;
    auto file = dir.file("history.mentorkit");
    PersonId guide{}, learner{};
    RelationshipId id{};
    {
        World w(Store::open(file));
        guide = w.person("Guide", 3);
        learner = w.person("Learner", 1);
        id = w.rels().propose(w.request(Model::mentoring, guide, learner));
        w.rels().accept(id, learner, make_date(2024, 1, 15));
        w.rels().pause(id, guide, make_date(2024, 3, 1), "parental leave");
        w.rels().resume(id, guide, make_date(2024, 6, 1));
        w.rels().complete(id, learner, make_date(2024, 12, 1), "ready to fly");
    }
    World w(Store::open(file));
    auto h = w.rels().history(id);
    REQUIRE(kinds(h) == std::vector<EventKind>{EventKind::proposed, EventKind::accepted,
                                               EventKind::paused, EventKind::resumed,
                                               EventKind::completed});
    CHECK(h[0].actor == guide);
    CHECK(h[0].on == default_today());
    CHECK(h[1].actor == learner);
    CHECK(h[1].on == make_date(2024, 1, 15));
    CHECK(h[2].actor == guide);
    CHECK(h[2].on == make_date(2024, 3, 1));
    CHECK(h[2].reason == std::optional<std::string>("parental leave"));
    CHECK(h[3].on == make_date(2024, 6, 1));
    CHECK(h[4].actor == learner);
    CHECK(h[4].on == make_date(2024, 12, 1));
    CHECK(h[4].reason == std::optional<std::string>("ready to fly"));
    for (std::size_t i = 1; i < h.size(); ++i)
        CHECK(h[i - 1].on <= h[i].on);

    auto r = w.rels().get(id);
    CHECK(r.status == Status::completed);
    CHECK(r.end_reason == std::optional<std::string>("ready to fly"));
    CHECK(w.rels().list().size() == 1);
    RelationshipFilter f;
    f.status = Status::completed;
    CHECK(w.rels().list(f).size() == 1);
}

TEST_CASE("Flash relationships can be converted", "[relationships][formality]") {
    Trio t;
    auto& rels = t.w.rels();
    auto req = t.w.request(Model::mentoring, t.senior, t.junior);
    req.formality = Formality::flash;
    auto id = t.w.active(req);

    SECTION("flash to informal") {
        rels.convert(id, t.junior, make_date(2024, 2, 1), Formality::informal, std::nullopt);
        auto r = rels.get(id);
        CHECK(r.formality == Formality::informal);
        CHECK(r.status == Status::active);
        auto h = rels.history(id);
        REQUIRE_FALSE(h.empty());
        CHECK(h.back().kind == EventKind::converted);
        CHECK(h.back().actor == t.junior);
        CHECK(h.back().on == make_date(2024, 2, 1));
    }
    SECTION("flash to formal requires an end") {
        REQUIRE_THROWS_AS(
            rels.convert(id, t.senior, make_date(2024, 2, 1), Formality::formal, std::nullopt),
            InvalidArgument);
        CHECK(rels.get(id).formality == Formality::flash);
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      rels.convert(id, t.senior, make_date(2024, 2, 1), Formality::formal,
                                   make_date(2023, 6, 1)));
        rels.convert(id, t.senior, make_date(2024, 2, 1), Formality::formal,
                     make_date(2024, 12, 31));
        auto r = rels.get(id);
        CHECK(r.formality == Formality::formal);
        CHECK(r.end == make_date(2024, 12, 31));
    }
    SECTION("converting a proposal is possible too") {
        auto preq = t.w.request(Model::mentoring, t.senior, t.junior, "writing");
        preq.formality = Formality::flash;
        auto p = rels.propose(preq);
        rels.convert(p, t.senior, default_today(), Formality::informal, std::nullopt);
        CHECK(rels.get(p).formality == Formality::informal);
        CHECK(rels.get(p).status == Status::proposed);
    }
}

TEST_CASE("A learner's board lists every active mentoring and coaching guide",
          "[relationships][board]") {
    World w;
    auto learner = w.person("Learner", 1);
    auto m1 = w.person("Research mentor", 3);
    auto m2 = w.person("Writing mentor", 3);
    auto m3 = w.person("Teaching mentor", 2);
    auto coach = w.person("Coach", 4);
    auto pending = w.person("Pending mentor", 3);
    auto former = w.person("Former mentor", 3);
    auto boss = w.person("Boss", 5);

    auto r1 = w.active(Model::mentoring, m1, learner, "research");
    auto r2 = w.active(Model::mentoring, m2, learner, "writing");
    auto r3 = w.active(Model::mentoring, m3, learner, "teaching");

    SECTION("mentor by committee: three mentors for three areas") {
        auto board = w.rels().board(learner);
        REQUIRE(board.size() == 3);
        std::vector<std::pair<PersonId, std::string>> seats;
        for (const auto& s : board) {
            seats.emplace_back(s.guide, s.focus);
            CHECK(s.model == Model::mentoring);
            CHECK(s.style == Style::traditional);
        }
        std::sort(seats.begin(), seats.end());
        std::vector<std::pair<PersonId, std::string>> expected = {
            {m1, "research"}, {m2, "writing"}, {m3, "teaching"}};
        std::sort(expected.begin(), expected.end());
        CHECK(seats == expected);
        std::vector<RelationshipId> ids;
        for (const auto& s : board)
            ids.push_back(s.relationship);
        std::sort(ids.begin(), ids.end());
        CHECK(ids == std::vector<RelationshipId>{r1, r2, r3});
    }
    SECTION("coaching counts; proposals, ended ones and supervision do not") {
        w.active(Model::coaching, coach, learner, "presenting");
        w.rels().propose(w.request(Model::mentoring, pending, learner, "statistics"));
        auto ended = w.active(Model::mentoring, former, learner, "history");
        w.rels().withdraw(ended, learner, make_date(2024, 2, 1), "done");
        w.active(Model::supervision, boss, learner, "lab work");
        auto board = w.rels().board(learner);
        REQUIRE(board.size() == 4);
        int coaching = 0;
        for (const auto& s : board) {
            CHECK(s.guide != pending);
            CHECK(s.guide != former);
            CHECK(s.guide != boss);
            CHECK(s.model != Model::supervision);
            if (s.model == Model::coaching) {
                ++coaching;
                CHECK(s.guide == coach);
                CHECK(s.focus == "presenting");
                CHECK_FALSE(s.style.has_value());
            }
        }
        CHECK(coaching == 1);
    }
    SECTION("a guide's own board is separate") {
        CHECK(w.rels().board(m1).empty());
        CHECK(w.rels().board(boss).empty());
    }
}

TEST_CASE("Relationships can be listed with filters", "[relationships][list]") {
    World w;
    auto a = w.person("A", 3);
    auto b = w.person("B", 1);
    auto c = w.person("C", 1);
    auto d = w.person("D", 5);
    auto r1 = w.active(Model::mentoring, a, b, "research");
    auto r2 = w.rels().propose(w.request(Model::coaching, a, c, "presenting"));
    auto r3 = w.active(Model::supervision, d, c, "lab work");
    auto r4 = w.active(Model::mentoring, a, c, "writing");
    w.rels().complete(r4, c, make_date(2024, 5, 1), "done");

    auto ids = [](const std::vector<Relationship>& rs) {
        std::vector<RelationshipId> out;
        for (const auto& r : rs)
            out.push_back(r.id);
        return out;
    };
    CHECK(ids(w.rels().list()) == std::vector<RelationshipId>{r1, r2, r3, r4});

    RelationshipFilter by_person;
    by_person.person = c;
    CHECK(ids(w.rels().list(by_person)) == std::vector<RelationshipId>{r2, r3, r4});
    by_person.person = d;
    CHECK(ids(w.rels().list(by_person)) == std::vector<RelationshipId>{r3});

    RelationshipFilter by_status;
    by_status.status = Status::active;
    CHECK(ids(w.rels().list(by_status)) == std::vector<RelationshipId>{r1, r3});

    RelationshipFilter by_model;
    by_model.model = Model::mentoring;
    CHECK(ids(w.rels().list(by_model)) == std::vector<RelationshipId>{r1, r4});

    RelationshipFilter open;
    open.open_only = true;
    CHECK(ids(w.rels().list(open)) == std::vector<RelationshipId>{r1, r2, r3});

    RelationshipFilter combined;
    combined.person = a;
    combined.model = Model::mentoring;
    combined.open_only = true;
    CHECK(ids(w.rels().list(combined)) == std::vector<RelationshipId>{r1});
}

TEST_CASE("Warnings are data the caller can read", "[relationships][warnings]") {
    Trio t;
    auto& rels = t.w.rels();

    SECTION("coaching without a measurable goal") {
        auto c = t.w.active(Model::coaching, t.senior, t.junior, "presenting");
        CHECK(t.w.has_warning(c, WarningCode::coaching_without_measurable_goal));
        auto m = t.w.active(Model::mentoring, t.senior, t.junior, "research");
        CHECK_FALSE(t.w.has_warning(m, WarningCode::coaching_without_measurable_goal));
        for (const auto& warning : rels.warnings(c))
            CHECK_FALSE(warning.message.empty());
    }
    SECTION("coaching planned past 12 months, or open-ended") {
        auto req = t.w.request(Model::coaching, t.senior, t.junior, "presenting");
        req.formality = Formality::formal;
        req.end = make_date(2025, 3, 1);
        auto too_long = rels.propose(req);
        CHECK(t.w.has_warning(too_long, WarningCode::coaching_too_long));

        req.focus = "negotiation";
        req.end = make_date(2024, 7, 15);
        auto fine = rels.propose(req);
        CHECK_FALSE(t.w.has_warning(fine, WarningCode::coaching_too_long));

        auto open_ended = rels.propose(t.w.request(Model::coaching, t.senior, t.junior, "sales"));
        CHECK(t.w.has_warning(open_ended, WarningCode::coaching_too_long));

        auto mentoring = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior));
        CHECK_FALSE(t.w.has_warning(mentoring, WarningCode::coaching_too_long));
    }
    SECTION("past the planned end") {
        auto req = t.w.request(Model::mentoring, t.senior, t.junior);
        req.formality = Formality::formal;
        req.end = make_date(2024, 6, 30);
        auto id = t.w.active(req);
        CHECK_FALSE(t.w.has_warning(id, WarningCode::past_planned_end));
        t.w.clock.set_today(make_date(2024, 6, 15));
        CHECK_FALSE(t.w.has_warning(id, WarningCode::past_planned_end));
        t.w.clock.set_today(make_date(2024, 7, 15));
        CHECK(t.w.has_warning(id, WarningCode::past_planned_end));
        rels.complete(id, t.junior, make_date(2024, 7, 15), "finished late");
        CHECK_FALSE(t.w.has_warning(id, WarningCode::past_planned_end));
    }
    SECTION("a flash relationship open for more than 90 days") {
        auto req = t.w.request(Model::mentoring, t.senior, t.junior);
        req.formality = Formality::flash;
        auto id = t.w.active(req);
        t.w.clock.set_today(make_date(2024, 2, 15));
        CHECK_FALSE(t.w.has_warning(id, WarningCode::flash_too_long));
        t.w.clock.set_today(make_date(2024, 5, 15));
        CHECK(t.w.has_warning(id, WarningCode::flash_too_long));
        rels.convert(id, t.junior, make_date(2024, 5, 15), Formality::informal, std::nullopt);
        CHECK_FALSE(t.w.has_warning(id, WarningCode::flash_too_long));
    }
    SECTION("an active relationship without an agreement in force") {
        auto id = rels.propose(t.w.request(Model::mentoring, t.senior, t.junior));
        CHECK_FALSE(t.w.has_warning(id, WarningCode::agreement_not_in_force));
        rels.accept(id, t.junior, default_start());
        CHECK(t.w.has_warning(id, WarningCode::agreement_not_in_force));
        t.w.agreements().sign(id, 1, t.senior);
        CHECK(t.w.has_warning(id, WarningCode::agreement_not_in_force));
        t.w.agreements().sign(id, 1, t.junior);
        CHECK_FALSE(t.w.has_warning(id, WarningCode::agreement_not_in_force));
    }
    SECTION("a healthy relationship has no warnings") {
        auto id = t.w.active(Model::mentoring, t.senior, t.junior);
        t.w.agreements().sign(id, 1, t.senior);
        t.w.agreements().sign(id, 1, t.junior);
        CHECK(t.w.warning_codes(id).empty());
    }
    SECTION("warnings of an unknown relationship") {
        REQUIRE_ERROR(NotFound, ErrorCode::not_found, rels.warnings(RelationshipId{999}));
    }
}
