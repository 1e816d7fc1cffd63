// Matching: the pure solver against brute force on seeded random instances, its constraints on
// large ones, the program matcher's hard constraints and explanations, and accepting matches.

#include "fixtures.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

using namespace mentorkit;
using namespace mk_test;

namespace {

struct Instance {
    std::size_t rows = 0, cols = 0;
    std::vector<std::int64_t> scores;
    std::vector<int> capacity;
    std::vector<std::int64_t> groups;
    std::int64_t at(std::size_t r, std::size_t c) const { return scores[r * cols + c]; }
};

Instance random_instance(std::mt19937& rng, std::size_t max_rows, std::size_t max_cols, int max_cap,
                         double forbidden, bool with_groups, int lo = -20, int hi = 50) {
    Instance in;
    in.rows = std::uniform_int_distribution<std::size_t>(0, max_rows)(rng);
    in.cols = std::uniform_int_distribution<std::size_t>(0, max_cols)(rng);
    std::uniform_int_distribution<int> score(lo, hi), cap(0, max_cap);
    std::bernoulli_distribution no(forbidden);
    for (std::size_t i = 0; i < in.rows * in.cols; ++i)
        in.scores.push_back(no(rng) ? kForbidden : score(rng));
    for (std::size_t j = 0; j < in.cols; ++j)
        in.capacity.push_back(cap(rng));
    if (with_groups) {
        std::uniform_int_distribution<int> group(0, static_cast<int>(in.rows / 2));
        for (std::size_t r = 0; r < in.rows; ++r)
            in.groups.push_back(group(rng));
    }
    return in;
}

// The best (assigned rows, total score) over every feasible assignment.
std::pair<int, std::int64_t> brute_force(const Instance& in) {
    std::pair<int, std::int64_t> best{0, 0};
    std::vector<int> load(in.cols, 0), col(in.rows, -1);
    auto feasible = [&](std::size_t r, std::size_t c) {
        if (in.at(r, c) == kForbidden || load[c] >= in.capacity[c])
            return false;
        if (!in.groups.empty())
            for (std::size_t q = 0; q < r; ++q)
                if (in.groups[q] == in.groups[r] && col[q] == static_cast<int>(c))
                    return false;
        return true;
    };
    auto rec = [&](auto&& self, std::size_t r, int count, std::int64_t total) -> void {
        if (r == in.rows) {
            best = std::max(best, std::make_pair(count, total));
            return;
        }
        col[r] = -1;
        self(self, r + 1, count, total);
        for (std::size_t c = 0; c < in.cols; ++c) {
            if (!feasible(r, c))
                continue;
            ++load[c];
            col[r] = static_cast<int>(c);
            self(self, r + 1, count + 1, total + in.at(r, c));
            col[r] = -1;
            --load[c];
        }
    };
    rec(rec, 0, 0, 0);
    return best;
}

// Checks every constraint of a solution and that its reported totals are its own.
void check_feasible(const Instance& in, const AssignmentResult& a) {
    REQUIRE(a.column.size() == in.rows);
    std::vector<int> load(in.cols, 0);
    std::set<std::pair<std::int64_t, int>> group_cols;
    std::int64_t total = 0;
    int assigned = 0;
    for (std::size_t r = 0; r < in.rows; ++r) {
        int c = a.column[r];
        if (c < 0)
            continue;
        REQUIRE(static_cast<std::size_t>(c) < in.cols);
        REQUIRE(in.at(r, static_cast<std::size_t>(c)) != kForbidden);
        ++load[static_cast<std::size_t>(c)];
        if (!in.groups.empty())
            REQUIRE(group_cols.insert({in.groups[r], c}).second);
        total += in.at(r, static_cast<std::size_t>(c));
        ++assigned;
    }
    for (std::size_t c = 0; c < in.cols; ++c)
        REQUIRE(load[c] <= in.capacity[c]);
    CHECK(total == a.total);
    CHECK(assigned == a.assigned);
}

AssignmentResult solve(const Instance& in) {
    return solve_assignment(in.scores, in.rows, in.cols, in.capacity, in.groups);
}

} // namespace

