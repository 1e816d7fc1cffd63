"""Goals, check-ins, forecasts, periodic reviews, action items and coaching cycles."""

from __future__ import annotations

import datetime as dt
import math

import pytest

import mentorkit as mk
from conftest import START

LATER = dt.datetime(2024, 6, 1, 12, tzinfo=dt.timezone.utc)


def d(month, day):
    return dt.date(2024, month, day)


@pytest.fixture
def mentoring(org):
    """An active mentoring relationship (outsider mentors analyst); the clock on 2024-06-01."""
    r = org.active()
    org.store.set_clock(LATER)
    return r


def measurable(org, r, baseline=0.0, target=10.0, due=d(3, 4), by=None, title="Papers"):
    goals = org.store.goals
    g = goals.create(r, title, by=by or org.analyst,
                     measure=mk.Measure("papers submitted", "papers", baseline, target),
                     due=due, on=START)
    goals.activate(g, by or org.analyst, START)
    return g


def test_goal_owner_rule_follows_the_model(org, mentoring):
    goals = org.store.goals
    # Mentoring: the mentee sets the goals, not the mentor.
    with pytest.raises(mk.PermissionDenied):
        goals.create(mentoring, "Publish", by=org.outsider)
    g = goals.create(mentoring, "Publish", by=org.analyst, function=mk.GoalFunction.sponsorship,
                     measure={"metric": "papers", "baseline": 0, "target": 2}, on=START)
    goal = goals.get(g, acting=org.analyst)
    assert goal.kind is mk.GoalKind.measurable and goal.status is mk.GoalStatus.draft
    assert goal.function is mk.GoalFunction.sponsorship
    assert goal.measure == mk.Measure("papers", "", 0.0, 2.0)
    assert goal.created_on == START and goal.learner == org.analyst
    assert goals.is_owner(mentoring, org.analyst) and not goals.is_owner(mentoring, org.outsider)
    assert goals.is_owner(org.store.relationships.get(mentoring), org.analyst)
    # Supervision: the supervisor sets them.
    sup = org.active(model=mk.Model.supervision, guide=org.lead, focus="reports")
    with pytest.raises(mk.PermissionDenied):
        goals.create(sup, "Reports on time", by=org.analyst)
    assert goals.create(sup, "Reports on time", by=org.lead, on=START) > g
    # Coaching: either party.
    coaching = org.active(model=mk.Model.coaching, guide=org.peer, focus="talks")
    goals.create(coaching, "Talk", by=org.peer, on=START)
    goals.create(coaching, "Talk 2", by=org.analyst, on=START)
    assert [x.title for x in goals.list(coaching, acting=org.analyst)] == ["Talk", "Talk 2"]
    with pytest.raises(mk.InvalidArgument):
        goals.create(mentoring, "Same", by=org.analyst, measure=mk.Measure("x", "", 1, 1))
    with pytest.raises(TypeError):
        goals.create(mentoring, "Bad", by=org.analyst, measure={"metric": "x"})


def test_update_milestones_and_lifecycle(org, mentoring):
    goals = org.store.goals
    g = measurable(org, mentoring)
    goals.update(g, by=org.analyst, title="More papers", due=d(9, 1))
    mine = goals.get(g, acting=org.analyst)
    assert mine.title == "More papers" and mine.due == d(9, 1)
    goals.update(g, by=org.analyst, clear_due=True)
    assert goals.get(g, acting=org.analyst).due is None
    with pytest.raises(mk.InvalidArgument):
        goals.update(g, by=org.analyst, due=d(9, 1), clear_due=True)
    assert goals.add_milestone(g, "Draft", by=org.analyst, due=d(2, 1)) == 0
    goals.complete_milestone(g, 0, org.outsider, d(2, 2))
    assert goals.get(g, acting=org.analyst).milestones[0].done()
    assert goals.review(g, acting=org.analyst).milestones_done == 1
    with pytest.raises(mk.PermissionDenied):
        goals.abandon(g, org.outsider, d(3, 1), "mentor cannot")
    goals.achieve(g, org.analyst, d(3, 1), "done")
    assert goals.get(g, acting=org.analyst).status is mk.GoalStatus.achieved
    assert goals.get(g, acting=org.analyst).closed_on == d(3, 1)
    assert repr(goals.get(g, acting=org.analyst)).startswith(
        "Goal(id=1, relationship=1, title='More papers'")


