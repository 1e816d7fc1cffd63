"""Shared fixtures: in-memory and file stores, and a small organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

import mentorkit as mk

TODAY = dt.date(2024, 1, 10)
START = dt.date(2024, 1, 15)
NOON = dt.datetime(2024, 1, 10, 12, tzinfo=dt.timezone.utc)


@pytest.fixture
def store():
    with mk.Store.memory() as s:
        s.set_clock(NOON)
        yield s


@pytest.fixture
def file_store(tmp_path):
    with mk.Store(tmp_path / "program.db") as s:
        s.set_clock(NOON)
        yield s


@dataclass
class Org:
    store: mk.Store
    director: int  # level 5, supervises lead
    lead: int  # level 3, supervises analyst; research 4
    analyst: int  # level 1; research 1, social media 5
    peer: int  # level 1; research 2
    outsider: int  # level 4, no line to anybody

    def propose(self, model=mk.Model.mentoring, guide=None, learner=None, focus="research", **kw):
        kw.setdefault("start", START)
        kw.setdefault("proposed_on", TODAY)
        guide = self.outsider if guide is None else guide
        learner = self.analyst if learner is None else learner
        kw.setdefault("proposed_by", guide)
        return self.store.relationships.propose(
            model=model, guide=guide, learner=learner, focus=focus, **kw
        )

    def active(self, **kw):
        r = self.propose(**kw)
        rel = self.store.relationships.get(r)
        if not rel.learner_accepted:
            self.store.relationships.accept(r, rel.learner, START)
        if not rel.guide_accepted:
            self.store.relationships.accept(r, rel.guide, START)
        return r


@pytest.fixture
def org(store):
    p = store.people
    director = p.create("Director", 5, expertise={"leadership": 5})
    lead = p.create("Lead", 3, supervisor=director, expertise={"research": 4})
    analyst = p.create(
        "Analyst", 1, supervisor=lead, expertise=[("research", 1), ("social media", 5)]
    )
    peer = p.create("Peer", 1, expertise={"research": 2})
    outsider = p.create("Outsider", 4, expertise={"research": 5})
    return Org(store, director, lead, analyst, peer, outsider)