TEST_CASE("The solver finds the brute-force optimum on random small instances",
          "[matching][solver]") {
    int nontrivial = 0, unassigned = 0;
    for (unsigned seed = 1; seed <= 600; ++seed) {
        std::mt19937 rng(seed);
        bool groups = seed % 3 == 0;
        Instance in = random_instance(rng, 7, 4, 3, seed % 2 ? 0.3 : 0.0, groups);
        INFO("seed " << seed << ": " << in.rows << " x " << in.cols);
        AssignmentResult a = solve(in);
        check_feasible(in, a);
        auto [count, total] = brute_force(in);
        CHECK(a.assigned == count);
        CHECK(a.total == total);
        nontrivial += in.rows > 2 && in.cols > 1 ? 1 : 0;
        unassigned += a.assigned < static_cast<int>(in.rows) ? 1 : 0;
    }
    // The seeds cover real work: most instances are non-trivial and many leave rows over.
    CHECK(nontrivial > 180);
    CHECK(unassigned > 100);
}

TEST_CASE("The solver prefers more assigned rows, then the higher score", "[matching][solver]") {
    // One seat: the better row gets it, even though the weaker row comes first.
    AssignmentResult a = solve_assignment(std::vector<std::int64_t>{3, 9}, 2, 1, std::vector{1});
    CHECK(a.column == std::vector<int>{-1, 0});
    CHECK(a.total == 9);
    // Two rows, two columns: assigning both beats the single best pair.
    a = solve_assignment(std::vector<std::int64_t>{100, 1, kForbidden, -50}, 2, 2,
                         std::vector{1, 1});
    CHECK(a.column == std::vector<int>{0, 1});
    CHECK(a.total == 50);
    // A group never uses one column twice, even when the column has room.
    a = solve_assignment(std::vector<std::int64_t>{10, 1, 10, 2}, 2, 2, std::vector{2, 2},
                         std::vector<std::int64_t>{7, 7});
    CHECK(a.column == std::vector<int>{0, 1});
    CHECK(a.total == 12);
    // Nothing admissible, no columns, no rows.
    CHECK(solve_assignment(std::vector<std::int64_t>{kForbidden}, 1, 1, std::vector{1}).assigned ==
          0);
    CHECK(solve_assignment({}, 3, 0, {}).column == std::vector<int>{-1, -1, -1});
    CHECK(solve_assignment({}, 0, 2, std::vector{1, 1}).column.empty());
}

TEST_CASE("The solver refuses malformed input", "[matching][solver]") {
    std::vector<std::int64_t> s{1, 2, 3, 4};
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  solve_assignment(s, 3, 2, std::vector{1, 1}));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  solve_assignment(s, 2, 2, std::vector{1}));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  solve_assignment(s, 2, 2, std::vector{1, -1}));
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  solve_assignment(s, 2, 2, std::vector{1, 1}, std::vector<std::int64_t>{1}));
    std::vector<std::int64_t> big{kMaxScore + 1};
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument,
                  solve_assignment(big, 1, 1, std::vector{1}));
}

