"""The demo program from Python."""

from __future__ import annotations

import datetime as dt

import mentorkit as mk


def test_demo_has_every_kind_of_partnership(store):
    mk.populate_demo(store, dt.date(2026, 11, 24))
    rels = store.relationships.list()
    assert store.people.count() >= 24 and len(rels) >= 12
    assert {r.model for r in rels} == set(mk.Model)
    assert {r.style for r in rels if r.style is not None} == set(mk.Style)
    assert {r.status for r in rels} == set(mk.Status)
    assert {r.formality for r in rels} == set(mk.Formality)
    states = {v.state for r in rels for v in store.agreements.versions(r.id, acting=r.learner)}
    assert states == set(mk.AgreementState)
    assert any(r.supervision_justification for r in rels)
    names = {p.name for p in store.people.list()}
    assert {"Елена Петрова", "Νίκος Παπαδόπουλος", "فاطمة الزهراء"} <= names
    assert max(len(store.relationships.board(p.id)) for p in store.people.list()) >= 3
    # The demo restores the system clock.
    assert abs(store.now() - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)


def test_demo_defaults_to_the_stores_today(tmp_path):
    with mk.Store(tmp_path / "demo.db") as s:
        mk.populate_demo(s)
        assert s.audit.total() > 50
    with mk.Store(tmp_path / "demo.db") as s:
        assert s.people.count() >= 24
