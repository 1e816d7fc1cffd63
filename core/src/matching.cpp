#include "mentorkit/matching.hpp"

#include "enums.hpp"
#include "mentorkit/error.hpp"
#include "names.hpp"
#include "ops/batch.hpp"
#include "ops/registry.hpp"
#include "programs_impl.hpp"
#include "relationships_impl.hpp"
#include "storage/people.hpp"
#include "storage/programs.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace mentorkit {

using detail::Json;

// --- the program matcher (the solver is rules/assignment.cpp) ----------------------------------

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// What matching needs to know about a participant.
struct Facts {
    int level = 0;
    std::vector<std::int64_t> chain;      // supervisors, nearest first
    std::map<std::string, int> expertise; // by lower-case area
    int in(const std::string& area_lower) const {
        auto it = expertise.find(area_lower);
        return it == expertise.end() ? 0 : it->second;
    }
    bool under(PersonId upper) const {
        return std::find(chain.begin(), chain.end(), raw(upper)) != chain.end();
    }
};

// Why a pair is not admissible.
enum class Refusal {
    none,
    self,
    forbidden,
    supervision_line,
    reverse_without_expertise,
    open_pair
};

// The state of a program that matching and accepting read.
struct Context {
    Program program;
    std::vector<ProgramMentee> mentees;
    std::vector<ProgramMentor> mentors;
    std::map<std::int64_t, Facts> facts;
    std::map<std::pair<std::int64_t, std::int64_t>, PairMark> marks; // (mentee, mentor)
    std::set<std::pair<std::int64_t, std::int64_t>> open_pairs;      // (mentor, mentee), anywhere
    std::map<std::int64_t, int> open_seats;                          // mentor -> open in program
    std::set<std::pair<std::int64_t, std::string>> served;           // (mentee, focus lower)
    std::set<std::int64_t> mentees_served;                           // mentee -> any in program

    const Facts& of(PersonId p) const { return facts.at(raw(p)); }

    Refusal refusal(PersonId mentee, PersonId mentor, const std::string& focus_lower) const {
        if (mentee == mentor)
            return Refusal::self;
        auto mark = marks.find({raw(mentee), raw(mentor)});
        if (mark != marks.end() && mark->second == PairMark::forbidden)
            return Refusal::forbidden;
        const Facts& m = of(mentee);
        const Facts& t = of(mentor);
        if (m.under(mentor) || t.under(mentee))
            return Refusal::supervision_line;
        if (t.level < m.level && t.in(focus_lower) <= m.in(focus_lower))
            return Refusal::reverse_without_expertise;
        if (open_pairs.count({raw(mentor), raw(mentee)}))
            return Refusal::open_pair;
        return Refusal::none;
    }

    Style style(PersonId mentee, PersonId mentor) const {
        int t = of(mentor).level, m = of(mentee).level;
        return t > m ? Style::traditional : t == m ? Style::peer : Style::reverse;
    }

    bool wanted(PersonId mentee, PersonId mentor) const {
        auto mark = marks.find({raw(mentee), raw(mentor)});
        return mark != marks.end() && mark->second == PairMark::wanted;
    }
};

Facts load_facts(db::Database& db, PersonId id) {
    auto pf = storage::person_facts(db, id, {});
    auto person = storage::find_person(db, id);
    if (!pf || !person)
        throw NotFound("person " + std::to_string(raw(id)) + " does not exist");
    Facts f;
    f.level = pf->level;
    f.chain = std::move(pf->chain);
    for (const Expertise& e : person->expertise)
        f.expertise[lower(e.area)] = e.level;
    return f;
}