TEST_CASE("Large instances keep every constraint and cannot be improved locally",
          "[matching][solver][large]") {
    std::mt19937 rng(2024);
    for (int round = 0; round < 3; ++round) {
        Instance in;
        in.rows = 600;
        in.cols = 80;
        std::uniform_int_distribution<int> score(0, 1000), cap(0, 9);
        std::bernoulli_distribution no(0.15);
        for (std::size_t i = 0; i < in.rows * in.cols; ++i)
            in.scores.push_back(no(rng) ? kForbidden : score(rng));
        for (std::size_t j = 0; j < in.cols; ++j)
            in.capacity.push_back(round == 2 ? 20 : cap(rng));
        if (round == 1)
            for (std::size_t r = 0; r < in.rows; ++r)
                in.groups.push_back(static_cast<std::int64_t>(r / 3)); // boards of three
        AssignmentResult a = solve(in);
        check_feasible(in, a);
        std::vector<int> load(in.cols, 0);
        for (int c : a.column)
            if (c >= 0)
                ++load[static_cast<std::size_t>(c)];
        auto group_uses = [&](std::size_t r, int c) {
            if (in.groups.empty())
                return false;
            for (std::size_t q = 0; q < in.rows; ++q)
                if (q != r && in.groups[q] == in.groups[r] && a.column[q] == c)
                    return true;
            return false;
        };
        // Optimality certificates that must hold: no unassigned row fits a free seat, no row
        // gains by moving to a free seat, no two rows gain by swapping columns.
        for (std::size_t r = 0; r < in.rows; ++r) {
            for (std::size_t c = 0; c < in.cols; ++c) {
                if (load[c] >= in.capacity[c] || in.at(r, c) == kForbidden ||
                    group_uses(r, static_cast<int>(c)) || a.column[r] == static_cast<int>(c))
                    continue;
                if (a.column[r] < 0)
                    FAIL("row " << r << " is unassigned but column " << c << " has a seat");
                CHECK(in.at(r, c) <= in.at(r, static_cast<std::size_t>(a.column[r])));
            }
        }
        if (in.groups.empty()) {
            for (std::size_t r = 0; r < in.rows; r += 7)
                for (std::size_t q = r + 1; q < in.rows; ++q) {
                    int cr = a.column[r], cq = a.column[q];
                    if (cr < 0 || cq < 0 || cr == cq)
                        continue;
                    auto ur = static_cast<std::size_t>(cr), uq = static_cast<std::size_t>(cq);
                    if (in.at(r, uq) == kForbidden || in.at(q, ur) == kForbidden)
                        continue;
                    CHECK(in.at(r, uq) + in.at(q, ur) <= in.at(r, ur) + in.at(q, uq));
                }
        }
        if (round == 2)
            CHECK(a.assigned == 600); // 80 × 20 seats, dense enough for everybody
    }
}

// --- the program matcher ------------------------------------------------------------------------

namespace {

struct MatchWorld {
    World w;
    Programs& programs = w.store.programs();
    Matching& matching = w.store.matching();
    PersonId coordinator = w.person("Coordinator", 6);
    ProgramId program = programs.create({"Research mentoring", "", coordinator});
    MatchTerms terms{default_start(), make_date(2024, 12, 31), default_today()};

    PersonId mentor(const std::string& name, int level, std::vector<Expertise> e, int capacity,
                    std::optional<PersonId> supervisor = {}) {
        PersonId p = w.person(name, level, std::move(e), supervisor);
        programs.set_mentor(program, p, capacity, coordinator);
        return p;
    }
    PersonId mentee(const std::string& name, int level, std::vector<Expertise> e,
                    std::vector<std::string> areas, std::optional<Style> style = {},
                    bool board = false, std::optional<PersonId> supervisor = {}) {
        PersonId p = w.person(name, level, std::move(e), supervisor);
        programs.set_mentee(program, {p, std::move(areas), style, board}, coordinator);
        return p;
    }
    std::int64_t relationship_count() { return static_cast<std::int64_t>(w.rels().list().size()); }
};

const MatchProposal* proposal_for(const MatchingResult& m, PersonId mentee,
                                  const std::string& focus = {}) {
    for (const auto& p : m.proposals)
        if (p.mentee == mentee && (focus.empty() || p.focus == focus))
            return &p;
    return nullptr;
}

const UnmatchedDemand* unmatched_for(const MatchingResult& m, PersonId mentee) {
    for (const auto& u : m.unmatched)
        if (u.mentee == mentee)
            return &u;
    return nullptr;
}

} // namespace

