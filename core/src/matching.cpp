#include "mentorkit/matching.hpp"

#include "enums.hpp"
#include "mentorkit/error.hpp"
#include "programs_impl.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace mentorkit {

using detail::Json;

// --- the pure solver ----------------------------------------------------------------------------

namespace {

using Cost = std::int64_t;
// The cost of a forbidden pair: far above every real path cost (≤ about 2^53 with the bounds
// checked below), far below overflow when potentials and distances are added to it.
constexpr Cost kInfCost = Cost{1} << 60;
// A distance not reached yet.
constexpr Cost kUnreached = Cost{1} << 62;

enum class RowState : unsigned char { untouched, candidate, finalized };

// Successive shortest augmenting paths with potentials; see matching.hpp for the method.
// Costs are score-derived and non-negative: cost = max score − score, forbidden = kInfCost; the
// dummy column "unassigned" costs `m_dummy` from every row and has unbounded capacity.
class Solver {
public:
    Solver(std::vector<Cost> cost, std::size_t rows, std::size_t cols, std::vector<int> capacity,
           std::vector<std::vector<int>> members, std::vector<int> group_of, Cost dummy)
        : m_cost(std::move(cost)), m_rows(rows), m_cols(cols), m_capacity(std::move(capacity)),
          m_members(std::move(members)), m_group_of(std::move(group_of)), m_dummy(dummy),
          m_assign(rows, -1), m_load(cols, 0), m_rows_of(cols), m_pi_row(rows, 0),
          m_pi_col(cols, 0), m_d_col(cols, kUnreached), m_pred_col(cols, -1),
          m_d_row(rows, kUnreached), m_prev_row(rows, -1), m_state(rows, RowState::untouched),
          m_blocked(cols, 0) {
        m_todo.reserve(cols);
    }

    std::vector<int> solve() {
        for (std::size_t r = 0; r < m_rows; ++r)
            add_row(static_cast<int>(r));
        return m_assign;
    }

private:
    const Cost* row_costs(int r) const {
        return m_cost.data() + static_cast<std::size_t>(r) * m_cols;
    }

    // The columns held by the other rows of r's group are blocked for r (one mentor per
    // mentee's board); r reaches their holders through the (group, column) node instead.
    void relax_grouped(int r, std::size_t stamp) {
        const std::vector<int>& group = m_members[static_cast<std::size_t>(m_group_of[r])];
        for (int h : group)
            if (m_assign[h] >= 0)
                m_blocked[m_assign[h]] = stamp; // r's own column too: reached through a pair
        const Cost base = m_d_row[r] + m_pi_row[r];
        const Cost* c = row_costs(r);
        for (int j : m_todo) {
            if (m_blocked[j] == stamp)
                continue;
            Cost nd = base + c[j] - m_pi_col[j];
            if (nd < m_d_col[j]) {
                m_d_col[j] = nd;
                m_pred_col[j] = r;
            }
        }
        for (int h : group) {
            if (h == r || m_assign[h] < 0 || m_state[h] == RowState::finalized)
                continue;
            // Through the (group, column) node: r takes h's column, h must move on.
            int j = m_assign[h];
            Cost nd = base + c[j] - row_costs(h)[j] - m_pi_row[h];
            if (nd < m_d_row[h]) {
                touch(h);
                m_d_row[h] = nd;
                m_prev_row[h] = r;
                m_candidates.push_back(h);
            }
        }
        relax_dummy(r);
    }

    void relax_dummy(int r) {
        Cost nd = m_d_row[r] + m_pi_row[r] + m_dummy;
        if (nd < m_d_dummy) {
            m_d_dummy = nd;
            m_pred_dummy = r;
        }
    }

    void touch(int r) {
        if (m_state[r] == RowState::untouched) {
            m_state[r] = RowState::candidate;
            m_touched.push_back(r);
        }
    }

    void finalize_row(int r) {
        if (m_state[r] == RowState::untouched)
            m_touched.push_back(r);
        m_state[r] = RowState::finalized;
        if (m_members.empty() || m_group_of[r] < 0)
            m_batch.push_back(r);
        else
            m_grouped_batch.push_back(r);
    }