Context load_context(detail::StoreImpl& impl, ProgramId id) {
    db::Database& db = impl.db();
    Context c;
    c.program = detail::load_program(db, id);
    c.mentees = storage::program_mentees(db, id);
    c.mentors = storage::program_mentors(db, id);
    for (const ProgramMentee& m : c.mentees)
        c.facts.emplace(raw(m.person), load_facts(db, m.person));
    for (const ProgramMentor& m : c.mentors)
        if (!c.facts.count(raw(m.person)))
            c.facts.emplace(raw(m.person), load_facts(db, m.person));
    for (const MarkedPair& p : storage::program_marks(db, id))
        c.marks[{raw(p.mentee), raw(p.mentor)}] = p.mark;
    // Open mentoring relationships of the program's mentees, in any program or none.
    for (const storage::OpenMentoring& o : storage::open_mentoring_of_mentees(db, id))
        c.open_pairs.insert({raw(o.mentor), raw(o.mentee)});
    for (const storage::OpenMentoring& o : storage::open_mentoring_in_program(db, id)) {
        ++c.open_seats[raw(o.mentor)];
        c.served.insert({raw(o.mentee), lower(o.focus)});
        c.mentees_served.insert(raw(o.mentee));
    }
    return c;
}

void check_weights(const FitWeights& w) {
    for (int v : {w.expertise, w.margin, w.style, w.wanted})
        if (v < 0 || v > 1000)
            throw InvalidArgument("a fit weight must be between 0 and 1000, got " +
                                  std::to_string(v));
}

// One demand: a mentee's wish for one mentor.
struct Demand {
    std::size_t mentee = 0;           // index into Context::mentees
    std::string focus;                // as the mentee listed it
    std::vector<std::string> counted; // lower-case areas the fit counts
    bool board = false;
};

FitBreakdown fit_of(const Context& c, const Demand& d, const FitWeights& w, PersonId mentor) {
    const ProgramMentee& m = c.mentees[d.mentee];
    const Facts& mf = c.of(m.person);
    const Facts& tf = c.of(mentor);
    FitBreakdown f;
    for (const std::string& a : d.counted) {
        f.expertise += std::int64_t{w.expertise} * tf.in(a);
        f.margin += std::int64_t{w.margin} * (tf.in(a)-mf.in(a));
    }
    if (m.preferred_style && *m.preferred_style == c.style(m.person, mentor))
        f.style = w.style;
    if (c.wanted(m.person, mentor))
        f.wanted = w.wanted;
    return f;
}

} // namespace

MatchingResult Matching::run(ProgramId program, const MatchOptions& options) const {
    check_weights(options.weights);
    Context c = load_context(*m_impl, program);
    MatchingResult out;
    out.program = program;

    std::vector<Demand> demands;
    for (std::size_t i = 0; i < c.mentees.size(); ++i) {
        const ProgramMentee& m = c.mentees[i];
        if (m.areas.empty())
            continue;
        if (m.board) {
            for (const std::string& area : m.areas) {
                if (c.served.count({raw(m.person), lower(area)})) {
                    out.unmatched.push_back(
                        {m.person, area, true, UnmatchedReason::already_matched, 0});
                    continue;
                }
                demands.push_back({i, area, {lower(area)}, true});
            }
        } else {
            if (c.mentees_served.count(raw(m.person))) {
                out.unmatched.push_back(
                    {m.person, m.areas.front(), false, UnmatchedReason::already_matched, 0});
                continue;
            }
            Demand d{i, m.areas.front(), {}, false};
            for (const std::string& a : m.areas)
                d.counted.push_back(lower(a));
            demands.push_back(std::move(d));
        }
    }

    const std::size_t rows = demands.size(), cols = c.mentors.size();
    std::vector<int> capacity(cols);
    for (std::size_t j = 0; j < cols; ++j) {
        const ProgramMentor& t = c.mentors[j];
        auto open = c.open_seats.find(raw(t.person));
        int taken = open == c.open_seats.end() ? 0 : open->second;
        capacity[j] = std::max(0, t.capacity - taken);
        out.mentors.push_back({t.person, t.capacity, taken, 0});
    }
    std::vector<std::int64_t> scores(rows * cols, kForbidden);
    std::vector<std::int64_t> groups(rows);
    std::vector<int> admissible(rows, 0);
    for (std::size_t r = 0; r < rows; ++r) {
        const Demand& d = demands[r];
        const PersonId mentee = c.mentees[d.mentee].person;
        groups[r] = static_cast<std::int64_t>(d.mentee);
        const std::string focus = lower(d.focus);
        for (std::size_t j = 0; j < cols; ++j) {
            const PersonId mentor = c.mentors[j].person;
            if (c.refusal(mentee, mentor, focus) != Refusal::none)
                continue;
            ++admissible[r];
            scores[r * cols + j] = fit_of(c, d, options.weights, mentor).total();
        }
    }

    AssignmentResult a = solve_assignment(scores, rows, cols, capacity, groups);
    for (std::size_t r = 0; r < rows; ++r) {
        const Demand& d = demands[r];
        const ProgramMentee& m = c.mentees[d.mentee];
        const int j = a.column[r];
        if (j < 0) {
            out.unmatched.push_back({m.person, d.focus, d.board,
                                     admissible[r] == 0 ? UnmatchedReason::no_admissible_mentor
                                                        : UnmatchedReason::no_capacity_left,
                                     admissible[r]});
            continue;
        }
        const PersonId mentor = c.mentors[static_cast<std::size_t>(j)].person;
        MatchProposal p;
        p.mentee = m.person;
        p.mentor = mentor;
        p.focus = d.focus;
        p.board_seat = d.board;
        p.style = c.style(m.person, mentor);
        p.style_preferred = m.preferred_style && *m.preferred_style == p.style;
        p.wanted = c.wanted(m.person, mentor);
        p.fit = fit_of(c, d, options.weights, mentor);
        out.total_score += p.fit.total();
        ++out.mentors[static_cast<std::size_t>(j)].proposed;
        out.proposals.push_back(std::move(p));
    }
    return out;
}

