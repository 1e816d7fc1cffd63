"""Programs, reports, matching and the pure solver from Python."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time

import numpy as np
import pytest

import mentorkit as mk

from conftest import START, TODAY


@pytest.fixture
def program(org):
    s = org.store
    p = s.programs.create("Research", coordinator=org.director, purpose="Grow researchers")
    return p


def test_program_crud_and_refusals(org, program):
    s = org.store
    assert s.programs.get(program).name == "Research"
    assert [p.id for p in s.programs.list()] == [program]
    s.programs.update(program, by=org.director, purpose="More papers")
    assert s.programs.get(program).purpose == "More papers"
    total = s.audit.total()
    with pytest.raises(mk.PermissionDenied):
        s.programs.update(program, by=org.analyst, name="x")
    with pytest.raises(mk.RuleViolation):
        s.programs.create("research", coordinator=org.lead)
    with pytest.raises(ValueError):  # InvalidArgument
        s.programs.set_mentor(program, org.outsider, 0, by=org.director)
    with pytest.raises(LookupError):  # NotFound
        s.programs.get(99)
    assert s.audit.total() == total


def test_quality_report_and_table(org, program):
    s = org.store
    a = s.programs.add_standard(program, "Mentors trained", by=org.director)
    b = s.programs.add_standard(program, "Coordinator matches", by=org.director)
    s.programs.add_standard(program, "Yearly review", by=org.director)
    s.programs.assess(a, mk.Assessment.met, "sessions held", on=TODAY, by=org.director)
    s.programs.assess(b, mk.Assessment.partly, "half", on=TODAY, by=org.director)
    q = s.programs.quality(program)
    assert q.score == pytest.approx(0.75)
    assert q.assessed == 2 and len(q.unassessed) == 1
    t = mk.export_program_standards(s, program)
    assert t.num_rows == 3
    assert list(t["rating"]) == [mk.Assessment.met.value, mk.Assessment.partly.value, -1]
    assert np.nanmean(t["score"]) == pytest.approx(q.score)
    df = t.to_pandas()
    assert str(df["rating"].iloc[0]) == "met"
    assert df["assessed_by"].isna().iloc[2]


def test_effectiveness_report_and_table(org, program):
    s = org.store
    r = org.active(guide=org.outsider, learner=org.peer)
    s.programs.add_relationship(program, r, by=org.director)
    g = s.goals.create(r, "Submit papers", by=org.peer, on=START,
                       measure=mk.Measure("papers", "papers", 0, 4), due=dt.date(2024, 6, 1))
    s.goals.activate(g, org.peer, START)
    s.set_clock(dt.datetime(2024, 3, 1, 12, tzinfo=dt.timezone.utc))
    s.goals.check_in(g, org.peer, dt.date(2024, 2, 1), 2.0)
    goal = s.programs.add_goal(program, "Mean progress", metric=mk.ProgramMetric.mean_goal_progress,
                               baseline=0.0, target=0.8, direction=mk.Direction.increase,
                               by=org.director, unit="share")
    rep = s.programs.effectiveness(program)
    assert rep.numbers.started == 1
    assert rep.numbers.mean_goal_progress == pytest.approx(0.5)
    assert rep.numbers.value(mk.ProgramMetric.started_relationships) == 1.0
    assert rep.goals[0].goal.id == goal
    assert rep.goals[0].progress == pytest.approx(0.625)
    t = mk.export_program_goals(s, program)
    assert t["progress"][0] == pytest.approx(0.625)
    assert t["metric"][0] == mk.ProgramMetric.mean_goal_progress.value
    assert np.isnat(t["due"][0])
    early = mk.export_program_goals(s, program, as_of=dt.date(2024, 1, 20))
    assert early["current"][0] == pytest.approx(0.0)
    with pytest.raises(ValueError):
        s.programs.add_goal(program, "x", metric=mk.ProgramMetric.held_ratio, baseline=0.5,
                            target=0.9, direction=mk.Direction.decrease, by=org.director)


def test_matching_run_explain_and_accept(org, program):
    s = org.store
    p = s.programs
    p.set_mentor(program, org.outsider, 1, by=org.director)
    p.set_mentor(program, org.lead, 2, by=org.director)
    # The analyst is under the lead: never matched with them.
    p.set_mentee(program, org.analyst, ["research"], by=org.director,
                 preferred_style=mk.Style.traditional)
    p.set_mentee(program, org.peer, ["research"], by=org.director)
    p.mark_pair(program, org.peer, org.lead, mk.PairMark.wanted, "asked", by=org.director)
    result = s.matching.run(program)
    pairs = {(x.mentee, x.mentor) for x in result.proposals}
    assert pairs == {(org.analyst, org.outsider), (org.peer, org.lead)}
    peer = next(x for x in result.proposals if x.mentee == org.peer)
    assert peer.fit.wanted == 50 and peer.wanted
    assert peer.fit.total == peer.fit.expertise + peer.fit.margin + peer.fit.style + 50
    assert result.total_score == sum(x.fit.total for x in result.proposals)
    table = mk.export_match_proposals(result)
    assert list(table["total"]) == [x.fit.total for x in result.proposals]
    assert mk.export_unmatched(result).num_rows == 0
    weighted = s.matching.run(program, weights=mk.FitWeights(expertise=1, margin=0, style=0,
                                                             wanted=0))
    assert weighted.total_score == 5 + 4

    created = s.matching.accept(program, result.proposals, start=START,
                                end=dt.date(2024, 12, 31), by=org.director)
    assert len(created) == 2
    for rid in created:
        rel = s.relationships.get(rid)
        assert rel.formality == mk.Formality.formal
        assert rel.status == mk.Status.proposed
        assert rel.proposed_by == org.director
        assert s.programs.program_of(rid) == program
    again = s.matching.run(program)
    assert again.proposals == []
    assert {u.reason for u in again.unmatched} == {mk.UnmatchedReason.already_matched}


def test_refused_accept_writes_nothing(org, program):
    s = org.store
    p = s.programs
    p.set_mentor(program, org.lead, 2, by=org.director)
    p.set_mentor(program, org.outsider, 2, by=org.director)
    p.set_mentee(program, org.analyst, ["research"], by=org.director)
    p.set_mentee(program, org.peer, ["research"], by=org.director)
    result = s.matching.run(program)
    assert len(result.proposals) == 2
    assert all(x.mentor != org.lead for x in result.proposals if x.mentee == org.analyst)
    total = s.audit.total()
    rels = len(s.relationships.list())
    with pytest.raises(mk.PermissionDenied):
        s.matching.accept(program, result.proposals, start=START, end=dt.date(2024, 12, 31),
                          by=org.peer)
    # The coordinator forbids one of the proposed pairs after the run: the whole selection is
    # refused, including the pair that is still fine.
    forbidden = result.proposals[-1]
    p.mark_pair(program, forbidden.mentee, forbidden.mentor, mk.PairMark.forbidden, "conflict",
                by=org.director)
    total = s.audit.total()
    with pytest.raises(mk.RuleViolation):
        s.matching.accept(program, result.proposals, start=START, end=dt.date(2024, 12, 31),
                          by=org.director)
    with pytest.raises(mk.InvalidArgument):
        s.matching.accept(program, result.proposals[:1], start=START, end=dt.date(2023, 1, 1),
                          by=org.director)
    assert s.audit.total() == total
    assert len(s.relationships.list()) == rels
    assert s.programs.relationships(program) == []


def test_solver_from_numpy_matches_brute_force():
    rng = np.random.default_rng(7)
    for _ in range(40):
        rows, cols = int(rng.integers(1, 6)), int(rng.integers(1, 4))
        scores = rng.integers(-10, 30, size=(rows, cols))
        scores[rng.random((rows, cols)) < 0.25] = mk.FORBIDDEN
        capacity = rng.integers(0, 3, size=cols)
        columns, total = mk.solve_assignment(scores, capacity)
        assert columns.dtype == np.int64 and columns.shape == (rows,)
        best = (0, 0)
        for choice in itertools.product(range(-1, cols), repeat=rows):
            if any(c >= 0 and scores[r, c] == mk.FORBIDDEN for r, c in enumerate(choice)):
                continue
            if any(choice.count(c) > capacity[c] for c in range(cols)):
                continue
            picked = [scores[r, c] for r, c in enumerate(choice) if c >= 0]
            best = max(best, (len(picked), int(sum(picked))))
        assert (int((columns >= 0).sum()), total) == best


def test_solver_refuses_bad_input_and_releases_the_gil():
    with pytest.raises(TypeError):
        mk.solve_assignment(np.ones((2, 2)), [1, 1])
    with pytest.raises(ValueError):
        mk.solve_assignment(np.ones(4, dtype=np.int64), [1, 1])
    with pytest.raises(mk.InvalidArgument):
        mk.solve_assignment(np.ones((2, 2), dtype=np.int64), [1, -1])
    with pytest.raises(mk.InvalidArgument):
        mk.solve_assignment(np.ones((2, 2), dtype=np.int64), [1, 1], groups=[1])
    columns, total = mk.solve_assignment(np.array([[5, 1], [5, 2]]), [2, 2], groups=[0, 0])
    assert list(columns) == [0, 1] and total == 7

    # Another thread keeps running while a large solve holds no GIL.
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            stop.wait(0.001)

    scores = np.random.default_rng(1).integers(0, 1_000_000, size=(3000, 600))
    t = threading.Thread(target=tick)
    t.start()
    time.sleep(0.01)
    begin = time.perf_counter()
    mk.solve_assignment(scores, np.full(600, 5))
    end = time.perf_counter()
    stop.set()
    t.join()
    assert any(begin < x < end for x in ticks)