    // Relaxes the forward arcs of the batch (ungrouped rows in one fused pass over the remaining
    // columns) and returns the position in m_todo of the nearest remaining column.
    std::size_t relax_batch(std::size_t& stamp) {
        for (int r : m_grouped_batch)
            relax_grouped(r, ++stamp);
        m_grouped_batch.clear();
        for (int r : m_batch)
            relax_dummy(r);
        std::size_t best = m_todo.size();
        Cost best_d = kUnreached;
        const std::size_t n = m_batch.size();
        if (n == 1) {
            const int r = m_batch[0];
            const Cost base = m_d_row[r] + m_pi_row[r];
            const Cost* c = row_costs(r);
            for (std::size_t k = 0; k < m_todo.size(); ++k) {
                const int j = m_todo[k];
                Cost d = m_d_col[j];
                const Cost nd = base + c[j] - m_pi_col[j];
                if (nd < d) {
                    d = nd;
                    m_d_col[j] = nd;
                    m_pred_col[j] = r;
                }
                if (d < best_d) {
                    best_d = d;
                    best = k;
                }
            }
        } else {
            m_base.resize(n);
            m_row_ptr.resize(n);
            for (std::size_t i = 0; i < n; ++i) {
                m_base[i] = m_d_row[m_batch[i]] + m_pi_row[m_batch[i]];
                m_row_ptr[i] = row_costs(m_batch[i]);
            }
            for (std::size_t k = 0; k < m_todo.size(); ++k) {
                const int j = m_todo[k];
                Cost d = m_d_col[j];
                for (std::size_t i = 0; i < n; ++i) {
                    const Cost nd = m_base[i] + m_row_ptr[i][j] - m_pi_col[j];
                    if (nd < d) {
                        d = nd;
                        m_d_col[j] = nd;
                        m_pred_col[j] = m_batch[i];
                    }
                }
                if (d < best_d) {
                    best_d = d;
                    best = k;
                }
            }
        }
        m_batch.clear();
        return best;
    }

    void add_row(int r0) {
        // Fresh search state (the touched rows are reset at the end of each search).
        m_todo.clear();
        for (std::size_t j = 0; j < m_cols; ++j) {
            m_todo.push_back(static_cast<int>(j));
            m_d_col[j] = kUnreached;
        }
        m_done_cols.clear();
        m_candidates.clear();
        m_d_dummy = kUnreached;
        m_pred_dummy = -1;
        m_d_row[r0] = 0;
        finalize_row(r0);

        std::size_t stamp = m_stamp;
        int terminal = -1; // a column, or -1 for the dummy
        Cost dstar = 0;
        for (;;) {
            std::size_t k = relax_batch(stamp);
            // The nearest node: a remaining column, a candidate row, or the dummy column.
            Cost col_d = k < m_todo.size() ? m_d_col[m_todo[k]] : kUnreached;
            int row = -1;
            Cost row_d = kUnreached;
            std::size_t keep = 0;
            for (int h : m_candidates) {
                if (m_state[h] != RowState::candidate)
                    continue;
                m_candidates[keep++] = h;
                if (m_d_row[h] < row_d) {
                    row_d = m_d_row[h];
                    row = h;
                }
            }
            m_candidates.resize(keep);
            if (row >= 0 && row_d <= col_d && row_d <= m_d_dummy) {
                finalize_row(row);
                continue;
            }
            if (col_d >= kInfCost || m_d_dummy < col_d) {
                terminal = -1;
                dstar = m_d_dummy;
                break;
            }
            const int j = m_todo[k];
            m_todo[k] = m_todo.back();
            m_todo.pop_back();
            if (m_load[j] < m_capacity[j]) {
                terminal = j;
                dstar = col_d;
                break;
            }
            m_done_cols.push_back(j);
            // Residual arcs back to the rows the column holds (reduced cost ≥ 0; 0 without
            // boards, so those rows are the nearest nodes now).
            for (int h : m_rows_of[j]) {
                if (m_state[h] == RowState::finalized)
                    continue;
                const Cost nd = col_d + m_pi_col[j] - row_costs(h)[j] - m_pi_row[h];
                if (nd < m_d_row[h]) {
                    touch(h);
                    m_d_row[h] = nd;
                    m_prev_row[h] = m_pred_col[j];
                    if (nd == col_d)
                        finalize_row(h);
                    else
                        m_candidates.push_back(h);
                }
            }
        }
        m_stamp = stamp;

        // Potentials: every node settled before the terminal moves by its distance − d*.
        for (int j : m_done_cols)
            m_pi_col[j] += m_d_col[j] - dstar;
        for (int h : m_touched)
            if (m_state[h] == RowState::finalized)
                m_pi_row[h] += m_d_row[h] - dstar;

        // Augment: walk back from the terminal, each row taking the column it was reached for.
        int r = terminal >= 0 ? m_pred_col[terminal] : m_pred_dummy;
        int target = terminal;
        for (;;) {
            const int old = m_assign[r];
            if (old >= 0) {
                auto& held = m_rows_of[old];
                held.erase(std::find(held.begin(), held.end(), r));
                --m_load[old];
            }
            if (target >= 0) {
                m_rows_of[target].push_back(r);
                ++m_load[target];
            }
            m_assign[r] = target;
            if (r == r0)
                break;
            target = old;
            r = m_prev_row[r];
        }

        for (int h : m_touched) {
            m_state[h] = RowState::untouched;
            m_d_row[h] = kUnreached;
            m_prev_row[h] = -1;
        }
        m_touched.clear();
    }