TEST_CASE("Every proposal explains its fit term by term", "[matching][fit]") {
    MatchWorld t;
    PersonId ana = t.mentor("Ana", 4, {{"research", 5}, {"writing", 2}}, 1);
    PersonId ben =
        t.mentee("Ben", 2, {{"research", 1}}, {"research", "writing"}, Style::traditional);
    t.programs.mark_pair(t.program, ben, ana, PairMark::wanted, "asked", t.coordinator);
    MatchingResult m = t.matching.run(t.program);
    const MatchProposal* p = proposal_for(m, ben);
    REQUIRE(p);
    CHECK(p->mentor == ana);
    CHECK(p->focus == "research");
    CHECK_FALSE(p->board_seat);
    CHECK(p->style == Style::traditional);
    CHECK(p->style_preferred);
    CHECK(p->wanted);
    CHECK(p->fit.expertise == 10 * (5 + 2));
    CHECK(p->fit.margin == 5 * ((5 - 1) + (2 - 0)));
    CHECK(p->fit.style == 20);
    CHECK(p->fit.wanted == 50);
    CHECK(m.total_score == p->fit.total());
    CHECK(m.total_score == 70 + 30 + 20 + 50);
    REQUIRE(m.mentors.size() == 1);
    CHECK(m.mentors[0].proposed == 1);

    MatchOptions o;
    o.weights = {1, 0, 0, 0};
    CHECK(t.matching.run(t.program, o).total_score == 7);
    o.weights.wanted = 1001;
    REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_argument, t.matching.run(t.program, o));
    REQUIRE_ERROR(NotFound, ErrorCode::not_found, t.matching.run(ProgramId{5}));
}

TEST_CASE("Matching never crosses a supervision line or proposes what the core refuses",
          "[matching][constraints]") {
    MatchWorld t;
    // Dora supervises Carl, who supervises Eve: both lines, up the chain, in both directions.
    PersonId dora = t.mentor("Dora", 5, {{"research", 5}}, 5);
    PersonId carl = t.mentor("Carl", 4, {{"research", 5}}, 5, dora);
    PersonId eve = t.mentee("Eve", 1, {{"research", 1}}, {"research"}, {}, false, carl);
    // Gina ranks above every mentor, and Frank, the only one who knows design, is no more
    // expert than she is: reverse mentoring is refused, so nobody is admissible.
    PersonId frank = t.mentor("Frank", 1, {{"design", 2}}, 5);
    PersonId gina = t.mentee("Gina", 7, {{"design", 2}}, {"design"});
    // Hugo is junior but more expert than Ivy in data: reverse is fine.
    PersonId hugo = t.mentor("Hugo", 1, {{"data", 5}}, 5);
    PersonId ivy = t.mentee("Ivy", 3, {{"data", 1}}, {"data"}, Style::reverse);
    // Jon already mentors Kim (outside the program): never proposed again.
    PersonId jon = t.mentor("Jon", 5, {{"law", 5}}, 5);
    PersonId kim = t.mentee("Kim", 1, {}, {"law"});
    t.w.rels().propose(t.w.request(Model::mentoring, jon, kim, "law"));
    // Lea marked forbidden with the only mentor who knows music, wanted with Dora.
    PersonId lea = t.mentee("Lea", 2, {}, {"music"});
    PersonId max = t.mentor("Max", 3, {{"music", 5}}, 5);
    t.programs.mark_pair(t.program, lea, max, PairMark::forbidden, "conflict", t.coordinator);
    t.programs.mark_pair(t.program, eve, dora, PairMark::wanted, "asked", t.coordinator);
    // Dora, a mentee too, must not be matched with Carl (she supervises him).
    t.programs.set_mentee(t.program, {dora, {"research"}, {}, false}, t.coordinator);

    MatchingResult m = t.matching.run(t.program);
    for (const auto& p : m.proposals) {
        INFO("mentee " << raw(p.mentee) << " mentor " << raw(p.mentor));
        CHECK_FALSE(t.w.people().supervises(p.mentor, p.mentee));
        CHECK_FALSE(t.w.people().supervises(p.mentee, p.mentor));
        CHECK(p.mentee != p.mentor);
        CHECK(t.w.rels().derive_style(p.mentor, p.mentee, p.focus) == p.style);
    }
    const MatchProposal* e = proposal_for(m, eve);
    REQUIRE(e);
    CHECK(e->mentor != dora);
    CHECK(e->mentor != carl);
    CHECK(proposal_for(m, gina) == nullptr);
    REQUIRE(unmatched_for(m, gina));
    CHECK(unmatched_for(m, gina)->reason == UnmatchedReason::no_admissible_mentor);
    const MatchProposal* i = proposal_for(m, ivy);
    REQUIRE(i);
    CHECK(i->mentor == hugo);
    CHECK(i->style == Style::reverse);
    CHECK(i->fit.style == 20);
    const MatchProposal* k = proposal_for(m, kim);
    REQUIRE(k);
    CHECK(k->mentor != jon);
    const MatchProposal* l = proposal_for(m, lea);
    REQUIRE(l);
    CHECK(l->mentor != max);
    const MatchProposal* d = proposal_for(m, dora);
    REQUIRE(d);
    CHECK(d->mentor != carl);
    CHECK(d->mentor != dora);
    (void)frank;

    // What was proposed is what the core accepts: accepting all of it succeeds.
    auto created = t.matching.accept(t.program, m.proposals, t.terms, t.coordinator);
    CHECK(created.size() == m.proposals.size());
}