def test_check_in_refusals(org, mentoring):
    goals = org.store.goals
    draft = goals.create(mentoring, "Draft", by=org.analyst, on=START)
    with pytest.raises(mk.RuleViolation) as e:
        goals.check_in(draft, org.analyst, d(2, 1), 1.0)
    assert e.value.code == mk.ErrorCode.invalid_transition
    g = measurable(org, mentoring)
    with pytest.raises(mk.PermissionDenied) as e:
        goals.check_in(g, org.peer, d(2, 1), 1.0)
    assert e.value.code == mk.ErrorCode.not_a_party
    with pytest.raises(mk.InvalidArgument) as e:
        goals.check_in(g, org.analyst, d(1, 2), 1.0)  # before the start
    assert e.value.code == mk.ErrorCode.invalid_date
    with pytest.raises(mk.InvalidArgument) as e:
        goals.check_in(g, org.analyst, d(7, 1), 1.0)  # in the future
    assert e.value.code == mk.ErrorCode.invalid_date
    with pytest.raises(mk.InvalidArgument):
        goals.check_in(g, org.analyst, d(2, 1))  # neither value nor note
    with pytest.raises(mk.InvalidArgument):
        goals.check_in(g, org.analyst, d(2, 1), math.inf)
    open_goal = goals.create(mentoring, "Confidence", by=org.analyst, on=START)
    goals.activate(open_goal, org.analyst, START)
    with pytest.raises(mk.InvalidArgument):
        goals.check_in(open_goal, org.analyst, d(2, 1), 3.0)  # open-ended: notes only
    goals.check_in(open_goal, org.outsider, d(2, 1), note="spoke up in the meeting")
    assert goals.check_ins(open_goal, acting=org.analyst)[0].note == "spoke up in the meeting"
    with pytest.raises(mk.NotFound):
        goals.check_in(999, org.analyst, d(2, 1), 1.0)


def test_correction_supersedes_and_both_are_kept(org, mentoring):
    goals = org.store.goals
    g = measurable(org, mentoring)
    first = goals.check_in(g, org.analyst, d(2, 5), 4.0, "typo")
    fixed = goals.correct(first, org.analyst, 5.0, "fixed")
    history = goals.check_ins(g, acting=org.analyst)
    assert [c.id for c in history] == [first, fixed]
    assert history[0].superseded_by == fixed and not history[0].effective()
    assert history[1].supersedes == first and history[1].effective()
    assert history[1].on == d(2, 5)  # dated like the original
    assert goals.review(g, as_of=d(2, 6), acting=org.analyst).latest_value == 5.0
    assert goals.review(g, as_of=d(2, 6), acting=org.analyst).check_ins == 1
    with pytest.raises(mk.RuleViolation) as e:
        goals.correct(first, org.analyst, 6.0)  # already corrected: correct the correction
    assert e.value.code == mk.ErrorCode.invalid_transition
    assert repr(history[1]).startswith("CheckIn(id=2, goal=1")


def test_forecast_on_a_hand_made_history(org, mentoring):
    goals = org.store.goals
    g = measurable(org, mentoring, baseline=0, target=10, due=d(3, 4))
    goals.check_in(g, org.analyst, d(1, 22), 2.0)
    assert goals.review(g, as_of=d(1, 23), acting=org.analyst).forecast is mk.Forecast.too_early
    goals.check_in(g, org.analyst, d(2, 5), 4.0)
    last = goals.check_in(g, org.outsider, d(2, 19), 6.0)
    r = goals.review(g, as_of=d(2, 20), acting=org.analyst)
    # One unit per week; two weeks to the due date: 8 of 10 projected -> at risk.
    assert r.progress == pytest.approx(0.6)
    assert r.trend_per_week == pytest.approx(1.0)
    assert r.projected == pytest.approx(8.0)
    assert r.projected_progress == pytest.approx(0.8)
    assert r.forecast is mk.Forecast.at_risk
    # The correction changes the fit: (0, 2), (2, 4), (4, 8) weeks -> 1.5/week, 11 projected.
    goals.correct(last, org.analyst, 8.0)
    r = goals.review(g, as_of=d(2, 20), acting=org.analyst)
    assert r.trend_per_week == pytest.approx(1.5) and r.projected == pytest.approx(11.0)
    assert r.forecast is mk.Forecast.on_track
    # Past the due date without reaching the target: off track, and overdue while active.
    late = goals.review(g, as_of=d(3, 10), acting=org.analyst)
    assert late.forecast is mk.Forecast.off_track and late.overdue
    assert [x.goal for x in goals.reviews(mentoring, as_of=d(2, 20), acting=org.analyst)] == [g]
    assert [x.goal for x in goals.review_all(as_of=d(2, 20))] == [g]
    assert "forecast=<Forecast.off_track: 3>" in repr(late)