    std::vector<Cost> m_cost;
    std::size_t m_rows, m_cols;
    std::vector<int> m_capacity;
    std::vector<std::vector<int>> m_members; // rows of each group with more than one row
    std::vector<int> m_group_of;             // index into m_members, or -1
    Cost m_dummy;

    std::vector<int> m_assign, m_load;
    std::vector<std::vector<int>> m_rows_of;
    std::vector<Cost> m_pi_row, m_pi_col;

    // Search state.
    std::vector<Cost> m_d_col;
    std::vector<int> m_pred_col;
    std::vector<Cost> m_d_row;
    std::vector<int> m_prev_row;
    std::vector<RowState> m_state;
    std::vector<std::size_t> m_blocked; // stamp of the row a column is blocked for
    std::size_t m_stamp = 0;
    std::vector<int> m_todo, m_done_cols, m_touched, m_candidates, m_batch, m_grouped_batch;
    std::vector<Cost> m_base;
    std::vector<const Cost*> m_row_ptr;
    Cost m_d_dummy = kUnreached;
    int m_pred_dummy = -1;
};

} // namespace

AssignmentResult solve_assignment(std::span<const std::int64_t> scores, std::size_t rows,
                                  std::size_t columns, std::span<const int> capacity,
                                  std::span<const std::int64_t> groups) {
    if (rows > kMaxAssignmentSize || columns > kMaxAssignmentSize)
        throw InvalidArgument("an assignment problem has at most " +
                              std::to_string(kMaxAssignmentSize) + " rows and columns");
    if (scores.size() != rows * columns)
        throw InvalidArgument("the score matrix has " + std::to_string(scores.size()) +
                              " entries; " + std::to_string(rows) + " rows × " +
                              std::to_string(columns) + " columns need " +
                              std::to_string(rows * columns));
    if (capacity.size() != columns)
        throw InvalidArgument("one capacity per column is needed (" + std::to_string(columns) +
                              "), got " + std::to_string(capacity.size()));
    if (!groups.empty() && groups.size() != rows)
        throw InvalidArgument("groups need one value per row (" + std::to_string(rows) + "), got " +
                              std::to_string(groups.size()));
    for (int c : capacity)
        if (c < 0)
            throw InvalidArgument("a capacity must not be negative, got " + std::to_string(c));
    std::int64_t hi = -kMaxScore, lo = kMaxScore;
    bool any = false;
    for (std::int64_t s : scores) {
        if (s == kForbidden)
            continue;
        if (s < -kMaxScore || s > kMaxScore)
            throw InvalidArgument("a score must lie in [-" + std::to_string(kMaxScore) + ", " +
                                  std::to_string(kMaxScore) + "], got " + std::to_string(s));
        hi = std::max(hi, s);
        lo = std::min(lo, s);
        any = true;
    }
    AssignmentResult out;
    out.column.assign(rows, -1);
    if (!any || columns == 0)
        return out;

    std::vector<Cost> cost(scores.size());
    for (std::size_t i = 0; i < scores.size(); ++i)
        cost[i] = scores[i] == kForbidden ? kInfCost : hi - scores[i];
    // Leaving a row unassigned costs more than any difference in total score between two
    // assignments: (range + 1) × (rows + 1) ≤ about 2^51 with the bounds above.
    const Cost dummy = (hi - lo + 1) * static_cast<Cost>(rows + 1);

    std::vector<std::vector<int>> members;
    std::vector<int> group_of;
    if (!groups.empty()) {
        std::unordered_map<std::int64_t, std::vector<int>> by_value;
        for (std::size_t r = 0; r < rows; ++r)
            by_value[groups[r]].push_back(static_cast<int>(r));
        group_of.assign(rows, -1);
        for (auto& [value, list] : by_value) {
            if (list.size() < 2)
                continue;
            for (int r : list)
                group_of[static_cast<std::size_t>(r)] = static_cast<int>(members.size());
            members.push_back(std::move(list));
        }
        if (members.empty())
            group_of.clear();
    }
    Solver solver(std::move(cost), rows, columns,
                  std::vector<int>(capacity.begin(), capacity.end()), std::move(members),
                  std::move(group_of), dummy);
    out.column = solver.solve();
    for (std::size_t r = 0; r < rows; ++r)
        if (int c = out.column[r]; c >= 0) {
            out.total += scores[r * columns + static_cast<std::size_t>(c)];
            ++out.assigned;
        }
    return out;
}

