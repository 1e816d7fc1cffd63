"""Type conversions: dates, instants, enums, paths, ids; bad input is a clean error."""

from __future__ import annotations

import datetime as dt
import pathlib

import numpy as np
import pytest

import mentorkit as mk
from conftest import START


def test_dates_round_trip(org):
    r = org.propose(formality=mk.Formality.formal, end=dt.date(2024, 12, 31))
    rel = org.store.relationships.get(r)
    assert type(rel.start) is dt.date and rel.start == START
    assert rel.end == dt.date(2024, 12, 31)
    assert rel.ended_on is None


def test_a_datetime_is_not_a_date(org):
    with pytest.raises(TypeError):
        org.propose(start=dt.datetime(2024, 1, 15, 9, 0))


def test_instants_are_aware_utc(store):
    p = store.people.create("A")
    created = store.people.get(p).created_at
    assert created.tzinfo is not None and created.utcoffset() == dt.timedelta(0)
    assert created == dt.datetime(2024, 1, 10, 12, tzinfo=dt.timezone.utc)


def test_aware_instants_in_any_zone_are_converted(store):
    plus_two = dt.timezone(dt.timedelta(hours=2))
    store.set_clock(dt.datetime(2024, 3, 31, 1, 30, 0, 123999, tzinfo=plus_two))
    now = store.now()
    assert now == dt.datetime(2024, 3, 30, 23, 30, 0, 123000, tzinfo=dt.timezone.utc)
    assert store.today() == dt.date(2024, 3, 30)  # the UTC day
    try:
        from zoneinfo import ZoneInfo
    except ImportError:  # pragma: no cover - Python < 3.9
        return
    try:
        berlin = ZoneInfo("Europe/Berlin")
    except Exception:  # pragma: no cover - no tz database on the machine
        pytest.skip("no time zone database")
    # 2024-03-31 is the DST change in Berlin: 03:30 CEST = 01:30 UTC, 01:30 CET = 00:30 UTC.
    store.set_clock(dt.datetime(2024, 3, 31, 3, 30, tzinfo=berlin))
    assert store.now() == dt.datetime(2024, 3, 31, 1, 30, tzinfo=dt.timezone.utc)
    store.set_clock(dt.datetime(2024, 3, 31, 1, 30, tzinfo=berlin))
    assert store.now() == dt.datetime(2024, 3, 31, 0, 30, tzinfo=dt.timezone.utc)


def test_naive_datetimes_are_refused(store):
    with pytest.raises(ValueError, match="naive"):
        store.set_clock(dt.datetime(2024, 1, 1, 12))
    store.set_clock(None)  # back to the system clock
    assert abs(store.now() - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)


def test_enums_in_and_out(org):
    r = org.propose(model=mk.Model.coaching, focus="talks")
    rel = org.store.relationships.get(r)
    assert rel.model is mk.Model.coaching
    assert rel.status is mk.Status.proposed
    with pytest.raises(TypeError):
        org.propose(model="coaching", focus="other")
    with pytest.raises(TypeError):
        org.propose(model=1, focus="other")
    with pytest.raises(TypeError):
        org.propose(formality=mk.Style.peer, focus="other")


def test_paths_as_str_or_pathlib(tmp_path):
    with mk.Store(tmp_path / "a.db") as a:
        assert a.path == tmp_path / "a.db" and isinstance(a.path, pathlib.Path)
    with mk.Store.open(str(tmp_path / "b.db")) as b:
        assert b.path == tmp_path / "b.db"
    assert mk.Store.memory().path is None
    with pytest.raises(TypeError):
        mk.Store(42)
    with pytest.raises(mk.InvalidArgument):
        mk.Store("")


def test_ids(org):
    p = org.store.people
    assert p.get(np.int64(org.lead)).id == org.lead  # ids from an export work
    for bad in (0, -1, 2**63, 2**100):
        with pytest.raises(ValueError, match="positive integer"):
            p.get(bad)
    for bad in (True, 1.0, "1", None, [1]):
        with pytest.raises(TypeError):
            p.get(bad)


def test_none_where_not_allowed(org):
    with pytest.raises(TypeError):
        org.store.people.create(None)
    with pytest.raises(TypeError):
        org.store.relationships.accept(1, None, START)
    with pytest.raises(TypeError):
        org.propose(start=None)
    with pytest.raises(mk.InvalidArgument, match="out of range"):
        org.store.people.create("A", level=2**40)  # past C++ int: named, not a signature dump
    with pytest.raises(TypeError):
        org.store.people.create("A", level=1.5)


def test_text_with_nul_or_invalid_utf8_is_refused(store):
    with pytest.raises(mk.InvalidArgument):
        store.people.create("nul\x00byte")
    with pytest.raises(mk.InvalidArgument, match="lone surrogate"):
        store.people.create("lone surrogate \ud800")


def test_value_type_reprs(org):
    r = org.active()
    assert repr(org.store.relationships.get(r)).startswith(
        "Relationship(id=1, model=<Model.mentoring: 0>")
    assert repr(org.store.relationships.history(r)[0]).startswith("RelationshipEvent(kind=")
    assert repr(org.store.agreements.current(r, acting=org.analyst)).startswith(
        "AgreementVersion(relationship=1")
    assert repr(mk.Clause(mk.ClauseKind.setting, "Where", "Café")).startswith("Clause(kind=")
    assert repr(mk.AgreementTerms(7)) == "AgreementTerms(cadence_days=7, review_date=None)"
    assert repr(org.store.audit.entries(acting=org.director)[0]).startswith("AuditEntry(id=1")
    org.store.agreements.sign(r, 1, org.analyst)
    assert repr(org.store.agreements.current(r, acting=org.analyst).signatures[0]).startswith(
        "Signature(person=")
    assert repr(org.store) == "<mentorkit.Store :memory: open>"
    assert repr(org.store.people) == "<mentorkit.People>"