def test_periodic_review(org, mentoring):
    goals = org.store.goals
    a = measurable(org, mentoring, title="A")
    b = measurable(org, mentoring, title="B", due=None)
    goals.check_in(a, org.analyst, d(2, 5), 5.0)
    with pytest.raises(mk.InvalidArgument):  # every active goal, no fewer
        goals.hold_review(mentoring, org.outsider, d(3, 1), [mk.ReviewItem(a)])
    with pytest.raises(mk.PermissionDenied):  # the mentor may hold it, not achieve the goal
        goals.hold_review(mentoring, org.outsider, d(3, 1), [
            mk.ReviewItem(a, mk.ReviewDecision.achieved, "done"), mk.ReviewItem(b)])
    review = goals.hold_review(mentoring, org.analyst, d(3, 1), [
        mk.ReviewItem(a, mk.ReviewDecision.changed, "aim higher",
                      mk.GoalChanges(measure=mk.Measure("papers submitted", "papers", 0, 20))),
        mk.ReviewItem(b, decision=mk.ReviewDecision.abandoned, reason="not now"),
    ], summary="spring review")
    assert goals.get(a, acting=org.analyst).measure.target == 20
    assert goals.get(b, acting=org.analyst).status is mk.GoalStatus.abandoned
    (record,) = goals.review_history(mentoring, acting=org.analyst)
    assert record.id == review and record.summary == "spring review"
    assert record.held_on == d(3, 1) and record.held_by == org.analyst
    assert [(x.goal, x.decision) for x in record.lines] == [
        (a, mk.ReviewDecision.changed), (b, mk.ReviewDecision.abandoned)]
    assert record.lines[0].progress == pytest.approx(0.5)  # against the target then
    assert repr(record).startswith("GoalReviewRecord(id=1")
    assert repr(mk.ReviewItem(a)) == (
        "ReviewItem(goal=1, decision=<ReviewDecision.kept: 0>, reason='')")
    assert mk.GoalChanges(clear_due=True).clear_due


def test_action_items_overdue(org, mentoring):
    actions = org.store.actions
    g = measurable(org, mentoring)
    late = actions.create(mentoring, "Send the draft", assignee=org.analyst, by=org.outsider,
                          due=d(2, 1), goal=g, on=d(1, 20))
    later = actions.create(mentoring, "Introduce to the editor", assignee=org.outsider,
                           by=org.outsider, due=d(8, 1), on=d(1, 20))
    assert [x.id for x in actions.overdue(mentoring, acting=org.analyst)] == [late]
    assert actions.overdue(mentoring, as_of=d(1, 25), acting=org.analyst) == []
    item = actions.get(late, acting=org.analyst)
    assert item.is_open() and item.overdue(d(6, 1)) and item.goal == g
    actions.close(late, org.analyst, d(6, 1))
    closed = actions.get(late, acting=org.analyst)
    assert closed.closed_by == org.analyst and not closed.is_open()
    assert actions.overdue(mentoring, acting=org.analyst) == []
    assert [x.id for x in actions.list(mentoring, open_only=True, acting=org.analyst)] == [later]
    assert [x.id for x in actions.list(mentoring, acting=org.analyst)] == [later, late]
    with pytest.raises(mk.PermissionDenied):
        actions.create(mentoring, "Stranger's idea", assignee=org.analyst, by=org.peer)
    with pytest.raises(mk.InvalidArgument):
        actions.create(mentoring, "Stranger does it", assignee=org.peer, by=org.analyst)
    with pytest.raises(mk.InvalidArgument):
        actions.create(mentoring, "", assignee=org.analyst, by=org.analyst)
    assert repr(item).startswith("ActionItem(id=1")


def test_coaching_cycles_and_supervision_refusal(org):
    coaching = org.active(model=mk.Model.coaching, guide=org.peer, focus="talks")
    sup = org.active(model=mk.Model.supervision, guide=org.lead, focus="reports")
    org.store.set_clock(LATER)
    cycles = org.store.coaching
    with pytest.raises(mk.RuleViolation):
        cycles.record(sup, by=org.lead, on=d(2, 1), skill="reporting", score=5)
    with pytest.raises(mk.PermissionDenied):
        cycles.record(coaching, by=org.analyst, on=d(2, 1), skill="talks", score=5)
    with pytest.raises(mk.InvalidArgument):
        cycles.record(coaching, by=org.peer, on=d(2, 1), skill="talks", score=11)
    for day, score in ((d(2, 1), 3), (d(2, 8), 5), (d(2, 15), 7)):
        cycles.record(coaching, by=org.peer, on=day, skill="Case presentation", score=score,
                      question="What would you change?")
    assert len(cycles.list(coaching, acting=org.analyst)) == 3
    series = cycles.series(coaching, "case PRESENTATION", acting=org.analyst)
    assert [c.score for c in series] == [3, 5, 7]
    (p,) = cycles.progress(coaching, acting=org.analyst)
    assert (p.cycles, p.first_score, p.latest_score, p.best_score) == (3, 3, 7, 7)
    assert p.slope_per_cycle == pytest.approx(2.0)
    assert not cycles.list(coaching, acting=org.analyst)[0].within_mentoring
    assert mk.CoachingCycles.score_min == 1 and mk.CoachingCycles.score_max == 10
    assert repr(p).startswith("SkillProgress(skill='Case presentation'")