TEST_CASE("Capacity counts open relationships in the program and reasons are reported",
          "[matching][capacity]") {
    MatchWorld t;
    PersonId ana = t.mentor("Ana", 5, {{"research", 5}}, 2);
    PersonId a = t.mentee("A", 1, {}, {"research"});
    PersonId b = t.mentee("B", 1, {}, {"research"});
    PersonId c = t.mentee("C", 1, {}, {"research"});
    PersonId lonely = t.mentee("Lonely", 1, {}, {"research"});
    t.programs.mark_pair(t.program, lonely, ana, PairMark::forbidden, "no", t.coordinator);

    MatchingResult m = t.matching.run(t.program);
    CHECK(m.proposals.size() == 2);
    REQUIRE(unmatched_for(m, lonely));
    CHECK(unmatched_for(m, lonely)->reason == UnmatchedReason::no_admissible_mentor);
    CHECK(unmatched_for(m, lonely)->admissible_mentors == 0);
    int capacity_left = 0;
    for (const auto& u : m.unmatched)
        if (u.reason == UnmatchedReason::no_capacity_left) {
            ++capacity_left;
            CHECK(u.admissible_mentors == 1);
        }
    CHECK(capacity_left == 1);

    // Accept one proposal: it takes a seat; the mentee is then already matched.
    std::vector<MatchProposal> first{m.proposals.front()};
    t.matching.accept(t.program, first, t.terms, t.coordinator);
    MatchingResult again = t.matching.run(t.program);
    CHECK(again.proposals.size() == 1);
    REQUIRE(unmatched_for(again, first[0].mentee));
    CHECK(unmatched_for(again, first[0].mentee)->reason == UnmatchedReason::already_matched);
    REQUIRE(again.mentors.size() == 1);
    CHECK(again.mentors[0].open == 1);
    CHECK(again.mentors[0].proposed == 1);
    (void)a, (void)b, (void)c;
}

TEST_CASE("A mentee with a board gets one different mentor per area", "[matching][board]") {
    MatchWorld t;
    PersonId ana = t.mentor("Ana", 5, {{"research", 5}, {"writing", 5}, {"stats", 5}}, 5);
    PersonId bob = t.mentor("Bob", 5, {{"research", 3}, {"writing", 2}}, 5);
    PersonId cy = t.mentor("Cy", 5, {{"stats", 1}}, 5);
    PersonId zoe = t.mentee("Zoe", 1, {}, {"research", "writing", "stats"}, {}, true);
    MatchingResult m = t.matching.run(t.program);
    REQUIRE(m.proposals.size() == 3);
    std::set<PersonId> mentors;
    for (const auto& p : m.proposals) {
        CHECK(p.board_seat);
        mentors.insert(p.mentor);
    }
    CHECK(mentors.size() == 3);
    // Fit per area is 15 × the mentor's level (no style preference, Zoe knows nothing yet). The
    // optimum seats Bob where he is strongest and Cy where he knows anything: Ana writing (75),
    // Bob research (45), Cy stats (15) — not Ana on her first area (75 + 30 + 15).
    CHECK(m.total_score == 135);
    CHECK(proposal_for(m, zoe, "research")->mentor == bob);
    CHECK(proposal_for(m, zoe, "writing")->mentor == ana);
    CHECK(proposal_for(m, zoe, "stats")->mentor == cy);
    auto created = t.matching.accept(t.program, m.proposals, t.terms, t.coordinator);
    auto board_after = t.matching.run(t.program);
    for (const auto& u : board_after.unmatched)
        CHECK(u.reason == UnmatchedReason::already_matched);
    CHECK(board_after.proposals.empty());
    CHECK(created.size() == 3);
    (void)ana, (void)bob, (void)cy, (void)zoe;
}

