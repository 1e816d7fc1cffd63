// The matching solver (matching.hpp solve_assignment): an optimal capacitated assignment with
// groups, a pure function of its score matrix; no storage code. The program matcher
// (matching.cpp) builds the matrix from a program and explains the result.

#include "mentorkit/error.hpp"
#include "mentorkit/matching.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mentorkit {

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

} // namespace mentorkit