namespace {

// matching.accept: the coordinator's acceptance of a set of proposals, checked as a whole
// against the program before anything is written. It is the first operation of the batch
// whose relationship.propose and program.add_relationship operations create the relationships.
struct AcceptMatches {
    static constexpr const char* kind = "matching.accept";
    ProgramId program;
    std::vector<MatchProposal> proposals;
    MatchTerms terms;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        if (proposals.empty())
            throw InvalidArgument("no proposals to accept");
        detail::require_date(terms.start, "the start date");
        detail::require_date(terms.end, "the planned end");
        detail::require_date(terms.proposed_on, "the proposal date");
        if (terms.end < terms.start)
            throw InvalidArgument("the planned end " + to_string(terms.end) +
                                      " is before the start " + to_string(terms.start),
                                  ErrorCode::invalid_date);
        Program p = detail::load_program(impl.db(), program);
        detail::require_coordinator(p, by, "accept matches");
        check(load_context(impl, program));
        impl.audit(by, "accept_matches", "program", raw(program),
                   Json()
                       .add("count", static_cast<std::int64_t>(proposals.size()))
                       .add("start", to_string(terms.start))
                       .add("end", to_string(terms.end))
                       .str());
        return 0;
    }

    void check(const Context& c) const {
        std::map<std::int64_t, int> seats_used;
        std::set<std::pair<std::int64_t, std::int64_t>> pairs;
        std::set<std::pair<std::int64_t, std::string>> foci;
        for (std::size_t i = 0; i < proposals.size(); ++i) {
            const MatchProposal& mp = proposals[i];
            const std::string where = "proposal " + std::to_string(i) + " (mentee " +
                                      std::to_string(raw(mp.mentee)) + ", mentor " +
                                      std::to_string(raw(mp.mentor)) + ")";
            auto mentee =
                std::find_if(c.mentees.begin(), c.mentees.end(),
                             [&](const ProgramMentee& m) { return m.person == mp.mentee; });
            if (mentee == c.mentees.end())
                throw InvalidArgument(where + ": the mentee is not a mentee of the program");
            auto mentor =
                std::find_if(c.mentors.begin(), c.mentors.end(),
                             [&](const ProgramMentor& m) { return m.person == mp.mentor; });
            if (mentor == c.mentors.end())
                throw InvalidArgument(where + ": the mentor is not a mentor of the program");
            const std::string focus = lower(detail::trim(mp.focus));
            bool listed = std::any_of(mentee->areas.begin(), mentee->areas.end(),
                                      [&](const std::string& a) { return lower(a) == focus; });
            if (!listed)
                throw InvalidArgument(where + ": '" + mp.focus +
                                      "' is not an area the mentee wants to grow in");
            if (!pairs.insert({raw(mp.mentee), raw(mp.mentor)}).second)
                throw InvalidArgument(where + ": the same pair is selected twice");
            if (!foci.insert({raw(mp.mentee), focus}).second)
                throw InvalidArgument(where + ": the mentee's '" + mp.focus +
                                      "' is selected twice");
            switch (c.refusal(mp.mentee, mp.mentor, focus)) {
            case Refusal::none:
                break;
            case Refusal::self:
                throw InvalidArgument(where + ": a person cannot mentor themself");
            case Refusal::forbidden:
                throw RuleViolation(where + ": the coordinator marked the pair forbidden");
            case Refusal::supervision_line:
                throw RuleViolation(where + ": the pair is on one supervision line; mentoring "
                                            "must not overlap supervision",
                                    ErrorCode::supervision_line);
            case Refusal::reverse_without_expertise:
                throw RuleViolation(where + ": reverse mentoring needs a mentor more expert in '" +
                                        mp.focus + "' than the mentee",
                                    ErrorCode::reverse_without_expertise);
            case Refusal::open_pair:
                throw RuleViolation(where + ": the mentor already has an open mentoring "
                                            "relationship with the mentee",
                                    ErrorCode::duplicate_relationship);
            }
            auto open = c.open_seats.find(raw(mp.mentor));
            int taken =
                (open == c.open_seats.end() ? 0 : open->second) + ++seats_used[raw(mp.mentor)];
            if (taken > mentor->capacity)
                throw RuleViolation(where + ": the mentor's capacity of " +
                                    std::to_string(mentor->capacity) + " would be exceeded");
        }
    }