TEST_CASE("Accepting creates coordinator-proposed formal relationships with template drafts",
          "[matching][accept]") {
    MatchWorld t;
    PersonId ana = t.mentor("Ana", 5, {{"research", 5}}, 3);
    PersonId ben = t.mentee("Ben", 1, {}, {"research"});
    PersonId cat = t.mentee("Cat", 2, {}, {"research"});
    MatchingResult m = t.matching.run(t.program);
    REQUIRE(m.proposals.size() == 2);
    auto created = t.matching.accept(t.program, m.proposals, t.terms, t.coordinator);
    REQUIRE(created.size() == 2);
    CHECK(t.programs.relationships(t.program) == created);
    for (std::size_t i = 0; i < created.size(); ++i) {
        Relationship r = t.w.rels().get(created[i]);
        CHECK(r.model == Model::mentoring);
        CHECK(r.formality == Formality::formal);
        CHECK(r.status == Status::proposed);
        CHECK(r.proposed_by == t.coordinator);
        CHECK_FALSE(r.guide_accepted);
        CHECK_FALSE(r.learner_accepted);
        CHECK(r.guide == ana);
        CHECK(r.learner == m.proposals[i].mentee);
        CHECK(r.start == t.terms.start);
        CHECK(r.end == t.terms.end);
        CHECK(r.focus == "research");
        AgreementVersion v = t.w.agreements().current(created[i], r.learner);
        CHECK(v.state == AgreementState::draft);
        CHECK(v.clauses == agreement_template(r).clauses);
        CHECK(t.programs.program_of(created[i]) == t.program);
    }
    // Both parties then accept through the core's usual path.
    t.w.rels().accept(created[0], ana, default_start());
    t.w.rels().accept(created[0], m.proposals[0].mentee, default_start());
    CHECK(t.w.rels().get(created[0]).status == Status::active);
    (void)ben, (void)cat;
}

TEST_CASE("A refused acceptance writes nothing", "[matching][accept][refusals]") {
    MatchWorld t;
    PersonId ana = t.mentor("Ana", 5, {{"research", 5}}, 1);
    PersonId boss = t.mentor("Boss", 6, {{"research", 5}}, 5);
    PersonId ben = t.mentee("Ben", 1, {}, {"research"}, {}, false, boss);
    PersonId cat = t.mentee("Cat", 1, {}, {"research", "writing"});
    PersonId outsider = t.w.person("Outsider", 3);
    MatchingResult m = t.matching.run(t.program);
    REQUIRE(m.proposals.size() == 2); // Ben cannot have his boss: Ben–Ana, Cat–Boss
    REQUIRE(proposal_for(m, ben));
    CHECK(proposal_for(m, ben)->mentor == ana);
    CHECK(proposal_for(m, cat)->mentor == boss);

    auto refused = [&](const std::vector<MatchProposal>& ps, PersonId by = PersonId{}) {
        std::int64_t audit = t.w.audit().total();
        std::int64_t rels = t.relationship_count();
        auto r = REQUIRE_REFUSAL(
            t.matching.accept(t.program, ps, t.terms, by == PersonId{} ? t.coordinator : by));
        CHECK(t.w.audit().total() == audit);
        CHECK(t.relationship_count() == rels);
        CHECK(t.programs.relationships(t.program).empty());
        return r;
    };
    MatchProposal ok = *proposal_for(m, ben);
    auto with = [&](PersonId mentee, PersonId mentor, std::string focus = "research") {
        MatchProposal p = ok;
        p.mentee = mentee;
        p.mentor = mentor;
        p.focus = std::move(focus);
        return p;
    };
    CHECK(refused({ok}, ana).is("PermissionDenied"));
    CHECK(refused({}).is("InvalidArgument"));
    // A good proposal first, then one across the supervision line: nothing is written.
    auto r = refused({with(cat, boss), with(ben, boss)});
    CHECK(r.code == ErrorCode::supervision_line);
    r = refused({ok, with(cat, ana)});
    CHECK(r.is("RuleViolation")); // capacity 1
    CHECK(refused({ok, with(outsider, boss)}).is("InvalidArgument"));
    CHECK(refused({ok, with(cat, outsider)}).is("InvalidArgument"));
    CHECK(refused({with(cat, boss, "cooking")}).is("InvalidArgument"));
    CHECK(refused({with(cat, boss), with(cat, boss, "writing")}).is("InvalidArgument"));
    t.programs.mark_pair(t.program, cat, boss, PairMark::forbidden, "no", t.coordinator);
    CHECK(refused({ok, with(cat, boss)}).is("RuleViolation"));
    MatchTerms backwards = t.terms;
    backwards.end = make_date(2023, 1, 1);
    {
        std::int64_t audit = t.w.audit().total();
        REQUIRE_ERROR(InvalidArgument, ErrorCode::invalid_date,
                      t.matching.accept(t.program, {ok}, backwards, t.coordinator));
        CHECK(t.w.audit().total() == audit);
    }
    // Inside a caller's transaction a refusal leaves the transaction usable.
    auto tx = t.w.store.begin();
    REQUIRE_REFUSAL(t.matching.accept(t.program, {with(ben, boss)}, t.terms, t.coordinator));
    t.matching.accept(t.program, {ok}, t.terms, t.coordinator);
    tx.commit();
    CHECK(t.programs.relationships(t.program).size() == 1);
    CHECK(to_string(UnmatchedReason::no_capacity_left) == "no_capacity_left");
}

