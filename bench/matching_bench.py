"""Optimal matching of 5,000 mentees to 1,000 mentors with capacity 5 each, dense fit, vs
scipy.optimize.linear_sum_assignment on the expanded problem, same run.

The fit is a dense random integer matrix (seeded): mentees x mentors, values 0..999,999.
- value: ``mentorkit.solve_assignment(scores, capacity)`` — the core's exact solver (successive
  shortest augmenting paths with potentials, each mentor one node with a capacity), called on
  the NumPy matrix without the GIL;
- baseline: ``scipy.optimize.linear_sum_assignment(expanded, maximize=True)`` where
  ``expanded`` repeats each mentor's column by its capacity (5,000 x 5,000).
Both must reach the same total score (asserted); best of `repeats` runs each.

Prints: BENCH name=<id> value=<seconds> unit=s baseline=<seconds> ratio=<value/baseline>
Usage: python bench/matching_bench.py [mentees] [mentors] [capacity] [repeats]
(needs mentorkit and scipy installed; bench/run creates build/bench-venv with both).
"""

from __future__ import annotations

import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

import mentorkit as mk


def main() -> None:
    mentees = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    mentors = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
    capacity = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3

    rng = np.random.default_rng(20240107)
    scores = rng.integers(0, 1_000_000, size=(mentees, mentors), dtype=np.int64)
    caps = np.full(mentors, capacity, dtype=np.int64)
    expanded = np.repeat(scores, capacity, axis=1)

    ours, theirs = float("inf"), float("inf")
    our_total = their_total = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        columns, total = mk.solve_assignment(scores, caps)
        ours = min(ours, time.perf_counter() - t0)
        our_total = total

        t0 = time.perf_counter()
        rows, cols = linear_sum_assignment(expanded, maximize=True)
        theirs = min(theirs, time.perf_counter() - t0)
        their_total = int(expanded[rows, cols].sum())

    # Same optimum, and a valid assignment: every mentee once, no mentor over capacity.
    assert our_total == their_total, (our_total, their_total)
    assert int(scores[np.arange(mentees)[columns >= 0], columns[columns >= 0]].sum()) == our_total
    assigned = int((columns >= 0).sum())
    assert assigned == min(mentees, mentors * capacity), assigned
    assert int(np.bincount(columns[columns >= 0], minlength=mentors).max()) <= capacity

    name = f"matching_{mentees}x{mentors}_cap{capacity}"
    print(f"BENCH name={name} value={ours:.4f} unit=s baseline={theirs:.4f} "
          f"ratio={ours / theirs:.4f}")


if __name__ == "__main__":
    main()
