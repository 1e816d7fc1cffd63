"""The relationship rules, from the Python side."""

from __future__ import annotations

import datetime as dt

import pytest

import mentorkit as mk
from conftest import START, TODAY


def test_style_is_derived_from_the_hierarchy(org):
    r = org.store.relationships
    traditional = org.propose(guide=org.outsider, learner=org.peer)
    assert r.get(traditional).style == mk.Style.traditional
    peer = org.propose(guide=org.peer, learner=org.analyst)
    assert r.get(peer).style == mk.Style.peer
    # The analyst is junior but far more expert in social media than the outsider.
    reverse = org.propose(guide=org.analyst, learner=org.outsider, focus="social media")
    assert r.get(reverse).style == mk.Style.reverse
    assert r.derive_style(org.analyst, org.outsider, "social media") == mk.Style.reverse
    with pytest.raises(mk.RuleViolation) as e:
        org.propose(guide=org.analyst, learner=org.outsider, focus="research")
    assert e.value.code == mk.ErrorCode.reverse_without_expertise
    with pytest.raises(mk.RuleViolation) as e:
        org.propose(guide=org.outsider, learner=org.peer, focus="writing",
                    declared_style=mk.Style.peer)
    assert e.value.code == mk.ErrorCode.style_contradiction
    # Coaching has no style.
    coaching = org.propose(model=mk.Model.coaching, guide=org.outsider, learner=org.peer,
                           focus="talks")
    assert r.get(coaching).style is None


def test_supervision_line_refused_unless_justified(org):
    with pytest.raises(mk.RuleViolation) as e:
        org.propose(guide=org.director, learner=org.analyst)
    assert e.value.code == mk.ErrorCode.supervision_line
    assert "supervis" in str(e.value)
    r = org.propose(guide=org.director, learner=org.analyst,
                    supervision_justification="no other senior researcher in the unit")
    rel = org.store.relationships.get(r)
    assert rel.supervision_justification == "no other senior researcher in the unit"
    org.store.relationships.accept(r, org.analyst, START)
    codes = [w.code for w in org.store.relationships.warnings(r)]
    assert mk.WarningCode.crosses_supervision_line in codes


def test_duplicate_open_relationship_refused(org):
    org.propose()
    with pytest.raises(mk.RuleViolation) as e:
        org.propose()
    assert e.value.code == mk.ErrorCode.duplicate_relationship
    org.propose(focus="statistics")  # another focus is fine


def test_invalid_requests(org):
    with pytest.raises(mk.InvalidArgument):
        org.propose(guide=org.peer, learner=org.peer)
    with pytest.raises(mk.InvalidArgument) as e:
        org.propose(formality=mk.Formality.formal)  # formal needs an end date
    with pytest.raises(mk.InvalidArgument) as e:
        org.propose(end=dt.date(2023, 1, 1))
    assert e.value.code == mk.ErrorCode.invalid_date
    with pytest.raises(mk.NotFound):
        org.propose(learner=999)
    with pytest.raises(mk.RuleViolation):  # supervision needs a more senior guide
        org.propose(model=mk.Model.supervision, guide=org.peer, learner=org.outsider)


def test_lifecycle(org):
    rels = org.store.relationships
    r = org.propose()
    assert rels.get(r).status == mk.Status.proposed
    rels.accept(r, org.analyst, START)
    assert rels.get(r).status == mk.Status.active
    rels.pause(r, org.analyst, dt.date(2024, 3, 1), "exams")
    assert rels.get(r).status == mk.Status.paused
    rels.resume(r, org.outsider, dt.date(2024, 4, 1))
    with pytest.raises(mk.RuleViolation) as e:
        rels.resume(r, org.outsider, dt.date(2024, 4, 2))
    assert e.value.code == mk.ErrorCode.invalid_transition
    rels.complete(r, org.analyst, dt.date(2024, 12, 1), "goals reached")
    rel = rels.get(r)
    assert rel.status == mk.Status.completed and not rel.is_open()
    assert (rel.ended_on, rel.ended_by, rel.end_reason) == (
        dt.date(2024, 12, 1), org.analyst, "goals reached")
    kinds = [e.kind for e in rels.history(r)]
    assert kinds == [mk.EventKind.proposed, mk.EventKind.accepted, mk.EventKind.paused,
                     mk.EventKind.resumed, mk.EventKind.completed]
    assert all(isinstance(e.at, dt.datetime) and e.at.tzinfo is not None
               for e in rels.history(r))
    # declined and withdrawn
    d = org.propose(focus="ethics")
    rels.decline(d, org.analyst, TODAY)
    assert rels.get(d).status == mk.Status.declined
    w = org.active(focus="python")
    rels.withdraw(w, org.analyst, dt.date(2024, 2, 1), "moved teams")
    assert rels.get(w).status == mk.Status.withdrawn
    assert [x.id for x in rels.list(open_only=True)] == []
    assert len(rels.list(status=mk.Status.withdrawn)) == 1
    assert len(rels.list(person=org.analyst, model=mk.Model.mentoring)) == 3


def test_flash_conversion_and_board(org):
    rels = org.store.relationships
    f = org.active(formality=mk.Formality.flash)
    rels.convert(f, org.analyst, dt.date(2024, 2, 1), mk.Formality.formal,
                 end=dt.date(2024, 12, 31))
    assert rels.get(f).formality == mk.Formality.formal
    org.active(guide=org.peer, focus="writing")
    org.active(model=mk.Model.coaching, focus="talks")
    board = rels.board(org.analyst)
    assert len(board) == 3
    assert {s.focus for s in board} == {"research", "writing", "talks"}
    assert "BoardSeat(" in repr(board[0])


def test_non_party_is_refused_with_permission_error(org):
    r = org.propose()
    with pytest.raises(mk.PermissionDenied) as e:
        org.store.relationships.accept(r, org.peer, START)
    assert isinstance(e.value, PermissionError)
    assert e.value.code == mk.ErrorCode.not_a_party


def test_warnings_are_data(org):
    r = org.active(model=mk.Model.coaching, focus="talks")
    warnings = org.store.relationships.warnings(r)
    codes = {w.code for w in warnings}
    assert mk.WarningCode.coaching_without_measurable_goal in codes
    assert mk.WarningCode.agreement_not_in_force in codes
    assert all(isinstance(w.message, str) and w.message for w in warnings)
    assert repr(warnings[0]).startswith("RelationshipWarning(code=<WarningCode.")
