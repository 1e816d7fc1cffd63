"""People, expertise and the supervision hierarchy from Python."""

from __future__ import annotations

import pytest

import mentorkit as mk


def test_create_and_read_back(store):
    p = store.people.create(
        "  Елена Петрова ", 3, email="e@example.org", expertise={"Research": 4, "art": 2}
    )
    person = store.people.get(p)
    assert isinstance(p, int)
    assert person.id == p
    assert person.name == "Елена Петрова"
    assert person.level == 3
    assert person.email == "e@example.org" and person.phone is None
    assert [(e.area, e.level) for e in person.expertise] == [("Research", 4), ("art", 2)] or [
        (e.area, e.level) for e in person.expertise
    ] == [("art", 2), ("Research", 4)]
    assert person.expertise_in("research") == 4
    assert person.expertise_in("cooking") == 0
    assert repr(person).startswith("Person(id=1, name='Елена Петрова', level=3")


def test_expertise_accepts_dict_tuples_and_objects(store):
    a = store.people.create("A", expertise={"x": 1})
    b = store.people.create("B", expertise=[("x", 2)])
    c = store.people.create("C", expertise=[mk.Expertise("x", 3)])
    assert [store.people.get(i).expertise_in("x") for i in (a, b, c)] == [1, 2, 3]
    assert mk.Expertise("x", 3) == mk.Expertise("x", 3)
    with pytest.raises(TypeError):
        store.people.create("D", expertise="research")
    with pytest.raises(mk.InvalidArgument) as e:
        store.people.create("E", expertise={"x": 9})
    assert e.value.code == mk.ErrorCode.invalid_argument


def test_find_list_count_and_edits(store):
    a = store.people.create("A", 2)
    b = store.people.create("B", 1)
    assert store.people.find(99) is None
    assert [p.id for p in store.people.list()] == [a, b]
    assert store.people.count() == 2
    store.people.rename(a, "Alice", by=b)
    store.people.set_level(a, 4)
    store.people.set_contact(a, email="alice@example.org", phone="+1 555")
    store.people.set_expertise(a, "research", 5)
    store.people.remove_expertise(a, "research")
    alice = store.people.get(a)
    assert (alice.name, alice.level, alice.email, alice.phone) == (
        "Alice", 4, "alice@example.org", "+1 555")
    assert alice.expertise == []
    with pytest.raises(mk.NotFound):
        store.people.remove_expertise(a, "research")
    with pytest.raises(mk.InvalidArgument) as e:
        store.people.rename(a, "   ")
    assert e.value.code == mk.ErrorCode.empty_text


def test_hierarchy(org):
    p = org.store.people
    assert p.supervisor_chain(org.analyst) == [org.lead, org.director]
    assert p.direct_reports(org.director) == [org.lead]
    assert p.supervises(org.director, org.analyst)
    assert not p.supervises(org.analyst, org.director)
    with pytest.raises(mk.RuleViolation) as e:
        p.set_supervisor(org.director, org.analyst)
    assert e.value.code == mk.ErrorCode.supervisor_cycle
    p.set_supervisor(org.analyst, None)
    assert p.get(org.analyst).supervisor is None