// --- the program matcher ----------------------------------------------------------------------

namespace {

constexpr detail::EnumNames<UnmatchedReason, 3> kReason{
    {"no_admissible_mentor", "no_capacity_left", "already_matched"}, "unmatched reason"};

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
    auto pf = detail::person_facts(db, id, {});
    if (!pf)
        throw NotFound("person " + std::to_string(raw(id)) + " does not exist");
    Facts f;
    f.level = pf->level;
    f.chain = std::move(pf->chain);
    db::Use s(db.cached("SELECT area, level FROM expertise WHERE person_id = ?1"));
    s->bind(1, raw(id));
    while (s->step())
        f.expertise[lower(s->get_text(0))] = static_cast<int>(s->get_int(1));
    return f;
}

Context load_context(detail::StoreImpl& impl, ProgramId id) {
    db::Database& db = impl.db();
    Context c;
    c.program = detail::load_program(db, id);
    c.mentees = detail::load_mentees(db, id);
    c.mentors = detail::load_mentors(db, id);
    for (const ProgramMentee& m : c.mentees)
        c.facts.emplace(raw(m.person), load_facts(db, m.person));
    for (const ProgramMentor& m : c.mentors)
        if (!c.facts.count(raw(m.person)))
            c.facts.emplace(raw(m.person), load_facts(db, m.person));
    for (const MarkedPair& p : detail::load_marks(db, id))
        c.marks[{raw(p.mentee), raw(p.mentor)}] = p.mark;
    {
        // Open mentoring relationships of the program's mentees, in any program or none.
        db::Use s(db.cached(
            "SELECT r.guide_id, r.learner_id FROM relationship r JOIN program_mentee m ON "
            "m.person_id = r.learner_id WHERE m.program_id = ?1 AND r.model = 'mentoring' AND "
            "(r.status = 'proposed' OR r.status = 'active' OR r.status = 'paused')"));
        s->bind(1, raw(id));
        while (s->step())
            c.open_pairs.insert({s->get_int(0), s->get_int(1)});
    }
    {
        db::Use s(db.cached(
            "SELECT r.guide_id, r.learner_id, r.focus FROM program_relationship p JOIN "
            "relationship r ON r.id = p.relationship_id WHERE p.program_id = ?1 AND r.model = "
            "'mentoring' AND (r.status = 'proposed' OR r.status = 'active' OR "
            "r.status = 'paused')"));
        s->bind(1, raw(id));
        while (s->step()) {
            ++c.open_seats[s->get_int(0)];
            c.served.insert({s->get_int(1), lower(s->get_text(2))});
            c.mentees_served.insert(s->get_int(1));
        }
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

std::vector<RelationshipId> Matching::accept(ProgramId program,
                                             const std::vector<MatchProposal>& proposals,
                                             const MatchTerms& terms, PersonId by) {
    if (proposals.empty())
        throw InvalidArgument("no proposals to accept");
    detail::require_date(terms.start, "the start date");
    detail::require_date(terms.end, "the planned end");
    detail::require_date(terms.proposed_on, "the proposal date");
    if (terms.end < terms.start)
        throw InvalidArgument("the planned end " + to_string(terms.end) + " is before the start " +
                                  to_string(terms.start),
                              ErrorCode::invalid_date);
    db::Database& db = m_impl->db();
    db::Transaction tx(db);
    Program p = detail::load_program(db, program);
    detail::require_coordinator(p, by, "accept matches");
    Context c = load_context(*m_impl, program);

    // Everything is checked before anything is written, so a refusal writes nothing.
    std::map<std::int64_t, int> seats_used;
    std::set<std::pair<std::int64_t, std::int64_t>> pairs;
    std::set<std::pair<std::int64_t, std::string>> foci;
    for (std::size_t i = 0; i < proposals.size(); ++i) {
        const MatchProposal& mp = proposals[i];
        const std::string where = "proposal " + std::to_string(i) + " (mentee " +
                                  std::to_string(raw(mp.mentee)) + ", mentor " +
                                  std::to_string(raw(mp.mentor)) + ")";
        auto mentee = std::find_if(c.mentees.begin(), c.mentees.end(),
                                   [&](const ProgramMentee& m) { return m.person == mp.mentee; });
        if (mentee == c.mentees.end())
            throw InvalidArgument(where + ": the mentee is not a mentee of the program");
        auto mentor = std::find_if(c.mentors.begin(), c.mentors.end(),
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
            throw InvalidArgument(where + ": the mentee's '" + mp.focus + "' is selected twice");
        switch (c.refusal(mp.mentee, mp.mentor, focus)) {
        case Refusal::none:
            break;
        case Refusal::self:
            throw InvalidArgument(where + ": a person cannot mentor themself");
        case Refusal::forbidden:
            throw RuleViolation(where + ": the coordinator marked the pair forbidden");
        case Refusal::supervision_line:
            throw RuleViolation(where + ": the pair is on one supervision line; mentoring must "
                                        "not overlap supervision",
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
        int taken = (open == c.open_seats.end() ? 0 : open->second) + ++seats_used[raw(mp.mentor)];
        if (taken > mentor->capacity)
            throw RuleViolation(where + ": the mentor's capacity of " +
                                std::to_string(mentor->capacity) + " would be exceeded");
    }

    std::vector<RelationshipId> created;
    Json ids;
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
        RelationshipId r = m_impl->relationships.propose(req);
        detail::link_relationship(*m_impl, program, r, by);
        created.push_back(r);
    }
    std::string list;
    for (RelationshipId r : created)
        list += (list.empty() ? "" : ",") + std::to_string(raw(r));
    m_impl->audit(by, "accept_matches", "program", raw(program),
                  Json()
                      .add("relationships", list)
                      .add("count", static_cast<std::int64_t>(created.size()))
                      .add("start", to_string(terms.start))
                      .add("end", to_string(terms.end))
                      .str());
    tx.commit();
    return created;
}

std::string_view to_string(UnmatchedReason v) noexcept {
    return kReason.name(v);
}

} // namespace mentorkit
