"""Columnar export of goals, check-ins, goal reviews, meetings and meeting stats."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import mentorkit as mk
from conftest import START

UTC = dt.timezone.utc


@pytest.fixture
def program(org):
    """One mentoring relationship with two goals, check-ins (one corrected), meetings with every
    outcome, private notes and rating comments; a second relationship without anything."""
    s = org.store
    r = org.active()
    other = org.active(guide=org.peer, focus="writing")
    s.set_clock(dt.datetime(2024, 6, 1, 12, tzinfo=UTC))
    g1 = s.goals.create(r, "Papers", by=org.analyst, on=START, due=dt.date(2024, 3, 4),
                        measure=mk.Measure("papers submitted", "papers", 0, 10))
    s.goals.activate(g1, org.analyst, START)
    s.goals.add_milestone(g1, "Outline", by=org.analyst)
    g2 = s.goals.create(r, "Confidence", by=org.analyst, on=START,
                        function=mk.GoalFunction.psychosocial_support)
    c1 = s.goals.check_in(g1, org.analyst, dt.date(2024, 1, 22), 2.0, "secret note")
    c2 = s.goals.check_in(g1, org.analyst, dt.date(2024, 2, 5), 4.0)
    c3 = s.goals.correct(c2, org.outsider, 5.0)
    m1 = s.meetings.schedule(r, by=org.analyst, start=dt.datetime(2024, 2, 1, 9, tzinfo=UTC),
                             link="https://meet/private-link")
    m2 = s.meetings.schedule(r, by=org.analyst, start=dt.datetime(2024, 2, 8, 9, tzinfo=UTC),
                             duration_minutes=45, setting=mk.Setting.in_person_private,
                             place="Room 12")
    m3 = s.meetings.schedule(r, by=org.analyst, start=dt.datetime(2024, 5, 20, 9, tzinfo=UTC),
                             link="x")
    s.meetings.add_agenda_item(m1, "Confidential agenda", org.analyst)
    s.meetings.mark_held(m1, org.outsider)
    s.meetings.rate(m1, org.analyst, 1, "secret comment")
    s.meetings.cancel(m2, org.outsider, at=dt.datetime(2024, 2, 7, 9, tzinfo=UTC))
    s.notes.write(r, author=org.analyst, on=dt.date(2024, 2, 1), text="secret text", meeting=m1)
    return dict(r=r, other=other, g1=g1, g2=g2, c1=c1, c2=c2, c3=c3, m1=m1, m2=m2, m3=m3)


def all_text(table):
    out = []
    for column in table.values():
        if column.dtype == object:
            out.extend(str(v) for v in column)
    return " ".join(out)


def test_goals_table(org, program):
    t = mk.export_goals(org.store)
    assert t.name == "goals" and t.num_rows == 2
    assert t["id"].tolist() == [program["g1"], program["g2"]]
    assert t["relationship"].dtype == np.int64 and t["kind"].dtype == np.int8
    assert [mk.GoalKind(c) for c in t["kind"]] == [mk.GoalKind.measurable, mk.GoalKind.open_ended]
    assert t["status"].tolist() == [mk.GoalStatus.active.value, mk.GoalStatus.draft.value]
    assert t["function"][1] == mk.GoalFunction.psychosocial_support.value
    assert t["metric"].tolist() == ["papers submitted", None]
    assert t["unit"].tolist() == ["papers", None]
    assert t["baseline"].dtype == np.float64 and t["target"][0] == 10.0
    assert np.isnan(t["baseline"][1]) and np.isnan(t["target"][1])
    assert t["due"].dtype == np.dtype("datetime64[D]")
    assert t["due"][0] == np.datetime64("2024-03-04") and np.isnat(t["due"][1])
    assert t["created_on"][0] == np.datetime64(START.isoformat())
    assert t["activated_on"][0] == np.datetime64(START.isoformat())
    assert np.isnat(t["activated_on"][1])
    assert t["milestones_total"].tolist() == [1, 0] and t["milestones_done"].tolist() == [0, 0]
    assert t["learner"].tolist() == [org.analyst] * 2
    assert not t["id"].flags.owndata and t["id"].base is not None  # zero-copy


def test_check_ins_table_has_no_note_text(org, program):
    t = mk.export_check_ins(org.store)
    assert t.num_rows == 3
    assert t["id"].tolist() == [program["c1"], program["c2"], program["c3"]]
    assert t["value"].tolist() == [2.0, 4.0, 5.0]
    assert t["has_note"].dtype == np.bool_ and t["has_note"].tolist() == [True, False, False]
    assert t["effective"].tolist() == [True, False, True]
    assert t["supersedes"].tolist() == [-1, -1, program["c2"]]
    assert t["superseded_by"].tolist() == [-1, program["c3"], -1]
    assert t["on"][2] == np.datetime64("2024-02-05")
    assert t["recorded_at"].dtype == np.dtype("datetime64[ms]")
    assert t["relationship"].tolist() == [program["r"]] * 3
    assert "note" not in t
    df = t.to_pandas()
    assert str(df["supersedes"].dtype) == "Int64" and df["supersedes"].isna().sum() == 2


def test_goal_reviews_table(org, program):
    t = mk.export_goal_reviews(org.store, as_of=dt.date(2024, 2, 6))
    assert t.num_rows == 2 and t["goal"].tolist() == [program["g1"], program["g2"]]
    assert t["relationship"].tolist() == [program["r"]] * 2
    assert t["check_ins"].tolist() == [2, 0]
    assert t["progress"][0] == pytest.approx(0.5) and np.isnan(t["progress"][1])
    assert t["latest_value"][0] == 5.0 and t["latest_on"][0] == np.datetime64("2024-02-05")
    assert np.isnat(t["latest_on"][1])
    assert t["forecast"].dtype == np.int8 and t["forecast"][1] == -1
    one = org.store.goals.review(program["g1"], acting=org.analyst, as_of=dt.date(2024, 2, 6))
    assert t["forecast"][0] == one.forecast.value
    assert t["trend_per_week"][0] == pytest.approx(one.trend_per_week)
    assert t["overdue"].dtype == np.bool_ and t["overdue"].tolist() == [False, False]
    # Default: as of today (2024-06-01): past the due date.
    today = mk.export_goal_reviews(org.store)
    assert today["overdue"].tolist() == [True, False]
    assert today["forecast"][0] == mk.Forecast.off_track.value


def test_meetings_table_has_only_times_status_setting_ids(org, program):
    t = mk.export_meetings(org.store)
    assert list(t) == ["id", "relationship", "start", "duration_minutes", "setting", "status"]
    assert t["id"].tolist() == [program["m1"], program["m2"], program["m3"]]
    assert t["start"].dtype == np.dtype("datetime64[ms]")
    assert t["start"][0] == np.datetime64("2024-02-01T09:00:00.000")
    assert t["duration_minutes"].tolist() == [30, 45, 30]
    assert [mk.Setting(c) for c in t["setting"]] == [
        mk.Setting.virtual, mk.Setting.in_person_private, mk.Setting.virtual]
    assert [mk.MeetingStatus(c) for c in t["status"]] == [
        mk.MeetingStatus.held, mk.MeetingStatus.cancelled, mk.MeetingStatus.planned]
    for column in t.values():
        assert column.dtype != object  # no text at all
        assert not column.flags.owndata  # every column is zero-copy


def test_meeting_stats_table(org, program):
    t = mk.export_meeting_stats(org.store)
    assert t["relationship"].tolist() == [program["r"], program["other"]]
    assert t["planned"].tolist() == [3, 0] and t["held"].tolist() == [1, 0]
    assert t["cancelled_by_guide"].tolist() == [1, 0]
    assert t["held_first_90_days"].tolist() == [1, 0]
    assert t["last_held"][0] == np.datetime64("2024-02-01") and np.isnat(t["last_held"][1])
    assert t["health"].dtype == np.int8
    stats = org.store.meetings.all_stats()
    assert t["health"].tolist() == [s.health.value for s in stats]
    assert t["days_since_last_held"].tolist() == [s.days_since_last_held for s in stats]
    assert t["longest_gap_days"].tolist() == [s.longest_gap_days for s in stats]


def test_no_private_text_in_any_export(org, program):
    for export in (mk.export_goals, mk.export_check_ins, mk.export_goal_reviews,
                   mk.export_meetings, mk.export_meeting_stats):
        text = all_text(export(org.store))
        for secret in ("secret", "Confidential", "private-link", "Room 12"):
            assert secret not in text, (export.__name__, secret)


def test_empty_new_tables(store):
    for export in (mk.export_goals, mk.export_check_ins, mk.export_goal_reviews,
                   mk.export_meetings, mk.export_meeting_stats):
        t = export(store)
        assert t.num_rows == 0 and all(len(c) == 0 for c in t.values())
    assert mk.export_meetings(store)["start"].dtype == np.dtype("datetime64[ms]")
    assert mk.export_goals(store)["baseline"].dtype == np.float64


def test_new_tables_to_pandas(org, program):
    pd = pytest.importorskip("pandas")
    meetings = mk.export_meetings(org.store).to_pandas()
    assert isinstance(meetings["status"].dtype, pd.CategoricalDtype)
    assert meetings["status"].tolist() == ["held", "cancelled", "planned"]
    assert list(meetings["setting"].cat.categories) == [
        "in_person_public", "in_person_private", "virtual"]
    assert str(meetings["start"].dtype) == "datetime64[ms, UTC]"
    goals = mk.export_goals(org.store).to_pandas()
    assert goals["kind"].tolist() == ["measurable", "open_ended"]
    reviews = mk.export_goal_reviews(org.store, as_of=dt.date(2024, 2, 6)).to_pandas()
    assert reviews["forecast"].isna().tolist() == [False, True]
    stats = mk.export_meeting_stats(org.store).to_pandas()
    assert stats["health"].tolist() == [s.health.name for s in org.store.meetings.all_stats()]
    assert len(goals.merge(reviews, left_on="id", right_on="goal")) == 2


def test_exports_from_a_closed_store(org, program):
    org.store.close()
    for export in (mk.export_goals, mk.export_check_ins, mk.export_goal_reviews,
                   mk.export_meetings, mk.export_meeting_stats):
        with pytest.raises(mk.StorageError) as e:
            export(org.store)
        assert e.value.code == mk.ErrorCode.closed
