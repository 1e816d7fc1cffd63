"""A realistic small research script: demo program -> export -> pandas analysis."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import mentorkit as mk


def test_research_script(tmp_path):
    pd = pytest.importorskip("pandas")
    today = dt.date(2026, 11, 24)
    path = tmp_path / "program.db"
    with mk.Store(path) as store:
        mk.populate_demo(store, today)

    # A researcher opens the program file later and analyses it.
    with mk.Store.open(path) as store:
        people = mk.export_people(store).to_pandas()
        rels = mk.export_relationships(store).to_pandas()
        expertise = mk.export_expertise(store).to_pandas()

    # Relationships per model and status.
    counts = rels.groupby(["model", "status"], observed=True).size()
    assert counts.sum() == len(rels)
    assert set(rels["model"].unique()) == {"mentoring", "coaching", "supervision"}

    # Level gap between guide and learner, by style (traditional > 0, peer == 0, reverse < 0).
    levels = people.set_index("id")["level"]
    rels["gap"] = rels["guide"].map(levels) - rels["learner"].map(levels)
    by_style = rels.dropna(subset=["style"]).groupby("style", observed=True)["gap"]
    assert (by_style.min()["traditional"]) > 0
    assert by_style.max()["peer"] == 0 and by_style.min()["peer"] == 0
    assert by_style.max()["reverse"] < 0

    # Planned length in days of the relationships that have a planned end.
    planned = (rels["end"] - rels["start"]).dt.days.dropna()
    assert (planned > 0).all()

    # Mentors by committee: learners with the most open mentoring/coaching guides.
    open_guided = rels[rels["status"].isin(["active"]) & rels["model"].isin(
        ["mentoring", "coaching"])]
    board_sizes = open_guided.groupby("learner").size().sort_values(ascending=False)
    assert board_sizes.iloc[0] >= 3

    # Expertise of guides in their focus area (a merge across tables).
    merged = rels.merge(expertise, left_on=["guide", "focus"], right_on=["person", "area"],
                        how="left")
    assert len(merged) == len(rels)
    assert merged["level"].max() <= 5


def test_research_script_meetings_against_goal_attainment(tmp_path):
    """A program of a few hundred relationships built through the API (not the demo): do pairs
    who meet more in their first 90 days progress further on their goals?"""
    pd = pytest.importorskip("pandas")
    import random

    rng = random.Random(2024)
    utc = dt.timezone.utc
    start = dt.date(2024, 1, 15)
    as_of = dt.date(2024, 6, 30)
    path = tmp_path / "program.db"
    n = 300
    with mk.Store(path) as store:
        store.set_clock(dt.datetime(2024, 7, 1, 12, tzinfo=utc))
        with store.transaction():
            rels = []
            for i in range(n):
                mentor = store.people.create(f"Mentor {i}", 3)
                mentee = store.people.create(f"Mentee {i}", 1)
                r = store.relationships.propose(
                    model=mk.Model.mentoring, guide=mentor, learner=mentee, focus="research",
                    start=start, proposed_by=mentor, proposed_on=start)
                store.relationships.accept(r, mentee, start)
                rels.append((r, mentor, mentee))
            for r, mentor, mentee in rels:
                # Meetings every ~10 days, some cancelled; more meetings, more progress.
                meetings_wanted = rng.randint(0, 9)
                held = 0
                for k in range(meetings_wanted):
                    when = dt.datetime.combine(start + dt.timedelta(days=1 + 10 * k),
                                               dt.time(9), utc)
                    m = store.meetings.schedule(r, by=mentee, start=when, link="https://meet")
                    if rng.random() < 0.8:
                        store.meetings.mark_held(m, mentor)
                        held += 1
                    else:
                        store.meetings.cancel(m, mentee, at=when - dt.timedelta(days=1))
                g = store.goals.create(r, "Submit papers", by=mentee, on=start,
                                       due=dt.date(2024, 12, 31),
                                       measure=mk.Measure("papers", "papers", 0, 10))
                store.goals.activate(g, mentee, start)
                for week, share in ((4, 0.3), (12, 0.7), (20, 1.0)):
                    value = share * (held + rng.uniform(-1.0, 1.0))
                    store.goals.check_in(g, mentee, start + dt.timedelta(weeks=week), value)

    # The researcher opens the file later and analyses it with pandas.
    with mk.Store.open(path) as store:
        store.set_clock(dt.datetime(2024, 7, 1, 12, tzinfo=utc))
        rel_df = mk.export_relationships(store).to_pandas()
        meetings = mk.export_meetings(store).to_pandas()
        stats = mk.export_meeting_stats(store).to_pandas()
        reviews = mk.export_goal_reviews(store, as_of=as_of).to_pandas()

    assert len(rel_df) == n and len(stats) == n and len(reviews) == n
    # Meetings held in the first 90 days, from the raw meetings table...
    starts = rel_df.set_index("id")["start"]
    meetings["rel_start"] = meetings["relationship"].map(starts)
    first = meetings[(meetings["status"] == "held") & (
        meetings["start"].dt.tz_convert(None) < meetings["rel_start"] + pd.Timedelta(days=90))]
    per_rel = first.groupby("relationship").size().reindex(rel_df["id"], fill_value=0)
    # ...agree with the summary rows the core keeps.
    summary = stats.set_index("relationship")["held_first_90_days"]
    assert (per_rel.values == summary.reindex(rel_df["id"]).values).all()

    attainment = reviews.groupby("relationship")["progress"].mean()
    joined = pd.DataFrame({"meetings_90": summary}).join(attainment, how="inner")
    assert len(joined) == n and joined.index.is_unique  # one row per relationship
    corr = joined["meetings_90"].corr(joined["progress"])
    assert np.isfinite(corr) and corr > 0.5
    # The health of the program: every relationship is active and has a health.
    assert stats["health"].notna().all()
    by_health = stats.groupby("health", observed=True).size()
    assert by_health.sum() == n