TEST_CASE("Random programs: every proposal is admissible and accepted by the core",
          "[matching][random]") {
    for (unsigned seed = 1; seed <= 12; ++seed) {
        INFO("seed " << seed);
        MatchWorld t;
        std::mt19937 rng(seed);
        std::uniform_int_distribution<int> level(1, 5), lvl(1, 5), pick(0, 3), cap(1, 3);
        const std::vector<std::string> areas{"research", "writing", "stats", "teaching"};
        std::vector<PersonId> people;
        for (int i = 0; i < 30; ++i) {
            std::vector<Expertise> e;
            for (const auto& a : areas)
                if (pick(rng) < 2)
                    e.push_back({a, lvl(rng)});
            std::optional<PersonId> sup;
            if (!people.empty() && pick(rng) == 0)
                sup = people[std::uniform_int_distribution<std::size_t>(0, people.size() - 1)(rng)];
            people.push_back(t.w.person("P" + std::to_string(i), level(rng), e, sup));
        }
        for (int i = 0; i < 12; ++i)
            t.programs.set_mentor(t.program, people[static_cast<std::size_t>(i)], cap(rng),
                                  t.coordinator);
        for (int i = 8; i < 30; ++i) { // four people are mentor and mentee
            std::vector<std::string> want{areas[static_cast<std::size_t>(pick(rng))]};
            if (pick(rng) == 0 && want[0] != "stats")
                want.push_back("stats");
            std::optional<Style> style;
            if (int s = pick(rng); s < 3)
                style = static_cast<Style>(s);
            t.programs.set_mentee(
                t.program, {people[static_cast<std::size_t>(i)], want, style, pick(rng) == 0},
                t.coordinator);
        }
        MatchingResult m = t.matching.run(t.program);
        std::map<PersonId, int> seats;
        for (const auto& p : m.proposals) {
            CHECK_FALSE(t.w.people().supervises(p.mentor, p.mentee));
            CHECK_FALSE(t.w.people().supervises(p.mentee, p.mentor));
            ++seats[p.mentor];
        }
        for (const auto& mentor : t.programs.mentors(t.program))
            CHECK(seats[mentor.person] <= mentor.capacity);
        if (!m.proposals.empty()) {
            auto created = t.matching.accept(t.program, m.proposals, t.terms, t.coordinator);
            CHECK(created.size() == m.proposals.size());
        }
        // Running again proposes nothing for the demands just served.
        for (const auto& p : t.matching.run(t.program).proposals)
            CHECK_FALSE(proposal_for(m, p.mentee, p.focus));
    }
}
