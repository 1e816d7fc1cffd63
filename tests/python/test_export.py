"""Columnar export: dict of NumPy arrays, zero-copy numeric columns, to_pandas()."""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np
import pytest

import mentorkit as mk
from conftest import START, TODAY


def test_people_table(org):
    t = mk.export_people(org.store)
    assert isinstance(t, dict) and isinstance(t, mk.Table)
    assert list(t) == ["id", "name", "level", "email", "phone", "supervisor",
                       "expertise_areas", "created_at"]
    assert t.num_rows == 5 and all(len(c) == 5 for c in t.values())
    assert t["id"].dtype == np.int64 and t["level"].dtype == np.int64
    assert t["name"].dtype == object and t["email"].dtype == object
    assert t["created_at"].dtype == np.dtype("datetime64[ms]")
    assert t["id"].tolist() == [org.director, org.lead, org.analyst, org.peer, org.outsider]
    assert t["name"].tolist() == ["Director", "Lead", "Analyst", "Peer", "Outsider"]
    assert t["supervisor"].tolist() == [-1, org.director, org.lead, -1, -1]
    assert t["email"].tolist() == [None] * 5
    assert t["expertise_areas"].tolist() == [1, 1, 2, 1, 1]
    assert t["created_at"][0] == np.datetime64("2024-01-10T12:00:00.000")
    assert "people: 5 rows" in repr(t)


def test_numeric_columns_are_not_copied(org):
    t = mk.export_people(org.store)
    for name in ("id", "level", "supervisor", "created_at"):
        column = t[name]
        assert not column.flags.owndata  # a view of the core's vector...
        assert column.base is not None  # ...kept alive by the capsule that owns it
    ids = t["id"]
    del t
    assert ids.tolist()[0] == org.director  # still valid after the dict is gone


def test_expertise_table(org):
    t = mk.export_expertise(org.store)
    rows = list(zip(t["person"].tolist(), t["area"].tolist(), t["level"].tolist()))
    assert (org.analyst, "social media", 5) in rows
    assert len(rows) == 6


def test_relationships_table(org):
    r1 = org.active()
    r2 = org.propose(model=mk.Model.coaching, focus="talks", formality=mk.Formality.formal,
                     end=dt.date(2024, 9, 30))
    org.store.relationships.decline(r2, org.analyst, dt.date(2024, 1, 12), "too busy")
    t = mk.export_relationships(org.store)
    assert t.num_rows == 2
    assert t["id"].tolist() == [r1, r2]
    assert t["model"].dtype == np.int8
    assert [mk.Model(c) for c in t["model"]] == [mk.Model.mentoring, mk.Model.coaching]
    assert t["style"].tolist() == [mk.Style.traditional.value, -1]
    assert t["status"].tolist() == [mk.Status.active.value, mk.Status.declined.value]
    assert t["start"].dtype == np.dtype("datetime64[D]")
    assert t["start"][0] == np.datetime64(START.isoformat())
    assert np.isnat(t["end"][0]) and t["end"][1] == np.datetime64("2024-09-30")
    assert t["proposed_on"][0] == np.datetime64(TODAY.isoformat())
    assert np.isnat(t["ended_on"][0]) and t["ended_on"][1] == np.datetime64("2024-01-12")
    assert t["ended_by"].tolist() == [-1, org.analyst]
    assert t["end_reason"].tolist() == [None, "too busy"]
    assert t["guide_accepted"].dtype == np.bool_
    assert t["learner_accepted"].tolist() == [True, False]
    assert t.categories["model"] is mk.Model
    only_open = mk.export_relationships(org.store, open_only=True)
    assert only_open["id"].tolist() == [r1]
    coaching = mk.export_relationships(org.store, model=mk.Model.coaching)
    assert coaching["id"].tolist() == [r2]


def test_empty_tables(store):
    for t in (mk.export_people(store), mk.export_relationships(store),
              mk.export_expertise(store)):
        assert t.num_rows == 0
        assert all(len(c) == 0 for c in t.values())
    assert mk.export_relationships(store)["start"].dtype == np.dtype("datetime64[D]")


def test_to_pandas(org):
    pd = pytest.importorskip("pandas")
    org.active()
    org.active(model=mk.Model.coaching, focus="talks")
    df = mk.export_relationships(org.store).to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == 2
    assert isinstance(df["model"].dtype, pd.CategoricalDtype)
    assert list(df["model"].cat.categories) == ["mentoring", "coaching", "supervision"]
    assert df["model"].tolist() == ["mentoring", "coaching"]
    assert df["style"].isna().tolist() == [False, True]
    assert str(df["ended_by"].dtype) == "Int64" and df["ended_by"].isna().all()
    assert str(df["created_at"].dtype) == "datetime64[ms, UTC]"
    people = mk.export_people(org.store).to_pandas()
    assert people.loc[people["name"] == "Analyst", "supervisor"].item() == org.lead
    assert people["supervisor"].isna().sum() == 3


def test_to_pandas_without_pandas_is_a_clear_import_error(org, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match="pip install pandas"):
        mk.export_people(org.store).to_pandas()