    ops::Value encode(ops::Encoder& e) const {
        ops::Array list;
        for (const MatchProposal& mp : proposals)
            list.push_back(ops::ObjectBuilder()
                               .add("mentee", e.ref(mp.mentee))
                               .add("mentor", e.ref(mp.mentor))
                               .add("focus", mp.focus)
                               .done());
        return ops::ObjectBuilder()
            .add("program", e.ref(program))
            .add("proposals", std::move(list))
            .add("start", e.date(terms.start))
            .add("end", e.date(terms.end))
            .add("proposed_on", e.date(terms.proposed_on))
            .done();
    }
    static AcceptMatches decode(ops::Decoder& d) {
        AcceptMatches op{d.ref<ProgramId>("program"), {}, {}, d.actor_required()};
        for (const ops::Value& v : d["proposals"].as_array("proposals")) {
            MatchProposal mp;
            mp.mentee = d.ref_of<PersonId>(v["mentee"]);
            mp.mentor = d.ref_of<PersonId>(v["mentor"]);
            mp.focus = v["focus"].as_string("focus");
            op.proposals.push_back(std::move(mp));
        }
        op.terms.start = d.date("start");
        op.terms.end = d.date("end");
        op.terms.proposed_on = d.opt_date("proposed_on");
        return op;
    }
};

} // namespace

namespace ops {
void register_matching(Registry& r) {
    r.add(AcceptMatches::kind, &handle<AcceptMatches>);
}
} // namespace ops

std::vector<RelationshipId> Matching::accept(ProgramId program,
                                             const std::vector<MatchProposal>& proposals,
                                             const MatchTerms& terms, PersonId by) {
    ops::LocalBatch batch(*m_impl, by, true);
    // Everything is checked before anything is written, so a refusal writes nothing.
    batch.add(AcceptMatches{program, proposals, terms, by});
    std::vector<RelationshipId> created;
    for (const MatchProposal& mp : proposals) {
        NewRelationship req;
        req.model = Model::mentoring;
        req.guide = mp.mentor;
        req.learner = mp.mentee;
        req.focus = detail::trim(mp.focus);
        req.formality = Formality::formal;
        req.start = terms.start;
        req.end = terms.end;
        req.proposed_by = by;
        req.proposed_on = terms.proposed_on;
        RelationshipId r = detail::propose_in(*m_impl, batch, req);
        detail::add_relationship_in(batch, program, r, by);
        created.push_back(r);
    }
    batch.commit();
    return created;
}

std::string_view to_string(UnmatchedReason v) noexcept {
    return names::unmatched.name(v);
}

} // namespace mentorkit
