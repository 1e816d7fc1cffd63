"""A realistic small research script: demo program -> export -> pandas analysis."""

from __future__ import annotations

import datetime as dt

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
