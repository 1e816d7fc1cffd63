"""Agreements, signatures, amendments and the misunderstanding log."""

from __future__ import annotations

import datetime as dt

import pytest

import mentorkit as mk
from conftest import TODAY


def test_template_sign_in_force_and_amend(org):
    ag = org.store.agreements
    r = org.active()
    draft = ag.current(r, acting=org.analyst)
    assert draft.number == 1 and draft.state == mk.AgreementState.draft and not draft.stored
    assert {c.kind for c in draft.clauses} >= {mk.ClauseKind.confidentiality,
                                                mk.ClauseKind.ending}
    assert ag.in_force(r, acting=org.analyst) is None
    template = mk.agreement_template(org.store.relationships.get(r))
    assert template.clauses == draft.clauses

    ag.edit_clause(r, 0, "Publish one paper together", org.analyst)
    i = ag.add_clause(r, mk.Clause(mk.ClauseKind.other, "Snacks", "Bring coffee"), org.outsider)
    assert ag.current(r, acting=org.analyst).clauses[i].title == "Snacks"
    ag.remove_clause(r, i, org.outsider)
    ag.set_terms(r, mk.AgreementTerms(cadence_days=14, review_date=dt.date(2024, 6, 1)),
                 org.analyst)
    assert ag.current(r, acting=org.analyst).terms == mk.AgreementTerms(14, dt.date(2024, 6, 1))

    ag.sign(r, 1, org.analyst)
    assert ag.current(r, acting=org.analyst).state == mk.AgreementState.partially_signed
    with pytest.raises(mk.RuleViolation) as e:
        ag.edit_clause(r, 0, "changed my mind", org.analyst)
    assert e.value.code == mk.ErrorCode.agreement_frozen
    with pytest.raises(mk.RuleViolation) as e:
        ag.sign(r, 1, org.analyst)
    assert e.value.code == mk.ErrorCode.already_signed
    ag.sign(r, 1, org.outsider)
    v1 = ag.in_force(r, acting=org.analyst)
    assert v1 is not None and v1.number == 1 and v1.state == mk.AgreementState.in_force
    assert v1.signed_by(org.analyst) and v1.signed_by(org.outsider)
    assert all(s.at.tzinfo is not None for s in v1.signatures)

    assert ag.amend(r, org.outsider, "monthly instead") == 2
    assert ag.current(r, acting=org.analyst).state == mk.AgreementState.draft
    assert ag.in_force(r, acting=org.analyst).number == 1  # old version stays in force meanwhile
    warnings = {w.code for w in org.store.relationships.warnings(r)}
    assert mk.WarningCode.amendment_pending in warnings
    with pytest.raises(mk.RuleViolation) as e:
        ag.sign(r, 1, org.analyst)
    assert e.value.code == mk.ErrorCode.stale_version
    ag.sign(r, 2, org.analyst)
    ag.sign(r, 2, org.outsider)
    states = [v.state for v in ag.versions(r, acting=org.analyst)]
    assert states == [mk.AgreementState.superseded, mk.AgreementState.in_force]
    assert ag.version(r, 1, acting=org.analyst).clauses[0].text == "Publish one paper together"
    with pytest.raises(mk.NotFound):
        ag.version(r, 7, acting=org.analyst)


def test_only_parties_sign(org):
    r = org.active()
    with pytest.raises(mk.PermissionDenied) as e:
        org.store.agreements.sign(r, 1, org.director)
    assert e.value.code == mk.ErrorCode.not_a_party
    assert isinstance(e.value, PermissionError) and isinstance(e.value, mk.Error)


def test_misunderstandings(org):
    ag = org.store.agreements
    r = org.active()
    m = ag.raise_misunderstanding(r, org.analyst, TODAY, "I expected weekly meetings")
    log = ag.misunderstandings(r, acting=org.analyst)
    assert [x.id for x in log] == [m] and log[0].is_open()
    assert mk.WarningCode.open_misunderstandings in {
        w.code for w in org.store.relationships.warnings(r)}
    with pytest.raises(mk.PermissionDenied):
        ag.resolve_misunderstanding(m, org.peer, TODAY, "not mine to resolve")
    ag.resolve_misunderstanding(m, org.outsider, dt.date(2024, 1, 12), "Biweekly, agreed")
    x = ag.misunderstandings(r, acting=org.analyst)[0]
    assert not x.is_open()
    assert (x.resolution, x.resolved_by, x.resolved_on) == (
        "Biweekly, agreed", org.outsider, dt.date(2024, 1, 12))
    with pytest.raises(mk.RuleViolation) as e:
        ag.resolve_misunderstanding(m, org.analyst, TODAY, "again")
    assert e.value.code == mk.ErrorCode.already_resolved
    assert "Misunderstanding(id=" in repr(x)


def test_audit_log_records_who_did_what(org):
    r = org.active()
    org.store.agreements.sign(r, 1, org.analyst)
    audit = org.store.audit
    entries = audit.entries(acting=org.analyst, entity="relationship", entity_id=r)
    assert entries and all(e.entity == "relationship" for e in entries)
    by_analyst = audit.entries(acting=org.analyst, actor=org.analyst)
    assert any(e.action == "sign" for e in by_analyst)
    seen = audit.count(acting=org.analyst)
    assert seen == len(audit.entries(acting=org.analyst, limit=100000))
    assert seen < audit.total()  # not the other people's records
    page = audit.entries(acting=org.analyst, limit=2)
    rest = audit.entries(acting=org.analyst, after_id=page[-1].id)
    assert len(page) + len(rest) == seen
    assert page[0].at == org.store.now()  # the fixed clock
    with pytest.raises(mk.InvalidArgument):
        audit.entries(acting=org.analyst, limit=0)
    with pytest.raises(TypeError):  # the log is read through a person
        audit.entries()
    with pytest.raises(mk.NotFound):
        audit.count(acting=999)
