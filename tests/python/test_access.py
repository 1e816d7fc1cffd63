"""Every read of a relationship's content goes through an acting person: the two parties read
it; the learner's supervisor, another mentor of the same learner and a stranger are refused
(PermissionDenied, not_a_party) and nothing is written; the audit log shows each person only
the entries that concern them."""

from __future__ import annotations

import datetime as dt

import pytest

import mentorkit as mk
from conftest import START

UTC = dt.timezone.utc


def d(month, day):
    return dt.date(2024, month, day)


@pytest.fixture
def content(org):
    """Outsider mentors analyst (the pair); peer mentors analyst too; lead is the analyst's
    supervisor; director is a stranger. The pair's relationship holds one of everything."""
    s = org.store
    r = org.active()
    other = org.active(guide=org.peer, focus="writing")
    s.set_clock(dt.datetime(2024, 6, 1, 12, tzinfo=UTC))
    g = s.goals.create(r, "Two papers", by=org.analyst, on=START, due=d(9, 1),
                       measure=mk.Measure("papers", "papers", 0, 2))
    s.goals.activate(g, org.analyst, START)
    s.goals.check_in(g, org.outsider, d(2, 1), 1.0, note="Quokka: stuck on reviewer 2")
    s.goals.hold_review(r, org.analyst, d(3, 1), [mk.ReviewItem(g)])
    s.agreements.edit_clause(r, 0, "Platypus: we write together on Fridays", org.outsider)
    s.agreements.raise_misunderstanding(r, org.analyst, d(2, 2), "Who drafts the cover letter?")
    item = s.actions.create(r, "Send the draft", assignee=org.analyst, by=org.outsider,
                            due=d(3, 1), on=d(2, 1))
    s.coaching.record(r, by=org.outsider, on=d(2, 5), skill="abstracts", score=4,
                      question="Who reads it first?")
    s.goals.create(other, "Write daily", by=org.analyst, on=START)
    return r, other, g, item


def reads(s, r, g, item, acting):
    return {
        "goals.get": lambda: s.goals.get(g, acting=acting),
        "goals.list": lambda: s.goals.list(r, acting=acting),
        "goals.check_ins": lambda: s.goals.check_ins(g, acting=acting),
        "goals.review": lambda: s.goals.review(g, acting=acting),
        "goals.reviews": lambda: s.goals.reviews(r, acting=acting),
        "goals.review_history": lambda: s.goals.review_history(r, acting=acting),
        "agreements.current": lambda: s.agreements.current(r, acting=acting),
        "agreements.in_force": lambda: s.agreements.in_force(r, acting=acting),
        "agreements.versions": lambda: s.agreements.versions(r, acting=acting),
        "agreements.version": lambda: s.agreements.version(r, 1, acting=acting),
        "agreements.misunderstandings": lambda: s.agreements.misunderstandings(r, acting=acting),
        "actions.get": lambda: s.actions.get(item, acting=acting),
        "actions.list": lambda: s.actions.list(r, acting=acting),
        "actions.overdue": lambda: s.actions.overdue(r, acting=acting),
        "coaching.list": lambda: s.coaching.list(r, acting=acting),
        "coaching.series": lambda: s.coaching.series(r, "abstracts", acting=acting),
        "coaching.progress": lambda: s.coaching.progress(r, acting=acting),
    }


def test_the_parties_read_everything(org, content):
    r, _, g, item = content
    for party in (org.analyst, org.outsider):
        got = {name: read() for name, read in reads(org.store, r, g, item, party).items()}
        assert got["goals.get"].title == "Two papers"
        assert [c.note for c in got["goals.check_ins"]] == ["Quokka: stuck on reviewer 2"]
        assert got["goals.review"].check_ins == 1 and len(got["goals.reviews"]) == 1
        assert len(got["goals.review_history"]) == 1
        assert got["agreements.current"].clauses[0].text.startswith("Platypus")
        assert got["agreements.in_force"] is None and len(got["agreements.versions"]) == 1
        assert len(got["agreements.misunderstandings"]) == 1
        assert got["actions.get"].title == "Send the draft"
        assert [x.id for x in got["actions.overdue"]] == [item]
        assert len(got["coaching.list"]) == 1 and len(got["coaching.series"]) == 1
        assert got["coaching.progress"][0].skill == "abstracts"


@pytest.mark.parametrize("who", ["lead", "peer", "director"])
def test_outsiders_are_refused_and_nothing_is_written(org, content, who):
    """lead: the learner's supervisor; peer: another mentor of the same learner; director: a
    stranger."""
    r, _, g, item = content
    outsider = getattr(org, who)
    total = org.store.audit.total()
    for name, read in reads(org.store, r, g, item, outsider).items():
        with pytest.raises(mk.PermissionDenied) as e:
            read()
        assert e.value.code is mk.ErrorCode.not_a_party, name
        assert f"person {outsider} is not a party to relationship {r}" in str(e.value), name
    assert org.store.audit.total() == total
    for name, read in reads(org.store, r, g, item, 999).items():
        with pytest.raises(mk.NotFound):
            read()
    # What is program structure stays readable.
    assert org.store.relationships.get(r).learner == org.analyst
    assert org.store.relationships.warnings(r)
    assert org.store.meetings.stats(r).planned == 0
    assert len(org.store.goals.review_all()) == 2


def test_acting_is_keyword_only_and_required(org, content):
    r, _, g, _ = content
    with pytest.raises(TypeError):
        org.store.goals.get(g, org.analyst)
    with pytest.raises(TypeError):
        org.store.goals.list(r)
    with pytest.raises(TypeError):
        org.store.agreements.current(r)


def test_audit_log_through_an_acting_person(org, content):
    r, other, g, _ = content
    audit = org.store.audit

    def about_pair(e):
        return (e.entity == "relationship" and e.entity_id == r) or \
            (e.entity == "goal" and e.entity_id == g) or f'"relationship":{r},' in e.detail or \
            f'"relationship":{r}}}' in e.detail or e.entity in ("checkin", "coaching_cycle")

    for party in (org.analyst, org.outsider):
        seen = audit.entries(acting=party, limit=100000)
        assert audit.count(acting=party) == len(seen)
        kinds = {(e.entity, e.action) for e in seen if about_pair(e)}
        assert {("relationship", "propose"), ("goal", "create"), ("checkin", "check_in"),
                ("goal_review", "hold_review"), ("agreement", "edit_clause"),
                ("misunderstanding", "raise"), ("action_item", "create"),
                ("coaching_cycle", "record")} <= kinds
        assert all("Quokka" not in e.detail for e in seen)
    for who in ("lead", "director"):
        seen = audit.entries(acting=getattr(org, who), limit=100000)
        assert not [e for e in seen if about_pair(e)]
        assert audit.entries(acting=getattr(org, who), entity="goal", entity_id=g) == []
    # The other mentor sees their own relationship with the learner, not this one.
    peer = audit.entries(acting=org.peer, limit=100000)
    assert any(e.entity == "relationship" and e.entity_id == other for e in peer)
    assert not [e for e in peer if e.entity == "relationship" and e.entity_id == r]
    assert audit.total() > audit.count(acting=org.analyst)
